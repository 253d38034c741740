"""`from etl import connect`: the warehouse from Python and notebooks, and the example script
the README points to."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pytest

from etl import connect
from etl.query.connection import QueryError
from tests.conftest import ROOT


def test_connect_reads_the_served_warehouse_into_polars_and_arrow(small_warehouse,
                                                                   monkeypatch):
    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(small_warehouse))
    with connect() as con:
        claims = con.sql("SELECT metric, value FROM claims").pl()
        stores = con.sql("SELECT * FROM stores WHERE store_id = ?",
                         params=["no such store"]).to_arrow_table()
    assert isinstance(claims, pl.DataFrame) and claims.height > 0
    assert isinstance(stores, pa.Table) and stores.num_rows == 0


def test_connect_is_read_only(small_warehouse):
    with connect(small_warehouse) as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM figures")


def test_connect_says_what_to_do_without_a_warehouse(tmp_path):
    with pytest.raises(QueryError, match="cfwatch etl run"):
        connect(tmp_path / "none.duckdb")


def test_the_example_script_runs(small_warehouse):
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "from_python.py"),
                          str(small_warehouse)], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "anti_counterfeit_budget" in run.stdout and "dataset(s), columns: dataset" in run.stdout
