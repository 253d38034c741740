"""The chances the warehouse gives a machine-read figure: how often a reading like it was right
on the labelled dev half (`figures.confidence` for the metric, `figures.window_confidence` for
the window). Pure lookups of counts fitted by `cfwatch eval --calibrate` into
measured_chances.py; etl/evaluation/reliability.py fits and checks them.

- the metric's chance is counted by the metric read and the band of the rules' score; a
  metric the learned second opinion chose over the rules' (etl/extract/learned.py) is counted
  in a row of its own, `learned`, by the band of the model's probability: its probability is
  not the rules' score, and the two are right at different rates;
- the window's by where the window is stated (vocab.WINDOW_SOURCES) and whether the figure
  was read as `other`. A figure with no window is right when its label has none either.

A cell of few figures leans on its row (the metric, the window's source), and a row of few on
the whole half: each carries `PRIOR_WEIGHT` figures' worth of the rate above it.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

# Edges of the bands of the rules' score (a band holds scores from its edge up to the next).
SCORE_BANDS = (0.3, 0.5, 0.7, 0.9)
# How many figures' worth of the rate above it a cell carries: a cell of 3 figures, all right,
# is not 100% sure.
PRIOR_WEIGHT = 10


def metric_cell(metric: str, rule_score: float, learned: bool = False) -> tuple[str, int]:
    return "learned" if learned else metric, bisect.bisect_right(SCORE_BANDS, rule_score)


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


@functools.cache
def metric_chance(metric: str, rule_score: float, learned: bool = False) -> float:
    """The chance a figure read as `metric` with this score has the right metric."""
    from etl.claims.measured_chances import METRIC_COUNTS

    return round(Counts(METRIC_COUNTS).chance(metric_cell(metric, rule_score, learned)), 3)


@functools.cache
def window_chance(window_from: str, metric: str) -> float:
    """The chance a figure's window (or its having none) is right."""
    from etl.claims.measured_chances import WINDOW_COUNTS

    return round(Counts(WINDOW_COUNTS).chance(window_cell(window_from, metric)), 3)
