"""`cfwatch etl rollback`: serve a kept earlier warehouse version again."""

from __future__ import annotations

import argparse

from etl.commands.common import WAIT, WAREHOUSE, Command
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="VERSION",
                   help="the version to serve (default: the newest that is not the served one)")
    p.add_argument("--list", action="store_true",
                   help="list the kept versions (the served one is marked)")
    WAIT.add_to(p)
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    from etl.pipeline import rollback
    from etl.warehouse.versions import list_versions

    warehouse = resolve_warehouse(args.warehouse)
    if args.list:
        current = warehouse.stat().st_ino if warehouse.exists() else None
        for version in list_versions(warehouse):
            marker = " (served)" if version.stat().st_ino == current else ""
            print(f"{version.stem}{marker}")
        return EXIT_OK
    chosen = rollback(warehouse, args.to, wait=args.wait)
    print(f"rolled back: {warehouse} now serves {chosen.stem}")
    return EXIT_OK


COMMAND = Command(
    "rollback", "serve the previous warehouse version again",
    "Swap a kept earlier warehouse version back in, atomically. The current version is kept "
    "too, so a rollback can itself be rolled back.",
    add_arguments, run, group="etl")
