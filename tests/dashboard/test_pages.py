"""Every dashboard page through streamlit.testing's AppTest: renders, shows what it should,
and answers the filters."""

from __future__ import annotations

import datetime as dt
import os

import pyarrow as pa
import pytest

from dashboard.data import Filters
from tests.conftest import ROOT


def chart_rows(at, index: int = 0) -> int:
    chart = at.get("vega_lite_chart")[index]
    return sum(pa.ipc.open_stream(d.data.data).read_all().num_rows
               for d in chart.proto.datasets)


def chart_bytes(at, index: int = 0) -> bytes:
    return b"".join(d.data.data for d in at.get("vega_lite_chart")[index].proto.datasets)


def go(at, page: str):
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def window(at, start: dt.date, end: dt.date):
    at.sidebar.date_input[0].set_value((start, end)).run()
    assert not at.exception, [e.message for e in at.exception]


CLAIM_WINDOW = (dt.date(2023, 10, 6), dt.date(2023, 12, 5))


def test_overview_cards_say_where_numbers_come_from(app):
    assert [t.value for t in app.title] == ["Overview"]
    labels = [m.label for m in app.metric]
    assert labels == ["Listings removed", "Stores closed", "Takedown rate",
                      "Median time to takedown", "Project Clean budget"]
    assert app.metric[4].value == "10 bn KRW"
    captions = " ".join(c.value for c in app.caption)
    assert "observed · " in captions and "claim · The Asia Business Daily" in captions
    assert any("Synthetic data" in w.value for w in app.warning)


def test_overview_numbers_follow_the_window(app):
    before = [m.value for m in app.metric]
    window(app, *CLAIM_WINDOW)
    after = [m.value for m in app.metric]
    assert after[0] != before[0]
    # 1% sample: about 1% of the 977,151 claimed removals fall in the claim's window.
    removed = int(after[0].replace(",", ""))
    assert 9_000 < removed < 10_500
    assert app.query_params["from"] == "2023-10-06"  # mirrored into the URL


def test_filters_persist_across_pages(app):
    window(app, *CLAIM_WINDOW)
    go(app, "takedowns")
    assert app.session_state["filters"].start == CLAIM_WINDOW[0]
    assert app.sidebar.date_input[0].value == CLAIM_WINDOW


def test_takedowns_chart_changes_with_grain_and_dataset(app):
    go(app, "takedowns")
    assert [t.value for t in app.title] == ["Takedowns"]
    weekly = chart_rows(app)
    app.get("button_group")[0].set_value("day").run()
    daily = chart_rows(app)
    assert daily > weekly > 0
    app.sidebar.multiselect[0].set_value(["import:bad_rows.csv"]).run()
    assert not app.exception
    window(app, dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    # The imported file holds three listing flags in January and February 2024, per day.
    app.get("button_group")[0].set_value("day").run()
    assert chart_rows(app) == 3


def test_takedowns_with_milestones_on_the_axis(app):
    window(app, dt.date(2023, 9, 1), dt.date(2024, 1, 31))
    go(app, "takedowns")
    titles = set()
    for d in app.get("vega_lite_chart")[0].proto.datasets:
        table = pa.ipc.open_stream(d.data.data).read_all()
        if "titles" in table.column_names:
            titles |= set(table.column("titles").to_pylist())
    assert any("Project Clean announced with a 10 billion KRW budget" in t for t in titles)
    assert any("National Assembly audit" in t for t in titles)
    assert "strokeDash" in app.get("vega_lite_chart")[0].proto.spec


def test_stores_page(app):
    go(app, "stores")
    assert [t.value for t in app.title] == ["Stores and penalties"]
    assert len(app.get("vega_lite_chart")) == 3
    funnel_before = chart_bytes(app, 1)
    window(app, *CLAIM_WINDOW)
    assert chart_bytes(app, 1) != funnel_before


def test_claims_page_shows_conflict_sentence_and_evidence(app):
    go(app, "claims")
    assert [t.value for t in app.title] == ["Claims and evidence"]
    assert any("Conflict" in e.value and "100 Billion Won" in e.value for e in app.error)
    table = app.dataframe[0].value
    removed = table[table["metric"] == "removed_listings"]
    assert len(removed) == 1 and "977,151" in removed["sentence"].iloc[0]
    assert removed["status"].iloc[0] == "reviewed"
    beside = table[table["metric"] == "removed_listings"]["observed in the window"].iloc[0]
    assert "(synthetic-sample)" in beside  # the observed count sits beside the claim
    window(app, *CLAIM_WINDOW)
    observed = app.dataframe[1].value
    sample_rows = observed[observed["dataset"] == "synthetic-sample"]
    assert set(sample_rows["metric"]) == {"removed_listings", "closed_stores"}
    assert sample_rows["covered"].all()


def test_claims_filter_by_metric(app):
    go(app, "claims")
    app.multiselect(key="claims_metric").set_value(["delivery_time"]).run()
    assert set(app.dataframe[0].value["metric"]) == {"delivery_time"}


def test_milestones_page_effect_changes_with_selection(app):
    go(app, "milestones")
    assert [t.value for t in app.title] == ["Milestones"]
    assert len(app.dataframe[0].value) >= 11
    assert len(app.get("vega_lite_chart")) >= 1  # the timeline
    pick = app.selectbox(key="milestone_pick")
    audit = next(o for o in pick.options if "National Assembly audit" in o)
    clean = next(o for o in pick.options if "Project Clean" in o)
    pick.set_value(audit).run()
    at_audit = app.dataframe[1].value
    assert set(at_audit["window_days"]) == {7, 30, 90}
    assert (at_audit["dataset"] == "synthetic-sample").all()
    app.selectbox(key="milestone_pick").set_value(clean).run()
    at_clean = app.dataframe[1].value
    assert not at_clean.equals(at_audit)
    # The scenario makes takedowns faster after Project Clean: the page shows it.
    thirty = at_clean[at_clean["window_days"] == 30].iloc[0]
    assert thirty["median_hours_after"] < thirty["median_hours_before"]


def test_sql_page_runs_refuses_and_truncates(app):
    go(app, "sql")
    app.text_area(key="sql_text").set_value("SELECT metric, count(*) AS n FROM figures "
                                             "GROUP BY metric ORDER BY n DESC").run()
    app.button(key="sql_run").click().run()
    assert not app.error and len(app.dataframe[0].value) >= 5
    app.text_area(key="sql_text").set_value("COPY figures TO '/tmp/x.csv'").run()
    app.button(key="sql_run").click().run()
    assert any("COPY is not allowed" in e.value for e in app.error)
    app.text_area(key="sql_text").set_value("SELECT * FROM range(20000)").run()
    app.button(key="sql_run").click().run()
    assert any("Truncated" in w.value for w in app.warning)
    docs = app.dataframe[-2].value
    assert "claims_vs_observed" in set(docs["name"])


def test_health_page(app):
    go(app, "health")
    assert [t.value for t in app.title] == ["Data health"]
    runs = app.dataframe[0].value
    assert (runs["status"] == "success").any()
    rejects_by_input = app.dataframe[1].value
    assert rejects_by_input["rejected"].sum() >= 12  # the bad-row fixture
    assert app.metric[0].label == "Warehouse built"


def test_no_warehouse_explains_itself(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert any("No warehouse" in i.value for i in at.info)


def test_claims_only_warehouse_has_empty_states(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.pipeline import RunOptions, run_etl
    from tests.dashboard.conftest import APP
    empty = tmp_path / "no-articles"
    empty.mkdir()
    warehouse = tmp_path / "claims-only.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=empty))
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert any("no listing-level data" in i.value for i in at.info)
    at.switch_page("views/claims.py").run()
    assert not at.exception and len(at.dataframe[0].value) > 5
    assert any("could be checked" in i.value for i in at.info)


def test_filters_dataclass_previous_window():
    f = Filters(dt.date(2024, 1, 11), dt.date(2024, 1, 20), ("x",))
    assert f.previous() == Filters(dt.date(2024, 1, 1), dt.date(2024, 1, 10), ("x",))


@pytest.mark.parametrize("damage", ["not-duckdb", "bad-checksum"])
@pytest.mark.parametrize("page", ["overview", "claims", "sql", "health"])
def test_an_unreadable_warehouse_says_what_happened_and_what_to_do(
        dashboard_warehouse, tmp_path, monkeypatch, damage, page):
    from streamlit.testing.v1 import AppTest

    data = dashboard_warehouse.read_bytes()
    broken = tmp_path / "warehouse.duckdb"
    broken.write_bytes(os.urandom(len(data)) if damage == "not-duckdb"
                       else data[:4096] + os.urandom(8192) + data[12288:])
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(broken))
    at = AppTest.from_file(str(ROOT / "dashboard" / "views" / f"{page}.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    [error] = at.error
    assert "cannot be read" in error.value and str(broken) in error.value
    assert "cfwatch etl rollback" in error.value and "cfwatch etl run --full" in error.value
