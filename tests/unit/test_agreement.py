"""Two labellers compared (`cfwatch eval --agree`): what counts as agreeing on a figure."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.evaluation.agreement import Agreement, compare
from etl.evaluation.corpus import LabelledArticle, LabelledFigure

TEXT = "Customs seized 1,200 watches and 300 bags in 2023; 40% came from China."


def figure(written: str, value: float, metric: str, *, qualifier: str = "exact",
           unit: str | None = None, year: int | None = 2023) -> LabelledFigure:
    start = TEXT.index(written)
    return LabelledFigure(start, start + len(written), written, value, value, value, qualifier,
                          unit, metric, None, None,
                          dt.date(year, 1, 1) if year else None,
                          dt.date(year, 12, 31) if year else None, None, None)


def article(*figures: LabelledFigure, stem: str = "en-x", text: str = TEXT) -> LabelledArticle:
    return LabelledArticle(stem, "dev", text, "en", "2024-01-01", "customs_seizure", "t", "f",
                           figures, ())


def test_identical_labels_agree_on_everything():
    labels = article(figure("1,200", 1200, "seized_items"), figure("300", 300, "seized_items"),
                     figure("40%", 40, "share_percent", unit="percent"))
    a = Agreement()
    a.add(labels, labels)
    assert (a.paired, a.values_same, a.metric_same, a.periods_same) == (3, 3, 3, 3)
    assert a.figure_agreement == a.metric_agreement == a.period_agreement == 1.0
    assert a.metric_kappa == 1.0


def test_disagreements_are_counted_where_they_are():
    first = article(figure("1,200", 1200, "seized_items"), figure("300", 300, "seized_items"),
                    figure("40%", 40, "share_percent", unit="percent"))
    # the second labeller reads 300 as 3,000 (a value disagreement, left out of the metric
    # count), calls 40% a growth, gives it no window, and never labels 1,200
    second = article(figure("300", 3000, "seized_items"),
                     figure("40%", 40, "growth_rate", unit="percent", year=None))
    a = Agreement()
    a.add(first, second)
    assert (a.first, a.second, a.paired, a.values_same) == (3, 2, 2, 1)
    assert a.figure_agreement == pytest.approx(2 * 2 / 5)
    assert a.metric_same == 0 and a.confusion == {("share_percent", "growth_rate"): 1}
    assert (a.periods_scored, a.periods_same) == (1, 0)
    # what --details lists: the pairs read alike whose metric or window differ
    assert [(stem, x.written, x.metric, y.metric) for stem, x, y in a.disagreements] == [
        ("en-x", "40%", "share_percent", "growth_rate")]


def test_kappa_discounts_agreement_that_chance_would_give():
    # both labellers call everything seized_items: raw agreement 1, chance agreement 1
    same = article(figure("1,200", 1200, "seized_items"), figure("300", 300, "seized_items"))
    a = Agreement()
    a.add(same, same)
    assert a.metric_kappa == 1.0
    # half the pairs agree, and a labeller who always says seized_items agrees with the
    # first half the time by chance: kappa 0
    first = article(figure("1,200", 1200, "seized_items"), figure("300", 300, "other"))
    second = article(figure("1,200", 1200, "seized_items"), figure("300", 300, "seized_items"))
    b = Agreement()
    b.add(first, second)
    assert b.metric_agreement == 0.5
    assert b.metric_kappa == pytest.approx(0.0)


def test_compare_groups_by_language_and_refuses_a_different_text():
    first = [article(figure("300", 300, "seized_items"))]
    by_language, unmatched = compare(first, [article(figure("300", 300, "other"), stem="en-y")])
    assert unmatched == ["en-y"] and by_language == {}
    by_language, unmatched = compare(first, first)
    assert set(by_language) == {"en", "all"} and not unmatched
    with pytest.raises(ValueError, match="texts differ"):
        compare(first, [article(text=TEXT + " More.")])
