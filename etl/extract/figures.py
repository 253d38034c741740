"""From an article's text to figures: every number, classified, dated, linked and checked.

Pure functions: text and metadata in, records out. The ETL writes them; tests call them
directly. Every step is linear in the text (or bounded per number), so the 5 MB cap on an
article bounds the time too: each sentence is analysed once, each number looks only at its
neighbours, repeats are found through a dictionary and conflicts are compared within a
bounded number of distinct values per metric.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from etl.extract.classify import Classifier, asides, context_window, phrase_end
from etl.extract.learned import Reader, SentenceFeatures, shipped_reader
from etl.extract.numbers import (
    CHANGE_WORDS,
    IN_BASE_UNITS,
    NOT_FIGURE_KINDS,
    Quantity,
    find_quantities,
)
from etl.extract.periods import THAT_YEAR_WORDS, WEEKDAY, Period, Published, find_periods
from etl.extract.records import evolve
from etl.extract.sentences import Sentence, SentenceIndex, split_sentences

# Stocks ("30 million users") are not about a window: a year stated earlier does not carry.
STOCK_METRICS = frozenset({"customers", "stores_on_platform", "products_on_platform",
                           "brands_protected", "response_time", "delivery_time"})
# What a court or a prosecutor decides (a fine, damages, a prison term, a demand) is dated by
# the decision: "on Monday the judge trebled the profits to $11.1 million" is that Monday.
# An undated one takes the day the story says the court decided, in whichever paragraph
# ("Dat heeft de rechtbank op 6 maart beslist"), unless its own sentence tells a demand or a
# law's maximum (`_NOT_DECIDED`), which the ruling's day does not date.
DECISION_METRICS = frozenset({"fines_penalties", "prison_sentence"})
# Counts of what happened on a day take that day as their window ("on 30 January police
# searched five homes"); other figures stated on a day are not about that day.
EVENT_METRICS = frozenset({"removed_listings", "closed_stores", "seized_items",
                           "enforcement_cases", "notices_received", "seized_value"}) | \
    DECISION_METRICS
# What was found or done on a day: a day named earlier in the paragraph dates it (a
# decision is dated only by its own sentence, above).
FOUND_METRICS = EVENT_METRICS - DECISION_METRICS
# An operation dates the figures told before it only if it is that short: a crackdown of
# days or weeks ("5월 1일부터 40일 동안"), not "so far this year".
OPERATION_DAYS = 92
# Money committed for a year: "this year" is the whole year, not the part before publication.
BUDGET_METRICS = frozenset({"anti_counterfeit_budget", "logistics_investment"})
# Conflicts compare at most this many distinct values of one metric in one source pairwise:
# past that an article is a table of values, not competing claims, and pairs would be
# quadratic.
MAX_CONFLICT_VALUES = 64
# A time expression this close after a figure's noun binds to it ("800,000 in 2022").
TIGHT_PERIOD_CHARS = 12


@dataclass(frozen=True)
class Figure:
    source_id: str
    figure_no: int  # 1-based position among the source's figures, in text order
    metric: str
    confidence: float
    quantity: Quantity
    sentence: Sentence | None
    period: Period | None
    cue: str | None = None
    repeat_of: int | None = None  # figure_no of the more precise statement of the same fact
    counted: str | None = None  # what the figure counts, where the text says (vocab.COUNTED)
    actor: str | None = None  # who acted, where the text says (vocab.ACTORS)
    link: str | None = None  # before / after / converted (vocab.LINKS)
    linked_to: int | None = None  # figure_no of the figure this one is linked to
    window_from: str = "none"  # where its window is stated (vocab.WINDOW_SOURCES)

    @property
    def figure_id(self) -> str:
        return f"{self.source_id}#{self.figure_no}"


@dataclass(frozen=True)
class Conflict:
    source_id: str
    metric: str
    figure_a: str  # figure ids, the earlier statement first
    figure_b: str
    reason: str


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Numbers that are not figures, with why: years, ordinals, references, parts of dates.
    skipped: list[tuple[Quantity, str]] = field(default_factory=list)


def extract(text: str, language: str, published: Published | None,
            source_id: str, reader: Reader | None | str = "shipped") -> Extraction:
    """Every figure of one article, classified, dated, linked and checked for conflicts.
    `reader` is the second opinion on metrics (learned.py): the model that ships, another
    (a Recorder for training), or None for the rules alone."""
    # The extractor makes many small objects and no garbage cycles: the cyclic collector's
    # passes over them cost a sixth of the time of a large article, so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, language, published, source_id,
                        shipped_reader() if reader == "shipped" else reader)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, language: str, published: Published | None,
             source_id: str, reader: Reader | None) -> Extraction:
    if reader is not None:
        reader.begin()
    sentences = split_sentences(text)
    index = SentenceIndex(sentences)
    periods = find_periods(text, language, published)
    out = Extraction(periods=periods, sentences=sentences)
    in_period = bytearray(len(text) + 1)
    for p in periods:
        in_period[p.char_start:p.char_end] = b"\x01" * (p.char_end - p.char_start)

    quantities = find_quantities(text, language)
    letters: dict[int, int] = {}  # letters per sentence (by its start), counted once
    candidates: list[int] = []  # indices into quantities
    for i, q in enumerate(quantities):
        covered = in_period[q.char_start:q.char_end]
        if q.kind == "figure" and covered and all(covered):
            out.skipped.append((q, "part of a time expression"))
        elif q.kind == "figure" and any(covered) and not _unit_outside(q, covered):
            out.skipped.append((q, "overlaps a time expression"))
        elif q.kind != "figure":
            out.skipped.append((q, NOT_FIGURE_KINDS[q.kind]))
        elif index.at(q.char_start) is None or not _has_words(index.at(q.char_start), q,
                                                             letters):
            out.skipped.append((q, "no words around it (a table or a list of numbers)"))
        else:
            candidates.append(i)

    figure_no = {qi: n for n, qi in enumerate(candidates, start=1)}
    readings = _classify(text, language, quantities, candidates, index, reader, figure_no)
    figures: list[Figure] = []
    for qi in candidates:
        q = quantities[qi]
        sentence = index.at(q.char_start)
        reading = readings[qi]
        linked = figure_no.get(q.linked_index) if q.linked_index is not None else None
        figures.append(Figure(source_id, figure_no[qi], reading.metric, reading.confidence,
                              _signed(q, reading.decrease), sentence, None, reading.cue,
                              counted=reading.counted, actor=reading.actor,
                              link=q.link if linked or q.link == "before" else None,
                              linked_to=linked))
    figures = _share_linked_metrics(figures)
    if reader is not None:
        # before the passes that copy a metric from one figure to another, so that they copy
        # the metric decided
        figures = reader.decide(figures)
    figures = _continue_from_previous(_restated(_parts_of_previous(text, figures)))
    figures = [_as_rate(text, f) for f in figures]
    figures = _separate_change_windows(
        _assign_periods(text, figures, periods, index, published, language == "ko"),
        published, language == "ko")
    figures = _share_repeat_windows(link_repeats(figures))
    if _has_headline(text):
        figures = _headline_from_lede(figures)
    out.figures = [_with_window_source(f, index) for f in figures]
    out.conflicts = find_conflicts([statement_of(f) for f in out.figures], source_id)
    return out


def _with_window_source(f: Figure, index: SentenceIndex) -> Figure:
    """Say where the figure's window is stated: how often a window is right depends on it."""
    if f.period is None or f.period.start is None:
        return f
    stated_in = index.at(f.period.char_start)
    if stated_in is None or f.sentence is None:
        source = "article"  # stated outside every sentence: somewhere else, at least
    elif stated_in == f.sentence:
        source = "sentence"
    else:
        source = "paragraph" if stated_in.paragraph == f.sentence.paragraph else "article"
    return evolve(f, window_from=source)


def _unit_outside(q: Quantity, covered: bytes) -> bool:
    """A figure whose number lies outside a time expression it merely touches ("3년간" is a
    period, but "100억원을 3년간" is money over a period)."""
    return not covered[0] and q.unit_kind in ("currency", "count")


def _has_words(sentence: Sentence, q: Quantity, letters: dict[int, int]) -> bool:
    """Does the sentence say anything besides numbers (a reading needs words)?"""
    if sentence.char_start not in letters:
        letters[sentence.char_start] = sum(map(str.isalpha, sentence.text[:2000]))
    return letters[sentence.char_start] - sum(map(str.isalpha, q.surface)) >= 3


def _classify(text: str, language: str, quantities: list[Quantity], candidates: list[int],
              index: SentenceIndex, reader: Reader | None, figure_no: dict[int, int]) -> dict:
    """Classify every candidate, sentence by sentence (each sentence analysed once); show
    the `reader` each figure's features."""
    classifier = Classifier(text, language)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in index.sentences:
        spans[s.paragraph].append((s.char_start, s.char_end))
    paragraphs = {no: tuple(sentences) for no, sentences in spans.items()}
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for qi in candidates:
        by_sentence[index.index_at(quantities[qi].char_start)].append(qi)
    readings = {}
    for si, members in by_sentence.items():
        sentence = index.sentences[si]
        base = sentence.char_start
        sentence_asides = asides(sentence.text)
        spans = [(quantities[qi].char_start - base, quantities[qi].char_end - base)
                 for qi in members]
        aside_of = [_aside_holding(sentence_asides, span) for span in spans]
        before, after = _neighbours(aside_of)
        all_asides = tuple((base + a, base + b) for a, b in sentence_asides)
        if reader is not None and reader.reads_more():
            whole = classifier.whole_sentence(sentence.char_start, sentence.char_end)
            features = SentenceFeatures(whole.tokens, whole.all_matches(), classifier.language,
                                        reader.coder)
            for qi in members:
                q = quantities[qi]
                reader.observe(figure_no[qi], features,
                               features.around(q.char_start, q.char_end, q.unit_kind))
        for k, qi in enumerate(members):
            q = quantities[qi]
            span = spans[k]
            own = aside_of[k]
            previous = spans[before[k]][1] if before[k] is not None else None
            following = spans[after[k]][0] if after[k] is not None else None
            lo, hi = context_window(sentence.text, span, previous, following, own, language)
            excluded = () if own else all_asides
            if q.link == "converted" and q.linked_index in readings:
                original = readings[q.linked_index]
                readings[qi] = evolve(original, confidence=round(original.confidence * 0.9, 2))
                continue
            reading = classifier.classify(
                sentence.char_start, sentence.char_end, (q.char_start, q.char_end),
                (base + lo, base + hi), q.unit_kind, q.unit, excluded,
                paragraphs.get(sentence.paragraph))
            if reading.metric == "share_percent" and q.over_a_whole:
                reading = evolve(reading, metric="other", cue="(over 100%)")
            readings[qi] = reading
    return readings


def _neighbours(aside_of: list) -> tuple[list[int | None], list[int | None]]:
    """For each figure of a sentence, the nearest figure before and after it that is not in
    someone else's aside (outside any aside, or in its own). One pass each way."""
    def nearest(order: range) -> list[int | None]:
        out: list[int | None] = [None] * len(aside_of)
        plain = None  # the last figure outside any aside
        in_aside: dict = {}  # the last figure in each aside
        for k in order:
            own = aside_of[k]
            candidates = [j for j in (plain, in_aside.get(own) if own else None)
                          if j is not None]
            out[k] = (max(candidates) if order.step > 0 else min(candidates)) \
                if candidates else None
            if own is None:
                plain = k
            else:
                in_aside[own] = k
        return out

    n = len(aside_of)
    return nearest(range(n)), nearest(range(n - 1, -1, -1))


def _aside_holding(sentence_asides: list[tuple[int, int]],
                  span: tuple[int, int]) -> tuple[int, int] | None:
    i = bisect.bisect_right(sentence_asides, (span[0], float("inf"))) - 1
    if i >= 0 and sentence_asides[i][0] <= span[0] and span[1] <= sentence_asides[i][1]:
        return sentence_asides[i]
    return None


def _signed(q: Quantity, decrease: bool) -> Quantity:
    """A growth rate stated as a fall is negative ("fell by 57%" = -57)."""
    if not decrease or q.value is None or q.value < 0:
        return q
    low, high = q.value_low, q.value_high
    return evolve(q, value=-q.value, value_low=-high if high is not None else None,
                  value_high=-low if low is not None else None)


def _share_linked_metrics(figures: list[Figure]) -> list[Figure]:
    """The two values of a change measure the same thing: the reading that says what it
    counts decides both ("26,503 shipments ..., down from 27,599"), else the surer one."""
    by_no = {f.figure_no: f for f in figures}
    out = {f.figure_no: f for f in figures}
    for f in figures:
        if f.link != "after" or f.linked_to not in by_no:
            continue
        before = by_no[f.linked_to]
        surer = max((f, before), key=lambda m: (m.counted is not None, m.confidence))
        for member in (before, f):
            out[member.figure_no] = evolve(out[member.figure_no], metric=surer.metric,
                                           counted=surer.counted or member.counted)
    return [out[f.figure_no] for f in figures]


# How many earlier figures of its paragraph an unplaced figure looks back over.
CONTINUE_LOOKBACK = 4
# Metrics an unplaced figure may continue ("Vorig jaar waren dat er 7.000.000").
CONTINUED_METRICS = frozenset({"removed_listings", "closed_stores", "seized_items",
                               "seized_value", "enforcement_cases", "notices_received",
                               "fines_penalties", "anti_counterfeit_budget", "sales",
                               "delivery_time", "response_time"})


# "779 webshops geblokkeerd, 115 daarvan via ...", "92 producten, waarvan 51 op Taobao",
# "detained 20,000 of them", "그중 3만점": a part of the figure before, counted the same way.
_PART_AFTER = re.compile(r"\s+(?:daarvan|van hen|of them|of these|of those|of which)\b",
                         re.IGNORECASE)
_PART_BEFORE = re.compile(r"(?:\bwaarvan|\bof which|\bof whom|그중|이 중|이중|이 가운데|그 가운데)"
                          r"\s*(?:\w+\s+)?$|\w \ber\s+$", re.IGNORECASE)  # "opende er 733"


# A count per unit of time or money is a rate, not a total of what was done ("5755건꼴",
# "시간당", "15 to 20 hours a week", "1억원을 쓸 때마다 7714건").
_RATE_AFTER = re.compile(r"(?:\s+[^\W\d_]+){0,2}?\s+(?:per|a|an|each|every|elke|iedere)\s+"
                         r"(?:hour|day|week|month|minute|uur|dag|week|maand)\b|꼴", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:시간당|하루|하루에|매일|마다)\s*$")


# What a platform or a port handles is said as a rate as often as a total ("12 miljoen
# pakjes per dag", "1 billion users a month"): the rate is the figure.
THROUGHPUT_METRICS = frozenset({"parcels_handled", "customers", "orders"})


def _as_rate(text: str, f: Figure) -> Figure:
    q = f.quantity
    if f.metric == "other" or f.metric in THROUGHPUT_METRICS or \
            q.unit_kind in ("currency", "percent"):
        return f
    if _RATE_AFTER.match(text, q.char_end, min(len(text), q.char_end + 40)) or \
            _RATE_BEFORE.search(text, max(0, q.char_start - 12), q.char_start):
        return evolve(f, metric="other", confidence=0.5, cue="(a rate)")
    return f


def _parts_of_previous(text: str, figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for f in figures:
        q = f.quantity
        part = _PART_AFTER.match(text, q.char_end) or _PART_BEFORE.search(
            text, max(0, q.char_start - 20), q.char_start)
        if part and out and f.link is None:
            previous = out[-1]
            # an act of its own still decides ("inspected 543,000 parcels and detained 20,000
            # of them"); the whole's act, or none, makes it what the whole is
            own_act = f.cue is not None and f.cue != previous.cue and f.metric != "other"
            if previous.quantity.unit_kind == q.unit_kind and previous.metric != "other" and \
                    previous.sentence.paragraph == f.sentence.paragraph and not own_act:
                f = evolve(f, metric=previous.metric, counted=previous.counted,
                           confidence=min(f.confidence, previous.confidence),
                           cue=f"(part of {previous.quantity.surface!r})")
        out.append(f)
    return out


def _restated(figures: list[Figure]) -> list[Figure]:
    """A figure nothing places that restates a placed one, the same value in the same unit
    (a headline's "200억원대 '짝퉁 시계'" for the body's "진품 가격으로 따지면 200억원"),
    measures what that one measures, unless it says it counts something else ("10,000
    people" is no restatement of "10,000 brands"). A value read two ways decides nothing."""
    placed: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.cue is not None and f.metric != "other" and f.quantity.value is not None:
            placed[_restated_key(f)].append(f)
    # a headline rounds what the body states ("335 miljoen" for 335.765.018): the placed
    # figures by unit, sorted by value, so each looks only at the values it could round
    grouped: dict[str, list[Figure]] = defaultdict(list)
    for key, group in placed.items():
        grouped[key[1]].extend(group)
    by_unit = {unit: ([g.quantity.value for g in members], members) for unit, members in
               ((unit, sorted(group, key=lambda g: g.quantity.value))
                for unit, group in grouped.items())}
    out = []
    for f in figures:
        if f.metric != "other" or f.cue is not None or f.quantity.value is None:
            out.append(f)
            continue
        same = [g for g in placed.get(_restated_key(f), []) if f.counted in (None, g.counted)]
        if not same and f.sentence is not None and f.sentence.paragraph == 0:
            same = [g for g in _rounded_from(f, by_unit) if f.counted in (None, g.counted)]
        if same and len({g.metric for g in same}) == 1:
            f = evolve(f, metric=same[0].metric, confidence=0.35,
                       cue=f"(restates {same[0].quantity.surface!r})")
        out.append(f)
    return out


def _rounded_from(f: Figure,
                  by_unit: dict[str, tuple[list[float], list[Figure]]]) -> list[Figure]:
    """The placed figures (by unit: their values sorted, and they in that order) that `f`,
    written with fewer digits, rounds."""
    q = f.quantity
    digits = q.significant_digits
    if not digits or not q.value:
        return []
    values, members = by_unit.get(unit_key(q.unit, q.currency), ([], []))
    near = _rounding_range(values, q.value, digits)
    return [g for g in members[near.start:near.stop]
            if (g.quantity.significant_digits or 99) > digits
            and _rounds_to(g.quantity.value, q.value, digits)]


def _restated_key(f: Figure) -> tuple:
    q = f.quantity
    return q.value, unit_key(q.unit, q.currency)


def _continue_from_previous(figures: list[Figure]) -> list[Figure]:
    """A figure nothing near places, in a paragraph about an enforcement figure of the same
    kind, continues it: "Vorig jaar waren dat er 7.000.000", "dit jaar slechts 1.459"."""
    out: list[Figure] = []
    goods = {None, "items", "cases"}  # "143만점" then "8만5000건": the same seizures
    for f in figures:
        if f.metric == "other" and f.cue is None and out:
            # the nearest earlier figure of the paragraph of the same kind ("83,000 items worth
            # $502 million ..., and some 50,000 items valued at $237 million": items continue
            # items, money money)
            first_of_paragraph = out[-1].sentence.paragraph != f.sentence.paragraph
            for previous in reversed(out[-CONTINUE_LOOKBACK:]):
                if previous.sentence.paragraph != f.sentence.paragraph:
                    if not first_of_paragraph or previous.sentence.paragraph < 1 or \
                            previous.sentence.paragraph != f.sentence.paragraph - 1:
                        break
                    # only a Korean counter (건, 점, 명, 곳) says the two count one thing
                    if f.quantity.unit_kind != "count" or \
                            previous.quantity.unit != f.quantity.unit:
                        continue
                same_kind = previous.quantity.unit_kind == f.quantity.unit_kind and (
                    f.counted is None or previous.counted in (None, f.counted) or
                    {f.counted, previous.counted} <= goods)
                if not same_kind or previous.metric == "other":
                    continue  # "500 ton" between two counts of seized goods
                # in one sentence a list continues whatever it counts ("172 miljoen pakketjes
                # ..., een jaar later 341 miljoen en in 2023 al 718 miljoen")
                same_sentence = previous.sentence.char_start == f.sentence.char_start
                if previous.metric in CONTINUED_METRICS or same_sentence:
                    f = evolve(f, metric=previous.metric, confidence=0.35,
                               cue=f"(continues {previous.quantity.surface!r})",
                               counted=f.counted or previous.counted)
                break
        out.append(f)
    return out


def _window_periods(periods: list[Period]) -> list[Period]:
    """Time expressions that can be a figure's window: spans, "since" starts, relative ones,
    and dates (an event's day is the window of what happened that day, when nothing wider
    is said)."""
    return [p for p in periods if p.role in ("span", "start", "relative", "point", "since")
            and not p.said]


def _assign_periods(text: str, figures: list[Figure], periods: list[Period],
                    index: SentenceIndex, published: Published | None,
                    korean: bool = False) -> list[Figure]:
    """Each figure's window: a time expression of its own sentence, else the paragraph's topic.

    A paragraph's topic is its first dated window, replaced by a window that opens a later
    sentence ("In 2022, ..."); a window stated against another ("a year earlier") is that one
    shifted, or the article's topic shifted when the paragraph has none."""
    windows = _named_ranges(_window_periods(periods))
    starts = [p.char_start for p in windows]
    dated_before = _dated_before(text, windows)
    # month ranges, quarters and halves from 1 January ("1~8월", "상반기"): how far an
    # article's "this year" reaches
    data_ranges: dict[dt.date, Period] = {}
    for p in windows:
        ends_early = p.end is not None and p.end < dt.date(p.end.year, 12, 31)
        if p.start is not None and p.precision in ("month", "quarter") and p.role == "span" \
                and (p.start.month, p.start.day) == (1, 1) and ends_early:
            widest = data_ranges.get(p.start)
            if widest is None or p.end > widest.end:
                data_ranges[p.start] = p
    # a conversion in brackets does not stand between a figure and its window
    figure_starts = [f.quantity.char_start for f in figures if f.link != "converted"]
    # figures of a change ("up from 3,000 in 2023"): a window after one is not the other's
    linked_starts = [f.quantity.char_start for f in figures if f.link in ("before", "after")]
    start_of = {f.figure_no: f.quantity.char_start for f in figures}
    partner_at: dict[int, int] = {}  # where each change's other value starts
    for f in figures:
        if f.link in ("before", "after") and f.linked_to in start_of:
            partner_at[f.figure_no] = start_of[f.linked_to]
            partner_at.setdefault(f.linked_to, f.quantity.char_start)
    topic: dict[int, Period] = {}
    last_window: dict[int, Period] = {}  # what "the same period", "a year earlier" refer to
    last_dated_point: dict[int, Period] = {}  # the paragraph's last day or month named
    # (one ahead of publication dates what is to come, not what was found)
    up_to = published.end if published is not None else dt.date.max
    last_change: dict[int, tuple[Period | None, Period | None]] = {}
    resolved_cache: dict[tuple, Period | None] = {}
    words = _WindowWords(text)
    article_topic: Period | None = None
    # an operation or a crackdown named by its days dates what the whole article counts
    operation = next((p for p in windows if p.role == "span" and p.precision == "day"
                      and not p.months_back and p.start is not None and p.start < p.end), None)
    operation_days = (operation.end - operation.start).days if operation is not None else 0
    sentences = index.sentences
    reported = _report_window(text, windows, index)
    lede_day = _lede_day(text, windows, index, up_to)
    shares_in = Counter(f.sentence.char_start for f in figures if f.metric == "share_percent")
    ruling_day = _ruling_day(text, windows, index)
    launch = _launch(text, windows)
    last_found: dict[int, Period | None] = {}  # the window of what the paragraph last found
    sentence_no = 0
    out: list[Figure] = []
    for f in figures:
        s = f.sentence
        while sentence_no < len(sentences) and sentences[sentence_no].char_start < s.char_start:
            article_topic = _update_topic(text, topic, last_window, sentences[sentence_no],
                                          windows, starts, article_topic, last_dated_point,
                                          up_to)
            sentence_no += 1
        paragraph_topic = topic.get(s.paragraph)
        if paragraph_topic is not None:  # "출범 이후 10년 동안": from the launch, for all
            paragraph_topic = _since_launch(text, paragraph_topic, paragraph_topic, launch)
        # the walk above stops at the figure's sentence: the one before it is its neighbour
        previous_start = sentences[sentence_no - 1].char_start if sentence_no else s.char_start
        recent = last_window.get(s.paragraph) or article_topic
        main = paragraph_topic or article_topic
        # the sentence's windows near the figure (a bounded look, whatever the sentence's size)
        lo = bisect.bisect_left(starts, max(s.char_start, f.quantity.char_start - 400))
        hi = bisect.bisect_left(starts, min(s.char_end, f.quantity.char_end + 400))
        in_sentence = []
        for k in range(lo, hi):
            p = windows[k]
            # "the same period" is the one just named; "a year earlier" the paragraph's own;
            # "since then" the last date named before it, wherever
            if p.role == "since" or p.month:  # "in juli van dat jaar": the last year named
                context = _context_before(windows, dated_before, 0, k)
            elif _AT_THE_TIME.search(p.surface):  # the event just told, a day's too
                told = [w for w in (last_dated_point.get(s.paragraph),
                                    last_window.get(s.paragraph)) if w is not None]
                context = _context_before(windows, dated_before, lo, k) or (
                    max(told, key=lambda w: w.char_start) if told else recent)
            elif _THAT_YEAR.search(p.surface):  # the year last named, a day's or a month's too
                told = [w for w in (last_dated_point.get(s.paragraph),
                                    last_window.get(WHOLE_ARTICLE)) if w is not None]
                context = _context_before(windows, dated_before, lo, k) or (
                    max(told, key=lambda w: w.char_start) if told else article_topic)
            else:
                context = _context_before(windows, dated_before, lo, k) or (
                    recent if p.offset_years == 0 else main)
            # figures of one sentence share its windows: each is resolved once per context
            key = (k, context.start, context.end) if context is not None else (k,)
            if key not in resolved_cache:
                resolved_cache[key] = _running_total(text, windows, starts, k, s,
                                                     _resolved(p, context))
            # "since it started in June 2010": the launch named right after
            named_next = windows[k + 1] if k + 1 < len(windows) and \
                windows[k + 1].char_start - p.char_end <= 4 and \
                windows[k + 1].role == "point" else launch
            resolved = _since_launch(text, p, _in_paragraph_year(
                text, resolved_cache[key], last_window.get(s.paragraph), previous_start),
                named_next)
            # "on Wednesday" dates a ruling; of a seizure it mostly dates the announcement
            if resolved is not None and (f.metric in DECISION_METRICS or
                                         not words.weekday(p)):
                in_sentence.append((p, resolved))
        chosen = _narrow_this_year(_choose(words, f, in_sentence, figure_starts, linked_starts,
                                           korean, partner_at.get(f.figure_no)),
                                   data_ranges)
        q = f.quantity
        if out and text[max(0, q.char_start - 1):q.char_start] == "(" and \
                q.char_start - out[-1].quantity.char_end <= 2:
            chosen = out[-1].period  # "9332억원(593건)": the bracket belongs to its anchor
        if chosen is None and f.link in ("before", "after") and s.paragraph in last_change:
            # "van 93 naar 8.909": the windows of the paragraph's previous change
            chosen = last_change[s.paragraph][0 if f.link == "before" else 1]
        if chosen is None and ruling_day is not None and f.metric in DECISION_METRICS and \
                not _NOT_DECIDED.search(text, s.char_start, s.char_end):
            chosen = ruling_day  # "Dat heeft de rechtbank op 6 maart beslist": its amounts
        if chosen is None and paragraph_topic is not None and f.metric not in STOCK_METRICS \
                and not (f.metric == "other" and f.counted == "time"):
            chosen = paragraph_topic
        elif chosen is None and f.metric in FOUND_METRICS and s.paragraph in last_dated_point:
            # "Op 30 januari doorzocht de FIOD ... Daarbij werden zes mensen aangehouden": a
            # day or month is no paragraph's topic, but what was found then is of that date
            chosen = last_dated_point[s.paragraph]
        elif chosen is None and reported is not None and f.metric in REPORT_METRICS:
            chosen = reported  # the report's or the operation's window, named in the lead
        elif chosen is None and operation is not None and f.metric in EVENT_METRICS and (
                operation.char_end <= f.quantity.char_start or
                (f.metric in FOUND_METRICS and operation_days <= OPERATION_DAYS)):
            # "between 13 and 20 May": the article's operation, once named; what it found is
            # of it even where the headline and the lede tell it first (not "so far this year")
            chosen = operation
        elif chosen is None and lede_day is not None and f.metric in FOUND_METRICS and \
                f.link is None and lede_day.char_end <= f.quantity.char_start:
            chosen = lede_day  # "heeft de politie dinsdagochtend ... ontdekt": the raid's day
        breakdown = False
        if chosen is None and f.metric == "share_percent" and shares_in[s.char_start] >= 2 \
                and s.paragraph in last_found:
            # "품목별로는 지갑이 36.9%, 가방이 26.7%": shares that break down what was found
            # take its window, even a day's
            chosen, breakdown = last_found[s.paragraph], True
        if chosen is not None and chosen.start is not None \
                and (chosen.start.month, chosen.start.day) == (1, 1) \
                and chosen.end is not None \
                and chosen.end.year == chosen.start.year and chosen.end.month < 12 \
                and _planned(text, f, out[-1] if out else None):
            # "올해 예산 19억7000만원", "올해 10만건 이상 단속한다는 목표": a budget or a target is
            # for the whole year, not the year so far
            chosen = evolve(chosen, end=dt.date(chosen.start.year, 12, 31), precision="year")
        if chosen is not None and chosen.role == "point" and chosen.precision == "day" \
                and f.metric not in EVENT_METRICS and not breakdown:
            chosen = None  # a statement's date is not the window of the ratio it states
        if f.metric in DECISION_METRICS and f.quantity.qualifier == "up_to" and \
                _STATUTORY.search(text, s.char_start, s.char_end):
            chosen = None  # "faces up to five years", "7년 이하의 징역": what a law allows
        if f.link == "before":
            last_change[s.paragraph] = (chosen, None)
        elif f.link == "after" and s.paragraph in last_change:
            last_change[s.paragraph] = (last_change[s.paragraph][0], chosen)
        if f.metric in FOUND_METRICS and f.link is None:
            last_found[s.paragraph] = chosen
        if chosen is not None and chosen.start is not None and any(
                p.char_start == chosen.char_start and _same_period(p) for p, _ in in_sentence):
            # "같은 기간 ... 89만6702점이었다. 이어 ... 67만9757점": the window named again is
            # the paragraph's, as if its dates were written out
            topic[s.paragraph] = chosen
        out.append(evolve(f, period=chosen))
    return out


def _same_period(p: Period) -> bool:
    """"The same period", "이 기간", "in die periode": a window named before, named again.
    "At the time" and "that year" are read by the same rule but name a moment or a year, and
    "당시" a raid's day would then date a fine told after it."""
    return p.role == "relative" and p.start is None and not p.offset_years and \
        not p.months_back and not _THAT_YEAR.search(p.surface) and \
        not _AT_THE_TIME.search(p.surface)


# A sentence that tells a court's decision ("Dat heeft de rechtbank op 6 maart beslist", "the
# judge granted the default judgment on 26 September").
_RULED = re.compile(r"(?i)\b(?:ruled|ruling|ordered|sentenced|judgment|judgement|verdict|"
                    r"awarded|granted|beslist\w*|bepaald\w*|vonnis|uitspraak|veroordeeld\w*|"
                    r"verplicht|oordeelde|opgelegd|legde)\b")


def _ruling_day(text: str, windows: list[Period], index: SentenceIndex) -> Period | None:
    """The day the article says a court decided, the first such: its amounts and terms take
    it in any paragraph, as a named operation's window is taken."""
    for p in windows:
        if p.role == "point" and p.precision == "day" and p.start is not None:
            sentence = index.at(p.char_start)
            if sentence is not None and _RULED.search(text, sentence.char_start,
                                                      sentence.char_end):
                return p
    return None


def _planned(text: str, f: Figure, previous: Figure | None) -> bool:
    """Is the figure what is planned for a window: a budget, a change in the budget just
    named, or a target ("올해 10만건 이상 단속한다는 목표")?"""
    if f.metric in BUDGET_METRICS:
        return True
    s, q = f.sentence, f.quantity
    if f.metric == "growth_rate" and previous is not None and \
            previous.metric in BUDGET_METRICS and previous.sentence.char_start == s.char_start:
        return True
    return bool(_AIMED.search(text, q.char_end, min(s.char_end, q.char_end + AIM_REACH_CHARS)))


def _separate_change_windows(figures: list[Figure], published: Published | None,
                             korean: bool = False) -> list[Figure]:
    """The two values of a change are of two windows. When both got one, the one whose own
    window it is keeps it and the other takes the window next to it: "63 cases last year, up
    from 34" (34 is the year before), "van 880 miljoen euro in 2015 naar 1,04 miljard" (1,04
    miljard is 2016). A window standing between the two is the first value's (the second's
    in Korean, where it comes before what it dates: "557명으로 2020년 617명보다"); one before
    or after both is the statement's, which is the later value's."""
    by_no = {f.figure_no: f for f in figures}
    moved: dict[int, Period] = {}
    for after in figures:
        before = by_no.get(after.linked_to) if after.link == "after" else None
        if before is None or after.period is None or before.period is None:
            continue
        window = after.period
        if (window.start, window.end) != (before.period.start, before.period.end):
            continue
        months = _calendar_months(window)
        if months is None or (published is not None and window.end == published.end):
            continue  # "so far this year", "since May", a week's operation: no neighbour
        first, second = sorted((before, after), key=lambda f: f.quantity.char_start)
        between = first.quantity.char_end <= window.char_start < second.quantity.char_start
        owner = (second if korean else first) if between else after
        # "from 6 million in 2020 to 2.5 million": the later value is the next window;
        # "63 cases last year, up from 34": the earlier value is the one before
        step, target = (months, after) if owner is before else (-months, before)
        shift = relativedelta(months=step)
        moved[target.figure_no] = evolve(
            window, start=window.start + shift,
            end=window.start + shift + relativedelta(months=months, days=-1), role="span")
    return [evolve(f, period=moved[f.figure_no]) if f.figure_no in moved else f
            for f in figures]


def _calendar_months(p: Period) -> int | None:
    """The length in months of a window that is a calendar month, quarter, half or year
    (which has a neighbour of its own kind), else None."""
    if p.role != "span" or p.start is None or p.end is None or p.start.day != 1 or \
            (p.end + dt.timedelta(days=1)).day != 1:
        return None
    months = (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1
    return months if months in (1, 3, 6, 12) and (p.start.month - 1) % months == 0 else None


def _named_ranges(windows: list[Period]) -> list[Period]:
    """"The past five years" in an article that names "2012~2016" is that range: the years the
    figures were counted over, not five years back from the day of publication."""
    ranges: dict[int, Period] = {}  # named ranges of whole months, by their length in months
    for p in windows:
        one_year = p.start is not None and (p.start.month, p.start.day) == (1, 1) and \
            p.end == dt.date(p.start.year, 12, 31)  # "2015" is a year, not a range of months
        if p.role == "span" and p.precision in ("year", "month") and p.start is not None \
                and p.start.day == 1 and (p.end + dt.timedelta(days=1)).day == 1 and \
                not one_year:
            months = (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1
            ranges.setdefault(months, p)
            # "최근 5년간" beside "2021년부터 올해 8월까지": five calendar years, the last
            # one still running
            years = p.end.year - p.start.year + 1
            if p.start.month == 1 and years > 1:
                ranges.setdefault(years * 12, p)
    if not ranges:
        return windows
    return [evolve(p, start=ranges[p.months_back].start, end=ranges[p.months_back].end,
                   precision=ranges[p.months_back].precision)
            if p.months_back in ranges else p for p in windows]


# A month named with no year ("4~7월", "in June", "in juni"): the words that would give it one
_YEAR_GIVEN = re.compile(r"(?i)\d{3,4}|\d\s?년|'\d\d|올해|올\s|금년|지난|작년|내년|이번|이달|"
                         r"다음|내달|전년|그해|\b(?:this|last|next|that|previous|following|"
                         r"dit|dat|vorig|vorige|volgend|volgende|afgelopen|komend|komende|"
                         r"deze)\b")


# "출범 이후", "since its launch", "since it started": counted from the launch (`_founded`)
_SINCE_LAUNCH = re.compile(r"(?i)(?:출범|발족|창설|설립)\s?(?:이후|후|뒤|이래)|"
                           r"\bsince (?:its|the|their) "
                           r"(?:launch|start|creation|founding|inception)\b.{0,12}$|"
                           r"\bsinds (?:de|het|zijn|haar) (?:start|oprichting|begin)\b.{0,12}$|"
                           r"\bsince (?:it|they|the \w+) (?:was |were )?(?:started|launched|began|"
                           r"set up|founded|created)")


def _launch(text: str, windows: list[Period]) -> Period | None:
    """The first month or day the article says something was launched on."""
    return next((p for p in windows if p.start is not None and p.role in ("point", "span")
                 and p.precision in ("month", "day") and _founded(text, p)), None)


def _since_launch(text: str, p: Period, resolved: Period | None,
                  launch: Period | None) -> Period | None:
    """"출범 이후 지난해 8월까지", "since it started in June 2010": from the launch on."""
    if resolved is None or resolved.start is None:
        return resolved
    if launch is None or launch.start is None or \
            launch.start >= (resolved.end or dt.date.max) or \
            not (_SINCE_LAUNCH.search(text, max(0, p.char_start - 30), p.char_start) or
                 _SINCE_LAUNCH.match(p.surface)):
        return resolved
    return evolve(resolved, start=launch.start, precision=launch.precision, role="span")


def _in_paragraph_year(text: str, p: Period | None, paragraph_window: Period | None,
                       previous_start: int) -> Period | None:
    """A month with no year, right after a sentence about another whole year ("지난해 ...
    특히 4~7월", "In 2019 ... In juni"), is that month of that year, not of the
    publication's."""
    if p is None or p.start is None or p.end is None or p.precision != "month" or \
            paragraph_window is None or paragraph_window.precision != "year" or \
            paragraph_window.start is None or paragraph_window.end is None or \
            paragraph_window.start.year != paragraph_window.end.year or \
            p.start.year != p.end.year or p.start.year == paragraph_window.start.year or \
            paragraph_window.char_start < previous_start or \
            _YEAR_GIVEN.search(p.surface) or _YEAR_GIVEN.search(text, max(0, p.char_start - 6),
                                                                p.char_start):
        return p
    shift = relativedelta(years=paragraph_window.start.year - p.start.year)
    return evolve(p, start=p.start + shift, end=p.end + shift)


def _narrow_this_year(chosen: Period | None,
                      data_ranges: dict[dt.date, Period]) -> Period | None:
    """"This year" in an article whose figures run to August is January to August: a month
    range of the same year from 1 January that the article names takes its place."""
    if chosen is None or chosen.start is None or chosen.end is None \
            or (chosen.start.month, chosen.start.day) != (1, 1) \
            or (chosen.end.month, chosen.end.day) == (12, 31):
        return chosen  # only a year so far, not a whole calendar year
    widest = data_ranges.get(chosen.start)  # the widest such range starting that day
    return widest if widest is not None and widest.end < chosen.end else chosen


def _update_topic(text: str, topic: dict[int, Period], last_window: dict[int, Period],
                  sentence: Sentence, windows: list[Period], starts: list[int],
                  article_topic: Period | None, last_dated_point: dict[int, Period],
                  up_to: dt.date) -> Period | None:
    lo = bisect.bisect_left(starts, sentence.char_start)
    hi = bisect.bisect_left(starts, sentence.char_end)
    dates = [p for p in windows[lo:hi] if p.role == "point" and p.start is not None
             and p.precision in ("day", "month") and p.start <= up_to]
    if dates:
        last_dated_point[sentence.paragraph] = dates[-1]
    # when something was founded is no window of what the paragraph counts
    own = [p for p in windows[lo:hi] if p.role not in ("relative", "point")
           and p.start is not None and not _founded(text, p)]
    # a comparison's base ("245% more than in 2009") is not what "that year" refers to
    named = [p for p in own if not _is_base(text, p)]
    if named:
        last_window[sentence.paragraph] = last_window[WHOLE_ARTICLE] = named[-1]
    if not own:
        return article_topic
    opening = own[0].char_start - sentence.char_start < 20
    main = next((p for p in own if article_topic is not None and
                 (p.start, p.end) == (article_topic.start, article_topic.end)), None)
    if main is not None:
        topic[sentence.paragraph] = main  # the article's own window, stated again
    elif sentence.paragraph not in topic or opening:
        topic[sentence.paragraph] = own[0]
    return article_topic or own[0]


# A report, an operation or a campaign: what its window dates is the whole article's subject.
_REPORTED = re.compile(
    r"\b(?:report|operation|campaign|crackdown|programme|program|transparency|initiative|"
    r"verslag|rapport|\w*verslag|operatie|actie|campagne|\w*actie|programma|jaarcijfers|"
    r"breakdown|figures|statistics|tally|cijfers|statistieken|overzicht)\b|"
    r"보고서|작전|캠페인|집중 단속|특별 단속|기획 단속|합동 단속|백서|통계|집계", re.IGNORECASE)
# What a report's window dates when a paragraph names none: what was done and found, and
# shares of it ("Op Facebook ging 99,7 procent van alle ingrepen ..." under a half-year
# report). Stocks, money committed and `other` stay undated (measured on dev: adding every
# other metric fixed one more window and broke one).
REPORT_METRICS = FOUND_METRICS | {"share_percent"}
# A report cited as the source of what is told, in any paragraph.
_REPORT_SAID = re.compile(
    r"\b(?:the|its|their) (?:annual |yearly )?report (?:said|says|showed|shows)\b|"
    r"\baccording to (?:the|its|their) (?:annual |yearly )?report\b|"
    r"\bvolgens het (?:jaar)?(?:verslag|rapport)\b|보고서에 따르면", re.IGNORECASE)
LEAD_PARAGRAPHS = 3  # the headline, the lede and the paragraph after it


def _report_window(text: str, windows: list[Period], index: SentenceIndex) -> Period | None:
    """The article's first window, when the lead ties it to a report, an operation or a
    campaign ("Facebook heeft in de tweede helft van 2020 ... Dat staat in het halfjaarlijkse
    transparantieverslag"): the window the corpus conventions give to that report's figures
    in every paragraph, not only its own."""
    first = next((p for p in windows if p.role in ("span", "relative") and p.start is not None
                  and p.end is not None), None)
    if first is None:
        return None
    sentences = index.sentences
    k = index.index_at(first.char_start)
    if k is None or sentences[k].paragraph >= LEAD_PARAGRAPHS:
        return None
    # the report may be named in the window's sentence or the next ("Dat staat in ...")
    named_until = sentences[min(k + 1, len(sentences) - 1)].char_end
    # or the article says later that a report told it ("..., the report said")
    return first if _REPORTED.search(text, sentences[k].char_start, named_until) or \
        _REPORT_SAID.search(text) else None


# Verbs that make a day the day something was told, not the day it happened.
_TOLD = re.compile(r"(?i)\b(?:said|says|announced|told|reported|revealed|confirmed|zei|zegt|"
                   r"meldde|meldt|berichtte|(?:maakte\w*|liet\w*)(?:\s+\w+){0,3}\s+"
                   r"(?:bekend|weten))\b|밝혔|발표")


# Acts of a raid or a seizure: the lede's day is then the day goods were found.
_RAIDED = re.compile(r"(?i)\b(?:seized|raided|searched|arrested|discovered|found|intercepted|"
                     r"ontdekt\w*|doorzocht\w*|in beslag|aangehouden|opgerold|onderschept\w*|"
                     r"vielen binnen|inval)\b|압수|적발|검거|단속|덮쳐|찾아냈")


def _lede_day(text: str, windows: list[Period], index: SentenceIndex,
              up_to: dt.date) -> Period | None:
    """The day the lede says something happened, when it is the article's first window ("In
    Capelle heeft de politie dinsdagochtend een grote voorraad ontdekt"): what the article
    found takes it in every paragraph, as a named operation's window is taken; not the day
    something was said ("the police said on Tuesday")."""
    first = next((p for p in windows if p.start is not None), None)
    if first is None or first.role != "point" or first.precision != "day" or \
            first.start > up_to:
        return None
    sentence = index.at(first.char_start)
    # the lede is the paragraph under a headline
    if sentence is None or sentence.paragraph != 1 or not _has_headline(text) or \
            _TOLD.search(text, sentence.char_start, sentence.char_end) or \
            not _RAIDED.search(text, sentence.char_start, sentence.char_end):
        return None
    return first


def _dated_before(text: str, windows: list[Period]) -> list[int]:
    """For each window, the index of the nearest dated (not relative) window before it, or -1:
    one pass, so resolving every relative window stays linear. A comparison's earlier value's
    window is passed over: "21,000 in 2020, compared with 16,000 in 2019, and 32,000 suspects,
    up from 29,000 a year earlier" counts the year back from 2020."""
    out, last = [], -1
    for i, q in enumerate(windows):
        out.append(last)
        if q.role not in ("relative", "since") and q.start is not None and \
                not _is_base_value(text, q):
            last = i
    return out


def _context_before(windows: list[Period], dated_before: list[int], lo: int,
                    k: int) -> Period | None:
    """The nearest dated window before a relative one (windows[k]) from windows[lo] on."""
    if windows[k].role not in ("relative", "since") or dated_before[k] < lo:
        return None
    return windows[dated_before[k]]


def _resolved(p: Period, context: Period | None) -> Period | None:
    """A period with dates: a relative one ("a year earlier") is its context shifted. One the
    publication date cannot resolve stays as it is: its text, precision unknown."""
    if p.role not in ("relative", "since"):
        return p
    if context is None or context.start is None:
        return None
    if p.role == "since":  # "since then": from the context's start to publication
        if p.end is None or p.end < context.start:
            return None
        return evolve(p, start=context.start, precision=context.precision, role="start")
    if _THAT_YEAR.search(p.surface) and not p.month and context.end is not None and \
            (context.end - context.start).days < 360:
        # "2006년 1월 처음 시행될 때 ... 그해": the year of the month or day named, all of it
        # (a fiscal year named before "that year" is that year as it is)
        return evolve(p, start=dt.date(context.start.year, 1, 1),
                      end=dt.date(context.start.year, 12, 31), precision="year", role="span")
    if p.month:  # "그해 12월": that month of the context's year
        start = dt.date(context.start.year, p.month, 1)
        return evolve(p, start=start, end=start + relativedelta(months=1, days=-1),
                      precision="month", role="point")
    # "the same period of 2023": the context's window moved to that year
    offset = p.start.year - context.start.year if p.start is not None else p.offset_years
    shift = relativedelta(years=offset)
    # a context still open ("since May" with no publication date) stays open when moved
    end = context.end + shift if context.end is not None else None
    return evolve(p, start=context.start + shift, end=end, precision=context.precision,
                  role="span")


# Words that make a time expression the base a change is measured from.
_BASE_BEFORE = re.compile(r"(?:\bthan|\bdan|\bcompared (?:with|to)|\bversus|\bvs\.?|\bten opzichte "
                          r"van|\bvergeleken met|\bfrom|\bvan)\s+(?:in\s+|the\s+|het\s+)?$",
                          re.IGNORECASE)
# ... or the window of a change's earlier value ("down from 2.5 million in 2021", "tegen
# 36.000 in 2015", "three times as many as in 2021")
_BASE_VALUE_BEFORE = re.compile(
    # the lookbehinds follow the word: before it they would slow every search sevenfold
    r"(?:\bfrom|\bvan|\btegen|\bthan(?<!more than)(?<!less than)(?<!fewer than)|"
    r"\bdan(?<!meer dan)(?<!minder dan)|\bcompared (?:with|to)|\bversus|\bvergeleken met|"
    r"\bten opzichte van)"
    r"\s+(?:about |around |some |nearly |almost |"
    r"more than |over |ruim |bijna |zo'n |ongeveer )?(?:[A-Z]{0,2}[$£€¥₱₩₦]\s?|[NP](?=\d))?"
    r"[\d.,]+(?:\s+[^\W\d_]+){0,2}\s+"
    r"(?:in\s+|the\s+|het\s+)?$|\bas (?:many|much) as (?:in\s+)?$", re.IGNORECASE)
BASE_VALUE_CHARS = 60
# "지난해 1심이 명령한 2억5072만원보다", "2010년 1조859억원보다": a Korean base value after its
# window
# (not across a topic: "2021년 가짜 상품 적발액은 1000억원보다" dates the 1000억원 it compares)
_KOREAN_BASE_VALUE_AFTER = re.compile(r"(?:(?![은는]\s)[^.\d]){0,15}?\d[\d,.]*[^\s\d.,]{0,4}\s?"
                                      r"(?:보다|에 비해)")
_BASE_AFTER = re.compile(r"\s?(?:(?:의\s)?같은 (?:기간|달|분기)\s?)?"
                         r"(?:보다|대비|에 비해|과 비교|와 비교)")
# a change's verb right before "from" ("fell from 238,000", "daalde van")
_FELL_FROM = re.compile(rf"(?:{CHANGE_WORDS.pattern})\w*\s+(?:from|van)\s+$|\b(?:up|down) from\s+$",
                        re.IGNORECASE)
# A base followed by a clause of its own time dates what that clause counts ("meer dan in
# 2014, toen de teller op 524 miljoen stond").
_WHEN_AFTER = re.compile(r",?\s*(?:when|toen|waarin|in which)\b", re.IGNORECASE)


# "By March 2013 they had sold 787 watches": a running total up to that month, not that
# month's count.
_BY_BEFORE = re.compile(r"(?i)\bby (?:the end of )?$")
OPENING_LOOKBACK = 8  # windows looked back at for where a running total began ...
OPENING_REACH_CHARS = 600  # ... within about a paragraph before its sentence
LAUNCH_REACH_CHARS = 400  # how far from "by June 2016" its sentence may name the launch


def _running_total(text: str, windows: list[Period], starts: list[int], k: int, s: Sentence,
                   resolved: Period | None) -> Period | None:
    """windows[k] resolved; "by June 2016" (a point after "by") as a span from where the
    total began, when that is known."""
    p = windows[k]
    if resolved is None or resolved.role != "point" or resolved.start is None or \
            not _BY_BEFORE.search(text, max(0, p.char_start - 16), p.char_start):
        return resolved
    opened = _opening(text, windows, starts, k, s, resolved)
    return resolved if opened is None else evolve(resolved, start=opened.start, role="span")


def _opening(text: str, windows: list[Period], starts: list[int], k: int, s: Sentence,
             until: Period) -> Period | None:
    """Where the running total that windows[k] ends ("by June 2016") began: a launch the
    sentence names ("the unit, launched in September 2013"), else the last earlier window
    named shortly before ("opened a seller account in October 2012. ... By March 2013")."""
    p = windows[k]
    lo = bisect.bisect_left(starts, max(s.char_start, p.char_start - LAUNCH_REACH_CHARS))
    hi = bisect.bisect_left(starts, min(s.char_end, p.char_end + LAUNCH_REACH_CHARS))
    for j in range(lo, hi):
        w = windows[j]
        if j != k and w.start is not None and w.start < until.start and (
                _FOUNDED_BEFORE.search(text, max(0, w.char_start - 30), w.char_start)
                or _FOUNDED_AFTER.match(text, w.char_end)):
            return w
    for j in range(k - 1, max(-1, k - 1 - OPENING_LOOKBACK), -1):
        w = windows[j]
        if w.char_start < s.char_start - OPENING_REACH_CHARS:
            break
        if w.role != "relative" and w.start is not None and w.start < until.start:
            return w
    return None


WHOLE_ARTICLE = -1  # the key of `last_window` for the last window named anywhere before
# "that year" is the last year named, in whichever paragraph ("In 2019 customs made 90,000
# seizures. ¶ That year cigarettes made up 21.3%"), not the article's first window.
_THAT_YEAR = re.compile("(?i)" + "|".join(THAT_YEAR_WORDS.values()))
_AT_THE_TIME = re.compile(r"(?i)\bat the time\b|\bdestijds\b|당시")
_STATUTORY = re.compile(r"(?i)\b(?:can|could|may|faces?|facing|carr(?:y|ies)|punishable|"
                        r"kan|kunnen|riskeer\w*|hangt)\b|수 있|처하|처해|법은|법에 따르면")
_COMPARED = re.compile(r"\b(?:than|compared|against|versus|vs|from|up|down|tegen|tegenover|"
                       r"zoveel|dan|vergeleken|opzichte|twice|times|keer)\b|보다|대비|에 비해|배",
                       re.IGNORECASE)
# What a party asked for, or what a law allows, is not what the court decided.
_NOT_DECIDED = re.compile(
    r"(?i)\b(?:asked for|sought|demanded|claimed|requested|wanted|eis\w*|geëist|wilde|"
    r"gevraagd|vroeg|vorderde|gevorderd)\b|청구|구형|요구|"
    + _STATUTORY.pattern.removeprefix("(?i)"))


# What a budget, a target or a plan is for: "올해 10만건 이상 단속한다는 목표", "aims to remove
# 1 million listings this year" is for the whole year, not the year so far.
_AIMED = re.compile(r"(?i)\b(?:aims?|targets?|plans?|intends?|doel\w*|streeft|wil|willen)\b"
                    r"|목표|계획|방침|예정|겠다")
AIM_REACH_CHARS = 200  # how far after a figure its sentence may say it is a target
_AND = re.compile(r"(?i)\b(?:and|en)\b")


def _is_base_value(text: str, p: Period) -> bool:
    """Does `p` date a comparison's earlier value ("compared with 16,000 in 2019")?"""
    return bool(_BASE_VALUE_BEFORE.search(text, max(0, p.char_start - BASE_VALUE_CHARS),
                                          p.char_start)
                or _KOREAN_BASE_VALUE_AFTER.match(text, p.char_end))


def _is_base(text: str, p: Period, of_value: bool = True) -> bool:
    """Does `p` date what a change or a comparison is measured from? With `of_value`, also
    when it dates a change's earlier value: the window of that value, not of others."""
    return bool(_BASE_BEFORE.search(text, max(0, p.char_start - 20), p.char_start)
                or _BASE_AFTER.match(text, p.char_end)
                or of_value and _is_base_value(text, p))


_FOUNDED_BEFORE = re.compile(
    r"\b(?:set up|launched|founded|established|created|formed|opened|introduced|started|"
    r"designed|opgericht|gelanceerd|gestart|begonnen|ingevoerd|ontworpen)"
    r"\s+(?:in|on|back in|sinds)?\s*$",
    re.IGNORECASE)
_FOUNDED_AFTER = re.compile(r"\s*(?:에\s*)?(?:설립|출범|창설|개설|도입|신설|발족)|"
                            # "2010년 9월 서울·대전·부산 세 곳에 사무소를 두고 출범한": the
                            # launch a few words on, in the clause that names what began
                            r"[^.,\d]{0,30}?(?:설립|출범|창설|발족)(?:한|된|했)|"
                            r"\s+(?:werd\s+|is\s+|was\s+)?(?:opgericht|gestart|opgezet|gelanceerd|ontworpen)\b")


def _founded(text: str, p: Period) -> bool:
    """Does `p` say when something began ("a unit set up in 2013", "opgericht in 2011",
    "2015년 출범한")? That is not the window of what is counted."""
    return bool(_FOUNDED_BEFORE.search(text, max(0, p.char_start - 30), p.char_start)
                or _FOUNDED_AFTER.match(text, p.char_end))


def _names_weekday(text: str, p: Period) -> bool:
    return bool(WEEKDAY.search(text, p.char_start, p.char_end))


class _WindowWords:
    """What the words around a time expression say of it (a base, a founding, a weekday),
    worked out once per expression: every figure of its sentence asks again."""

    def __init__(self, text: str):
        self.text = text
        self._known: dict[tuple, bool] = {}

    def _ask(self, test, p: Period, *args) -> bool:
        key = (test, p.char_start, p.char_end, *args)
        if key not in self._known:
            self._known[key] = test(self.text, p, *args)
        return self._known[key]

    def is_base(self, p: Period, of_value: bool = True) -> bool:
        return self._ask(_is_base, p, of_value)

    def is_base_value(self, p: Period) -> bool:
        return self._ask(_is_base_value, p)

    def founded(self, p: Period) -> bool:
        return self._ask(_founded, p)

    def weekday(self, p: Period) -> bool:
        return self._ask(_names_weekday, p)


def _choose(words: _WindowWords, f: Figure, in_sentence: list[tuple[Period, Period]],
            figure_starts: list[int], linked_starts: list[int],
            korean: bool = False, partner_at: int | None = None) -> Period | None:
    """The figure's window among its sentence's (expression, resolved window) pairs;
    `partner_at` is where the other value of its change starts."""
    text = words.text
    in_sentence = [pr for pr in in_sentence if not words.founded(pr[0])]
    if not in_sentence:
        return None
    wider = [pr for pr in in_sentence if pr[0].role != "point" or pr[0].precision != "day"]
    if wider:
        in_sentence = wider  # an event's day only when nothing wider is said
    q = f.quantity
    dated = [pr for pr in in_sentence if pr[1].end is not None]
    if f.metric == "growth_rate":
        # a change is stated for its later window; "meer dan in 2014", "compared with 2019",
        # "전년 대비" name the base it is measured from
        dated = [pr for pr in dated if not words.is_base(pr[0])]
        return max(dated, key=lambda pr: pr[1].end)[1] if dated else None
    if korean:  # Korean puts a time adverbial before what it dates ("한 해 전의 10만6000건")
        for p, resolved in reversed(in_sentence):
            if words.is_base(p, of_value=False):
                continue  # "1년 전보다 43% 커졌다": what it is compared with
            if 0 <= q.char_start - p.char_end <= TIGHT_PERIOD_CHARS and not any(
                    ch.isdigit() for ch in text[p.char_end:q.char_start]):
                return resolved
    noun_end = phrase_end(text, q.char_end)
    for p, resolved in in_sentence:  # "800,000 in 2022": a window right after the noun
        if words.is_base(p, of_value=False):
            continue  # "8917만1000건으로 지난해 상반기보다": what it is compared with
        if 0 <= p.char_start - noun_end <= TIGHT_PERIOD_CHARS or \
                0 <= p.char_start - q.char_end <= TIGHT_PERIOD_CHARS:
            between = text[q.char_end:p.char_start]
            # "341 miljoen en in 2023 al 718 miljoen": after "and" the window is the next one's
            if not any(ch.isdigit() for ch in between) and "," not in between and \
                    not _AND.search(between):
                return resolved
    # a comparison's base before the figure is another figure's ("245% more than in 2009,
    # and ... 4,783 websites"), unless a clause of that time follows it ("49 procent meer dan
    # in 2014, toen de teller op 524 miljoen stond")
    # (a change's own values keep the earlier value's window: _separate_change_windows
    # parts them)
    # nor is another change's earlier value's ("21,000 in 2020, compared with 16,000 in 2019,
    # and 32,000 suspects, up from 29,000")
    # a change's earlier value standing alone ("the number of items fell from 238,000") is
    # of the base year named before it
    alone_before = f.link is None and bool(_FELL_FROM.search(text, max(0, q.char_start - 20),
                                                             q.char_start))
    before = [pr for pr in in_sentence if pr[0].char_end <= q.char_start
              and (not words.is_base(pr[0], of_value=f.link is None and not alone_before)
                   or _WHEN_AFTER.match(text, pr[0].char_end))
              and not (f.link in ("before", "after") and words.is_base_value(pr[0]) and not (
                  partner_at is not None and
                  0 <= pr[0].char_start - partner_at <= BASE_VALUE_CHARS))]
    if before:
        return before[-1][1]
    for p, resolved in in_sentence:  # a window after it: its own, or a list's
        if p.char_start >= q.char_end:
            if f.link is None and words.is_base(p, of_value=False):
                continue  # "€20 million more than in 2018": what it is measured from
            between = bisect.bisect_left(figure_starts, p.char_start) - \
                bisect.bisect_right(figure_starts, q.char_start)
            changes = bisect.bisect_left(linked_starts, p.char_start) - \
                bisect.bisect_left(linked_starts, q.char_start)
            # "55 tonnes of bags and 2,030 boxes of cosmetics in 2024": a list's window; but
            # not a change's ("5,000 items, up from 3,000 in 2023", "tegen 36.000 in 2015"),
            # nor a stock's
            listed = f.link is None and changes == 0 and f.metric not in STOCK_METRICS and \
                not _COMPARED.search(text, q.char_end, p.char_start)
            return resolved if between == 0 or listed else None
    return None


def _share_repeat_windows(figures: list[Figure]) -> list[Figure]:
    """A fact stated twice has one window: a headline's "6443건" takes the window its body
    sentence gives ("지난 5월부터 7월까지 ... 6443건"), and the other way round."""
    by_no = {f.figure_no: f for f in figures}
    window: dict[int, Period] = {}
    for f in figures:
        if f.repeat_of is None or f.metric in STOCK_METRICS:
            continue  # a stock's count is as of when it is said
        original = by_no.get(f.repeat_of)
        if original is None:
            continue
        if f.period is None and original.period is not None:
            window[f.figure_no] = original.period
        elif original.period is None and f.period is not None:
            window.setdefault(original.figure_no, f.period)
    return [evolve(f, period=window[f.figure_no]) if f.figure_no in window else f
            for f in figures]


def _has_headline(text: str) -> bool:
    """Does the text open with a headline: a first line that no full stop ends?"""
    first_line = text[:text.find("\n")] if "\n" in text else text
    return bool(first_line.strip()) and not first_line.rstrip().endswith((".", "!", "?", "。"))


def _headline_from_lede(figures: list[Figure]) -> list[Figure]:
    """A headline's count of what was done, with no window of its own, tells what the lede
    tells: it takes the window of the lede's first dated figure, whatever that one counts
    (matching its metric fixed none on the dev half: the lede's first figure is often read
    as another)."""
    lede = next((f.period for f in figures if f.sentence is not None
                 and f.sentence.paragraph == 1 and f.period is not None), None)
    if lede is None:
        return figures
    return [evolve(f, period=lede) if f.period is None and f.metric in REPORT_METRICS
            and f.sentence is not None and f.sentence.paragraph == 0 else f
            for f in figures]


def _rounding_range(values: list[float], value: float, digits: int) -> range:
    """Where in sorted `values` the values lie that `value`, written with `digits`
    significant digits, could be a rounding of (or rounded to)."""
    step = 10 ** (math.floor(math.log10(abs(value))) - digits + 1) if value else 0
    return range(bisect.bisect_left(values, value - step),
                 bisect.bisect_right(values, value + step))


def _rounds_to(precise: float, rounded: float, digits: int) -> bool:
    """Is `rounded` what `precise` looks like written with `digits` significant digits?"""
    if precise == 0 or rounded == 0:
        return precise == rounded
    step = 10 ** (math.floor(math.log10(abs(precise))) - digits + 1)
    return abs(precise - rounded) < step  # rounded or truncated ("970,000" for 977,151)


def link_repeats(figures: list[Figure]) -> list[Figure]:
    """Point a repeated figure at the statement it repeats, so it is not counted twice.

    A repeat is the same metric with the same value (a second "tienduizend winkels"), or a
    rounder writing of a more precise value (a headline's 970,000 for the body's 977,151).
    Figures are grouped by metric and unit, and a group's values are kept sorted, so each
    figure looks only at the values it could round to."""
    groups: dict[tuple[str, str], list[tuple[float, int, Figure]]] = defaultdict(list)
    for f in figures:
        if f.metric != "other" and f.quantity.value is not None and f.link is None:
            groups[(f.metric, unit_key(f.quantity.unit, f.quantity.currency))].append(
                (f.quantity.value, f.figure_no, f))
    original: dict[int, int] = {}
    for members in groups.values():
        members.sort(key=lambda m: (m[0], m[1]))
        values = [m[0] for m in members]
        for value, no, f in members:
            fq = f.quantity
            digits = fq.significant_digits or 99
            for k in _rounding_range(values, value, digits):
                other_value, other_no, g = members[k]
                if other_no == no:
                    continue
                gq = g.quantity
                same = (fq.value_low, fq.value_high) == (gq.value_low, gq.value_high) \
                    and other_no < no
                rounder = digits < (gq.significant_digits or 99) and _rounds_to(
                    other_value, value, digits)
                if same or rounder:
                    original[no] = other_no
                    break
    return [evolve(f, repeat_of=original[f.figure_no]) if f.figure_no in original else f
            for f in figures]


@dataclass(frozen=True)
class Statement:
    """What conflict detection needs of a figure, whether the rules found it or a person
    reviewed it (the warehouse compares the merged figures, the extractor its own)."""
    key: str  # the figure id
    metric: str
    surface: str
    low: float | None
    high: float | None
    unit: str | None
    currency: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    sentence_start: int | None  # None when the text is absent: no two share a sentence
    is_repeat: bool
    is_linked: bool = False  # one value of a change, or a conversion: not a rival claim

    @property
    def unit_key(self) -> str:
        return unit_key(self.unit, self.currency)

    def interval(self) -> tuple[float, float]:
        """Bounds in comparable units (durations in days, weights in kg); open bounds are
        infinite."""
        scale = IN_BASE_UNITS.get(self.unit or "", ("", 1))[1]
        low = self.low * scale if self.low is not None else float("-inf")
        high = self.high * scale if self.high is not None else float("inf")
        return low, high


def unit_key(unit: str | None, currency: str | None) -> str:
    """What two figures must share to state the same kind of amount: the base unit of a
    duration or a weight, else the currency or the unit."""
    if unit in IN_BASE_UNITS:
        return IN_BASE_UNITS[unit][0]
    return currency or unit or ""


def statement_of(f: Figure) -> Statement:
    q, p = f.quantity, f.period
    return Statement(f.figure_id, f.metric, q.surface, q.value_low, q.value_high, q.unit,
                     q.currency, p.start if p else None, p.end if p else None,
                     f.sentence.char_start if f.sentence else None, f.repeat_of is not None,
                     f.link is not None)


def _periods_overlap(a: Statement, b: Statement) -> bool:
    if a.period_start is None or b.period_start is None:
        return True  # an undated statement could be about any window
    return a.period_start <= (b.period_end or b.period_start) and \
        b.period_start <= (a.period_end or a.period_start)


def _same_sentence(a: Statement, b: Statement) -> bool:
    return a.sentence_start is not None and a.sentence_start == b.sentence_start


def find_conflicts(statements: list[Statement], source_id: str) -> list[Conflict]:
    """Statements of the same metric and window whose bounds cannot both be true.

    Two values in one sentence are a comparison ("from 1-2 weeks to 3-5 days"), not a
    conflict, so only figures from different sentences are compared; nor are the two values
    of a change, or an amount and its conversion."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        if s.metric != "other" and not s.is_repeat and not s.is_linked:
            groups[(s.metric, s.unit_key)].append(s)
    conflicts: list[Conflict] = []
    for members in groups.values():
        distinct: dict[tuple, Statement] = {}
        for s in members:
            distinct.setdefault((s.interval(), s.period_start, s.period_end, s.sentence_start),
                                s)
        compared = list(distinct.values())[:MAX_CONFLICT_VALUES]
        for i, a in enumerate(compared):
            for b in compared[i + 1:]:
                if _same_sentence(a, b) or not _periods_overlap(a, b):
                    continue
                (a_low, a_high), (b_low, b_high) = a.interval(), b.interval()
                if a_high < b_low or b_high < a_low:
                    conflicts.append(Conflict(
                        source_id, a.metric, a.key, b.key,
                        f"{a.surface!r} and {b.surface!r} state {a.metric} for "
                        f"overlapping or undated windows with bounds that do not overlap"))
    return conflicts
