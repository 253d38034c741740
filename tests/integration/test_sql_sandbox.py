"""`cfwatch sql` and the sandbox: refused statements, limits, and an unchanged warehouse."""

from __future__ import annotations

import hashlib
import json

import pytest

from etl.query.connection import QueryError
from etl.query.sandbox import run_query
from tests.conftest import cfwatch


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    path = tmp_path_factory.mktemp("sql") / "warehouse.duckdb"
    empty = path.parent / "no-articles"
    empty.mkdir()
    assert cfwatch("etl", "run", "--articles", str(empty), "--warehouse",
                   str(path)).returncode == 0
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql,message", [
    ("SELECT * FROM read_csv('/etc/passwd')", "file"),
    ("COPY figures TO '/tmp/out.csv'", "COPY is not allowed"),
    ("ATTACH '/tmp/other.duckdb' AS other", "ATTACH is not allowed"),
    ("INSTALL httpfs", "not allowed"),
    ("LOAD httpfs", "not allowed"),
    ("SET threads = 1", "SET/RESET is not allowed"),
    ("RESET threads", "SET/RESET is not allowed"),
    ("PRAGMA enable_profiling", "PRAGMA is not allowed"),
    ("CREATE TABLE x (a INT)", "not allowed"),
    ("INSERT INTO rejects (run_id, input, reason) VALUES ('a', 'b', 'c')", "not allowed"),
    ("DROP TABLE figures", "not allowed"),
    ("SELECT 1; DROP TABLE figures", "exactly one statement"),
    ("SELECT * FROM read_text('/etc/hostname')", "file"),
])
def test_refused_with_a_clear_message_and_warehouse_unchanged(wh, sql, message):
    before = digest(wh)
    with pytest.raises(QueryError) as err:
        run_query(wh, sql)
    assert message in str(err.value)
    assert digest(wh) == before


def test_unparseable_query_says_so(wh):
    with pytest.raises(QueryError) as err:
        run_query(wh, "SELEC metric FROM claims")
    assert "does not parse" in str(err.value)


def test_long_query_is_cut_off(wh):
    with pytest.raises(QueryError) as err:
        run_query(wh, "SELECT count(*) FROM range(100000000) a, range(100000) b "
                      "WHERE (a.range * b.range) % 7 = 3", timeout_s=1)
    assert "time limit" in str(err.value)


def test_huge_result_is_capped(wh):
    result = run_query(wh, "SELECT * FROM range(50000)", max_rows=1000)
    assert result.frame.height == 1000 and result.truncated


def test_cli_formats_and_errors(wh):
    out = cfwatch("sql", "SELECT metric, value FROM claims ORDER BY value DESC LIMIT 2",
                  "--warehouse", str(wh), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["value"] == 1e11
    csv = cfwatch("sql", "SELECT 1 AS one", "--warehouse", str(wh), "--format", "csv")
    assert csv.stdout.splitlines() == ["one", "1"]
    refused = cfwatch("sql", "DROP TABLE figures", "--warehouse", str(wh))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1
    capped = cfwatch("sql", "SELECT * FROM range(20)", "--max-rows", "5",
                     "--warehouse", str(wh), "--format", "csv")
    assert capped.stdout.splitlines()[1:] == ["0", "1", "2", "3", "4"]
    assert "truncated" in capped.stderr


def test_missing_warehouse_says_what_to_do(tmp_path):
    out = cfwatch("sql", "SELECT 1", "--warehouse", str(tmp_path / "nope.duckdb"))
    assert out.returncode == 1 and "cfwatch etl run" in out.stderr
