"""`cfwatch`: the command line of Counterfeit Watch.

Exit codes: 0 success, 1 failed (one line on stderr: input and reason), 2 usage or
configuration error, 3 another ETL run holds the writer lock.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from etl.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CfwatchError

DESCRIPTION = """Counterfeit Watch: track marketplaces' counterfeit-enforcement claims and check
them against listing-level data. Data lives in one DuckDB file (the warehouse)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other failure
        self.exit(EXIT_USAGE, f"cfwatch: usage error: {message} (see {self.prog} --help)\n")


def _warehouse_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--warehouse", metavar="PATH",
                   help="warehouse file (default: $CFWATCH_WAREHOUSE, else "
                        "data/warehouse.duckdb in the project)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cfwatch", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    etl = commands.add_parser("etl", help="load inputs into the warehouse",
                              description="Load inputs into the warehouse.")
    etl_commands = etl.add_subparsers(dest="etl_command", metavar="ETL_COMMAND",
                                      parser_class=_Parser)
    run = etl_commands.add_parser(
        "run", help="build a new warehouse version from all inputs and swap it in",
        description="Read the source registry, reviewed claims and any article files, extract "
                    "figures and milestones, build a new warehouse file, validate it and swap "
                    "it in atomically. The served warehouse is never left half-written.")
    run.add_argument("--articles", metavar="DIR", type=Path,
                     help="folder of article .txt files (default: seeds/articles if present); "
                          "may hold its own sources.toml")
    run.add_argument("--registry", metavar="FILE", type=Path,
                     help="source registry (default: seeds/sources.toml)")
    run.add_argument("--claims", metavar="FILE", type=Path,
                     help="reviewed figures and milestones (default: seeds/claims.toml)")
    run.add_argument("--sample", metavar="DIR", type=Path, nargs="?", const=Path("-"),
                     help="load the synthetic sample from DIR (default data/sample; made at "
                          "scale 1.0 when missing); labelled synthetic-sample everywhere")
    run.add_argument("--listings", metavar="PATH", type=Path, nargs="+", default=[],
                     help="your own CSV or Parquet files (or folders of them) in the "
                          "documented schema")
    run.add_argument("--dsa", metavar="PATH", type=Path, nargs="+", default=[],
                     help="DSA Transparency Database dumps: outer zip, inner zips, CSV parts, "
                          "extracted CSVs, or folders of them")
    run.add_argument("--platform", metavar="NAME", default="AliExpress",
                     help="DSA platform_name to keep (default AliExpress; 'all' keeps every "
                          "platform)")
    run.add_argument("--full", action="store_true",
                     help="read every given input again and drop inputs not given, instead of "
                          "carrying unchanged ones over")
    run.add_argument("--wait", action="store_true",
                     help="wait for another run's lock instead of exiting with code 3")
    run.add_argument("--quiet", action="store_true", help="print nothing on success")
    run.add_argument("--log-format", choices=("text", "json"), default="text",
                     help="text lines, or one JSON object per line for log collectors")
    run.add_argument("--keep", type=int, default=None, metavar="N",
                     help="previous warehouse versions to keep for rollback (default 3)")
    _warehouse_arg(run)

    rollback = etl_commands.add_parser(
        "rollback", help="serve the previous warehouse version again",
        description="Swap a kept earlier warehouse version back in, atomically. The current "
                    "version is kept too, so a rollback can itself be rolled back.")
    rollback.add_argument("--to", metavar="VERSION",
                          help="the version to serve (default: the one before the current)")
    rollback.add_argument("--list", action="store_true", help="list the kept versions")
    rollback.add_argument("--wait", action="store_true",
                          help="wait for a running ETL instead of exiting with code 3")
    _warehouse_arg(rollback)

    schedule = commands.add_parser(
        "schedule", help="run the ETL every interval or on a cron expression",
        description="Run `cfwatch etl run` now and then on a schedule, each run a child "
                    "process. Arguments after -- go to every `cfwatch etl run`. Stops "
                    "cleanly on SIGTERM or Ctrl-C after the current run.")
    schedule.add_argument("--every", metavar="INTERVAL", help="e.g. 30m, 1h, 1d")
    schedule.add_argument("--cron", metavar="EXPR", help="a cron expression, e.g. '0 * * * *'")
    schedule.add_argument("--max-runs", type=int, metavar="N",
                          help="stop after N runs (default: run until stopped)")
    schedule.add_argument("--no-run-now", action="store_true",
                          help="wait for the first scheduled time instead of running at once")
    schedule.add_argument("etl_args", nargs="*", metavar="-- ETL_ARGS",
                          help="arguments for each `cfwatch etl run`")
    _warehouse_arg(schedule)

    sample = commands.add_parser(
        "sample", help="generate the synthetic sample (deterministic, scalable)",
        description="Generate synthetic listing-level enforcement data from seeds/scenario.toml "
                    "as Parquet. At --scale 1.0: about 10 million listings, calibrated so the "
                    "two months before 2023-12-06 hold about 977,151 removed listings and "
                    "1,193 closed stores.")
    sample.add_argument("--scale", type=float, default=1.0,
                        help="size relative to the scenario (0.001 to 100; default 1.0)")
    sample.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    sample.add_argument("--out", metavar="DIR", type=Path,
                        help="output folder (default data/sample)")
    sample.add_argument("--scenario", metavar="FILE", type=Path,
                        help="scenario file (default seeds/scenario.toml)")

    bench = commands.add_parser(
        "bench", help="measure build speed, view latency and memory",
        description="Generate a sample, then time the warehouse build against DuckDB's own "
                    "CREATE TABLE AS SELECT from the same Parquet, the metric views "
                    "(median of 5), an unchanged re-run, and peak memory.")
    bench.add_argument("--scale", type=float, default=1.0,
                       help="sample size to measure (default 1.0 = 10 million listings)")
    bench.add_argument("--workdir", metavar="DIR", type=Path,
                       help="scratch folder (default: a temporary folder, removed after)")
    bench.add_argument("--dsa-rows", type=int, metavar="N",
                       help="instead: import a synthetic DSA dump of N rows (1,000,000 is "
                            "about 1 GB of CSV) and report time and peak memory")

    serve = commands.add_parser(
        "serve", help="start the dashboard (building the sample warehouse if there is none)",
        description="Start the Streamlit dashboard on the warehouse. When the warehouse does "
                    "not exist yet, first make the synthetic sample and build it.")
    serve.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    serve.add_argument("--address", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--sample-scale", type=float, default=1.0, metavar="X",
                       help="scale of the sample made when there is no warehouse (default 1.0)")
    serve.add_argument("--sample-dir", type=Path, metavar="DIR",
                       help="where that sample goes (default data/sample)")
    _warehouse_arg(serve)

    sql = commands.add_parser(
        "sql", help="run one read-only query against the warehouse",
        description="Run one SELECT (or EXPLAIN) in a sandbox: read-only, no file or network "
                    "access, no extensions, settings locked, a time limit and a row cap.")
    sql.add_argument("query", help="the SQL query, e.g. \"SELECT * FROM claims\"")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table",
                     help="output format (default: table)")
    sql.add_argument("--max-rows", type=int, default=None, metavar="N",
                     help="row cap (default: 10000)")
    sql.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="time limit per query (default: 5)")
    _warehouse_arg(sql)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    json_logs = getattr(args, "log_format", "text") == "json"
    try:
        if args.command == "etl" and args.etl_command == "run":
            return _etl_run(args, argv)
        if args.command == "etl" and args.etl_command == "rollback":
            return _rollback(args)
        if args.command == "schedule":
            from etl.commands.schedule import Schedule, run_schedule
            from etl.paths import resolve_warehouse
            return run_schedule(Schedule(args.every, args.cron),
                                resolve_warehouse(args.warehouse), args.etl_args,
                                max_runs=args.max_runs, run_now=not args.no_run_now)
        if args.command == "sql":
            return _sql(args)
        if args.command == "sample":
            return _sample(args)
        if args.command == "serve":
            from etl.commands.serve import serve
            from etl.paths import resolve_warehouse
            return serve(resolve_warehouse(args.warehouse), args.port, args.address,
                         args.sample_scale, args.sample_dir)
        if args.command == "bench":
            from etl.commands.bench import run_bench, run_dsa_bench
            if args.dsa_rows:
                return run_dsa_bench(args.dsa_rows, args.workdir)
            return run_bench(args.scale, args.workdir)
    except CfwatchError as exc:
        if json_logs:
            _json_line("error", input=exc.input_name, reason=exc.reason,
                       exit_code=exc.exit_code, stream=sys.stderr)
        else:
            print(f"cfwatch: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cfwatch: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug, not bad input: still one line, the trace on request
        if os.environ.get("CFWATCH_DEBUG"):
            raise
        print(f"cfwatch: internal error: {type(exc).__name__}: {exc} "
              "(set CFWATCH_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_FAILED
    parser.print_help(sys.stderr if args.command is None else sys.stdout)
    return EXIT_USAGE


def _etl_run(args, argv) -> int:
    from etl.paths import resolve_warehouse
    from etl.pipeline import DEFAULT_CLAIMS, DEFAULT_REGISTRY, RunOptions, run_etl
    from etl.warehouse.versions import DEFAULT_KEEP_VERSIONS

    sample_dir = args.sample
    if sample_dir is not None and str(sample_dir) == "-":
        from etl.listings.sample import DEFAULT_SAMPLE_DIR, generate
        sample_dir = DEFAULT_SAMPLE_DIR
        if not (sample_dir / "manifest.json").is_file():
            print(f"cfwatch: making the synthetic sample in {sample_dir} (scale 1.0) ...",
                  file=sys.stderr)
            generate(sample_dir, progress=not args.quiet)
    opts = RunOptions(
        warehouse=resolve_warehouse(args.warehouse), articles=args.articles,
        registry=args.registry or DEFAULT_REGISTRY, claims=args.claims or DEFAULT_CLAIMS,
        sample=sample_dir, listings=args.listings, dsa=args.dsa, platform=args.platform,
        full=args.full, wait=args.wait,
        keep=DEFAULT_KEEP_VERSIONS if args.keep is None else args.keep,
        command="cfwatch " + " ".join(argv if argv is not None else sys.argv[1:]))
    summary = run_etl(opts)
    json_logs = args.log_format == "json"
    for problem in summary.problems:
        if json_logs:
            _json_line("warning", input=problem.input_name, row=problem.row,
                       reason=problem.reason, stream=sys.stderr)
        else:
            print(f"cfwatch: warning: {problem.line()}", file=sys.stderr)
    if json_logs:
        _json_line("info", event="summary", status=summary.status, run_id=summary.run_id,
                   warehouse=str(summary.warehouse), rows_read=summary.rows_read,
                   rows_loaded=summary.rows_loaded, rows_rejected=summary.rows_rejected,
                   seconds=round(summary.seconds, 3), counts=summary.counts,
                   message=summary.line())
    elif not args.quiet:
        print(summary.line())
    return EXIT_OK


def _json_line(level: str, stream=None, **fields) -> None:
    import datetime as dt
    record = {"time": dt.datetime.now(dt.timezone.utc).isoformat(), "level": level, **fields}
    print(json.dumps(record, default=str), file=stream or sys.stdout, flush=True)


def _rollback(args) -> int:
    from etl.paths import resolve_warehouse
    from etl.pipeline import rollback
    from etl.warehouse.versions import list_versions

    warehouse = resolve_warehouse(args.warehouse)
    if args.list:
        current = warehouse.stat().st_ino if warehouse.exists() else None
        for version in list_versions(warehouse):
            marker = " (served)" if version.stat().st_ino == current else ""
            print(f"{version.stem}{marker}")
        return EXIT_OK
    chosen = rollback(warehouse, args.to, wait=args.wait)
    print(f"rolled back: {warehouse} now serves {chosen.stem}")
    return EXIT_OK


def _sample(args) -> int:
    from etl.listings.sample import DEFAULT_SAMPLE_DIR, DEFAULT_SCENARIO, generate

    result = generate(args.out or DEFAULT_SAMPLE_DIR, scale=args.scale, seed=args.seed,
                      scenario_path=args.scenario or DEFAULT_SCENARIO)
    print(f"synthetic sample: {result.listings:,} listings, {result.stores:,} stores, "
          f"{result.actions:,} actions; calibration window: {result.window_removed:,} removed, "
          f"{result.window_closed:,} stores closed -> {result.out_dir} in {result.seconds:.1f} s")
    return EXIT_OK


def _sql(args) -> int:
    from etl.paths import resolve_warehouse
    from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, run_query

    result = run_query(resolve_warehouse(args.warehouse), args.query,
                       max_rows=args.max_rows or DEFAULT_MAX_ROWS,
                       timeout_s=args.timeout or DEFAULT_TIMEOUT_S)
    frame = result.frame
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        print(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1))
    else:
        import polars as pl
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
            print(frame)
    if result.truncated:
        print(f"cfwatch: truncated: showing the first {result.max_rows} rows "
              "(raise --max-rows or narrow the query)", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
