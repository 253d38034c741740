"""What a listing file really holds: checked before DuckDB reads it, and used to explain why
DuckDB could not.

Left to DuckDB, a UTF-16 CSV loads as rows of garbage, a duplicate header column is renamed
(`listing_id`, `listing_id_1`) so that one of the two is silently ignored, and a Parquet file
named .csv, or a CSV with mixed line endings, fails with "Error when sniffing file" and no
cause. Each becomes one line here that names the file's problem.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.errors import CfwatchError

HEAD_BYTES = 1 << 20  # enough for the header and the first thousands of lines
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_MAGIC = ((b"PAR1", "a Parquet file"), (b"PK\x03\x04", "a zip archive"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"\x28\xb5\x2f\xfd", "zstd-compressed data"))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise CfwatchError(str(path), f"cannot read file: {exc.strerror}") from None


def duplicates(names: list[str]) -> list[str]:
    """Names that appear more than once; DuckDB matches column names case-insensitively."""
    counts = Counter(n.strip().lower() for n in names)
    return sorted({n.strip() for n in names if counts[n.strip().lower()] > 1})


def _line_endings(head: bytes) -> dict[str, int]:
    if head.endswith(b"\r"):
        head = head[:-1]  # the read may have stopped between \r and \n
    crlf = head.count(b"\r\n")
    return {k: v for k, v in (("CRLF", crlf), ("LF", head.count(b"\n") - crlf),
                              ("CR", head.count(b"\r") - crlf)) if v}


def check_csv(path: Path) -> None:
    """Refuse a .csv file that is not UTF-8 CSV text, or whose header repeats a column."""
    head = _head(path)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            raise CfwatchError(str(path), f"{encoding} text (it starts with a byte-order mark); "
                                          "save it as UTF-8")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            hint = "; rename it to .parquet" if magic == b"PAR1" else "; unpack it first"
            raise CfwatchError(str(path), f"{what}, not CSV text{hint}")
    if b"\x00" in head:
        raise CfwatchError(str(path), "binary data (NUL bytes), or UTF-16 without a byte-order "
                                      "mark; not UTF-8 CSV text")
    first = head.split(b"\n", 1)[0].split(b"\r", 1)[0].decode("utf-8", "replace")
    header = next(csv.reader(io.StringIO(first.lstrip("\ufeff"))), [])
    repeated = duplicates(header)
    if repeated:
        raise CfwatchError(str(path), f"duplicate column(s) in the header: {', '.join(repeated)} "
                                      "(each column may appear once)")


def check_parquet(path: Path) -> None:
    """Refuse a .parquet file that is not Parquet, or whose schema repeats a column."""
    head = _head(path)
    if not head.startswith(b"PAR1"):
        looks_like_text = b"\x00" not in head[:4096] and bool(head.strip())
        raise CfwatchError(str(path), "not a readable Parquet file: "
                           + ("it holds text (CSV?); rename it to .csv" if looks_like_text
                              else "no Parquet header"))
    try:
        names = pq.read_schema(path).names
    except (pa.ArrowException, OSError):
        return  # unreadable: DuckDB's reader says why, next
    repeated = duplicates(names)
    if repeated:
        raise CfwatchError(str(path), f"duplicate column(s): {', '.join(repeated)} "
                                      "(each column may appear once)")


def explain_csv_failure(path: Path, message: str) -> str:
    """Why DuckDB could not read a CSV file, in words: its own first line is often only
    'Error when sniffing file'."""
    endings = _line_endings(_head(path))
    if len(endings) > 1:
        found = ", ".join(f"{n:,} {kind}" for kind, n in endings.items())
        return f"mixed line endings ({found}); save it with one kind of line ending"
    if "sniffing" in message.lower() or "dialect" in message.lower():
        return ("not a readable CSV file: its delimiter and quoting cannot be told from its "
                "first lines (is it comma-separated text with a header row?)")
    return f"not a readable CSV file: {message}"
