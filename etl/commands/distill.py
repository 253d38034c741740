"""`cfwatch distill`: DSA dumps -> hive-partitioned Parquet, on DuckDB or Apache Spark."""

from __future__ import annotations

import argparse

from etl.commands.common import Command
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dsa", metavar="PATH", nargs="+", required=True,
                   help="dumps (outer zips, inner zips, CSV parts) or folders of them; the "
                        "day comes from each file's name; with --engine spark also URLs "
                        "(s3://..., read through fsspec)")
    p.add_argument("--out", metavar="DIR", required=True,
                   help="output folder; with --engine spark any path Spark writes to "
                        "(s3a://..., hdfs://...)")
    p.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb",
                   help="duckdb (default): this machine, DuckDB's memory capped at 400 MB; "
                        "spark: Apache Spark, one task per CSV part (pip install -e "
                        "'.[spark]' and Java 17+)")
    p.add_argument("--platform", metavar="NAME", default="all",
                   help="platform_name to keep (default all)")
    p.add_argument("--master", metavar="URL",
                   help="Spark master (default local[*], or spark-submit's own when it starts "
                        "the job)")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from etl.distill.run import DistillOptions, distill
    from etl.listings.inputs import expand_paths

    inputs: list[str] = []
    for given in args.dsa:
        if "://" in given and not given.startswith("file://"):
            inputs.append(given)
        else:
            inputs += [str(p) for p in expand_paths([Path(given)], (".zip", ".csv"))]
    summary = distill(DistillOptions(inputs, args.out, args.engine, args.platform,
                                     args.master, args.quiet))
    if not args.quiet:
        print(summary.line(args.out))
    return EXIT_OK


COMMAND = Command(
    "distill", "DSA dumps -> Parquet partitioned by day and platform (DuckDB or Spark)",
    "Write the statements of DSA dumps as hive-partitioned Parquet, DIR/date=YYYY-MM-DD/"
    "platform=NAME/*.parquet: the mapped columns (action, detected_by, automated, "
    "ip_relevant, ...) and the raw ones analysts need. Each day is written whole and swapped "
    "in atomically; a day already distilled from the same inputs is skipped, so a killed run "
    "resumes where it stopped. `cfwatch etl run --dsa-parquet DIR` loads the result.",
    add_arguments, run)
