"""Progress of long steps (etl/progress.py): quiet when quick, a bar, lines or JSON when not."""

from __future__ import annotations

import io
import json
import time

import pytest

from etl.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_quick_step_shows_nothing():
    out = io.StringIO()
    with Progress("lines", out).step("quick", total=3) as step:
        step.advance(3)
    assert out.getvalue() == ""


def test_a_long_step_writes_plain_lines_with_separated_counts_and_a_done_line():
    out = io.StringIO()
    with Progress("lines", out, show_after_s=0).step("loading rows", total=20_000_000,
                                                      unit="rows") as step:
        step.advance(10_000_000)
        time.sleep(0.05)
    lines = out.getvalue().splitlines()
    assert len(lines) >= 2 and lines[0].startswith("cfwatch: progress: loading rows: ")
    assert lines[0].endswith(" s") and " of 20,000,000 rows, " in lines[0]
    assert lines[-1].startswith("cfwatch: progress: loading rows: done, 10,000,000 of "
                                "20,000,000 rows in ")


def test_under_json_each_line_is_an_object():
    out = io.StringIO()
    with Progress("json", out, show_after_s=0).step("building rollups", total=4) as step:
        step.advance(1)
        time.sleep(0.05)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["level"] for r in records} == {"progress"}
    assert records[0]["step"] == "building rollups" and records[0]["state"] == "running"
    assert records[-1]["state"] == "done" and records[-1]["percent"] == 100.0


def test_on_a_terminal_it_draws_a_bar_and_ends_the_line():
    out = Terminal()
    with Progress("bar", out, show_after_s=0.01).step("extracting", total=2,
                                                      unit="articles") as step:
        step.advance(1)
        time.sleep(0.3)  # past show_after_s and at least one redraw
    text = out.getvalue()
    assert text.startswith("\r  extracting [") and "#" in text and text.endswith("\n")


def test_the_output_decides_the_mode():
    assert Progress.for_output(stream=Terminal()).mode == "bar"
    assert Progress.for_output(stream=io.StringIO()).mode == "lines"
    assert Progress.for_output("json", stream=Terminal()).mode == "json"
    assert Progress.for_output("text", quiet=True, stream=Terminal()).mode == "off"
    with pytest.raises(ValueError):
        Progress("loud")
