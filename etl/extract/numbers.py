"""Find every number in a text and read it as a quantity with bounds, unit and offsets.

text2num reads number words in English and Dutch (ten thousand, honderd miljoen). What no
library covers is written here: numerals with the separators of the article's language
(977,151 in English; 1.110.056 and 51,25 in Dutch), Korean myriad units (97만7151, 100억,
10억8000여만), orders of magnitude (tens of millions, tientallen miljoenen, 수십만), qualifier
bounds (over, bijna, 이상, N여), ranges, units and currencies. babel's parser was the first
choice for separators; at 20 microseconds a number it made an article of numbers take minutes,
and the three languages' rules fit in `parse_numeral`.

The scanner works on spans: it finds atoms (a numeral, a run of number words, an order of
magnitude), then grows each atom with a scale word, a unit, a qualifier or a range partner.
Every quantity keeps the character offsets of the text it was read from. Numbers that are not
figures (years, dates, ages, ranks, multipliers, pack sizes, references, times of day) are
returned too, with `kind` saying what they are, so that every number is accounted for. Each
step looks only at a bounded window around a number, so the whole scan is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from etl.extract.anchors import Hints, fold_text
from etl.extract.records import evolve
from etl.extract.sentences import MAY_END_SENTENCE

# ---------------------------------------------------------------------------------------------
# Vocabulary of the scanner. Each table maps surface forms (lower case) to a meaning.

SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "duizend": 10**3, "miljoen": 10**6, "miljard": 10**9, "biljoen": 10**12,
    "mln": 10**6, "mld": 10**9, "mrd": 10**9, "bn": 10**9, "mio": 10**6,
    # Indian English: "10 lakh listings", "₹40 crore"
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
}
# "£3m", "$1.2bn": abbreviated scales count only right after a currency-prefixed number.
ABBREVIATED_SCALES: dict[str, int] = {"m": 10**6, "bn": 10**9, "b": 10**9, "k": 10**3,
                                      "mn": 10**6, "tn": 10**12}
KOREAN_UNITS: dict[str, int] = {"백": 10**2, "천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12}
# One part of a Korean number: digits, a thousand or hundred of the group, a myriad unit.
_KOREAN_PARTS = re.compile(r"([\d,.]+)\s*(?:여\s*)?(천|백)?(?:여)?\s*(조|억|만)?")

# Plural "order of magnitude" words: "tens of millions" = 10 x 10^6 to 100 x 10^6.
MAGNITUDE_WORDS: dict[str, int] = {
    "tens": 10, "dozens": 10, "hundreds": 100, "thousands": 10**3, "millions": 10**6,
    "billions": 10**9,
    "tientallen": 10, "honderden": 100, "duizenden": 10**3, "miljoenen": 10**6,
    "miljarden": 10**9,
}
KOREAN_MAGNITUDE: dict[str, int] = {"수십": 10, "수백": 100, "수천": 1000}
DIGIT_COUNT_WORDS: dict[str, int] = {"single": 1, "double": 2, "triple": 3, "quadruple": 4}

# Currency: surface -> ISO code. Prefix forms stand before the number.
KRONE = "krone"  # the unit of a krone whose country the text does not name
SHILLING = "shilling"  # and of a shilling whose country it does not name
CURRENCY_SUFFIX: dict[str, str] = {
    "won": "KRW", "krw": "KRW", "원": "KRW", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "€": "EUR", "dollars": "USD", "dollar": "USD", "usd": "USD", "달러": "USD", "불": "USD",
    "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "renminbi": "CNY", "위안": "CNY",
    "pounds": "GBP", "pound": "GBP", "gbp": "GBP", "pond": "GBP", "francs": "CHF",
    "franc": "CHF", "chf": "CHF", "frank": "CHF", "yen": "JPY", "엔": "JPY", "유로": "EUR",
    "hkd": "HKD", "hk$": "HKD", "rupees": "INR", "rupee": "INR", "baht": "THB",
    "ringgit": "MYR", "rupiah": "IDR", "reais": "BRL", "lira": "TRY", "roebel": "RUB",
    "roubles": "RUB", "rubles": "RUB", "루피": "INR", "바트": "THB", "링깃": "MYR",
    "대만달러": "TWD", "홍콩달러": "HKD", "싱가포르달러": "SGD", "호주달러": "AUD",
    "캐나다달러": "CAD", "루블": "RUB", "페소": "PHP", "헤알": "BRL", "동": "VND",
    # a krone is Danish, Norwegian or Swedish, a shilling Kenyan, Ugandan or Tanzanian: the
    # country the article names says which (_named_currencies); "Deense kronen" says it outright
    **{w: KRONE for w in ("kronen", "kroner", "kronor", "krone", "krona", "kroon", "크로네",
                          "크로나")},
    **{w: SHILLING for w in ("shillings", "shilling", "실링")},
    **{f"{adjective} {w}": code for adjective, code in (
        ("kenyan", "KES"), ("ugandan", "UGX"), ("tanzanian", "TZS"), ("keniaanse", "KES"),
        ("oegandese", "UGX")) for w in ("shillings", "shilling")},
    **{f"{adjective} {w}": code for adjective, code in (
        ("deense", "DKK"), ("noorse", "NOK"), ("zweedse", "SEK"), ("danish", "DKK"),
        ("norwegian", "NOK"), ("swedish", "SEK")) for w in ("kronen", "kroner", "kronor")},
}
# A suffix that is a common syllable too: a currency only after a sum of its size ("738억동" is
# dong, "101동" a block of flats) and not starting a word ("5억 동결" is frozen, "100만 동원"
# mobilised): the smallest sum, and what may not follow it.
_SYLLABLE_SUFFIXES = {"동": (1_000_000, re.compile(r"(?!으로|[의에을이은도만과와로])[가-힣]"))}
CURRENCY_PREFIX: dict[str, str] = {"$": "USD", "€": "EUR", "₩": "KRW", "£": "GBP", "¥": "CNY",
                                   "usd": "USD", "eur": "EUR", "krw": "KRW", "us$": "USD",
                                   "hk$": "HKD", "gbp": "GBP", "chf": "CHF", "cny": "CNY",
                                   "rmb": "CNY", "₱": "PHP", "₹": "INR", "₽": "RUB",
                                   "₺": "TRY", "₫": "VND", "฿": "THB", "₦": "NGN", "r$": "BRL",
                                   "a$": "AUD", "c$": "CAD", "s$": "SGD", "nt$": "TWD",
                                   "inr": "INR", "aud": "AUD", "cad": "CAD", "sgd": "SGD",
                                   "jpy": "JPY", "hkd": "HKD",
                                   # East African shillings as their papers write them ("Sh",
                                   # "Shs": whose, the country named says; _named_currencies)
                                   "sh": SHILLING, "shs": SHILLING, "ksh": "KES", "kes": "KES",
                                   "ush": "UGX", "ugx": "UGX", "tsh": "TZS", "tzs": "TZS",
                                   "sek": "SEK", "dkk": "DKK", "twd": "TWD", "brl": "BRL",
                                   "vnd": "VND", "rub": "RUB", "thb": "THB", "zar": "ZAR"}

# Units: surface -> (unit, unit_kind).
UNITS: dict[str, tuple[str, str]] = {
    "%": ("percent", "percent"), "percent": ("percent", "percent"),
    "per cent": ("percent", "percent"), "procent": ("percent", "percent"),
    "퍼센트": ("percent", "percent"), "％": ("percent", "percent"),
    "procentpunt": ("percentage_point", "percent"),
    "percentage points": ("percentage_point", "percent"), "%p": ("percentage_point", "percent"),
    **{w: ("day", "duration") for w in ("days", "day", "dagen", "dag", "일")},
    **{w: ("week", "duration") for w in ("weeks", "week", "weken", "주", "주일")},
    **{w: ("month", "duration") for w in ("months", "month", "maanden", "maand", "개월", "달")},
    **{w: ("year", "duration") for w in ("years", "year", "jaar", "jaren", "년")},
    **{w: ("hour", "duration") for w in ("hours", "hour", "uur", "uren", "시간")},
    **{w: ("minute", "duration") for w in ("minutes", "minute", "minuten", "minuut", "분")},
    **{w: ("second", "duration") for w in ("seconds", "second", "seconden", "초")},
    "명": ("person", "count"), "개": ("item", "count"), "건": ("case", "count"),
    "곳": ("place", "count"), "박스": ("box", "count"), "점": ("item", "count"),
    # weights as the corpus labels them (kg or tonne); pounds would be read as sterling
    **{w: ("kg", "mass") for w in ("kg", "kilo", "kilos", "kilogram", "kilograms",
                                   "kilogrammes", "킬로그램", "킬로")},
    **{w: ("tonne", "mass") for w in ("ton", "tons", "tonne", "tonnes", "톤")},
}

# Units that compare across their sizes: unit -> (what it measures, how many base units, days
# or kilograms, it is). "15 minutes" and "0.25 hours" are one duration, "55 ton" is 55,000 kg.
IN_BASE_UNITS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1 / 86400), "minute": ("duration", 1 / 1440),
    "hour": ("duration", 1 / 24), "day": ("duration", 1), "week": ("duration", 7),
    "month": ("duration", 30.4375), "year": ("duration", 365.25),
    "kg": ("mass", 1), "tonne": ("mass", 1000),
}

# Qualifiers before the number (longest first when matching) and after it (Korean).
QUALIFIER_BEFORE: dict[str, dict[str, str]] = {
    "en": {"more than": "over", "over": "over", "above": "over", "at least": "over",
           "in excess of": "over", "exceeding": "over", "upwards of": "over",
           "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
           "about": "about", "around": "about", "approximately": "about", "roughly": "about",
           "some": "about", "an estimated": "about", "approx.": "about", "circa": "about",
           "estimated": "about", "an approximate": "about", "c.": "about",
           "up to": "up_to", "as many as": "up_to", "at most": "up_to",
           "no more than": "up_to", "within": "up_to", "less than": "up_to",
           "fewer than": "up_to", "under": "up_to", "a maximum of": "up_to",
           "maximum": "up_to", "as much as": "up_to"},
    # Dutch "over" means "about/across" ("verdeeld over 228 landen"), never "more than".
    "nl": {"meer dan": "over", "ruim": "over", "boven de": "over", "boven": "over",
           "minstens": "over", "ten minste": "over", "tenminste": "over", "bijna": "nearly",
           "nagenoeg": "nearly", "vrijwel": "nearly", "ongeveer": "about", "circa": "about",
           "ca.": "about", "zo'n": "about", "zo’n": "about", "rond de": "about",
           "rond": "about", "een stuk of": "about", "naar schatting": "about",
           "geschat": "about", "omstreeks": "about", "pakweg": "about",
           "maximaal": "up_to", "hooguit": "up_to", "tot wel": "up_to", "binnen": "up_to",
           "minder dan": "up_to", "ten hoogste": "up_to", "tot maximaal": "up_to"},
    "ko": {"약": "about", "대략": "about", "거의": "nearly", "최대": "up_to", "최소": "over"},
}
QUALIFIER_AFTER: dict[str, str] = {
    "이상": "over", "넘게": "over", "넘는": "over", "여": "over", "가량": "about",
    "정도": "about", "남짓": "over", "안팎": "about", "이하": "up_to", "미만": "up_to",
    "이내": "up_to", "안에": "up_to", "이내에": "up_to", "내에": "up_to", "가까이": "nearly",
    "가까운": "nearly", "에 육박": "nearly", "에 가까운": "nearly", "에 달하": "exact",
    "넘어": "over", "넘었": "over", "를 넘": "over", "을 넘": "over", "이 넘": "over",
    "가 넘": "over", "를 돌파": "over", "을 돌파": "over", "돌파": "over", "를 웃돌": "over",
    "을 웃돌": "over",
}
RANGE_JOINERS = ("to", "-", "–", "—", "~", "∼", "〜", "tot", "à", "a", "tot en met", "t/m")
RANGE_OPENERS = {"between": "and", "tussen": "en", "from": "to", "van": "tot"}
# "from 2.97 million to 6.13 million" is a change, not a range, when one of these is near:
# the two values become linked figures (before, after), never their midpoint.
CHANGE_WORDS = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|increas|grow|grew|growth|fell|fall|drop|declin|jump|climb|"
    r"surg|soar|plung|doubl|tripl|halv|cut|reduc|shrank|shrink|went (?:up|down)|"
    r"expand|up from|down from|compared|steeg|stijg|gestegen|daalde|daal|gedaald|groei|"
    r"nam (?:toe|af)|toegenomen|afgenomen|verdubbel|verminder|teruggelopen|liep)", re.I)
KOREAN_CHANGE = re.compile(r"늘|줄|증가|감소|급증|급감|상승|하락|확대|축소|불어|뛰")

# How far "about" and "nearly" stretch a value into bounds. Stated here so that
# claims_vs_observed compares against documented bounds, not a hidden tolerance.
ABOUT_TOLERANCE = 0.10
NEARLY_TOLERANCE = 0.10
# A run of number words longer than this is not one number ("one two three ... one hundred").
MAX_WORD_RUN = 8

# Words that read as the number one but are articles ("een boek", "a book").
ARTICLE_WORDS = frozenset({"een", "één", "one", "a", "an"})
# Dutch and English number words text2num accepts but that are common non-number words.
NOT_NUMBER_WORDS = frozenset({"second", "seconde", "tweede", "derde", "eerste", "first",
                              "third", "zero", "nul", "o", "oh", "vierde", "vijfde", "half",
                              "halve", "quarter", "kwart", "ones"})


# What a number is when it is no figure, and the reason a skip gives for it: every kind the
# reader gives besides "figure" is here, so that a skip never says less than why.
NOT_FIGURE_KINDS = {
    "number_run": "a run of numbers with no words (a table or a list)",
    "year": "year", "ordinal": "ordinal", "reference": "reference", "age": "age",
    "rank": "rank", "multiplier": "multiplier", "pack_size": "pack size",
    "programme_length": "programme length", "time_of_day": "time of day",
    "around_the_clock": "around the clock",
    "time_span": "a span of time that says when, not how much",
    "fraction": "a share in words ('one in five')",
    "unreadable": "separators do not fit the article's language",
}


@dataclass(frozen=True)
class Quantity:
    char_start: int
    char_end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    qualifier: str = "exact"
    unit: str | None = None
    unit_kind: str | None = None  # currency, percent, duration, count
    currency: str | None = None
    significant_digits: int | None = None  # how precisely the number was written
    kind: str = "figure"  # or what the number is instead: a key of NOT_FIGURE_KINDS
    link: str | None = None  # before / after / converted
    linked_index: int | None = None  # position (in the returned list) of the linked figure

    @property
    def over_a_whole(self) -> bool:
        """More than 100 (percent): no part is more than its whole, so no share ("구매 금액의
        200%를 환불" is a multiple)."""
        return (self.value_low or self.value or 0) > 100

    @property
    def signed(self) -> bool:
        """Negative: the reading made it a fall ("fell by 12%"), which only a change can be."""
        return (self.value or 0) < 0


# ---------------------------------------------------------------------------------------------
# Atom readers: pure functions of a string.

_EN_NUMERAL = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
                         r"\d+(?:\.\d+)?")
_NL_NUMERAL = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def parse_numeral(text: str, language: str) -> float:
    """Read a written numeral with the separators of the text's language.

    English and Korean group with commas and use a decimal point; Dutch the other way round.
    A numeral that fits neither ("1.000.000,5" in English) raises ValueError."""
    if language == "nl":
        if _NL_NUMERAL.fullmatch(text):
            return float(text.replace(".", "").replace(",", "."))
        # "2.5" in a Dutch text: a decimal point, unless three digits follow (a group)
        if _NL_DECIMAL_POINT.fullmatch(text):
            return float(text)
    elif _EN_NUMERAL.fullmatch(text):
        return float(text.replace(",", ""))
    elif language == "en" and _EN_DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", "."))  # "1,2" in English text is a list or a slip
    raise ValueError(f"{text!r} does not fit the number format of {language!r} text")


_NOT_DIGIT = re.compile(r"\D")
_NL_DECIMAL_POINT = re.compile(r"\d+\.\d{1,2}|\d+\.\d{4,}")
_EN_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def significant_digits(numeral: str) -> int:
    digits = _NOT_DIGIT.sub("", numeral).lstrip("0")
    return len(digits.rstrip("0")) or 1


@lru_cache(maxsize=4096)
def word_value(words: str, language: str) -> int | None:
    """Value of a run of number words, or None (text2num, English and Dutch)."""
    if language not in ("en", "nl"):
        return None
    if language == "nl":
        words = words.replace("eén", "één")  # "Eén" opening a sentence, lowered
    try:
        return int(text2num(words, language))
    except (ValueError, IndexError, KeyError):
        return None


def parse_korean(text: str) -> tuple[float, int, bool]:
    """Read a number written with Korean myriad units: 97만7151, 100억, 1조 2000억, 8000여만,
    and the news agencies' thousands inside a myriad group: 9천338억, 4천만, 9억3천만.

    Returns the value, the count of significant digits as written, and whether 여 ("-odd",
    a little over) appeared inside it."""
    total = 0.0
    group = 0.0  # the digits before the next myriad unit ("9천338" of "9천338억")
    for digits, small, myriad in _KOREAN_PARTS.findall(text):
        group += float(digits.replace(",", "")) * KOREAN_UNITS.get(small, 1)
        if myriad:
            total += group * KOREAN_UNITS[myriad]
            group = 0.0
    total += group
    # the digits of the number composed: "1천5억" is 1005억, four of them (its parts have two)
    sig = len(str(round(total)).rstrip("0")) or 1
    return total, sig, "여" in text


# ---------------------------------------------------------------------------------------------
# The scanner.

# Indian grouping first ("1,16,323": lakhs, then thousands)
# (thousands groups end where the digits do: "0.0004" is a decimal, not "0.000" and "4")
_NUMERAL = (r"\d{1,2}(?:,\d\d)+,\d{3}(?!\d)(?:\.\d+)?|\d{1,3}(?:[.,]\d{3})+(?!\d)(?:[.,]\d+)?"
            r"|\d+(?:[.,]\d+)?")
# "천" alone is a thousand (5천원); before a myriad unit it belongs to that unit's group
# (4천만원 is 40 million, 9천338억원 933.8 billion); "백" only so (3백만)
_KOREAN = (rf"(?:(?:{_NUMERAL})\s?(?:여\s?)?"
           rf"(?:천여?(?:조(?!각)|억|만)?|백여?(?:조(?!각)|억|만)|조|억|만)\s?)+"
           rf"(?:\d+(?:,\d{{3}})*)?")
_ATOM = re.compile(
    rf"(?P<korean>{_KOREAN})"
    rf"|(?P<kmag>수십|수백|수천)\s?(?P<kmagunit>조|억|만|천)?"
    rf"|(?P<numeral>{_NUMERAL})"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_DIGIT_COUNT = re.compile(r"\b(single|double|triple|quadruple)[- ]digits?\b")  # folded text


def _is_number_word(token: str, language: str) -> bool:
    low = token.lower()
    if low in NOT_NUMBER_WORDS or low in MAGNITUDE_WORDS:
        return False
    return low in SCALES or word_value(low, language) is not None


# The stressed Dutch "one" (an article is never written so), and the units of a term after it.
_STRESSED_ONE = frozenset({"één", "eén"})
_TIME_UNIT_AFTER = re.compile(r"\s+(?:jaar|maand|maanden|week|weken|dag|dagen)\b", re.IGNORECASE)


def _find_word_runs(text: str, language: str) -> list[tuple[int, int, int]]:
    """Runs of number words as (start, end, value), longest that text2num accepts."""
    if language not in ("en", "nl"):
        return []
    tokens = [m for m in _WORD.finditer(text)]
    judged: dict[str, bool] = {}  # a long text repeats its words: each is judged once
    number_word = []
    for token in tokens:
        word = token.group()
        if word not in judged:
            judged[word] = _is_number_word(word, language)
        number_word.append(judged[word])
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < len(tokens):
        if not number_word[i]:
            i += 1
            continue
        j = i
        while (j + 1 < len(tokens) and j - i + 1 < MAX_WORD_RUN
               and number_word[j + 1]
               and re.fullmatch(r"[\s-]*", text[tokens[j].end():tokens[j + 1].start()])):
            j += 1
        # Shrink from the right until text2num reads the run.
        while j >= i:
            surface = text[tokens[i].start():tokens[j].end()]
            value = word_value(surface.lower().replace("-", " "), language)
            if value is not None:
                break
            j -= 1
        if j < i:
            i += 1
            continue
        single = i == j
        # "één jaar cel", "Eén maand voorwaardelijk": the stressed "one" of a term is a number
        term = tokens[i].group().lower() in _STRESSED_ONE and bool(
            _TIME_UNIT_AFTER.match(text, tokens[i].end()))
        if not (single and tokens[i].group().lower() in ARTICLE_WORDS) or term:
            runs.append((tokens[i].start(), tokens[j].end(), value))
        i = j + 1
    return runs


def _followed_by(text: str, pos: int, table: dict, max_gap: int = 1) -> tuple[str, int] | None:
    """The longest key of `table` starting at pos after at most `max_gap` spaces.

    A word key must end at a word boundary ("won" but not "wonderful"); Korean keys take
    particles, so they need not."""
    m = _after_pattern(id(table), table, max_gap).match(text, pos)
    return (m.group(1).lower(), m.end()) if m else None


def _preceded_by(text: str, pos: int, table: dict) -> tuple[str, int] | None:
    """The longest key of `table` ending just before pos (one space allowed), not inside a
    longer word. Matched on the reversed text, so the cost is the key's length, not a scan
    of the stretch before the number."""
    backwards = _reversed(text)
    m = _before_pattern(id(table), table).match(backwards, len(text) - pos)
    if not m:
        return None
    return m.group(1)[::-1].lower(), len(text) - m.end(1)


@lru_cache(maxsize=2)
def _reversed(text: str) -> str:
    return text[::-1]


_PATTERNS: dict[tuple, re.Pattern] = {}


def _alternation(table: dict) -> str:
    return "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))


def _after_pattern(key: int, table: dict, max_gap: int) -> re.Pattern:
    """One compiled alternation per table (longest key first): a match costs one regex."""
    if (key, "after", max_gap) not in _PATTERNS:
        boundary = r"(?:(?<=[\uac00-\ud7a3])|(?<![^\W\d_])|(?![^\W\d_]))"
        _PATTERNS[(key, "after", max_gap)] = re.compile(
            rf"[ \u00a0]{{0,{max_gap}}}({_alternation(table)}){boundary}", re.I)
    return _PATTERNS[(key, "after", max_gap)]


def _before_pattern(key: int, table: dict) -> re.Pattern:
    """The table's keys reversed, longest first, for matching backwards from a number: the
    key must not continue a longer word (no letter before it)."""
    if (key, "before") not in _PATTERNS:
        reversed_keys = "|".join(re.escape(k[::-1])
                                 for k in sorted(table, key=len, reverse=True))
        _PATTERNS[(key, "before")] = re.compile(
            rf"[ \u00a0]?({reversed_keys})(?![^\W\d_])", re.I)
    return _PATTERNS[(key, "before")]


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _bounds(value: float, qualifier: str) -> tuple[float | None, float | None]:
    if qualifier == "over":
        return value, None
    if qualifier == "up_to":
        return None, value
    if qualifier == "about":
        return value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE)
    if qualifier == "nearly":
        return value * (1 - NEARLY_TOLERANCE), value
    return value, value


def _atoms(text: str, folded: str, language: str,
           runs: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Bare numbers (no unit, qualifier or range yet), in text order, outside the `runs`."""
    atoms: list[Quantity] = []
    for m in _atoms_between(text, runs):
        start, end = m.span()
        if m.group("korean"):
            value, sig, odd = parse_korean(m.group("korean").strip())
            end = start + len(m.group("korean").rstrip())
            low, high = _bounds(value, "over") if odd else (value, value)
            atoms.append(Quantity(start, end, text[start:end], value, low, high,
                                  "over" if odd else "exact", significant_digits=sig))
        elif m.group("kmag"):
            base = KOREAN_MAGNITUDE[m.group("kmag")] * KOREAN_UNITS.get(m.group("kmagunit"), 1)
            atoms.append(Quantity(start, end, text[start:end], float(base), float(base),
                                  float(base * 10), "order_of_magnitude", significant_digits=1))
        else:
            atoms.append(_read_numeral(text, m.group("numeral"), start, end, language))
    taken = [(q.char_start, q.char_end) for q in atoms]
    for start, end, value in _find_word_runs(text, language):
        atoms.append(Quantity(start, end, text[start:end], float(value), float(value),
                              float(value), significant_digits=significant_digits(str(value))))
        taken.append((start, end))
    atoms.extend(_magnitudes(text, folded, sorted(taken)))
    return sorted(atoms, key=lambda q: q.char_start)


def _atoms_between(text: str, runs: list[tuple[int, int]]):
    """The atom matches of the text between the runs of numbers."""
    pos = 0
    for start, end in list(runs) + [(len(text), len(text))]:
        yield from _ATOM.finditer(text, pos, start)
        pos = end


_LETTER_CURRENCY_SCALE = re.compile(r"(?:m|bn|b|k)\b|\s?(?:million|billion|trillion|thousand)\b",
                                    re.I)
_GROUPED_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")  # not a Dutch decimal comma ("P2,5")
# Indian papers write the rupee as "Rs 2 crore", "Rs. 49 lakh": written so, with that case ("RS
# 3", "RS6" are car models), not after a letter ("Mrs 5").
_RUPEE_BEFORE = re.compile(r"(?<![A-Za-z])(?P<sign>Rs)\.? ?$")
# Currencies papers write as a capital letter: the naira in Nigeria, the peso in the Philippines,
# the rand in South Africa.
LETTER_SIGNS = {"N": "₦", "P": "₱", "R": "zar"}


def _letter_currency(text: str, start: int, end: int, numeral: str) -> bool:
    """Nigerian papers write the naira as a capital N ("N996m", "N2.537 billion", "N500,000"),
    Philippine papers the peso as a P ("P14.5 million", "P72,319,500"), South African papers
    the rand as an R ("R37 million", "R95,000"); "N95" (a mask), "P2" and "R1" (a road) are
    codes: only a sum with a scale or thousands is money."""
    return text[start - 1] in LETTER_SIGNS and \
        (start < 2 or not text[start - 2].isalnum()) and \
        (bool(_GROUPED_THOUSANDS.fullmatch(numeral)) or
         bool(_LETTER_CURRENCY_SCALE.match(text, end)))


# What follows a numeral that makes it no figure: an ordinal's ending ("6th", "3e"), letters of
# a code ("A4B"; a scale or a short word may follow a figure), an amount after a year's digits.
_ORDINAL_SUFFIX = re.compile(r"(st|nd|rd|th|e|de|ste|ème)\b", re.I)
_SCALE_OR_SHORT_WORD = re.compile(r"(?:m|bn|b|k|mn|tn|x)\b|[a-z]{1,3}\b", re.I)
_YEAR_DIGITS = re.compile(r"(19|20)\d\d")
_YEAR_AMOUNT_AFTER = re.compile(r"\s?(%|[€$£]|won|euro|dollar|원|명|건|점|개|억|만)", re.I)
_HYPHENATED_UNIT = re.compile(r"-(year|month|week|day|hour|jarige?|maands|weekse)s?\b(?!-old)",
                              re.I)
_HYPHENATED_AGE = re.compile(r"-(?:jarige?)\b|-year-old", re.I)


def _read_numeral(text: str, numeral: str, start: int, end: int, language: str) -> Quantity:
    try:
        value = parse_numeral(numeral, language)
    except ValueError:
        return Quantity(start, end, numeral, None, None, None, kind="unreadable")
    sig = significant_digits(numeral)
    kind = "figure"
    before = text[max(0, start - 1):start]
    after = text[end:end + 3]
    before2 = text[max(0, start - 2):max(0, start - 1)]
    if before in ("#", "/", "@", "_") or (before == "-" and before2.isalpha()):
        kind = "reference"  # issue numbers, URL parts, COVID-19
    elif before.isalpha() and before.isascii() and not _letter_currency(
            text, start, end, numeral) and not _preceded_by(text, start, CURRENCY_PREFIX):
        kind = "reference"  # codes like "A4", "COVID19"
    elif _ORDINAL_SUFFIX.match(after + " "):
        kind = "ordinal"  # 6th, 11st (a company), 3e
    elif after[:1].isalpha() and after[:1].isascii() and not _SCALE_OR_SHORT_WORD.match(after):
        kind = "reference"  # product codes and the like
    elif re.match(r"[:.]\d\d\b", after) and re.match(r"\d{1,2}$", numeral) and re.search(
            r"(?:\bom|\bat|\buur|\bhours|\bu\b|[ap]\.?m)", text[max(0, start - 6):end + 10],
            re.I):
        kind = "time_of_day"  # 15.00 uur, 10:30
    elif _YEAR_DIGITS.fullmatch(numeral) and not _YEAR_AMOUNT_AFTER.match(text, end, end + 6):
        kind = "year"
    return Quantity(start, end, numeral, value, value, value, significant_digits=sig, kind=kind)


def _magnitudes(text: str, folded: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """'tens of millions', 'tientallen miljoenen', 'hundreds of thousands', 'triple-digit'
    (found in the `folded` text: anchors.fold_text)."""
    starts = [s for s, _ in taken]
    found: list[Quantity] = []
    for m in _MAGNITUDE.finditer(folded):
        i = bisect.bisect_left(starts, m.end())
        if i and taken[i - 1][1] > m.start():
            continue
        first = MAGNITUDE_WORDS[m.group(1)]
        second_word = m.group(2) or ""
        second = MAGNITUDE_WORDS.get(second_word) or SCALES.get(second_word) or 1
        if not m.group(2) and not _OF.match(folded, m.end(1)) and first < 10**3:
            continue  # "tens" alone is not a number ("hundreds of years" is, via "of")
        low = first * second
        end = m.end() if m.group(2) else m.end(1)
        found.append(Quantity(m.start(), end, text[m.start():end], float(low), float(low),
                              float(low * 10 if first in (10, 100) else low * 1000),
                              "order_of_magnitude", significant_digits=1))
    for m in _DIGIT_COUNT.finditer(folded):
        digits = DIGIT_COUNT_WORDS[m.group(1)]
        low, high = 10 ** (digits - 1), 10 ** digits - 1
        found.append(Quantity(m.start(), m.end(), text[m.start():m.end()], float(low), float(low),
                              float(high), "order_of_magnitude", significant_digits=1))
    return found


_MAGNITUDE_ALTS = "|".join(sorted(MAGNITUDE_WORDS, key=len, reverse=True))
# on folded text (anchors.fold_text), without re.IGNORECASE: a scan of the whole article
_MAGNITUDE = re.compile(rf"\b({_MAGNITUDE_ALTS})(?:\s+of)?(?:\s+({_MAGNITUDE_ALTS}|"
                        rf"{'|'.join(SCALES)}))?\b")
_OF = re.compile(r"\s+of\b")


def _grow(text: str, q: Quantity) -> Quantity:
    """Attach scale word, unit or currency after the atom, and a currency prefix before it."""
    if q.kind not in ("figure", "year") or q.value is None:
        return q
    start, end, value = q.char_start, q.char_end, q.value
    low, high = q.value_low, q.value_high
    unit = unit_kind = currency = None
    qualifier = q.qualifier
    if text[end:end + 1] == "여" and re.match(r"여\s?[\uac00-\ud7a3]", text[end:end + 3]) \
            and q.qualifier == "exact":
        end += 1  # "2만4100여명", "190여개": N-odd, a little over N
        qualifier = "over"
        low, high = _bounds(value, "over")

    pre = _preceded_by(text, start, CURRENCY_PREFIX)
    # (a plain test first: this runs before every number)
    rupee = None if pre or "Rs" not in text[max(0, start - 4):start] else \
        _RUPEE_BEFORE.search(text, max(0, start - 6), start)
    if rupee:
        pre = ("inr", rupee.start("sign"))
    letter_sign = not pre and start >= 1 and _letter_currency(text, start, end, q.surface)
    scale = _followed_by(text, end, SCALES)
    if not scale and (pre or letter_sign):
        scale = _followed_by(text, end, ABBREVIATED_SCALES, max_gap=0)
    if letter_sign:
        pre = (LETTER_SIGNS[text[start - 1]], start - 1)
    if scale:
        factor = SCALES.get(scale[0]) or ABBREVIATED_SCALES[scale[0]]
        value, low, high = (v * factor if v is not None else None for v in (value, low, high))
        end = scale[1]
    hyphenated = _HYPHENATED_UNIT.match(text[end:end + 12])
    cur = _followed_by(text, end, CURRENCY_SUFFIX)
    if cur and cur[0] in _SYLLABLE_SUFFIXES:
        smallest, word_after = _SYLLABLE_SUFFIXES[cur[0]]
        if value is None or value < smallest or word_after.match(text, cur[1]):
            cur = None
    if hyphenated and not _HYPHENATED_AGE.match(text[end:end + 12]):
        unit, unit_kind = UNITS[hyphenated.group(1).lower() + "s"] if \
            hyphenated.group(1).lower() + "s" in UNITS else ("year", "duration")
        end += hyphenated.end()  # "six-year sentence", "18-month term"
    elif cur:
        currency, end = CURRENCY_SUFFIX[cur[0]], cur[1]
        unit, unit_kind = currency, "currency"
    else:
        u = _followed_by(text, end, UNITS)
        if u:
            unit, unit_kind = UNITS[u[0]]
            end = u[1]
    if pre and not currency:
        currency = CURRENCY_PREFIX[pre[0]]
        unit, unit_kind = currency, "currency"
        start = pre[1]
    if q.surface.lower().startswith(("triple", "double", "single", "quadruple")) and \
            re.match(r"\s+growth", text[end:end + 10], re.I):
        unit, unit_kind = "percent", "percent"  # "triple-digit growth" is a percentage
    kind = q.kind
    if kind == "year" and (scale or unit_kind in ("currency", "percent", "count")):
        kind = "figure"  # "2019 won", "2020 boxes"; but "2019년" stays a year
    if kind == "year":
        return q
    if qualifier == "over" and value is not None:
        low, high = _bounds(value, "over")
    return evolve(q, char_start=start, char_end=end, surface=text[start:end], value=value,
                  value_low=low, value_high=high, unit=unit, unit_kind=unit_kind,
                  currency=currency, kind=kind, qualifier=qualifier)


_MOVED_UP = re.compile(r"\b(?:edged|crept|ticked|moved|went|gone|rose|risen|climbed|jumped|"
                       r"shot|inched|grew|grown|was revised|has gone)\s+$", re.I)


def _qualify(text: str, q: Quantity, language: str) -> Quantity:
    if q.qualifier != "exact" or q.value is None or q.kind != "figure":
        return q
    table = QUALIFIER_BEFORE.get(language, QUALIFIER_BEFORE["en"])
    before = _preceded_by(text, q.char_start, table)
    after = _followed_by(text, q.char_end, QUALIFIER_AFTER, max_gap=1) if language == "ko" \
        else None
    if before and before[0] in ("within", "binnen") and q.unit_kind != "duration":
        before = None  # "within 24 hours" is a limit; "within 3,000 stores" is not
    if before and before[0] in ("under", "some") and q.unit_kind == "duration":
        before = None
    if before and before[0] == "up to" and _MOVED_UP.search(text, max(0, before[1] - 20),
                                                            before[1]):
        before = None  # "edged up to 99.4%", "rose up to": the level reached, not a limit
    if before:
        qualifier, start, end = table[before[0]], before[1], q.char_end
    elif after and QUALIFIER_AFTER[after[0]] != "exact":
        qualifier, start, end = QUALIFIER_AFTER[after[0]], q.char_start, after[1]
    else:
        return q
    low, high = _bounds(q.value, qualifier)
    return evolve(q, char_start=start, char_end=end, surface=text[start:end],
                  qualifier=qualifier, value_low=low, value_high=high)


def _change_near(text: str, start: int, end: int, language: str) -> bool:
    window = text[max(0, start - 80):end + 40]
    if language == "ko":
        return bool(KOREAN_CHANGE.search(text[end:end + 30]))
    return bool(CHANGE_WORDS.search(window))


# what may stand between the two values of "from X to Y": a year or a few words
# ("van 7.298 vorig jaar naar 24.860", "from 2.97 million in 2019 to 6.13 million")
_PAIR_GAP = re.compile(r"(?:\s*[^\W\d][\w'’]*|\s*(?:19|20)\d\d){0,4}\s*,?\s*"
                       r"(?P<joiner>to|naar|tot|into)\s*$", re.I)
# How far apart (characters) the two ends of a range or a "from X to Y" may be, and how far
# back "up from" / "down from" looks for the value it is compared with.
RANGE_REACH = 60
UP_FROM_REACH = 200
_UP_FROM = re.compile(r"(?:\b(?:up|down|rising|falling|increasing|decreasing|climbing|"
                      r"dropping) from|\b(?:compared with|compared to|against|tegen|vergeleken met|"
                      r"ten opzichte van))\s*$", re.I)
# "against" and "tegen" after a legal act that is not the first value's own noun say whom
# the act is aimed at, and compare nothing: "na 9.578 controles aangifte tegen 8.424
# personen", "40 lawsuits and brought cases against 120 sellers"; but "1,200 cases against
# 800 in 2020" compares
_AIMED_AT = re.compile(r"\s*\S+\s.*\b(?:aangiftes?|klacht(?:en)?|zaak|zaken|proces-verbaal|"
                       r"processen-verbaal|cases?|(?:law)?suits?|actions?|complaints?|charges|"
                       r"proceedings)\s+(?:against|tegen)\s*$", re.I | re.S)
# "grew to 12,000 from 10,000", "passed 10,000, from around 8,000": a bare "from" compares
# when the first value is a level reached (a change or "to" just before it) and the second
# opens no range of its own ("from 3 to 5")
_BARE_FROM = re.compile(r"(?:,\s*|\s)from\s*$", re.I)
_LEVEL_REACHED = re.compile(
    rf"(?:{CHANGE_WORDS.pattern}|\b(?:passed|topped|reached|hit|to))\w*[^.;:!?]{{0,30}}$", re.I)
_OPENS_RANGE = re.compile(r"\s*(?:to|and|-|–)\s*\d", re.I)


def _bare_from(text: str, a: Quantity, b: Quantity) -> bool:
    return bool(_BARE_FROM.search(text, max(a.char_end, b.char_start - 12), b.char_start)) \
        and bool(_LEVEL_REACHED.search(text, max(0, a.char_start - 40), a.char_start)) \
        and not _OPENS_RANGE.match(text, b.char_end)


_KOREAN_PAIR_GAP = re.compile(r"\s*(?:에서|보다)(?:\s*[\w~]+){0,3}\s*$")
# "557명으로 2020년 617명보다 9.7% 줄었다": the level reached first, then what it is
# compared with (after, then before)
_KOREAN_LEVEL_GAP = re.compile(r"\s*(?:으로|로)(?:\s*(?:[^\d\s,.]+|(?:19|20)\d\d년\w*)){0,3}\s*")
_KOREAN_THAN = re.compile(r"\s*(?:보다|에 비해|대비)")


def _korean_than(text: str, a: Quantity, b: Quantity, gap: str) -> bool:
    return bool(_KOREAN_LEVEL_GAP.fullmatch(gap)) and bool(
        _KOREAN_THAN.match(text, b.char_end)) and \
        _change_near(text, a.char_start, b.char_end, "ko")


def _pair_or_range(text: str, a: Quantity, b: Quantity, gap: str,
                   language: str) -> str | None:
    """"pair" (a change: before, after), "range", or None for two quantities in a row."""
    compatible = a.unit is None or b.unit is None or a.unit == b.unit
    if not compatible:
        return None
    opener = _preceded_by(text, a.char_start, RANGE_OPENERS)
    if language == "ko":
        if _KOREAN_PAIR_GAP.fullmatch(gap) and re.match(r"\s*(?:으로|로|까지|에)",
                                                         text[b.char_end:b.char_end + 4]) \
                and _change_near(text, a.char_start, b.char_end, language):
            return "pair"
    elif opener and opener[0] in ("from", "van"):
        m = _PAIR_GAP.fullmatch(gap)
        if m and (m.group("joiner").lower() == "naar" or (
                _change_near(text, a.char_start, b.char_end, language))):
            return "pair"
    if a.qualifier not in ("exact", "about") or b.qualifier != "exact" or a.value >= b.value:
        return None
    plain = gap.strip().lower()
    if plain in RANGE_JOINERS or (opener and plain == RANGE_OPENERS[opener[0]]):
        return "range"
    return None


def _join_ranges(text: str, quantities: list[Quantity], language: str) -> list[Quantity]:
    """Join 'A to B', 'A-B', 'vijf à zeven', 'between A and B' into one range quantity, and
    mark 'from A to B' with a change near it as a before/after pair instead (years between
    them, as in 'from 2.97 million in 2019 to 6.13 million in 2022', are allowed)."""
    out: list[Quantity] = []
    i = 0
    while i < len(quantities):
        a = quantities[i]
        j = i + 1
        while j < len(quantities) and quantities[j].kind == "year" and \
                quantities[j].char_start - a.char_end < UP_FROM_REACH:
            j += 1  # a year between the two values of a change
        b = quantities[j] if j < len(quantities) else None
        # "down from" reaches back further than a range's "to" ("seized 26,503 shipments
        # containing goods that infringed ... in fiscal year 2020, down from 27,599")
        up_from = b is not None and bool(_UP_FROM.search(
            text, max(a.char_end, b.char_start - 30), b.char_start)) and \
            not _AIMED_AT.match(text, a.char_end, b.char_start) or \
            (b is not None and language == "en" and _bare_from(text, a, b)) or \
            (b is not None and language == "ko" and
             _korean_than(text, a, b, text[a.char_end:b.char_start]))
        if b is None or a.kind != "figure" or b.kind != "figure" or a.value is None \
                or b.value is None or \
                b.char_start - a.char_end > (UP_FROM_REACH if up_from else RANGE_REACH):
            out.append(a)
            i += 1
            continue
        gap = text[a.char_end:b.char_start]
        how = _pair_or_range(text, a, b, gap, language) if len(gap) <= RANGE_REACH else None
        if how == "pair":
            out.append(evolve(a, link="before"))
            before_index = len(out) - 1
            out.extend(quantities[i + 1:j])  # the years in between, as they were
            out.append(evolve(b, link="after", linked_index=before_index))
            i = j + 1
            continue
        if how is None and up_from and a.unit == b.unit and not MAY_END_SENTENCE.search(gap):
            # "7 million in 2023, up from 6 million the year before": after, then before
            between = quantities[i + 1:j]
            out.append(evolve(a, link="after", linked_index=len(out) + len(between) + 1))
            out.extend(between)
            out.append(evolve(b, link="before"))
            i = j + 1
            continue
        if how == "range" and j == i + 1:
            opener = _preceded_by(text, a.char_start, RANGE_OPENERS)
            start = opener[1] if opener and gap.strip().lower() == RANGE_OPENERS[opener[0]] \
                else a.char_start
            low_a = a.value
            # "3.5 to 5 million": the scale written once applies to both ends.
            if a.value < 1000 <= b.value and b.surface and _followed_by(
                    text, b.char_start + len(b.surface.split()[0]), SCALES):
                head = b.surface.split()[0].replace(",", "")
                try:
                    low_a = a.value * (b.value / float(head))
                except ValueError:
                    pass
            out.append(Quantity(
                start, b.char_end, text[start:b.char_end], (low_a + b.value) / 2, low_a,
                b.value, "range", b.unit or a.unit, b.unit_kind or a.unit_kind,
                b.currency or a.currency,
                max(a.significant_digits or 1, b.significant_digits or 1)))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_CONVERSION_GAP = re.compile(
    r"\s*[(\[,]?\s*(?:about|approx\.?|approximately|around|roughly|some|ca\.?|circa|or|of|"
    r"ongeveer|omgerekend|zo'n|약|대략|equivalent to|equal to)?\s*(?:US\s?)?", re.I)


def _link_conversions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'10 billion KRW (about $7.6 million)': the second amount is a figure of its own, linked
    to the first as its conversion, with the first's qualifier unless it states one."""
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if prev is not None and prev.currency and q.currency and prev.currency != q.currency \
                and q.link is None and prev.kind == q.kind == "figure":
            gap = text[prev.char_end:q.char_start]
            if "(" in gap or "[" in gap or re.search(r"\b(?:or|of|omgerekend)\b", gap):
                if _CONVERSION_GAP.fullmatch(gap) or re.fullmatch(
                        r"\s*[(\[]\s*(?:[^\d()]{0,20}\s)?", gap):
                    if q.qualifier == "exact" and prev.qualifier != "exact":
                        low, high = _bounds(q.value, prev.qualifier) if prev.qualifier not in (
                            "range", "order_of_magnitude") else (q.value_low, q.value_high)
                        q = evolve(q, qualifier=prev.qualifier, value_low=low,
                                   value_high=high)
                    q = evolve(q, link="converted", linked_index=len(out) - 1)
        out.append(q)
    return out


_AGE = re.compile(
    r"^(?:[- ]year[- ]old|[- ]jarige|-jarig|\s?세\b|\s?살\b|\s?대\b(?!\s?(?:규모|수출|이상)))",
    re.I)
_AGE_BEFORE = re.compile(
    r"(?:\baged|\bage of|\bleeftijd van|\b(?:mannen|vrouwen|man|vrouw|jongens?|meisjes?|"
    r"personen|verdachten?|jongeren) (?:van|tussen)(?: [\d, ]+(?:en|and) ?| [\d, ]+)?)\s$",
    re.I)
# An age beside a name, as court and police news write it: "Dai Zhensong, 28, had pleaded",
# "Daniël Kerckhof (84)", "남모(40)씨", "A씨(38)", "A(38·여)씨". Only a bare whole number under
# 100, and in brackets only after a first and last name, so "Nike (45)", "Nike (1,200)" and
# "Louis Vuitton (23%)" stay figures.
_AGE_AFTER_NAME = re.compile(
    r"(?:[A-Z][a-z]+, |[A-Z][\w-]+ [A-Z][a-z]+ \(|(?:[A-Z]|[가-힣]모|씨)\()$")
_AGE_CLOSES = re.compile(r"^(?:,\s|\)|·(?:여|남)\))")
_MULTIPLIER = re.compile(
    r"^(?:\s?(?:times|keer|maal|배|-fold|fold)\b|\s?배|x\b(?!\w))", re.I)
_PACK = re.compile(r"(?:packs? of|pakjes? van|packets? of|per (?:pack|pakje)|in dozen van|"
                   r"boxes of|sets? of)\s$", re.I)
# "1등" is first place, written right after the digits; "5만3221개 등", "120점등을" are "and
# other things" (after a space or a counter)
_RANK_PLACE_AFTER = re.compile(r"등(?![가-힣])|등[을이은의에도]")
_RANK_AFTER = re.compile(r"^(?:\s?위\b|\s?위(?:를|에|로|인|이며|였|)|번째|"
                         r"심(?![가-힣])|심(?=[은는이가의에과을를])|"  # "1심": a court's instance
                         r"(?:st|nd|rd|th)[- ](?:largest|biggest|most|highest))")
_RANK_BEFORE = re.compile(r"(?:\bno\.|\bnumber|\bnr\.|\btop|\branked|\brank|\bplaats)\s?$",
                          re.I)
_REFERENCE_BEFORE = re.compile(
    r"(?:\barticle|\bart\.|\bartikel|\bsection|\bparagraph|\bclause|\bcase(?: no\.?| number)?|"
    r"\bregulation|\bdirective|\bno\.|\bnr\.|\bnumber|\bzaaknummer|\bparketnummer|\bpage|"
    r"\bp\.|\bpp\.|\becli:[\w:]*|\bv\.|\bvs\.|제|\bcode|\bnummer|\bkamerstuk(?:ken)?|"
    r"\bhs|\bbill|\bh\.r\.|\bs\.|\bact|\bline|\btel\.?|\bphone|\broom|\bsuite|\bgate|"
    r"\bflight|\bzaal|\bkamer|\bterminal|\bpier|\broute|\bbus|\btram|코로나)\s?$",
    re.I)  # 코로나19 is Covid-19
# A railway platform's number ("platform 9"), but a marketplace is a platform too: "selecteerde
# het platform 1.000 merken", "via het platform vier paar kocht" count. A place is numbered
# without an article before it, and with a small number without separators.
_PLATFORM_BEFORE = re.compile(
    r"(?<!\bthe )(?<!\bhet )(?<!\bits )(?<!\bdat )(?<!\bdit )(?<!\bons )(?<!\bour )"
    r"(?<!\bzijn )(?<!\bhun )(?<!\btheir )\bplatform\s?$", re.I)
PLATFORM_NUMBERS_BELOW = 100
_REFERENCE_AFTER = re.compile(r"^(?:\s?조\b|\s?조의|\s?항\b|\s?호\b|[가나다라마바사아자차카타파하]"
                              r"[가-힣]{0,2}\d|/\d|\s?번(?!째)|번가)")
# "24 hours a day", "24 uur per dag", "24시간 감시": how often someone watches, not a figure;
# "within 24 hours" and "24시간 안에" are response times and stay figures.
_AROUND_THE_CLOCK = re.compile(r"^\s?(?:a day|per day|per dag|a dag|per etmaal|"
                               r"(?:상시\s?)?(?:감시|모니터링|운영|가동|체제|체계|대응))", re.I)
_TIME_OF_DAY = re.compile(r"(?:오전|오후|밤|새벽|아침|저녁|낮)\s?$")
_TIME_OF_DAY_AFTER = re.compile(r"^\s?시(?:\s?반|\s?\d+\s?분|부터|까지|에|\b)")
_PROGRAMME = re.compile(
    r"^[- ](?:year|month|week|day|jarig)[- ](?:long )?(?:pilot|programme|program|plan|project|"
    r"strategy|campaign|contract|term|scheme|deal|initiative|partnership|agreement|period|"
    r"trial|study|investigation|operation|probe|effort|mandate)", re.I)
_KO_PROGRAMME = re.compile(r"^\s?(?:년|개월)(?:간|짜리)?의?\s?(?:시범|사업|계획|프로젝트|"
                           r"캠페인|계약|과정|협약)")


# A length of time that says when, not how much: the span a count was made over ("in six
# months", "over the same twelve months", "in de afgelopen drie maanden", "1년 새", "8주 만에"),
# a time between two events ("three years later", "약 50일 만에") and a frequency ("every three
# minutes", "om de twee jaar"). "Within 24 hours", "binnen 14 dagen", "in two days" (a time to
# act) and "jailed for eight years" (a term) stay figures.
_SPAN_BEFORE = re.compile(
    r"(?i)(?:(?:\bin\s+(?:the|de)\s+|\b(?:over|during|gedurende)\s+(?:(?:the|de)\s+)?)"
    r"(?:(?:same|past|last|first|afgelopen|eerste)\s+)?|\bevery\s+|\bom\s+de\s+)$")
# "in six months", "in drie maanden"; but "in two days" or "in two weeks" may be how fast a
# notice was acted on
_SPAN_IN = re.compile(r"(?i)\bin\s+$")
_SPAN_IN_UNITS = frozenset({"month", "year"})
_SPAN_AFTER = re.compile(r"(?i)^(?:\s+(?:later|earlier|before|after|ago|eerder)\b|"
                         r"\s?반?\s?(?:여|남짓)?\s?(?:치|(?:새|만에|만의|사이)(?:에)?(?![가-힣])))")
# a term is what is told, even with "after" or "gedurende" beside it ("jailed for 11 months
# after", "Man jailed 18 months after", "beroepsverbod gedurende vijf jaar")
_TERM_FOR = re.compile(r"(?i)\b(?:for|to|of|voor|tot|van)\s+$")
_TERM_WORD = re.compile(r"(?i)\b(?:jailed|sentenced|imprisoned|prison|jail|banned|ban|"
                        r"veroordeeld|celstraf|gevangenisstraf|cel|verbod|beroepsverbod)\b|"
                        r"징역|금고|실형|집행유예")
# hours are left out: "every 24 hours" and "in 48 hours" are mostly how fast someone acts
_SPAN_UNITS = frozenset({"day", "week", "month", "year", "minute"})


class _WordsBefore:
    """The searches before a number for an age, a pack size, a rank or a reference, on one
    folded text: each runs only where the words its matches need lie (anchors.Hints)."""

    def __init__(self, folded: str):
        self.age = Hints(folded, _AGE_BEFORE)
        self.pack = Hints(folded, _PACK)
        self.rank = Hints(folded, _RANK_BEFORE)
        self.reference = Hints(folded, _REFERENCE_BEFORE)
        self.platform = Hints(folded, _PLATFORM_BEFORE)


def _decade_or_age(q: Quantity, bare_after: str) -> bool:
    """"40대" is people in their forties; "트럭 6대", "차량 12대" count vehicles."""
    return not bare_after.lstrip().startswith("대") or (q.value or 0) % 10 == 0


def _classify_context(text: str, q: Quantity, words: _WordsBefore) -> Quantity:
    """Numbers that are not figures, told by their neighbours: ages, multipliers, pack sizes
    and vehicle sizes, ranks, references (court panels and telephone numbers too), programme
    lengths, clock times and spans of time."""
    if q.kind != "figure":
        return q
    start = q.char_start
    before = text[max(0, start - 40):start]
    # the words right before: the ones these patterns end with are at most 14 characters
    # long, and a search costs its stretch's length (read in place: \b sees the text before)
    near = max(0, start - 16)
    after = text[q.char_end:q.char_end + 40]
    bare_after = text[q.char_end:q.char_end + 12]
    kind = None
    bare = not q.unit_kind or q.unit == "year"  # "20억원대" is an amount's range, not an age
    if (bare and _AGE.match(bare_after) and _decade_or_age(q, bare_after)) or \
            (bare and words.age.found(start - len(before), start)):
        kind = "age"  # "drie mannen van 19, 21 en 30 jaar"
    elif not q.unit_kind and q.surface.isdigit() and 14 <= int(q.surface) < 100 and \
            _AGE_CLOSES.match(bare_after) and _AGE_AFTER_NAME.search(before):
        kind = "age"
    elif q.unit == "week" and bare_after.startswith("년") and q.surface.endswith("주"):
        kind = "ordinal"  # "1주년": an anniversary, not a week
    elif _MULTIPLIER.match(bare_after) and q.unit_kind is None:
        kind = "multiplier"
    elif q.unit_kind is None and words.pack.found(near, start):
        kind = "pack_size"
    elif _RANK_AFTER.match(bare_after) or (
            q.unit_kind is None and _RANK_PLACE_AFTER.match(bare_after)) or (
            q.unit_kind is None and (q.value or 0) < 1000
                                           and words.rank.found(near, start)):
        kind = "rank"
    elif (q.unit_kind is None and words.reference.found(max(0, start - 24), start)) \
            or (q.unit_kind is None and (q.value or 0) < PLATFORM_NUMBERS_BELOW
                and not any(mark in q.surface for mark in ",.")
                and words.platform.found(max(0, start - 24), start)) \
            or _REFERENCE_AFTER.match(bare_after):
        kind = "reference"
    elif _TIME_OF_DAY_AFTER.match(bare_after) and (_TIME_OF_DAY.search(before) or re.match(
            r"^\s?시\s?(?:반|\d+\s?분)", bare_after)):
        kind = "time_of_day"  # 오전 6시 반, 밤 11시
    elif q.unit == "hour" and q.value == 24 and _AROUND_THE_CLOCK.match(after):
        kind = "around_the_clock"
    elif q.unit_kind is None and (_PROGRAMME.match(after) or _KO_PROGRAMME.match(after)):
        kind = "programme_length"
    elif q.unit_kind == "duration" and re.match(
            r"^[- ](?:long )?(?:pilot|programme|program|plan|project|strategy|campaign|"
            r"contract|scheme|initiative|partnership|agreement|trial|mandate)\b", after, re.I):
        kind = "programme_length"
    elif q.unit_kind == "duration" and re.match(r"^간?의?\s?(?:시범|사업|계획|프로젝트|캠페인|"
                                                  r"계약|협약)", after):
        kind = "programme_length"
    elif q.unit_kind == "duration" and re.search(
            r"(?:programma|project|pilot|proef|plan|contract|looptijd|programme|program|"
            r"scheme|term of office|mandate)\s(?:van|of|lasting)\s$", before, re.I):
        kind = "programme_length"  # "een programma van vier jaar"
    # (the tests below run for every number: the cheapest part of each comes first)
    elif before.endswith(":") and q.unit_kind in (None, "duration") and \
            _MINUTES.match(q.surface) and _HOUR_BEFORE.search(before[-5:]) and (
                _CLOCK_BEFORE.search(before[-16:]) or _CLOCK_AFTER.match(after) or
                q.unit == "hour"):
        kind = "time_of_day"  # the minutes of "9:59 a.m.", "10:30 uur"
    elif (after[:1] in _SIZE_FIRST or after[1:2] in _SIZE_FIRST) and _is_size(q, after):
        kind = "pack_size"  # "5톤 트럭", "a 40-foot container": the size of a vehicle
    elif q.unit_kind == "duration" and q.unit in _SPAN_UNITS and (
            _SPAN_AFTER.match(after) or _SPAN_BEFORE.search(before[-24:]) or
            (q.unit in _SPAN_IN_UNITS and _SPAN_IN.search(before[-4:]))) and \
            not _TERM_FOR.search(before[-8:]) and not _TERM_WORD.search(before):
        kind = "time_span"
    elif q.unit_kind is None and _COURT_PANEL_AFTER.match(bare_after) and \
            before.rstrip(" ").endswith(_COURT_PANEL_BEFORE):
        kind = "reference"  # "형사5단독", "민사합의11부": a court's panel
    elif q.unit_kind is None and (
            (q.surface.startswith("0") and _LEADING_ZERO.fullmatch(q.surface) and
             not _THOUSANDS_BEFORE.search(before[-5:])) or  # "5 000" is five thousand
            (before.endswith("-") and _PHONE_BEFORE.search(before[-16:]))):
        kind = "reference"  # a telephone number ("0800-7000", "03454 040506")
    return evolve(q, kind=kind) if kind else q


_SIZED = re.compile(r"(?i)(?P<unit>\s?피트|\s?ft\b|-foot|-ft\b|-ton(?:ne)?\b)?\s?(?:트럭|화물차|"
                    r"컨테이너|trucks?\b|lorr(?:y|ies)\b|containers?\b|vrachtwagens?\b)")
_SIZE_FIRST = frozenset("-f피트화컨tlcvTLCVF")


def _is_size(q: Quantity, after: str) -> bool:
    """"5톤 트럭", "a 40-foot container": a vehicle's size; "3 trucks" counts them."""
    sized = _SIZED.match(after)
    return sized is not None and (sized.group("unit") is not None or q.unit == "tonne")


_COURT_PANEL_BEFORE = tuple(court + part for court in ("형사", "민사", "행정", "가사")
                            for part in ("", "항소", "합의", "재정"))
_MINUTES = re.compile(r"\d\d(?!\d)")
_HOUR_BEFORE = re.compile(r"(?<![\d:])\d{1,2}:$")
_CLOCK_BEFORE = re.compile(r"(?i)\b(?:at|om|rond|tot|from|to|until|van)\s\d{1,2}:$")
_CLOCK_AFTER = re.compile(r"(?i)\s?(?:[ap]\.?m\b|uur\b|u\b)")
_LEADING_ZERO = re.compile(r"0\d{2,}")
_THOUSANDS_BEFORE = re.compile(r"(?<!\d)[1-9]\d{0,2} $")
# "0900-8844", "010-1234-5678"; not the thousands of "10,000-15,000"
_PHONE_BEFORE = re.compile(r"(?<![\d.,])0\d{1,4}-(?:\d{3,4}-)?$")
_COURT_PANEL_AFTER = re.compile(r"^(?:단독|부(?!터))")


# Six numbers or more in a row with nothing but spaces and punctuation between them are a table
# or a list, not figures: one skip for the run, never parsed number by number.
_NUMBER_RUN = re.compile(r"(?:\d(?:[\d.,:/%-]*\d)?%?[^\w\n]{1,3}){5,}\d(?:[\d.,:/%-]*\d)?%?")


def number_runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NUMBER_RUN.finditer(text)]


# Korean courts write a prison term's months as 월 ("징역 8월", "징역 1년 6월"): months, not a
# month of the year.
TERM_MONTHS_BEFORE = re.compile(r"(?:징역|금고|자격정지)\s?(?:\d+년\s?)?$")
# "징역 1년 6개월", "two years and six months": one term, counted in months
_COMPOUND_GAP = re.compile(r"\s?|\s+(?:and|en)\s+")
_FRACTION_GAP = re.compile(r"의\s?")
_KOREAN_SCALED = re.compile(r"[백천만억조]")


def _korean_fractions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A Korean fraction ("3분의 1"; 분 is also a minute) is a share in percent. Not a
    numerator that grew a scale ("10분의 1만 남았다": 만 is "only" there) or is more than the
    whole, nor the end of a range of denominators ("3~4분의 1")."""
    out: list[Quantity] = []
    for q in quantities:
        whole = out[-1] if out else None
        if whole is not None and whole.unit == "minute" and whole.surface.endswith("분") and \
                whole.value and q.kind == "figure" and q.unit is None and \
                q.value is not None and 0 < q.value <= whole.value and \
                not _KOREAN_SCALED.search(q.surface) and \
                text[max(0, whole.char_start - 1):whole.char_start] not in ("~", "∼", "-") and \
                _FRACTION_GAP.fullmatch(text, whole.char_end, q.char_start):
            share = round(q.value / whole.value * 100, 6)
            low, high = (round(v / whole.value * 100, 6) if v is not None else None
                         for v in (q.value_low, q.value_high))
            out[-1] = evolve(q, char_start=whole.char_start,
                             surface=text[whole.char_start:q.char_end], value=share,
                             value_low=low, value_high=high, unit="percent",
                             unit_kind="percent", significant_digits=None)
            continue
        out.append(q)
    return out


# "een op de vijf", "negen op de tien", "two out of every three", "one in four": a share told
# in words, which the corpus conventions leave unlabelled (one written "1 in 3" is a share).
_FRACTION_OF = r"(?:op\s+(?:de\s+)?|out\s+of\s+(?:every\s+)?|in\s+(?:every\s+)?)"
_FRACTION_AFTER = re.compile(rf"(?i)\s+{_FRACTION_OF}([^\W\d_]+)\b")
_FRACTION_BEFORE = re.compile(rf"(?i)\b([^\W\d_]+)\s+{_FRACTION_OF}$")


def _fractions_in_words(text: str, language: str, quantities: list[Quantity]) -> list[Quantity]:
    if language not in ("en", "nl"):
        return quantities
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "figure" and q.unit_kind is None and q.surface[-1:].isalpha() and \
                not any(ch.isdigit() for ch in q.surface):
            after = _FRACTION_AFTER.match(text, q.char_end, q.char_end + 30)
            before = _FRACTION_BEFORE.search(text, max(0, q.char_start - 30), q.char_start)
            if (after and _fraction(q.value, after.group(1), after.group(0), language)) or (
                    before and _fraction(_one_or_value(before.group(1), language), q.surface,
                                         before.group(0), language)):
                q = evolve(q, kind="fraction")
        out.append(q)
    return out


def _one_or_value(word: str, language: str) -> float | None:
    return 1 if word.lower() in ARTICLE_WORDS else word_value(word.lower(), language)


def _fraction(numerator: float | None, denominator: str, joint: str, language: str) -> bool:
    """"negen op de tien", "two out of every three", "one in five"; not "five in one raid",
    nor "two in three raids" (with "in", only one of N is a share)."""
    below = word_value(denominator.lower().replace("-", " "), language)
    if numerator is None or below is None or not numerator < below:
        return False
    return numerator == 1 or not re.search(r"(?i)\bin\s", joint)


def _ages_listed(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """"aged 43, 42, 32 and 32": the ages after the first are ages too."""
    out: list[Quantity] = []
    for q in quantities:
        last = out[-1] if out else None
        if last is not None and last.kind == "age" and q.kind == "figure" and \
                q.unit_kind is None and q.value is not None and q.value < 100 and \
                _AGE_LIST_GAP.fullmatch(text, last.char_end, q.char_start) and \
                _AGE_LIST_ENDS.match(text, q.char_end):
            q = evolve(q, kind="age")
        out.append(q)
    return out


_AGE_LIST_GAP = re.compile(r",\s|,?\s(?:and|en)\s")
# the list goes on or ends ("aged 43, 42, 32 and 32, were"), not "aged 25 and 31, and 3 women"
_AGE_LIST_ENDS = re.compile(r"(?i)\s*(?:[,.;:)]|and\b|en\b|jaar\b|years?\b|$)")


def _months_of_terms(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A Korean term's 월 is months; a term of years and months is one, in months."""
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "figure" and q.unit is None and q.value is not None and \
                text[q.char_end:q.char_end + 1] == "월" and \
                TERM_MONTHS_BEFORE.search(text, max(0, q.char_start - 12), q.char_start):
            q = evolve(q, char_end=q.char_end + 1, surface=text[q.char_start:q.char_end + 1],
                       unit="month", unit_kind="duration")
        last = out[-1] if out else None
        if last is not None and last.unit == "year" and q.unit == "month" and \
                last.kind == q.kind == "figure" and last.value is not None and \
                q.value is not None and last.link is None and q.link is None and \
                last.value == int(last.value) and \
                _COMPOUND_GAP.fullmatch(text, last.char_end, q.char_start):
            months = last.value * 12 + q.value
            # "about 2 years and 6 months", "1년 6개월여": the hedge is the whole term's
            qualifier = last.qualifier if last.qualifier != "exact" else q.qualifier
            low, high = _bounds(months, qualifier)
            out[-1] = evolve(last, char_end=q.char_end, surface=text[last.char_start:q.char_end],
                             value=months, value_low=low, value_high=high, unit="month",
                             qualifier=qualifier, significant_digits=None)
            continue
        out.append(q)
    return out


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Every number in `text`, read as a Quantity, in text order.

    Numbers that are not figures are returned too, with `kind` saying what they are, so that
    callers can account for every number they skip. A run of numbers with no words (a table)
    is returned as one quantity of kind `number_run`."""
    runs = number_runs(text)
    folded = fold_text(text)
    quantities = [_qualify(text, _grow(text, a), language)
                  for a in _atoms(text, folded, language, runs)]
    words = _WordsBefore(folded)
    quantities = [_classify_context(text, q, words) for q in _drop_contained(quantities)]
    quantities = _ages_listed(text, _fractions_in_words(text, language, quantities))
    quantities = _korean_fractions(text, _months_of_terms(text, quantities))
    quantities = _join_ranges(text, quantities, language)
    quantities = _link_conversions(text, quantities)
    quantities = _named_currencies(text, quantities)
    if not runs:
        return quantities
    tables = [Quantity(start, end, _abbreviated(text[start:end]), None, None, None,
                       kind="number_run") for start, end in runs]
    return sorted(quantities + tables, key=lambda q: q.char_start)


# The countries whose currency a krone or a shilling is, as an article names them (Latin
# names as words, Korean ones before any particle).
_COUNTRIES = {
    KRONE: {"DKK": (r"denemarken|deens\w*|denmark|danish", "덴마크"),
            "NOK": (r"noorwegen|noors\w*|norway|norwegian", "노르웨이"),
            "SEK": (r"zweden|zweeds\w*|sweden|swedish", "스웨덴"),
            "ISK": (r"ijsland\w*|iceland\w*", "아이슬란드"),
            "CZK": (r"tsjechi\w*|czech\w*", "체코")},
    SHILLING: {"KES": (r"kenia\w*|kenya\w*|keniaan\w*", "케냐"),
               "UGX": (r"uganda\w*|oegand\w*", "우간다"),
               "TZS": (r"tanzania\w*", "탄자니아")},
}
_COUNTRY_NAMED = {
    currency: re.compile("|".join(rf"(?P<{code}>\b(?:{latin})\b|(?<![가-힣]){korean})"
                                  for code, (latin, korean) in countries.items()), re.I)
    for currency, countries in _COUNTRIES.items()}


def _named_currencies(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A krone or a shilling is the currency of the country named last before it, else first
    after it ("de Deense douane ... 172 miljoen kronen": DKK; "Uganda's bureau ... Shs59.7
    billion": UGX); none named, it stays a krone or a shilling."""
    out = quantities
    for currency, pattern in _COUNTRY_NAMED.items():
        if not any(q.currency == currency for q in out):
            continue
        named = [(m.start(), m.lastgroup) for m in pattern.finditer(text)]
        if not named:
            continue
        starts = [start for start, _ in named]
        resolved = []
        for q in out:
            if q.currency == currency:
                i = bisect.bisect_right(starts, q.char_start)
                code = named[i - 1][1] if i else named[0][1]
                q = evolve(q, unit=code, currency=code)
            resolved.append(q)
        out = resolved
    return out


def _abbreviated(surface: str, limit: int = 60) -> str:
    return surface if len(surface) <= limit else surface[:limit - 1] + "…"


def _drop_contained(quantities: list[Quantity]) -> list[Quantity]:
    """An atom inside a larger one (a numeral inside a Korean unit number) is the same number."""
    quantities = sorted(quantities, key=lambda q: (q.char_start, -(q.char_end - q.char_start)))
    out: list[Quantity] = []
    for q in quantities:
        if out and q.char_start < out[-1].char_end:
            continue
        out.append(q)
    return out
