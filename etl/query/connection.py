"""Read-only connections to the warehouse, shared by the dashboard, the CLI and tests.

Every connection is short-lived and read-only, so it never blocks the ETL (which writes a
different file and swaps it in)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from etl.errors import CfwatchError, first_line


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


def _open_allowing(path: Path, config: dict,
                   allowed_dirs: tuple[Path, ...]) -> duckdb.DuckDBPyConnection:
    """A sandbox that may also read under `allowed_dirs` (`cfwatch sql --allow`, never the
    dashboard). DuckDB takes allowed_directories only once the database is open, so the
    connection opens with external access on, is given the folders, and is then closed
    around them (external access off, configuration locked) before any query runs. The local
    file system stays on for those folders, so here the warehouse's own file can be read as
    bytes too (DuckDB allows the file it has open); it holds nothing its tables do not show."""
    opening = {k: v for k, v in config.items() if k != "enable_external_access"}
    con = duckdb.connect(str(path), read_only=True, config=opening)
    try:
        con.execute("SET allowed_directories = ?",
                    [[str(Path(d).resolve()) + "/" for d in allowed_dirs]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con

def _close_file_access(con: duckdb.DuckDBPyConnection) -> None:
    """No local file at all, then lock every setting.

    `enable_external_access = false` still lets a query read the database's own file
    (read_blob, read_text, glob of the warehouse path: DuckDB allows the paths it has open).
    The open database keeps its file handle, so turning the local file system off leaves the
    warehouse's tables readable and every file, the warehouse's included, refused."""
    con.execute("SET disabled_filesystems = 'LocalFileSystem'")
    con.execute("SET lock_configuration = true")



@contextmanager
def connect(path: Path, sandbox: bool = False, timeout_s: float | None = None,
            allowed_dirs: tuple[Path, ...] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the warehouse. `allowed_dirs` (sandbox only)
    are folders whose files queries may read."""
    if not Path(path).exists():
        raise QueryError(str(path), "no warehouse here yet; run `cfwatch etl run` first")
    config = _config(sandbox, timeout_s)
    try:
        if sandbox and allowed_dirs:
            con = _open_allowing(path, config, allowed_dirs)
        else:
            con = duckdb.connect(str(path), read_only=True, config=config)
    except duckdb.Error as exc:
        raise QueryError(str(path), f"cannot open the warehouse: {first_line(exc)}") from None
    if sandbox and not allowed_dirs:
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
