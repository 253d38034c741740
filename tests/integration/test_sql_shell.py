"""The interactive `cfwatch sql` shell, driven through a pseudo-terminal as a person would:
prompt_toolkit's real line editor, history file, completion and Ctrl-C."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pexpect
import pytest

from tests.conftest import ROOT, query_rows

# A query that runs for minutes unless it is stopped.
ENDLESS = ("SELECT count(*) FROM range(100000000) a, range(100000) b "
           "WHERE (a.range * b.range) % 7 = 3;")
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
# prompt_toolkit turns bracketed paste on while it reads an entry and off when the entry is
# accepted: between the two is what the entry printed.
ACCEPTED, READING = "\x1b[?2004l", "\x1b[?2004h"


class Session:
    """One `cfwatch sql` shell on a pseudo-terminal."""

    def __init__(self, warehouse, history, *args: str):
        env = {**os.environ, "CFWATCH_HISTORY": str(history), "TERM": "xterm",
               "PROMPT_TOOLKIT_NO_CPR": "1"}
        self.child = pexpect.spawn(sys.executable, ["-m", "etl", "sql", "--warehouse",
                                                    str(warehouse), *args],
                                   cwd=ROOT, env=env, encoding="utf-8", timeout=30,
                                   dimensions=(40, 160))
        self.child.expect_exact(READING)

    def accepted(self) -> None:
        """Wait until the shell has taken the entry typed so far."""
        self.child.expect_exact(ACCEPTED)

    def output(self) -> str:
        """What the accepted entry printed, once the next prompt is up."""
        self.child.expect_exact(READING)
        printed = self.child.before
        self.child.expect("cfwatch>")
        return ANSI.sub("", printed).replace("\r", "")

    def enter(self, text: str) -> str:
        """Type an entry (lines joined by Enter) and return what it printed."""
        self.child.send(text.replace("\n", "\r") + "\r")
        self.accepted()
        return self.output()

    def quit(self) -> int:
        self.child.sendeof()
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def history(tmp_path):
    return tmp_path / "history"


def test_shell_lists_tables_and_describes_one_with_its_comments(small_warehouse, history):
    shell = Session(small_warehouse, history)
    tables = shell.enter(".tables")
    for name in ("claims", "claims_vs_observed", "listings", "takedown_daily"):
        assert re.search(rf"\b{name}\b", tables), name
    schema = shell.enter(".schema claims")
    assert "claims (view):" in schema
    assert re.search(r"│ metric\s+│ ENUM", schema)
    assert "Each claimed fact once" in schema  # the view's comment
    assert "no such table" in shell.enter(".schema nope")
    assert shell.quit() == 0


def test_multi_line_statements_run_on_the_semicolon_and_history_survives_the_session(
        small_warehouse, history):
    shell = Session(small_warehouse, history)
    shell.child.send("SELECT 977151 AS removed,\r")
    shell.child.expect(r"\.\.\.>")  # the statement goes on: no semicolon yet
    out = shell.enter("  'x' AS tag;")
    assert "│ 977,151 │ x   │" in out
    assert shell.quit() == 0
    assert "+SELECT 977151 AS removed,\n+  'x' AS tag;" in history.read_text()

    again = Session(small_warehouse, history)
    again.child.send("\x1b[A")  # Up: the last entry comes back, both lines
    again.child.send("\r")
    again.accepted()
    assert "│ 977,151 │ x   │" in again.output()
    assert again.quit() == 0


def test_ctrl_c_stops_a_running_query_and_keeps_the_shell(small_warehouse, history):
    shell = Session(small_warehouse, history, "--timeout", "120")
    shell.child.send(ENDLESS + "\r")
    shell.accepted()
    time.sleep(1.0)
    started = time.monotonic()
    shell.child.sendintr()
    out = shell.output()
    assert "interrupted" in out
    assert time.monotonic() - started < 10  # stopped, not finished
    assert "│     42 │" in shell.enter("SELECT 42 AS answer;")
    assert shell.quit() == 0


def test_modes_timer_once_and_completion(small_warehouse, history, tmp_path):
    [(listings,)] = query_rows(small_warehouse, "SELECT count(*) FROM listings")
    shell = Session(small_warehouse, history)
    shell.enter(".mode csv")
    assert f"n\n{listings}\n" in shell.enter("SELECT count(*) AS n FROM listings;")
    shell.enter(".mode json")
    assert f'{{"n": {listings}}}' in shell.enter("SELECT count(*) AS n FROM listings;")
    shell.enter(".mode table")
    shell.enter(".timer on")
    assert re.search(r"Run Time: \d+\.\d{3} s", shell.enter("SELECT 1;"))
    target = tmp_path / "once.csv"
    shell.enter(".mode csv")
    shell.enter(f".once {target}")
    assert "stores" not in shell.enter("SELECT count(*) AS stores FROM stores;")
    assert target.read_text().startswith("stores\n")
    assert "stores" in shell.enter("SELECT count(*) AS stores FROM stores;")  # only once
    shell.child.send("SELECT count(*) AS n FROM milestone_eff\t")
    # Completed in place (the screen may get the whole word again, or only what Tab added).
    shell.child.expect_exact("ects")
    shell.child.send(";\r")
    shell.accepted()
    [(effects,)] = query_rows(small_warehouse, "SELECT count(*) FROM milestone_effects")
    assert f"n\n{effects}\n" in shell.output()
    assert shell.quit() == 0


def test_shell_keeps_the_sandbox_and_its_messages(small_warehouse, history):
    shell = Session(small_warehouse, history)
    assert "COPY is not allowed" in shell.enter("COPY claims TO '/tmp/x.csv';")
    assert "file" in shell.enter("SELECT * FROM read_csv('/etc/passwd');")
    assert "SET is not allowed: the sandbox's settings are locked" in shell.enter(
        "SET threads = 1;")
    assert "unknown command" in shell.enter(".open other.duckdb")
    assert shell.quit() == 0


def test_statements_can_be_piped_in_without_a_terminal(small_warehouse):
    [(stores,)] = query_rows(small_warehouse, "SELECT count(*) FROM stores")
    run = subprocess.run([sys.executable, "-m", "etl", "sql", "--warehouse",
                          str(small_warehouse), "--format", "csv"], cwd=ROOT, text=True,
                         capture_output=True, timeout=60,
                         input=".tables\nSELECT count(*) AS n\n  FROM stores;\nSELECT 2 AS two;\n")
    assert run.returncode == 0, run.stderr
    assert "takedown_daily" in run.stdout and f"n\n{stores}\n" in run.stdout
    assert run.stdout.endswith("two\n2\n")
    failing = subprocess.run([sys.executable, "-m", "etl", "sql", "--warehouse",
                              str(small_warehouse)], cwd=ROOT, text=True, capture_output=True,
                             timeout=60, input="DROP TABLE claims;\nSELECT 1;\n")
    assert failing.returncode == 1 and "not allowed" in failing.stderr
