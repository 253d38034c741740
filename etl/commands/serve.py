"""`cfwatch serve`: make sure there is a warehouse, then start the Streamlit dashboard.

The ETL package never imports Streamlit: the dashboard runs as its own process.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from etl.commands.common import WAREHOUSE, Command
from etl.paths import ROOT

APP = ROOT / "dashboard" / "app.py"


def ensure_warehouse(warehouse: Path, sample_scale: float, sample_dir: Path) -> None:
    if warehouse.exists():
        return
    from etl.listings.sample import generate
    from etl.pipeline import RunOptions, run_etl
    from etl.progress import Progress

    print(f"cfwatch: no warehouse at {warehouse}; building one with the synthetic sample "
          f"(scale {sample_scale}) ...", file=sys.stderr, flush=True)
    progress = Progress.for_output()
    if not (sample_dir / "manifest.json").is_file():
        generate(sample_dir, scale=sample_scale, progress=progress)
    summary = run_etl(RunOptions(warehouse=warehouse, sample=sample_dir, progress=progress,
                                 command="cfwatch serve (first build)"))
    print(summary.line(), file=sys.stderr, flush=True)


def serve(warehouse: Path, port: int, address: str, sample_scale: float,
          sample_dir: Path | None) -> int:
    from etl.listings.sample import DEFAULT_SAMPLE_DIR

    ensure_warehouse(warehouse, sample_scale, sample_dir or DEFAULT_SAMPLE_DIR)
    env = {**os.environ, "CFWATCH_WAREHOUSE": str(warehouse)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
           "--server.port", str(port), "--server.address", address,
           "--browser.gatherUsageStats", "false"]
    print(f"cfwatch: dashboard on http://{address}:{port} (warehouse {warehouse})",
          file=sys.stderr, flush=True)
    # Become the Streamlit process (exec, not a child): a signal to `cfwatch serve` then
    # reaches the server itself and no orphan is left behind. cwd = the project, so
    # Streamlit finds .streamlit/config.toml (the theme).
    os.chdir(ROOT)
    os.execve(sys.executable, cmd, env)
    return 0  # not reached


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8501, metavar="N", help="port (default 8501)")
    p.add_argument("--address", default="127.0.0.1", metavar="ADDR",
                   help="address to listen on (default 127.0.0.1)")
    p.add_argument("--sample-scale", type=float, default=1.0, metavar="X",
                   help="scale of the sample made when there is no warehouse (default 1.0)")
    p.add_argument("--sample-dir", type=Path, metavar="DIR",
                   help="where that sample goes (default data/sample)")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    return serve(resolve_warehouse(args.warehouse), args.port, args.address,
                 args.sample_scale, args.sample_dir)


COMMAND = Command(
    "serve", "start the dashboard (building the sample warehouse if there is none)",
    "Start the Streamlit dashboard on the warehouse. When the warehouse does not exist yet, "
    "first make the synthetic sample and build it.",
    add_arguments, run)
