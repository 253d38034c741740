"""The chances the warehouse gives machine-read figures (etl/claims/chances.py, fitted by
etl/evaluation/reliability.py): how often a reading like each was right, leaning on the rate
above it where a cell is small."""

from __future__ import annotations

import pytest

from etl.claims.chances import PRIOR_WEIGHT, SCORE_BANDS, Counts, metric_cell, window_cell
from etl.evaluation.reliability import Judged, by_band, count, review_finds
from etl.extract.figures import extract
from etl.extract.periods import Published


def test_a_cell_leans_on_its_row_and_a_row_on_the_whole():
    counts = Counts({("seized_items", 3): (90, 90), ("seized_items", 1): (10, 0),
                     ("other", 0): (100, 50)})
    half = (140 + PRIOR_WEIGHT * 0.5) / (200 + PRIOR_WEIGHT)
    row = (90 + PRIOR_WEIGHT * half) / (100 + PRIOR_WEIGHT)
    # a big cell is nearly its own rate, a small one pulled towards its row's
    assert counts.chance(("seized_items", 3)) == pytest.approx(
        (90 + PRIOR_WEIGHT * row) / (90 + PRIOR_WEIGHT))
    assert counts.chance(("seized_items", 1)) == pytest.approx(
        (0 + PRIOR_WEIGHT * row) / (10 + PRIOR_WEIGHT))
    # a band nobody saw is its row's rate; a metric nobody saw, the whole half's
    assert counts.chance(("seized_items", 4)) == pytest.approx(row)
    assert counts.chance(("closed_stores", 2)) == pytest.approx(half)
    assert Counts({}).chance(("other", 0)) == pytest.approx(0.5)


def test_cells_are_the_metric_and_band_and_the_windows_source():
    assert [metric_cell("other", s)[1] for s in (0.2, SCORE_BANDS[0], 0.69, 1.0)] == [0, 1, 2, 4]
    assert window_cell("paragraph", "other") == ("paragraph", True)
    assert window_cell("none", "seized_items") == ("none", False)


def judged(metric_chance, metric_right, window_chance, window_right):
    return Judged(metric_chance, metric_right, window_chance, window_right)


def test_review_order_is_the_chance_both_are_right():
    figures = [judged(0.9, True, 0.9, True),   # 0.81
               judged(0.6, False, 0.9, True),  # 0.54: wrong metric
               judged(0.9, True, 0.5, False),  # 0.45: wrong window
               judged(0.95, True, 0.95, True)]
    wrong, finds = review_finds(figures)
    assert wrong == 2
    # a quarter (one figure) finds the lowest product: the wrong window, not the lower metric
    assert finds[1] == (0.25, 1, 1)
    assert finds[2] == (0.5, 2, 2)


def test_counts_are_tallied_per_cell_of_what_was_read():
    figures = [Judged(0.9, True, 0.8, False, ("seized_items", 3), ("sentence", False)),
               Judged(0.9, False, 0.8, True, ("seized_items", 3), ("none", False)),
               Judged(0.4, True, 0.8, True, ("other", 0), ("none", True))]
    metric, windows = count(figures)
    assert metric.cells == {("other", 0): (1, 1), ("seized_items", 3): (2, 1)}
    assert windows.cells == {("none", False): (1, 1), ("none", True): (1, 1),
                             ("sentence", False): (1, 0)}


def test_bands_say_what_was_given_and_what_was_right():
    figures = [judged(0.95, True, 0.8, True), judged(0.92, False, 0.8, False),
               judged(0.4, False, 0.8, True)]
    bands = by_band(figures, "metric_chance", "metric_right")
    assert [(lower, n) for lower, n, _, _ in bands] == [(0.0, 1), (0.9, 2)]
    assert bands[1][2] == pytest.approx(0.935) and bands[1][3] == pytest.approx(0.5)


@pytest.mark.parametrize("text, expected", [
    ("In 2021 customs seized 1,200 fake bags at the port.", ["sentence"]),
    ("In 2021 customs seized 1,200 fake bags at the port. Officers also arrested 14 people.",
     ["sentence", "paragraph"]),
    ("Customs report\n\nIn 2022 customs seized 5,000 fake bags.\n\n"
     "It seized 5,000 fake bags, the report said.", ["sentence", "article"]),
    ("The agency employs 300 officers.", ["none"]),
])
def test_each_figure_says_where_its_window_is_stated(text, expected):
    figures = extract(text, "en", Published.parse("2023-03-01"), "s").figures
    assert [f.window_from for f in figures] == expected
