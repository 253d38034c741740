"""Progress of long steps, for a person at a terminal or a log: a bar on a terminal, plain
lines in a log file, one JSON object per line under `--log-format json`.

A step that ends within SHOW_AFTER_S shows nothing, so quick runs stay as quiet as before.
Counts come from the caller (`advance`) or, for one long SQL statement, from DuckDB itself
(`watch`: the connection's query_progress, polled from a thread while the statement runs).

    progress = Progress.for_output(log_format="text", quiet=False)
    with progress.step("loading the sample", total=3) as step:
        step.watch(con)
        ...
        step.advance()
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import duckdb

# Steps quicker than this show nothing.
SHOW_AFTER_S = 2.0
# How often a bar is redrawn, and a line or JSON object written, once a step shows.
BAR_EVERY_S = 0.2
LINE_EVERY_S = 5.0
BAR_WIDTH = 24
MODES = ("bar", "lines", "json", "off")


class Step:
    """One step's state, read by the ticker thread."""

    def __init__(self, name: str, total: int | None, unit: str):
        self.name = name
        self.total = total
        self.unit = unit
        self.done = 0
        self.detail = ""
        self.started = time.perf_counter()
        self._con = None

    def advance(self, count: int = 1, detail: str | None = None) -> None:
        self.done += count
        if detail is not None:
            self.detail = detail

    def watch(self, con) -> None:
        """Report DuckDB's own progress through the statements `con` runs from now on."""
        try:
            con.execute("SET enable_progress_bar = true")
            con.execute("SET enable_progress_bar_print = false")  # the bar is ours
        except duckdb.Error:  # a locked configuration: no percentage, the clock still shows
            return
        self._con = con

    def percent(self) -> float | None:
        """Done out of total, with the running statement's share of the current unit."""
        statement = self._statement_percent()
        if self.total:
            within = (statement or 0.0) / 100 if self.done < self.total else 0.0
            return min(100.0, 100.0 * (self.done + within) / self.total)
        return statement

    def _statement_percent(self) -> float | None:
        if self._con is None:
            return None
        try:
            value = self._con.query_progress()
        except duckdb.Error:  # the connection closed under us
            return None
        return value if value is not None and value >= 0 else None

    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def counted(self) -> str:
        if self.total:
            return f"{self.done:,} of {self.total:,}{' ' + self.unit if self.unit else ''}"
        return f"{self.done:,} {self.unit}" if self.done else ""


class Progress:
    """Where and how progress goes. `off` shows nothing (tests, --quiet, library use)."""

    def __init__(self, mode: str = "off", stream: TextIO | None = None,
                 show_after_s: float = SHOW_AFTER_S):
        if mode not in MODES:
            raise ValueError(f"progress mode {mode!r} is not one of {', '.join(MODES)}")
        self.mode = mode
        self.stream = stream or sys.stderr
        self.show_after_s = show_after_s

    @classmethod
    def for_output(cls, log_format: str = "text", quiet: bool = False,
                   stream: TextIO | None = None) -> Progress:
        """A bar on a terminal, lines in a log, JSON under --log-format json, none if quiet."""
        stream = stream or sys.stderr
        if quiet:
            return cls("off", stream)
        if log_format == "json":
            return cls("json", stream)
        return cls("bar" if stream.isatty() else "lines", stream)

    @contextmanager
    def step(self, name: str, total: int | None = None, unit: str = "") -> Iterator[Step]:
        step = Step(name, total, unit)
        if self.mode == "off":
            yield step
            return
        stop = threading.Event()
        shown = threading.Event()
        ticker = threading.Thread(target=self._tick, args=(step, stop, shown), daemon=True,
                                  name=f"progress: {name}")
        ticker.start()
        try:
            yield step
        finally:
            stop.set()
            ticker.join()
            if shown.is_set():
                self._finish(step)

    def _tick(self, step: Step, stop: threading.Event, shown: threading.Event) -> None:
        if stop.wait(self.show_after_s):
            return
        every = BAR_EVERY_S if self.mode == "bar" else LINE_EVERY_S
        while True:
            shown.set()
            self._show(step)
            if stop.wait(every):
                return

    def _show(self, step: Step) -> None:
        percent = step.percent()
        if self.mode == "json":
            self._json(step, percent, "running")
            return
        counted = step.counted()
        parts = [p for p in (counted, f"{percent:.0f}%" if percent is not None else "",
                             step.detail) if p]
        if self.mode == "bar":
            filled = round(BAR_WIDTH * (percent or 0) / 100)
            bar = "#" * filled + "." * (BAR_WIDTH - filled) if percent is not None else ""
            text = f"\r  {step.name} [{bar}] {'  '.join(parts)}  {step.seconds():,.0f} s"
            self.stream.write(text.ljust(100)[:160])
        else:
            self.stream.write(f"cfwatch: progress: {step.name}: "
                              f"{', '.join(parts) + ', ' if parts else ''}"
                              f"{step.seconds():,.0f} s\n")
        self.stream.flush()

    def _finish(self, step: Step) -> None:
        if self.mode == "json":
            self._json(step, 100.0, "done")
            return
        counted = step.counted()
        done = f"done{', ' + counted if counted else ''} in {step.seconds():,.1f} s"
        if self.mode == "bar":
            self.stream.write(f"\r  {step.name} [{'#' * BAR_WIDTH}] {done}".ljust(100) + "\n")
        else:
            self.stream.write(f"cfwatch: progress: {step.name}: {done}\n")
        self.stream.flush()

    def _json(self, step: Step, percent: float | None, state: str) -> None:
        record = {"time": dt.datetime.now(dt.timezone.utc).isoformat(), "level": "progress",
                  "step": step.name, "state": state, "done": step.done, "total": step.total,
                  "percent": None if percent is None else round(percent, 1),
                  "seconds": round(step.seconds(), 1)}
        self.stream.write(json.dumps(record) + "\n")
        self.stream.flush()
