"""The README and the code must not drift apart."""

import argparse
import re

from etl import errors
from etl.commands.cli import build_parser
from etl.commands.common import WAIT, WAREHOUSE
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
# Options declared once in etl/commands/common.py: after their first table, "as above".
SHARED = {WAREHOUSE.flags[0]: WAREHOUSE, WAIT.flags[0]: WAIT}


def _subparsers(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from _subparsers(sub)


def _commands():
    """(`cfwatch etl run`, its parser) for every command that takes options."""
    for _name, sub in _subparsers(build_parser()):
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            continue  # a group like `etl`: its commands are checked themselves
        yield sub.prog, sub


def _section(title: str) -> str:
    match = re.search(rf"^### `{re.escape(title)}[^`]*`\n(.*?)(?=^#)", README, re.M | re.S)
    assert match, f"no README section for {title}"
    return match.group(1)


def _rows(section: str) -> dict[str, tuple[str, str]]:
    """flag -> (what follows the flag in the first cell, the meaning), from a section's table."""
    rows = {}
    for cell, meaning in re.findall(r"^\| `(--[^`]+)` \| (.*) \|$", section, re.M):
        flag, _, rest = cell.partition(" ")
        rows[flag] = (rest.replace("\\|", "|"), meaning)
    return rows


def _plain(text: str) -> str:
    """Text as a reader sees it: no backticks, no table escapes, single spaces."""
    return re.sub(r"\s+", " ", text.replace("`", "").replace("\\|", "|")).strip()


def _metavar(action: argparse.Action) -> str:
    if action.nargs == 0:
        return ""
    if action.choices:
        return "|".join(action.choices)
    name = action.metavar or action.dest.upper()
    if isinstance(name, tuple):  # nargs=2: "START END"
        return " ".join(name)
    return {"+": f"{name} ...", "?": f"[{name}]"}.get(action.nargs, name)


def test_every_command_and_option_is_documented():
    for prog, sub in _commands():
        assert f"{prog}" in README, prog
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in README, f"{prog} {flag} is not in the README"


def test_each_option_says_in_its_help_what_the_readme_table_says():
    """Help text, metavar and default of every option against its README row: a default or an
    example changed in one place and not the other fails here."""
    first_seen: set[str] = set()
    for prog, sub in _commands():
        rows = _rows(_section(prog))
        for action in sub._actions:
            flag = next((f for f in action.option_strings if f.startswith("--")), None)
            if flag is None or flag == "--help":
                continue
            assert flag in rows, f"{prog}: {flag} has no row in its README table"
            metavar, meaning = rows[flag]
            assert metavar == _metavar(action), f"{prog} {flag}: {metavar!r} in the README"
            if flag in SHARED and _plain(meaning) == "as above":
                assert flag in first_seen, f"{prog} {flag}: 'as above' before its first table"
                continue
            first_seen.add(flag)
            assert _plain(meaning) == _plain(action.help), (
                f"{prog} {flag}:\n  help:   {_plain(action.help)}\n  README: {_plain(meaning)}")


def test_every_exit_code_is_documented():
    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    table = re.findall(r"^\| (\d) \|", README, re.M)
    assert {int(c) for c in table} == codes


def test_ci_runs_the_readme_test_command():
    test_command = re.search(r"# 2\. .*\n(.+)\n", README).group(1).strip()
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_settings_are_documented():
    for setting in re.findall(r'"(CFWATCH_[A-Z_]+)"', "".join(
            p.read_text() for p in (ROOT / "etl").rglob("*.py"))):
        assert f"`{setting}`" in README, setting


def test_no_paragraph_starts_mid_sentence():
    prose = re.sub(r"```.*?```", "", README, flags=re.S)  # code blocks are not sentences
    for paragraph in re.split(r"\n\s*\n", prose):
        first = paragraph.lstrip()
        assert not re.match(r"[a-z]", first), f"starts mid-sentence: {first[:60]!r}"


def test_the_cron_example_is_the_deployed_one():
    deployed = [line for line in (ROOT / "deploy" / "crontab.example").read_text().splitlines()
                if line and not line.startswith("#")]
    assert deployed and all(line in README for line in deployed)
