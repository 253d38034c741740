"""`cfwatch bench`: measure, never assert. Figures go to the closing notes and the README.

Measures, in one run on one machine: sample generation; DuckDB's own floor (CREATE TABLE AS
SELECT * FROM read_parquet(...) of the same files); the warehouse build from those files (in a
child process, so its peak memory is its own); an unchanged re-run; and each metric view under
a typical dashboard query (median of 5, fresh read-only connection as the dashboard uses).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from etl.commands.common import Command, scale_option
from etl.errors import EXIT_OK
from etl.listings.inputs import SAMPLE_FILES
from etl.listings.sample import generate

# One typical dashboard query per metric view: a date window, a dataset, grouped for a chart.
VIEW_QUERIES = {
    "takedown_daily": """
        SELECT date_trunc('week', day) AS week, sum(flagged) AS flagged, sum(removed) AS removed,
               sum(removed) / sum(flagged) AS takedown_rate
        FROM takedown_daily
        WHERE dataset = 'synthetic-sample' AND day BETWEEN DATE '2023-09-01' AND DATE '2023-12-31'
        GROUP BY ALL ORDER BY week""",
    "takedown_daily (by detection source)": """
        SELECT detected_by, sum(removed) AS removed, sum(flagged) AS flagged
        FROM takedown_daily WHERE dataset = 'synthetic-sample' GROUP BY ALL""",
    "store_penalties_monthly": """
        SELECT * FROM store_penalties_monthly WHERE dataset = 'synthetic-sample'
        ORDER BY month""",
    "claims_vs_observed": "SELECT * FROM claims_vs_observed ORDER BY figure_id, dataset",
    "milestone_effects": """
        SELECT m.title, e.* FROM milestone_effects e JOIN milestones m USING (milestone_id)
        WHERE e.window_days = 30 ORDER BY m.date""",
    "datasets": "SELECT * FROM datasets",
    "claims": "SELECT * FROM claims ORDER BY metric",
}


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


# Runs the command line and then reports the process's own peak memory. VmHWM is per address
# space, so unlike ru_maxrss it does not inherit the (large) peak of the bench process itself.
_MEASURED = ("import sys\nfrom etl.commands.cli import main\ncode = main(sys.argv[1:])\n"
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
             "print('PEAK_KB', hwm.split()[1], file=sys.stderr)\nsys.exit(code)\n")


def measured_cli(*args: str) -> tuple[float, int]:
    """Run `cfwatch ARGS` in a child; returns (seconds, its peak RSS in MB)."""
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURED, *args], check=True,
                            stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    peak_kb = int(result.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return seconds, peak_kb // 1024


def _child_build(sample: Path, warehouse: Path, *extra: str) -> tuple[float, int]:
    return measured_cli("etl", "run", "--sample", str(sample), "--warehouse", str(warehouse),
                        "--quiet", *extra)


DASHBOARD_SCRIPT = r"""
import datetime as dt, json, os, sys, time
from streamlit.testing.v1 import AppTest
os.environ["CFWATCH_WAREHOUSE"] = sys.argv[1]
app = sys.argv[2]
pages = ["overview", "takedowns", "stores", "claims", "milestones", "sql", "health"]
out = {}
at = AppTest.from_file(app, default_timeout=120)
t0 = time.perf_counter(); at.run(); out["first load"] = time.perf_counter() - t0
for page in pages:
    at.switch_page(f"views/{page}.py")
    t0 = time.perf_counter(); at.run(); cold = time.perf_counter() - t0
    t0 = time.perf_counter(); at.run(); warm = time.perf_counter() - t0
    assert not at.exception, [e.message for e in at.exception]
    windows = [(dt.date(2023, 10, 6), dt.date(2023, 12, 5)),
               (dt.date(2024, 1, 1), dt.date(2024, 3, 31))]
    changes = []
    for w in windows:
        t0 = time.perf_counter(); at.sidebar.date_input[0].set_value(w).run()
        changes.append(time.perf_counter() - t0)
    out[page] = (cold, warm, max(changes))
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
out["rss_mb"] = int(hwm.split()[1]) / 1024
print(json.dumps(out))
"""


def _dashboard_timings(warehouse: Path) -> list[tuple[str, str]]:
    """Server-side page render and filter-change times (AppTest, in a child process so its
    memory is the dashboard's own)."""
    import json

    from etl.paths import ROOT
    result = subprocess.run([sys.executable, "-c", DASHBOARD_SCRIPT, str(warehouse),
                             str(ROOT / "dashboard" / "app.py")], capture_output=True,
                            text=True, check=True)
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    rows = [("dashboard first load", f"{timings.pop('first load') * 1000:.0f} ms")]
    rss = timings.pop("rss_mb")
    for page, (cold, warm, change) in timings.items():
        rows.append((f"page {page}", f"{cold * 1000:.0f} ms first, {warm * 1000:.0f} ms again "
                                     f"(target < 1 s); filter change {change * 1000:.0f} ms "
                                     "(target < 300 ms)"))
    rows.append(("dashboard server memory", f"{rss:,.0f} MB peak (target < 1,024 MB)"))
    return rows


def run_bench(scale: float, workdir: Path | None) -> int:
    scratch = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="cfwatch-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    sample = scratch / "sample"
    warehouse = scratch / "warehouse.duckdb"
    floor_db = scratch / "floor.duckdb"
    rows: list[tuple[str, str]] = []
    try:
        print(f"cfwatch bench: scale {scale} in {scratch}", file=sys.stderr)
        gen_s, result = _timed(lambda: generate(sample, scale=scale, progress=False))
        rows.append(("sample generation", f"{gen_s:.1f} s ({result.listings:,} listings, "
                                          f"{result.actions:,} actions)"))
        rows.append(("calibration window", f"{result.window_removed:,} removed (scale x claim "
                                           f"{result.target_removed:,}), {result.window_closed:,}"
                                           f" stores closed (scale x claim "
                                           f"{result.target_closed:,})"))

        for old in (warehouse, floor_db):
            old.unlink(missing_ok=True)
        con = duckdb.connect(str(floor_db))
        con.execute("SET enable_progress_bar = false")
        t0 = time.perf_counter()
        for name in SAMPLE_FILES:
            con.execute(f"CREATE TABLE {name.split('.')[0]} AS SELECT * FROM "
                        f"read_parquet('{sample / name}')")
        con.execute("CHECKPOINT")
        floor_s = time.perf_counter() - t0
        con.close()
        floor_db.unlink()
        rows.append(("DuckDB floor: CTAS from the Parquet", f"{floor_s:.2f} s"))

        build_s, peak_mb = _child_build(sample, warehouse)
        rows.append(("warehouse build (etl run --sample)", f"{build_s:.2f} s"))
        rows.append(("build / floor", f"{build_s / floor_s:.2f}x (target <= 1.5x)"))
        rows.append(("peak memory of the build", f"{peak_mb:,} MB (target < 4,096 MB)"))
        rerun_s, _ = _child_build(sample, warehouse)
        rows.append(("unchanged re-run", f"{rerun_s:.2f} s (target < 2 s)"))

        for view, sql in VIEW_QUERIES.items():
            timings = []
            for _ in range(5):
                t0 = time.perf_counter()
                with duckdb.connect(str(warehouse), read_only=True) as con:
                    con.sql(sql).fetchall()
                timings.append(time.perf_counter() - t0)
            rows.append((f"view {view}", f"{statistics.median(timings) * 1000:.0f} ms "
                                         "(median of 5, incl. connect; target < 100 ms)"))
        size_mb = warehouse.stat().st_size / 1024**2
        rows.append(("warehouse file", f"{size_mb:,.0f} MB"))
        rows += _dashboard_timings(warehouse)
    finally:
        if workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    scale_option().add_to(p)
    p.add_argument("--workdir", metavar="DIR", type=Path,
                   help="scratch folder to keep (default: a temporary folder, removed after)")
    p.add_argument("--dsa-rows", type=int, metavar="N",
                   help="instead: measure the DSA import (etl run --dsa DUMP --platform all) "
                        "on a dump of N rows in the published format (below; 1,000,000 rows "
                        "is about 0.9 GB of CSV, kept in --workdir for the next run): time, "
                        "throughput, peak memory, rows loaded; with shantay, the same dump "
                        "through shantay distill (every platform) in turn with ours, and the "
                        "paired ratio")
    p.add_argument("--article", action="store_true",
                   help="instead: time the extractor on made-up articles at the 5 MB cap "
                        "(dense English, Dutch and Korean prose, and numbers only)")
    p.add_argument("--runs", type=int, default=3, metavar="N",
                   help="with --dsa-rows: runs of each side, alternating; with --article: "
                        "runs of each article, the best counts (default 3)")
    p.add_argument("--shantay", metavar="PATH",
                   help="with --dsa-rows: shantay's executable (default: shantay on PATH; "
                        "without it, no side-by-side figure)")


def run(args: argparse.Namespace) -> int:
    if args.article:
        from etl.commands.bench_article import run_article_bench
        return run_article_bench(args.runs)
    if args.dsa_rows:
        from etl.commands.bench_dsa import run_dsa_bench
        return run_dsa_bench(args.dsa_rows, args.workdir, args.runs, args.shantay)
    return run_bench(args.scale, args.workdir)


COMMAND = Command(
    "bench", "measure build speed, view latency and memory",
    "Generate a sample, then time the warehouse build against DuckDB's own CREATE TABLE AS "
    "SELECT from the same Parquet, the metric views (median of 5), an unchanged re-run, and "
    "peak memory.",
    add_arguments, run)
