"""`cfwatch export`: every table and view of the served warehouse as Parquet (or CSV) files.

The warehouse file is DuckDB 2.0, which no DuckDB 1.x (nor a tool embedding one) can open;
Parquet is read by every DuckDB, Polars, pandas, Spark and BI tool. The files are written with
DuckDB's defaults that every reader knows: Parquet format version 1 (V1 data pages, PLAIN and
dictionary encodings) and snappy compression; a test checks those and reads every file back
with pyarrow, Polars and a DuckDB 1.x.

Atomic per run, like the warehouse: everything is written into a new folder beside the
target, and only a complete export is renamed into place. A failed or killed export leaves the
previous one untouched and a hidden leftover folder, which the next export removes."""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import CfwatchError, UsageError
from etl.query.catalog import ALL_COLUMN_DOCS, SCHEMA_DOCS
from etl.query.connection import connect, first_line
from etl.warehouse.lock import pid_alive

FORMATS = ("parquet", "csv")

# Snappy is the codec every Parquet reader supports (zstd is smaller, but not every BI tool
# reads it).
PARQUET_COMPRESSION = "snappy"

# Marks a folder as an export, so a later export may replace it; no other folder is replaced.
MARKER = ".cfwatch-export.json"


@dataclass(frozen=True)
class Exported:
    """What one export wrote."""
    out: Path
    format: str
    rows: dict[str, int]  # table or view -> rows written
    bytes: int
    seconds: float

    def line(self) -> str:
        return (f"exported {len(self.rows)} tables and views ({sum(self.rows.values()):,} rows, "
                f"{self.bytes / 1e6:,.1f} MB of {self.format}) -> {self.out} "
                f"in {self.seconds:.1f} s")


def export(warehouse: Path, out: Path, format: str = "parquet",
           names: list[str] | None = None) -> Exported:
    """Write the tables and views `names` (default: all) of `warehouse` into the folder `out`,
    one file each, with a README.md of their column comments.

    Raises UsageError (exit 2) for an unknown table or an `out` that is neither new, empty nor
    an earlier export; CfwatchError (exit 1) when writing fails (the previous export stays)."""
    started = time.perf_counter()
    out = Path(out).expanduser().resolve()
    # One read-only connection: every file and the README come from the same warehouse file,
    # even if an ETL run swaps a new one in meanwhile.
    with connect(warehouse) as con:
        docs = con.sql(SCHEMA_DOCS).pl()
        chosen = _chosen(docs["name"].to_list(), names)
        _check_target(out)
        _remove_leftovers(out)
        staging = out.parent / f".{out.name}.{os.getpid()}.exporting"
        try:
            staging.mkdir(parents=True)
            rows = _write_files(con, staging, format, chosen)
            (staging / "README.md").write_text(
                _readme(warehouse, format, rows, docs, con.sql(ALL_COLUMN_DOCS).pl()),
                encoding="utf-8")
            (staging / MARKER).write_text(json.dumps(
                {"warehouse": str(warehouse), "format": format, "tables": rows}, indent=1))
            size = sum(p.stat().st_size for p in staging.iterdir())
            _swap_in(staging, out)
        except OSError as exc:
            raise CfwatchError(str(out), f"cannot write the export: {exc}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Exported(out, format, rows, size, time.perf_counter() - started)


def _chosen(available: list[str], names: list[str] | None) -> list[str]:
    if not names:
        return available
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(", ".join(unknown), "no such table or view in the warehouse "
                                             "(`cfwatch sql` then .tables lists them)")
    return list(dict.fromkeys(names))


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(str(out), "is a file; give a folder for the export")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(str(out), "is a folder that is not an earlier export and not empty; "
                                   "give a new or empty folder (an export replaces its folder)")


def _remove_leftovers(out: Path) -> None:
    """Folders of exports that were killed: their process is gone."""
    for leftover in out.parent.glob(f".{out.name}.*.*"):
        pid = leftover.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _write_files(con: duckdb.DuckDBPyConnection, folder: Path, format: str,
                 names: list[str]) -> dict[str, int]:
    """Each table or view into its file; its row count is what COPY reports writing."""
    options = (f"FORMAT parquet, COMPRESSION {PARQUET_COMPRESSION}" if format == "parquet"
               else "FORMAT csv, HEADER true")
    rows = {}
    for name in names:
        target = str(folder / f"{name}.{format}").replace("'", "''")
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            rows[name] = con.sql(f"COPY {quoted} TO '{target}' ({options})").fetchall()[0][0]
        except duckdb.Error as exc:
            raise CfwatchError(name, f"cannot export: {first_line(exc)}") from None
    return rows


def _swap_in(staging: Path, out: Path) -> None:
    """The new export takes the place of the old one by rename: readers see one or the other."""
    if not out.exists():
        staging.rename(out)
        return
    previous = out.parent / f".{out.name}.{os.getpid()}.previous"
    out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)


def _readme(warehouse: Path, format: str, rows: dict[str, int], docs, columns) -> str:
    kinds = dict(zip(docs["name"], docs["kind"], strict=True))
    comments = dict(zip(docs["name"], docs["comment"], strict=True))
    lines = [
        "# Counterfeit Watch warehouse export", "",
        f"Exported by `cfwatch export` from `{warehouse}`: one {format} file per table or "
        "view, with the column comments of the warehouse below.", "",
        _how_to_read(format), "",
        "| file | kind | rows | what it holds |", "|---|---|---:|---|",
    ]
    lines += [f"| `{name}.{format}` | {kinds[name]} | {count:,} | {_cell(comments[name])} |"
              for name, count in rows.items()]
    for name in rows:
        lines += ["", f"## {name}", "", _cell(comments[name]), "",
                  "| column | type | meaning |", "|---|---|---|"]
        mine = columns.filter(columns["table_name"] == name)
        lines += [f"| `{column}` | {_cell(data_type)} | {_cell(comment)} |"
                  for _, column, data_type, comment in mine.iter_rows()]
    return "\n".join(lines) + "\n"


def _how_to_read(format: str) -> str:
    if format == "csv":
        return ("CSV with a header row, UTF-8, comma-separated; NULL is an empty field, lists "
                "and structs are written as DuckDB writes them (`[1, 2]`, `{'a': 1}`).")
    return ("Parquet (format version 1, snappy): DuckDB 1.x or 2.x "
            "`SELECT * FROM 'claims.parquet'`, Polars `pl.read_parquet(...)`, pandas "
            "`pd.read_parquet(...)`, Spark `spark.read.parquet(...)`, or any BI tool.")


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")
