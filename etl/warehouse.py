"""The warehouse file: where it is, how a new version is built, and how it is swapped in.

DuckDB allows one writing process or many reading ones, never both. So the ETL never writes
the file anyone reads: it builds `.<name>.<pid>.building` beside it, validates it, checkpoints,
closes, and `os.replace`s it over the served file. Readers holding the old file finish
undisturbed; the next connection sees the new data. A killed build leaves only its temp file,
which the next build removes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import filelock
import polars as pl

from .errors import EXIT_LOCKED, CfwatchError
from .vocab import METRIC_OBSERVED_ACTION, SQL_ENUMS, sql_enum

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).resolve().parent / "sql"
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
ENV_WAREHOUSE = "CFWATCH_WAREHOUSE"
# DuckDB spills to disk past this, so a build larger than memory still completes.
BUILD_MEMORY_LIMIT = "3GB"
# Previous warehouse versions kept for `cfwatch etl rollback` (hard links: no copying).
DEFAULT_KEEP_VERSIONS = 3


class LockedError(CfwatchError):
    exit_code = EXIT_LOCKED


def resolve_warehouse(path: str | os.PathLike | None = None) -> Path:
    """--warehouse, else $CFWATCH_WAREHOUSE, else data/warehouse.duckdb in the project."""
    chosen = path or os.environ.get(ENV_WAREHOUSE) or DEFAULT_WAREHOUSE
    return Path(chosen).expanduser().resolve()


def run_log_path(target: Path) -> Path:
    return target.with_name(target.name + ".runs.jsonl")


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def lock_holder(target: Path) -> int | None:
    """Pid of the ETL run holding the writer lock, or None when no live run holds it."""
    holder_file = lock_path(target).with_suffix(".pid")
    try:
        pid = int(holder_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_alive(pid) else None


@contextmanager
def writer_lock(target: Path, wait: bool = False) -> Iterator[None]:
    """One writer at a time. The lock is an flock, so the kernel frees it when its holder
    dies, even by SIGKILL: a killed run never leaves a lock that blocks the next one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(lock_path(target)), timeout=-1 if wait else 0)
    holder_file = lock_path(target).with_suffix(".pid")
    try:
        lock.acquire()
    except filelock.Timeout:
        holder = holder_file.read_text().strip() if holder_file.exists() else "unknown"
        raise LockedError(str(target), f"another ETL run (pid {holder}) holds the lock; "
                                       "try again later or pass --wait") from None
    try:
        holder_file.write_text(str(os.getpid()))
        yield
    finally:
        holder_file.unlink(missing_ok=True)
        lock.release()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete temp files of builds whose process is gone (killed runs)."""
    removed: list[Path] = []
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.(building|swap)(\.wal)?$")
    for path in target.parent.glob(f".{target.name}.*"):
        m = pattern.match(path.name)
        if m and (int(m.group(1)) == os.getpid() or not _pid_alive(int(m.group(1)))):
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
            raise CfwatchError(f"etl/sql/{name}", f"failed: {str(exc).splitlines()[0]}") \
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


def versions_dir(target: Path) -> Path:
    return target.with_name(target.name + ".versions")


def list_versions(target: Path) -> list[Path]:
    """Kept versions, oldest first (names sort by the time they were served from)."""
    folder = versions_dir(target)
    return sorted(folder.glob("*.duckdb")) if folder.is_dir() else []


def keep_version(target: Path, keep: int) -> Path | None:
    """Keep the served warehouse as a version before it is replaced; prune to `keep`."""
    if keep <= 0 or not target.exists():
        return None
    folder = versions_dir(target)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.fromtimestamp(target.stat().st_mtime, dt.timezone.utc)
    kept = folder / f"{stamp:%Y%m%dT%H%M%S%f}-{target.stat().st_ino}.duckdb"
    if not kept.exists():
        try:
            os.link(target, kept)  # the served file is never written again: share it
        except OSError:
            import shutil
            shutil.copy2(target, kept)
    for old in list_versions(target)[:-keep]:
        old.unlink(missing_ok=True)
    return kept


def swap_in(source: Path, target: Path) -> None:
    """Make `source` the served warehouse atomically, leaving `source` where it is."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.swap")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:
        import shutil
        shutil.copy2(source, temp)
    os.replace(temp, target)


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
        remove_stale_builds(self.target)
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


def append_run_log(target: Path, record: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with run_log_path(target).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, default=str) + "\n")


def read_run_log(target: Path) -> list[dict]:
    path = run_log_path(target)
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a run killed mid-write leaves half a line; the rest still counts
    return records


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
