"""One distill run: group the inputs by day, skip the days already done, write the others
with the chosen engine and swap each in."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from etl.distill import layout
from etl.errors import UsageError

ENGINES = ("duckdb", "spark")


@dataclass
class DistillOptions:
    inputs: list[str]
    out: Path
    engine: str = "duckdb"
    platform: str = "all"
    master: str | None = None  # Spark only: local[*] when not given
    quiet: bool = False


@dataclass
class DistillSummary:
    days_written: list[str] = field(default_factory=list)
    days_skipped: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # day -> platform -> rows
    seconds: float = 0.0

    def line(self, out: Path) -> str:
        total = sum(sum(per.values()) for per in self.rows.values())
        return (f"distilled {len(self.days_written)} days ({total} statements), "
                f"{len(self.days_skipped)} already done -> {out} in {self.seconds:.1f} s")


def distill(opts: DistillOptions) -> DistillSummary:
    """Distill every day of `opts.inputs` into `opts.out`. Returns what was written and
    skipped. Raises CfwatchError (exit 1) for an unreadable input, (exit 2) for an unknown
    engine or an input without a date in its name."""
    if opts.engine not in ENGINES:
        raise UsageError("--engine", f"must be one of {', '.join(ENGINES)}")
    t0 = time.perf_counter()
    summary = DistillSummary()
    days = layout.group_days(opts.inputs)
    if not opts.out.is_absolute() and "://" not in str(opts.out):
        opts.out = opts.out.resolve()
    opts.out.mkdir(parents=True, exist_ok=True)
    layout.remove_stale_staging(opts.out)
    todo = []
    for day in days:
        if layout.is_done(opts.out, day, opts.platform):
            summary.days_skipped.append(day.day)
        else:
            todo.append(day)
    if opts.engine == "spark" and todo:
        from etl.distill.spark_engine import distill_days
        for day, counts in distill_days(todo, opts.out, opts.platform, opts.master):
            _log(opts, f"{day}: {sum(counts.values())} statements")
            summary.days_written.append(day)
            summary.rows[day] = counts
    else:
        from etl.distill.duckdb_engine import distill_day
        for day in todo:
            staged = layout.staging_dir(opts.out, day.day)
            counts, unparseable = distill_day(day, staged, opts.platform)
            layout.write_manifest(staged, day, opts.platform, "duckdb", counts, unparseable)
            layout.swap_in(opts.out, staged, day.day)
            _log(opts, f"{day.day}: {sum(counts.values())} statements")
            summary.days_written.append(day.day)
            summary.rows[day.day] = counts
    summary.seconds = time.perf_counter() - t0
    return summary


def _log(opts: DistillOptions, message: str) -> None:
    if not opts.quiet:
        print(f"cfwatch distill: {message}", file=sys.stderr, flush=True)
