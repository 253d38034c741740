"""How often the rules read a figure right, as a chance the warehouse gives each figure.

The rules' own score ranks readings against each other; it is not a chance. What a reviewer
needs is how often a reading like this one was right. This module counts that on the labelled
dev half, per cell, and turns the counts into a chance:

- the metric's chance, by the metric read and the band of the rules' score
  (`figures.confidence`);
- the window's chance, by where the window is stated (vocab.WINDOW_SOURCES) and whether the
  figure was read as `other` (`figures.window_confidence`). A figure with no window is right
  when its label has none either.

A cell of few figures leans on its row (the metric, the window's source), and a row of few on
the whole half: each carries `PRIOR_WEIGHT` figures' worth of the rate above it. The counts
are fitted on the dev half only, by `cfwatch eval --calibrate`, into `measured.py`;
tests/integration/test_eval.py fails when they no longer match what the dev half gives.
The dev half is what the rules were written from, so on unseen text the chances run high:
`cfwatch eval` shows by how much on the test half.
"""

from __future__ import annotations

import bisect
import functools
import pprint
from collections import Counter
from dataclasses import dataclass

from etl.evaluation.score import ArticleScore, period_of, window

# Edges of the bands of the rules' score (a band holds scores from its edge up to the next).
SCORE_BANDS = (0.3, 0.5, 0.7, 0.9)
# How many figures' worth of the rate above it a cell carries: a cell of 3 figures, all right,
# is not 100% sure.
PRIOR_WEIGHT = 10


def metric_cell(metric: str, rule_score: float) -> tuple[str, int]:
    return metric, bisect.bisect_right(SCORE_BANDS, rule_score)


def window_cell(window_from: str, metric: str) -> tuple[str, bool]:
    return window_from, metric == "other"


@dataclass(frozen=True)
class Counts:
    """Found figures and how many of them were right, per cell (row, column)."""
    cells: dict[tuple, tuple[int, int]]

    def chance(self, cell: tuple) -> float:
        half = _rate(*_sum(self.cells.values()), 0.5)
        row = _rate(*_sum(v for k, v in self.cells.items() if k[0] == cell[0]), half)
        return _rate(*self.cells.get(cell, (0, 0)), row)


def _sum(counts) -> tuple[int, int]:
    counts = list(counts)
    return sum(n for n, _ in counts), sum(right for _, right in counts)


def _rate(figures: int, right: int, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (figures + PRIOR_WEIGHT)


def count(scores: list[ArticleScore]) -> tuple[Counts, Counts]:
    """(metric counts, window counts) over the found figures of `scores`."""
    metric: Counter = Counter()
    metric_right: Counter = Counter()
    windows: Counter = Counter()
    windows_right: Counter = Counter()
    for s in scores:
        for m in s.matches:
            if not m.value_ok:
                continue
            f = m.figure
            cell = metric_cell(f.metric, f.confidence)
            metric[cell] += 1
            metric_right[cell] += f.metric == m.label.metric
            cell = window_cell(f.window_from, f.metric)
            windows[cell] += 1
            windows_right[cell] += period_of(f) == window(m.label)
    return (Counts({k: (n, metric_right[k]) for k, n in sorted(metric.items())}),
            Counts({k: (n, windows_right[k]) for k, n in sorted(windows.items())}))


@functools.cache
def metric_chance(metric: str, rule_score: float) -> float:
    """The chance a figure read as `metric` with this score has the right metric."""
    from etl.evaluation.measured import METRIC_COUNTS

    return round(Counts(METRIC_COUNTS).chance(metric_cell(metric, rule_score)), 3)


@functools.cache
def window_chance(window_from: str, metric: str) -> float:
    """The chance a figure's window (or its having none) is right."""
    from etl.evaluation.measured import WINDOW_COUNTS

    return round(Counts(WINDOW_COUNTS).chance(window_cell(window_from, metric)), 3)


# Bands of the chance given, for the table `cfwatch eval` prints (lower edges).
CHANCE_BANDS = (0.0, 0.5, 0.7, 0.8, 0.9)
# Shares of the figures a reviewer goes through, lowest chance first.
REVIEW_SHARES = (0.1, 0.25, 0.5)


@dataclass(frozen=True)
class Judged:
    """A found figure: the chances given to its metric and window, and whether each was
    right."""
    metric_chance: float
    metric_right: bool
    window_chance: float
    window_right: bool

    @property
    def both_chance(self) -> float:
        return self.metric_chance * self.window_chance


def judge(scores: list[ArticleScore]) -> list[Judged]:
    return [Judged(metric_chance(m.figure.metric, m.figure.confidence),
                   m.figure.metric == m.label.metric,
                   window_chance(m.figure.window_from, m.figure.metric),
                   period_of(m.figure) == window(m.label))
            for s in scores for m in s.matches if m.value_ok]


def by_band(judged: list[Judged], chance: str, right: str) -> list[tuple[float, int, float, float]]:
    """(lower edge, figures, mean chance given, share right) per band of the chance given."""
    out = []
    for i, lower in enumerate(CHANCE_BANDS):
        upper = CHANCE_BANDS[i + 1] if i + 1 < len(CHANCE_BANDS) else 1.01
        inside = [j for j in judged if lower <= getattr(j, chance) < upper]
        if inside:
            out.append((lower, len(inside),
                        sum(getattr(j, chance) for j in inside) / len(inside),
                        sum(getattr(j, right) for j in inside) / len(inside)))
    return out


def review_finds(judged: list[Judged]) -> tuple[int, list[tuple[float, int, int]]]:
    """Figures with a wrong metric or window, and for each of REVIEW_SHARES: (share, figures
    reviewed, wrong ones among them), reviewing the lowest chance of both being right first
    (the order of `cfwatch review list`)."""
    ordered = sorted(judged, key=lambda j: j.both_chance)
    wrong = [not (j.metric_right and j.window_right) for j in ordered]
    return sum(wrong), [(s, int(len(ordered) * s), sum(wrong[:int(len(ordered) * s)]))
                        for s in REVIEW_SHARES]


def render(metric: Counts, windows: Counts, articles: int, found: int) -> str:
    """The source of measured.py."""
    return (
        '"""Generated by `cfwatch eval --calibrate` from the dev half\n'
        f'of the labelled corpus ({articles} articles, {found:,} found figures). Do not '
        'edit:\netl/evaluation/reliability.py says what it is, and '
        'tests/integration/test_eval.py fails\nwhen it no longer matches the dev half."""\n\n'
        "# (metric read, band of the rules' score): (found figures, metric right)\n"
        f"METRIC_COUNTS = {pprint.pformat(metric.cells, width=99, sort_dicts=True)}\n\n"
        "# (where the window is stated, read as other): (found figures, window right)\n"
        f"WINDOW_COUNTS = {pprint.pformat(windows.cells, width=99, sort_dicts=True)}\n")
