"""The sandbox for ad-hoc SQL (`cfwatch sql`, the dashboard's SQL page).

Belt and braces: a statement-type allowlist gives clear messages, and the connection itself is
configured so that even a statement the allowlist let through cannot touch files, the network
or extensions, nor change settings."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from etl.query.connection import QueryError, connect, first_line

DEFAULT_MAX_ROWS = 10_000


DEFAULT_TIMEOUT_S = 5.0


ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}


_REFUSED_WHY = {
    "PRAGMA": "PRAGMA is not allowed in the sandbox (it can change settings)",
    "SET": "SET/RESET is not allowed: the sandbox's settings are locked",
    "VARIABLE_SET": "SET VARIABLE is not allowed: the sandbox is read-only",
    "ATTACH": "ATTACH is not allowed: the sandbox reads only the warehouse",
    "DETACH": "DETACH is not allowed",
    "COPY": "COPY is not allowed: the sandbox has no file access",
    "EXPORT": "EXPORT is not allowed: the sandbox has no file access",
    "LOAD": "INSTALL/LOAD is not allowed: no extensions in the sandbox",
    "EXTENSION": "INSTALL/LOAD is not allowed: no extensions in the sandbox",
    "CALL": "CALL is not allowed; query table functions with SELECT * FROM fn()",
}



@dataclass(frozen=True)
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    max_rows: int
    seconds: float


def check_statement(sql: str) -> None:
    """Refuse anything but one SELECT/EXPLAIN, with a message that says why."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError("query", f"does not parse: {first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryError("query", f"give exactly one statement (got {len(statements)})")
    kind = statements[0].type.name
    if kind not in ALLOWED_STATEMENTS:
        why = _REFUSED_WHY.get(kind, f"{kind} statements are not allowed: the warehouse is "
                                     "read-only here (SELECT and EXPLAIN only)")
        raise QueryError("query", why)


def run_query(path: Path, sql: str, max_rows: int = DEFAULT_MAX_ROWS,
              timeout_s: float = DEFAULT_TIMEOUT_S) -> QueryResult:
    """Run one ad-hoc query in the sandbox: at most `max_rows` rows, at most `timeout_s`."""
    check_statement(sql)
    started = time.perf_counter()
    with connect(path, sandbox=True, timeout_s=timeout_s) as con:
        try:
            frame = con.sql(sql).limit(max_rows + 1).pl()
        except duckdb.Error as exc:
            raise QueryError("query", _explain(exc, timeout_s)) from None
    truncated = frame.height > max_rows
    return QueryResult(frame.head(max_rows), truncated, max_rows,
                       time.perf_counter() - started)


def _explain(exc: duckdb.Error, timeout_s: float) -> str:
    text = first_line(exc)
    low = text.lower()
    if "interrupt" in low or "execution time" in low or "timeout" in low:
        return f"stopped after the {timeout_s:g} s time limit: {text}"
    if "file system operations are disabled" in low:
        return f"file access is not allowed in the sandbox: {text}"
    if "read-only" in low:
        return f"the warehouse is read-only here: {text}"
    return text
