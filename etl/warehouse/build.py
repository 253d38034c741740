"""How a new warehouse version is built.

DuckDB allows one writing process or many reading ones, never both. So the ETL never writes
the file anyone reads: it builds `.<name>.<pid>.building` beside it, validates it, checkpoints,
closes, and `os.replace`s it over the served file. Readers holding the old file finish
undisturbed; the next connection sees the new data. A killed build leaves only its temp file,
which the next build removes."""

from __future__ import annotations

import os
import re
import resource
from pathlib import Path

import duckdb
import polars as pl

from etl.errors import CfwatchError, first_line
from etl.faults import as_fault
from etl.vocab import METRIC_OBSERVED_ACTION, SQL_ENUMS, sql_enum
from etl.warehouse.versions import DEFAULT_KEEP_VERSIONS, keep_version

SQL_DIR = Path(__file__).resolve().parent / "sql"


# DuckDB spills to disk past this, so a build larger than memory still completes.
BUILD_MEMORY_LIMIT_MB = 3000
BUILD_MEMORY_LIMIT = f"{BUILD_MEMORY_LIMIT_MB}MB"
# Address space DuckDB maps when it opens a database, before any work: measured with DuckDB
# 2.0, the process's VmSize grows by about 650 MB at connect.
DUCKDB_OPEN_MB = 700
# The smallest address-space limit (ulimit -v) a build accepts. DuckDB, Polars and the Python
# threads reserve far more address space than they touch (an unlimited build of a small
# sample peaks at 2.8 GB of VmSize and 0.3 GB resident). Measured on samples of 0.5 and 2.5
# million listings: from 2.0 GB every run completed (DuckDB given less memory and spilling);
# at 1.9 GB one failed cleanly with DuckDB out of memory; at 1.7 GB one was aborted by Polars'
# allocator and at 1.0-1.2 GB DuckDB's connect crashed (SIGSEGV), neither of which a process
# can report. The Korean analyser (kiwipiepy, loaded when a Korean article has figures) maps
# another 1.3 GB for its model. So below this a build refuses to start, in one line.
KOREAN_ANALYSER_MB = 1536
MIN_ADDRESS_SPACE_MB = 2048 + KOREAN_ANALYSER_MB


def _address_space_mb() -> int:
    """Address space this process already uses (VmSize), in MB; 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def build_memory_limit() -> str:
    """DuckDB's memory_limit for a build: BUILD_MEMORY_LIMIT, or less under an address-space
    limit (ulimit -v): half of what is left once DuckDB is open (it spills past that).

    Raises CfwatchError (exit 1) when the limit is below MIN_ADDRESS_SPACE_MB."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return BUILD_MEMORY_LIMIT
    limit_mb = soft // 2**20
    if limit_mb < MIN_ADDRESS_SPACE_MB:
        raise CfwatchError("memory", (
            f"the address-space limit (ulimit -v) of {limit_mb:,} MB is below the "
            f"{MIN_ADDRESS_SPACE_MB:,} MB a build needs (DuckDB, Polars and their threads "
            "reserve far more address space than they use); raise it or remove it"))
    left = limit_mb - _address_space_mb() - DUCKDB_OPEN_MB - KOREAN_ANALYSER_MB
    return f"{max(64, min(BUILD_MEMORY_LIMIT_MB, left // 2))}MB"


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


def layout_fingerprint() -> str:
    """A hash of the table layout (the schema files and the ENUMs): a warehouse built with
    another layout cannot lend its rows to this build."""
    import hashlib
    return hashlib.sha256("\n".join(sql for _, sql in schema_sql()).encode()).hexdigest()[:16]


def marts_sql() -> list[tuple[str, str]]:
    """(name, sql) of the rollups and views, run after the data is loaded."""
    return [(f"marts/{f.name}", f.read_text())
            for f in sorted((SQL_DIR / "marts").glob("*.sql"))]


# A view column that passes a column through is documented where that column is made; the view
# takes the same text rather than a copy that drifts. The first table listed that has a
# commented column of that name wins; a view's own COMMENT ON COLUMN always wins.
VIEW_COLUMN_DOCS_FROM = {
    "claims": ("figures", "sources"),
    "claims_vs_observed": ("claims", "dataset_coverage"),
    "takedown_daily": ("takedown_daily_rollup",),
    "actions_daily": ("actions_daily_rollup",),
    "store_penalties_monthly": ("store_penalties_rollup",),
    "datasets": ("dataset_coverage",),
}


def document_view_columns(con: duckdb.DuckDBPyConnection) -> None:
    """COMMENT ON every uncommented view column its source column's comment (see above)."""
    def comments(table: str) -> dict[str, str]:
        return dict(con.execute("SELECT column_name, coalesce(comment, '') FROM duckdb_columns() "
                                "WHERE schema_name = 'main' AND table_name = ?",
                                [table]).fetchall())

    for view, sources in VIEW_COLUMN_DOCS_FROM.items():  # in order: claims before its users
        undocumented = {column for column, text in comments(view).items() if not text}
        inherited: dict[str, str] = {}
        for source in sources:
            for column, text in comments(source).items():
                if column in undocumented and text:
                    inherited.setdefault(column, text)
        for column, text in inherited.items():
            con.execute(f'COMMENT ON COLUMN "{view}"."{column}" IS '
                        + "'" + text.replace("'", "''") + "'")


def run_sql_files(con: duckdb.DuckDBPyConnection, files: list[tuple[str, str]]) -> None:
    for name, sql in files:
        try:
            con.execute(sql)
        except duckdb.Error as exc:
            if as_fault(exc, SQL_DIR / name) is not None:
                raise  # a full disk or no memory: said as such by the caller
            raise CfwatchError(f"etl/warehouse/sql/{name}", f"failed: {first_line(exc)}") \
                from None


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Insert dict rows by column name; columns the rows lack stay NULL, and generated ones
    (figures.chance_right) are computed by DuckDB."""
    if not rows:
        return 0
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND NOT is_generated "
        "ORDER BY column_index", [table]).fetchall()]
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

    def __init__(self, target: Path, keep: int = DEFAULT_KEEP_VERSIONS,
                 memory_limit: str = BUILD_MEMORY_LIMIT):
        self.keep = keep
        self.memory_limit = memory_limit
        self.target = target
        self.temp = target.with_name(f".{target.name}.{os.getpid()}.building")
        self.con: duckdb.DuckDBPyConnection | None = None
        self.published = False

    def __enter__(self) -> Build:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.temp), config={"memory_limit": self.memory_limit})
        # DuckDB prints no bar of its own (a job's log is no terminal): etl/progress.py
        # reads its progress and shows it the way the run's output wants.
        self.con.execute("SET enable_progress_bar_print = false")
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
            try:
                self.con.close()
            except duckdb.Error:
                pass  # a connection broken by a full disk: its file goes next anyway
        if not self.published:
            for leftover in (self.temp, self.temp.with_name(self.temp.name + ".wal")):
                leftover.unlink(missing_ok=True)
