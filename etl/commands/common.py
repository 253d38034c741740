"""What every command shares: how a command is declared, the options several commands take
(each declared once here), and the JSON log line.

A command module declares `COMMAND = Command(...)`; `etl/commands/cli.py` lists the modules.
Adding a command is a new module and one line there. Command modules import their heavy
dependencies inside `run`, so `cfwatch --help` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Option:
    """One command-line option, declared once and attached to every command that takes it."""
    flags: tuple[str, ...]
    settings: dict = field(default_factory=dict)

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(*self.flags, **self.settings)


class StoreOnce(argparse._StoreAction):
    """An option that takes one value: given twice, it is a usage error (exit 2), never the
    last one silently. Options that take several paths (`--listings`, `--dsa`) extend instead,
    so `--dsa A B` and `--dsa A --dsa B` both read A and B."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = namespace.__dict__.setdefault("_options_given", {})
        if self.dest in given:
            parser.error(f"{option_string} given twice ({given[self.dest]} and {values}); it "
                         "takes one value")
        given[self.dest] = values
        super().__call__(parser, namespace, values, option_string)


def once_only(parser: argparse.ArgumentParser) -> None:
    """Make every single-value option of `parser` a StoreOnce."""
    for action in parser._actions:
        if type(action) is argparse._StoreAction and action.option_strings:
            action.__class__ = StoreOnce


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    group: str | None = None  # "etl" for `cfwatch etl run`


WAREHOUSE = Option(("--warehouse",), {
    "metavar": "PATH",
    "help": "warehouse file (default $CFWATCH_WAREHOUSE, else data/warehouse.duckdb in the "
            "project)"})
WAIT = Option(("--wait",), {
    "action": "store_true",
    "help": "wait for another run's lock instead of exiting with code 3"})
SCALE_HELP = "size relative to the scenario (0.001 to 100; 1.0 = 10 million listings)"


def scale_option(default: float = 1.0, flag: str = "--scale") -> Option:
    return Option((flag,), {"type": float, "default": default, "metavar": "X",
                            "help": f"{SCALE_HELP}; default {default}"})


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a row cap, a count)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not allowed: give 1 or more")
    return value


def positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above 0 (a time limit cannot be off)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not allowed: give a number of seconds "
                                         "above 0")
    return value


def existing_folder(text: str) -> Path:
    """An argparse type: a folder that exists, as an absolute path."""
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is not a folder")
    return folder.resolve()


def path_option(flag: str, metavar: str, help_: str, **settings) -> Option:
    return Option((flag,), {"metavar": metavar, "type": Path, "help": help_, **settings})


def json_line(level: str, stream=None, **fields) -> None:
    """One JSON object per line, for log collectors (`--log-format json`)."""
    record = {"time": dt.datetime.now(dt.timezone.utc).isoformat(), "level": level, **fields}
    print(json.dumps(record, default=str), file=stream or sys.stdout, flush=True)
