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


# The sandbox's DuckDB limits (the README's "Sandbox limits" table gives the reasons too).
# DuckDB's default is 80% of the machine's memory, for any one ad-hoc query, on a machine shared
# with ETL builds (3 GB) and the dashboard. Past this DuckDB stops the query with an
# out-of-memory error; it cannot spill instead, because the sandbox has no temp directory (it
# writes nothing).
SANDBOX_MEMORY_LIMIT = "1GB"
# One core per ad-hoc query, so that one query never takes the cores the dashboard and the ETL
# need; the metric views answer a dashboard query in tens of milliseconds on one.
SANDBOX_THREADS = 1


def _config(sandbox: bool, timeout_s: float | None) -> dict:
    config: dict = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if timeout_s:
        config["max_execution_time"] = int(timeout_s * 1000)  # milliseconds
    if sandbox:
        config.update({"enable_external_access": False, "allow_community_extensions": False,
                       "memory_limit": SANDBOX_MEMORY_LIMIT, "threads": SANDBOX_THREADS,
                       "temp_directory": ""})
    return config


def _close_file_access(con: duckdb.DuckDBPyConnection) -> None:
    """No local file at all, then lock every setting.

    `enable_external_access = false` still lets a query read the database's own file
    (read_blob, read_text, glob of the warehouse path: DuckDB allows the paths it has open).
    The open database keeps its file handle, so turning the local file system off leaves the
    warehouse's tables readable and every file, the warehouse's included, refused."""
    con.execute("SET disabled_filesystems = 'LocalFileSystem'")
    con.execute("SET lock_configuration = true")



@contextmanager
def connect(path: Path, sandbox: bool = False,
            timeout_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the warehouse."""
    if not Path(path).exists():
        raise QueryError(str(path), "no warehouse here yet; run `cfwatch etl run` first")
    try:
        con = duckdb.connect(str(path), read_only=True, config=_config(sandbox, timeout_s))
    except duckdb.Error as exc:
        raise QueryError(str(path), f"cannot open the warehouse: {first_line(exc)}") from None
    if sandbox:
        try:
            _close_file_access(con)
        except BaseException:
            con.close()
            raise
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
