"""How a new warehouse version is built.

DuckDB allows one writing process or many reading ones, never both. So the ETL never writes
the file anyone reads: it builds `.<name>.<pid>.building` beside it, validates it, checkpoints,
closes, and `os.replace`s it over the served file. Readers holding the old file finish
undisturbed; the next connection sees the new data. A killed build leaves only its temp file,
which the next build removes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import polars as pl

from etl.errors import CfwatchError
from etl.vocab import METRIC_OBSERVED_ACTION, SQL_ENUMS, sql_enum
from etl.warehouse.versions import DEFAULT_KEEP_VERSIONS, keep_version

SQL_DIR = Path(__file__).resolve().parent / "sql"


# DuckDB spills to disk past this, so a build larger than memory still completes.
BUILD_MEMORY_LIMIT = "3GB"


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete the temp files of builds and swaps that were killed.

    Call it only while holding the writer lock: then no other build or swap is running, so
    every such file is stale. (Asking whether the pid in its name is alive is not enough: on
    a busy machine a killed run's pid is soon another process's.)"""
    removed: list[Path] = []
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.(building|swap)(\.wal)?$")
    for path in target.parent.glob(f".{target.name}.*"):
        if pattern.match(path.name):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def schema_sql() -> list[tuple[str, str]]:
    """(name, sql) of the table definitions in order, the ENUM types first (from etl/vocab.py)."""
    types = "\n".join(f"CREATE TYPE {name} AS ENUM {sql_enum(terms)};"
                      for name, terms in SQL_ENUMS.items())
    pairs = ", ".join(f"('{m}', '{a}')" for m, a in METRIC_OBSERVED_ACTION.items())
    types += f"""
CREATE TABLE metric_actions AS SELECT metric::metric_t AS metric, action::action_t AS action
    FROM (VALUES {pairs}) t(metric, action);
COMMENT ON TABLE metric_actions IS
    'Which observed action a claimed metric is checked against (etl/vocab.py).';
COMMENT ON COLUMN metric_actions.metric IS 'A claimed metric.';
COMMENT ON COLUMN metric_actions.action IS 'The enforcement action that counts it.';
"""
    return [("types (etl/vocab.py)", types)] + [
        (f"schema/{f.name}", f.read_text()) for f in sorted((SQL_DIR / "schema").glob("*.sql"))]


def marts_sql() -> list[tuple[str, str]]:
    """(name, sql) of the rollups and views, run after the data is loaded."""
    return [(f"marts/{f.name}", f.read_text())
            for f in sorted((SQL_DIR / "marts").glob("*.sql"))]


def run_sql_files(con: duckdb.DuckDBPyConnection, files: list[tuple[str, str]]) -> None:
    for name, sql in files:
        try:
            con.execute(sql)
        except duckdb.Error as exc:
            raise CfwatchError(f"etl/warehouse/sql/{name}", f"failed: {str(exc).splitlines()[0]}") \
                from None


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Insert dict rows by column name; columns the rows lack stay NULL."""
    if not rows:
        return 0
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        [table]).fetchall()]
    frame = pl.DataFrame([{c: row.get(c) for c in columns} for row in rows],
                         infer_schema_length=None)
    con.register("incoming_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
    return len(rows)


class Build:
    """A new warehouse version under construction. `publish()` swaps it in; leaving the
    `with` block without publishing (or with an exception) deletes it."""

    def __init__(self, target: Path, keep: int = DEFAULT_KEEP_VERSIONS):
        self.keep = keep
        self.target = target
        self.temp = target.with_name(f".{target.name}.{os.getpid()}.building")
        self.con: duckdb.DuckDBPyConnection | None = None
        self.published = False

    def __enter__(self) -> Build:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.temp), config={"memory_limit": BUILD_MEMORY_LIMIT})
        self.con.execute("SET enable_progress_bar = false")  # a job's log is no terminal
        run_sql_files(self.con, schema_sql())
        return self

    def publish(self) -> None:
        assert self.con is not None
        self.con.execute("CHECKPOINT")
        self.con.close()
        self.con = None
        keep_version(self.target, self.keep)
        os.replace(self.temp, self.target)
        self.published = True

    def __exit__(self, *exc) -> None:
        if self.con is not None:
            self.con.close()
        if not self.published:
            for leftover in (self.temp, self.temp.with_name(self.temp.name + ".wal")):
                leftover.unlink(missing_ok=True)
