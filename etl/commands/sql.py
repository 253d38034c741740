"""`cfwatch sql`: read-only SQL in the sandbox, one query or an interactive shell."""

from __future__ import annotations

import argparse

from etl.commands.common import (
    WAREHOUSE,
    Command,
    existing_folder,
    positive_int,
    positive_seconds,
)
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?",
                   help="the SQL query, e.g. \"SELECT * FROM claims\"; without it, an "
                        "interactive shell")
    p.add_argument("--format", choices=("table", "csv", "json", "markdown"), default="table",
                   help="output format (default table; in the shell, the starting .mode)")
    p.add_argument("--max-rows", type=positive_int, default=None, metavar="N",
                   help="row cap, 1 or more (default 10000); a cut result says truncated on "
                        "stderr")
    p.add_argument("--timeout", type=positive_seconds, default=None, metavar="SECONDS",
                   help="time limit per query, above 0 (default 5); the query is interrupted "
                        "after it. The limit cannot be switched off: 0, negative or non-numbers "
                        "are usage errors (exit 2)")
    p.add_argument("--allow", type=existing_folder, action="append", default=[],
                   metavar="DIR",
                   help="let queries read CSV, Parquet and JSON files under DIR (repeatable; see "
                        "below)")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    from etl.query import output
    from etl.query.adhoc import Limits, run_statement
    from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S

    limits = Limits(max_rows=args.max_rows or DEFAULT_MAX_ROWS,
                    timeout_s=args.timeout or DEFAULT_TIMEOUT_S,
                    allowed_dirs=tuple(args.allow))
    warehouse = resolve_warehouse(args.warehouse)
    if args.query is None:
        from etl.query.prompt import interactive
        from etl.query.shell import Shell

        return interactive(Shell(warehouse, limits, mode=args.format))
    rows = run_statement(warehouse, args.query, limits, output.RENDERING[args.format])
    output.write(output.render(rows, args.format))
    if rows.truncated:
        output.notice(f"cfwatch: truncated: showing the first {rows.max_rows} rows "
                      "(raise --max-rows or narrow the query)")
    return EXIT_OK


COMMAND = Command(
    "sql", "read-only SQL on the warehouse: one query, or an interactive shell",
    "Run one SELECT (or EXPLAIN), or with no query open an interactive shell (history, "
    "multi-line statements, completion, .tables, .schema, .mode, .timer, .once). Both run in "
    "a sandbox: read-only, no file or network access (except folders given with --allow), no "
    "extensions, settings locked, a time limit and a row cap.",
    add_arguments, run)
