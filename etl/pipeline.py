"""One ETL run: read the inputs, build a new warehouse, validate it, swap it in."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .claim_tables import build_claim_tables
from .claims import load_reviewed, verify
from .corpus import load_corpus
from .errors import CfwatchError, Problem
from .warehouse import (ROOT, Build, append_run_log, insert_rows, now, read_run_log,
                        writer_lock)

DEFAULT_REGISTRY = ROOT / "seeds" / "sources.toml"
DEFAULT_CLAIMS = ROOT / "seeds" / "claims.toml"
DEFAULT_ARTICLES = ROOT / "seeds" / "articles"


@dataclass
class RunOptions:
    warehouse: Path
    articles: Path | None = None
    registry: Path = DEFAULT_REGISTRY
    claims: Path = DEFAULT_CLAIMS
    wait: bool = False
    command: str = "cfwatch etl run"


@dataclass
class RunSummary:
    run_id: str
    warehouse: Path
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        c = self.counts
        return (f"read {self.rows_read}, loaded {self.rows_loaded}, rejected "
                f"{self.rows_rejected} articles; {c.get('sources', 0)} sources "
                f"({c.get('sources_with_text', 0)} with text), {c.get('figures', 0)} figures "
                f"({c.get('figures_verified', 0)} verified), {c.get('conflicts', 0)} conflicts, "
                f"{c.get('milestones', 0)} milestones -> {self.warehouse} "
                f"in {self.seconds:.1f} s")


def run_etl(opts: RunOptions) -> RunSummary:
    started = now()
    t0 = time.perf_counter()
    run_id = f"{started:%Y%m%dT%H%M%S%f}-{os.getpid()}"
    summary = RunSummary(run_id, opts.warehouse)
    articles = opts.articles
    if articles is None and DEFAULT_ARTICLES.is_dir():
        articles = DEFAULT_ARTICLES
    if opts.articles is not None and not opts.articles.is_dir():
        raise CfwatchError(str(opts.articles), "--articles must be a folder of .txt articles")

    with writer_lock(opts.warehouse, wait=opts.wait):
        try:
            _build(opts, articles, run_id, started, summary, t0)
        except CfwatchError as exc:
            append_run_log(opts.warehouse, {
                "run_id": run_id, "started_at": started.isoformat(),
                "finished_at": now().isoformat(),
                "status": "failed", "command": opts.command, "message": str(exc)})
            raise
    return summary


def _build(opts: RunOptions, articles: Path | None, run_id: str, started, summary: RunSummary,
           t0: float) -> None:
    corpus = load_corpus(opts.registry, articles)
    reviewed = load_reviewed(opts.claims, {a.source.id for a in corpus.articles})
    verified = verify(reviewed, corpus.by_id(), opts.claims)
    tables = build_claim_tables(corpus, reviewed, verified)

    files = [a for a in corpus.articles if a.status != "absent"]
    summary.rows_read = len(files)
    summary.rows_loaded = sum(1 for a in files if a.status == "present")
    summary.rows_rejected = summary.rows_read - summary.rows_loaded
    summary.problems = corpus.problems
    summary.counts = {
        "sources": len(tables.sources), "sources_with_text": summary.rows_loaded,
        "figures": len(tables.figures),
        "figures_verified": sum(1 for f in tables.figures if f["verified"]),
        "conflicts": len(tables.figure_conflicts), "milestones": len(tables.milestones)}

    with Build(opts.warehouse) as build:
        con = build.con
        for table in ("sources", "figures", "figure_conflicts", "figure_skips", "milestones"):
            insert_rows(con, table, getattr(tables, table))
        insert_rows(con, "rejects", [
            {"run_id": run_id, "input": p.input_name, "row_number": p.row,
             "column_name": p.column, "reason": p.reason,
             "raw_value": (p.raw_value or "")[:200] or None} for p in corpus.problems])
        validate(con)
        summary.seconds = time.perf_counter() - t0
        record = {"run_id": run_id, "started_at": started.isoformat(),
                  "finished_at": now().isoformat(),
                  "status": "success", "command": opts.command,
                  "rows_read": summary.rows_read, "rows_loaded": summary.rows_loaded,
                  "rows_rejected": summary.rows_rejected, "message": summary.line()}
        insert_rows(con, "etl_runs", read_run_log(opts.warehouse) + [record])
        build.publish()
    append_run_log(opts.warehouse, record)


def validate(con) -> None:
    """Checks a build must pass before it may replace the served warehouse."""
    checks = {
        "every view answers": "SELECT count(*) FROM claims",
        "figures point into their sources' text":
            "SELECT count(*) FROM figures f JOIN sources s USING (source_id) "
            "WHERE s.text_chars IS NOT NULL AND f.char_end > s.text_chars",
    }
    for name, sql in checks.items():
        try:
            bad = con.execute(sql).fetchone()[0]
        except Exception as exc:  # noqa: BLE001 - any failure here means: do not publish
            raise CfwatchError("warehouse validation", f"{name}: {exc}") from None
        if name != "every view answers" and bad:
            raise CfwatchError("warehouse validation", f"{name}: {bad} rows fail")
