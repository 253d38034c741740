"""What the shell's front end decides from the keys alone: when Enter runs an entry, and what
Tab completes (etl/query/prompt.py, etl/query/shell.py). No terminal, no database."""

from __future__ import annotations

import pytest
from prompt_toolkit.document import Document

from etl.query.prompt import NameCompleter, history_file
from etl.query.shell import in_columns, is_complete, split_statements


@pytest.mark.parametrize("text,complete", [
    ("SELECT 1;", True),
    ("SELECT 1;  \n", True),
    ("SELECT metric,", False),
    ("SELECT metric,\nvalue FROM claims", False),
    ("SELECT metric,\nvalue FROM claims;", True),
    (".tables", True),
    (".schema claims", True),
    ("", True),
])
def test_enter_runs_a_dot_command_or_a_statement_ending_in_a_semicolon(text, complete):
    assert is_complete(text) is complete


def test_several_statements_in_one_entry_run_one_by_one():
    assert [s.strip() for s in split_statements("SELECT 1; SELECT 2;")] == ["SELECT 1;",
                                                                           "SELECT 2;"]
    assert split_statements("SELEC nonsense") == ["SELEC nonsense"]


def completions(text: str) -> list[str]:
    completer = NameCompleter(["claims", "claims_vs_observed", "metric", "milestone_effects",
                               "SELECT"])
    return [c.text for c in completer.get_completions(Document(text), None)]


def test_tab_completes_tables_columns_keywords_and_dot_commands():
    assert completions("SELECT * FROM milestone_e") == ["milestone_effects"]
    assert completions("SELECT * FROM CLA") == ["claims", "claims_vs_observed"]
    assert completions("SELECT c.met") == ["metric"]
    assert completions("sel") == ["SELECT"]
    assert completions(".sch") == [".schema"]
    assert completions("SELECT ") == []


def test_history_goes_where_the_setting_says(monkeypatch, tmp_path):
    monkeypatch.setenv("CFWATCH_HISTORY", str(tmp_path / "h"))
    assert history_file() == tmp_path / "h"
    monkeypatch.delenv("CFWATCH_HISTORY")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert history_file() == tmp_path / "cfwatch" / "sql_history"


def test_tables_are_laid_out_in_columns_across_the_terminal():
    text = in_columns(["a", "bb", "ccc", "d", "e"], width=12)
    assert text.splitlines() == ["a    d", "bb   e", "ccc"]
