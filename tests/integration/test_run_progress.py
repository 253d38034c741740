"""What an operator sees while a run goes: progress on each long step, clean JSON logs."""

from __future__ import annotations

import io
import json

from etl.listings.sample import generate
from etl.pipeline import RunOptions, run_etl
from etl.progress import Progress
from tests.conftest import FIXTURES, cfwatch


def test_every_long_step_of_a_run_reports_its_progress(tmp_path, warehouse):
    sample = generate(tmp_path / "sample", scale=0.005, seed=2, progress=False).out_dir
    (tmp_path / "claims.toml").write_text("# nothing reviewed\n")
    out = io.StringIO()
    run_etl(RunOptions(warehouse=warehouse, articles=FIXTURES / "articles",
                       registry=FIXTURES / "articles" / "sources.toml",
                       claims=tmp_path / "claims.toml", sample=sample,
                       listings=[FIXTURES / "listings" / "bad_rows.csv"],
                       progress=Progress("json", out, show_after_s=0)))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    done = {r["step"] for r in records if r["state"] == "done"}
    assert done == {"reading and extracting articles",
                    f"loading the synthetic sample ({sample.name})", "loading bad_rows.csv",
                    "building rollups and views", "writing the warehouse"}
    articles = next(r for r in records if r["step"] == "reading and extracting articles"
                    and r["state"] == "done")
    assert (articles["done"], articles["total"]) == (3, 3)


def test_json_logs_hold_only_json_and_quiet_runs_print_nothing(tmp_path, warehouse):
    result = cfwatch("etl", "run", "--articles", str(FIXTURES / "articles"), "--warehouse",
                     str(warehouse), "--log-format", "json")
    assert result.returncode == 0, result.stderr
    for line in (result.stdout + result.stderr).splitlines():
        assert json.loads(line)["level"] in ("info", "warning", "progress")
    quiet = cfwatch("etl", "run", "--articles", str(FIXTURES / "articles"), "--warehouse",
                    str(tmp_path / "other.duckdb"), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
