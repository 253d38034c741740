"""From an article's text to figures: every number, classified, dated, linked and checked.

Pure functions: text and metadata in, records out. The ETL writes them; tests call them
directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from etl.extract.classify import classify, phrase_end
from etl.extract.numbers import Quantity, find_quantities
from etl.extract.periods import Period, Published, find_periods
from etl.extract.sentences import Sentence, sentence_at, split_sentences

# Durations compare in days; other units compare as they are.
_DAYS_PER_UNIT = {"day": 1, "week": 7, "month": 30.4375, "year": 365.25, "hour": 1 / 24,
                  "minute": 1 / 1440, "second": 1 / 86400}


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
            source_id: str) -> Extraction:
    sentences = split_sentences(text)
    periods = find_periods(text, language, published)
    out = Extraction(periods=periods, sentences=sentences)
    candidates: list[Quantity] = []
    for q in find_quantities(text, language):
        if any(p.char_start <= q.char_start and q.char_end <= p.char_end for p in periods):
            out.skipped.append((q, "part of a time expression"))
        elif any(p.char_start < q.char_end and q.char_start < p.char_end for p in periods):
            out.skipped.append((q, "overlaps a time expression"))
        elif q.kind != "figure":
            out.skipped.append((q, q.kind))
        else:
            candidates.append(q)

    for number, q in enumerate(candidates, start=1):
        sentence = sentence_at(sentences, q.char_start)
        if sentence is None:  # cannot happen for text the splitter covered; keep it honest
            sentence = Sentence(q.char_start, q.char_end, q.surface)
        in_sentence = [(o.char_start - sentence.char_start, o.char_end - sentence.char_start)
                       for o in candidates
                       if sentence.char_start <= o.char_start < sentence.char_end]
        result = classify(sentence.text, (q.char_start - sentence.char_start,
                                          q.char_end - sentence.char_start),
                          language, q.unit_kind, in_sentence)
        out.figures.append(Figure(source_id, number, result.metric, result.confidence, q,
                                  sentence, _period_for(q, sentence, periods), result.cue))
    out.figures = link_repeats(out.figures)
    out.conflicts = find_conflicts([statement_of(f) for f in out.figures], source_id)
    return out


def _period_for(q: Quantity, sentence: Sentence, periods: list[Period]) -> Period | None:
    """The nearest window-like time expression in the figure's sentence."""
    near = [p for p in periods if p.role in ("span", "start")
            and sentence.char_start <= p.char_start < sentence.char_end]
    if not near:
        return None
    # Measure from the end of the number's head noun: in "3.5 million boxes in the first
    # quarter and over 9 million boxes in the third quarter" each figure takes the period
    # that follows its noun, not the one that happens to be a few characters closer.
    end = phrase_end(sentence.text, q.char_end - sentence.char_start) + sentence.char_start
    return min(near, key=lambda p: max(0, p.char_start - end, q.char_start - p.char_end))


def _rounds_to(precise: float, rounded: float, digits: int) -> bool:
    """Is `rounded` what `precise` looks like written with `digits` significant digits?"""
    if precise == 0 or rounded == 0:
        return precise == rounded
    from math import floor, log10
    step = 10 ** (floor(log10(abs(precise))) - digits + 1)
    return abs(precise - rounded) < step  # rounded or truncated ("970,000" for 977,151)


def link_repeats(figures: list[Figure]) -> list[Figure]:
    """Point a repeated figure at the statement it repeats, so it is not counted twice.

    A repeat is the same metric with the same value (a second "tienduizend winkels"), or a
    rounder writing of a more precise value (a headline's 970,000 for the body's 977,151).
    """
    out: list[Figure] = []
    for f in figures:
        original = None
        if f.metric != "other":
            for g in figures:
                if g is f or g.metric != f.metric or \
                        statement_of(g).unit_key != statement_of(f).unit_key:
                    continue
                fq, gq = f.quantity, g.quantity
                same = (fq.value_low, fq.value_high) == (gq.value_low, gq.value_high) \
                    and g.figure_no < f.figure_no
                rounder = (fq.significant_digits or 99) < (gq.significant_digits or 99) \
                    and fq.value is not None and gq.value is not None \
                    and _rounds_to(gq.value, fq.value, fq.significant_digits or 1)
                if same or rounder:
                    original = g.figure_no
                    break
        out.append(replace(f, repeat_of=original) if original else f)
    return out


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

    @property
    def unit_key(self) -> str:
        return "duration" if self.unit in _DAYS_PER_UNIT else (self.currency or self.unit or "")

    def interval(self) -> tuple[float, float]:
        """Bounds in comparable units (durations in days); open bounds are infinite."""
        scale = _DAYS_PER_UNIT.get(self.unit or "", 1)
        low = self.low * scale if self.low is not None else float("-inf")
        high = self.high * scale if self.high is not None else float("inf")
        return low, high


def statement_of(f: Figure) -> Statement:
    q, p = f.quantity, f.period
    return Statement(f.figure_id, f.metric, q.surface, q.value_low, q.value_high, q.unit,
                     q.currency, p.start if p else None, p.end if p else None,
                     f.sentence.char_start if f.sentence else None, f.repeat_of is not None)


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
    conflict, so only figures from different sentences are compared.
    """
    conflicts: list[Conflict] = []
    for i, a in enumerate(statements):
        for b in statements[i + 1:]:
            if a.metric != b.metric or a.metric == "other" or a.is_repeat or b.is_repeat:
                continue
            if _same_sentence(a, b) or a.unit_key != b.unit_key:
                continue
            if not _periods_overlap(a, b):
                continue
            (a_low, a_high), (b_low, b_high) = a.interval(), b.interval()
            if a_high < b_low or b_high < a_low:
                conflicts.append(Conflict(
                    source_id, a.metric, a.key, b.key,
                    f"{a.surface!r} and {b.surface!r} state {a.metric} for "
                    f"overlapping or undated windows with bounds that do not overlap"))
    return conflicts
