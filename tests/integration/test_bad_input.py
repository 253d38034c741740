"""Bad input: a clear one-line message naming the file and the reason, and the old warehouse
kept whenever the run cannot go on."""

from __future__ import annotations

import hashlib
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.pipeline import DEFAULT_CLAIMS
from tests.conftest import ROOT, cfwatch


def build(corpus: Path, warehouse: Path, *extra: str):
    return cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse), *extra)


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_clear_line(stderr: str, *must_contain: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("cfwatch: error")]
    assert len(lines) == 1, stderr
    for part in must_contain:
        assert part in lines[0], lines[0]


@pytest.fixture
def built(seed_corpus, warehouse):
    assert build(seed_corpus, warehouse).returncode == 0
    return seed_corpus, warehouse


@pytest.mark.parametrize("name,content,reason", [
    ("binary.txt", b"\x00\x01\x02junk\x00", "binary file"),
    ("latin1.txt", "Caf\xe9 verwijderd 300 producten".encode("latin-1"), "not UTF-8"),
    ("empty.txt", b"   \n", "empty article"),
])
def test_unusable_article_is_rejected_and_the_rest_loads(built, name, content, reason):
    corpus, warehouse = built
    (corpus / name).write_bytes(content)
    result = build(corpus, warehouse)
    assert result.returncode == 0, result.stderr
    assert name in result.stderr and reason in result.stderr and "Traceback" not in result.stderr
    assert "read 3, loaded 2, rejected 1" in result.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM rejects WHERE input LIKE ? AND reason LIKE ?",
                           [f"%{name}", f"%{reason}%"]).fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM figures WHERE text_matched").fetchone()[0] > 20


def test_hash_mismatch_rejects_the_text_but_keeps_the_claims(built):
    corpus, warehouse = built
    article = corpus / "000_13b36bd001e7c1d3.txt"
    article.write_text(article.read_text() + "\nEdited.")
    result = build(corpus, warehouse)
    assert result.returncode == 0
    assert "does not match the registered" in result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status = con.execute("SELECT text_status FROM sources WHERE file = ?",
                             [article.name]).fetchone()
        assert status == ("hash_mismatch",)
        unchecked = con.execute("SELECT count(*), count(*) FILTER (WHERE status = 'reviewed') "
                                "FROM figures f JOIN sources s USING (source_id) "
                                "WHERE s.file = ? AND text_matched IS NULL",
                                [article.name]).fetchone()
        assert unchecked == (9, 9)  # the reviewed entries, their text unchecked


def test_registry_that_does_not_parse_stops_and_keeps_the_old_warehouse(built, tmp_path):
    corpus, warehouse = built
    before = fingerprint(warehouse)
    bad = tmp_path / "sources.toml"
    bad.write_text("[[source]]\nid = 'x\n")
    result = build(corpus, warehouse, "--registry", str(bad))
    assert result.returncode == 1
    one_clear_line(result.stderr, str(bad), "does not parse")
    assert fingerprint(warehouse) == before


def test_corpus_registry_naming_a_missing_file_warns(built):
    corpus, warehouse = built
    (corpus / "sources.toml").write_text(
        '[[source]]\nid = "ghost"\nfile = "ghost.txt"\nlanguage = "en"\n')
    result = build(corpus, warehouse)
    assert result.returncode == 0
    assert "ghost.txt" in result.stderr and "missing file" in result.stderr


def test_reviewed_entry_at_wrong_offsets_fails_clearly(built, tmp_path):
    corpus, warehouse = built
    before = fingerprint(warehouse)
    claims = tmp_path / "claims.toml"
    claims.write_text(re.sub(r"char_start = 3474\nchar_end = 3481",
                             "char_start = 3475\nchar_end = 3482", DEFAULT_CLAIMS.read_text()))
    result = build(corpus, warehouse, "--claims", str(claims))
    assert result.returncode == 1
    one_clear_line(result.stderr, str(claims), "[[figure]] #1", "'977,151'")
    assert fingerprint(warehouse) == before


def test_reviewed_entry_with_unknown_metric_fails_clearly(built, tmp_path):
    corpus, warehouse = built
    claims = tmp_path / "claims.toml"
    claims.write_text(DEFAULT_CLAIMS.read_text().replace('metric = "closed_stores"',
                                                         'metric = "closed_shops"', 1))
    result = build(corpus, warehouse, "--claims", str(claims))
    assert result.returncode == 1
    one_clear_line(result.stderr, "[[figure]] #2", "closed_shops")


def test_registry_path_outside_the_corpus_is_refused(built, tmp_path):
    corpus, warehouse = built
    (corpus / "sources.toml").write_text('[[source]]\nid = "x"\nfile = "../../etc/passwd"\n')
    result = build(corpus, warehouse)
    assert result.returncode == 1
    one_clear_line(result.stderr, "plain file name")


def test_usage_errors_exit_2(warehouse):
    result = cfwatch("etl", "run", "--no-such-flag")
    assert result.returncode == 2 and "usage error" in result.stderr
    result = cfwatch("etl", "run", "--articles", "/no/such/folder", "--warehouse", str(warehouse))
    assert result.returncode == 1
    one_clear_line(result.stderr, "/no/such/folder")


def test_failed_run_is_recorded_in_the_run_history(built, tmp_path):
    corpus, warehouse = built
    bad = tmp_path / "sources.toml"
    bad.write_text("not toml [")
    assert build(corpus, warehouse, "--registry", str(bad)).returncode == 1
    assert build(corpus, warehouse).returncode == 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = [s for (s,) in con.execute(
            "SELECT status FROM etl_runs ORDER BY started_at").fetchall()]
    assert statuses == ["success", "failed", "success"]


def test_killed_runs_leave_a_complete_warehouse(built):
    """SIGKILL the ETL at random moments: the served file is always a complete version."""
    corpus, warehouse = built
    expected = duckdb.connect(str(warehouse), read_only=True)
    want = expected.execute("SELECT count(*) FROM figures").fetchone()
    expected.close()
    rng = random.Random(7)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-m", "etl", "etl", "run", "--articles",
                                 str(corpus), "--warehouse", str(warehouse)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with duckdb.connect(str(warehouse), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM figures").fetchone() == want
    # The next run cleans up whatever the killed ones left.
    assert build(corpus, warehouse).returncode == 0
    leftovers = [p.name for p in warehouse.parent.iterdir() if ".building" in p.name]
    assert leftovers == []
