"""From an article's text to figures: every number, classified, dated, linked and checked.

Pure functions: text and metadata in, records out. The ETL writes them; tests call them
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .classify import classify, phrase_end
from .numbers import Quantity, find_quantities
from .periods import Period, Published, find_periods
from .sentences import Sentence, sentence_at, split_sentences

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

    @property
    def figure_id(self) -> str:
        return f"{self.source_id}#{self.figure_no}"


@dataclass(frozen=True)
class Conflict:
    source_id: str
    metric: str
    figure_a: int
    figure_b: int
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
    out.conflicts = find_conflicts(out.figures)
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
                if g is f or g.metric != f.metric or _unit_key(g) != _unit_key(f):
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


def _unit_key(f: Figure) -> str:
    q = f.quantity
    if q.unit_kind == "duration":
        return "duration"
    return q.currency or q.unit or ""


def _interval(f: Figure) -> tuple[float, float]:
    q = f.quantity
    scale = _DAYS_PER_UNIT.get(q.unit or "", 1) if q.unit_kind == "duration" else 1
    low = q.value_low * scale if q.value_low is not None else float("-inf")
    high = q.value_high * scale if q.value_high is not None else float("inf")
    return low, high


def _periods_overlap(a: Period | None, b: Period | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True  # an undated statement could be about any window
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def find_conflicts(figures: list[Figure]) -> list[Conflict]:
    """Statements of the same metric and window whose bounds cannot both be true.

    Two values in one sentence are a comparison ("from 1-2 weeks to 3-5 days"), not a
    conflict, so only figures from different sentences are compared.
    """
    conflicts: list[Conflict] = []
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if a.metric != b.metric or a.metric == "other" or a.repeat_of or b.repeat_of:
                continue
            if a.sentence == b.sentence or _unit_key(a) != _unit_key(b):
                continue
            if not _periods_overlap(a.period, b.period):
                continue
            (a_low, a_high), (b_low, b_high) = _interval(a), _interval(b)
            if a_high < b_low or b_high < a_low:
                conflicts.append(Conflict(
                    a.source_id, a.metric, a.figure_no, b.figure_no,
                    f"{a.quantity.surface!r} and {b.quantity.surface!r} state {a.metric} for "
                    f"overlapping or undated windows with bounds that do not overlap"))
    return conflicts
