"""`cfwatch export`: every table and view as files any tool reads, swapped in atomically."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from etl.errors import CfwatchError
from etl.query import export as export_module
from etl.query.export import MARKER, export
from tests.conftest import cfwatch, query_rows

# What a Parquet reader of DuckDB 1.x, Spark 3 or an older pyarrow knows (no DuckDB-2-only or
# Parquet-2-only encodings such as DELTA_BINARY_PACKED or BYTE_STREAM_SPLIT).
V1_ENCODINGS = {"PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "RLE", "BIT_PACKED"}


def tables_and_views(warehouse) -> dict[str, int]:
    names = [n for (n,) in query_rows(warehouse, """
        SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL
        SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal""")]
    return {n: query_rows(warehouse, f'SELECT count(*) FROM "{n}"')[0][0] for n in names}


@pytest.fixture(scope="module")
def exported(small_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "parquet"
    run = cfwatch("export", "--out", str(out), "--warehouse", str(small_warehouse))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("exported ") and run.stdout.count("\n") == 1
    return out


def test_every_table_and_view_is_a_parquet_file_pyarrow_and_polars_read(small_warehouse,
                                                                         exported):
    expected = tables_and_views(small_warehouse)
    assert len(expected) > 20
    assert {p.stem for p in exported.glob("*.parquet")} == set(expected)
    for name, rows in expected.items():
        path = exported / f"{name}.parquet"
        assert pq.read_table(path).num_rows == rows, name
        assert pl.read_parquet(path).height == rows, name
    # the counts the export records (and prints) are the rows written
    assert json.loads((exported / MARKER).read_text())["tables"] == expected


def test_parquet_uses_only_version_1_features(exported):
    for path in exported.glob("*.parquet"):
        meta = pq.ParquetFile(path).metadata
        assert meta.format_version == "1.0", path.name
        for group in range(meta.num_row_groups):
            for column in range(meta.num_columns):
                chunk = meta.row_group(group).column(column)
                assert chunk.compression == "SNAPPY", path.name
                assert set(chunk.encodings) <= V1_ENCODINGS, (path.name, chunk.encodings)


def test_readme_documents_every_file_and_column(small_warehouse, exported):
    readme = (exported / "README.md").read_text()
    for name in tables_and_views(small_warehouse):
        assert f"`{name}.parquet`" in readme and f"## {name}" in readme
    for table, column, comment in query_rows(small_warehouse, """
            SELECT table_name, column_name, comment FROM duckdb_columns()
            WHERE schema_name = 'main' AND comment IS NOT NULL"""):
        assert f"| `{column}` |" in readme, (table, column)
        assert comment.replace("|", "\\|").replace("\n", " ") in readme, (table, column)


def test_named_tables_as_csv_replace_an_earlier_export(small_warehouse, exported, tmp_path):
    out = tmp_path / "csv"
    assert cfwatch("export", "--out", str(out), "--warehouse", str(small_warehouse)).returncode == 0
    run = cfwatch("export", "claims", "listings", "--out", str(out), "--format", "csv",
                  "--warehouse", str(small_warehouse))
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "README.md", "claims.csv",
                                                     "listings.csv"]
    [(listings,)] = query_rows(small_warehouse, "SELECT count(*) FROM listings")
    assert pacsv.read_csv(out / "listings.csv").num_rows == listings
    assert pl.read_csv(out / "claims.csv").height == query_rows(
        small_warehouse, "SELECT count(*) FROM claims")[0][0]


def test_unknown_table_or_a_foreign_folder_is_refused_and_nothing_written(small_warehouse,
                                                                          tmp_path):
    out = tmp_path / "out"
    run = cfwatch("export", "nope", "--out", str(out), "--warehouse", str(small_warehouse))
    assert run.returncode == 2 and "nope: no such table or view" in run.stderr
    assert not out.exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("years of work")
    run = cfwatch("export", "--out", str(mine), "--warehouse", str(small_warehouse))
    assert run.returncode == 2 and "not an earlier export" in run.stderr
    assert [p.name for p in mine.iterdir()] == ["thesis.docx"]


def test_a_failed_export_leaves_the_previous_one_whole(small_warehouse, tmp_path, monkeypatch):
    out = tmp_path / "out"
    export(small_warehouse, out, names=["claims"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_readme", broken)  # fails after the data files
    with pytest.raises(CfwatchError, match="No space left"):
        export(small_warehouse, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing left beside it


def test_a_killed_exports_leftovers_are_removed_by_the_next(small_warehouse, tmp_path):
    leftover = tmp_path / ".out.999999999.exporting"
    leftover.mkdir()
    (leftover / "listings.parquet").write_bytes(b"half")
    export(small_warehouse, tmp_path / "out", names=["claims"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.fixture(scope="session")
def duckdb_1(tmp_path_factory):
    """A Python with the registry's DuckDB 1.x, in a venv of its own (about 5 s to make)."""
    venv = tmp_path_factory.mktemp("duckdb1") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps",
                              "duckdb>=1.1,<2"], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    return python


@pytest.mark.slow
def test_duckdb_1_reads_every_exported_file(small_warehouse, exported, duckdb_1):
    code = ("import duckdb, sys, pathlib\n"
            "print(duckdb.__version__)\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.parquet')):\n"
            "    print(p.stem, duckdb.sql('SELECT count(*) FROM read_parquet(?)',"
            " params=[str(p)]).fetchone()[0])\n")
    run = subprocess.run([str(duckdb_1), "-c", code, str(exported)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    version, *counts = run.stdout.splitlines()
    assert version.startswith("1.")
    assert dict(line.rsplit(" ", 1) for line in counts) == {
        name: str(rows) for name, rows in tables_and_views(small_warehouse).items()}
