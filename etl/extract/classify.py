"""Give a number a metric from the words around it.

The cues live with the metrics in `etl.vocab.METRICS`. A number's context is its sentence
with parenthetical asides removed (an aside's number gets the aside as its context), cut at
the neighbouring numbers so that one number's words do not classify the next. Each cue scores
by closeness; action metrics (removed, closed) outrank the nouns they act on, because
"removed 977,151 products" is about removals, not about the catalogue. No cue: `other`, low
confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.vocab import METRICS, Term

# Metrics that describe an action on the thing a noun names: they win over that noun.
ACTION_METRICS = frozenset({"removed_listings", "closed_stores"})
ACTION_WEIGHT = 2.0
PROXIMITY_CHARS = 20.0
MIN_SCORE = 0.15  # below this the nearest cue is too far to trust
_ASIDE = re.compile(r"\s[–—]\s.+?\s[–—]\s|\([^)]*\)")
# The words right after a number name what it counts ("977,151 counterfeit products").
_HEAD_NOUN = re.compile(r"(?:\s+[^\W\d_][\w'’-]*){1,2}")


def phrase_end(text: str, end: int) -> int:
    """Where the number ending at `end` stops owning the words after it."""
    m = _HEAD_NOUN.match(text, end)
    return m.end() if m else end


@dataclass(frozen=True)
class Classification:
    metric: str
    confidence: float
    cue: str | None


def asides(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ASIDE.finditer(sentence)]


def context_window(sentence: str, span: tuple[int, int],
                   others: list[tuple[int, int]]) -> tuple[int, str]:
    """The part of `sentence` that speaks about the number at `span` (offsets in sentence).

    Returns the window's start offset and its text, with foreign asides blanked to spaces so
    that offsets stay true.
    """
    start, end = span
    own_aside = next(((a, b) for a, b in asides(sentence) if a <= start and end <= b), None)
    if own_aside:
        lo, hi = own_aside
        text = sentence
    else:
        lo, hi = 0, len(sentence)
        text = list(sentence)
        for a, b in asides(sentence):
            text[a:b] = " " * (b - a)
        text = "".join(text)
    for o_start, o_end in others:
        inside = lo <= o_start and o_end <= hi
        blanked = not own_aside and any(a <= o_start and o_end <= b for a, b in asides(sentence))
        if not inside or blanked or (o_start, o_end) == span:
            continue
        if o_end <= start:
            lo = max(lo, min(phrase_end(text, o_end), start))
        elif o_start >= end:
            hi = min(hi, o_start)
    return lo, text[lo:hi]


def _candidates(unit_kind: str | None) -> list[Term]:
    if unit_kind in ("currency", "percent", "duration"):
        return [m for m in METRICS if unit_kind in m.unit_kinds]
    return [m for m in METRICS if m.cues and not m.unit_kinds]


def classify(sentence: str, span: tuple[int, int], language: str, unit_kind: str | None,
             others: list[tuple[int, int]] = ()) -> Classification:
    lo, window = context_window(sentence, span, list(others))
    low = window.lower()
    start, end = span[0] - lo, span[1] - lo
    scores: dict[str, tuple[float, str]] = {}
    for metric in _candidates(unit_kind):
        for cue in metric.cues.get(language, ()) + (metric.cues.get("en", ()) if language != "en"
                                                    else ()):
            for m in re.finditer(re.escape(cue), low):
                if not _word_bounded(low, m.start(), m.end(), language):
                    continue
                distance = max(0, m.start() - end, start - m.end())
                score = 1.0 / (1.0 + distance / PROXIMITY_CHARS)
                if metric.key in ACTION_METRICS:
                    score *= ACTION_WEIGHT
                if score > scores.get(metric.key, (0.0, ""))[0]:
                    scores[metric.key] = (score, cue)
    ranked = sorted(scores.items(), key=lambda kv: kv[1][0], reverse=True)
    if (not ranked or ranked[0][1][0] < MIN_SCORE) and others and unit_kind in (
            "duration", "currency", "percent"):
        # The number's own clause is silent; for a unit that already narrows the metric the
        # sentence may still say what it is ("the delivery period ... 1-2 weeks, to 3-5 days").
        # Bare counts get no such second chance: a stray noun would decide them.
        wider = classify(sentence, span, language, unit_kind, ())
        if wider.metric != "other":
            return Classification(wider.metric, round(wider.confidence * 0.75, 2), wider.cue)
    if not ranked or ranked[0][1][0] < MIN_SCORE:
        single = _candidates(unit_kind)
        if unit_kind == "percent" and len(single) == 1:
            return Classification(single[0].key, 0.5, None)  # a bare percentage is growth
        return Classification("other", 0.2, None)
    best_key, (best, cue) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    confidence = round(min(1.0, best / ACTION_WEIGHT) * best / (best + runner_up), 2)
    return Classification(best_key, max(confidence, 0.3), cue)


def _word_bounded(text: str, start: int, end: int, language: str) -> bool:
    if language == "ko":
        return True  # Korean cues are stems that take particles
    before = text[start - 1] if start > 0 else " "
    return not before.isalpha()
