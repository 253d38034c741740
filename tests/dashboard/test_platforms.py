"""Platforms: the comparison query on hand-checked rows, the sidebar filter kept in the URL,
and the side-by-side page on a dump of ten platforms."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from dashboard import charts, data
from dashboard.data import Filters
from etl.listings.dsa_dump import make_dump, rows_per_platform
from etl.paths import dsa_samples
from tests.conftest import cfwatch, query_rows
from tests.dashboard.conftest import APP
from tests.dashboard.test_pages import chart_rows

HANDMADE = (
    "listing_id,store_id,category,listed_at,action,detected_by,flagged_at,actioned_at,platform\n"
    "P1,S1,shoes,2024-05-01,listing_removed,rights_holder_notice,2024-05-02 00:00:00,2024-05-02 02:00:00,Alpha\n"
    "P2,S1,shoes,2024-05-01,no_action,rights_holder_notice,2024-05-02 00:00:00,2024-05-02 03:00:00,Alpha\n"
    "P3,S2,bags,2024-05-01,listing_removed,consumer_report,2024-05-03 00:00:00,2024-05-03 08:00:00,Beta\n"
    "P4,S3,bags,2024-05-01,listing_removed,consumer_report,2024-05-03 00:00:00,2024-05-03 08:00:00,\n")
DAY = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def platforms_warehouse(tmp_path_factory):
    """Hand-made rows of three platforms (one from --platform-name) and a ten-platform dump."""
    if not (dsa_samples() / "sor-sample-2025-schema-v2.csv").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"DSA sample rows not found in {dsa_samples()}")
        pytest.skip(f"DSA sample rows not present in {dsa_samples()}")
    base = tmp_path_factory.mktemp("platforms")
    (base / "articles").mkdir()
    feed = base / "handmade.csv"
    feed.write_text(HANDMADE)
    dump = make_dump(base / "dump", 2_000, DAY, part_rows=1_000)
    warehouse = base / "warehouse.duckdb"
    result = cfwatch("etl", "run", "--articles", str(base / "articles"), "--warehouse",
                     str(warehouse), "--listings", str(feed), "--platform-name", "Gamma",
                     "--dsa", str(dump.path), "--platform", "all")
    assert result.returncode == 0, result.stderr
    return warehouse


HAND = Filters(dt.date(2024, 5, 1), dt.date(2024, 5, 31), ("import:handmade.csv",))


def test_comparison_counts_rates_and_medians_per_platform(platforms_warehouse):
    rows = {r["platform"]: r for r in
            data.platform_comparison(platforms_warehouse, HAND).to_dicts()}
    assert set(rows) == {"Alpha", "Beta", "Gamma"}  # Gamma: the row without a platform
    alpha, beta = rows["Alpha"], rows["Beta"]
    assert (alpha["statements"], alpha["ip_statements"], alpha["flagged"], alpha["removed"]) \
        == (2, 2, 2, 1)
    assert alpha["takedown_rate"] == pytest.approx(0.5)
    assert alpha["median_hours"] == pytest.approx(2, rel=0.1)  # one removal, after 2 h
    assert beta["takedown_rate"] == pytest.approx(1.0)
    assert beta["median_hours"] == pytest.approx(8, rel=0.1)
    only_beta = Filters(HAND.start, HAND.end, HAND.datasets, platforms=("Beta",))
    assert data.platform_comparison(platforms_warehouse, only_beta)["platform"].to_list() == [
        "Beta"]
    assert data.kpis(platforms_warehouse, only_beta)["removed"] == 1


def test_dump_platforms_in_their_proportions(platforms_warehouse):
    window = Filters(DAY - dt.timedelta(days=60), DAY, (f"dsa:{DAY}",))  # acted on before the dump
    compared = data.platform_comparison(platforms_warehouse, window)
    assert dict(zip(compared["platform"], compared["statements"], strict=True)) == \
        rows_per_platform(2_000)
    assert compared["ip_statements"].sum() > 0
    assert compared["takedown_rate"].max() == 0  # nothing flagged in the window: no rate yet
    for measure in range(len(charts.PLATFORM_MEASURES)):
        spec = charts.platform_chart(compared, measure).to_dict()  # valid Vega-Lite
        assert spec["width"] == "container" and len(spec["layer"]) == 2
        # room past the longest bar for its label; an all-zero measure keeps Vega's own axis
        largest = compared[charts.PLATFORM_MEASURES[measure][0]].max()
        x = spec["layer"][0]["encoding"]["x"]
        assert x["scale"]["domain"][1] > largest if largest else "scale" not in x


def test_platforms_page_filter_and_url(platforms_warehouse, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(platforms_warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("views/platforms.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Platforms"]
    at.sidebar.multiselect[0].set_value([f"dsa:{DAY}"]).run()
    at.sidebar.date_input[0].set_value((DAY - dt.timedelta(days=60), DAY)).run()
    assert chart_rows(at) == len(rows_per_platform(2_000))
    assert len(at.dataframe[0].value) == 10
    picker = at.sidebar.multiselect(key="url_platform")
    picker.set_value(["AliExpress", "Temu"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["platform"]) == {"AliExpress", "Temu"}
    assert at.query_params["platform"] == ["AliExpress", "Temu"]  # shareable by link


def test_platform_in_the_url_selects_it(platforms_warehouse, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(platforms_warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["platform"] = ["Beta"]
    at.query_params["dataset"] = ["import:handmade.csv"]
    at.query_params["from"] = "2024-05-01"
    at.query_params["to"] = "2024-05-31"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.sidebar.multiselect(key="url_platform").value == ["Beta"]
    assert at.metric[0].value == "1"  # Beta's one removal, not all three


def test_synthetic_rows_are_never_added_to_real_ones(dashboard_warehouse):
    datasets = tuple(r[0] for r in query_rows(dashboard_warehouse,
                                              "SELECT dataset FROM datasets ORDER BY 1"))
    everything = Filters(dt.date(2000, 1, 1), dt.date(2030, 12, 31), datasets)
    statements = dict(data.platform_comparison(dashboard_warehouse, everything)
                      .select("platform", "statements").iter_rows())
    real, synthetic = query_rows(dashboard_warehouse, """
        SELECT sum(a.actions) FILTER (WHERE NOT d.synthetic)::INT,
               sum(a.actions) FILTER (WHERE d.synthetic)::INT
        FROM actions_daily AS a JOIN datasets AS d USING (dataset)
        WHERE a.platform = 'AliExpress'""")[0]
    assert real > 0 and synthetic > 0  # both kinds of AliExpress rows are in the warehouse
    assert (statements["AliExpress"], statements["AliExpress (synthetic sample)"]) == (
        real, synthetic)
