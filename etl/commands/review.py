"""`cfwatch review`: list machine-read figures, and accept, correct or reject them.

Decisions are appended to the reviews file (seeds/reviews.toml by default: the file the served
warehouse was built with) and applied by the next `cfwatch etl run`; the warehouse itself is
only read here.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from etl.commands.common import WAREHOUSE, Command, positive_int
from etl.errors import EXIT_OK, CfwatchError, UsageError

ACTIONS = ("list", "accept", "correct", "reject")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=ACTIONS, metavar="ACTION",
                   help="list (unreviewed figures, lowest chance of being right first), "
                        "accept, correct or reject")
    p.add_argument("figure_id", nargs="?", metavar="FIGURE_ID",
                   help="the figure to decide on (from `cfwatch review list`)")
    p.add_argument("--metric", help="correct: the metric (see etl/vocab.py)")
    p.add_argument("--qualifier", help="correct: exact, over, about, nearly, up_to, range, "
                                       "order_of_magnitude")
    p.add_argument("--value", type=float, help="correct: the value in base units")
    p.add_argument("--low", type=float, help="correct: the lower bound")
    p.add_argument("--high", type=float, help="correct: the upper bound")
    p.add_argument("--period", nargs=2, metavar=("START", "END"),
                   type=dt.date.fromisoformat,
                   help="correct: the window, two dates YYYY-MM-DD")
    p.add_argument("--counted", help="correct: what the figure counts")
    p.add_argument("--actor", help="correct: who acted")
    p.add_argument("--note", metavar="TEXT", help="kept with the decision")
    p.add_argument("--by", metavar="NAME",
                   help="who decides (default $CFWATCH_REVIEWER, else the login name)")
    p.add_argument("--source", metavar="ID", help="list: one source only")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N",
                   help="list: at most N figures (default 50)")
    p.add_argument("--reviews", metavar="FILE", type=Path,
                   help="the reviews file (default: the one the served warehouse was built "
                        "with, else seeds/reviews.toml)")
    WAREHOUSE.add_to(p)


def _corrections(args: argparse.Namespace) -> dict:
    given = {"metric": args.metric, "qualifier": args.qualifier, "value": args.value,
             "value_low": args.low, "value_high": args.high, "counted": args.counted,
             "actor": args.actor}
    if args.period:
        given["period_start"], given["period_end"] = args.period
        given["period_precision"] = "day"
    return {k: v for k, v in given.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    from etl.claims.review import append_decision, decide, reviews_file_of
    from etl.paths import resolve_warehouse
    from etl.query.connection import read_frame

    warehouse = resolve_warehouse(args.warehouse)
    if args.action == "list":
        return _list(warehouse, args.source, args.limit)
    if not args.figure_id:
        raise UsageError("cfwatch review", f"{args.action} needs a FIGURE_ID")
    corrections = _corrections(args)
    if corrections and args.action != "correct":
        raise UsageError("cfwatch review", "corrections (--metric, --period, ...) go with "
                                           "`correct`")
    found = read_frame(warehouse, "SELECT * FROM figures WHERE figure_id = ?",
                       [args.figure_id])
    if found.is_empty():
        raise CfwatchError(args.figure_id, "no such figure in the warehouse (see `cfwatch "
                                           "review list`)")
    figure = found.row(0, named=True)
    reviews = args.reviews or reviews_file_of(warehouse)
    decision = decide(figure, args.action, args.by, args.note, **corrections)
    append_decision(reviews, decision)
    print(f"{args.action} {args.figure_id} ({decision.written!r}) by {decision.by} -> "
          f"{reviews}; the next `cfwatch etl run` applies it")
    return EXIT_OK


def _list(warehouse: Path, source: str | None, limit: int) -> int:
    from etl.query.connection import read_frame

    # the least likely right first: where a reviewer finds the most to correct
    frame = read_frame(warehouse, """
        SELECT figure_id, confidence, window_confidence, metric::VARCHAR AS metric,
               surface, period_start, period_end, sentence
        FROM figures
        WHERE status = 'machine' AND (? IS NULL OR source_id = ?)
        ORDER BY chance_right, source_id, char_start
        LIMIT ?""", [source, source, limit])
    if frame.is_empty():
        print("nothing to review: no machine-read figures")
        return EXIT_OK
    for row in frame.iter_rows(named=True):
        period = f" {row['period_start']}..{row['period_end']}" if row["period_start"] else ""
        sentence = (row["sentence"] or "").replace("\n", " ")
        print(f"{row['figure_id']}  metric {row['confidence']:.0%} {row['metric']:<24} "
              f"window {row['window_confidence']:.0%}  {row['surface']!r}{period}"
              f"\n    {sentence[:160]}")
    return EXIT_OK


COMMAND = Command(
    "review", "list machine-read figures; accept, correct or reject one",
    "Review figures the extractor found. `list` shows unreviewed (machine-read) figures, "
    "lowest chance of being right first (metric and window); `accept`, `correct` and "
    "`reject` append a decision, with who and when, to the reviews file. The next `cfwatch "
    "etl run` applies it; a decision whose offsets no longer hold the same text fails that "
    "run.",
    add_arguments, run)
