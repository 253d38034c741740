"""`cfwatch sql` and the sandbox: refused statements, limits, and an unchanged warehouse."""

from __future__ import annotations

import hashlib
import json
import time

import duckdb
import pytest

from etl.query.connection import SANDBOX_MEMORY_LIMIT, SANDBOX_THREADS, QueryError
from etl.query.sandbox import MAX_WORKER_MEMORY_MB, isolated, run_query
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
    ("SET threads = 1", "SET is not allowed: the sandbox's settings are locked"),
    ("RESET threads", "RESET is not allowed: the sandbox's settings are locked"),
    ("USE memory", "USE is not allowed: the sandbox reads one database"),
    ("CHECKPOINT", "CHECKPOINT is not allowed: the warehouse is read-only"),
    ("FORCE CHECKPOINT", "CHECKPOINT is not allowed: the warehouse is read-only"),
    ("PIVOT figures ON metric USING count(*)", "PIVOT without an IN list is not allowed"),
    ("SET VARIABLE x = 1", "SET VARIABLE is not allowed"),
    ("IMPORT DATABASE '/tmp/x'", "IMPORT DATABASE is not allowed"),
    ("UPDATE EXTENSIONS", "UPDATE EXTENSIONS is not allowed"),
    ("VACUUM", "VACUUM is not allowed"),
    ("BEGIN TRANSACTION", "transactions are not needed"),
    ("PREPARE p AS SELECT 1", "prepared statements are not available"),
    ("/* hello */ -- comment\n USE main", "USE is not allowed"),
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


def hog_memory(mb: int) -> int:
    """Runs in the sandbox's worker process (by name): touches `mb` MB of memory, slowly."""
    chunks = []
    for _ in range(mb):
        chunks.append(b"x" * 2**20)
        time.sleep(0.002)
    return len(chunks)


@pytest.mark.parametrize("function", ["read_blob", "read_text", "glob"])
def test_the_warehouse_file_itself_is_refused_like_any_other_file(wh, function):
    column = "file" if function == "glob" else "filename"
    with pytest.raises(QueryError) as err:
        run_query(wh, f"SELECT {column} FROM {function}('{wh}')")
    assert "file access is not allowed" in str(err.value)
    with pytest.raises(QueryError, match="file access is not allowed"):
        run_query(wh, f"SELECT * FROM {function}('{wh.parent}/*')")


def test_the_pivot_with_an_in_list_still_works(wh):
    result = run_query(wh, "PIVOT (SELECT 'a' AS k, 1 AS v) ON k IN ('a', 'b') USING sum(v)")
    assert result.frame.columns == ["a", "b"]


def test_every_duckdb_type_comes_back_intervals_as_duckdb_writes_them(wh):
    # Polars cannot import Arrow's month-day-nano intervals; the dashboard's SQL page shows
    # `run_query`'s frame, so an interval column must not end the page in an error.
    result = run_query(wh, "SELECT INTERVAL 3 DAY AS \"time to act\", INTERVAL '1 year 2 months' "
                           "AS span, 977151::HUGEINT AS removed, [1, 2] AS ids, "
                           "{'a': 1} AS pair, TIME '10:00' AS at")
    row = result.frame.row(0, named=True)
    assert (row["time to act"], row["span"], row["removed"], row["ids"], row["pair"]) == (
        "3 days", "1 year 2 months", 977151, [1, 2], {"a": 1})


def test_sandbox_connections_carry_a_memory_limit_one_thread_and_no_temp_directory(wh):
    frame = run_query(wh, "SELECT current_setting('memory_limit') AS memory, "
                          "current_setting('threads') AS threads, "
                          "current_setting('temp_directory') AS temp, "
                          "current_setting('lock_configuration') AS locked").frame
    memory, threads, temp, locked = frame.row(0)
    with duckdb.connect(config={"memory_limit": SANDBOX_MEMORY_LIMIT}) as con:
        assert memory == con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert (int(threads), temp, locked) == (SANDBOX_THREADS, "", True)


def test_a_query_that_ignores_the_interrupt_is_ended_at_the_deadline(wh):
    with pytest.raises(QueryError) as err:
        isolated(time.sleep, 600, timeout_s=0.2)
    assert "time limit" in str(err.value) and "process was ended" in str(err.value)


def test_a_worker_past_the_memory_cap_is_ended(wh):
    with pytest.raises(QueryError) as err:
        isolated(hog_memory, MAX_WORKER_MEMORY_MB + 512, timeout_s=600)
    assert f"more than {MAX_WORKER_MEMORY_MB:,} MB" in str(err.value)


def test_a_four_gigabyte_string_is_stopped_not_built(wh):
    """Item 7 of the hardening issue: repeat() runs outside DuckDB's interrupt and its
    memory_limit; the worker is ended at the deadline or the memory cap, whichever is first."""
    result = cfwatch("sql", "select length(repeat('x', 4000000000))", "--warehouse", str(wh),
                     "--timeout", "1")
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "time limit" in result.stderr or "memory" in result.stderr


def test_an_error_inside_a_worker_comes_back_as_one_line(wh):
    with pytest.raises(QueryError) as err:
        isolated(int, "not a number", timeout_s=5)
    assert "internal error in the sandbox: ValueError" in str(err.value)
