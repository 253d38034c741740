"""The interactive `cfwatch sql` shell: what happens to what is typed, whoever reads the keys.

A `Shell` takes whole entries (a statement ending in `;`, or one dot-command) and runs them
through the same execution core as a one-shot `cfwatch sql` (`etl/query/adhoc.py`), so the
sandbox, limits and messages are the same. Line editing, history and completion belong to the
front end (`etl/query/prompt.py`); this module reads no keys and prints only through
`etl/query/output.py`."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.errors import CfwatchError
from etl.query import output
from etl.query.adhoc import Limits, run_statement
from etl.query.catalog import column_docs, schema_docs

DOT_COMMANDS = (
    (".tables", "list the tables and views"),
    (".schema [NAME]", "the columns of NAME with their types and comments (no NAME: every "
                       "table and view with its comment)"),
    (".mode table|csv|json|markdown", "how results are shown (no argument: the current mode)"),
    (".timer on|off", "show how long each statement took"),
    (".once FILE", "write the next result to FILE instead of the screen"),
    (".help", "this list"),
    (".quit", "leave the shell (Ctrl-D does too)"),
)


def is_complete(text: str) -> bool:
    """Whether Enter runs what was typed: a dot-command, or statements ending in `;`. Anything
    else goes on over more lines, as in the DuckDB shell."""
    stripped = text.strip()
    return not stripped or stripped.startswith(".") or stripped.endswith(";")


def split_statements(text: str) -> list[str]:
    """Each statement of an entry, run one by one (what does not parse is left whole, so the
    sandbox says why)."""
    try:
        return [statement.query for statement in duckdb.extract_statements(text)]
    except duckdb.Error:
        return [text]


@dataclass
class Shell:
    warehouse: Path
    limits: Limits = field(default_factory=Limits)
    mode: str = "table"
    timer: bool = False
    once: Path | None = None
    failures: int = 0

    def handle(self, entry: str) -> bool:
        """Run one entry; False when the shell should end (`.quit`)."""
        entry = entry.strip()
        try:
            if entry.startswith("."):
                return self._dot(entry)
            for statement in split_statements(entry) if entry else []:
                self._statement(statement)
        except CfwatchError as exc:
            self.failures += 1
            output.notice(f"cfwatch: error: {exc}")
        return True

    def _statement(self, sql: str) -> None:
        rows = run_statement(self.warehouse, sql, self.limits, output.RENDERING[self.mode])
        target, self.once = self.once, None
        self._write(output.render(rows, self.mode), target)
        if rows.truncated:
            output.notice(f"cfwatch: truncated: showing the first {rows.max_rows} rows "
                          "(start the shell with a higher --max-rows, or narrow the query)")
        if self.timer:
            output.notice(f"Run Time: {rows.seconds:.3f} s")

    def _write(self, text: str, target: Path | None = None) -> None:
        try:
            output.write(text, to=target)
        except OSError as exc:
            raise CfwatchError(str(target), f"cannot write: {exc.strerror or exc}") from None

    def _dot(self, entry: str) -> bool:
        command, _, argument = entry.partition(" ")
        argument = argument.strip()
        if command in (".quit", ".exit"):
            return False
        handlers = {".tables": self._tables, ".schema": self._schema, ".mode": self._mode,
                    ".timer": self._timer, ".once": self._once, ".help": self._help}
        if command not in handlers:
            raise CfwatchError(command, "unknown command (.help lists them)")
        handlers[command](argument)
        return True

    def _tables(self, _argument: str) -> None:
        names = schema_docs(self.warehouse)["name"].to_list()
        self._write(in_columns(names, shutil.get_terminal_size().columns))

    def _schema(self, name: str) -> None:
        docs = schema_docs(self.warehouse)
        if not name:
            self._write(output.columns_table(("name", "kind", "comment"), docs.rows()))
            return
        described = docs.filter(docs["name"] == name)
        if described.is_empty():
            raise CfwatchError(name, "no such table or view (.tables lists them)")
        _, kind, comment = described.row(0)
        columns = column_docs(self.warehouse, name)
        self._write(f"{name} ({kind}): {comment or ''}\n" + output.columns_table(
            ("column", "type", "comment"), columns.rows()))

    def _mode(self, mode: str) -> None:
        if not mode:
            self._write(f"{self.mode}\n")
        elif mode in output.MODES:
            self.mode = mode
        else:
            raise CfwatchError(".mode", f"choose one of {', '.join(output.MODES)}")

    def _timer(self, setting: str) -> None:
        if setting not in ("on", "off"):
            raise CfwatchError(".timer", "say on or off")
        self.timer = setting == "on"

    def _once(self, file: str) -> None:
        if not file:
            raise CfwatchError(".once", "give a file to write the next result to")
        self.once = Path(file).expanduser()

    def _help(self, _argument: str) -> None:
        width = max(len(command) for command, _ in DOT_COMMANDS)
        lines = [f"{command:<{width}}  {what}" for command, what in DOT_COMMANDS]
        lines.append("Statements end with ';' and may span lines. Ctrl-C stops a running "
                     "query, Ctrl-D leaves.")
        self._write("\n".join(lines) + "\n")


def in_columns(names: list[str], width: int) -> str:
    """Names laid out in columns across the terminal, as the DuckDB shell's `.tables`."""
    if not names:
        return ""
    cell = max(len(n) for n in names) + 2
    per_line = max(1, width // cell)
    rows = (len(names) + per_line - 1) // per_line
    lines = [" ".join(n.ljust(cell - 1) for n in names[r::rows]).rstrip() for r in range(rows)]
    return "\n".join(lines) + "\n"
