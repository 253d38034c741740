"""Options on the command line (etl/commands): every path given is read, none silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.commands.cli import build_parser


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


def test_paths_given_in_one_option_or_several_are_all_kept():
    args = parse("etl", "run", "--dsa", "A", "B", "--dsa", "C", "--listings", "x",
                 "--listings", "y", "z")
    assert args.dsa == [Path("A"), Path("B"), Path("C")]
    assert args.listings == [Path("x"), Path("y"), Path("z")]


def test_the_default_lists_are_not_shared_between_parses():
    parse("etl", "run", "--dsa", "A")
    assert parse("etl", "run").dsa == []


@pytest.mark.parametrize("argv", [
    ("etl", "run", "--warehouse", "a", "--warehouse", "b"),
    ("etl", "run", "--articles", "a", "--articles", "b"),
    ("etl", "run", "--sample", "a", "--sample", "b"),
    ("etl", "run", "--platform", "x", "--platform", "y"),
    ("etl", "rollback", "--to", "v1", "--to", "v2"),
    ("sample", "--out", "a", "--out", "b"),
    ("serve", "--sample-dir", "a", "--sample-dir", "b"),
    ("bench", "--workdir", "a", "--workdir", "b"),
])
def test_an_option_taking_one_value_given_twice_is_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse(*argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "usage error" in err and "given twice" in err and err.count("\n") == 1
