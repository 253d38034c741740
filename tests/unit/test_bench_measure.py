"""`cfwatch bench --dsa-rows` measures each command's own peak memory, whatever the bench's."""

from __future__ import annotations

import sys

import pytest

from etl.commands.bench_dsa import measure
from etl.errors import CfwatchError

TOUCH_150_MB = "x = bytearray(150 * 2**20)\nx[::4096] = b'1' * len(x[::4096])"


def test_a_commands_peak_is_its_own_not_the_bench_processs():
    ballast = bytearray(400 * 2**20)
    ballast[::4096] = b"1" * len(ballast[::4096])  # the bench is large when it starts a child
    peak = measure([sys.executable, "-c", TOUCH_150_MB]).peak_mb
    assert 150 <= peak < 300, peak
    del ballast


def test_a_chatty_command_is_not_blocked_and_a_failure_says_its_last_line():
    chatty = "import sys\nsys.stderr.write('x' * 300_000 + '\\nfinal words\\n')\nsys.exit(3)"
    with pytest.raises(CfwatchError, match="exit 3.*final words"):
        measure([sys.executable, "-c", chatty])
