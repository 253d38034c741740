"""Reviewing on the Claims page: a decision is appended to the reviews file (never the
warehouse), shown as pending, and applied by the next ETL run."""

from __future__ import annotations

import tomllib

import pytest

from etl.pipeline import RunOptions, run_etl
from tests.conftest import query_rows
from tests.dashboard.conftest import APP

ASIAE = "asiae-2023-12-06-aliexpress-korea"


@pytest.fixture
def reviewed_setup(seed_corpus, tmp_path, monkeypatch):
    reviews = tmp_path / "reviews.toml"
    warehouse = tmp_path / "w.duckdb"
    options = RunOptions(warehouse=warehouse, articles=seed_corpus, reviews=reviews)
    run_etl(options)
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("CFWATCH_REVIEWER", "tester")
    return options


def open_card(figure_id: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["claim"] = figure_id
    at.switch_page("views/claims.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def machine_figure(warehouse) -> tuple[str, str]:
    return query_rows(warehouse, "SELECT figure_id, surface FROM figures WHERE status = "
                                 "'machine' AND source_id = ? ORDER BY char_start LIMIT 1",
                      [ASIAE])[0]


def test_a_decision_is_appended_shown_pending_and_applied_by_the_next_run(reviewed_setup):
    warehouse, reviews = reviewed_setup.warehouse, reviewed_setup.reviews
    figure_id, surface = machine_figure(warehouse)
    before = warehouse.read_bytes()
    at = open_card(figure_id)
    assert ":orange-badge[machine-read]" in " ".join(m.value for m in at.markdown)
    at.radio(key="review_action").set_value("correct")
    at.selectbox(key="review_metric").set_value("share_percent")
    at.text_input(key="review_note").set_value("a share, not a growth rate")
    next(b for b in at.button if b.label == "Append the decision").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("appended" in s.value for s in at.success)
    assert warehouse.read_bytes() == before  # the dashboard never writes the warehouse

    decisions = tomllib.loads(reviews.read_text())["decision"]
    assert len(decisions) == 1
    d = decisions[0]
    assert (d["source"], d["written"], d["action"], d["by"], d["metric"]) == (
        ASIAE, surface, "correct", "tester", "share_percent")
    assert d["note"] == "a share, not a growth rate" and "at" in d

    at = open_card(figure_id)
    assert any("1 review decision(s) pending" in i.value for i in at.info)
    assert any("A decision on this figure is pending: **correct** by tester" in i.value
               for i in at.info)
    pending = at.dataframe[0].value
    assert pending["figure_id"].tolist() == [figure_id]

    run_etl(reviewed_setup)  # the next run applies it
    status = query_rows(warehouse, "SELECT status::VARCHAR, metric::VARCHAR, reviewed_by "
                                   "FROM figures WHERE figure_id = ?", [figure_id])
    assert status == [("reviewed", "share_percent", "tester")]
    at = open_card(figure_id)
    assert not any("pending" in i.value for i in at.info)
    assert ":green-badge[reviewed]" in " ".join(m.value for m in at.markdown)


def test_a_rejected_figure_leaves_the_claims(reviewed_setup):
    warehouse = reviewed_setup.warehouse
    figure_id, _ = machine_figure(warehouse)
    at = open_card(figure_id)
    at.radio(key="review_action").set_value("reject")
    next(b for b in at.button if b.label == "Append the decision").click().run()
    run_etl(reviewed_setup)
    assert query_rows(warehouse, "SELECT count(*) FROM claims WHERE figure_id = ?",
                      [figure_id]) == [(0,)]
    at = open_card(figure_id)
    assert ":gray-badge[rejected]" in " ".join(m.value for m in at.markdown)


def test_an_invalid_correction_is_refused_not_appended(reviewed_setup):
    figure_id, _ = machine_figure(reviewed_setup.warehouse)
    at = open_card(figure_id)
    at.radio(key="review_action").set_value("correct")  # and nothing changed
    next(b for b in at.button if b.label == "Append the decision").click().run()
    assert any("Not appended" in e.value for e in at.error)
    assert not reviewed_setup.reviews.exists()
