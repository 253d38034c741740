"""Every dashboard page through streamlit.testing's AppTest: renders, shows what it should,
answers the filters, and keeps every control in the URL."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import polars as pl
import pyarrow as pa
import pytest

from dashboard import data
from dashboard.data import Filters
from tests.conftest import ROOT, query_rows
from tests.dashboard.conftest import APP

ASIAE = "asiae-2023-12-06-aliexpress-korea"
REMOVED = f"{ASIAE}#8"  # 977,151 removed (reviewed)


def chart_rows(at, index: int = 0) -> int:
    chart = at.get("vega_lite_chart")[index]
    return sum(pa.ipc.open_stream(d.data.data).read_all().num_rows
               for d in chart.proto.datasets)


def chart_bytes(at, index: int = 0) -> bytes:
    return b"".join(d.data.data for d in at.get("vega_lite_chart")[index].proto.datasets)


def chart_tables(at, index: int = 0) -> list[pa.Table]:
    return [pa.ipc.open_stream(d.data.data).read_all()
            for d in at.get("vega_lite_chart")[index].proto.datasets]


def go(at, page: str):
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def window(at, start: dt.date, end: dt.date):
    at.sidebar.date_input[0].set_value((start, end)).run()
    assert not at.exception, [e.message for e in at.exception]


def fresh(warehouse, monkeypatch, **query):
    """A new session opened on a link: the app with these query parameters."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    return at


def page_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success")
             for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


CLAIM_WINDOW = (dt.date(2023, 10, 6), dt.date(2023, 12, 5))


def test_overview_cards_say_where_numbers_come_from(app):
    assert [t.value for t in app.title] == ["Overview"]
    labels = [m.label for m in app.metric]
    assert labels[:4] == ["Listings removed", "Stores closed", "Takedown rate",
                          "Median takedown time"]
    captions = " ".join(c.value for c in app.caption)
    assert "observed · " in captions
    assert re.search(r"synthetic-sample: \d\d \w{3} \d{4} \(synthetic\)", captions)
    assert any("Synthetic data" in w.value and "scale 0.01" in w.value for w in app.warning)


def test_the_disputed_budget_shows_every_value_never_one(app):
    card = app.metric[4]
    assert card.label == "Project Clean budget (disputed)"
    assert card.value == "100 bn or 10 bn KRW"  # in the order the source states them
    caption = app.caption[-2].value if "disputed" in app.caption[-2].value else " ".join(
        c.value for c in app.caption)
    assert "100 Billion Won" in caption and "10 billion KRW" in caption
    assert "neither is picked" in caption


def test_overview_numbers_follow_the_window_and_the_claim_window_preset(app):
    before = [m.value for m in app.metric]
    preset = next(b for b in app.sidebar.button if b.label.startswith("Claim window"))
    preset.click().run()
    assert app.sidebar.date_input[0].value == CLAIM_WINDOW
    after = [m.value for m in app.metric]
    assert after[0] != before[0]
    # 1% sample: exactly 1% of the 977,151 claimed removals fall in the claim's window.
    assert int(after[0].replace(",", "")) == round(977_151 * 0.01)
    assert "2023-10-06" in str(app.query_params["from"])  # mirrored into the URL
    assert len(app.get("vega_lite_chart")) == 1  # removals with the milestones


def test_no_change_is_not_an_arrow(app):
    window(app, dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    for m in app.metric[:4]:
        if m.proto.delta in ("+0 h", "+0", "+0.0 pts"):
            pytest.fail(f"{m.label} shows {m.proto.delta} as a change")


def test_filters_persist_across_pages(app):
    window(app, *CLAIM_WINDOW)
    for page in ("takedowns", "stores", "claims", "milestones", "sql", "health", "takedowns"):
        go(app, page)
        assert app.session_state["filters"].start == CLAIM_WINDOW[0]
        assert app.sidebar.date_input[0].value == CLAIM_WINDOW


def test_the_datasets_filter_keeps_its_value_across_page_switches(app):
    chosen = ["synthetic-sample"]
    app.sidebar.multiselect[0].set_value(chosen).run()
    for page in ("takedowns", "stores", "claims", "milestones", "takedowns", "stores",
                 "overview"):
        go(app, page)
        assert app.sidebar.multiselect[0].value == chosen, page


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
    rows = [t for t in chart_tables(app) if "flagged" in t.column_names]
    assert sum(t.num_rows for t in rows[:1]) == 3


def test_takedowns_with_milestones_on_the_axis_labelled_without_overlap(app):
    window(app, dt.date(2023, 9, 1), dt.date(2024, 1, 31))
    go(app, "takedowns")
    titles = set()
    for table in chart_tables(app):
        if "titles" in table.column_names:
            titles |= set(table.column("titles").to_pylist())
    assert any("Project Clean announced" in t for t in titles)
    assert any("National Assembly audit" in t for t in titles)
    assert "strokeDash" in app.get("vega_lite_chart")[0].proto.spec


def test_a_shared_link_restores_the_page_controls(dashboard_warehouse, monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch, grain="month", split="category",
               measure="takedown_rate", **{"from": "2023-09-01", "to": "2024-01-31"})
    at.switch_page("views/takedowns.py").run()
    assert not at.exception
    groups = at.get("button_group")
    assert [g.value for g in groups] == ["month", "category", "takedown_rate"]
    assert at.sidebar.date_input[0].value == (dt.date(2023, 9, 1), dt.date(2024, 1, 31))
    for name, value in (("grain", "month"), ("split", "category"),
                        ("measure", "takedown_rate"), ("from", "2023-09-01")):
        assert value in str(at.query_params[name]), name


def test_stores_page_periods_add_up_to_the_ladder(app):
    go(app, "stores")
    assert [t.value for t in app.title] == ["Stores and penalties"]
    assert len(app.get("vega_lite_chart")) == 3
    funnel_before = chart_bytes(app, 1)
    window(app, dt.date(2024, 4, 17), dt.date(2024, 7, 15))
    assert chart_bytes(app, 1) != funnel_before
    assert any("Partial months" in c.value and "April 2024" in c.value for c in app.caption)


def test_claims_page_shows_status_conflict_sentence_and_evidence(app):
    go(app, "claims")
    assert [t.value for t in app.title] == ["Claims and evidence"]
    assert any("Conflict" in e.value and "100 Billion Won" in e.value for e in app.error)
    table = app.dataframe[0].value
    assert len(table.columns) <= 15  # not a 20-column wall
    removed = table[table["metric"] == "Listings removed"]
    assert len(removed) == 1 and "977,151" in removed["sentence"].iloc[0]
    assert removed["status"].iloc[0] == "reviewed"
    assert removed["from"].iloc[0] == "6 Oct 2023" and removed["to"].iloc[0] == "5 Dec 2023"
    assert "(consistent; 0.01 x claim" in removed["observed"].iloc[0]
    assert "machine-read" in set(table["status"])
    # both tables give the status column room for its longest label, whichever rows come first
    for frame in (app.dataframe[0], app.dataframe[-1]):
        status = json.loads(frame.proto.columns)["status"]
        assert status["width"] >= 8 * len("machine-read")
    # the chance is a machine reading's only: blank for a person's figure, shown as nothing
    # (the table's placeholder), a number everywhere else
    machine = table["status"] == "machine-read"
    chances = table.loc[machine, "chance right"]
    assert chances.between(0, 100).all() and (chances % 1 == 0).all() and chances.max() > 1
    assert table.loc[~machine, "chance right"].isna().all()
    assert not table.drop(columns="chance right").astype(str).isin(
        ["None", "nan", "NaT"]).any().any()
    budget = table[table["metric"] == "Anti-counterfeit budget"]
    assert budget["disputed (every value)"].str.contains("100 Billion Won").all()
    assert budget["disputed (every value)"].str.contains("10 billion KRW").all()
    assert "verified" not in page_text(app).lower()


def test_claimed_against_observed_is_scaled_and_has_a_verdict(app):
    go(app, "claims")
    verdicts = app.dataframe[-1].value
    sample = verdicts[verdicts["dataset"] == "synthetic-sample"]
    assert set(sample["verdict"]) == {"consistent"}
    assert set(sample["scale"]) == {0.01}
    specs = [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]
    assert specs and all("log" not in json.dumps(s) for s in specs)


def test_claims_filters_are_in_the_url(app):
    go(app, "claims")
    app.multiselect(key="claims_metric").set_value(["delivery_time"]).run()
    assert set(app.dataframe[0].value["metric"]) == {"Delivery time"}
    assert "delivery_time" in str(app.query_params["metric"])


def test_a_claim_link_opens_its_evidence_card(dashboard_warehouse, monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch, claim=REMOVED)
    at.switch_page("views/claims.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(h.value.startswith("Evidence: 977,151") for h in at.subheader)
    text = page_text(at)
    assert "**977,151**" in text  # the number highlighted in its sentence
    assert "characters 3474–3481" in text and "The Asia Business Daily" in text
    assert ":green-badge[reviewed]" in text
    assert any(b.label == "Download report (HTML)" for b in at.get("download_button"))
    assert "Machine-read:" not in text  # a person's figure is no reading to doubt


def test_a_machine_figures_card_says_how_often_such_readings_are_right(dashboard_warehouse,
                                                                       monkeypatch):
    machine = data.claims(dashboard_warehouse).filter(pl.col("status") == "machine").row(
        0, named=True)
    at = fresh(dashboard_warehouse, monkeypatch, claim=machine["figure_id"])
    at.switch_page("views/claims.py").run()
    assert not at.exception, [e.message for e in at.exception]
    caption = next(c.value for c in at.caption if c.value.startswith("Machine-read:"))
    assert f"{machine['confidence']:.0%} had the right metric" in caption
    assert f"{machine['window_confidence']:.0%} the right window" in caption


def test_the_card_of_a_disputed_figure_shows_every_value(dashboard_warehouse, monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch, claim=f"{ASIAE}#7")
    at.switch_page("views/claims.py").run()
    assert not at.exception
    disputed = [e.value for e in at.error if e.value.startswith("**Disputed.**")]
    assert disputed and "100 Billion Won" in disputed[0] and "10 billion KRW" in disputed[0]


def test_milestones_open_on_the_latest_measurable_and_measure_it(app):
    go(app, "milestones")
    assert [t.value for t in app.title] == ["Milestones"]
    table = app.dataframe[0].value
    assert len(table) >= 11
    clean = table[table["title"].str.startswith("Project Clean announced")]
    assert clean["title"].str.contains("disputed: 100 Billion Won").all()
    assert not table["title"].str.contains("10 billion KRW budget").any()
    review = json.loads(app.dataframe[0].proto.columns)["review_status"]
    assert review["label"] == "review" and review["width"] >= 8 * len("machine-read")
    pick = app.selectbox(key="milestone_pick")
    assert pick.value.startswith(f"{ASIAE}@")  # a 2023-12-06 milestone, the latest measured
    assert len(app.get("vega_lite_chart")) == 4  # timeline + three measures
    effects = app.dataframe[1].value
    assert set(effects["window_days"]) == {7, 30, 90}


def test_milestone_link_opens_any_and_the_unmeasurable_say_why(dashboard_warehouse,
                                                                 monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch,
               milestone="emerce-2017-09-aliexpress-cto@r9")
    at.switch_page("views/milestones.py").run()
    assert not at.exception
    assert at.selectbox(key="milestone_pick").value == "emerce-2017-09-aliexpress-cto@r9"
    why = " ".join(i.value for i in at.info)
    assert "Not measurable" in why and "before synthetic-sample begins" in why
    assert "dated to the year only" in why


def test_audit_dated_to_the_month_leaves_the_month_out(app):
    go(app, "milestones")
    app.selectbox(key="milestone_pick").set_value(f"{ASIAE}@r1").run()
    effects = app.dataframe[1].value
    seven = effects[effects["window_days"] == 7].iloc[0]
    assert str(seven["before_end"])[:10] == "2023-09-30"
    assert str(seven["after_start"])[:10] == "2023-11-01"
    # The scenario makes takedowns faster after the audit: the page shows it.
    thirty = effects[effects["window_days"] == 30].iloc[0]
    assert thirty["median_hours_after"] < thirty["median_hours_before"]


def test_sql_page_runs_refuses_truncates_and_labels_synthetic(app):
    go(app, "sql")
    app.text_area(key="sql_text").set_value("SELECT metric, count(*) AS n FROM figures "
                                             "GROUP BY metric ORDER BY n DESC").run()
    app.button(key="sql_run").click().run()
    assert not app.error and len(app.dataframe[0].value) >= 5
    assert not any("Synthetic data" in w.value for w in app.warning)  # claims only
    app.text_area(key="sql_text").set_value("SELECT sum(removed) FROM takedown_daily").run()
    app.button(key="sql_run").click().run()
    assert any("Synthetic data" in w.value for w in app.warning)
    assert "takedown_daily" in str(app.query_params["sql"])
    app.text_area(key="sql_text").set_value("COPY figures TO '/tmp/x.csv'").run()
    app.button(key="sql_run").click().run()
    assert any("COPY is not allowed" in e.value for e in app.error)
    app.text_area(key="sql_text").set_value("SELECT * FROM range(20000)").run()
    app.button(key="sql_run").click().run()
    assert any("Truncated" in w.value for w in app.warning)
    docs = app.dataframe[-2].value
    assert "claims_vs_observed" in set(docs["name"])


def test_a_sql_link_reruns_its_query(dashboard_warehouse, monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch, sql="SELECT 41 + 1 AS answer",
               table="figures")
    at.switch_page("views/sql.py").run()
    assert not at.exception
    assert at.text_area(key="sql_text").value == "SELECT 41 + 1 AS answer"
    assert at.dataframe[0].value["answer"].iloc[0] == 42
    assert at.selectbox(key="sql_columns_of").value == "figures"


def test_health_page(app):
    go(app, "health")
    assert [t.value for t in app.title] == ["Data health"]
    runs = app.dataframe[0].value
    assert (runs["status"] == "success").any()
    rejects_by_input = app.dataframe[1].value
    assert rejects_by_input["rejected"].sum() >= 12  # the bad-row fixture
    assert app.metric[0].label == "Warehouse built"


def test_one_colour_means_one_thing_on_every_page(app):
    """Within a page, a colour names one term; a vocabulary term has its vocab colour."""
    from etl import vocab

    known = {}
    for terms in (vocab.DETECTION_SOURCES, vocab.ACTIONS, vocab.MILESTONE_KINDS,
                  vocab.VERDICTS, vocab.EFFECT_WINDOWS):
        for t in terms:
            known.setdefault(t.key, t.colour)
    window(app, dt.date(2023, 9, 1), dt.date(2024, 1, 31))
    for page in ("overview", "takedowns", "stores", "claims", "milestones"):
        go(app, page)
        meaning: dict[str, str] = {}
        for chart in app.get("vega_lite_chart"):
            spec = json.loads(chart.proto.spec)
            for domain, colours in _colour_scales(spec):
                for key, colour in zip(domain, colours, strict=False):
                    assert known.get(key, colour) == colour, (page, key, colour)
                    assert meaning.setdefault(colour, key) == key, (page, colour, key)


def _colour_scales(node):
    if isinstance(node, dict):
        scale = node.get("scale") if node.get("field") else None
        if isinstance(scale, dict) and "domain" in scale and "range" in scale:
            yield scale["domain"], scale["range"]
        for value in node.values():
            yield from _colour_scales(value)
    elif isinstance(node, list):
        for value in node:
            yield from _colour_scales(value)


def test_no_warehouse_explains_itself(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert any("No warehouse" in i.value for i in at.info)


def test_claims_only_warehouse_has_empty_states(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.pipeline import RunOptions, run_etl
    empty = tmp_path / "no-articles"
    empty.mkdir()
    warehouse = tmp_path / "claims-only.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=empty,
                       reviews=tmp_path / "reviews.toml"))
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert any("no listing-level data" in i.value for i in at.info)
    at.switch_page("views/claims.py").run()
    assert not at.exception and len(at.dataframe[0].value) > 5
    assert any("could be checked" in i.value for i in at.info)
    at.switch_page("views/milestones.py").run()
    assert not at.exception


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


def test_a_link_with_a_window_beyond_the_data_opens_on_the_nearest_days(dashboard_warehouse,
                                                                         monkeypatch):
    at = fresh(dashboard_warehouse, monkeypatch, **{"from": "1990-01-01", "to": "2099-12-31"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    start, end = at.sidebar.date_input[0].value
    first, last = query_rows(dashboard_warehouse,
                             "SELECT min(first_day), max(last_day) FROM datasets")[0]
    assert (start, end) == (first - dt.timedelta(days=365), last + dt.timedelta(days=365))
