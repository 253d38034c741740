"""One ETL run: read the inputs, build a new warehouse, validate it, swap it in."""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.claims.corpus import MAX_REGISTRY_BYTES, load_corpus
from etl.claims.isolation import claim_tables_per_article
from etl.claims.review import load_decisions
from etl.claims.reviewed import load_reviewed
from etl.errors import CfwatchError, Problem
from etl.faults import as_fault
from etl.files import FileRefused, read_limited
from etl.listings.dsa import DsaStats, import_dsa
from etl.listings.dsa_parquet import day_folders, import_distilled
from etl.listings.inputs import (
    Input,
    distilled_input,
    dsa_input,
    expand_paths,
    input_sha256,
    listing_input,
    load_sample,
    plan,
    sample_input,
    sample_scale,
)
from etl.listings.own_data import import_listing_file
from etl.paths import ROOT
from etl.progress import Progress
from etl.vocab import DEFAULT_PLATFORM_NAME
from etl.warehouse.build import (
    Build,
    build_memory_limit,
    document_view_columns,
    insert_rows,
    layout_fingerprint,
    marts_sql,
    remove_stale_builds,
    run_sql_files,
)
from etl.warehouse.lock import writer_lock
from etl.warehouse.runlog import append_run_log, now, read_run_log
from etl.warehouse.served import corrupt_error, read_served
from etl.warehouse.versions import DEFAULT_KEEP_VERSIONS, keep_version, list_versions, swap_in

DEFAULT_REGISTRY = ROOT / "seeds" / "sources.toml"
DEFAULT_CLAIMS = ROOT / "seeds" / "claims.toml"
DEFAULT_REVIEWS = ROOT / "seeds" / "reviews.toml"
DEFAULT_ARTICLES = ROOT / "seeds" / "articles"


@dataclass
class RunOptions:
    warehouse: Path
    articles: Path | None = None
    registry: Path = DEFAULT_REGISTRY
    claims: Path = DEFAULT_CLAIMS
    reviews: Path = DEFAULT_REVIEWS
    sample: Path | None = None
    listings: list[Path] = field(default_factory=list)
    dsa: list[Path] = field(default_factory=list)
    dsa_parquet: list[Path] = field(default_factory=list)
    platform: str = "AliExpress"
    platform_name: str = DEFAULT_PLATFORM_NAME
    full: bool = False
    wait: bool = False
    keep: int = DEFAULT_KEEP_VERSIONS
    command: str = "cfwatch etl run"
    progress: Progress = field(default_factory=Progress)  # shows nothing unless given one


@dataclass
class RunSummary:
    run_id: str
    warehouse: Path
    status: str = "success"
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """The one summary line, every count with thousands separators (read = loaded +
        rejected, for articles and for listing rows)."""
        counts = self.counts
        if self.status == "unchanged":
            return (f"unchanged: no input changed since the last build of {self.warehouse} "
                    f"({self.seconds:.1f} s)")
        listing = ""
        if counts.get("inputs_read") is not None:
            listing = (f"; listing data: read {counts['listing_rows_read']:,}, loaded "
                       f"{counts['listing_rows_loaded']:,}, rejected "
                       f"{counts['listing_rows_rejected']:,} rows from "
                       f"{counts['inputs_read']:,} new or changed inputs"
                       f" ({counts['inputs_carried']:,} carried over)")
            if counts.get("other_platform_rows"):
                listing += f", {counts['other_platform_rows']:,} rows of other platforms skipped"
        return (f"read {self.rows_read:,}, loaded {self.rows_loaded:,}, rejected "
                f"{self.rows_rejected:,} articles; {counts.get('sources', 0):,} sources "
                f"({counts.get('sources_with_text', 0):,} with text), "
                f"{counts.get('figures', 0):,} figures "
                f"({counts.get('figures_reviewed', 0):,} reviewed, "
                f"{counts.get('figures_machine', 0):,} machine-read), "
                f"{counts.get('conflicts', 0):,} conflicts, "
                f"{counts.get('milestones', 0):,} milestones{listing} -> {self.warehouse} "
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
    if opts.warehouse.exists() and not opts.warehouse.is_file():
        raise CfwatchError(str(opts.warehouse), "the warehouse path exists but is not a file")

    # Before anything opens DuckDB: under a small address-space limit it may crash, not fail.
    memory_limit = build_memory_limit()

    def failed(exc: CfwatchError) -> CfwatchError:
        try:  # a full disk or a read-only folder may refuse the record too
            append_run_log(opts.warehouse, {
                "run_id": run_id, "started_at": started.isoformat(),
                "finished_at": now().isoformat(),
                "status": "failed", "command": opts.command, "message": str(exc)})
        except OSError:
            pass
        return exc

    try:
        with writer_lock(opts.warehouse, wait=opts.wait):
            try:
                # Every run, unchanged ones too, removes what killed runs left behind.
                remove_stale_builds(opts.warehouse)
                _build(opts, articles, run_id, started, summary, t0, memory_limit)
            except CfwatchError as exc:
                raise failed(exc) from None
            except (OSError, MemoryError, RuntimeError, duckdb.Error) as exc:
                fault = as_fault(exc, opts.warehouse)
                if fault is None:
                    raise
                raise failed(fault) from None
    except (OSError, MemoryError, RuntimeError, duckdb.Error) as exc:  # the lock, clean-up
        fault = as_fault(exc, opts.warehouse)
        if fault is None:
            raise
        raise fault from None
    return summary


def _claims_fingerprint(opts: RunOptions, articles: Path | None) -> str:
    """Hash of everything the claims part of a build depends on, code and SQL included."""
    h = hashlib.sha256()
    parts: list[tuple[Path, Path | None]] = [(opts.registry, None), (opts.claims, None),
                                             (opts.reviews, None)]
    if articles is not None and articles.is_dir():
        parts += [(p, articles) for p in sorted(articles.glob("*.txt"))
                  + sorted(articles.glob("sources.toml"))]
    code = Path(__file__).resolve().parent
    parts += [(p, None) for p in sorted(code.rglob("*.py")) + sorted(code.rglob("*.sql"))]
    for part, inside in parts:
        h.update(str(part).encode())
        # The same safe read as the corpus: a FIFO or a link to /dev/zero must not hang here.
        try:
            h.update(read_limited(part, MAX_REGISTRY_BYTES, inside))
        except FileRefused as exc:
            h.update(b"refused: " + exc.reason.encode())
    return h.hexdigest()


def _failures_since(warehouse: Path, run_id: str | None) -> bool:
    """Did a run fail after the build that is served? Then its record must be published."""
    records = read_run_log(warehouse)
    ids = [r.get("run_id") for r in records]
    after = records[ids.index(run_id) + 1:] if run_id in ids else records
    return any(r.get("status") == "failed" for r in after)


def _given_inputs(opts: RunOptions) -> list[Input]:
    given: list[Input] = []
    if opts.sample is not None:
        given.append(sample_input(opts.sample))
    given += [listing_input(p) for p in expand_paths(opts.listings, (".csv", ".parquet"))]
    given += [dsa_input(p) for p in expand_paths(opts.dsa, (".zip", ".csv"))]
    given += [distilled_input(day) for folder in opts.dsa_parquet for day in day_folders(folder)]
    return given


def _build(opts: RunOptions, articles: Path | None, run_id: str, started, summary: RunSummary,
           t0: float, memory_limit: str) -> None:
    given = _given_inputs(opts)
    fingerprint = _claims_fingerprint(opts, articles)
    served = read_served(opts.warehouse)
    if served.unreadable and not opts.full:
        raise corrupt_error(opts.warehouse, served.unreadable)
    previous = served.inputs
    relaid = bool(previous) and served.build_info.get("layout") != layout_fingerprint()
    if relaid:  # tables of another layout cannot be copied: read what is given again
        given_keys = {inp.key for inp in given}
        dropped = [row["input_path"] for row in previous if row["input_path"] not in given_keys]
        previous = []
    work = plan(given, previous, opts.full)
    if not work.read and not opts.full and len(work.carry) == len(previous) \
            and served.build_info.get("claims_fingerprint") == fingerprint \
            and not _failures_since(opts.warehouse, served.build_info.get("run_id")):
        summary.status = "unchanged"
        summary.seconds = time.perf_counter() - t0
        append_run_log(opts.warehouse, {
            "run_id": run_id, "started_at": started.isoformat(), "finished_at": now().isoformat(),
            "status": "unchanged", "command": opts.command, "rows_read": 0, "rows_loaded": 0,
            "rows_rejected": 0, "message": summary.line()})
        return

    with opts.progress.step("reading and extracting articles", unit="articles") as step:
        corpus = load_corpus(opts.registry, articles)
        source_ids = {a.source.id for a in corpus.articles}
        reviewed = load_reviewed(opts.claims, source_ids)
        decisions = load_decisions(opts.reviews, source_ids)
        step.total = len(corpus.articles)
        tables = claim_tables_per_article(corpus, reviewed, opts.claims, articles, step,
                                          decisions, opts.reviews)

    files = [a for a in corpus.articles if a.status != "absent"]
    summary.rows_read = len(files)
    summary.rows_loaded = sum(1 for a in files if a.status == "present")
    summary.rows_rejected = summary.rows_read - summary.rows_loaded
    summary.problems = corpus.problems
    if relaid:
        corpus.problems.extend(Problem(path, (
            "not carried over: this version of cfwatch lays the warehouse's tables out "
            "differently, so an input is read again only when it is given; give it again to "
            "keep its rows")) for path in dropped)
    if served.unreadable:  # --full: rebuilt from the inputs given, said so
        corpus.problems.insert(0, Problem(str(opts.warehouse), (
            f"the served warehouse could not be read ({served.unreadable}); rebuilt from the "
            "inputs given (--full), and the unreadable file is not kept as a version")))
    summary.counts = {
        "sources": len(tables.sources), "sources_with_text": summary.rows_loaded,
        "figures": len(tables.figures),
        "figures_reviewed": sum(1 for f in tables.figures if f["status"] == "reviewed"),
        "figures_machine": sum(1 for f in tables.figures if f["status"] == "machine"),
        "conflicts": len(tables.figure_conflicts), "milestones": len(tables.milestones)}

    keep = 0 if served.unreadable else opts.keep  # never offer a corrupt file to roll back to
    with Build(opts.warehouse, keep=keep, memory_limit=memory_limit) as build:
        con = build.con
        if work.carry:
            with opts.progress.step(f"carrying over {len(work.carry):,} unchanged inputs") \
                    as step:
                step.watch(con)
                _carry_over(con, opts.warehouse, work.carry)
        listing_stats = _read_inputs(con, work.read, opts, run_id)
        if given or previous:
            summary.counts.update({
                "inputs_read": len(work.read), "inputs_carried": len(work.carry),
                "listing_rows_read": listing_stats.rows_read,
                "listing_rows_loaded": listing_stats.rows_loaded,
                "listing_rows_rejected": listing_stats.rows_rejected,
                "other_platform_rows": listing_stats.other_platforms})
        for table in ("sources", "figures", "figure_conflicts", "figure_skips", "milestones"):
            insert_rows(con, table, getattr(tables, table))
        insert_rows(con, "rejects", [
            {"run_id": run_id, "input": p.input_name, "row_number": p.row,
             "column_name": p.column, "reason": p.reason,
             "raw_value": (p.raw_value or "")[:200] or None} for p in corpus.problems])
        marts = marts_sql()
        with opts.progress.step("building rollups and views", total=len(marts),
                                unit="files") as step:
            step.watch(con)
            for name, sql in marts:
                step.detail = name
                run_sql_files(con, [(name, sql)])
                step.advance()
        document_view_columns(con)
        validate(con)
        con.execute("INSERT INTO build_info VALUES ('claims_fingerprint', ?), ('built_at', ?), "
                    "('run_id', ?), ('reviews_file', ?), ('layout', ?)",
                    [fingerprint, now().isoformat(), run_id, str(opts.reviews.resolve()),
                     layout_fingerprint()])
        summary.seconds = time.perf_counter() - t0
        record = {"run_id": run_id, "started_at": started.isoformat(),
                  "finished_at": now().isoformat(),
                  "status": "success", "command": opts.command,
                  "rows_read": summary.rows_read + listing_stats.rows_read,
                  "rows_loaded": summary.rows_loaded + listing_stats.rows_loaded,
                  "rows_rejected": summary.rows_rejected + listing_stats.rows_rejected,
                  "message": summary.line()}
        insert_rows(con, "etl_runs", read_run_log(opts.warehouse) + [record])
        with opts.progress.step("writing the warehouse") as step:
            step.watch(con)
            build.publish()
    append_run_log(opts.warehouse, record)


def _carry_over(con, warehouse: Path, carry: list[dict]) -> None:
    """Copy the rows of unchanged inputs from the previous warehouse."""
    if not carry:
        return
    try:
        _copy_carried(con, warehouse, carry)
    except duckdb.Error as exc:
        if as_fault(exc, warehouse) is not None:
            raise
        raise corrupt_error(warehouse, str(exc).strip().splitlines()[0]) from None


def _copy_carried(con, warehouse: Path, carry: list[dict]) -> None:
    con.execute("ATTACH ? AS prev (READ_ONLY)", [str(warehouse)])
    try:
        datasets = [row["dataset"] for row in carry]
        paths = [row["input_path"] for row in carry]
        for table in ("stores", "listings", "enforcement_actions"):
            con.execute(f"INSERT INTO {table} SELECT * FROM prev.{table} "
                        f"WHERE dataset IN (SELECT unnest(?))", [datasets])
        # BY NAME: a warehouse built before a column was added carries over with it NULL
        con.execute("INSERT INTO inputs BY NAME SELECT * FROM prev.inputs "
                    "WHERE input_path IN (SELECT unnest(?))", [paths])
        # A zip's rejects name the member after a '!': path.zip!inner.zip!part.csv
        con.execute("INSERT INTO rejects SELECT * FROM prev.rejects AS r WHERE EXISTS ("
                    "SELECT 1 FROM unnest(?) AS t(p) WHERE r.input = t.p "
                    "OR starts_with(r.input, t.p || '!'))", [paths])
    finally:
        con.execute("DETACH prev")


# How a progress line names the input it is loading.
_LOADING = {"sample": "loading the synthetic sample ({name})", "listings": "loading {name}",
            "dsa": "loading the DSA dump {name}",
            "dsa-parquet": "loading the distilled DSA day {name}"}


def _read_inputs(con, to_read: list[tuple[Input, str | None]], opts: RunOptions,
                 run_id: str) -> DsaStats:
    total = DsaStats()
    # Hash new inputs on another core while DuckDB loads them (both release the GIL).
    with ThreadPoolExecutor(max_workers=1) as pool:
        digests = {inp.key: (pool.submit(input_sha256, inp) if digest is None else None)
                   for inp, digest in to_read}
        for inp, digest in to_read:
            with opts.progress.step(_LOADING[inp.kind].format(name=inp.path.name)) as step:
                step.watch(con)
                stats = _read_one(con, inp, opts, run_id)
            digest = digest or digests[inp.key].result()
            insert_rows(con, "inputs", [{
                "input_path": inp.key, "kind": inp.kind, "dataset": inp.dataset,
                "sha256": digest, "size_bytes": inp.size_bytes, "mtime_ns": inp.mtime_ns,
                "rows_read": stats.rows_read, "rows_loaded": stats.rows_loaded,
                "rows_rejected": stats.rows_rejected, "run_id": run_id,
                "synthetic": inp.kind == "sample",
                "sample_scale": sample_scale(inp.path) if inp.kind == "sample" else None}])
            total.rows_read += stats.rows_read
            total.rows_loaded += stats.rows_loaded
            total.rows_rejected += stats.rows_rejected
            total.other_platforms += stats.other_platforms
    return total


def _read_one(con, inp: Input, opts: RunOptions, run_id: str) -> DsaStats:
    if inp.kind == "sample":
        rows = load_sample(con, inp.path)
        return DsaStats(rows, rows, 0)
    if inp.kind == "listings":
        s = import_listing_file(con, inp.path, inp.dataset, run_id, opts.platform_name)
        return DsaStats(s.rows_read, s.rows_loaded, s.rows_rejected)
    if inp.kind == "dsa-parquet":
        return import_distilled(con, inp.path, inp.dataset, opts.platform, run_id)
    return import_dsa(con, inp.path, opts.platform, run_id)


def validate(con) -> None:
    """Checks a build must pass before it may replace the served warehouse.

    Id uniqueness is not re-checked here: each importer rejects duplicates as it reads (a
    global GROUP BY over 10 million ids would cost a second on every build)."""
    checks = {
        "figures point into their sources' text":
            "SELECT count(*) FROM figures f JOIN sources s USING (source_id) "
            "WHERE s.text_chars IS NOT NULL AND f.char_end > s.text_chars",
        "every input conserves its rows":
            "SELECT count(*) FROM inputs WHERE rows_read <> rows_loaded + rows_rejected",
        "synthetic data is labelled":
            "SELECT count(*) FROM inputs WHERE synthetic <> (dataset = 'synthetic-sample')",
    }
    views = ("claims", "takedown_daily", "store_penalties_monthly", "claims_vs_observed",
             "datasets")
    for name, sql in list(checks.items()) + [(f"view {v} answers", f"SELECT 0 FROM {v} LIMIT 0")
                                             for v in views]:
        try:
            bad = con.execute(sql).fetchone()
        except duckdb.Error as exc:
            raise CfwatchError("warehouse validation", f"{name}: {exc}") from None
        if bad and bad[0]:
            raise CfwatchError("warehouse validation", f"{name}: {bad[0]} rows fail")


def rollback(warehouse: Path, to: str | None = None, wait: bool = False,
             command: str = "cfwatch etl rollback") -> Path:
    """Serve a kept version again. The current one is kept too, so a rollback can be undone."""
    started = now()
    run_id = f"{started:%Y%m%dT%H%M%S%f}-{os.getpid()}"
    with writer_lock(warehouse, wait=wait):
        remove_stale_builds(warehouse)
        versions = list_versions(warehouse)
        if to is not None:
            chosen = next((v for v in versions if v.name == to or v.stem == to), None)
            if chosen is None:
                raise CfwatchError(to, "no such kept version (see `cfwatch etl rollback --list`)")
        else:
            current = warehouse.stat().st_ino if warehouse.exists() else None
            older = [v for v in versions if v.stat().st_ino != current]
            if not older:
                raise CfwatchError(str(warehouse), "no earlier version is kept to roll back to")
            chosen = older[-1]
        keep_version(warehouse, max(DEFAULT_KEEP_VERSIONS, len(versions) + 1))
        swap_in(chosen, warehouse)
        append_run_log(warehouse, {
            "run_id": run_id, "started_at": started.isoformat(), "finished_at": now().isoformat(),
            "status": "rollback", "command": command,
            "message": f"rolled back to {chosen.name}"})
    return chosen
