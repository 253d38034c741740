"""`cfwatch sample`: generate the synthetic sample."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.commands.common import Command, scale_option
from etl.errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    scale_option().add_to(p)
    p.add_argument("--seed", type=int, default=42, metavar="N",
                   help="random seed (default 42)")
    p.add_argument("--out", metavar="DIR", type=Path, help="output folder (default data/sample)")
    p.add_argument("--scenario", metavar="FILE", type=Path,
                   help="scenario file (default seeds/scenario.toml)")


def run(args: argparse.Namespace) -> int:
    from etl.listings.sample import DEFAULT_SAMPLE_DIR, DEFAULT_SCENARIO, generate

    result = generate(args.out or DEFAULT_SAMPLE_DIR, scale=args.scale, seed=args.seed,
                      scenario_path=args.scenario or DEFAULT_SCENARIO)
    print(f"synthetic sample: {result.listings:,} listings, {result.stores:,} stores, "
          f"{result.actions:,} actions; claim windows: {result.window_removed:,} removed (scale x "
          f"claim = {result.target_removed:,}), {result.window_closed:,} stores closed "
          f"({result.target_closed:,}) -> {result.out_dir} in {result.seconds:.1f} s")
    return EXIT_OK


COMMAND = Command(
    "sample", "generate the synthetic sample (deterministic, scalable)",
    "Generate synthetic listing-level enforcement data from seeds/scenario.toml as Parquet. "
    "At --scale 1.0: about 10 million listings, calibrated so the claims' window "
    "(2023-10-06 .. 2023-12-05, read from seeds/claims.toml) holds scale x 977,151 removed "
    "listings and scale x 1,193 closed stores.",
    add_arguments, run)
