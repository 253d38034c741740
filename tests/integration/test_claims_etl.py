"""The ETL over real inputs, through the real command line, into a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.pipeline import DEFAULT_CLAIMS, RunOptions, run_etl
from tests.conftest import cfwatch, query_rows

ASIAE = "asiae-2023-12-06-aliexpress-korea"
EMERCE = "emerce-2017-09-aliexpress-cto"


rows = query_rows


def content(warehouse: Path) -> dict:
    """Everything but the run history, for comparing two builds."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("sources", "figures", "figure_conflicts", "figure_skips", "milestones")}


@pytest.fixture
def no_claims(tmp_path: Path) -> Path:
    path = tmp_path / "empty_claims.toml"
    path.write_text("# nothing reviewed\n")
    return path


def test_rule_extraction_finds_the_seed_figures(seed_corpus, warehouse, no_claims):
    """Without any reviewed entry, the rules alone find the headline facts."""
    result = cfwatch("etl", "run", "--articles", str(seed_corpus), "--warehouse", str(warehouse),
                     "--claims", str(no_claims))
    assert result.returncode == 0, result.stderr
    found = dict(rows(warehouse, "SELECT metric, value FROM figures WHERE source_id = ? "
                                 "AND metric IN ('removed_listings', 'closed_stores', "
                                 "'logistics_investment')", [ASIAE]))
    assert found == {"removed_listings": 977151, "closed_stores": 1193,
                     "logistics_investment": 100e9}
    budget = rows(warehouse, "SELECT value FROM figures WHERE source_id = ? AND "
                             "metric = 'anti_counterfeit_budget' ORDER BY char_start", [ASIAE])
    assert budget == [(100e9,), (10e9,)]  # headline, then body
    period = rows(warehouse, "SELECT period_start, period_end, period_precision FROM figures "
                             "WHERE metric = 'removed_listings'")
    assert [(str(a), str(b), c) for a, b, c in period] == [("2023-10-06", "2023-12-06", "day")]
    conflict = rows(warehouse, "SELECT metric, value_a, value_b FROM figure_conflicts")
    assert conflict == [("anti_counterfeit_budget", 100e9, 10e9)]


def test_dutch_figures_with_their_bounds(seed_corpus, warehouse, no_claims):
    result = cfwatch("etl", "run", "--articles", str(seed_corpus), "--warehouse", str(warehouse),
                     "--claims", str(no_claims))
    assert result.returncode == 0, result.stderr
    got = {r[0]: r[1:] for r in rows(
        warehouse, "SELECT metric, value_low, value_high, qualifier FROM figures "
                   "WHERE source_id = ? AND repeat_of IS NULL AND metric <> 'other'", [EMERCE])}
    assert got["products_on_platform"] == (1e7, 1e8, "order_of_magnitude")
    assert got["stores_on_platform"] == (1e4, None, "over")
    assert got["customers"] == (1e8, None, "over")
    assert got["delivery_time"] == (5, 7, "range")
    assert got["sales"] == (pytest.approx(12.6e9), 14e9, "nearly")
    repeats = rows(warehouse, "SELECT count(*) FROM figures WHERE source_id = ? AND "
                              "repeat_of IS NOT NULL", [EMERCE])
    assert repeats == [(2,)]  # "ruim tienduizend winkels en tientallen miljoenen artikelen"


def test_reviewed_claims_are_checked_against_the_text(seed_corpus, warehouse):
    summary = run_etl(RunOptions(warehouse=warehouse, articles=seed_corpus))
    assert summary.rows_read == summary.rows_loaded + summary.rows_rejected == 2
    unchecked = rows(warehouse, "SELECT count(*) FROM figures WHERE text_matched IS NOT TRUE")
    assert unchecked == [(0,)]
    budget = rows(warehouse, "SELECT value, status, method, summary IS NOT NULL FROM figures "
                             "WHERE figure_id = ?", [f"{ASIAE}#7"])
    assert budget == [(10e9, "reviewed", "rule", True)]
    # what no person reviewed stays machine-read, with the confidence it was read with
    unreviewed = rows(warehouse, "SELECT status, confidence IS NOT NULL, count(*) FROM figures "
                                 "WHERE status NOT IN ('reviewed', 'rejected') GROUP BY ALL")
    assert [(status, has_confidence) for status, has_confidence, _ in unreviewed] == \
        [("machine", True)] and unreviewed[0][2] >= 10
    milestones = rows(warehouse, "SELECT kind, status, date, method FROM milestones "
                                 "WHERE review_status = 'reviewed' ORDER BY date")
    kinds = {(k, s) for k, s, _, _ in milestones}
    assert ("hearing", "held") in kinds and ("logistics", "under_review") in kinds
    assert len(milestones) == 11
    sentences = rows(warehouse, "SELECT sentence FROM figures WHERE figure_id = ?",
                     [f"{ASIAE}#8"])
    assert "977,151" in sentences[0][0]


def test_fresh_clone_without_articles_has_every_reviewed_claim(tmp_path, warehouse):
    empty = tmp_path / "no-articles"
    empty.mkdir()
    result = cfwatch("etl", "run", "--articles", str(empty), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    reviewed = len(__import__("tomllib").loads(DEFAULT_CLAIMS.read_text())["figure"])
    got = rows(warehouse, "SELECT count(*), count(*) FILTER (WHERE text_matched IS NOT NULL), "
                          "count(*) FILTER (WHERE status = 'reviewed'), count(sentence) "
                          "FROM figures")
    assert got == [(reviewed, 0, reviewed, 0)]
    assert rows(warehouse, "SELECT DISTINCT text_status FROM sources") == [("absent",)]
    # The headline conflict is known from the reviewed entries alone.
    assert rows(warehouse, "SELECT count(*) FROM figure_conflicts") == [(1,)]


def test_own_articles_in_three_languages(own_corpus, warehouse, no_claims):
    result = cfwatch("etl", "run", "--articles", str(own_corpus), "--warehouse", str(warehouse),
                     "--claims", str(no_claims))
    assert result.returncode == 0, result.stderr
    got = {(r[0], r[1]): r[2:] for r in rows(
        warehouse, "SELECT source_id, metric, value, qualifier, period_start::VARCHAR "
                   "FROM figures WHERE source_id LIKE 'own-%'")}
    assert got[("own-en", "removed_listings")] == (2.4e6, "over", "2024-01-01")
    assert got[("own-en", "closed_stores")] == (3210, "exact", "2024-01-15")
    assert got[("own-en", "anti_counterfeit_budget")] == (12e6, "exact", "2024-01-15")
    assert got[("own-nl", "removed_listings")] == (240000, "nearly", "2023-12-01")
    # "Daarnaast werden ruim duizend winkels gesloten": the paragraph's window carries over
    assert got[("own-nl", "closed_stores")] == (1000, "over", "2023-12-01")
    assert got[("own-ko", "removed_listings")] == (123456, "exact", "2024-03-20")
    assert got[("own-ko", "closed_stores")] == (350, "exact", "2024-03-20")  # "또한 ...": carried
    assert got[("own-ko", "anti_counterfeit_budget")][0] == 5e9


def test_unregistered_article_loads_with_detected_language(tmp_path, warehouse, no_claims):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "loose_note.txt").write_text(
        "Het platform heeft vorige maand 5.000 namaakproducten verwijderd en dat is veel.")
    result = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                     "--claims", str(no_claims))
    assert result.returncode == 0, result.stderr
    assert rows(warehouse, "SELECT language, published FROM sources WHERE source_id = "
                           "'loose_note'") == [("nl", None)]
    # No publication date: "vorige maand" stays text, never guessed.
    assert rows(warehouse, "SELECT value, period_start, period_precision FROM figures WHERE "
                           "source_id = 'loose_note'") == [(5000, None, "unknown")]


def test_two_runs_give_the_same_content(seed_corpus, warehouse):
    args = ("etl", "run", "--articles", str(seed_corpus), "--warehouse", str(warehouse))
    assert cfwatch(*args).returncode == 0
    first = content(warehouse)
    again = cfwatch(*args)  # nothing changed: a no-op that leaves the file alone
    assert again.returncode == 0 and again.stdout.startswith("unchanged")
    full = cfwatch(*args, "--full")  # a real rebuild from the same inputs
    assert full.returncode == 0 and full.stdout.startswith("read 2")
    assert content(warehouse) == first
    statuses = rows(warehouse, "SELECT status FROM etl_runs ORDER BY started_at")
    assert statuses == [("success",), ("unchanged",), ("success",)]


def test_every_table_view_and_column_is_documented(seed_corpus, warehouse):
    run_etl(RunOptions(warehouse=warehouse, articles=seed_corpus))
    missing = rows(warehouse, "SELECT table_name, column_name FROM duckdb_columns() WHERE "
                              "schema_name = 'main' AND NOT internal AND "
                              "coalesce(comment, '') = ''")
    assert missing == []
    undocumented = rows(warehouse, "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL "
                                   "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT "
                                   "internal AND comment IS NULL")
    assert undocumented == []


def test_warehouse_from_environment_variable(tmp_path, seed_corpus):
    target = tmp_path / "env" / "w.duckdb"
    result = cfwatch("etl", "run", "--articles", str(seed_corpus),
                     env={"CFWATCH_WAREHOUSE": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists() and str(target) in result.stdout
