"""The README and the code must not drift apart."""

import argparse
import re

from etl import errors
from etl.commands.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def _subparsers(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from _subparsers(sub)


def test_every_command_and_option_is_documented():
    for name, sub in _subparsers(build_parser()):
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            continue  # a group like `etl`: its commands are checked themselves
        assert f"cfwatch {name}" in README or f"etl {name}" in README, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in README, f"{name} {flag} is not in the README"


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
