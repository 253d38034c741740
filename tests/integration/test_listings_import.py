"""Importing listing-level data: validation, row conservation, idempotency, and the views."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.conftest import FIXTURES, cfwatch, query_rows

BAD_ROWS = FIXTURES / "listings" / "bad_rows.csv"


rows = query_rows


@pytest.fixture
def empty_corpus(tmp_path):
    corpus = tmp_path / "no-articles"
    corpus.mkdir()
    return corpus


def run(warehouse, corpus, *args):
    return cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse), *args)


def test_bad_rows_are_rejected_with_reasons_and_rows_conserved(tmp_path, warehouse, empty_corpus):
    data = tmp_path / "bad_rows.csv"
    shutil.copy(BAD_ROWS, data)
    result = run(warehouse, empty_corpus, "--listings", str(data))
    assert result.returncode == 0, result.stderr
    assert "listing data: read 18, loaded 5, rejected 13 rows" in result.stdout
    got = {r[0]: (r[1], r[2]) for r in rows(
        warehouse, "SELECT row_number, column_name, reason FROM rejects WHERE input = ?",
        [str(data.resolve())])}
    expected = {
        5: ("price", "wrong type: price is not a number"),
        6: ("price", "negative price"),
        9: ("actioned_at", "actioned before flagged"),
        10: ("listing_id", "duplicate listing_id (first at row 1)"),
        11: ("listing_id", "missing required field listing_id"),
        12: ("store_id", "missing required field store_id"),
        15: ("actioned_at", "missing actioned_at for an action"),
        16: ("automated", "wrong type: automated is not true/false"),
    }
    for row, (column, reason) in expected.items():
        assert got[row] == (column, reason), row
    assert got[7][1].startswith("unknown action") and got[8][1].startswith("unknown detected_by")
    assert got[13][1].startswith("unparseable date")
    assert "TOO MANY COLUMNS" in got[14][1]
    assert "INVALID ENCODING" in got[17][1] or "unicode" in got[17][1].lower()
    assert len(got) == 13
    assert rows(warehouse, "SELECT rows_read, rows_loaded, rows_rejected FROM inputs") == [
        (18, 5, 13)]
    assert rows(warehouse, "SELECT count(*) FROM listings") == [(4,)]  # G1 G2 G3 G4
    actions = rows(warehouse, "SELECT action, count(*) FROM enforcement_actions GROUP BY 1 "
                              "ORDER BY 1")
    assert sorted(actions) == [("listing_removed", 1), ("listing_restricted", 1),
                               ("no_action", 1), ("store_warned", 1)]


def test_parquet_import(tmp_path, warehouse, empty_corpus):
    data = tmp_path / "mine.parquet"
    with duckdb.connect() as con:
        con.execute(f"COPY (SELECT 'P' || range AS listing_id, 'S1' AS store_id, "
                    f"TIMESTAMP '2024-03-01' AS listed_at, 'listing_removed' AS action, "
                    f"'mystery_shopper' AS detected_by, TIMESTAMP '2024-03-02' AS flagged_at, "
                    f"TIMESTAMP '2024-03-02 06:00:00' AS actioned_at FROM range(50)) "
                    f"TO '{data}' (FORMAT parquet)")
    result = run(warehouse, empty_corpus, "--listings", str(data))
    assert result.returncode == 0, result.stderr
    assert rows(warehouse, "SELECT sum(flagged), sum(removed), max(median_hours) "
                           "FROM takedown_daily WHERE dataset = 'import:mine.parquet'") == [
        (50, 50, 6.0)]


def test_reimport_is_idempotent_and_updates_replace(tmp_path, warehouse, empty_corpus):
    data = tmp_path / "feed.csv"
    shutil.copy(BAD_ROWS, data)
    assert run(warehouse, empty_corpus, "--listings", str(data)).returncode == 0
    again = run(warehouse, empty_corpus, "--listings", str(data))
    assert again.stdout.startswith("unchanged")
    assert rows(warehouse, "SELECT count(*) FROM listings") == [(4,)]
    # Update one row: the file's rows are replaced, not added to.
    data.write_text(data.read_text(encoding="latin-1").replace("G2,S1,shoes,Acme,12",
                                                               "G2,S1,shoes,Acme,99"),
                    encoding="latin-1")
    updated = run(warehouse, empty_corpus, "--listings", str(data))
    assert updated.returncode == 0, updated.stderr
    assert rows(warehouse, "SELECT count(*), max(price) FROM listings") == [(4, 99.0)]
    assert rows(warehouse, "SELECT count(*) FROM rejects WHERE input = ?",
                [str(data.resolve())]) == [(13,)]
    # A second file adds; the first stays although it is not named again.
    other = tmp_path / "other.csv"
    other.write_text("listing_id,store_id,listed_at\nX1,S9,2024-05-01\n")
    assert run(warehouse, empty_corpus, "--listings", str(other)).returncode == 0
    assert rows(warehouse, "SELECT dataset, count(*) FROM listings GROUP BY 1 ORDER BY 1") == [
        ("import:feed.csv", 4), ("import:other.csv", 1)]


def test_a_failing_file_loses_nothing(tmp_path, warehouse, empty_corpus):
    data = tmp_path / "feed.csv"
    shutil.copy(BAD_ROWS, data)
    assert run(warehouse, empty_corpus, "--listings", str(data)).returncode == 0
    before = rows(warehouse, "SELECT count(*) FROM listings")
    broken = tmp_path / "broken.csv"
    broken.write_text("id,shop\n1,2\n")
    result = run(warehouse, empty_corpus, "--listings", str(broken))
    assert result.returncode == 1
    assert "broken.csv" in result.stderr and "wrong header" in result.stderr
    assert rows(warehouse, "SELECT count(*) FROM listings") == before


def test_views_on_a_hand_checked_dataset(tmp_path, warehouse, empty_corpus):
    """Six flags in the week after the 2023-12-06 press conference, checked by hand."""
    data = tmp_path / "handmade.csv"
    data.write_text(
        "listing_id,store_id,category,listed_at,action,detected_by,flagged_at,actioned_at\n"
        "H1,S1,shoes,2023-12-01,listing_removed,mystery_shopper,2023-12-07 00:00:00,2023-12-07 02:00:00\n"
        "H2,S1,shoes,2023-12-01,listing_removed,mystery_shopper,2023-12-07 00:00:00,2023-12-07 04:00:00\n"
        "H3,S1,shoes,2023-12-01,listing_removed,mystery_shopper,2023-12-07 00:00:00,2023-12-07 10:00:00\n"
        "H4,S2,shoes,2023-12-01,no_action,consumer_report,2023-12-07 00:00:00,2023-12-08 00:00:00\n"
        "H5,S2,bags,2023-12-01,listing_restricted,consumer_report,2023-11-01 00:00:00,2023-11-02 00:00:00\n"
        "H6,S2,bags,2023-12-01,listing_removed,consumer_report,2023-11-01 00:00:00,2023-11-03 00:00:00\n"
        ",S1,,,store_warned,platform_review,,2023-11-15\n"
        ",S1,,,store_closed,platform_review,,2023-12-20\n"
        ",S2,,,store_warned,platform_review,,2023-12-21\n")
    assert run(warehouse, empty_corpus, "--listings", str(data)).returncode == 0
    daily = rows(warehouse, "SELECT day::VARCHAR, category, detected_by::VARCHAR, flagged, "
                            "removed, takedown_rate, median_hours FROM takedown_daily "
                            "ORDER BY ALL")
    assert sorted(daily, key=str) == sorted([
        ("2023-11-01", "bags", "consumer_report", 2, 1, 0.5, 48.0),
        ("2023-12-07", "shoes", "mystery_shopper", 3, 3, 1.0, 4.0),
        ("2023-12-07", "shoes", "consumer_report", 1, 0, 0.0, None)], key=str)
    penalties = rows(warehouse, "SELECT month::VARCHAR, warnings, suspensions, closures, "
                                "repeat_offenders FROM store_penalties_monthly ORDER BY month")
    assert penalties == [("2023-11-01", 1, 0, 0, 0), ("2023-12-01", 1, 0, 1, 1)]
    # The claims' window (2023-10-06 .. 2023-12-05) is not covered by this dataset
    # (it starts 2023-11-02): observed is NULL, not zero.
    observed = rows(warehouse, "SELECT metric, covered, observed_value, verdict FROM "
                               "claims_vs_observed ORDER BY metric")
    assert sorted(observed) == [("closed_stores", False, None, "not_covered"),
                                ("removed_listings", False, None, "not_covered")]
    datasets = rows(warehouse, "SELECT dataset, synthetic, listings FROM datasets")
    assert datasets == [("import:handmade.csv", False, 6)]


def test_claims_vs_observed_counts_the_window(tmp_path, warehouse, empty_corpus):
    data = tmp_path / "window.csv"
    lines = ["listing_id,store_id,listed_at,action,detected_by,actioned_at"]
    lines += [f"W{i},S1,2023-10-01,listing_removed,platform_review,2023-10-{6 + i % 20:02d}"
              for i in range(40)]
    # The window is 2023-10-06 .. 2023-12-05, both days included: the last second of the 5th
    # counts, the press conference day (the 6th) does not.
    lines += ["E1,S1,2023-10-01,listing_removed,platform_review,2023-10-05 23:59:59",
              "E2,S1,2023-10-01,listing_removed,platform_review,2023-12-31",
              "E3,S1,2023-10-01,listing_removed,platform_review,2023-12-05 23:59:59",
              "E4,S1,2023-10-01,listing_removed,platform_review,2023-12-06 00:00:00"]
    data.write_text("\n".join(lines) + "\n")
    # The seed claims are AliExpress's: rows of another or an unknown platform are not theirs.
    assert run(warehouse, empty_corpus, "--listings", str(data),
               "--platform-name", "AliExpress").returncode == 0
    got = rows(warehouse, "SELECT covered, observed_value, scale, expected_value, "
                          "observed_to_expected, verdict FROM claims_vs_observed "
                          "WHERE metric = 'removed_listings'")
    assert got == [(True, 41, 1.0, 977151, 41 / 977151, "below")]
