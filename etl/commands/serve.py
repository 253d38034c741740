"""`cfwatch serve`: make sure there is a warehouse, then start the Streamlit dashboard.

The ETL package never imports Streamlit: the dashboard runs as its own process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from etl.listings.sample import DEFAULT_SAMPLE_DIR, generate
from etl.paths import ROOT
from etl.pipeline import RunOptions, run_etl

APP = ROOT / "dashboard" / "app.py"


def ensure_warehouse(warehouse: Path, sample_scale: float, sample_dir: Path) -> None:
    if warehouse.exists():
        return
    print(f"cfwatch: no warehouse at {warehouse}; building one with the synthetic sample "
          f"(scale {sample_scale}) ...", file=sys.stderr, flush=True)
    if not (sample_dir / "manifest.json").is_file():
        generate(sample_dir, scale=sample_scale)
    summary = run_etl(RunOptions(warehouse=warehouse, sample=sample_dir,
                                 command="cfwatch serve (first build)"))
    print(summary.line(), file=sys.stderr, flush=True)


def serve(warehouse: Path, port: int, address: str, sample_scale: float,
          sample_dir: Path | None) -> int:
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
