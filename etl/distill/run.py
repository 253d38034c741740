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
    out: str  # a folder, or with the spark engine any URL Spark writes to
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

    def line(self, out: str) -> str:
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
    if opts.engine == "spark":
        from etl.distill.spark_engine import SparkDistiller
        with SparkDistiller(opts.out, opts.master) as spark:
            _run_days(opts, days, spark.storage, summary,
                      lambda todo: spark.distill_days(todo, opts.platform))
    else:
        out = str(Path(opts.out.removeprefix("file://")).resolve())
        opts.out = out
        Path(out).mkdir(parents=True, exist_ok=True)
        layout.remove_stale_staging(out)
        _run_days(opts, days, layout.LOCAL, summary, lambda todo: _duckdb_days(opts, todo))
    summary.seconds = time.perf_counter() - t0
    return summary


def _run_days(opts: DistillOptions, days, storage, summary: DistillSummary, engine) -> None:
    todo = []
    for day in days:
        if layout.is_done(opts.out, day, opts.platform, storage):
            summary.days_skipped.append(day.day)
        else:
            todo.append(day)
    for day, counts in engine(todo):
        _log(opts, f"{day}: {sum(counts.values())} statements")
        summary.days_written.append(day)
        summary.rows[day] = counts


def _duckdb_days(opts: DistillOptions, todo):
    from etl.distill.duckdb_engine import distill_day
    for day in todo:
        staged = layout.staging_dir(opts.out, day.day)
        counts, unparseable = distill_day(day, staged, opts.platform)
        layout.write_manifest(staged, day, opts.platform, "duckdb", counts, unparseable)
        layout.swap_in(opts.out, staged, day.day)
        yield day.day, counts


def _log(opts: DistillOptions, message: str) -> None:
    if not opts.quiet:
        print(f"cfwatch distill: {message}", file=sys.stderr, flush=True)
