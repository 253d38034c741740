"""The synthetic sample: deterministic, scalable listing-level enforcement data.

Generated inside DuckDB from `range()` with hash-based pseudo-random numbers: every value is a
function of (row number, purpose, seed), so the output is the same for the same seed, scale
and scenario whatever the thread count, and 10 million listings take seconds on 2 cores.
Everything it writes is labelled dataset = 'synthetic-sample'.

Calibration on the claims (seeds/scenario.toml [calibration] names them; their value and
window are read from the reviewed claims file, the same figures the warehouse compares): after
the ordinary flow of flags and removals, a clean-up sweep after the audit removes exactly as
many backlog listings as bring the window's removals to scale x the claimed count, and exactly
scale x the claimed closures are drawn among the stores due for closure in the window. Both are
computed from the generated data, not hard-coded, so `claims_vs_observed` reproduces the claims
at any scale (up to the rounding to whole listings and stores).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import CfwatchError
from etl.faults import as_fault
from etl.paths import ROOT
from etl.progress import Progress, Step
from etl.tomlfile import load_toml
from etl.vocab import SYNTHETIC_DATASET

DEFAULT_SCENARIO = ROOT / "seeds" / "scenario.toml"
DEFAULT_SAMPLE_DIR = ROOT / "data" / "sample"
ERAS = ("before_audit", "after_audit", "after_project_clean")


@dataclass(frozen=True)
class CalibrationClaim:
    """A reviewed claim the sample is calibrated on: its value and its window (inclusive)."""
    metric: str
    value: float
    start: dt.date
    end: dt.date

    def target(self, scale: float) -> int:
        return round(self.value * scale)

    def sql_window(self) -> str:
        return f"TIMESTAMP '{self.start}' AND TIMESTAMP '{self.end} 23:59:59'"


@dataclass
class SampleResult:
    out_dir: Path
    listings: int
    stores: int
    actions: int
    window_removed: int
    window_closed: int
    seconds: float
    target_removed: int = 0
    target_closed: int = 0


def calibration_claims(scenario: dict, scenario_path: Path) -> dict[str, CalibrationClaim]:
    """The claims named in the scenario's [calibration], read from the reviewed claims file:
    {"removed_listings": ..., "closed_stores": ...}. Raises CfwatchError when one is missing or
    has no window."""
    cal = scenario["calibration"]
    claims_path = scenario_path.parent / cal["claims"]
    entries = load_toml(claims_path, "reviewed claims").get("figure", [])
    found: dict[str, CalibrationClaim] = {}
    for role in ("removed_listings", "closed_stores"):
        metric = cal[role]
        entry = next((e for e in entries
                      if e.get("source") == cal["source"] and e.get("metric") == metric), None)
        if entry is None or not entry.get("period_start") or not entry.get("period_end"):
            raise CfwatchError(str(claims_path), f"no reviewed {metric} figure with a period "
                                                 f"from {cal['source']} to calibrate the "
                                                 "sample on")
        found[role] = CalibrationClaim(metric, float(entry["value"]),
                                       dt.date.fromisoformat(str(entry["period_start"])),
                                       dt.date.fromisoformat(str(entry["period_end"])))
    return found


def load_scenario(path: Path) -> dict:
    return load_toml(path, "scenario")


def _weights_case(weights: dict[str, float], u: str) -> str:
    """SQL CASE picking a key by cumulative weight for a uniform number `u`."""
    total = sum(weights.values())
    parts, acc = [], 0.0
    items = [(k, w) for k, w in weights.items() if w > 0]
    for key, weight in items[:-1]:
        acc += weight / total
        parts.append(f"WHEN {u} < {acc!r} THEN '{key}'")
    return f"CASE {' '.join(parts)} ELSE '{items[-1][0]}' END"


def _era_case(ts: str, sc: dict, values: dict[str, object]) -> str:
    m = sc["milestones"]
    return (f"CASE WHEN {ts} < TIMESTAMP '{m['audit']}' THEN {values['before_audit']} "
            f"WHEN {ts} < TIMESTAMP '{m['project_clean']}' THEN {values['after_audit']} "
            f"ELSE {values['after_project_clean']} END")


_PURPOSE = re.compile(r"\b(u|nrm)\((\w+(?:\.\w+)?), '(\w+)'\)")


def _numbered(sql: str) -> str:
    """Replace the readable purpose names in u(i, 'name') with stable integers.

    Hashing an integer is several times cheaper than hashing a string, and there are a dozen
    draws per listing; names keep the SQL readable. The number is derived from the name, so
    adding a purpose never shifts the others.
    """
    def number(m: re.Match) -> str:
        code = int(hashlib.blake2b(m.group(3).encode(), digest_size=4).hexdigest(), 16)
        return f"{m.group(1)}({m.group(2)}, {code})"
    return _PURPOSE.sub(number, sql)


class _Con:
    """A DuckDB connection whose SQL goes through `_numbered` first."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def execute(self, sql: str, *args):
        return self._con.execute(_numbered(sql), *args)

    def close(self) -> None:
        self._con.close()


# The stages generate() reports as it goes (a bar on a terminal, lines in a log).
STAGES = ("stores", "listings", "sweep", "enforcement actions", "ladder", "writing Parquet")


def generate(out_dir: Path = DEFAULT_SAMPLE_DIR, scale: float = 1.0, seed: int = 42,
             scenario_path: Path = DEFAULT_SCENARIO,
             progress: Progress | bool = True) -> SampleResult:
    """Make the synthetic sample in `out_dir`; returns its counts and calibration.

    `progress`: a Progress, or True for the default one (a bar on a terminal, lines in a
    log), False for none. Raises CfwatchError (exit 1) for a bad scale or scenario."""
    if not isinstance(progress, Progress):
        progress = Progress.for_output() if progress else Progress("off")
    with progress.step(f"making the synthetic sample (scale {scale:g})", total=len(STAGES),
                       unit="stages") as step:
        try:
            return _generate(out_dir, scale, seed, scenario_path, step)
        except (OSError, MemoryError, duckdb.Error) as exc:  # a full disk, no memory
            fault = as_fault(exc, out_dir)
            if fault is None:
                raise
            raise fault from None


def _generate(out_dir: Path, scale: float, seed: int, scenario_path: Path,
              step: Step) -> SampleResult:
    if not 0 < scale <= 100:
        raise CfwatchError("--scale", f"must be in (0, 100], got {scale}")
    sc = load_scenario(scenario_path)
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    n_listings = max(100, round(sc["size"]["listings"] * scale))
    n_stores = max(10, round(sc["size"]["stores"] * scale))
    start = dt.date.fromisoformat(str(sc["period"]["start"]))
    end = dt.date.fromisoformat(str(sc["period"]["end"]))
    seconds = int((end - start).days + 1) * 86400
    claims = calibration_claims(sc, scenario_path)
    removed_claim, closed_claim = claims["removed_listings"], claims["closed_stores"]
    w_start = removed_claim.start
    target_removed = removed_claim.target(scale)
    target_closed = closed_claim.target(scale)

    con = _Con(duckdb.connect())
    step.watch(con._con)
    con.execute("SET preserve_insertion_order = true")
    # Past 3 GB DuckDB spills to disk beside the output, so 100 million listings still fit.
    spill = out_dir / ".spill"
    con.execute("SET memory_limit = '3GB'")
    con.execute(f"SET temp_directory = '{spill}'")
    # u(i, purpose): uniform in [0, 1) from (row, purpose, seed); nrm: standard normal.
    con.execute(f"CREATE MACRO u(i, p) AS (hash(i, p, {int(seed)}) % 4294967291)::DOUBLE "
                "/ 4294967291.0")
    # Box-Muller: two hashes per normal draw. 1 - u keeps ln() away from zero.
    con.execute("CREATE MACRO nrm(i, p) AS sqrt(-2.0 * ln(1.0 - u(i, p))) "
                "* cos(2.0 * pi() * u(i, p + 1))")

    size = sc["size"]
    cats = _weights_case(sc["categories"], "u(i, 'cat')")
    brands = sc["brands"]["names"]
    brand_list = "[" + ", ".join("'" + b.replace("'", "''") + "'" for b in brands) + "]"
    con.execute("CREATE MACRO store_id_of(n) AS 'S' || lpad(n::VARCHAR, 8, '0')")
    con.execute("CREATE MACRO listing_id_of(i) AS 'L' || lpad(i::VARCHAR, 10, '0')")
    con.execute(f"CREATE MACRO category_of(i) AS {cats}")
    con.execute(f"CREATE MACRO brand_of(i) AS {brand_list}[1 + (u(i, 'brand') * {len(brands)})"
                f"::INTEGER % {len(brands)}]")
    step.advance(0, detail=f"stores: {n_stores:,}")
    con.execute(f"""
        CREATE TABLE stores_base AS
        SELECT i AS store_no,
               store_id_of(i) AS store_id,
               u(i, 'bad') < {size['bad_store_share']} AS bad_actor,
               DATE '{start}' - (u(i, 'open') * 1500)::INTEGER AS opened_at,
               CASE WHEN u(i, 'cty') < 0.86 THEN 'CN' WHEN u(i, 'cty') < 0.93 THEN 'KR'
                    WHEN u(i, 'cty') < 0.97 THEN 'HK' ELSE 'TR' END AS country
        FROM range({n_stores}) t(i)""")

    eras = sc["eras"]
    det = sc["detection"]
    prices = sc["prices"]
    td = sc["takedown"]
    era_of = lambda ts, key, fmt="{!r}": _era_case(  # noqa: E731
        ts, sc, {e: fmt.format(eras[e][key]) for e in ERAS})
    det_case = _era_case("flagged_at", sc, {e: _weights_case(det[e], "u(i, 'det')")
                                           for e in ERAS})

    step.advance(detail=f"listings: {n_listings:,}")
    # One projection over range(): no join (a store's traits are hash functions of its number,
    # like the stores table's), so row order is the range's and no sort is needed on export.
    con.execute(f"""
        CREATE TABLE listings_final AS
        WITH drawn AS (
            SELECT i,
                   (floor({n_stores} * pow(u(i, 'store'), 2)))::BIGINT AS store_no,
                   TIMESTAMP '{start}' + to_seconds((u(i, 'listed') * {seconds})::BIGINT)
                       AS listed_at
            FROM range({n_listings}) t(i)
        ),
        traits AS (
            SELECT *, u(store_no, 'bad') < {size['bad_store_share']} AS bad_actor
            FROM drawn
        ),
        flagged AS (
            SELECT *,
                   u(i, 'cf') < CASE WHEN bad_actor THEN {size['counterfeit_share_bad_stores']}
                                     ELSE {size['counterfeit_share_other_stores']} END
                       AS counterfeit,
                   listed_at + to_seconds((3600 * exp(ln(72) + 1.0 * nrm(i, 'fd')))::BIGINT)
                       AS flagged_at
            FROM traits
        ),
        decided AS (
            SELECT *,
                   flagged_at <= TIMESTAMP '{end} 23:59:59' AND (
                       (counterfeit AND u(i, 'flag') < {era_of('flagged_at', 'flag_rate')})
                       OR (NOT counterfeit AND u(i, 'flag') < {td['false_flag_rate']}))
                       AS is_flagged,
                   exp(ln({era_of('flagged_at', 'median_hours')})
                       + {td['hours_sigma']} * nrm(i, 'h')) AS hours_to_action
            FROM flagged
        )
        -- only numbers here: ids, category, brand, price and detection source are derived
        -- from i and store_no where they are written, so 10 million strings never sit in memory
        SELECT i, store_no, listed_at, counterfeit, is_flagged, flagged_at, hours_to_action,
               is_flagged AND counterfeit
                   AND u(i, 'rm') < {era_of('flagged_at', 'removal_rate')} AS removed,
               flagged_at + to_seconds((hours_to_action * 3600)::BIGINT) AS actioned_at
        FROM decided""")

    # Ordinary removals, then the sweep that calibrates the window on the claim.
    window = removed_claim.sql_window()
    backlog_filter = (f"counterfeit AND listed_at < TIMESTAMP '{w_start}' AND "
                      f"NOT (removed AND actioned_at < TIMESTAMP '{w_start}') AND "
                      f"NOT (removed AND actioned_at BETWEEN {window})")
    ordinary, backlog = con.execute(
        f"SELECT count(*) FILTER (WHERE removed AND actioned_at BETWEEN {window}), "
        f"count(*) FILTER (WHERE {backlog_filter}) FROM listings_final").fetchone()
    # Exactly the missing removals are swept: the backlog listings with the lowest draws. A
    # probability would leave a binomial error, several percent at small scales.
    swept = min(backlog, max(0, target_removed - ordinary))
    window_seconds = ((removed_claim.end - removed_claim.start).days + 1) * 86400
    sweep_det = _weights_case(det["after_audit"], "u(i, 'sdet')")
    step.advance(detail=f"sweep: {ordinary:,} ordinary removals in the window, backlog "
                        f"{backlog:,}, {swept:,} swept")

    step.advance(detail="enforcement actions")
    con.execute(f"""
        CREATE TABLE listing_actions AS
        WITH sweep_draws AS (
            SELECT i FROM listings_final WHERE {backlog_filter}
            ORDER BY u(i, 'sweep'), i LIMIT {swept}
        ),
        swept AS (
            SELECT *, i IN (SELECT i FROM sweep_draws) AS in_sweep,
                   TIMESTAMP '{w_start}' + to_seconds((u(i, 'sw') * {window_seconds})::BIGINT)
                       AS swept_at
            FROM listings_final
        )
        SELECT i, listing_id_of(i) AS listing_id, store_id_of(store_no) AS store_id,
               category_of(i) AS category,
               CASE WHEN in_sweep OR removed THEN 'listing_removed'
                    WHEN counterfeit AND u(i, 'restrict') < {td['restricted_share']}
                        THEN 'listing_restricted'
                    ELSE 'no_action' END AS action,
               CASE WHEN in_sweep THEN {sweep_det} ELSE {det_case} END AS detected_by,
               CASE WHEN in_sweep THEN greatest(listed_at, swept_at - to_seconds(
                        (hours_to_action * 3600)::BIGINT)) ELSE flagged_at END AS flagged_at,
               CASE WHEN in_sweep THEN swept_at ELSE actioned_at END AS actioned_at
        FROM swept
        WHERE in_sweep OR is_flagged""")

    ladder = sc["ladder"]
    clean = sc["milestones"]["project_clean"]

    def thr(step: str) -> str:
        return (f"CASE WHEN actioned_at < TIMESTAMP '{clean}' THEN "
                f"{ladder['before_project_clean'][step]} ELSE "
                f"{ladder['after_project_clean'][step]} END")

    con.execute(f"""
        CREATE TABLE ladder AS
        WITH strikes AS (
            SELECT store_id, actioned_at, detected_by,
                   row_number() OVER (PARTITION BY store_id ORDER BY actioned_at, listing_id)
                       AS strike
            FROM listing_actions WHERE action = 'listing_removed'
        )
        SELECT store_id,
               min(actioned_at) FILTER (WHERE strike >= {thr('warn')}) AS warned_at,
               min(actioned_at) FILTER (WHERE strike >= {thr('suspend')}) AS suspended_at,
               min(actioned_at) FILTER (WHERE strike >= {thr('close')}) AS close_due_at,
               count(*) AS strikes
        FROM strikes GROUP BY store_id""")
    closure_window = closed_claim.sql_window()
    due_in_window = con.execute(f"SELECT count(*) FROM ladder WHERE close_due_at BETWEEN "
                                f"{closure_window}").fetchone()[0]
    # In the claim's window exactly the claimed number of due stores close (the lowest draws);
    # outside it, due stores close with the same probability, so the ladder looks alike.
    closing = min(target_closed, due_in_window)
    close_p = closing / due_in_window if due_in_window else 0.0
    step.advance(detail=f"ladder: {due_in_window:,} stores due for closure in the window, "
                        f"{closing:,} close")
    con.execute(f"""
        CREATE TABLE store_actions AS
        WITH drawn AS (
            SELECT l.*, s.store_no, close_due_at BETWEEN {closure_window} AS due_in_window,
                   row_number() OVER (PARTITION BY close_due_at BETWEEN {closure_window}
                                      ORDER BY u(s.store_no, 'close'), s.store_no) AS draw_rank
            FROM ladder l JOIN stores_base s USING (store_id)
            WHERE close_due_at IS NOT NULL
        ),
        ladder_drawn AS (
            SELECT l.*, s.store_no,
                   l.close_due_at IS NOT NULL
                   AND CASE WHEN d.due_in_window THEN d.draw_rank <= {closing}
                            ELSE u(s.store_no, 'close') < {close_p} END AS closes
            FROM ladder l JOIN stores_base s USING (store_id)
            LEFT JOIN drawn d USING (store_id)
        )
        SELECT store_id, 'store_warned' AS action, warned_at AS actioned_at
            FROM ladder_drawn WHERE warned_at IS NOT NULL
        UNION ALL
        SELECT store_id, 'store_suspended', suspended_at
            FROM ladder_drawn WHERE suspended_at IS NOT NULL
        UNION ALL
        SELECT store_id, 'store_closed', close_due_at FROM ladder_drawn WHERE closes""")

    step.advance(detail=f"writing Parquet to {out_dir}")
    ds = SYNTHETIC_DATASET
    con.execute(f"""
        COPY (
            SELECT s.store_id, s.opened_at, s.country,
                   min(a.actioned_at) FILTER (WHERE a.action = 'store_warned') AS first_penalty_at,
                   min(a.actioned_at) FILTER (WHERE a.action = 'store_closed') AS closed_at,
                   count(a.action) AS penalty_points, '{ds}' AS dataset
            FROM stores_base s LEFT JOIN store_actions a USING (store_id)
            GROUP BY ALL ORDER BY s.store_id
        ) TO '{out_dir / 'stores.parquet'}' (FORMAT parquet)""")
    con.execute(f"""
        COPY (
            SELECT listing_id_of(i) AS listing_id, store_id_of(store_no) AS store_id,
                   category_of(i) AS category, brand_of(i) AS brand,
                   round({prices['median']} * exp({prices['sigma']} * nrm(i, 'price')), -2)
                       AS price,
                   '{prices['currency']}' AS currency, listed_at, '{ds}' AS dataset
            FROM listings_final
        ) TO '{out_dir / 'listings.parquet'}' (FORMAT parquet)""")
    con.execute(f"""
        COPY (
            SELECT 'A' || lpad(i::VARCHAR, 10, '0') AS action_id, listing_id, store_id,
                   action, detected_by, category, detected_by = 'automated_detection' AS automated,
                   'intellectual_property' AS reason_category, true AS ip_relevant,
                   flagged_at, actioned_at,
                   NULL::VARCHAR AS source_ref, '{ds}' AS dataset
            FROM listing_actions
            UNION ALL
            SELECT 'B' || store_id || '-' || action, NULL, store_id, action, 'platform_review',
                   NULL, false, 'intellectual_property', true, actioned_at, actioned_at,
                   NULL, '{ds}'
            FROM store_actions
            ORDER BY action_id
        ) TO '{out_dir / 'enforcement_actions.parquet'}' (FORMAT parquet)""")

    window_removed = con.execute(
        f"SELECT count(*) FROM listing_actions WHERE action = 'listing_removed' "
        f"AND actioned_at BETWEEN {window}").fetchone()[0]
    window_closed = con.execute(f"SELECT count(*) FROM store_actions WHERE action = "
                                f"'store_closed' AND actioned_at BETWEEN {closure_window}"
                                ).fetchone()[0]
    actions = con.execute("SELECT (SELECT count(*) FROM listing_actions) + "
                          "(SELECT count(*) FROM store_actions)").fetchone()[0]
    con.close()
    shutil.rmtree(spill, ignore_errors=True)
    manifest = {"dataset": ds, "synthetic": True, "seed": seed, "scale": scale,
                "scenario_sha256": hashlib.sha256(scenario_path.read_bytes()).hexdigest(),
                "listings": n_listings, "stores": n_stores, "actions": actions,
                "window_removed": window_removed, "window_closed": window_closed,
                "calibration": {role: {"metric": c.metric, "claimed": c.value,
                                       "target": c.target(scale), "window_start": str(c.start),
                                       "window_end": str(c.end)}
                                for role, c in claims.items()}}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))
    seconds_taken = time.perf_counter() - t0
    step.advance(detail="done")
    return SampleResult(out_dir, n_listings, n_stores, actions, window_removed, window_closed,
                        seconds_taken, target_removed, target_closed)
