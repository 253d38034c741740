"""`cfwatch sql` options that cannot switch the limits off (issue 12, items 17 and 18): each bad
value is a usage error, one line, exit 2, before anything runs."""

from __future__ import annotations

import pytest

from tests.conftest import cfwatch


@pytest.mark.parametrize("option,value,message", [
    ("--timeout", "-1", "give a number of seconds above 0"),
    ("--timeout", "0", "give a number of seconds above 0"),
    ("--timeout", "nan", "give a number of seconds above 0"),
    ("--timeout", "inf", "give a number of seconds above 0"),
    ("--timeout", "soon", "is not a number of seconds"),
    ("--max-rows", "-1", "give 1 or more"),
    ("--max-rows", "0", "give 1 or more"),
    ("--max-rows", "1.5", "is not a whole number"),
])
def test_a_limit_that_would_not_hold_is_a_usage_error(small_warehouse, option, value, message):
    out = cfwatch("sql", "SELECT 1", option, value, "--warehouse", str(small_warehouse))
    assert out.returncode == 2
    assert message in out.stderr and out.stderr.startswith("cfwatch: usage error:")
    assert out.stderr.count("\n") == 1 and out.stdout == ""


def test_small_positive_limits_still_apply(small_warehouse):
    out = cfwatch("sql", "SELECT * FROM range(5)", "--max-rows", "1", "--timeout", "0.5",
                  "--warehouse", str(small_warehouse), "--format", "csv")
    assert out.returncode == 0 and out.stdout.splitlines() == ["range", "0"]
    assert "truncated" in out.stderr
