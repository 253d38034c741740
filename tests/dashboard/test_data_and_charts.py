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
    assert titles and titles[0]["title"] == "Project Clean (+1)"  # one label per day
    assert not any(row["date"].startswith("2024-05-01") for row in titles)  # outside: no rule
    _valid(charts.hours_histogram(data.hours_distribution(handmade, WINDOW)))
    _valid(charts.penalties_chart(data.penalties_monthly(handmade, WINDOW)))
    funnel, top = data.store_window(handmade, WINDOW)
    _valid(charts.funnel_chart(funnel))
    _valid(charts.offenders_chart(top))
    _valid(charts.milestone_timeline(data.milestones(handmade)))
    assert series.equals(data.takedown_series(handmade, WINDOW, "day", "detected_by"))


def test_theme_is_registered():
    assert alt.theme.active == "cfwatch"
