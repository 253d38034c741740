"""`cfwatch etl run`: build a new warehouse version from all inputs and swap it in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.commands.common import WAIT, WAREHOUSE, Command, json_line
from etl.errors import EXIT_OK
from etl.vocab import DEFAULT_PLATFORM_NAME


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--articles", metavar="DIR", type=Path,
                   help="folder of article .txt files (default seeds/articles if present); "
                        "may hold its own sources.toml")
    p.add_argument("--registry", metavar="FILE", type=Path,
                   help="source registry (default seeds/sources.toml)")
    p.add_argument("--claims", metavar="FILE", type=Path,
                   help="reviewed figures and milestones (default seeds/claims.toml)")
    p.add_argument("--reviews", metavar="FILE", type=Path,
                   help="review decisions to apply (default seeds/reviews.toml)")
    p.add_argument("--sample", metavar="DIR", type=Path, nargs="?", const=Path("-"),
                   help="load the synthetic sample from DIR (default data/sample, made at "
                        "scale 1.0 when missing); labelled synthetic-sample everywhere")
    p.add_argument("--listings", metavar="PATH", type=Path, nargs="+", action="extend",
                   default=[],
                   help="your own CSV or Parquet files, or folders of them, in the schema of "
                        "the README's 'Your own data'; each path is read once; the option may "
                        "be repeated")
    p.add_argument("--dsa", metavar="PATH", type=Path, nargs="+", action="extend", default=[],
                   help="DSA Transparency Database dumps: outer zip, inner zips, CSV parts, "
                        "extracted CSVs, or folders of them; each path is read once; the "
                        "option may be repeated")
    p.add_argument("--dsa-parquet", metavar="DIR", type=Path, nargs="+", action="extend",
                   default=[],
                   help="folders written by cfwatch distill (DIR/date=.../platform=.../"
                        "*.parquet), one dataset per day; the option may be repeated")
    p.add_argument("--platform", metavar="NAME", default="AliExpress",
                   help="DSA platform_name to keep (default AliExpress; all keeps every "
                        "platform, each row keeping its own)")
    p.add_argument("--platform-name", metavar="NAME", default=DEFAULT_PLATFORM_NAME,
                   help="platform of --listings rows without a platform column (default "
                        f"{DEFAULT_PLATFORM_NAME})")
    p.add_argument("--full", action="store_true",
                   help="read every given input again and drop inputs not given, instead of "
                        "carrying unchanged ones over")
    WAIT.add_to(p)
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.add_argument("--log-format", choices=("text", "json"), default="text",
                   help="text lines (default), or one JSON object per line (the summary on "
                        "stdout; progress, warnings and the error on stderr) for log "
                        "collectors")
    p.add_argument("--keep", type=int, default=None, metavar="N",
                   help="previous warehouse versions kept for rollback (default 3; hard "
                        "links, so no copies)")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.listings.sample import DEFAULT_SAMPLE_DIR, generate
    from etl.paths import resolve_warehouse
    from etl.pipeline import (
        DEFAULT_CLAIMS,
        DEFAULT_REGISTRY,
        DEFAULT_REVIEWS,
        RunOptions,
        run_etl,
    )
    from etl.progress import Progress
    from etl.warehouse.versions import DEFAULT_KEEP_VERSIONS

    progress = Progress.for_output(args.log_format, args.quiet)
    sample_dir = args.sample
    if sample_dir is not None and str(sample_dir) == "-":
        sample_dir = DEFAULT_SAMPLE_DIR
        if not (sample_dir / "manifest.json").is_file():
            if not args.quiet and args.log_format == "text":
                print(f"cfwatch: making the synthetic sample in {sample_dir} (scale 1.0) ...",
                      file=sys.stderr)
            generate(sample_dir, progress=progress)
    opts = RunOptions(
        warehouse=resolve_warehouse(args.warehouse), articles=args.articles,
        registry=args.registry or DEFAULT_REGISTRY, claims=args.claims or DEFAULT_CLAIMS,
        reviews=args.reviews or DEFAULT_REVIEWS,
        sample=sample_dir, listings=args.listings, dsa=args.dsa,
        dsa_parquet=args.dsa_parquet, platform=args.platform, platform_name=args.platform_name,
        full=args.full, wait=args.wait,
        keep=DEFAULT_KEEP_VERSIONS if args.keep is None else args.keep,
        command="cfwatch " + " ".join(args.argv), progress=progress)
    summary = run_etl(opts)
    json_logs = args.log_format == "json"
    for problem in summary.problems:
        if json_logs:
            json_line("warning", input=problem.input_name, row=problem.row,
                      reason=problem.reason, stream=sys.stderr)
        else:
            print(f"cfwatch: warning: {problem.line()}", file=sys.stderr)
    if json_logs:
        json_line("info", event="summary", status=summary.status, run_id=summary.run_id,
                  warehouse=str(summary.warehouse), rows_read=summary.rows_read,
                  rows_loaded=summary.rows_loaded, rows_rejected=summary.rows_rejected,
                  seconds=round(summary.seconds, 3), counts=summary.counts,
                  message=summary.line())
    elif not args.quiet:
        print(summary.line())
    return EXIT_OK


COMMAND = Command(
    "run", "build a new warehouse version from all inputs and swap it in",
    "Read the source registry, reviewed claims and any article files, extract figures and "
    "milestones, build a new warehouse file, validate it and swap it in atomically. The "
    "served warehouse is never left half-written.",
    add_arguments, run, group="etl")
