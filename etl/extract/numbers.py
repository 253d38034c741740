"""Find every number in a text and read it as a quantity with bounds, unit and offsets.

Libraries do the parts they are good at: babel reads locale-specific separators (977,151 in
English, 240.000 and 1,2 in Dutch) and text2num reads number words in English and Dutch
(ten thousand, honderd miljoen, tienduizend). What no library covers is written here: Korean
myriad units (97만7151, 100억원), orders of magnitude (tens of millions, tientallen miljoenen,
수십만), qualifier bounds (over, bijna, 이상), ranges, units and currencies.

The scanner works on spans: it finds atoms (a numeral, a run of number words, an order of
magnitude), then grows each atom with a scale word, a unit, a qualifier or a range partner.
Every quantity keeps the character offsets of the text it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import text2num

# ---------------------------------------------------------------------------------------------
# Vocabulary of the scanner. Each table maps surface forms (lower case) to a meaning.

SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "duizend": 10**3, "miljoen": 10**6, "miljard": 10**9, "biljoen": 10**12,
    "mln": 10**6, "mld": 10**9, "mrd": 10**9, "bn": 10**9,
}
KOREAN_UNITS: dict[str, int] = {"천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12}

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
CURRENCY_SUFFIX: dict[str, str] = {
    "won": "KRW", "krw": "KRW", "원": "KRW", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "€": "EUR", "dollars": "USD", "dollar": "USD", "usd": "USD", "달러": "USD",
    "yuan": "CNY", "cny": "CNY", "위안": "CNY",
}
CURRENCY_PREFIX: dict[str, str] = {"$": "USD", "€": "EUR", "₩": "KRW", "usd": "USD",
                                   "eur": "EUR", "krw": "KRW", "us$": "USD"}

# Units: surface -> (unit, unit_kind).
UNITS: dict[str, tuple[str, str]] = {
    "%": ("percent", "percent"), "percent": ("percent", "percent"),
    "per cent": ("percent", "percent"), "procent": ("percent", "percent"),
    "퍼센트": ("percent", "percent"),
    **{w: ("day", "duration") for w in ("days", "day", "dagen", "dag", "일")},
    **{w: ("week", "duration") for w in ("weeks", "week", "weken", "주")},
    **{w: ("month", "duration") for w in ("months", "month", "maanden", "maand", "개월", "달")},
    **{w: ("year", "duration") for w in ("years", "year", "jaar", "jaren", "년")},
    **{w: ("hour", "duration") for w in ("hours", "hour", "uur", "uren", "시간")},
    **{w: ("minute", "duration") for w in ("minutes", "minute", "minuten", "minuut", "분")},
    **{w: ("second", "duration") for w in ("seconds", "second", "seconden", "초")},
    "명": ("person", "count"), "개": ("item", "count"), "건": ("case", "count"),
    "곳": ("place", "count"), "박스": ("box", "count"),
}

# Qualifiers before the number (longest first when matching) and after it (Korean).
QUALIFIER_BEFORE: dict[str, dict[str, str]] = {
    "en": {"more than": "over", "over": "over", "above": "over", "at least": "over",
           "in excess of": "over", "exceeding": "over",
           "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
           "about": "about", "around": "about", "approximately": "about", "roughly": "about",
           "some": "about", "an estimated": "about", "approx.": "about",
           "up to": "up_to", "as many as": "up_to", "at most": "up_to",
           "no more than": "up_to"},
    # Dutch "over" means "about/across" ("verdeeld over 228 landen"), never "more than".
    "nl": {"meer dan": "over", "ruim": "over", "boven de": "over", "boven": "over",
           "minstens": "over", "bijna": "nearly", "nagenoeg": "nearly",
           "ongeveer": "about", "circa": "about", "ca.": "about", "zo'n": "about",
           "zo’n": "about", "rond de": "about", "een stuk of": "about",
           "maximaal": "up_to", "hooguit": "up_to", "tot wel": "up_to"},
    "ko": {"약": "about", "거의": "nearly", "최대": "up_to"},
}
QUALIFIER_AFTER: dict[str, str] = {
    "이상": "over", "넘게": "over", "여": "about", "가량": "about", "정도": "about",
    "이하": "up_to", "미만": "nearly",
}
RANGE_JOINERS = ("to", "-", "–", "—", "~", "tot", "à", "a", "or", "of", "and", "en")
RANGE_OPENERS = {"between": "and", "tussen": "en", "from": "to", "van": "tot"}

# How far "about" and "nearly" stretch a value into bounds. Stated here so that
# claims_vs_observed compares against documented bounds, not a hidden tolerance.
ABOUT_TOLERANCE = 0.10
NEARLY_TOLERANCE = 0.10

# Words that read as the number one but are articles ("een boek", "a book").
ARTICLE_WORDS = frozenset({"een", "één", "one", "a", "an"})
# Dutch and English number words text2num accepts but that are common non-number words.
NOT_NUMBER_WORDS = frozenset({"second", "seconde", "tweede", "derde", "eerste", "first",
                              "third", "zero", "nul", "o", "oh"})


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
    alt_value: float | None = None  # the same amount in a second currency, when given
    alt_currency: str | None = None
    kind: str = "figure"  # figure, year, ordinal, reference: only "figure" is a claim


# ---------------------------------------------------------------------------------------------
# Atom readers: pure functions of a string.

def parse_numeral(text: str, language: str) -> Decimal:
    """Read a written numeral with the separators of the text's language (via babel)."""
    locale = {"nl": "nl_NL", "ko": "ko_KR"}.get(language, "en_US")
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        # strict rejects "1,2" style numbers babel cannot tell apart; a lone separator
        # followed by exactly three digits is a group separator in every locale we read.
        try:
            return parse_decimal(text, locale=locale)
        except NumberFormatError as exc:
            raise ValueError(f"not a number: {text!r}") from exc


def significant_digits(numeral: str) -> int:
    digits = re.sub(r"\D", "", numeral).lstrip("0")
    return len(digits.rstrip("0")) or 1


@lru_cache(maxsize=4096)
def word_value(words: str, language: str) -> int | None:
    """Value of a run of number words, or None (text2num, English and Dutch)."""
    if language not in ("en", "nl"):
        return None
    try:
        return int(text2num(words, language))
    except (ValueError, IndexError, KeyError):
        return None


def parse_korean(text: str) -> tuple[Decimal, int]:
    """Read a number written with Korean myriad units: 97만7151, 100억, 1조 2000억.

    Returns the value and the count of significant digits as written.
    """
    total = Decimal(0)
    sig = 0
    for digits, unit in re.findall(r"([\d,.]+)\s*(조|억|만|천)?", text):
        number = Decimal(digits.replace(",", ""))
        total += number * KOREAN_UNITS.get(unit, 1)
        sig += len(digits.replace(",", "").replace(".", "").strip("0")) or 1
    return total, sig


# ---------------------------------------------------------------------------------------------
# The scanner.

_NUMERAL = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_KOREAN = rf"(?:(?:{_NUMERAL})\s?(?:조|억|만|천)\s?)+(?:\d+(?:,\d{{3}})*)?"
_ATOM = re.compile(
    rf"(?P<korean>{_KOREAN})"
    rf"|(?P<kmag>수십|수백|수천)\s?(?P<kmagunit>조|억|만|천)?"
    rf"|(?P<numeral>{_NUMERAL})"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_DIGIT_COUNT = re.compile(r"\b(single|double|triple|quadruple)[- ]digits?\b", re.I)


def _is_number_word(token: str, language: str) -> bool:
    low = token.lower()
    if low in NOT_NUMBER_WORDS or low in MAGNITUDE_WORDS:
        return False
    return low in SCALES or word_value(low, language) is not None


def _find_word_runs(text: str, language: str) -> list[tuple[int, int, int]]:
    """Runs of number words as (start, end, value), longest that text2num accepts."""
    tokens = [m for m in _WORD.finditer(text)]
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_number_word(tokens[i].group(), language):
            i += 1
            continue
        j = i
        while (j + 1 < len(tokens) and _is_number_word(tokens[j + 1].group(), language)
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
        if not (single and tokens[i].group().lower() in ARTICLE_WORDS):
            runs.append((tokens[i].start(), tokens[j].end(), value))
        i = j + 1
    return runs


def _followed_by(text: str, pos: int, table: dict, max_gap: int = 1) -> tuple[str, int] | None:
    """The longest key of `table` starting at pos after at most `max_gap` spaces."""
    rest = text[pos:pos + 40]
    stripped = rest.lstrip(" \u00a0")
    gap = len(rest) - len(stripped)
    if gap > max_gap:
        return None
    low = stripped.lower()
    for key in sorted(table, key=len, reverse=True):
        if low.startswith(key):
            end = len(key)
            # a word key must end at a word boundary ("won" but not "wonderful")
            if key[-1].isalpha() and end < len(low) and low[end].isalpha() \
                    and not _is_hangul(key[-1]):
                continue
            return key, pos + gap + end
    return None


def _preceded_by(text: str, pos: int, table: dict) -> tuple[str, int] | None:
    """The longest key of `table` ending just before pos (one space allowed)."""
    before = text[max(0, pos - 40):pos]
    stripped = before.rstrip(" \u00a0")
    if len(before) - len(stripped) > 1:
        return None
    low = stripped.lower()
    for key in sorted(table, key=len, reverse=True):
        if low.endswith(key):
            start_in = len(low) - len(key)
            if key[0].isalpha() and start_in > 0 and low[start_in - 1].isalpha():
                continue
            return key, pos - (len(before) - start_in)
    return None


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


def _atoms(text: str, language: str) -> list[Quantity]:
    """Bare numbers (no unit, qualifier or range yet), in text order."""
    atoms: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    for m in _ATOM.finditer(text):
        start, end = m.span()
        if m.group("korean"):
            value, sig = parse_korean(m.group("korean").strip())
            end = start + len(m.group("korean").rstrip())
            atoms.append(Quantity(start, end, text[start:end], float(value), float(value),
                                  float(value), significant_digits=sig))
        elif m.group("kmag"):
            base = KOREAN_MAGNITUDE[m.group("kmag")] * KOREAN_UNITS.get(m.group("kmagunit"), 1)
            atoms.append(Quantity(start, end, text[start:end], float(base), float(base),
                                  float(base * 10), "order_of_magnitude", significant_digits=1))
        else:
            atoms.append(_read_numeral(text, m.group("numeral"), start, end, language))
        taken.append((start, end))

    for start, end, value in _find_word_runs(text, language):
        atoms.append(Quantity(start, end, text[start:end], float(value), float(value),
                              float(value), significant_digits=significant_digits(str(value))))
        taken.append((start, end))

    atoms.extend(_magnitudes(text, taken))
    return sorted(atoms, key=lambda q: q.char_start)


def _read_numeral(text: str, numeral: str, start: int, end: int, language: str) -> Quantity:
    value = float(parse_numeral(numeral, language))
    sig = significant_digits(numeral)
    kind = "figure"
    before = text[max(0, start - 1):start]
    after = text[end:end + 2]
    if before in ("#", "/", "@") or (before.isalpha() and before.isascii()):
        kind = "reference"  # issue numbers, URL parts, codes like "11st" or "A4"
    elif re.match(r"(st|nd|rd|th|e|de|ste)\b", after + " ", re.I):
        kind = "ordinal"  # 6th, 11st (a company), 3e
    elif after[:1].isalpha() and after[:1].isascii() and not re.match(r"[a-z]{1,3}\b", after, re.I):
        kind = "reference"  # product codes and the like
    elif re.fullmatch(r"(19|20)\d\d", numeral) and not re.match(r"\s?(%|[€$]|won|euro)",
                                                                  text[end:end + 6], re.I):
        kind = "year"
    return Quantity(start, end, numeral, value, value, value, significant_digits=sig, kind=kind)


def _magnitudes(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """'tens of millions', 'tientallen miljoenen', 'hundreds of thousands', 'triple-digit'."""
    found: list[Quantity] = []
    words = "|".join(sorted(MAGNITUDE_WORDS, key=len, reverse=True))
    pattern = re.compile(rf"\b({words})(?:\s+of)?(?:\s+({words}|{'|'.join(SCALES)}))?\b", re.I)
    for m in pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first = MAGNITUDE_WORDS[m.group(1).lower()]
        second_word = (m.group(2) or "").lower()
        second = MAGNITUDE_WORDS.get(second_word) or SCALES.get(second_word) or 1
        if not m.group(2) and not re.match(r"\s+of\b", text[m.end(1):], re.I) \
                and first < 10**3:
            continue  # "tens" alone is not a number ("hundreds of years" is, via "of")
        low = first * second
        end = m.end() if m.group(2) else m.end(1)
        found.append(Quantity(m.start(), end, text[m.start():end], float(low), float(low),
                              float(low * 10 if first in (10, 100) else low * 1000),
                              "order_of_magnitude", significant_digits=1))
    for m in _DIGIT_COUNT.finditer(text):
        digits = DIGIT_COUNT_WORDS[m.group(1).lower()]
        low, high = 10 ** (digits - 1), 10 ** digits - 1
        found.append(Quantity(m.start(), m.end(), m.group(), float(low), float(low),
                              float(high), "order_of_magnitude", significant_digits=1))
    return found


def _grow(text: str, q: Quantity) -> Quantity:
    """Attach scale word, unit or currency after the atom, and a currency prefix before it."""
    start, end, value = q.char_start, q.char_end, q.value
    low, high = q.value_low, q.value_high
    unit = unit_kind = currency = None

    scale = _followed_by(text, end, SCALES)
    if scale and q.kind == "figure":
        factor = SCALES[scale[0]]
        value, low, high = (v * factor if v is not None else None for v in (value, low, high))
        end = scale[1]
    cur = _followed_by(text, end, CURRENCY_SUFFIX)
    if cur:
        currency, end = CURRENCY_SUFFIX[cur[0]], cur[1]
        unit, unit_kind = currency, "currency"
    else:
        u = _followed_by(text, end, UNITS)
        if u:
            unit, unit_kind = UNITS[u[0]]
            end = u[1]
    pre = _preceded_by(text, start, CURRENCY_PREFIX)
    if pre and not currency:
        currency = CURRENCY_PREFIX[pre[0]]
        unit, unit_kind = currency, "currency"
        start = pre[1]
    if q.surface.lower().startswith(("triple", "double", "single", "quadruple")) and \
            re.match(r"\s+growth", text[end:end + 10], re.I):
        unit, unit_kind = "percent", "percent"  # "triple-digit growth" is a percentage
    kind = q.kind
    if kind == "year" and (unit or scale):
        kind = "figure"
    return replace(q, char_start=start, char_end=end, surface=text[start:end], value=value,
                   value_low=low, value_high=high, unit=unit, unit_kind=unit_kind,
                   currency=currency, kind=kind)


def _qualify(text: str, q: Quantity, language: str) -> Quantity:
    if q.qualifier != "exact" or q.value is None or q.kind != "figure":
        return q
    table = QUALIFIER_BEFORE.get(language, QUALIFIER_BEFORE["en"])
    before = _preceded_by(text, q.char_start, table)
    after = _followed_by(text, q.char_end, QUALIFIER_AFTER, max_gap=1)
    if before:
        qualifier, start, end = table[before[0]], before[1], q.char_end
    elif after:
        qualifier, start, end = QUALIFIER_AFTER[after[0]], q.char_start, after[1]
    else:
        return q
    low, high = _bounds(q.value, qualifier)
    return replace(q, char_start=start, char_end=end, surface=text[start:end],
                   qualifier=qualifier, value_low=low, value_high=high)


def _join_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Merge 'A to B', 'A-B', 'vijf à zeven', 'between A and B' into one range quantity."""
    out: list[Quantity] = []
    i = 0
    while i < len(quantities):
        a = quantities[i]
        b = quantities[i + 1] if i + 1 < len(quantities) else None
        if b is not None and a.kind == b.kind == "figure" and a.value is not None \
                and b.value is not None and a.qualifier in ("exact", "about") \
                and b.qualifier == "exact":
            gap = text[a.char_end:b.char_start].strip().lower()
            compatible = (a.unit is None or a.unit == b.unit)
            opener = _preceded_by(text, a.char_start, RANGE_OPENERS)
            joined = gap in RANGE_JOINERS and gap not in ("and", "en", "or", "of")
            if opener and gap == RANGE_OPENERS[opener[0]]:
                joined = True
            if joined and compatible and a.value < b.value:
                start = opener[1] if opener and gap == RANGE_OPENERS[opener[0]] else a.char_start
                low_a = a.value
                # "3.5 to 5 million": the scale written once applies to both ends.
                if a.value < 1000 and b.value >= 1000 and b.surface and _followed_by(
                        text, b.char_start + len(b.surface.split()[0]), SCALES):
                    low_a = a.value * (b.value / float(b.surface.split()[0].replace(",", "")))
                out.append(Quantity(
                    start, b.char_end, text[start:b.char_end], (low_a + b.value) / 2, low_a,
                    b.value, "range", b.unit, b.unit_kind, b.currency,
                    max(a.significant_digits or 1, b.significant_digits or 1)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _merge_currency_pairs(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'10 billion KRW (about $7.7 million)' is one figure, with the second currency kept."""
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if prev is not None and prev.currency and q.currency and prev.currency != q.currency:
            gap = text[prev.char_end:q.char_start]
            if re.fullmatch(r"\s*[(\[,]?\s*(?:about|approx\.?|ca\.?|or|of|ongeveer|약|roughly)?\s*",
                            gap, re.I):
                close = re.match(r"\s*[)\]]", text[q.char_end:])
                end = q.char_end + (close.end() if close else 0)
                out[-1] = replace(prev, char_end=end, surface=text[prev.char_start:end],
                                  alt_value=q.value, alt_currency=q.currency)
                continue
        out.append(q)
    return out


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Every number in `text`, read as a Quantity, in text order.

    Years, ordinals and references (issue numbers, URL fragments) are returned too, with
    `kind` saying so, so that callers can account for every number they skip.
    """
    quantities = [_qualify(text, _grow(text, a), language) for a in _atoms(text, language)]
    quantities = _drop_contained(quantities)
    quantities = _join_ranges(text, quantities)
    return _merge_currency_pairs(text, quantities)


def _drop_contained(quantities: list[Quantity]) -> list[Quantity]:
    """An atom inside a larger one (a numeral inside a Korean unit number) is the same number."""
    quantities = sorted(quantities, key=lambda q: (q.char_start, -(q.char_end - q.char_start)))
    out: list[Quantity] = []
    for q in quantities:
        if out and q.char_start < out[-1].char_end:
            continue
        out.append(q)
    return out

