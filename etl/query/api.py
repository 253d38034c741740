"""`connect()`: the warehouse from Python and notebooks.

    from etl import connect

    con = connect()                      # the served warehouse, read-only
    con.sql("SELECT * FROM claims").pl()      # a Polars DataFrame
    con.sql("SELECT * FROM claims").to_arrow_table()  # Arrow (pandas: .df())

Not sandboxed: this is your own Python, which can read your files anyway. Read-only, so it
never changes the warehouse, and it never blocks an ETL run (a run writes a new file and swaps
it in). A connection keeps reading the file it opened: connect again to see a newer build."""

from __future__ import annotations

import os

import duckdb

from etl.paths import resolve_warehouse
from etl.query.connection import QueryError


def connect(warehouse: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the warehouse: `warehouse`, else $CFWATCH_WAREHOUSE,
    else data/warehouse.duckdb in the project. Close it when done (or use `with`).

    Raises QueryError when there is no warehouse there or it cannot be opened."""
    path = resolve_warehouse(warehouse)
    if not path.exists():
        raise QueryError(str(path), "no warehouse here yet; run `cfwatch etl run` first")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise QueryError(str(path), f"cannot open the warehouse: {exc}") from None
