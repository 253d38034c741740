"""`cfwatch schedule`: run `cfwatch etl run` on a schedule, for machines without cron/systemd.

Each run is a child process, exactly what cron would start, so a crash or leak in one run
cannot affect the next. The next time comes from croniter (cron expressions) or a fixed
interval. The expected interval is written beside the warehouse so the dashboard can warn when
the last successful run is older than the schedule promises.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from croniter import croniter

from etl.commands.common import WAREHOUSE, Command
from etl.errors import EXIT_OK, UsageError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> int:
    """'90s', '15m', '1h', '1d' -> seconds."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text or "")
    if not m or int(m.group(1)) == 0:
        raise UsageError("--every", f"{text!r} is not an interval like 30m, 1h or 1d")
    return int(m.group(1)) * _UNITS[m.group(2)]


def schedule_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".schedule.json")


class Schedule:
    def __init__(self, every: str | None, cron: str | None):
        if bool(every) == bool(cron):
            raise UsageError("cfwatch schedule", "give exactly one of --every or --cron")
        self.every = parse_every(every) if every else None
        if cron and not croniter.is_valid(cron):
            raise UsageError("--cron", f"{cron!r} is not a valid cron expression")
        self.cron = cron

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        if self.every:
            return moment + dt.timedelta(seconds=self.every)
        return croniter(self.cron, moment).get_next(dt.datetime)

    def expected_seconds(self, moment: dt.datetime) -> float:
        """How long a gap between runs is normal (for the staleness warning)."""
        if self.every:
            return float(self.every)
        first = self.next_after(moment)
        return (self.next_after(first) - first).total_seconds()


def run_schedule(schedule: Schedule, warehouse: Path, etl_args: list[str],
                 max_runs: int | None = None, run_now: bool = True) -> int:
    stop = {"now": False}

    def _stop(signum, frame):  # finish the current run, then leave
        stop["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    started = dt.datetime.now(dt.timezone.utc)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    schedule_path(warehouse).write_text(json.dumps({
        "expected_seconds": schedule.expected_seconds(started), "every": schedule.every,
        "cron": schedule.cron, "since": started.isoformat()}))
    runs = 0
    next_time = started if run_now else schedule.next_after(started)
    while not stop["now"] and (max_runs is None or runs < max_runs):
        wait = (next_time - dt.datetime.now(dt.timezone.utc)).total_seconds()
        while wait > 0 and not stop["now"]:
            time.sleep(min(wait, 1.0))
            wait = (next_time - dt.datetime.now(dt.timezone.utc)).total_seconds()
        if stop["now"]:
            break
        cmd = [sys.executable, "-m", "etl", "etl", "run", "--warehouse", str(warehouse),
               "--wait", *etl_args]
        code = subprocess.call(cmd)
        runs += 1
        print(f"cfwatch schedule: run {runs} exited {code}; next at "
              f"{schedule.next_after(dt.datetime.now(dt.timezone.utc)):%Y-%m-%d %H:%M:%S} UTC",
              file=sys.stderr, flush=True)
        next_time = schedule.next_after(max(next_time, dt.datetime.now(dt.timezone.utc)))
    return EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--every", metavar="INTERVAL", help="run every INTERVAL: 30m, 1h, 1d, ...")
    p.add_argument("--cron", metavar="EXPR",
                   help="a cron expression (read by croniter), e.g. '5 * * * *'")
    p.add_argument("--max-runs", type=int, metavar="N",
                   help="stop after N runs (default: run until stopped)")
    p.add_argument("--no-run-now", action="store_true",
                   help="wait for the first scheduled time instead of running at once")
    p.add_argument("etl_args", nargs="*", metavar="-- ETL_ARGS",
                   help="arguments for each `cfwatch etl run`")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    return run_schedule(Schedule(args.every, args.cron), resolve_warehouse(args.warehouse),
                        args.etl_args, max_runs=args.max_runs, run_now=not args.no_run_now)


COMMAND = Command(
    "schedule", "run the ETL every interval or on a cron expression",
    "Run `cfwatch etl run` now and then on a schedule, each run a child process. Arguments "
    "after -- go to every `cfwatch etl run`. Stops cleanly on SIGTERM or Ctrl-C after the "
    "current run.",
    add_arguments, run)
