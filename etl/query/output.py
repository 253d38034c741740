"""How ad-hoc results look, and the one place `cfwatch sql` writes them.

`render` is pure: a result in, text out. `table` is a plain box like the DuckDB shell's: numbers
right-aligned with thousands separators and never in scientific notation, dates as DuckDB
writes them, NULL as an empty cell. `markdown` is the same for pasting into an issue or a
notebook. `csv` and `json` are exact: the text DuckDB itself gives each value (as its CSV
writer does) and `to_json` of each value.

`write` (stdout, or the file of the shell's `.once`) and `notice` (stderr) are the only
functions of the command line's SQL front ends that print."""

from __future__ import annotations

import json
import sys
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from etl.query.adhoc import Rows

MODES = ("table", "csv", "json", "markdown")

# The rendering `etl.query.adhoc.run_statement` must fetch for each mode.
RENDERING = {"table": "text", "csv": "text", "markdown": "text", "json": "json"}

# A longer value is cut in `table` mode (never in csv or json), so one long sentence does not
# push every other column off the screen.
MAX_CELL_WIDTH = 60

_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                  "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "BIGNUM", "VARINT"}
_FLOAT_TYPES = {"FLOAT", "DOUBLE"}


# What EXPLAIN returns: its plan is a drawing of its own, shown as it is in `table` mode.
_EXPLAIN_COLUMNS = ("explain_key", "explain_value")


def render(rows: Rows, mode: str) -> str:
    """The whole result as text in one of MODES."""
    if mode == "table" and rows.columns == _EXPLAIN_COLUMNS:
        return "".join(f"{value}\n" for _, value in rows.cells)
    return {"table": _table, "csv": _csv, "json": _json, "markdown": _markdown}[mode](rows)


def is_numeric(duckdb_type: str) -> bool:
    return (duckdb_type in _INTEGER_TYPES or duckdb_type in _FLOAT_TYPES
            or duckdb_type.startswith("DECIMAL"))


def readable_number(text: str, duckdb_type: str) -> str:
    """DuckDB's text of a number, with thousands separators and without an exponent:
    10000000000 -> 10,000,000,000; 1e+20 -> 100,000,000,000,000,000,000; 1234.50 -> 1,234.50
    (a decimal keeps its scale); 3.0 -> 3 (a double that holds a whole number)."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text  # nan, inf
    if not number.is_finite():
        return text
    if duckdb_type in _FLOAT_TYPES and number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}"


def write(text: str, to: Path | None = None) -> None:
    """Results and listings: to stdout, or to a file (`.once FILE`)."""
    if to is not None:
        to.write_text(text, encoding="utf-8")
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def notice(line: str) -> None:
    """One line on stderr: errors and notices (`truncated`, `Run Time`)."""
    print(line, file=sys.stderr, flush=True)


def columns_table(headers: tuple[str, ...], rows: list[tuple[str | None, ...]]) -> str:
    """A table of text only (the shell's `.schema` and `.tables`)."""
    return _table(Rows(headers, ("VARCHAR",) * len(headers), rows, False, len(rows), 0.0))


# -- table and markdown: for reading -------------------------------------------------------

def _display_cells(rows: Rows) -> list[list[str]]:
    numeric = [is_numeric(t) and not _is_label(name, t)
               for name, t in zip(rows.columns, rows.types, strict=True)]
    return [[_display(value, rows.types[i], numeric[i]) for i, value in enumerate(row)]
            for row in rows.cells]


def _is_label(column: str, duckdb_type: str) -> bool:
    """An integer that names rather than counts (a year, an id) reads wrong as 2,023."""
    name = column.lower()
    return duckdb_type in _INTEGER_TYPES and (
        name in ("year", "id") or name.endswith(("_year", "_id", "_no")))


def _display(value: str | None, duckdb_type: str, numeric: bool) -> str:
    if value is None:
        return ""
    if numeric:
        return readable_number(value, duckdb_type)
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _width(text: str) -> int:
    """Terminal columns: East Asian wide characters (Hangul in the Korean sources) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, limit: int = MAX_CELL_WIDTH) -> str:
    if _width(text) <= limit:
        return text
    kept, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _table(rows: Rows) -> str:
    numeric = [is_numeric(t) for t in rows.types]
    body = [[_cut(cell) for cell in row] for row in _display_cells(rows)]
    header = [_cut(name) for name in rows.columns]
    widths = [max([_width(header[i])] + [_width(row[i]) for row in body])
              for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "│ " + " │ ".join(_pad(c, widths[i], numeric[i])
                                 for i, c in enumerate(cells)) + " │"

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + right

    lines = [rule("┌", "┬", "┐"), line(header), rule("├", "┼", "┤")]
    lines += [line(row) for row in body]
    lines.append(rule("└", "┴", "┘"))
    return "\n".join(lines) + "\n"


def _markdown(rows: Rows) -> str:
    numeric = [is_numeric(t) for t in rows.types]

    def line(cells) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    lines = [line(rows.columns), "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += [line(row) for row in _display_cells(rows)]
    return "\n".join(lines) + "\n"


# -- csv and json: exact -------------------------------------------------------------------

def _csv_field(value: str | None) -> str:
    """As DuckDB's CSV writer does: NULL is an empty field, an empty string is quoted."""
    if value is None:
        return ""
    if value == "" or any(ch in value for ch in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv(rows: Rows) -> str:
    lines = [",".join(_csv_field(name) for name in rows.columns)]
    lines += [",".join(_csv_field(v) for v in row) for row in rows.cells]
    return "\n".join(lines) + "\n"


# JSON has no NaN or infinity: they come as strings, so the output stays valid JSON.
_NOT_JSON_NUMBERS = {"NaN": '"NaN"', "Infinity": '"Infinity"', "-Infinity": '"-Infinity"'}


def _json(rows: Rows) -> str:
    """One JSON array, one object per row and line; each value is DuckDB's `to_json`."""
    names = [json.dumps(name, ensure_ascii=False) for name in rows.columns]
    objects = ["{" + ", ".join(f"{names[i]}: {_json_value(v)}" for i, v in enumerate(row))
               + "}" for row in rows.cells]
    if not objects:
        return "[]\n"
    return "[\n" + ",\n".join(objects) + "\n]\n"


def _json_value(value: str | None) -> str:
    if value is None:
        return "null"
    return _NOT_JSON_NUMBERS.get(value, value)
