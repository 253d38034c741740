"""Running unattended: the writer lock, exit codes, JSON logs, the scheduler, no-op runs,
incremental articles, rollback, and killed runs."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.listings.sample import generate
from tests.conftest import FIXTURES, ROOT, cfwatch, query_rows

rows = query_rows


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", folder)
    return folder


def hold_lock(warehouse: Path) -> subprocess.Popen:
    """A process that takes the writer lock and keeps it until killed."""
    code = ("import sys, time; from pathlib import Path; from etl.warehouse.lock import writer_lock\n"
            "with writer_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(warehouse)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_run_exits_3_and_wait_waits(corpus, warehouse):
    holder = hold_lock(warehouse)
    try:
        busy = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse))
        assert busy.returncode == 3
        assert f"pid {holder.pid}" in busy.stderr and "--wait" in busy.stderr
        waiting = subprocess.Popen([sys.executable, "-m", "etl", "etl", "run", "--articles",
                                    str(corpus), "--warehouse", str(warehouse), "--wait"],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        time.sleep(1.5)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        holder.kill()  # SIGKILL: the kernel frees the flock, the pid file stays behind
        holder.wait()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out.startswith("read 3, loaded 3")


def test_stale_lock_of_a_killed_run_is_taken_over(corpus, warehouse):
    holder = hold_lock(warehouse)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert warehouse.with_name(warehouse.name + ".pid").exists()  # left behind by the kill
    result = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr


def test_json_logs(corpus, warehouse, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01")
    result = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                     "--log-format", "json")
    assert result.returncode == 0
    summary = json.loads(result.stdout)
    assert summary["level"] == "info" and summary["status"] == "success"
    assert summary["rows_read"] == summary["rows_loaded"] + summary["rows_rejected"] == 4
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    [warning] = [line for line in lines if line["level"] == "warning"]
    assert "binary" in warning["reason"]
    failed = cfwatch("etl", "run", "--articles", str(tmp_path / "nope"), "--warehouse",
                     str(warehouse), "--log-format", "json")
    error = json.loads(failed.stderr)
    assert failed.returncode == error["exit_code"] == 1 and "nope" in error["input"]


def test_unchanged_run_is_a_fast_no_op_and_new_article_adds(corpus, warehouse):
    args = ("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse))
    assert cfwatch(*args).returncode == 0
    before = warehouse.stat().st_ino
    again = cfwatch(*args)
    assert again.stdout.startswith("unchanged") and warehouse.stat().st_ino == before
    figures = rows(warehouse, "SELECT count(*) FROM figures")[0][0]
    (corpus / "late.txt").write_text("The platform removed 4,321 counterfeit listings last week.")
    added = cfwatch(*args)
    assert added.stdout.startswith("read 4, loaded 4")
    assert rows(warehouse, "SELECT count(*) FROM figures")[0][0] == figures + 1
    statuses = [r[0] for r in rows(warehouse, "SELECT status FROM etl_runs ORDER BY started_at")]
    assert statuses == ["success", "unchanged", "success"]


def test_an_unchanged_run_still_removes_what_killed_runs_left(corpus, warehouse):
    args = ("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse))
    assert cfwatch(*args).returncode == 0
    dead = 2**22 + 12345  # above the default pid_max: no live process has it
    leftovers = [warehouse.with_name(f".{warehouse.name}.{dead}.building{end}")
                 for end in ("", ".wal")]
    for path in leftovers:
        path.write_bytes(b"half a build")
    again = cfwatch(*args)
    assert again.stdout.startswith("unchanged")
    assert not any(path.exists() for path in leftovers)


def test_rollback_serves_the_previous_version(corpus, warehouse, tmp_path):
    args = ("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse))
    assert cfwatch(*args).returncode == 0
    nothing = cfwatch("etl", "rollback", "--warehouse", str(warehouse))
    assert nothing.returncode == 1 and "no earlier version" in nothing.stderr
    first = rows(warehouse, "SELECT count(*) FROM figures")
    (corpus / "late.txt").write_text("The platform removed 4,321 counterfeit listings.")
    assert cfwatch(*args).returncode == 0
    assert rows(warehouse, "SELECT count(*) FROM figures") != first
    listed = cfwatch("etl", "rollback", "--list", "--warehouse", str(warehouse))
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 1
    back = cfwatch("etl", "rollback", "--warehouse", str(warehouse))
    assert back.returncode == 0, back.stderr
    assert rows(warehouse, "SELECT count(*) FROM figures") == first
    # The rolled-away version was kept, so the rollback can be undone.
    forward = cfwatch("etl", "rollback", "--warehouse", str(warehouse))
    assert forward.returncode == 0
    assert rows(warehouse, "SELECT count(*) FROM figures") != first
    bad = cfwatch("etl", "rollback", "--to", "no-such-version", "--warehouse", str(warehouse))
    assert bad.returncode == 1 and "no such kept version" in bad.stderr


def test_versions_are_pruned_to_keep(corpus, warehouse):
    for n in range(4):
        (corpus / f"extra{n}.txt").write_text(f"Removed {n + 100} counterfeit listings.")
        assert cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                       "--keep", "2").returncode == 0
    versions = list(warehouse.with_name(warehouse.name + ".versions").glob("*.duckdb"))
    assert len(versions) == 2


def test_schedule_runs_on_its_interval(corpus, warehouse):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "schedule", "--every", "2s", "--max-runs", "2",
         "--warehouse", str(warehouse), "--", "--articles", str(corpus), "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 2
    log = [json.loads(line) for line in
           warehouse.with_name(warehouse.name + ".runs.jsonl").read_text().splitlines()]
    assert [r["status"] for r in log] == ["success", "unchanged"]
    schedule = json.loads(warehouse.with_name(warehouse.name + ".schedule.json").read_text())
    assert schedule["expected_seconds"] == 2


def test_schedule_rejects_bad_timing():
    assert cfwatch("schedule", "--every", "soon").returncode == 2
    assert cfwatch("schedule", "--cron", "61 * * * *").returncode == 2
    both = cfwatch("schedule", "--every", "1h", "--cron", "* * * * *")
    assert both.returncode == 2 and "exactly one" in both.stderr


def test_sigkill_at_random_moments_never_breaks_the_served_warehouse(tmp_path, warehouse):
    """A bigger build (a 5% sample), killed at 10 random moments."""
    sample = generate(tmp_path / "sample", scale=0.05, progress=False).out_dir
    articles = tmp_path / "none"
    articles.mkdir()
    base = ["etl", "run", "--articles", str(articles), "--warehouse", str(warehouse),
            "--sample", str(sample)]
    assert cfwatch(*base).returncode == 0
    expected = rows(warehouse, "SELECT count(*), sum(actions) FROM actions_daily")
    rng = random.Random(11)
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "etl", *base, "--full"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert rows(warehouse, "SELECT count(*), sum(actions) FROM actions_daily") == expected
    assert cfwatch(*base).returncode == 0
    leftovers = [p.name for p in warehouse.parent.iterdir()
                 if ".building" in p.name or ".swap" in p.name]
    assert leftovers == []


def test_schedule_stops_cleanly_on_sigterm(corpus, warehouse):
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "schedule", "--every", "1h", "--warehouse",
         str(warehouse), "--", "--articles", str(corpus), "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = warehouse.with_name(warehouse.name + ".runs.jsonl")
    deadline = time.monotonic() + 60
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert log.exists(), "the first run never happened"
    proc.send_signal(signal.SIGTERM)  # now it is waiting an hour for the next run
    assert proc.wait(timeout=10) == 0
    assert "run 1 exited 0" in proc.stderr.read()


def test_serve_builds_a_missing_warehouse_then_serves(tmp_path):
    """What the README's first command does on a fresh machine, at a small scale."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    warehouse = tmp_path / "fresh" / "warehouse.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "serve", "--port", str(port), "--warehouse",
         str(warehouse), "--sample-scale", "0.002", "--sample-dir", str(tmp_path / "sample")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("the dashboard never came up")
        assert rows(warehouse, "SELECT dataset, synthetic FROM datasets") == [
            ("synthetic-sample", True)]
        assert rows(warehouse, "SELECT count(*) FROM listings")[0][0] == 20_000
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) is not None  # exec'd Streamlit: the signal reaches it
