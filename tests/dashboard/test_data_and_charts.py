"""The dashboard's queries on a hand-checked dataset, and the chart builders as pure functions."""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl
import pytest

from dashboard import charts, data
from dashboard.data import Filters
from tests.conftest import cfwatch

HANDMADE = (
    "listing_id,store_id,category,listed_at,action,detected_by,flagged_at,actioned_at\n"
    "H1,S1,shoes,2023-12-01,listing_removed,mystery_shopper,2023-12-07 00:00:00,2023-12-07 02:00:00\n"
    "H2,S1,shoes,2023-12-01,listing_removed,mystery_shopper,2023-12-07 00:00:00,2023-12-07 04:00:00\n"
    "H3,S2,bags,2023-12-01,listing_removed,consumer_report,2023-12-08 00:00:00,2023-12-08 08:00:00\n"
    "H4,S2,bags,2023-12-01,no_action,consumer_report,2023-12-08 00:00:00,2023-12-09 00:00:00\n"
    ",S1,,,store_warned,platform_review,,2023-12-10\n"
    ",S1,,,store_closed,platform_review,,2023-12-11\n"
    ",S3,,,store_warned,platform_review,,2023-12-12\n")


@pytest.fixture(scope="module")
def handmade(tmp_path_factory):
    base = tmp_path_factory.mktemp("handmade")
    (base / "articles").mkdir()
    feed = base / "handmade.csv"
    feed.write_text(HANDMADE)
    warehouse = base / "warehouse.duckdb"
    result = cfwatch("etl", "run", "--articles", str(base / "articles"), "--warehouse",
                     str(warehouse), "--listings", str(feed))
    assert result.returncode == 0, result.stderr
    return warehouse


WINDOW = Filters(dt.date(2023, 12, 1), dt.date(2023, 12, 31), ("import:handmade.csv",))


def test_kpis(handmade):
    k = data.kpis(handmade, WINDOW)
    assert (k["removed"], k["flagged"], k["closed"]) == (3, 4, 1)
    assert k["takedown_rate"] == pytest.approx(0.75)
    # removals took 2, 4 and 8 hours: the median bucket holds 4 h (within the 9% of a bucket)
    assert k["median_hours"] == pytest.approx(4, rel=0.1)
    empty = data.kpis(handmade, WINDOW.previous())
    assert (empty["removed"], empty["flagged"], empty["takedown_rate"]) == (0, 0, None)


def test_category_filter(handmade):
    shoes = Filters(WINDOW.start, WINDOW.end, WINDOW.datasets, ("shoes",))
    assert data.kpis(handmade, shoes)["flagged"] == 2
    series = data.takedown_series(handmade, shoes, "day", "category")
    assert series["group"].unique().to_list() == ["shoes"]


def test_store_window(handmade):
    funnel, top = data.store_window(handmade, WINDOW)
    assert funnel.to_dicts() == [
        {"step": "listing removed", "stores": 2}, {"step": "warned", "stores": 2},
        {"step": "suspended", "stores": 0}, {"step": "closed", "stores": 1}]
    assert top["store_id"].to_list()[:2] == ["S1", "S2"]
    assert top.row(0, named=True)["listings_removed"] == 2
    assert top.row(0, named=True)["closed"] is True


def test_takedown_series_grains(handmade):
    daily = data.takedown_series(handmade, WINDOW, "day", "detected_by")
    monthly = data.takedown_series(handmade, WINDOW, "month", "detected_by")
    assert daily["flagged"].sum() == monthly["flagged"].sum() == 4
    assert monthly["period"].unique().to_list() == [dt.date(2023, 12, 1)]
    with pytest.raises(ValueError):
        data.takedown_series(handmade, WINDOW, "fortnight", "detected_by")


def _valid(chart) -> dict:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    return spec


def test_partial_periods_are_marked(handmade):
    # The handmade data covers 7 .. 12 December 2023 (its first and last actions): the week
    # of Monday 4 December is cut to 4 days, and so is every period it touches.
    weekly = data.takedown_series(handmade, WINDOW, "week", "dataset")
    first = weekly.sort("period").row(0, named=True)
    assert first["period"] == dt.date(2023, 12, 4) and first["partial"]
    assert (first["days_covered"], first["period_days"]) == (4, 7)
    monthly = data.takedown_series(handmade, WINDOW, "month", "dataset")
    assert monthly["partial"].to_list() == [True]
    assert monthly.row(0, named=True)["days_covered"] == 6  # 7 .. 12 December
    assert "partial" in charts.partial_note(monthly, "month").lower()


def test_periods_add_up_to_the_ladder_for_any_window(handmade):
    cut = Filters(dt.date(2023, 12, 11), dt.date(2023, 12, 31), WINDOW.datasets)
    for grain in ("week", "month"):
        series = data.penalties_series(handmade, cut, grain)
        funnel, _ = data.store_window(handmade, cut)
        ladder = dict(zip(funnel["step"], funnel["stores"], strict=True))
        assert series["closures"].sum() == ladder["closed"] == 1
        assert series["warnings"].sum() == ladder["warned"] == 1  # S3 on the 12th, not S1


def test_milestone_labels_never_overlap():
    day = dt.date(2023, 12, 6)
    milestones = pl.DataFrame({
        "date": [day] * 5 + [day + dt.timedelta(days=n) for n in (1, 2, 3, 40, 41)]
                + [day + dt.timedelta(days=n) for n in (150, 250, 350)],
        "title": [f"A rather long milestone title number {n}" for n in range(13)],
        "kind": ["programme"] * 13, "status": ["announced"] * 13,
        "summary": ["s"] * 13, "publisher": ["p"] * 13})
    shared_a_lane = False
    for span in (10, 60, 400):
        labels = charts.milestone_labels(milestones, day - dt.timedelta(days=5),
                                         day + dt.timedelta(days=span))
        assert labels.filter(pl.col("date") == day)["label"].item().endswith("(+4)")
        placed = labels.filter(pl.col("lane") >= 0)
        for lane in placed["lane"].unique():
            boxes = placed.filter(pl.col("lane") == lane).sort("left_px")
            lefts, rights = boxes["left_px"].to_list(), boxes["right_px"].to_list()
            assert all(lefts[i + 1] > rights[i] for i in range(len(lefts) - 1)), span
            assert min(lefts) >= -1 and max(rights) <= charts.MIN_PLOT_WIDTH + 1
            shared_a_lane |= len(lefts) >= 2
    assert shared_a_lane  # the overlap check above compared labels in one lane


def test_hours_distribution_is_bars_of_doubling_ranges(handmade):
    buckets = data.hours_distribution(handmade, WINDOW)
    assert buckets["removals"].sum() == 3
    spec = _valid(charts.hours_histogram(buckets))
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["x"]["type"] == "ordinal"
    assert {r["range"] for r in spec["datasets"][spec["data"]["name"]]} == {
        "2–4 h", "4–8 h", "8–16 h"}


def test_chart_builders_are_pure_and_valid(handmade):
    series = data.takedown_series(handmade, WINDOW, "day", "detected_by")
    milestones = pl.DataFrame({
        "date": [dt.date(2023, 12, 6), dt.date(2023, 12, 6), dt.date(2024, 5, 1)],
        "title": ["Project Clean", "Mystery shoppers", "Outside"],
        "kind": ["programme", "programme", "policy"], "status": ["announced"] * 3,
        "summary": ["a", "b", "c"], "publisher": ["p"] * 3})
    spec = _valid(charts.takedown_chart(series, milestones, "detected_by",
                                        window=(WINDOW.start, WINDOW.end)))
    titles = [row for ds in spec["datasets"].values() for row in ds if "titles" in row]
    assert titles and titles[0]["label"] == "Project Clean (+1)"  # one label per day
    assert not any(row["date"].startswith("2024-05-01") for row in titles)  # outside: no rule
    _valid(charts.hours_histogram(data.hours_distribution(handmade, WINDOW)))
    _valid(charts.penalties_chart(data.penalties_series(handmade, WINDOW), "month"))
    _valid(charts.removals_chart(data.removals_series(handmade, WINDOW, "day"), milestones,
                                 (WINDOW.start, WINDOW.end)))
    funnel, top = data.store_window(handmade, WINDOW)
    _valid(charts.funnel_chart(funnel))
    _valid(charts.offenders_chart(top))
    _valid(charts.milestone_timeline(data.milestones(handmade)))
    assert series.equals(data.takedown_series(handmade, WINDOW, "day", "detected_by"))


def test_theme_is_registered():
    assert alt.theme.active == "cfwatch"
