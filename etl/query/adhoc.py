"""Ad-hoc SQL for the command line: the one execution core of `cfwatch sql`, one-shot and shell.

It runs one statement in the sandbox of `etl/query/sandbox.py` (the same statement allowlist,
connection settings and messages as the dashboard's SQL page) and returns every value as text
that DuckDB itself rendered, so every DuckDB type comes out (lists, structs, maps, unions,
intervals, blobs, huge integers, decimals, ...) with nothing lost on the way through Python or
Polars. `etl/query/output.py` lays that text out; nothing here prints.

The query runs in a worker thread while the calling thread waits, so Ctrl-C (a
KeyboardInterrupt in the calling thread) and the time limit both stop it with
`connection.interrupt()`, and the connection stays usable by the caller."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.query.connection import QueryError, connect
from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, _explain, check_statement

# How often the waiting thread looks up from the worker: Ctrl-C is answered within this.
_POLL_S = 0.05

# Beyond DuckDB's own max_execution_time, the waiting thread interrupts a query that is still
# running this long after its time limit (an operator that does not check the limit).
_GRACE_S = 1.0


@dataclass(frozen=True)
class Limits:
    """What one ad-hoc statement may take."""
    max_rows: int = DEFAULT_MAX_ROWS
    timeout_s: float = DEFAULT_TIMEOUT_S
    allowed_dirs: tuple[Path, ...] = ()  # folders its files may come from (`--allow`)


@dataclass(frozen=True)
class Rows:
    """A result: column names and DuckDB types, and each value as text (None for NULL)."""
    columns: tuple[str, ...]
    types: tuple[str, ...]
    cells: list[tuple[str | None, ...]]
    truncated: bool
    max_rows: int
    seconds: float


class QueryInterrupted(QueryError):
    pass


def run_statement(path: Path, sql: str, limits: Limits = Limits(),
                  rendering: str = "text") -> Rows:
    """Run one SELECT/EXPLAIN in the sandbox; at most `limits.max_rows` rows. `rendering` is
    how values come back: "text", DuckDB's own text of each value (what its CSV writer
    writes), or "json", each value's JSON (`to_json`: lists as arrays, structs and maps as
    objects).

    Raises QueryError (exit 1) for a refused, failing or timed-out statement, and
    QueryInterrupted when Ctrl-C stopped it."""
    check_statement(sql)
    started = time.perf_counter()
    with connect(path, sandbox=True, timeout_s=limits.timeout_s,
                 allowed_dirs=limits.allowed_dirs) as con:
        outcome = _Outcome()
        threading.Thread(target=_fetch, daemon=True,
                         args=(con, sql, limits.max_rows, rendering, outcome)).start()
        _wait(con, outcome.done, started + limits.timeout_s + _GRACE_S)
    if isinstance(outcome.error, duckdb.Error):
        raise QueryError("query", _explain(outcome.error, limits.timeout_s)) from None
    if outcome.error is not None:
        raise outcome.error
    columns, types, cells = outcome.value
    return Rows(columns, types, cells[:limits.max_rows], len(cells) > limits.max_rows,
                limits.max_rows, time.perf_counter() - started)


class _Outcome:
    def __init__(self) -> None:
        self.value: tuple = ((), (), [])
        self.error: BaseException | None = None
        # Set when the worker ends. Waiting on an Event, not on Thread.join: a join broken by
        # Ctrl-C can leave Thread.is_alive() false while the thread still runs (CPython 3.11).
        self.done = threading.Event()


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, max_rows: int, rendering: str,
           outcome: _Outcome) -> None:
    try:
        relation = con.sql(sql)
        names = [f"c{i}" for i in range(len(relation.columns))]
        # Columns are renamed by position, so a result with two columns of one name works.
        cast = ", ".join(_expression(name, str(duckdb_type), rendering)
                         for name, duckdb_type in zip(names, relation.types, strict=True))
        text = relation.limit(max_rows + 1).query(
            "cfwatch_result", f"SELECT {cast} FROM cfwatch_result AS t({', '.join(names)})")
        outcome.value = (tuple(relation.columns), tuple(str(t) for t in relation.types),
                         text.fetchall())
    except BaseException as exc:  # handed to the waiting thread, which raises it
        outcome.error = exc
    finally:
        outcome.done.set()


def _expression(column: str, duckdb_type: str, rendering: str) -> str:
    """SQL giving one column's values as text. `to_json` turns a DECIMAL into a double, so a
    decimal's own digits (already a JSON number) are kept instead."""
    if rendering == "text" or duckdb_type.startswith("DECIMAL"):
        return f"{column}::VARCHAR"
    return f"to_json({column})::VARCHAR"


def _wait(con: duckdb.DuckDBPyConnection, done: threading.Event, deadline: float) -> None:
    """Wait for the worker; on Ctrl-C or far past the deadline, interrupt the query."""
    try:
        while not done.wait(_POLL_S):
            if time.perf_counter() > deadline:
                con.interrupt()
    except KeyboardInterrupt:
        while not done.is_set():  # again until it stops: the query may not have started yet
            con.interrupt()
            done.wait(_POLL_S)
        raise QueryInterrupted("query", "interrupted (Ctrl-C)") from None
