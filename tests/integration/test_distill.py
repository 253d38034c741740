"""`cfwatch distill` on DuckDB: the layout, a day's atomic replacement, skipping what is
done, resuming after a kill, and loading the result into the warehouse."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from etl.distill.layout import MANIFEST, escape, partition_counts
from etl.listings.dsa_dump import make_dump, rows_per_platform
from etl.paths import dsa_samples
from tests.conftest import ROOT, cfwatch, query_rows

V2 = dsa_samples() / "sor-sample-2025-schema-v2.csv"
DAYS = (dt.date(2024, 3, 14), dt.date(2025, 6, 30), dt.date(2025, 7, 1))


@pytest.fixture(autouse=True)
def need_dsa_samples():
    if not V2.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"DSA sample rows not found in {dsa_samples()}")
        pytest.skip(f"DSA sample rows not present in {dsa_samples()}")


def dumps(folder, rows: int, days=DAYS):
    return [make_dump(folder / d.isoformat(), rows, d, part_rows=max(rows // 3, 1),
                      parts_per_inner=2).path for d in days]


def odd_rows(folder):
    """The real 2025 rows with one duplicate, one row without a mappable decision, one with
    an unknown source type and one with content dated after the decision."""
    path = folder / "sor-global-2025-07-02-full.csv"
    with duckdb.connect() as con:
        con.execute(f"""COPY (
            WITH real AS (SELECT *, row_number() OVER () AS n FROM read_csv(?, all_varchar = true))
            SELECT * EXCLUDE (n) REPLACE (
                CASE WHEN n = 1 THEN NULL ELSE decision_visibility END AS decision_visibility,
                CASE WHEN n = 2 THEN 'SOURCE_CARRIER_PIGEON' ELSE source_type END
                    AS source_type,
                CASE WHEN n = 3 THEN '2026-01-01 00:00:00' ELSE content_date END
                    AS content_date)
            FROM (SELECT * FROM real UNION ALL SELECT * FROM real WHERE n = 5) ORDER BY n
            ) TO '{path}' (HEADER)""", [str(V2)])
    return path


def test_layout_counts_and_columns(tmp_path):
    out = tmp_path / "out"
    result = cfwatch("distill", "--dsa", *map(str, dumps(tmp_path, 1_000)), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "distilled 3 days (3000 statements), 0 already done" in result.stdout
    for day in DAYS:
        folder = out / f"date={day}"
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [MANIFEST] + [f"platform={escape(name)}" for name in rows_per_platform(1_000)])
        assert partition_counts(str(out), day.isoformat()) == rows_per_platform(1_000)
        manifest = json.loads((folder / MANIFEST).read_text())
        assert manifest["rows"] == dict(sorted(rows_per_platform(1_000).items()))
    with duckdb.connect() as con:
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(?, "
            "hive_partitioning = false))",
            [str(out / "*/*/*.parquet")]).fetchall()]
    for wanted in ("uuid", "action", "detected_by", "automated", "ip_relevant", "flagged_at",
                   "actioned_at", "decision_visibility", "decision_ground", "category",
                   "content_type", "automated_detection", "automated_decision", "source_type",
                   "content_date", "application_date", "created_at", "problem",
                   "source_file", "source_row"):
        assert wanted in columns, wanted
    assert "platform" not in columns  # it is the folder


def test_rerun_skips_done_days_and_replaces_a_changed_one_whole(tmp_path):
    out = tmp_path / "out"
    paths = dumps(tmp_path, 600)
    assert cfwatch("distill", "--dsa", *map(str, paths), "--out", str(out)).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = cfwatch("distill", "--dsa", *map(str, paths), "--out", str(out))
    assert "distilled 0 days (0 statements), 3 already done" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before
    # The second day's dump is published again, smaller: only three platforms in it.
    make_dump(tmp_path / DAYS[1].isoformat(), 50, DAYS[1], seed=9, part_rows=20)
    changed = cfwatch("distill", "--dsa", *map(str, paths), "--out", str(out))
    assert "distilled 1 days (50 statements), 2 already done" in changed.stdout
    assert partition_counts(str(out), DAYS[1].isoformat()) == {
        "AliExpress": 20, "Temu": 15, "Amazon Store": 15}
    assert sorted(p.name for p in (out / f"date={DAYS[1]}").iterdir()) == sorted(
        [MANIFEST] + [f"platform={escape(n)}" for n, c in rows_per_platform(50).items() if c])
    assert not [p for p in (out / "_staging").iterdir()]


def test_a_killed_run_resumes_and_ends_as_a_clean_one(tmp_path):
    paths = dumps(tmp_path, 60_000)
    clean, out = tmp_path / "clean", tmp_path / "out"
    assert cfwatch("distill", "--dsa", *map(str, paths), "--out", str(clean)).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "etl", "distill", "--dsa", *map(str, paths),
                             "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out / f"date={DAYS[0]}" / MANIFEST).exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = [d for d in DAYS if (out / f"date={d}" / MANIFEST).exists()]
    assert DAYS[0] in done and len(done) < len(DAYS), "the kill came too late to test resuming"
    resumed = cfwatch("distill", "--dsa", *map(str, paths), "--out", str(out))
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(done)} already done" in resumed.stdout
    for day in DAYS:
        assert partition_counts(str(out), day.isoformat()) == \
            partition_counts(str(clean), day.isoformat())
    assert not list((out / "_staging").iterdir())  # the killed run's work is gone


def test_loading_a_distilled_folder_equals_loading_the_dumps(tmp_path):
    corpus = tmp_path / "none"
    corpus.mkdir()
    inputs = [*map(str, dumps(tmp_path, 900, DAYS[1:])), str(odd_rows(tmp_path))]
    out = tmp_path / "out"
    assert cfwatch("distill", "--dsa", *inputs, "--out", str(out)).returncode == 0
    direct, distilled = tmp_path / "direct.duckdb", tmp_path / "distilled.duckdb"
    first = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(direct),
                    "--platform", "all", "--dsa", *inputs)
    second = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(distilled),
                     "--platform", "all", "--dsa-parquet", str(out))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    # 1,800 generated rows and the 12 odd ones: 4 rejected (read = loaded + rejected)
    assert "read 1,812, loaded 1,808, rejected 4 rows" in first.stdout
    assert "read 1,812, loaded 1,808, rejected 4 rows" in second.stdout
    table = ("SELECT action_id, listing_id, action, detected_by, category, automated, "
             "reason_category, ip_relevant, flagged_at, actioned_at, dataset, platform "
             "FROM enforcement_actions ORDER BY ALL")
    assert query_rows(direct, table) == query_rows(distilled, table)
    reasons = "SELECT reason, count(*) FROM rejects GROUP BY ALL ORDER BY ALL"
    assert query_rows(direct, reasons) == query_rows(distilled, reasons) == [
        ("content_date after application_date", 1),
        ("duplicate uuid (dropped; first occurrence kept)", 1),
        ("no decision that maps to an enforcement action", 1), ("unknown source_type", 1)]
    rows = "SELECT reason, row_number FROM rejects ORDER BY row_number"
    assert query_rows(direct, rows) == query_rows(distilled, rows) == [
        ("no decision that maps to an enforcement action", 1), ("unknown source_type", 2),
        ("content_date after application_date", 3),
        ("duplicate uuid (dropped; first occurrence kept)", 6)]  # a copy of row 5


def test_distill_refuses_a_dump_without_a_date_in_its_name(tmp_path):
    plain = tmp_path / "statements.csv"
    plain.write_text(V2.read_text())
    result = cfwatch("distill", "--dsa", str(plain), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no date in the file name" in result.stderr
