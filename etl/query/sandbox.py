"""The sandbox for ad-hoc SQL (`cfwatch sql`, the dashboard's SQL page).

Belt and braces: a statement-type allowlist gives clear messages, and the connection itself is
configured so that even a statement the allowlist let through cannot touch files, the network
or extensions, nor change settings (etl/query/connection.py).

Limits that DuckDB cannot enforce from inside are enforced from outside: the query runs in a
worker process that is killed at the deadline or when its memory passes a cap. DuckDB's
interrupt is only looked at between chunks of work, and its memory_limit only covers memory it
manages, so `SELECT length(repeat('x', 4000000000))` would otherwise run for a minute and take
8 GB, however short the time limit.
"""

from __future__ import annotations

import importlib
import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from etl.errors import CfwatchError
from etl.query.connection import QueryError, connect, first_line

DEFAULT_MAX_ROWS = 10_000


DEFAULT_TIMEOUT_S = 5.0


# The worker process is killed when its resident memory passes this. DuckDB's memory_limit
# (SANDBOX_MEMORY_LIMIT, 1 GB) does not cover every allocation: a huge string from repeat() is
# built outside it. 1.5 GB leaves room for the worker itself (~100 MB) and the result.
MAX_WORKER_MEMORY_MB = 1536
# How long after the time limit an unanswered worker is killed. The worker interrupts its own
# query at the limit; this only catches a single function call that does not look at the
# interrupt until it returns, and covers the worker's start (about 0.3 s on an idle machine).
KILL_GRACE_S = 2.0
# The largest result a query may hand back (10,000 rows of a few KB each fit easily).
MAX_RESULT_BYTES = 256 * 1024 * 1024
# How often the waiting side looks at the worker's memory and the clock.
_WATCH_S = 0.05


ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}


_READ_ONLY = "the warehouse is read-only here (SELECT and EXPLAIN only)"
_NO_FILES = "the sandbox has no file access"
_NO_EXTENSIONS = "no extensions in the sandbox"
_NO_STATE = "each sandbox query runs on its own; write the query itself"
# Why a statement is refused, by its leading words: the statement type alone misleads (USE
# parses as SET, CHECKPOINT as CALL, IMPORT DATABASE as PRAGMA, and a PIVOT without an IN list
# as several statements). The longest matching prefix wins.
_REFUSED_WHY = {
    ("USE",): "USE is not allowed: the sandbox reads one database, the warehouse, whose "
              "tables are in main",
    ("CHECKPOINT",): f"CHECKPOINT is not allowed: {_READ_ONLY}; each build is checkpointed "
                     "when it is made",
    ("FORCE", "CHECKPOINT"): f"CHECKPOINT is not allowed: {_READ_ONLY}; each build is "
                             "checkpointed when it is made",
    ("PIVOT",): "PIVOT without an IN list is not allowed: DuckDB would first create an ENUM "
                "type, which a read-only sandbox cannot; name the values, e.g. PIVOT t ON "
                "col IN ('a', 'b') USING count(*)",
    ("SET", "VARIABLE"): f"SET VARIABLE is not allowed: {_NO_STATE}",
    ("SET",): "SET is not allowed: the sandbox's settings are locked",
    ("RESET",): "RESET is not allowed: the sandbox's settings are locked",
    ("PRAGMA",): "PRAGMA is not allowed (it can change settings); read the pragma_* table "
                 "functions with SELECT, e.g. SELECT * FROM pragma_table_info('figures')",
    ("ATTACH",): "ATTACH is not allowed: the sandbox reads only the warehouse",
    ("DETACH",): "DETACH is not allowed: the sandbox reads only the warehouse",
    ("COPY",): f"COPY is not allowed: {_NO_FILES}",
    ("EXPORT",): f"EXPORT is not allowed: {_NO_FILES}",
    ("IMPORT",): f"IMPORT DATABASE is not allowed: {_NO_FILES} and {_READ_ONLY}",
    ("INSTALL",): f"INSTALL/LOAD is not allowed: {_NO_EXTENSIONS}",
    ("FORCE", "INSTALL"): f"INSTALL/LOAD is not allowed: {_NO_EXTENSIONS}",
    ("LOAD",): f"INSTALL/LOAD is not allowed: {_NO_EXTENSIONS}",
    ("UPDATE", "EXTENSIONS"): f"UPDATE EXTENSIONS is not allowed: {_NO_EXTENSIONS}",
    ("CALL",): "CALL is not allowed; query table functions with SELECT * FROM fn()",
    ("VACUUM",): f"VACUUM is not allowed: {_READ_ONLY}",
    ("ANALYZE",): f"ANALYZE is not allowed: {_READ_ONLY}",
    ("PREPARE",): f"prepared statements are not available: {_NO_STATE}",
    ("EXECUTE",): f"prepared statements are not available: {_NO_STATE}",
    ("DEALLOCATE",): f"prepared statements are not available: {_NO_STATE}",
    ("BEGIN",): f"transactions are not needed: {_NO_STATE}, read-only",
    ("START",): f"transactions are not needed: {_NO_STATE}, read-only",
    ("COMMIT",): f"transactions are not needed: {_NO_STATE}, read-only",
    ("END",): f"transactions are not needed: {_NO_STATE}, read-only",
    ("ROLLBACK",): f"transactions are not needed: {_NO_STATE}, read-only",
    ("ABORT",): f"transactions are not needed: {_NO_STATE}, read-only",
}
_LEADING = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)


@dataclass(frozen=True)
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    max_rows: int
    seconds: float


def _leading_words(sql: str, count: int = 2) -> tuple[str, ...]:
    """The first words of a statement, past comments and opening parentheses, upper-cased."""
    rest = sql[_LEADING.match(sql).end():]
    return tuple(w.upper() for w in re.findall(r"[A-Za-z_]+", rest[:200])[:count])


def _refusal(sql: str, kind: str | None) -> str:
    words = _leading_words(sql)
    for length in (2, 1):
        why = _REFUSED_WHY.get(words[:length])
        if why and len(words) >= length:
            return why
    name = kind if kind and kind not in ("MULTI", "INVALID") else (words[0] if words else "this")
    return f"{name} statements are not allowed: {_READ_ONLY}"


def check_statement(sql: str) -> None:
    """Refuse anything but one SELECT/EXPLAIN, with a message that says why."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError("query", f"does not parse: {first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryError("query", f"give exactly one statement (got {len(statements)})")
    try:
        kind = statements[0].type.name
    except ValueError:  # a statement type the Python API cannot name (UPDATE EXTENSIONS)
        kind = None
    if kind not in ALLOWED_STATEMENTS:
        raise QueryError("query", _refusal(statements[0].query or sql, kind))


def run_query(path: Path, sql: str, max_rows: int = DEFAULT_MAX_ROWS,
              timeout_s: float = DEFAULT_TIMEOUT_S) -> QueryResult:
    """Run one ad-hoc query in the sandbox: at most `max_rows` rows, at most `timeout_s`.

    Raises QueryError (exit 1) for a refused or failing statement, one stopped at the time
    limit or the memory cap, and a missing or unreadable warehouse."""
    check_statement(sql)
    if not Path(path).exists():
        raise QueryError(str(path), "no warehouse here yet; run `cfwatch etl run` first")
    started = time.perf_counter()
    frame, truncated = isolated(_fetch, str(path), sql, max_rows, timeout_s,
                                timeout_s=timeout_s)
    return QueryResult(frame, truncated, max_rows, time.perf_counter() - started)


def _fetch(path: str, sql: str, max_rows: int, timeout_s: float) -> tuple[pl.DataFrame, bool]:
    """In the worker: the query's first `max_rows` rows, interrupted at the time limit."""
    with connect(Path(path), sandbox=True, timeout_s=timeout_s) as con:
        watchdog = threading.Timer(timeout_s, con.interrupt)
        watchdog.start()
        try:
            relation = _shown_as_text(con.sql(sql), _POLARS_CANNOT_READ)
            frame = pl.from_arrow(relation.limit(max_rows + 1).to_arrow_table())
        except duckdb.Error as exc:
            raise QueryError("query", _explain(exc, timeout_s)) from None
        finally:
            watchdog.cancel()
    if frame.estimated_size() > MAX_RESULT_BYTES:
        raise QueryError("query", f"the result is {frame.estimated_size() // 2**20:,} MB, over "
                                  f"the {MAX_RESULT_BYTES // 2**20:,} MB the sandbox hands "
                                  "back; select fewer or narrower columns")
    return frame.head(max_rows), frame.height > max_rows


# Arrow types Polars will not import (an interval is month-day-nano there); DuckDB's own text
# of the value ("3 days", "1 year 2 months") is what a reader wants anyway.
_POLARS_CANNOT_READ = ("INTERVAL",)


def _shown_as_text(relation: duckdb.DuckDBPyRelation, type_names: tuple[str, ...]):
    kinds = [str(t) for t in relation.types]
    if not any(kind.startswith(type_names) for kind in kinds):
        return relation
    columns = []
    for name, kind in zip(relation.columns, kinds, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        columns.append(f"CAST({quoted} AS VARCHAR) AS {quoted}"
                       if kind.startswith(type_names) else quoted)
    return relation.project(", ".join(columns))


def _explain(exc: duckdb.Error, timeout_s: float) -> str:
    text = first_line(exc)
    low = text.lower()
    if "interrupt" in low or "execution time" in low or "timeout" in low:
        return f"stopped after the {timeout_s:g} s time limit: {text}"
    if isinstance(exc, duckdb.OutOfMemoryException) or "out of memory" in low:
        return (f"stopped at the sandbox's memory limit: {text} (narrow the query, or run "
                "it on a copy of the warehouse with duckdb itself)")
    if "file system operations are disabled" in low or "has been disabled by configuration" \
            in low:
        return f"file access is not allowed in the sandbox: {text}"
    if "read-only" in low:
        return f"the warehouse is read-only here: {text}"
    return text


# ---------------------------------------------------------------------------------------------
# The worker process: one call, watched from outside.

def isolated(fn, *args, timeout_s: float):
    """`fn(*args)` in a fresh worker process, killed `timeout_s + KILL_GRACE_S` after it
    starts or when its memory passes MAX_WORKER_MEMORY_MB.

    `fn` must be a module-level function; its arguments and result are pickled. A CfwatchError
    it raises is raised here as a QueryError with the same input and reason; a worker that is
    killed or dies raises a QueryError that says so. Ctrl-C (KeyboardInterrupt) kills the
    worker and propagates."""
    request = pickle.dumps((fn.__module__, fn.__qualname__, args))
    project = str(Path(__file__).resolve().parents[2])  # where `etl` is, installed or not
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (project, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from etl.query.sandbox import _worker; _worker()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + timeout_s + KILL_GRACE_S
    stopped = None
    try:
        out, err = _watch(proc, request, deadline, timeout_s)
    except _Stopped as exc:
        stopped = exc.reason
    except BaseException:
        _kill(proc)
        raise
    if stopped:
        raise QueryError("query", stopped)
    try:
        outcome = pickle.loads(out) if out else None
    except Exception:  # a half-written answer: the worker died mid-way
        outcome = None
    if outcome is None:
        code = proc.returncode
        how = f"signal {-code}" if code and code < 0 else f"exit code {code}"
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        raise QueryError("query", f"the query's worker process ended without an answer "
                                  f"({how}{': ' + detail[0][:200] if detail else ''}); the "
                                  "warehouse is unaffected")
    status, *payload = outcome
    if status == "ok":
        return payload[0]
    if status == "refused":
        raise QueryError(*payload)
    raise QueryError("query", f"internal error in the sandbox: {payload[0]}")


class _Stopped(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _watch(proc: subprocess.Popen, request: bytes, deadline: float,
           timeout_s: float) -> tuple[bytes, bytes]:
    first = True
    while True:
        try:
            out, err = proc.communicate(request if first else None, timeout=_WATCH_S)
            return out, err
        except subprocess.TimeoutExpired:
            first = False
        rss = _rss_mb(proc.pid)
        if rss is not None and rss > MAX_WORKER_MEMORY_MB:
            _kill(proc)
            raise _Stopped(f"stopped at the sandbox's memory cap: the query took more than "
                           f"{MAX_WORKER_MEMORY_MB:,} MB (narrow the query, or run it on a "
                           "copy of the warehouse with duckdb itself)")
        if time.monotonic() > deadline:
            _kill(proc)
            raise _Stopped(f"stopped after the {timeout_s:g} s time limit (the query did not "
                           "answer the interrupt, so its process was ended)")


def _rss_mb(pid: int) -> int | None:
    """Resident memory of a process in MB (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        return None
    return None


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


def _worker() -> None:
    """The worker's side: read one pickled call from stdin, write the pickled outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    module, name, args = pickle.loads(sys.stdin.buffer.read())
    try:
        outcome = ("ok", getattr(importlib.import_module(module), name)(*args))
    except CfwatchError as exc:
        outcome = ("refused", exc.input_name, exc.reason)
    except Exception as exc:  # a bug: one line back to the caller
        outcome = ("bug", f"{type(exc).__name__}: {first_line(exc)}")
    sys.stdout.buffer.write(pickle.dumps(outcome))
    sys.stdout.buffer.flush()
