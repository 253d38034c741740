"""The bad-input corpus: malformed input at every entry point.

Each case says which input it breaks, the exit code it must get, and words the one error or
warning line must hold. For every case: no traceback; a failed run leaves the previous
warehouse byte for byte; a run that goes on conserves rows (read = loaded + rejected).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl.pipeline import DEFAULT_CLAIMS
from tests.conftest import SHARED_DSA, SHARED_SEEDS, cfwatch

DSA_V1 = SHARED_DSA / "sor-sample-2024-schema-v1.csv"
GOOD_CSV = "listing_id,store_id,listed_at\nA1,S1,2024-01-01\n"


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # builds the input in a folder, returns CLI arguments
    exit_code: int
    words: tuple[str, ...]  # in the error or warning lines
    rejected: tuple[str, ...] = ()  # in this run's rejects reasons (a repeat: that many rows)
    check: Callable[[duckdb.DuckDBPyConnection], bool] | None = None  # on the new warehouse


def article(content: bytes, name: str = "bad.txt"):
    def make(d: Path) -> list[str]:
        (d / "articles" / name).write_bytes(content)
        return []
    return make


def article_link(target: str | Callable[[Path], Path], name: str = "bad.txt"):
    """An article that is a symlink (to a device, or to a file outside the corpus)."""
    def make(d: Path) -> list[str]:
        (d / "articles" / name).symlink_to(target(d) if callable(target) else target)
        return []
    return make


def article_fifo(name: str = "bad.txt"):
    def make(d: Path) -> list[str]:
        os.mkfifo(d / "articles" / name)
        return []
    return make


def outside_file(d: Path) -> Path:
    (d / "outside-secret.txt").write_text("root:x:0:0:secret line outside the corpus\n")
    return d / "outside-secret.txt"


def registered_link(target: str | Callable[[Path], Path]):
    """A corpus registry entry whose plain file name is a symlink leading out of the corpus."""
    def make(d: Path) -> list[str]:
        (d / "articles" / "shadow.txt").symlink_to(target(d) if callable(target) else target)
        (d / "articles" / "sources.toml").write_text(
            '[[source]]\nid = "shadow"\nfile = "shadow.txt"\nlanguage = "en"\n')
        return []
    return make


def parquet_columns(names: list[str], name: str = "feed.parquet"):
    """A Parquet file whose schema has exactly these column names (duplicates included)."""
    def make(d: Path) -> list[str]:
        table = pa.table([pa.array(["A1"]), pa.array(["S1"]), pa.array(["B1"]),
                          pa.array(["2024-01-01"])][:len(names)], names=names)
        pq.write_table(table, d / name)
        return ["--listings", str(d / name)]
    return make


def damage_warehouse(change: Callable[[bytes], bytes]):
    """The served warehouse file itself, damaged."""
    def make(d: Path) -> list[str]:
        path = d / "warehouse.duckdb"
        path.write_bytes(change(path.read_bytes()))
        return []
    return make


def registry(text: str):
    def make(d: Path) -> list[str]:
        (d / "registry.toml").write_text(text)
        return ["--registry", str(d / "registry.toml")]
    return make


def corpus_registry(text: str):
    def make(d: Path) -> list[str]:
        (d / "articles" / "sources.toml").write_text(text)
        return []
    return make


def claims(transform: Callable[[str], str]):
    def make(d: Path) -> list[str]:
        (d / "claims.toml").write_text(transform(DEFAULT_CLAIMS.read_text()))
        return ["--claims", str(d / "claims.toml")]
    return make


def listings(content: bytes, name: str = "feed.csv"):
    def make(d: Path) -> list[str]:
        (d / name).write_bytes(content)
        return ["--listings", str(d / name)]
    return make


def parquet(sql: str, name: str = "feed.parquet", cut: bool = False):
    def make(d: Path) -> list[str]:
        path = d / name
        with duckdb.connect() as con:
            con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet)")
        if cut:
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        return ["--listings", str(path)]
    return make


def dsa_file(build: Callable[[Path], Path]):
    def make(d: Path) -> list[str]:
        return ["--dsa", str(build(d)), "--platform", "all"]
    return make


def zipped(members: dict[str, bytes], stored=False):
    buffer = io.BytesIO()
    mode = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", mode) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def write(name: str, data: bytes | Callable[[], bytes]):
    def build(d: Path) -> Path:
        (d / name).write_bytes(data() if callable(data) else data)
        return d / name
    return build


def nested(depth: int) -> bytes:
    data = DSA_V1.read_bytes()
    inner = zipped({"part.csv": data})
    for level in range(depth):
        inner = zipped({f"level{level}.zip": inner}, stored=True)
    return inner


def replace_once(old: str, new: str):
    return lambda text: text.replace(old, new, 1)


def args_only(*args: str):
    return lambda d: list(args)


CASES = [
    # Articles: rejected with a warning, the rest loads.
    Case("article-binary", article(b"\x00\x01\x02\xffjunk"), 0, ("bad.txt", "binary")),
    Case("article-latin1", article("Caf\xe9 300 producten".encode("latin-1")), 0,
         ("bad.txt", "not UTF-8")),
    Case("article-utf16", article("Removed 300 items".encode("utf-16")), 0,
         ("bad.txt", "binary")),
    Case("article-empty", article(b""), 0, ("bad.txt", "empty article")),
    Case("article-whitespace", article(b" \n\t \n"), 0, ("bad.txt", "empty article")),
    Case("article-huge", article(b"removed 5 listings. " * 300_000), 0,
         ("bad.txt", "byte limit")),
    Case("article-truncated-utf8", article("Verwijderd: 300 namaakproducten \u20ac".encode()[:-1]),
         0, ("bad.txt", "not UTF-8")),
    Case("article-symlink-dev-zero", article_link("/dev/zero"), 0,
         ("bad.txt", "outside the folder", "/dev/zero")),
    Case("article-fifo", article_fifo(), 0, ("bad.txt", "a FIFO, not a regular file")),
    Case("article-symlink-outside", article_link(outside_file), 0,
         ("bad.txt", "outside the folder", "outside-secret.txt")),
    Case("article-symlink-etc-passwd", article_link("/etc/passwd"), 0,
         ("bad.txt", "outside the folder", "/etc/passwd")),
    Case("article-folder-named-txt", lambda d: (d / "articles" / "bad.txt").mkdir() or [], 0,
         ("bad.txt", "a folder, not a regular file")),
    Case("article-registered-symlink-outside", registered_link(outside_file), 0,
         ("shadow.txt", "outside the folder")),
    Case("article-number-with-dots-and-comma",
         article(b"AliExpress removed 1.000.000,5 fake listings in 2023.\n", "dots.txt"), 0, (),
         check=lambda con: con.execute(
             "SELECT count(*) FROM figure_skips WHERE surface = '1.000.000,5'").fetchone()[0]
         == 1),
    # The registry: not safe to go on.
    Case("registry-unparseable", registry("[[source]\nid = 'x'"), 1, ("registry.toml",
                                                                      "does not parse")),
    Case("registry-missing-id", registry('[[source]]\nfile = "a.txt"\n'), 1,
         ("missing required field", "id")),
    Case("registry-duplicate-id", registry('[[source]]\nid = "a"\nfile = "a.txt"\n'
                                           '[[source]]\nid = "a"\nfile = "b.txt"\n'), 1,
         ("duplicate source id",)),
    Case("registry-bad-language", registry('[[source]]\nid = "a"\nfile = "a.txt"\n'
                                           'language = "xx"\n'), 1, ("language 'xx'",)),
    Case("registry-bad-date", registry('[[source]]\nid = "a"\nfile = "a.txt"\n'
                                       'published = "06/12/2023"\n'), 1, ("published must be",)),
    Case("registry-path-outside", corpus_registry('[[source]]\nid = "x"\n'
                                                  'file = "../../etc/passwd"\n'), 1,
         ("plain file name",)),
    Case("registry-binary", registry("\x00\x01\x02"), 1, ("registry.toml",)),
    Case("corpus-registry-symlink-outside", lambda d: (
        d / "articles" / "sources.toml").symlink_to(outside_file(d)) or [], 1,
         ("sources.toml", "outside the folder")),
    Case("corpus-registry-fifo", lambda d: os.mkfifo(d / "articles" / "sources.toml") or [], 1,
         ("sources.toml", "a FIFO")),
    Case("claims-fifo", lambda d: os.mkfifo(d / "claims.toml") or ["--claims",
                                                                     str(d / "claims.toml")], 1,
         ("claims.toml", "a FIFO")),
    Case("corpus-registry-missing-file", corpus_registry('[[source]]\nid = "ghost"\n'
                                                         'file = "ghost.txt"\n'), 0,
         ("ghost.txt", "missing file")),
    # Reviewed claims: a wrong review must not load.
    Case("claims-unparseable", claims(lambda t: t + "\n[[figure]\n"), 1, ("does not parse",)),
    Case("claims-unknown-metric", claims(replace_once('metric = "removed_listings"',
                                                      'metric = "deleted_things"')), 1,
         ("deleted_things",)),
    Case("claims-unknown-source", claims(replace_once(
        'source = "asiae-2023-12-06-aliexpress-korea"', 'source = "nobody"')), 1,
         ("'nobody'", "not in the registry")),
    Case("claims-negative-offsets", claims(replace_once("char_start = 3474",
                                                        "char_start = -4")), 1,
         ("char_start/char_end",)),
    Case("claims-bad-date", claims(replace_once('period_start = "2023-10-06"',
                                                'period_start = "2023-13-45"')), 1,
         ("is not a date",)),
    # Listing files.
    Case("listings-wrong-header", listings(b"id,shop\n1,2\n"), 1, ("wrong header",)),
    Case("listings-empty-file", listings(b""), 1, ("feed.csv",)),
    Case("listings-header-only", listings(b"listing_id,store_id,listed_at\n"), 0, ()),
    Case("listings-binary", listings(bytes(range(256)) * 50), 1, ("feed.csv",)),
    Case("listings-huge-field", listings(("listing_id,store_id,listed_at,brand\nA1,S1,"
                                          "2024-01-01," + "x" * 2_000_000 + "\n").encode()),
         0, ()),
    Case("listings-date-out-of-range", listings(b"listing_id,store_id,listed_at\n"
                                                b"A1,S1,99999-01-01\nA2,S1,2024-13-01\n"), 0, ()),
    Case("listings-duplicate-keys", listings((GOOD_CSV + "A1,S2,2024-02-01\n").encode()), 0,
         ()),
    Case("listings-missing-path", args_only("--listings", "/no/such/feed.csv"), 1,
         ("/no/such/feed.csv", "no such file")),
    Case("parquet-truncated", parquet("SELECT 'A1' AS listing_id, 'S1' AS store_id, "
                                      "DATE '2024-01-01' AS listed_at FROM range(1000)",
                                      cut=True), 1, ("not a readable Parquet",)),
    Case("parquet-wrong-types", parquet("SELECT 'P' || range AS listing_id, 'S1' AS store_id, "
                                        "'yesterday' AS listed_at, 'abc' AS price "
                                        "FROM range(3)"), 0, ()),
    # DSA dumps.
    Case("dsa-zip-bomb", dsa_file(write("sor-global-2024-01-01-full.zip", lambda: zipped(
        {"part.csv": b"uuid," + b"0" * 50_000_000}))), 1, ("zip bomb",)),
    Case("dsa-truncated-zip", dsa_file(write("sor-global-2024-01-02-full.zip", lambda: zipped(
        {"part.csv": DSA_V1.read_bytes()})[:700])), 1, ("not a readable zip",)),
    Case("dsa-wrong-header", dsa_file(write("sor-global-2024-01-03-full.csv",
                                            b"id,platform\n1,x\n")), 1, ("wrong header",)),
    Case("dsa-nested-too-deep", dsa_file(write("sor-global-2024-01-04-full.zip",
                                               lambda: nested(4))), 1, ("nested deeper",)),
    Case("dsa-not-utf8-line", dsa_file(write("sor-global-2024-03-12-full.csv", lambda:
                                             DSA_V1.read_bytes().replace(
                                                 b"AliExpress", b"Ali\xe9xpress", 1))),
         0, ()),
    Case("dsa-empty-zip", dsa_file(write("sor-global-2024-01-05-full.zip",
                                         lambda: zipped({}))), 0, ()),
    # Listing rows: time zones, implausible values (rejected row by row, the rest loads).
    Case("listings-time-zone-offsets-become-utc", listings(
        b"listing_id,store_id,listed_at,action,detected_by,flagged_at,actioned_at\n"
         b"T1,S1,2024-01-01,listing_removed,mystery_shopper,2024-01-02 10:00:00+02:00,"
         b"2024-01-02 09:30:00+01:00\n"
         b"T2,S1,2024-01-01,listing_removed,mystery_shopper,2024-01-02T08:00:00Z,"
         b"2024-01-02 03:30:00-05:00\n"), 0, (),
         check=lambda con: con.execute(
             "SELECT list(flagged_at::VARCHAR || ' ' || actioned_at::VARCHAR ORDER BY listing_id)"
             " FROM enforcement_actions WHERE dataset = 'import:feed.csv'").fetchone()[0] == [
             "2024-01-02 08:00:00 2024-01-02 08:30:00", "2024-01-02 08:00:00 2024-01-02 08:30:00"]),
    Case("listings-time-zone-name-becomes-utc", listings(
        b"listing_id,store_id,listed_at\n"
         b"T1,S1,2024-01-02 10:00:00 Europe/Amsterdam\n"), 0, (),
         check=lambda con: con.execute("SELECT listed_at::VARCHAR FROM listings WHERE "
                                       "listing_id = 'T1'").fetchone() == ("2024-01-02 09:00:00",)),
    Case("listings-time-zone-offset-without-colon", listings(
        b"listing_id,store_id,listed_at\nT1,S1,2024-01-02 10:00:00 +0200\n"), 0, (),
         rejected=("unknown time zone +0200",)),
    Case("listings-time-zone-words-after-the-time", listings(
        b"listing_id,store_id,listed_at\nT1,S1,2024-01-02 10:00:00 tomorrow\n"), 0, (),
         rejected=("unknown time zone tomorrow",)),
    Case("listings-time-zone-offset-beyond-14-hours", listings(
        b"listing_id,store_id,listed_at\nT1,S1,2024-01-02 10:00:00+99:00\n"), 0, (),
         rejected=("unknown time zone +99:00",)),
    Case("listings-price-not-finite", listings(
        b"listing_id,store_id,listed_at,price\nP1,S1,2024-01-01,NaN\nP2,S1,2024-01-01,inf\n"
        b"P3,S1,2024-01-01,-Infinity\nP4,S1,2024-01-01,1e309\nP5,S1,2024-01-01,9.99\n"), 0, (),
         rejected=("price is not a finite number",) * 4),
    Case("listings-price-implausible", listings(
        b"listing_id,store_id,listed_at,price\nP1,S1,2024-01-01,1e308\n"
        b"P2,S1,2024-01-01,100000000001\n"), 0, (), rejected=("implausible price",) * 2),
    Case("listings-dates-implausible", listings(
        b"listing_id,store_id,listed_at\nD1,S1,0001-01-01\nD2,S1,-2024-01-01\nD3,S1,9999-12-31\n"
        b"D4,S1,1970-01-01\nD5,S1,infinity\nD6,S1,2024-06-01\n"), 0, (),
         rejected=("implausible date",) * 5),
    Case("listings-action-date-implausible", listings(
        b"listing_id,store_id,listed_at,action,detected_by,actioned_at\n"
        b"D1,S1,2024-01-01,listing_removed,mystery_shopper,2999-01-01\n"), 0, (),
         rejected=("implausible date 2999-01-01",)),
    # Listing files: which files are read, and files that are not what they say.
    Case("listings-file-named-star-is-taken-literally", lambda d: (
        (d / "other.csv").write_text(GOOD_CSV.replace("A1", "O1") + "O2,S1,2024-01-01\n"),
        (d / "*.csv").write_text(GOOD_CSV), ["--listings", str(d / "*.csv")])[-1], 0, (),
         check=lambda con: con.execute("SELECT list(rows_read) FROM inputs WHERE kind = "
                                       "'listings'").fetchone()[0] == [1]),
    Case("listings-file-named-with-brackets-is-taken-literally", lambda d: (
        (d / "feed1.csv").write_text(GOOD_CSV.replace("A1", "O1")),
        (d / "feed[1].csv").write_text(GOOD_CSV), ["--listings", str(d / "feed[1].csv")])[-1],
         0, (), check=lambda con: con.execute(
             "SELECT list(listing_id) FROM listings WHERE dataset LIKE 'import:%'"
         ).fetchone()[0] == ["A1"]),
    Case("listings-same-id-in-two-files", lambda d: (
        (d / "a.csv").write_text(GOOD_CSV), (d / "b.csv").write_text(GOOD_CSV + "B2,S1,2024-01-01\n"),
        ["--listings", str(d / "a.csv"), str(d / "b.csv")])[-1], 0, (),
         rejected=("duplicate listing_id (already loaded from import:a.csv)",),
         check=lambda con: con.execute("SELECT count(*) FROM listings WHERE listing_id = 'A1'"
                                       ).fetchone() == (1,)),
    Case("listings-same-file-given-twice", lambda d: (
        (d / "a.csv").write_text(GOOD_CSV), ["--listings", str(d / "a.csv"), str(d / "a.csv")])[-1],
         0, (), check=lambda con: con.execute("SELECT count(*) FROM inputs WHERE kind = 'listings'"
                                              ).fetchone() == (1,)),
    Case("listings-file-and-its-folder-given", lambda d: (
        (d / "feeds").mkdir(), (d / "feeds" / "a.csv").write_text(GOOD_CSV),
        ["--listings", str(d / "feeds"), str(d / "feeds" / "a.csv")])[-1], 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM inputs WHERE kind = 'listings'"
                                       ).fetchone() == (1,)),
    Case("listings-option-repeated", lambda d: (
        (d / "a.csv").write_text(GOOD_CSV), (d / "b.csv").write_text(GOOD_CSV.replace("A1", "B1")),
        ["--listings", str(d / "a.csv"), "--listings", str(d / "b.csv")])[-1], 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM inputs WHERE kind = 'listings'"
                                       ).fetchone() == (2,)),
    Case("listings-duplicate-header-column", listings(
        b"listing_id,store_id,listing_id,listed_at\nA1,S1,B1,2024-01-01\n"), 1,
         ("feed.csv", "duplicate column(s) in the header: listing_id")),
    Case("listings-duplicate-header-column-other-case", listings(
        b"listing_id,store_id,listed_at,LISTED_AT\nA1,S1,2024-01-01,2024-02-01\n"), 1,
         ("feed.csv", "duplicate column(s)", "listed_at")),
    Case("listings-utf16-with-bom", listings(GOOD_CSV.encode("utf-16")), 1,
         ("feed.csv", "UTF-16 text", "save it as UTF-8")),
    Case("listings-utf16-without-bom", listings(GOOD_CSV.encode("utf-16-le")), 1,
         ("feed.csv", "UTF-16 without a byte-order mark")),
    Case("listings-parquet-named-csv", lambda d: parquet(
        "SELECT 'A1' AS listing_id, 'S1' AS store_id, DATE '2024-01-01' AS listed_at",
        name="feed.csv")(d), 1, ("feed.csv", "a Parquet file, not CSV text", "rename it")),
    Case("listings-csv-named-parquet", listings(GOOD_CSV.encode(), name="feed.parquet"), 1,
         ("feed.parquet", "it holds text (CSV?)")),
    Case("listings-zip-named-csv", listings(zipped({"feed.csv": GOOD_CSV.encode()})), 1,
         ("feed.csv", "a zip archive")),
    Case("listings-gzip-named-csv", listings(gzip.compress(GOOD_CSV.encode())), 1,
         ("feed.csv", "gzip-compressed")),
    Case("listings-mixed-line-endings", listings(
        b"listing_id,store_id,listed_at\r\nA1,S1,2024-01-01\nA2,S1,2024-01-02\r\n"
        b"A3,S1,2024-01-03\n"), 1, ("feed.csv", "mixed line endings", "CRLF", "LF")),
    Case("listings-crlf-with-a-line-break-inside-quotes", listings(
        b'listing_id,store_id,listed_at,brand\r\nA1,S1,2024-01-01,"two\nlines"\r\n'
        b"A2,S1,2024-01-02,one\r\n"), 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM listings WHERE dataset = "
                                       "'import:feed.csv'").fetchone() == (2,)),
    Case("listings-utf8-byte-order-mark", listings(b"\xef\xbb\xbf" + GOOD_CSV.encode()), 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM listings WHERE dataset = "
                                       "'import:feed.csv'").fetchone() == (1,)),
    Case("listings-parquet-duplicate-column", parquet_columns(
        ["listing_id", "store_id", "listing_id", "listed_at"]), 1,
         ("feed.parquet", "duplicate column(s): listing_id")),
    Case("listings-fifo", lambda d: os.mkfifo(d / "feed.csv") or ["--listings",
                                                                  str(d / "feed.csv")], 1,
         ("feed.csv", "a FIFO, not a regular file")),
    Case("listings-dev-zero", args_only("--listings", "/dev/zero"), 1,
         ("/dev/zero", "a character device")),
    Case("listings-folder-holding-a-link-to-dev-zero", lambda d: (
        (d / "feeds").mkdir(), (d / "feeds" / "zero.csv").symlink_to("/dev/zero"),
        ["--listings", str(d / "feeds")])[-1], 1, ("zero.csv", "a character device")),
    # DSA dumps given more than once, or not regular files.
    Case("dsa-option-repeated", lambda d: (
        write("sor-global-2024-03-01-full.csv", DSA_V1.read_bytes())(d),
        write("sor-global-2024-03-02-full.csv", DSA_V1.read_bytes())(d),
        ["--dsa", str(d / "sor-global-2024-03-01-full.csv"), "--dsa",
         str(d / "sor-global-2024-03-02-full.csv"), "--platform", "all"])[-1], 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM inputs WHERE kind = 'dsa' AND "
                                       "rows_loaded > 0").fetchone() == (2,)),
    Case("dsa-same-file-given-twice", lambda d: (
        write("sor-global-2024-03-03-full.csv", DSA_V1.read_bytes())(d),
        ["--dsa", str(d / "sor-global-2024-03-03-full.csv"),
         str(d / "sor-global-2024-03-03-full.csv"), "--platform", "all"])[-1], 0, (),
         check=lambda con: con.execute("SELECT count(*) FROM inputs WHERE kind = 'dsa'"
                                       ).fetchone() == (1,)),
    Case("dsa-fifo", lambda d: os.mkfifo(d / "sor-global-2024-03-04-full.csv") or [
        "--dsa", str(d / "sor-global-2024-03-04-full.csv")], 1, ("a FIFO",)),
    # The served warehouse itself, damaged.
    Case("warehouse-not-duckdb", damage_warehouse(lambda data: os.urandom(len(data))), 1,
         ("warehouse.duckdb", "cannot be read", "cfwatch etl rollback", "--full")),
    Case("warehouse-empty-file", damage_warehouse(lambda data: b""), 1,
         ("warehouse.duckdb", "cannot be read")),
    Case("warehouse-bad-checksum", damage_warehouse(
        lambda data: data[:4096] + os.urandom(8192) + data[12288:]), 1,
         ("warehouse.duckdb", "cannot be read")),
    Case("warehouse-not-duckdb-full-rebuild", lambda d: damage_warehouse(
        lambda data: os.urandom(len(data)))(d) + ["--full"], 0,
         ("warehouse.duckdb", "could not be read", "rebuilt from the inputs given")),
    # The command line.
    Case("cli-unknown-option", args_only("--no-such-flag"), 2, ("usage error",)),
    Case("cli-articles-not-a-folder", args_only("--articles", "/etc/hostname"), 1,
         ("--articles must be a folder",)),
    Case("cli-warehouse-is-a-folder", lambda d: ["--warehouse", str(d)], 1, ("not a file",)),
    Case("cli-warehouse-given-twice", lambda d: ["--warehouse", str(d / "a.duckdb"),
                                                 "--warehouse", str(d / "b.duckdb")], 2,
         ("usage error", "--warehouse given twice")),
    Case("cli-articles-given-twice", args_only("--articles", "/tmp", "--articles", "/var"), 2,
         ("usage error", "--articles given twice")),
    Case("cli-sample-given-twice", args_only("--sample", "/tmp/a", "--sample", "/tmp/b"), 2,
         ("usage error", "--sample given twice")),
    Case("cli-registry-is-a-fifo", lambda d: os.mkfifo(d / "registry.toml") or [
        "--registry", str(d / "registry.toml")], 1, ("registry.toml", "a FIFO")),
    Case("cli-claims-missing", args_only("--claims", "/no/such/claims.toml"), 1,
         ("/no/such/claims.toml", "No such file")),
    Case("cli-second-listings-option-missing", lambda d: (
        (d / "a.csv").write_text(GOOD_CSV),
        ["--listings", str(d / "a.csv"), "--listings", "/no/such/b.csv"])[-1], 1,
         ("/no/such/b.csv", "no such file")),
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("baseline")
    articles = base / "articles"
    shutil.copytree(SHARED_SEEDS, articles,
                    ignore=shutil.ignore_patterns("*.md"))
    warehouse = base / "warehouse.duckdb"
    assert cfwatch("etl", "run", "--articles", str(articles), "--warehouse",
                   str(warehouse)).returncode == 0
    return base


def number(text: str) -> int:
    return int(text.replace(",", ""))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Outcome:
    result: subprocess.CompletedProcess
    before: str  # the served warehouse's digest just before the run
    warehouse: Path


def execute(case: Case, baseline: Path, folder: Path) -> Outcome:
    """One case: the baseline warehouse and corpus copied, the bad input made, the real CLI."""
    shutil.copytree(baseline / "articles", folder / "articles")
    warehouse = folder / "warehouse.duckdb"
    shutil.copy(baseline / "warehouse.duckdb", warehouse)
    shutil.copy(baseline / "warehouse.duckdb.runs.jsonl", folder / "warehouse.duckdb.runs.jsonl")
    extra = case.make(folder)
    before = digest(warehouse)
    args = ["etl", "run", "--articles", str(folder / "articles"), "--warehouse",
            str(warehouse)]
    if "--warehouse" in extra:
        args = args[:-2]
    if "--articles" in extra:
        args = ["etl", "run", "--warehouse", str(warehouse)]
    return Outcome(cfwatch(*args, *extra), before, warehouse)


@pytest.fixture(scope="module")
def outcomes(baseline, tmp_path_factory, request) -> dict[str, Outcome | BaseException]:
    """Every selected case, run three at a time: a run mostly waits on the disk, so the
    corpus takes a third of the time it would one by one."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "originalname", None) == "test_bad_input"]

    def attempt(case: Case) -> Outcome | BaseException:
        try:
            return execute(case, baseline, tmp_path_factory.mktemp(case.name))
        except Exception as exc:  # reported by the case's own test
            return exc

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip([c.name for c in selected], pool.map(attempt, selected), strict=True))


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, outcomes):
    outcome = outcomes[case.name]
    if isinstance(outcome, BaseException):
        raise outcome
    result, warehouse = outcome.result, outcome.warehouse
    output = result.stdout + result.stderr
    assert result.returncode == case.exit_code, output
    assert "Traceback" not in output and "internal error" not in output, output
    message = [line for line in result.stderr.splitlines()
               if line.startswith(("cfwatch: error", "cfwatch: warning", "cfwatch: usage"))]
    for word in case.words:
        assert any(word in line for line in message), (word, result.stderr)
    if case.exit_code != 0:
        assert len([m for m in message if "error" in m]) == 1, result.stderr
        assert digest(warehouse) == outcome.before  # the previous warehouse, byte for byte
        return
    # The run went on: rows are conserved for every input, and articles too.
    counts = re.findall(r"read ([\d,]+), loaded ([\d,]+), rejected ([\d,]+)", result.stdout)
    assert counts, result.stdout
    for read, loaded, rejected in counts:
        assert number(read) == number(loaded) + number(rejected)
    warnings = [m for m in message if m.startswith("cfwatch: warning")]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM inputs WHERE rows_read <> rows_loaded + "
                           "rows_rejected").fetchone() == (0,)
        run_id = con.execute("SELECT value FROM build_info WHERE key = 'run_id'").fetchone()[0]
        reasons = [r for (r,) in con.execute("SELECT reason FROM rejects WHERE run_id = ?",
                                             [run_id]).fetchall()]
        # every warning is a rejects row of this run (a warning about the run itself aside)
        assert len(reasons) >= len([w for w in warnings if "warehouse.duckdb:" not in w])
        for expected in set(case.rejected):
            assert sum(expected in r for r in reasons) >= case.rejected.count(expected), (
                expected, reasons)
        # nothing from outside the corpus became readable
        leaked = con.execute("SELECT count(*) FROM figures WHERE sentence LIKE '%root:x:0%' "
                             "OR surface LIKE '%root:x:0%'").fetchone()[0]
        assert leaked == 0
        if case.check is not None:
            assert case.check(con), case.name
