"""Ad-hoc SQL for the command line: the one execution core of `cfwatch sql`, one-shot and shell.

It runs one statement in the sandbox of `etl/query/sandbox.py`: the same statement allowlist,
connection settings, messages and watched worker process as the dashboard's SQL page, so the
time limit and the memory cap hold whatever the query does, and Ctrl-C ends the worker and
leaves the shell usable. Every value comes back as text that DuckDB itself rendered, so every
DuckDB type comes out (lists, structs, maps, unions, intervals, blobs, huge integers,
decimals, ...) with nothing lost on the way through Python or Polars. `etl/query/output.py`
lays that text out; nothing here prints."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.query.connection import QueryError, connect
from etl.query.sandbox import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_S,
    _explain,
    check_statement,
    isolated,
)


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


def run_statement(path: Path, sql: str, limits: Limits = Limits(),
                  rendering: str = "text") -> Rows:
    """Run one SELECT/EXPLAIN in the sandbox; at most `limits.max_rows` rows. `rendering` is
    how values come back: "text", DuckDB's own text of each value (what its CSV writer
    writes), or "json", each value's JSON (`to_json`: lists as arrays, structs and maps as
    objects).

    Raises QueryError (exit 1) for a refused, failing, timed-out, too large or interrupted
    (Ctrl-C) statement."""
    check_statement(sql)
    started = time.perf_counter()
    try:
        columns, types, cells = isolated(
            _fetch, str(path), sql, limits.max_rows, limits.timeout_s,
            tuple(str(d) for d in limits.allowed_dirs), rendering, timeout_s=limits.timeout_s)
    except KeyboardInterrupt:  # the worker is already ended
        raise QueryError("query", "interrupted (Ctrl-C)") from None
    return Rows(columns, types, cells[:limits.max_rows], len(cells) > limits.max_rows,
                limits.max_rows, time.perf_counter() - started)


def _fetch(path: str, sql: str, max_rows: int, timeout_s: float, allowed_dirs: tuple[str, ...],
           rendering: str) -> tuple[tuple, tuple, list]:
    """In the worker process: the statement's columns, types and at most max_rows + 1 rows."""
    with connect(Path(path), sandbox=True, timeout_s=timeout_s,
                 allowed_dirs=tuple(Path(d) for d in allowed_dirs)) as con:
        try:
            relation = con.sql(sql)
            names = [f"c{i}" for i in range(len(relation.columns))]
            # Columns are renamed by position, so a result with two columns of one name works.
            cast = ", ".join(_expression(name, str(duckdb_type), rendering)
                             for name, duckdb_type in zip(names, relation.types, strict=True))
            text = relation.limit(max_rows + 1).query(
                "cfwatch_result", f"SELECT {cast} FROM cfwatch_result AS t({', '.join(names)})")
            return (tuple(relation.columns), tuple(str(t) for t in relation.types),
                    text.fetchall())
        except duckdb.Error as exc:
            raise QueryError("query", _explain(exc, timeout_s)) from None


def _expression(column: str, duckdb_type: str, rendering: str) -> str:
    """SQL giving one column's values as text. `to_json` turns a DECIMAL into a double, so a
    decimal's own digits (already a JSON number) are kept instead."""
    if rendering == "text" or duckdb_type.startswith("DECIMAL"):
        return f"{column}::VARCHAR"
    return f"to_json({column})::VARCHAR"
