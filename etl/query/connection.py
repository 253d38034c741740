"""Read-only connections to the warehouse, shared by the dashboard, the CLI and tests.

Every connection is short-lived and read-only, so it never blocks the ETL (which writes a
different file and swaps it in)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from etl.errors import CfwatchError


class QueryError(CfwatchError):
    pass


def _config(sandbox: bool, timeout_s: float | None) -> dict:
    config: dict = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if timeout_s:
        config["max_execution_time"] = int(timeout_s * 1000)  # milliseconds
    if sandbox:
        config.update({"enable_external_access": False, "allow_community_extensions": False,
                       "lock_configuration": True})
    return config



@contextmanager
def connect(path: Path, sandbox: bool = False,
            timeout_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the warehouse."""
    if not Path(path).exists():
        raise QueryError(str(path), "no warehouse here yet; run `cfwatch etl run` first")
    try:
        con = duckdb.connect(str(path), read_only=True, config=_config(sandbox, timeout_s))
    except duckdb.Error as exc:
        raise QueryError(str(path), f"cannot open the warehouse: {exc}") from None
    try:
        yield con
    finally:
        con.close()


def read_frame(path: Path, sql: str, params: list | None = None) -> pl.DataFrame:
    """A trusted, parameterised query (dashboard, CLI) on a short-lived read-only connection."""
    with connect(path) as con:
        return con.sql(sql, params=params).pl() if params else con.sql(sql).pl()


def first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
