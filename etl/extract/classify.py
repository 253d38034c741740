"""Give a figure a metric, what it counts and who acted, from the words around it.

The words are lemmas (English, Dutch) or morphemes (Korean), from `analysis`, matched
against the vocabularies in `etl.vocab`: ACTS (what was done: removed, seized, arrested ...),
COUNTED (what the number counts: listings, stores, items, people, cases) and the metrics'
own nouns (budget, customers, value ...). A figure's context is its clause: its sentence with
the asides of other figures removed, cut at the neighbouring figures so that one figure's
words do not classify the next.

The act decides, together with what is counted and the unit (`_act_metric`): "removed 977,151
products" is removals, not the catalogue; "closed 1,193 stores" is closures; "seized 4만 점"
is seizures; "arrested 12 people" is enforcement cases. Without an act, the metric's own nouns
decide ("2.3 million customers"). A percentage is a change when a change word is near and a
share otherwise; a change with a falling word is negative. Nothing near: `other`, with a low
confidence. Every decision records the cue that made it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from etl.extract.analysis import Analyser, Token, cue_lemmas, dutch_singulars, hangul_runs
from etl.vocab import (
    ACTORS,
    ACTS,
    CONTEXT_COUNTS,
    COUNTED,
    DECREASE_CUES,
    METRIC_NEEDS_CONTEXT,
    METRICS,
    NON_CUSTODIAL,
    OTHER_MONEY,
    SEARCHED_PLACES,
    STOCK_CONTEXTS,
    Term,
)

ACT_WEIGHT = 2.0  # an act outranks a noun at the same distance
NOUN_WEIGHT = 1.0
# "goods worth €3m", "sold for €3.4 billion had they been genuine": a value word beside an
# amount says what the amount is, even with an act nearby
VALUE_WEIGHT = 2.2
# Money lost, or a market value, outranks the value word inside it ("시가총액": 시가 + 총액).
LOSS_WEIGHT = VALUE_WEIGHT * 1.1
PROXIMITY_TOKENS = 4.0  # a cue this many tokens away scores half of an adjacent one
MIN_SCORE = 0.12  # below this the nearest cue is too far to trust
WIDER_WEIGHT = 0.75  # an act found only outside the figure's clause, in its sentence
_SEARCHED_PLACE_CUES = frozenset(cue for cues in SEARCHED_PLACES.values() for cue in cues)
# Paying is a fine's act only where a court or a regulator orders it: anyone pays a price,
# a levy or a purchase.
PAY_CUES = frozenset({"pay", "betalen"})
# What these nouns count is never what an act does to listings or goods: as the number's head
# noun they decide ("protected 7,550 brands by taking down listings").
HEAD_DECIDES = frozenset({"brands_protected", "customers", "orders"})
HEAD_WEIGHT = 3.0
# Nouns that count themselves (parcels, orders): a number counting goods beside them is not one.
COUNTS_OF_THEIR_OWN = frozenset({"parcels_handled", "orders"})
# What a number beside such a noun counts when it is not that noun's count.
NOT_THEIR_OWN = frozenset({"items", "money", "stores", "people"})
NEAR_TOKENS = 40  # how far outside its clause a figure's act and actor are looked for
PARAGRAPH_CHARS = 4000  # how much of a paragraph is read for its context (a bounded look)
_ASIDE = re.compile(r"\s[–—]\s.+?\s[–—]\s|\([^)]*\)")
# The words right after a number name what it counts ("977,151 counterfeit products").
# A value word starts the next figure's phrase, not this one's ("83,000 items worth $502
# million": "worth" is the amount's).
_HEAD_NOUN = re.compile(r"(?:\s+(?!(?:worth|valued|waard|ter|t\.w\.)\b)[^\W\d_][\w'’-]*){1,2}",
                        re.IGNORECASE)
# Korean nominal suffixes a cue may carry inside one morpheme (매출액, 판매량, 추징금, 적발건수).
_KO_SUFFIXES = ("액", "량", "금", "건수", "수", "률", "율", "품", "자", "물", "분")
# How much of an article's opening says what it is about (title and lede).
LEDE_CHARS = 1500
# Acts that can be an article's topic (selling, changing and sharing say nothing of it).
TOPIC_ACTS = frozenset({"remove", "close", "seize", "arrest", "notify", "fine", "fund",
                        "imprison", "award"})
# A topic act is weaker evidence than any act in the figure's own sentence, and is taken only
# for what that act counts ("seized 4만점 ... 화장품류가 4만1903점": goods; not the prices,
# countries or people of a seizure story).
TOPIC_WEIGHT = 0.3
# A funding story implies nothing of its amounts: the others are prices, losses and market
# sizes as often as budgets (taking them as budgets lost more than it won on the dev half).
TOPIC_COUNTS = {"seize": ("items", "cases"), "arrest": ("people", "cases"), "fund": (),
                "award": ("money",), "fine": ("money",), "remove": ("listings",),
                "close": ("stores",),
                "notify": ("cases",), "imprison": ("time",)}
MAX_CUE_TOKENS = 6  # the longest cue phrase, in tokens (with the particles it may skip)
KOREAN_COMPOUND_PARTS = 3  # the most nouns a Korean compound cue is split into
# An act introduced by these is the reason for what the figure is ("fined for selling").
_REASON_WORDS = frozenset({"for", "wegens", "vanwege", "voor", "over"})
# Words right before an amount that make it what one thing sells for ("cost $9,600", "priced
# at", "kost 45 euro"): not sales.
_SALE_PRICE_WORDS = frozenset({"cost", "priced", "kosten", "kost", "판매가"})
# Price nouns: the amount is what one thing costs, whatever act is near ("압수품 가운데 가장
# 비싼 가방은 정품 값이 699만원", "a price of €45") ...
_UNIT_PRICE_WORDS = frozenset({"price", "prijs", "가격", "값"})
# ... unless the price is a value of goods ("retail price of £2.6 million").
_VALUE_PRICES = frozenset({"retail", "street", "market", "genuine", "winkel"})
# Hedges between a price word and its amount ("costs more than $320", "kost al snel ruim").
_PRICE_HEDGES = frozenset({"more", "than", "up", "to", "as", "little", "much", "about",
                           "around", "nearly", "almost", "just", "only", "roughly", "some",
                           "ruim", "bijna", "ongeveer", "circa", "slechts", "maar", "al",
                           "snel", "zo'n", "wel", "tot"})
# A Korean counter of one thing followed by 에 or 당 makes the amount its price ("한 점에
# 2만5000원꼴", "개당 3만원").
_PER_THING_COUNTERS = frozenset({"점", "개", "켤레", "병", "갑", "벌", "장"})
_ATTEMPTS = frozenset({"attempt", "poging"})
# "20 of the 47 items": two words between a part and its whole
_PARTITIVES = frozenset({("of", "the"), ("out", "of"), ("van", "de"), ("van", "het")})
_PARTITIVE_WORDS = 2
# Korean particles that make a percentage the subject, topic or object of its clause.
_SUBJECT_PARTICLES = frozenset({"는", "은", "가", "이", "를", "을"})
# Verbs after "N원에" that make the amount a level reached, not a price ("2조원에 달했다").
_REACHES = frozenset({"달하", "이르", "육박", "그치", "머물", "불과하", "해당하", "달"})
# "per" before these is a rate over time ("1 miljoen euro per jaar"), not a price per thing.
_TIME_WORDS = frozenset({"year", "jaar", "month", "maand", "week", "day", "dag", "annum"})
REASON_WEIGHT = 0.4
# Right after a percentage, these make it a change ("49 procent meer", "31.4% 증액",
# "50% 높아졌다"); right before it, those make it a level ("rose to 46%", "40%에서 46%로").
_COMPARATIVES = frozenset({
    "more", "less", "fewer", "higher", "lower", "up", "down", "increase", "rise", "growth",
    "meer", "minder", "hoger", "lager", "groei", "stijging", "daling",
    "증액", "증가", "늘", "높", "많", "감소", "줄", "상승", "하락", "감액", "오르", "급증", "급감",
    "뛰", "적", "불"})
# Nouns that also modify the noun after them ("suspect consignments"): that noun is counted.
_ADJECTIVE_NOUNS = frozenset({"suspect", "verdachte"})
_MASS_OF = frozenset({"of", "van", "aan"})
# "listings from 66,764 sellers", "belonged to 42,526 sellers", "van 42.526 verkopers"
_OWNED_BY = frozenset({"from", "to", "van"})
_NEGATORS = frozenset({"without", "zonder", "없이"})
_LEVEL_WORDS = frozenset({"to", "from", "at", "tot", "naar", "op", "에서", "로", "으로", "까지"})
# Words that end a number's noun phrase (English, Dutch): what follows is not its head noun.
_HEAD_STOP = frozenset({
    "to", "in", "of", "from", "for", "with", "by", "at", "on", "that", "which", "who", "be",
    "have", "and", "or", "than", "as", "van", "voor", "met", "die", "dat", "om", "te", "op",
    "bij", "door", "naar", "worden", "zijn", "hebben", "en", "dan", "als", "uit", "aan",
    # an article opens the next noun phrase ("122 daarvan troffen de douaniers")
    "the", "a", "an", "de", "het", "een"})


def _head_end(tokens: list[Token], last: int, limit: int) -> int:
    """Where the noun phrase after a number (its first token at `last`) ends: at a function
    word, a punctuation mark or another number, and at most at `limit` (English, Dutch)."""
    stop = last
    while stop < min(len(tokens), limit) and tokens[stop].tag not in ("P", "NUM") and \
            tokens[stop].lemma not in _HEAD_STOP:
        stop += 1
    return stop


def phrase_end(text: str, end: int) -> int:
    """Where the number ending at `end` stops owning the words after it."""
    m = _HEAD_NOUN.match(text, end)
    return m.end() if m else end


def asides(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ASIDE.finditer(sentence)]


@dataclass(frozen=True)
class Classification:
    metric: str
    confidence: float
    cue: str | None
    counted: str | None = None
    actor: str | None = None
    decrease: bool = False  # a growth_rate stated as a fall


@dataclass(frozen=True)
class Topic:
    """An article's main act and actor, from its title and lede ("Japan blocked 31,760
    counterfeit imports"; "Korean IP police arrest ..."): what a figure whose own sentence
    says neither is most likely about."""
    act: str | None
    actor: str | None


class CueMatch(NamedTuple):
    # a named tuple, not a frozen dataclass: every cue of every sentence makes one
    term: Term
    cue: str
    start: int  # token index of the first token matched
    end: int


class CueIndex:
    """The cues of some vocabularies in one language, indexed by their first lemma, so that
    finding them in a clause costs a dictionary lookup per token; all vocabularies are found
    in one pass over the tokens."""

    def __init__(self, vocabularies: dict[str, tuple[Term, ...]], language: str):
        self.language = language
        self.names = tuple(vocabularies)
        Entry = tuple[str, Term, str]  # vocabulary name, term, cue as written
        self.exact: dict[str, list[tuple[str, Term, str, tuple[frozenset[str], ...]]]] = {}
        # word starts and ends by their text, looked up by length: a few lookups per token
        self.prefix: dict[str, list[Entry]] = {}
        self.suffix: dict[str, list[Entry]] = {}
        self.surface: dict[str, list[Entry]] = {}
        for name, terms in vocabularies.items():
            for term in terms:
                for cue in term.cues.get(language, ()):
                    if cue.startswith("="):
                        self.surface.setdefault(cue[1:], []).append((name, term, cue))
                    elif cue.startswith("*"):
                        self.suffix.setdefault(cue[1:], []).append((name, term, cue))
                    elif cue.endswith("*"):
                        self.prefix.setdefault(cue[:-1], []).append((name, term, cue))
                    else:
                        parts = cue_lemmas(cue, language)
                        for first in parts[0] if parts else ():
                            self.exact.setdefault(first, []).append((name, term, cue, parts))
                        if len(parts) > 1:  # a phrasal verb read as one token ("take offline")
                            self.exact.setdefault(cue.lower(), []).append((name, term, cue, ()))
        self._by_form: dict[tuple[str, str, str], tuple[list, list]] = {}
        self.prefix_lengths = sorted({len(s) for s in self.prefix})
        self.suffix_lengths = sorted({len(s) for s in self.suffix})

    def find(self, tokens: list[Token]) -> dict[str, list[CueMatch]]:
        """Every vocabulary's matches in `tokens`, by vocabulary name."""
        found: dict[str, list[CueMatch]] = {name: [] for name in self.names}
        for i, token in enumerate(tokens):
            if token.tag in ("NUM", "P"):
                continue
            single, phrases = self._entries(token.lemma, token.surface, token.tag)
            for name, term, cue in single:
                found[name].append(CueMatch(term, cue, i, i + 1))
            for name, term, cue, parts in phrases:
                end = _rest_matches(tokens, i + 1, parts[1:])
                if end is not None:
                    found[name].append(CueMatch(term, cue, i, end))
            if self.language == "ko" and token.tag == "N":
                self._compound(tokens, i, found)
        return {name: _outermost(matches) for name, matches in found.items()}

    def _compound(self, tokens: list[Token], i: int, found: dict[str, list[CueMatch]]) -> None:
        """A Korean compound noun the analyser split in this sentence ("모니터링단" as
        모니터링 + 단, "입점업체"): a cue written as one word matches its nouns written
        together."""
        word = tokens[i].surface
        for j in range(i + 1, min(len(tokens), i + KOREAN_COMPOUND_PARTS)):
            if tokens[j].tag != "N" or tokens[j].start != tokens[j - 1].end:
                return
            word += tokens[j].surface
            for name, term, cue, parts in self.exact.get(word, ()):
                if len(parts) == 1:
                    found[name].append(CueMatch(term, cue, i, j + 1))

    def _entries(self, lemma: str, surface: str, tag: str) -> tuple[list, list]:
        """The cues a token of this form starts: those it is by itself, and the phrases that
        need the words after it. Worked out once per form (a dictionary per index)."""
        form = (lemma, surface, tag)
        cached = self._by_form.get(form)
        if cached is not None:
            return cached
        seen: set[tuple[str, str, str]] = set()  # one match per cue, whichever form matched
        single: list[tuple[str, Term, str]] = []
        phrases: list[tuple[str, Term, str, tuple]] = []
        keys = _token_keys(lemma, surface, tag, self.language)
        for key in keys:
            for name, term, cue, parts in self.exact.get(key, ()):
                if (name, term.key, cue) not in seen:
                    seen.add((name, term.key, cue))
                    (phrases.append((name, term, cue, parts)) if len(parts) > 1
                     else single.append((name, term, cue)))
        single.extend(self.surface.get(surface.lower(), ()))
        ends = keys if self.language == "nl" else (lemma,)
        for n in self.suffix_lengths:
            for key in ends:
                for name, term, cue in self.suffix.get(key[-n:], ()) if len(key) >= n else ():
                    if (name, term.key, cue) not in seen:
                        seen.add((name, term.key, cue))
                        single.append((name, term, cue))
        for n in self.prefix_lengths:
            if len(lemma) < n:
                break
            single.extend(self.prefix.get(lemma[:n], ()))
        if len(self._by_form) < 200_000:  # bounded: a huge article has many rare words
            self._by_form[form] = (single, phrases)
        return single, phrases


@lru_cache(maxsize=65536)
def _token_keys(lemma: str, surface: str, tag: str, language: str) -> tuple[str, ...]:
    """The forms a token's cues may be written in, sorted (the same order in every run)."""
    keys = {lemma, surface.lower()}
    if language == "ko":
        for suffix in _KO_SUFFIXES:  # 매출액 -> 매출, 적발건수 -> 적발
            if lemma.endswith(suffix) and len(lemma) > len(suffix):
                keys.add(lemma[:-len(suffix)])
        if tag == "H":  # no morphemes (over the budget): any start of the run
            keys.update(lemma[:k] for k in range(1, len(lemma)))
    elif language == "nl" and lemma == surface.lower():
        keys.update(dutch_singulars(lemma))  # a compound the dictionary lacks
    return tuple(sorted(keys))


def _outermost(found: list[CueMatch]) -> list[CueMatch]:
    """Matches not inside a longer one of another term ("notice" in "takedown notice" is the
    longer one's), in text order. Cues are a few words long, so only matches starting a few
    tokens earlier can hold one."""
    if not found:
        return found
    if all(m.end - m.start == 1 for m in found):  # no phrase: none holds another
        return sorted(found, key=lambda m: (m.start, m.end, m.term.key, m.cue))
    by_start: dict[int, list[CueMatch]] = defaultdict(list)
    for m in found:
        by_start[m.start].append(m)
    return sorted((m for m in found if not any(
        o.end >= m.end and (o.end - o.start) > (m.end - m.start) and o.term.key != m.term.key
        for s in range(m.start - MAX_CUE_TOKENS, m.start + 1) for o in by_start.get(s, ()))),
        key=lambda m: (m.start, m.end, m.term.key, m.cue))  # the same order in every run


def _rest_matches(tokens: list[Token], j: int,
                  rest: tuple[frozenset[str], ...]) -> int | None:
    """Where a phrase's remaining words end, if they follow at j (one particle or article
    may stand between two of them: "판매를 중지", "take the listings down" does not count)."""
    for forms in rest:
        if j < len(tokens) and not forms.isdisjoint((tokens[j].lemma,
                                                      tokens[j].surface.lower())):
            j += 1
        elif j + 1 < len(tokens) and tokens[j].tag in ("J", "W") and \
                not forms.isdisjoint((tokens[j + 1].lemma, tokens[j + 1].surface.lower())) \
                and len(tokens[j].surface) <= 3:
            j += 2
        else:
            return None
    return j


_INDEXES: dict[tuple[str, str], CueIndex] = {}


def find_cues(tokens: list[Token], terms: tuple[Term, ...], language: str,
              name: str = "") -> list[CueMatch]:
    """Every cue of `terms` in `tokens`. `name` keys the index (one per vocabulary)."""
    key = (name or ",".join(t.key for t in terms), language)
    if key not in _INDEXES:
        _INDEXES[key] = CueIndex({key[0]: terms}, language)
    return _INDEXES[key].find(tokens)[key[0]]


def find_all_cues(tokens: list[Token], language: str) -> dict[str, list[CueMatch]]:
    """Every vocabulary's cues in `tokens` (one pass), by vocabulary name."""
    key = ("*", language)
    if key not in _INDEXES:
        _vocabulary("acts")  # fills the table
        _INDEXES[key] = CueIndex(dict(_VOCABULARIES), language)
    return _INDEXES[key].find(tokens)


# Counted nouns that are notices themselves ("12,000 complaints"); other cases a notice verb
# governs ("reported 306 seizures") are what was reported, not reports.
_NOTICE_NOUNS = frozenset(cue for cues in next(t for t in ACTS if t.key == "notify").cues.values()
                          for cue in cues)


def _act_metric(act: str, counted: str | None, unit_kind: str | None,
                actor: str | None = None, noun: str | None = None) -> str | None:
    """The metric an act gives a figure of this kind (`noun`: what is counted, as written);
    None when the act says nothing of it."""
    if act == "award":  # a court awards damages; a government or a fund awards grants
        if unit_kind != "currency":
            return None
        return "fines_penalties" if actor == "court" else "investment"
    if unit_kind == "currency":
        return {"fine": "fines_penalties", "fund": "investment", "sell": "sales",
                "seize": "seized_value"}.get(act)
    if unit_kind == "percent":
        return {"change": "growth_rate", "share": "share_percent"}.get(act)
    if unit_kind == "duration":
        # the time a platform takes to act: not the time to file a report or a refund claim
        return {"imprison": "prison_sentence", "remove": "response_time",
                "close": "response_time"}.get(act)
    if act in ("remove", "close") and counted == "people":
        return None  # "선고는 ... 내려진다": a sentence handed down, not a listing
    if act == "remove":
        if counted == "stores":
            return "closed_stores"
        if counted == "cases" and noun is not None:
            return "enforcement_cases"  # "blocked 31,760 counterfeit imports": consignments
        # customs "blocked 31,760 at the border", agents "removed 83,000 items": goods, not
        # listings
        if actor in ("customs", "police") and counted in ("items", None):
            return "seized_items"
        return "removed_listings"
    if act == "close":
        if actor == "customs" and counted in ("items", None):
            return "seized_items"  # "import suspensions": goods held at the border
        if counted == "cases" and noun is not None and noun not in _NOTICE_NOUNS:
            return "enforcement_cases"  # "sloten tien laboratoria", "shut 3 factories": raids
        return "removed_listings" if counted == "listings" else (
            "closed_stores" if counted in ("stores", None) else None)
    if act == "seize":
        if counted == "people":
            return "enforcement_cases"
        # listings found online are taken down, not seized ("적발된 위조상품 게시물")
        if counted == "listings" or (actor == "platform" and counted in (None, "cases")):
            return "removed_listings"
        if counted == "stores" and noun in _BUSINESSES:
            return "enforcement_cases"  # "11개 업체를 적발": businesses caught are cases
        if counted == "stores":  # web shops and domains seized are shops closed
            return "closed_stores"
        if counted == "cases":  # "26,503 shipments seized", "1만2000건 적발": seizures counted
            return "enforcement_cases"
        return "seized_items"
    if act == "arrest":  # "raids netted 30,000 watches": the raid is the event, goods the count
        if counted == "items" or (actor == "customs" and counted is None):
            return "seized_items"  # customs "detained almost 20,000 of them": goods
        return "enforcement_cases"
    if act == "notify":  # "12,000 reports", "reported 20,915 listings"; but "the report names
        # 47 products" is a document
        if counted == "cases" and noun is not None and noun not in _NOTICE_NOUNS:
            return "enforcement_cases"  # "reported 306 seizures": stated, not notified
        return "notices_received" if counted in (None, "cases", "listings") else None
    if act == "buy":  # "GAO staff bought 47 items": what a buyer got, nothing done to them
        return "other" if counted == "items" else None
    if act == "sell":  # sales are money (revenue); goods sold are counted, but not enforcement
        return "other" if counted == "items" else None
    return None


_FALL = (Term("fall", "falls", cues=DECREASE_CUES),)
ANTI_COUNTERFEIT = (next(t for t in STOCK_CONTEXTS if t.key == "anti_counterfeit"),)
FAKE_GOODS = (next(t for t in STOCK_CONTEXTS if t.key == "fake_goods"),)
# Counts with no act that are enforcement all the same ("12 suspects", "45 cases").
ENFORCEMENT_NOUNS = frozenset({"suspect", "defendant", "verdachte", "피의자", "피고인", "case",
                               "zaak", "geval", "gevallen", "사건", "lawsuit", "investigation",
                               "onderzoek", "verdachten",
                               "prosecution", "arrest", "conviction", "일당", "raid", "inval",
                               "inspection", "controle", "dossier", "network", "gang",
                               "syndicate", "netwerk", "bende", "조직"})
# a weight counts goods ("16 ton vals waspoeder"): in a seizure story, the goods seized
_UNIT_COUNTED = {"currency": "money", "percent": "percent", "duration": "time", "mass": "items"}
_ONLINE = frozenset({"platform", "platform_name"})  # contexts that put a figure online
# A condition's conjunction, and the words of exceeding a bound after it: a threshold.
_CONDITIONS = frozenset({"if", "where", "unless", "once", "zolang", "indien", "mits",
                         "tenzij", "wanneer"})
_PAST_ENDINGS = ("ed", "eed", "eden")  # exceeded, overschreed, overschreden
_EXCEEDING = frozenset({"exceed", "exceeds", "exceeding", "above", "boven", "overschrijden",
                        "overschrijdt"})
THRESHOLD_REACH = 8  # tokens before the number a condition may open its clause
# Nouns of money taken in: from fakes, the takings of their sellers, not the goods' value.
_TAKINGS = frozenset({"revenue", "turnover", "gmv", "omzet", "매출", "매출액", "판매액"})
_LOSSES = frozenset({"loss", "lose", "cost", "verlies", "derving", "mislopen", "kosten"})
_FOR_A_TIME = frozenset({"for", "gedurende"})
# Verbs of takings: money a seller earned from fakes is its sales, not the goods' value.
_EARNED = frozenset({"earn", "verdienen", "벌어들이", "벌"})
# Businesses (not shops or sites): one caught is a case, not a store closed.
_BUSINESSES = frozenset({"업체", "개사", "업소"})
# Nouns that count brands: a number they head counts no goods, listings or cases.
_BRAND_NOUNS = frozenset({"brand", "trademark", "merk", "브랜드", "상표"})
# Acts on a platform's catalogue, and the stock they are taken from.
_CATALOGUE_ACTS = {"removed_listings": "products_on_platform",
                   "closed_stores": "stores_on_platform"}
_MONITORING = "모니터링"  # Korean online monitoring (모니터링단, 기획 모니터링): of listings
_KOREAN_COUNTERS = {"명": "people", "건": "cases", "점": "items", "개": "items", "곳": "stores",
                    "켤레": "items", "병": "items", "상자": "items", "박스": "items",
                    "개사": "stores", "개소": "stores", "벌": "items", "정": "items",
                    "족": "items", "개국": None, "개월": None}


def _investment(logistics: bool, against_fakes: bool) -> str | None:
    """Money invested: in logistics, or in fighting fakes (said so near), or neither
    ("1000억원을 한국 시장에 투자": other)."""
    if logistics:
        return "logistics_investment"
    return "anti_counterfeit_budget" if against_fakes else None


# Each vocabulary a sentence is matched against once, by name.
_VOCABULARIES: dict[str, tuple[Term, ...]] = {}


class SentenceCues:
    """A sentence's tokens and, per vocabulary, its cue matches, found once; a figure takes
    those in its range (a bisection), so a long sentence is not scanned once per figure."""

    def __init__(self, tokens: list[Token], language: str):
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.language = language
        self._found: dict[str, tuple[list[CueMatch], list[int]]] = {}

    def matches(self, name: str, lo: int, hi: int) -> list[CueMatch]:
        """Matches of vocabulary `name` lying within tokens [lo, hi)."""
        found, starts = (self._found or self._find())[name]
        i = bisect.bisect_left(starts, lo)
        j = bisect.bisect_left(starts, hi, i)
        # most figures have no cue of most vocabularies near them: no list to filter
        return [m for m in found[i:j] if m.end <= hi] if i < j else []

    def all_matches(self) -> dict[str, list[CueMatch]]:
        """Every vocabulary's matches in the sentence."""
        return {name: found for name, (found, _) in self._find().items()}

    def _find(self) -> dict[str, tuple[list[CueMatch], list[int]]]:
        if not self._found:
            for vocabulary, found in find_all_cues(self.tokens, self.language).items():
                self._found[vocabulary] = (found, [m.start for m in found])
        return self._found


def _vocabulary(name: str) -> tuple[Term, ...]:
    if not _VOCABULARIES:
        _VOCABULARIES.update({
            "acts": ACTS, "counted": COUNTED, "actors": ACTORS, "contexts": STOCK_CONTEXTS,
            "participants": CONTEXT_COUNTS, "non-custodial": NON_CUSTODIAL,
            "other-money": OTHER_MONEY,
            "anti-counterfeit": ANTI_COUNTERFEIT, "fake-goods": FAKE_GOODS, "fall": _FALL,
            **{f"metrics-{kind}": _noun_metrics(kind)
               for kind in (None, "currency", "percent", "duration", "count", "mass")}})
    return _VOCABULARIES[name]


def _noun_metrics(unit_kind: str | None) -> tuple[Term, ...]:
    if unit_kind in ("currency", "percent", "duration"):
        return tuple(m for m in METRICS if unit_kind in m.unit_kinds and m.cues)
    return tuple(m for m in METRICS if m.cues and not m.unit_kinds)


class Classifier:
    """Classifies the figures of one article; holds its analysis (each sentence once)."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language if language in ("en", "nl", "ko") else "en"
        self.analyser = Analyser(text, self.language)
        self._tokens: dict = {}
        self._contexts: dict = {}
        self._topic: Topic | None = None
        self._funds_the_fight: bool | None = None

    @property
    def funds_the_fight(self) -> bool:
        """Is the article about money against fakes: a funding title that names the fight
        ("fonds van 100 miljoen dollar tegen namaak")? Then money given or set aside in it
        is for that, where its own sentence does not say what for."""
        if self._funds_the_fight is None:
            title_end = self.text.find("\n")
            tokens = self.analyser.tokens(0, title_end if title_end > 0 else
                                          min(len(self.text), LEDE_CHARS))
            self._funds_the_fight = self.topic.act == "fund" and bool(
                find_cues(tokens, ANTI_COUNTERFEIT, self.language, "anti-counterfeit"))
        return self._funds_the_fight

    @property
    def topic(self) -> Topic:
        """What the article is about, read from its opening (title and lede) once."""
        if self._topic is None:
            end = len(self.text[:LEDE_CHARS].rsplit("\n", 1)[0]) if len(self.text) > LEDE_CHARS \
                else len(self.text)
            tokens = self.analyser.tokens(0, end)
            acts = Counter(m.term.key for m in find_cues(tokens, ACTS, self.language, "acts")
                           if m.term.key in TOPIC_ACTS)
            actors = Counter(m.term.key for m in find_cues(tokens, ACTORS, self.language,
                                                           "actors"))
            self._topic = Topic(acts.most_common(1)[0][0] if acts else None,
                                actors.most_common(1)[0][0] if actors else None)
        return self._topic

    def classify(self, sentence_start: int, sentence_end: int, span: tuple[int, int],
                 window: tuple[int, int], unit_kind: str | None, unit: str | None = None,
                 excluded: list[tuple[int, int]] = (),
                 paragraph: tuple[tuple[int, int], ...] | None = None) -> Classification:
        """The metric of the figure at `span` (article offsets), read in `window` (its clause,
        without the `excluded` asides) and, for its act, in the rest of its sentence."""
        sentence = self._sentence(sentence_start, sentence_end, tuple(excluded))
        tokens, starts = sentence.tokens, sentence.starts
        lo = bisect.bisect_left(starts, window[0])
        hi = bisect.bisect_left(starts, window[1])
        first = bisect.bisect_left(starts, span[0])
        last = bisect.bisect_left(starts, span[1])  # first token after the figure
        number_at = near_at = (first, last)
        # acts and actors outside the clause are looked for this many tokens around it
        near_lo, near_hi = max(0, first - NEAR_TOKENS), last + NEAR_TOKENS
        counted, counted_cue = self._counted(sentence, first, last, lo, hi, unit_kind)
        # the noun that says what is counted; a Korean counter (건 counts notices and cases
        # alike) says nothing more than its class
        noun = counted_cue if counted_cue not in _KOREAN_COUNTERS else None
        near_actors = sentence.matches("actors", near_lo, near_hi)
        actor = self._actor(near_actors, first)
        acting = actor or self.topic.actor  # who acted, when the sentence does not say
        here = {m.term.key for m in sentence.matches("contexts", near_lo, near_hi)}
        # "온라인 위조상품 129만건을 단속", "기획 모니터링에서 ... 6710건을 적발": fakes found
        # online are listings, as the monitoring teams count them (a customs case is a case)
        acted_on = "listings" if counted_cue == "건" and acting != "customs" and (
            here & _ONLINE or any(t.lemma.startswith(_MONITORING)
                                  for t in tokens[near_lo:near_hi])) else counted
        if unit_kind in (None, "count", "mass"):
            # only when nothing counted comes first ("1 miljard pakketjes via ons land": parcels)
            head_at = last + (unit_kind == "mass" and last < len(tokens) and
                              tokens[last].lemma in _MASS_OF)  # "90 million tonnes of cargo"
            participants = [m for m in self._head_matches(sentence, "participants", first,
                                                          head_at)
                            if not sentence.matches("counted", last, m.start)
                            and not sentence.matches(f"metrics-{unit_kind}", last, m.start)]
            if participants:  # "in 111 countries", "200 agencies": who took part, not what
                who = "people" if participants[0].term.key == "personnel" else None
                return Classification("other", 0.6, participants[0].cue, who, actor)
        if unit_kind == "duration":
            served_outside = self._head_matches(sentence, "non-custodial", first, last)
            if served_outside:  # "240 uur werkstraf": not a prison sentence
                return Classification("other", 0.6, served_outside[0].cue, "time", actor)
        if self._threshold(tokens, first, last):  # "where a fine exceeds Sh50,000": a rule's
            return Classification("other", 0.5, "(a threshold)", counted, actor)  # bound
        price = self._price(tokens, first, last, unit_kind)
        if price in ("unit", "cost"):  # "정품 값이 699만원", "a belt costs $320": one
            # thing's price, whatever was done
            return Classification("other", 0.5, "(a price)", "money", actor)
        if unit_kind in (None, "count") and _asks_for_information(tokens, first, last):
            # "16,000 requests for information about users": what authorities ask a platform
            # for, not notices of fakes
            return Classification("other", 0.5, "(information requests)", "cases", actor)
        if unit_kind == "currency" and _cash(tokens, first, last) and not any(
                m.term.key == "fine" for m in sentence.matches("acts", 0, first)):
            # "beslag op 55.000 euro aan contant geld", "$500,000 in cash bribes": the money
            # itself, not goods it values; cash a court takes is a penalty ("the forfeiture
            # of ... $41,000 in cash")
            return Classification("other", 0.5, "(cash)", "money", actor)
        evidence: dict[str, tuple[float, str]] = {}

        def consider(metric: str | None, score: float, cue: str) -> None:
            if metric and score > evidence.get(metric, (0.0, ""))[0]:
                evidence[metric] = (score, cue)

        nouns = [m for m in sentence.matches(f"metrics-{unit_kind}", lo, hi)
                 if not self._negated(sentence, m)]
        logistics = any(m.term.key == "logistics_investment" for m in nouns)
        against_fakes = bool(sentence.matches("anti-counterfeit", near_lo, near_hi))
        # fakes named before a count of parcels, or right after it ("zendingen met namaak"),
        # say what the parcels held; "1.200 pakketjes per minuut, en namaak glipt" does not
        of_fakes_here = any(m.start <= last + 3 for m in sentence.matches("fake-goods", lo, hi))
        # money fakes were sold for is their value, not a platform's sales ("가짜 애플 케이블
        # 10억원 넘게 판", "fake goods worth $500bn are sold online"), in any clause of the
        # sentence ("거래된 위조품은 85억원 규모였고, 이 가운데 옥션이 19억원")
        of_fakes = unit_kind == "currency" and bool(
            sentence.matches("fake-goods", near_lo, near_hi)) and not any(
            t.lemma in _EARNED and t.tag != "CTR"  # 벌 also counts clothes ("300벌")
            for t in tokens[lo:hi])  # "팔아 8억원을 벌어들였다": takings

        # an act inside a longer noun cue is that noun's word ("put at £182,500" values goods,
        # it does not "put money into" them; a "net loss" nets nothing)
        inside_nouns = {(m.start, m.end) for m in nouns}
        if unit_kind == "currency":
            inside_nouns |= {(m.start, m.end) for m in sentence.matches("other-money", lo, hi)}

        def stated(match: CueMatch) -> bool:  # not "without removal", not "suspect listings"
            return not self._negated(sentence, match) and \
                not self._modifies(sentence, match) and not any(
                    s <= match.start and match.end <= e and e - s > match.end - match.start
                    for s, e in inside_nouns)

        clause_acts = [m for m in sentence.matches("acts", lo, hi) if stated(m)]

        def act_metric(match: CueMatch) -> str | None:
            if price and match.term.key == "sell":
                return None  # "30만원에 팔리는": a price, not sales
            if match.cue == "put" and first and tokens[first - 1].lemma == "at":
                return None  # "put the value of the shoes at Sh146.1 million": a valuation
            if match.term.key == "close" and unit_kind == "duration" and first and \
                    tokens[first - 1].lemma in _FOR_A_TIME:
                return None  # "suspended for three months": how long, not how soon
            if match.term.key == "notify" and counted == "listings" and match.start >= last:
                return None  # "350 miljoen advertenties, meldt het bedrijf": said, not flagged
            if match.term.key == "fine" and match.cue in PAY_CUES and \
                    acting not in ("court", "regulator") and not any(
                        m.term.key in ("court", "regulator") for m in near_actors):
                return None  # "betalen pakjes een heffing van 3 euro": paid, not imposed
            metric = _act_metric(match.term.key, acted_on, unit_kind, acting, noun)
            if metric == "investment":
                return _investment(logistics, against_fakes or self.funds_the_fight)
            # revenue made from fakes is their sellers' takings ("820만위안의 매출"): sales
            # ("loss of revenue of €183,930" is what the fakes cost the brand: their value)
            takings = match.cue in _TAKINGS and not any(
                t.lemma in _LOSSES for t in tokens[max(0, match.start - 3):match.start])
            return "seized_value" if metric == "sales" and of_fakes and not takings else metric

        clause_metrics = set()
        for match in clause_acts:
            metric = act_metric(match)
            clause_metrics.add(metric)
            weight = ACT_WEIGHT * (REASON_WEIGHT if self._is_reason(tokens, match) else 1.0)
            consider(metric, weight * self._closeness(match, number_at), match.cue)
        clause_acted = bool(evidence)
        around = self._paragraph_contexts(paragraph)
        contexts = set(here)
        named = "platform_name" in here | around or actor == "platform"
        if "platform" in around or ("holds" in here and named):
            contexts.add("platform")
        contexts.add("")

        def may_hold(metric: str) -> bool:  # a platform's stock needs a platform in sight
            return METRIC_NEEDS_CONTEXT.get(metric, "") in contexts

        if counted == "stores" and self._owners_of_listings(sentence, first, last):
            return Classification("other", 0.5, "(sellers of listings)", counted, actor)
        # the brand noun right after the number ("153 brands", "74개 브랜드"), or right
        # before it in Korean ("브랜드 7550개"; not "K-브랜드 위조품 11만점": goods)
        brand_at = [i for i in (last, first - 1 if self.language == "ko" else -1)
                    if 0 <= i < len(tokens) and tokens[i].lemma in _BRAND_NOUNS]
        protected = bool(brand_at) and any(
            m.term.key == "brands_protected" and m.start <= brand_at[0] < m.end for m in nouns)
        if brand_at and not (protected and may_hold("brands_protected")):
            # "74개 브랜드의 위조 명품", "goods bearing 190 trademarks": brands whose goods
            # were faked, never the goods themselves, and outside a protection scheme no
            # brand's protection either
            return Classification("other", 0.5, tokens[brand_at[0]].lemma, None, actor)

        # a noun whose metric cannot hold here ("150,000 counterfeit items worth £17.7
        # million were seized": no catalogue) leaves the sentence's act to decide
        strong_noun = max((NOUN_WEIGHT * self._closeness(m, number_at) for m in nouns
                           if not self._noun_precedes_head(m, number_at)
                           and may_hold(m.term.key)), default=0.0)
        if not clause_acted and (counted or unit_kind) and strong_noun < 0.5:
            # the clause names no act, but the sentence may ("een lading van 502.000 pakjes,
            # een zending van 106.800 cd's"; "…, of which 3,000 bags …")
            for match in filter(stated, sentence.matches("acts", near_lo, near_hi)):
                metric = act_metric(match)
                # a list shares its act however long it is ("een lading van 502.000 ..., een
                # zending van 106.800 ..."): distance counts for half
                closeness = 0.5 + 0.5 * self._closeness(match, near_at)
                consider(metric, WIDER_WEIGHT * ACT_WEIGHT * closeness, match.cue)
        for match in nouns:
            if price and match.term.key == "sales":
                continue  # "sold well, and a bag cost $950": a price is not sales
            if match.term.key == "parcels_handled" and of_fakes_here:
                # "verspreid over 9.400 zendingen" with fakes in them: seizures, not traffic
                consider("enforcement_cases", NOUN_WEIGHT * self._closeness(match, number_at),
                         match.cue)
                continue
            if match.term.key in COUNTS_OF_THEIR_OWN and counted in NOT_THEIR_OWN:
                # "Eén pakket bevatte 2.000 pillen", "주문을 받은 ... 1만3735점": pills;
                # "택배대리점 업주 A씨 등 5명": people
                continue
            weight = VALUE_WEIGHT if match.term.key == "seized_value" else NOUN_WEIGHT
            if self._noun_precedes_head(match, number_at):
                weight *= 0.5  # "een zending van 106.800 cd's": the cd's are counted
            if match.term.key in HEAD_DECIDES and self._is_head(match, number_at):
                weight = HEAD_WEIGHT  # "브랜드 7550개", "25,000 brands": never removed or seized
            consider(match.term.key, weight * self._closeness(match, number_at), match.cue)
        if unit_kind == "currency":
            for match in sentence.matches("other-money", lo, hi):
                if not self._negated(sentence, match):
                    consider("other", LOSS_WEIGHT * self._closeness(match, number_at),
                             match.cue)
        # "*netwerk" ends a compound ("drugsnetwerk"): the compound is that noun
        if (counted_cue or "").lstrip("*") in ENFORCEMENT_NOUNS and unit_kind is None:
            consider("enforcement_cases", NOUN_WEIGHT * 0.8, counted_cue)
        topic_act = self.topic.act
        # goods sold are not seized
        sold = counted == "items" and any(m.term.key == "sell" for m in clause_acts)
        if counted_cue in _SEARCHED_PLACE_CUES and \
                not any(filter(stated, sentence.matches("acts", near_lo, near_hi))):
            counted = None  # a place counts a search only where the sentence searched it
        what = counted or _UNIT_COUNTED.get(unit_kind or "")
        if topic_act and not evidence and not sold and not price and \
                what in TOPIC_COUNTS.get(topic_act, ()):
            metric = _act_metric(topic_act, counted, unit_kind, acting, noun)
            if metric == "investment":
                metric = _investment(logistics, True)
            consider(metric, TOPIC_WEIGHT, f"(article: {topic_act})")

        if unit_kind == "percent":
            self._percent_evidence(tokens, first, last, evidence)
        decrease = bool(sentence.matches("fall", lo, hi))
        counted = counted or _UNIT_COUNTED.get(unit_kind or "")
        acted_in_clause = clause_metrics & _CATALOGUE_ACTS.keys()
        if acted_in_clause and not any(m.term.key == "holds"
                                       for m in sentence.matches("contexts", lo, hi)):
            # "90,000 listings of restricted products were taken down": what was done to
            # the catalogue, not the catalogue
            for metric in acted_in_clause:
                evidence.pop(_CATALOGUE_ACTS[metric], None)
        ranked = sorted(((metric, found) for metric, found in evidence.items()
                         if may_hold(metric)),
                        key=lambda kv: kv[1][0], reverse=True)
        if not ranked or ranked[0][1][0] < MIN_SCORE:
            if unit_kind == "percent":  # a bare percentage: a share of something
                return Classification("share_percent", 0.4, None, counted, actor)
            if price:  # the price of one thing: no total to continue ("2만9900원에 팔렸다")
                return Classification("other", 0.5, "(a price)", counted, actor)
            return Classification("other", 0.2, None, counted, actor)
        best_key, (best, cue) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        confidence = round(min(1.0, best / ACT_WEIGHT) * best / (best + runner_up), 2)
        return Classification(best_key, max(confidence, 0.3), cue, counted, actor,
                              decrease and best_key == "growth_rate")

    @staticmethod
    def _owners_of_listings(sentence: SentenceCues, first: int, last: int) -> bool:
        """"The listings came from 66,764 sellers", "advertenties van 42.526 verkopers": the
        sellers the listings were taken from, neither the platform's nor closed."""
        tokens = sentence.tokens
        if first == 0 or tokens[first - 1].lemma not in _OWNED_BY:
            return False
        if last < len(tokens) and tokens[last].lemma in _LEVEL_WORDS:
            return False  # "from 1,000 to 2,000 sellers": a change
        return any(m.term.key == "listings" for m in sentence.matches("counted", 0, first - 1))

    @staticmethod
    def _modifies(sentence: SentenceCues, match: CueMatch) -> bool:
        """"suspect" in "2,300 suspect consignments": a noun used as an adjective of the counted
        noun right after it."""
        return match.cue in _ADJECTIVE_NOUNS and bool(
            sentence.matches("counted", match.end, match.end + 1))

    @staticmethod
    def _negated(sentence: SentenceCues, match: CueMatch) -> bool:
        """A cue after "without" is what did not happen ("took down without waiting for a
        complaint"); only the first act after it ("zonder voorafgaande melding verwijderd": the
        removal happened)."""
        tokens = sentence.tokens
        negators = [k for k in range(max(0, match.start - 4), match.start)
                    if tokens[k].lemma in _NEGATORS]
        return bool(negators) and not sentence.matches("acts", negators[-1] + 1, match.start)

    def _is_reason(self, tokens: list[Token], match: CueMatch) -> bool:
        """An act that is the reason for another ("pay $19 million for selling rings",
        "veroordeeld wegens verkoop"), not what the figure counts."""
        before = tokens[match.start - 1].lemma if match.start > 0 else ""
        return before in _REASON_WORDS

    def _percent_evidence(self, tokens: list[Token], first: int, last: int,
                          evidence: dict[str, tuple[float, str]]) -> None:
        """A percentage's neighbours say whether it is a change or a level: "49 procent meer",
        "31.4% 증액" are changes whatever else is near; "rose to 46% from 40%", "oplopen tot 25
        procent", "40%에서 46%로" are the levels before and after a change: shares."""
        after = tokens[last:last + 2]
        if self.language == "ko" and after and after[0].tag == "J" and \
                after[0].lemma in ("로", "으로"):
            # "72%로 높아졌다" rose to 72%: a level whatever verb follows
            if "growth_rate" in evidence:
                evidence["share_percent"] = (evidence.pop("growth_rate")[0], after[0].lemma)
            return
        if self.language == "ko" and ((after and after[0].tag == "J" and
                                       after[0].lemma in _SUBJECT_PARTICLES) or
                                      (first and tokens[first - 1].lemma == "의")):
            # "89%는 해외 플랫폼서 나왔다", "게시물의 86%", "70%를 차지했고": the subject or
            # object of its clause, or a part of something: a share
            if "growth_rate" in evidence:
                evidence["share_percent"] = (evidence.pop("growth_rate")[0],
                                             after[0].lemma if after else "의")
            return
        comparative = next((t.lemma for t in after if t.lemma in _COMPARATIVES
                            or t.surface.lower() in _COMPARATIVES), None)
        if comparative and not (self.language != "ko" and after and after[0].lemma == "of"):
            evidence["growth_rate"] = (ACT_WEIGHT * 1.5, comparative)
            return
        # the word before, or the "to" of "edged up to 99.4%" (a qualifier inside the span)
        before = next((t.surface.lower() for t in reversed(tokens[max(0, first - 1):last])
                       if t.surface.lower() in _LEVEL_WORDS), "")
        level = bool(before) if self.language != "ko" else bool(after) and \
            after[0].tag == "J" and after[0].lemma in _LEVEL_WORDS
        if level and "growth_rate" in evidence:
            evidence["share_percent"] = (evidence.pop("growth_rate")[0], before or "level")

    def _sentence(self, start: int, end: int, excluded: tuple) -> SentenceCues:
        """The sentence's cues, without the asides `excluded` (for a figure outside them).
        Both readings of the sentence are kept while its figures are classified."""
        key = (start, end, bool(excluded))  # a figure's asides are all or none of them
        if key not in self._tokens:
            if self._tokens and next(iter(self._tokens))[:2] != (start, end):
                self._tokens = {}  # one sentence at a time
            tokens = self.analyser.tokens(start, end)
            if excluded:
                tokens = _outside(tokens, excluded)
            self._tokens[key] = SentenceCues(tokens, self.language)
        return self._tokens[key]

    def whole_sentence(self, start: int, end: int) -> SentenceCues:
        """The sentence's cues, asides included."""
        return self._sentence(start, end, ())

    def _closeness(self, match: CueMatch, number_at: tuple[int, int]) -> float:
        """1 for a cue beside the number, falling with distance in tokens. Korean puts the
        verb after its object, English and Dutch mostly before: the other side counts less."""
        before = match.end <= number_at[0]
        distance = (number_at[0] - match.end) if before else max(0, match.start - number_at[1])
        if self.language == "ko":
            side = 0.8 if before else 1.0
        else:
            side = 1.0 if before else 0.85
        return side / (1.0 + distance / PROXIMITY_TOKENS)

    def _counted(self, sentence: SentenceCues, first: int, last: int, lo: int, hi: int,
                 unit_kind: str | None) -> tuple[str | None, str | None]:
        """What the number counts: its unit, its Korean counter, or the noun it qualifies."""
        if unit_kind in _UNIT_COUNTED:
            return _UNIT_COUNTED[unit_kind], None
        tokens = sentence.tokens
        if self.language == "ko":
            # the counter is inside the figure's span or right after it; else the noun just
            # before it ("위조 가방 4만 점"), else just after
            for token in tokens[first:min(len(tokens), last + 1)]:
                if token.lemma == "개":  # a bare 개: the noun before or after says ("계정
                    # 424개", "2개 조직")
                    near = sentence.matches("counted", max(lo, first - 2), first) or \
                        sentence.matches("counted", last, min(hi, last + 1))
                    if near and near[-1].term.key != "items":
                        return near[-1].term.key, near[-1].cue
                if token.lemma == "건":  # 건 counts anything: "게시물 14만4000건" counts the
                    # listings named just before it (a shop named there is where: "쇼핑몰
                    # 쇼피가 47만건")
                    named = [m for m in sentence.matches("counted", max(lo, first - 3), first)
                             if m.term.key == "listings"]
                    if named:
                        return named[-1].term.key, named[-1].cue
                if token.lemma in _KOREAN_COUNTERS:
                    return _KOREAN_COUNTERS[token.lemma], token.lemma
            before = sentence.matches("counted", max(lo, first - 3), first)
            if before:
                nearest = max(before, key=lambda m: m.start)
                return nearest.term.key, nearest.cue
            after = sentence.matches("counted", last, min(hi, last + 2))
        else:
            # "800,000 attempts to open new selling accounts": what an attempt was at is counted
            attempts = last < len(tokens) and tokens[last].lemma in _ATTEMPTS
            reach = 9 if attempts else 5
            # "1.096 van de 3.093 inbeslagnames", "20 of the 47 items": the whole's noun
            whole = last + _PARTITIVE_WORDS
            if whole < len(tokens) and tokens[whole].tag == "NUM" and tuple(
                    t.lemma for t in tokens[last:whole]) in _PARTITIVES:
                last = whole + 1
            elif last + 1 < len(tokens) and tokens[last].lemma in ("of", "van") and \
                    tokens[last + 1].tag == "NUM":
                last += 2  # "22 of 113 similar charges"
            stop = last
            while stop < min(len(tokens), last + reach) and tokens[stop].tag not in ("P", "NUM"):
                stop += 1
            after = sentence.matches("counted", last, stop)
            # "2,300 suspect consignments", "60,000 suspected counterfeit items": an adjective
            after = [m for m in after if not self._modifies(sentence, m)] or after
            if not attempts:
                # the head of "31,760 counterfeit imports", "52 social media pages" is its
                # last noun: the nouns before it modify it
                phrase = _head_end(tokens, last, stop)
                in_phrase = [m for m in after if m.end <= phrase]
                if len(in_phrase) > 1 and in_phrase[-1].start == in_phrase[-2].end:
                    return in_phrase[-1].term.key, in_phrase[-1].cue
            if not after:
                # no noun after it: "attempts to open selling accounts that Amazon blocked ...
                # fell from 6 million", the nearest counted noun before it in its clause
                before = [m for m in sentence.matches("counted", max(lo, first - 12), first)
                          if not self._negated(sentence, m)]
                # "Seizures of dangerous counterfeits jumped from 30", "Investigations that
                # ended with goods seized rose from 268": acts counted as the clause's subject
                # are what its number counts, not the goods named inside the subject
                subject = [m for m in before[:1] if m.term.key == "cases" and
                           m.start - lo <= 1 and len(before) > 1]
                after = subject or before[-1:]
        if after:
            best = min(after, key=lambda m: abs(m.start - last))
            return best.term.key, best.cue
        return None, None

    def _paragraph_contexts(self, paragraph: tuple[tuple[int, int], ...] | None) -> set[str]:
        """Stock contexts named anywhere in the paragraph (the spans of its sentences): "We
        zijn een platform, geen winkel. Met ruim tienduizend winkels ..."."""
        if not paragraph:
            return set()
        key = paragraph[0]  # the first sentence names the paragraph (a long one hashes slowly)
        if key not in self._contexts:
            start = paragraph[0][0]
            end = min(paragraph[-1][1], start + PARAGRAPH_CHARS)
            if self.language == "ko":  # Hangul runs: the names and nouns that start one
                words = hangul_runs(self.text, start, end)
            else:  # its sentences' own tokens, analysed once for their figures too
                words = []
                for sentence_start, sentence_end in paragraph:
                    if sentence_start >= end:
                        break
                    words += [t for t in self.analyser.tokens(sentence_start, sentence_end)
                              if t.end <= end]
            self._contexts = {key: {m.term.key for m in find_cues(
                words, STOCK_CONTEXTS, self.language, "contexts")}}
        return self._contexts[key]

    def _head_matches(self, sentence: SentenceCues, name: str, first: int,
                      last: int) -> list[CueMatch]:
        """Matches of vocabulary `name` that are the number's head noun: the first words after
        it up to a function word (English, Dutch); its counter, the noun after a bare 개, or
        the noun right before it (Korean)."""
        tokens = sentence.tokens
        if self.language == "ko":
            stop = last + 1 if last < len(tokens) and tokens[last - 1].tag == "CTR" else last
            # the noun before may be a compound the analyser split ("모니터링단 134명")
            return [m for m in sentence.matches(name, max(0, first - KOREAN_COMPOUND_PARTS),
                                                min(len(tokens), stop + 1))
                    if m.end >= first]
        return sentence.matches(name, last, _head_end(tokens, last, last + 6))

    def _noun_precedes_head(self, match: CueMatch, number_at: tuple[int, int]) -> bool:
        """A noun on the side a head noun is not (before the number in English and Dutch)."""
        if self.language == "ko":
            return match.start >= number_at[1] + 1
        return match.end <= number_at[0]

    def _is_head(self, match: CueMatch, number_at: tuple[int, int]) -> bool:
        """Is the noun the number's head: right after it (English, Dutch), right before it or
        its counter (Korean)?"""
        if self.language == "ko":
            return 0 <= number_at[0] - match.end <= 1 or match.start == number_at[1]
        return 0 <= match.start - number_at[1] <= 1

    @staticmethod
    def _threshold(tokens: list[Token], first: int, last: int) -> bool:
        """A bound a rule sets, not an amount anyone counted: the number right after a word of
        exceeding, in a clause that opens with a condition ("where a fine exceeds Sh50,000",
        "zolang de waarde niet boven 3250 kronen uitkomt")."""
        # the word may be the figure's qualifier ("boven 3250 kronen")
        number = next((i for i in range(first, last) if tokens[i].tag == "NUM"), None)
        if number is None:
            return False
        before = [t for t in tokens[max(0, first - 2):number] if t.tag != "P"][-2:]
        # a bound is said in the present: "seizures exceeded 10,000" told what happened
        if not any(t.lemma in _EXCEEDING and not t.surface.lower().endswith(_PAST_ENDINGS)
                   for t in before):
            return False
        # the conjunction opens the clause, which the figure's window may start after; "als"
        # is a condition only opening one ("Net als vorig jaar", "Als gevolg daarvan": not)
        start = max(0, first - THRESHOLD_REACH)
        for k in range(first - 1, start - 1, -1):
            token = tokens[k]
            if token.tag == "P":
                return False
            opens = k == 0 or tokens[k - 1].tag == "P"
            if token.lemma in _CONDITIONS or (token.lemma == "als" and opens and not (
                    k + 1 < len(tokens) and tokens[k + 1].lemma == "gevolg")):
                return True
        return False

    def _price(self, tokens: list[Token], first: int, last: int,
               unit_kind: str | None) -> str | None:
        """Whether an amount is a price, not a total: "unit" when a price noun names it ("정품
        값이 30만원", "a price of €45", "한 점에 2만5000원", "70만원짜리"), "cost" when a price
        verb does ("cost $9,600", "costs more than $320", "4.000 euro kost"), "sale" when it is what
        something sells for ("30만원에 팔리는", "$5 each", "50 euro per tas"), None otherwise."""
        if unit_kind != "currency":
            return None
        # the words before the amount, past particles, brackets and (Korean) hedges ("가격(약
        # 6만원)"), and past the "of" of "a price of", "priced at"
        skipped = ("J", "P", "W") if self.language == "ko" else ("J", "P")
        if self.language == "ko":
            near = [t.lemma for t in tokens[max(0, first - 4):first]]
            if any(word in _PER_THING_COUNTERS and near[i + 1:i + 2] in (["에"], ["당"])
                   for i, word in enumerate(near)):
                return "unit"
            if tokens[last:last + 1] and tokens[last].lemma == "짜리":
                return "unit"  # "70만원짜리 구찌 벨트": a thing that costs that much
        before = [t.lemma for t in tokens[max(0, first - 4):first] if t.tag not in skipped]
        while len(before) > 1 and before[-1] in _PRICE_HEDGES:
            before = before[:-1]
        linked = before[-1:] in (["of"], ["van"], ["at"], ["op"])
        if linked:
            if before[-3:-2] and before[-3] in _VALUE_PRICES:
                return None  # "a retail price of £2.6 million": the value of goods
            before = before[:-1]
        said = before[-1] if before else ""
        if said in _UNIT_PRICE_WORDS:
            return "unit"
        if linked and said != "priced":
            said = ""  # "put the cost at $900 million": a total, not what one thing costs
        after = [t.lemma for t in tokens[last:last + 3]]
        if self.language == "ko":  # "30만원에 팔리는", not "2조원에 달했다"
            sells_for = after[:1] == ["에"] and len(after) > 1 and after[1] not in _REACHES
        else:
            per = after.index("per") if "per" in after else None
            sells_for = any(word in ("each", "apiece", "stuk") for word in after) or (
                per is not None and after[per + 1:per + 2] and after[per + 1] not in _TIME_WORDS)
        if said in _SALE_PRICE_WORDS or self.language == "nl" and after[:1] == ["kosten"]:
            return "cost"  # "kost 45 euro"; a Dutch clause ends in its verb: "4.000 euro kost"
        return "sale" if sells_for else None

    @staticmethod
    def _actor(matches: list[CueMatch], first: int) -> str | None:
        """Who acted: the nearest actor named around the figure."""
        if not matches:
            return None
        return min(matches, key=lambda m: abs(m.start - first)).term.key


# What makes an amount cash, right after it ("in cash", "aan contant geld") or before it (현금).
_CASH_AFTER = (("in", "cash"), ("aan", "contant"), ("contant",))
_CASH_BEFORE = frozenset({"현금", "cash", "contant"})


def _cash(tokens: list[Token], first: int, last: int) -> bool:
    after = tuple(t.lemma for t in tokens[last:last + 2])
    before = tokens[first - 1].lemma if first > 0 else ""
    return before in _CASH_BEFORE or any(after[:len(words)] == words for words in _CASH_AFTER)


# A request for information, after the number ("requests for information", "verzoeken om
# gegevens") or before it ("정보 제공 요청 41건").
_REQUESTS = frozenset({"request", "verzoek", "요청", "요구"})
_INFORMATION = frozenset({"information", "data", "informatie", "gegeven", "정보", "자료"})


def _asks_for_information(tokens: list[Token], first: int, last: int) -> bool:
    # (lemmas are lower case; this runs for every count, so the head word is tried first)
    head = tokens[last].lemma if last < len(tokens) else ""
    if head in _REQUESTS:
        return any(t.lemma in _INFORMATION for t in tokens[last + 1:last + 4])
    if head in _INFORMATION:  # "information requests" (a Dutch compound, "informatieverzoek",
        # is one token: no cue claims it, and it stays `other` unexplained)
        return last + 1 < len(tokens) and tokens[last + 1].lemma in _REQUESTS
    return first > 0 and tokens[first - 1].lemma in _REQUESTS and any(
        t.lemma in _INFORMATION for t in tokens[max(0, first - 3):first - 1])


def _outside(tokens: list[Token], spans: tuple[tuple[int, int], ...]) -> list[Token]:
    """The tokens (in text order) outside the sorted, disjoint `spans`: one pass over both."""
    kept, i = [], 0
    for t in tokens:
        while i < len(spans) and spans[i][1] <= t.start:
            i += 1
        if not (i < len(spans) and spans[i][0] <= t.start):
            kept.append(t)
    return kept


def context_window(sentence: str, span: tuple[int, int], previous_end: int | None,
                   next_start: int | None, own_aside: tuple[int, int] | None,
                   language: str = "en") -> tuple[int, int]:
    """The part of `sentence` that speaks about the number at `span` (offsets in the
    sentence): the sentence, or the aside the number stands in, cut at its neighbours."""
    start, end = span
    lo, hi = own_aside if own_aside else (0, len(sentence))
    if previous_end is not None and previous_end <= start and previous_end >= lo:
        # the previous figure keeps its head noun ("977,151 products, and 1,193 stores");
        # in Korean a figure's words come before it, so the cut is right after the number
        own_words = phrase_end(sentence, previous_end) if language != "ko" else previous_end
        lo = max(lo, min(own_words, start))
    if next_start is not None and next_start >= end and next_start <= hi:
        hi = min(hi, next_start)
    return lo, hi
