"""Errors and input problems, shaped for one clear line each."""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes of `cfwatch` (documented in the README; a test keeps the two in step).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (DuckDB's run to several), else its type."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class CfwatchError(Exception):
    """A failure the user can act on: which input, and why. Printed as one line, no traceback."""

    exit_code = EXIT_FAILED

    def __init__(self, input_name: str, reason: str):
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


class UsageError(CfwatchError):
    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Problem:
    """One rejected input row or file: becomes a `rejects` row and a warning line."""

    input_name: str
    reason: str
    row: int | None = None
    column: str | None = None
    raw_value: str | None = None

    def line(self) -> str:
        where = self.input_name + (f", row {self.row}" if self.row is not None else "")
        where += f", column {self.column}" if self.column else ""
        return f"{where}: {self.reason}"
