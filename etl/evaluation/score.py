"""Score the extractor against the labelled corpus: what `cfwatch eval` prints.

Pure: labelled articles in, extractions in, scores out. A labelled figure is *found* when an
extracted figure overlaps its span and reads the same value (durations compared in days, so
"15 minutes" and "0.25 hours" agree, and weights in kilograms). Metric, qualifier and period
accuracy are measured on the found figures; a period is scored wherever the label or the
extractor gives one. Precision is the share of extracted figures that overlap a labelled
figure (a labelled skip, or nothing at all, is a row that is not a figure).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from etl.evaluation.corpus import LabelledArticle, LabelledFigure
from etl.extract.figures import Extraction, Figure
from etl.extract.numbers import IN_BASE_UNITS

# Metrics that count enforcement: a wrong metric on one of these is the worst error.
ENFORCEMENT_METRICS = frozenset({
    "removed_listings", "closed_stores", "seized_items", "seized_value", "enforcement_cases",
    "notices_received", "fines_penalties", "prison_sentence"})
TOLERANCE = 1e-6


def share(part: int, whole: int) -> float:
    """part / whole; a score over nothing is perfect (nothing was got wrong)."""
    return part / whole if whole else 1.0


@dataclass(frozen=True)
class Reading:
    """A number as read: value, bounds and unit (durations in days, weights in kg)."""
    value: float | None
    low: float | None
    high: float | None
    unit: str | None

    def base(self, x: float | None) -> float | None:
        return None if x is None else x * IN_BASE_UNITS.get(self.unit or "", ("", 1))[1]


def readings_agree(want: Reading, got: Reading, bounded: bool) -> bool:
    """The same value; or, for a range or an order of magnitude (`bounded`), both bounds."""
    if got.value is None:
        return False
    if _close(want.base(want.value), got.base(got.value)):
        return True
    return bounded and _close(want.base(want.low), got.base(got.low)) and \
        _close(want.base(want.high), got.base(got.high))


def reading_of(label: LabelledFigure) -> Reading:
    return Reading(label.value, label.value_low, label.value_high, label.unit)


# Qualifiers whose reading is right when both bounds are ("tens of thousands", "5 to 7").
BOUNDED = ("range", "order_of_magnitude")


def same_value(label: LabelledFigure, figure: Figure) -> bool:
    q = figure.quantity
    return readings_agree(reading_of(label), Reading(q.value, q.value_low, q.value_high, q.unit),
                          label.qualifier in BOUNDED)


def window(label: LabelledFigure) -> tuple | None:
    """The labelled window as (start, end), or None when the label gives none."""
    return (label.period_start, label.period_end) if label.period_start else None


def pair_by_span(labels, others: list, span: Callable, same: Callable) -> list[tuple]:
    """Each label (in text order) with the one of `others` it is read as, or None: among the
    unpaired ones whose `span` overlaps it, one that reads the same value (`same`) first,
    then the widest overlap. What the scorer and the agreement between labellers both pair."""
    spans = [span(o) for o in others]
    used: set[int] = set()
    pairs = []
    for label in sorted(labels, key=lambda f: f.char_start):
        overlap = {i: min(label.char_end, end) - max(label.char_start, start)
                   for i, (start, end) in enumerate(spans) if i not in used}
        overlapping = [i for i, n in overlap.items() if n > 0]
        best = max(overlapping, key=lambda i: (same(label, others[i]), overlap[i]),
                   default=None)
        if best is not None:
            used.add(best)
        pairs.append((label, others[best] if best is not None else None))
    return pairs


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a))


@dataclass
class Match:
    label: LabelledFigure
    figure: Figure | None  # the extracted figure that overlaps it, if any
    value_ok: bool


@dataclass
class ArticleScore:
    article: LabelledArticle
    matches: list[Match]
    extracted: list[Figure]
    false_figures: list[Figure]  # extracted rows that are not a labelled figure


def score_article(article: LabelledArticle, extraction: Extraction) -> ArticleScore:
    figures = list(extraction.figures)
    matches = [Match(label, f, f is not None and same_value(label, f)) for label, f in
               pair_by_span(article.figures, figures,
                            lambda f: (f.quantity.char_start, f.quantity.char_end), same_value)]
    labelled_spans = [(f.char_start, f.char_end) for f in article.figures]
    false_figures = [f for f in figures if not any(
        f.quantity.char_start < end and start < f.quantity.char_end
        for start, end in labelled_spans)]
    return ArticleScore(article, matches, figures, false_figures)


def period_of(figure: Figure) -> tuple | None:
    p = figure.period
    return (p.start, p.end) if p is not None and p.start is not None else None


@dataclass
class Scores:
    labelled: int = 0
    found: int = 0
    metric_ok: int = 0
    qualifier_ok: int = 0
    periods_scored: int = 0
    periods_ok: int = 0
    extracted: int = 0
    real: int = 0
    enforcement_wrong: int = 0
    confusion: Counter = field(default_factory=Counter)  # (labelled, extracted) metric pairs

    def add(self, s: ArticleScore) -> None:
        self.labelled += len(s.matches)
        self.extracted += len(s.extracted)
        self.real += len(s.extracted) - len(s.false_figures)
        for m in s.matches:
            if not m.value_ok:
                continue
            self.found += 1
            got = m.figure
            self.confusion[(m.label.metric, got.metric)] += 1
            self.metric_ok += got.metric == m.label.metric
            if m.label.metric in ENFORCEMENT_METRICS and got.metric != m.label.metric:
                self.enforcement_wrong += 1
            self.qualifier_ok += got.quantity.qualifier == m.label.qualifier
            want = window(m.label)
            have = period_of(got)
            if want is not None or have is not None:
                self.periods_scored += 1
                self.periods_ok += want == have

    @property
    def recall(self) -> float:
        return share(self.found, self.labelled)

    @property
    def metric_accuracy(self) -> float:
        return share(self.metric_ok, self.found)

    @property
    def qualifier_accuracy(self) -> float:
        return share(self.qualifier_ok, self.found)

    @property
    def period_accuracy(self) -> float:
        return share(self.periods_ok, self.periods_scored)

    @property
    def precision(self) -> float:
        return share(self.real, self.extracted)


# What the test half must reach (issue 9): `cfwatch eval --check` fails below any of them.
THRESHOLDS = {"recall": 0.97, "metric_accuracy": 0.92, "qualifier_accuracy": 0.95,
              "period_accuracy": 0.90}
# What the test half reaches today, rounded down: tests/integration/test_eval.py fails on any
# regression below them. Metric and period accuracy are still short of THRESHOLDS (test half,
# fifteenth session: metric 0.746, periods 0.685); raise these as the extractor improves, never
# lower them to make a change pass. They were lowered only with the test half itself, when
# articles nobody had tuned for joined it: 12 in the fifth session (on the code before that
# session the 33 scored metric 0.739 and periods 0.681, the 21 alone 0.774 and 0.724), 12 more
# in the ninth (batch E: its 12 scored metric 0.738 and periods 0.547 on the code of the day;
# the 45 score periods 0.652, the 33 alone 0.697), 12 more in the twelfth (batch F: its 12
# scored metric 0.658 and periods 0.637 on the code before that session; the 57 score metric
# 0.729, the 45 alone 0.749). Raised to 0.73 in the thirteenth (the 57 score 0.734). In the
# fifteenth the 57 rose to metric 0.743 and periods 0.696, and 12 more joined (batch G: metric
# 0.758, periods 0.645, real rows 0.927 on the code before they joined); the 69 score metric
# 0.746, periods 0.685 and real rows 0.947, so metric and periods rose and real rows fell.
# In the sixteenth the 69 rose to metric 0.755 and periods 0.700, and 11 more joined (batch H,
# court, police, customs and hearings: metric 0.817, periods 0.710, real rows 0.941 on the
# code before they joined); the 80 score metric 0.765, periods 0.702 and real rows 0.946.
FLOORS = {"recall": 0.97, "metric_accuracy": 0.78, "qualifier_accuracy": 0.95,
          "period_accuracy": 0.70, "precision": 0.94}


def summarise(scores: list[ArticleScore]) -> dict[str, Scores]:
    """Scores per language and over all: {"en": ..., "nl": ..., "ko": ..., "all": ...}."""
    out: dict[str, Scores] = defaultdict(Scores)
    for s in scores:
        out[s.article.language].add(s)
        out["all"].add(s)
    return dict(out)
