"""`cfwatch distill --engine spark` in local mode: the same partitions, rows and counts as the
DuckDB engine on the same small dumps, and a result the warehouse loads. CI installs PySpark
(the `spark` extra) and Java; elsewhere the test is skipped without them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import duckdb
import pytest

from etl.distill.layout import MANIFEST, partition_counts
from etl.listings.dsa_dump import make_dump, rows_per_platform
from etl.paths import dsa_samples
from tests.conftest import cfwatch, query_rows
from tests.integration.test_distill import odd_rows

DAYS = (dt.date(2024, 3, 14), dt.date(2025, 7, 1))
ROWS = 3_000  # a few thousand: Spark's start-up dominates anyway


@pytest.fixture(autouse=True)
def need_spark():
    problems = []
    if not (dsa_samples() / "sor-sample-2025-schema-v2.csv").is_file():
        problems.append(f"DSA sample rows in {dsa_samples()}")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        problems.append("PySpark (pip install -e '.[spark]')")
    if shutil.which("java") is None:
        problems.append("Java (Debian: openjdk-17-jre-headless)")
    if problems:
        if os.environ.get("CI"):
            pytest.fail("the Spark test needs " + ", ".join(problems))
        pytest.skip("needs " + ", ".join(problems))


def _rows(out):
    files = str(out / "date=*" / "platform=*" / "*.parquet")
    with duckdb.connect() as con:
        return con.execute("SELECT * EXCLUDE (source_file) FROM read_parquet(?, "
                           "hive_partitioning = true, hive_types = {'platform': VARCHAR}) "
                           "ORDER BY ALL", [files]).fetchall()


def test_spark_and_duckdb_write_the_same_days(tmp_path):
    inputs = [str(make_dump(tmp_path / d.isoformat(), ROWS, d, part_rows=1_000,
                            parts_per_inner=2).path) for d in DAYS]
    inputs.append(str(odd_rows(tmp_path)))  # problems and a duplicate, 2025-07-02
    spark_out, duck_out = tmp_path / "spark", tmp_path / "duckdb"
    started = time.perf_counter()
    result = cfwatch("distill", "--engine", "spark", "--dsa", *inputs, "--out",
                     str(spark_out), timeout=300)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    print(f"\nSpark local mode: {2 * ROWS + 12:,} statements in {seconds:.1f} s")
    assert cfwatch("distill", "--dsa", *inputs, "--out", str(duck_out)).returncode == 0
    for day in (*DAYS, dt.date(2025, 7, 2)):
        spark_counts = partition_counts(str(spark_out), day.isoformat())
        assert spark_counts == partition_counts(str(duck_out), day.isoformat())
        if day in DAYS:
            assert spark_counts == rows_per_platform(ROWS)
        assert (spark_out / f"date={day}" / MANIFEST).is_file()
    assert _rows(spark_out) == _rows(duck_out)  # every column of every row
    again = cfwatch("distill", "--engine", "spark", "--dsa", *inputs, "--out",
                    str(spark_out), timeout=300)
    assert "3 already done" in again.stdout

    corpus = tmp_path / "none"
    corpus.mkdir()
    warehouse = tmp_path / "w.duckdb"
    loaded = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                     "--platform", "all", "--dsa-parquet", str(spark_out))
    assert loaded.returncode == 0, loaded.stderr
    assert f"read {2 * ROWS + 12:,}, loaded {2 * ROWS + 8:,}, rejected 4 rows" in loaded.stdout
    with duckdb.connect() as con:
        real = {p for (p,) in con.execute("SELECT DISTINCT platform_name FROM read_csv(?)",
                                          [inputs[-1]]).fetchall()}
    platforms = query_rows(warehouse, "SELECT DISTINCT platform FROM enforcement_actions")
    assert {p for (p,) in platforms} == set(rows_per_platform(ROWS)) | real
