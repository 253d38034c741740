"""`cfwatch`: the command line of Counterfeit Watch.

Exit codes: 0 success, 1 failed (one line on stderr: input and reason; or, silently, the
reader of standard output closed it early, as `| head` does), 2 usage or configuration
error, 3 another ETL run holds the writer lock.
"""

from __future__ import annotations

import argparse
import os
import sys

from etl.commands import (
    bench,
    distill,
    eval,
    export,
    report,
    review,
    rollback,
    run,
    sample,
    schedule,
    serve,
    sql,
)
from etl.commands.common import Command, json_line, once_only
from etl.errors import EXIT_FAILED, EXIT_USAGE, CfwatchError

DESCRIPTION = """Counterfeit Watch: track marketplaces' counterfeit-enforcement claims and check
them against listing-level data. Data lives in one DuckDB file (the warehouse)."""

# Every command, in the order `cfwatch --help` lists them.
COMMANDS: tuple[Command, ...] = (
    run.COMMAND, rollback.COMMAND, schedule.COMMAND, sample.COMMAND, distill.COMMAND,
    bench.COMMAND, serve.COMMAND, sql.COMMAND, export.COMMAND, review.COMMAND, report.COMMAND,
    eval.COMMAND,
)
GROUPS = {"etl": ("load inputs into the warehouse", "Load inputs into the warehouse.")}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other failure
        self.exit(EXIT_USAGE, f"cfwatch: usage error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cfwatch", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    groups: dict[str, argparse._SubParsersAction] = {}
    for command in COMMANDS:
        where = commands
        if command.group:
            if command.group not in groups:
                help_, description = GROUPS[command.group]
                group = commands.add_parser(command.group, help=help_, description=description)
                groups[command.group] = group.add_subparsers(
                    dest=f"{command.group}_command", metavar=f"{command.group.upper()}_COMMAND",
                    parser_class=_Parser)
            where = groups[command.group]
        sub = where.add_parser(command.name, help=command.help,
                               description=command.description)
        command.add_arguments(sub)
        once_only(sub)
        sub.set_defaults(handler=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, not at exit, where a closed pipe could not be caught
        return code
    except BrokenPipeError:
        # `cfwatch eval | head`: the reader has what it wanted. Nothing more can be written,
        # including Python's own flush at exit, so standard output goes nowhere from here.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    json_logs = getattr(args, "log_format", "text") == "json"
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr if args.command is None else sys.stdout)
        return EXIT_USAGE
    args.argv = argv if argv is not None else sys.argv[1:]
    try:
        return args.handler(args)
    except CfwatchError as exc:
        if json_logs:
            json_line("error", input=exc.input_name, reason=exc.reason,
                      exit_code=exc.exit_code, stream=sys.stderr)
        else:
            print(f"cfwatch: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cfwatch: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug, not bad input: still one line, the trace on request
        if os.environ.get("CFWATCH_DEBUG"):
            raise
        print(f"cfwatch: internal error: {type(exc).__name__}: {exc} "
              "(set CFWATCH_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
