"""`cfwatch export`: the warehouse's tables and views as Parquet or CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.commands.common import WAREHOUSE, Command
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("tables", nargs="*", metavar="TABLE",
                   help="tables or views to export (default: every one)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="the folder to write: new, empty, or an earlier export, which it "
                        "replaces (any other folder is refused, never overwritten)")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                   help="file format (default parquet)")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    from etl.query.export import export
    from etl.query.output import write

    done = export(resolve_warehouse(args.warehouse), args.out, args.format, args.tables)
    write(done.line() + "\n")
    return EXIT_OK


COMMAND = Command(
    "export", "write tables and views as Parquet or CSV files for other tools",
    "Write every table and view of the warehouse (or the ones named) into one folder, one "
    "file each, with a README.md of their column comments. Parquet files are readable by "
    "DuckDB 1.x, Polars, pandas, Spark and BI tools. Atomic: the folder is replaced only by "
    "a complete export.",
    add_arguments, run)
