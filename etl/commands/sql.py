"""`cfwatch sql`: one read-only query in the sandbox."""

from __future__ import annotations

import argparse
import json
import sys

from etl.commands.common import WAREHOUSE, Command
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="the SQL query, e.g. \"SELECT * FROM claims\"")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--max-rows", type=int, default=None, metavar="N",
                   help="row cap (default: 10000)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit per query (default: 5)")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, run_query

    result = run_query(resolve_warehouse(args.warehouse), args.query,
                       max_rows=args.max_rows or DEFAULT_MAX_ROWS,
                       timeout_s=args.timeout or DEFAULT_TIMEOUT_S)
    frame = result.frame
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        print(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1))
    else:
        import polars as pl
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
            print(frame)
    if result.truncated:
        print(f"cfwatch: truncated: showing the first {result.max_rows} rows "
              "(raise --max-rows or narrow the query)", file=sys.stderr)
    return EXIT_OK


COMMAND = Command(
    "sql", "run one read-only query against the warehouse",
    "Run one SELECT (or EXPLAIN) in a sandbox: read-only, no file or network access, no "
    "extensions, settings locked, a time limit and a row cap.",
    add_arguments, run)
