"""The run log beside the warehouse: every run, failed ones included, one JSON line each.

A failed run cannot write the warehouse it failed to build, so its record goes here the moment
it ends; the next build copies the log into `etl_runs`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


def run_log_path(target: Path) -> Path:
    return target.with_name(target.name + ".runs.jsonl")


def append_run_log(target: Path, record: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with run_log_path(target).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, default=str) + "\n")


def read_run_log(target: Path) -> list[dict]:
    path = run_log_path(target)
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a run killed mid-write leaves half a line; the rest still counts
    return records


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
