"""The bad-input corpus: malformed input at every entry point.

Each case says which input it breaks, the exit code it must get, and words the one error or
warning line must hold. For every case: no traceback; a failed run leaves the previous
warehouse byte for byte; a run that goes on conserves rows (read = loaded + rejected).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from etl.paths import dsa_samples
from etl.pipeline import DEFAULT_CLAIMS
from tests.conftest import SHARED_SEEDS, cfwatch

DSA_V1 = dsa_samples() / "sor-sample-2024-schema-v1.csv"
GOOD_CSV = "listing_id,store_id,listed_at\nA1,S1,2024-01-01\n"


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # builds the input in a folder, returns CLI arguments
    exit_code: int
    words: tuple[str, ...]


def article(content: bytes, name: str = "bad.txt"):
    def make(d: Path) -> list[str]:
        (d / "articles" / name).write_bytes(content)
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
    Case("corpus-registry-missing-file", corpus_registry('[[source]]\nid = "ghost"\n'
                                                         'file = "ghost.txt"\n'), 0,
         ("ghost.txt", "missing file")),
    # Reviewed claims: a wrong review must not load.
    Case("claims-unparseable", claims(lambda t: t + "\n[[figure]\n"), 1, ("do not parse",)),
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
    # The command line.
    Case("cli-unknown-option", args_only("--no-such-flag"), 2, ("usage error",)),
    Case("cli-articles-not-a-folder", args_only("--articles", "/etc/hostname"), 1,
         ("--articles must be a folder",)),
    Case("cli-warehouse-is-a-folder", lambda d: ["--warehouse", str(d)], 1, ("not a file",)),
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


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, baseline: Path, tmp_path: Path):
    if not DSA_V1.is_file() and case.name.startswith("dsa"):
        pytest.skip("DSA sample rows not present")
    shutil.copytree(baseline / "articles", tmp_path / "articles")
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(baseline / "warehouse.duckdb", warehouse)
    shutil.copy(baseline / "warehouse.duckdb.runs.jsonl", tmp_path / "warehouse.duckdb.runs.jsonl")
    before = digest(warehouse)
    extra = case.make(tmp_path)
    args = ["etl", "run", "--articles", str(tmp_path / "articles"), "--warehouse",
            str(warehouse)]
    if "--warehouse" in extra:
        args = args[:-2]
    if "--articles" in extra:
        args = ["etl", "run", "--warehouse", str(warehouse)]
    result = cfwatch(*args, *extra)
    output = result.stdout + result.stderr
    assert result.returncode == case.exit_code, output
    assert "Traceback" not in output and "internal error" not in output, output
    message = [line for line in result.stderr.splitlines()
               if line.startswith(("cfwatch: error", "cfwatch: warning", "cfwatch: usage"))]
    for word in case.words:
        assert any(word in line for line in message), (word, result.stderr)
    if case.exit_code != 0:
        assert len([m for m in message if "error" in m]) == 1, result.stderr
        assert digest(warehouse) == before  # the previous warehouse, byte for byte
        return
    # The run went on: rows are conserved for every input, and articles too.
    counts = re.findall(r"read (\d+), loaded (\d+), rejected (\d+)", result.stdout)
    assert counts, result.stdout
    for read, loaded, rejected in counts:
        assert int(read) == int(loaded) + int(rejected)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM inputs WHERE rows_read <> rows_loaded + "
                           "rows_rejected").fetchone() == (0,)
