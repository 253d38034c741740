"""Every query the dashboard runs: short, parameterised, against the warehouse's views.

No Streamlit here (the app wraps these in its cache), and no metric is computed in Python:
the numbers come from the views in etl/warehouse/sql/marts, aggregated by DuckDB, so a chart
receives at most a few thousand rows. Each function opens a short-lived read-only connection,
so a running dashboard never blocks the ETL and sees a swapped-in warehouse on the next query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

# Re-exported: `ui.q` finds every dashboard query by name in this module.
from etl.query.catalog import column_docs, schema_docs  # noqa: F401
from etl.query.connection import connect, read_frame

GRAINS = ("day", "week", "month")
# How the platform comparison names the synthetic sample's rows, apart from any real ones.
SYNTHETIC_PLATFORM_SUFFIX = " (synthetic sample)"


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    datasets: tuple[str, ...] = ()
    categories: tuple[str, ...] = field(default=())  # empty: every category
    platforms: tuple[str, ...] = field(default=())  # empty: every platform

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The window of equal length just before this one (for KPI deltas)."""
        return Filters(self.start - dt.timedelta(days=self.days),
                       self.start - dt.timedelta(days=1), self.datasets, self.categories,
                       self.platforms)


def _where(f: Filters, day: str = "day", category: bool = True) -> tuple[str, list]:
    clauses = [f"{day} BETWEEN ? AND ?", "list_contains(?, dataset)"]
    params: list = [f.start, f.end, list(f.datasets)]
    if category and f.categories:
        clauses.append("list_contains(?, category)")
        params.append(list(f.categories))
    if f.platforms:
        clauses.append("list_contains(?, platform)")
        params.append(list(f.platforms))
    return " AND ".join(clauses), params


def warehouse_identity(path: Path) -> tuple[int, int] | None:
    """(inode, mtime) of the warehouse: changes when the ETL swaps a new version in."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def datasets(path: Path) -> pl.DataFrame:
    return read_frame(path, "SELECT * FROM datasets ORDER BY synthetic, dataset")


def categories(path: Path, datasets_: tuple[str, ...]) -> list[str]:
    frame = read_frame(path, "SELECT DISTINCT category FROM takedown_daily "
                             "WHERE list_contains(?, dataset) ORDER BY category",
                       [list(datasets_)])
    return frame["category"].to_list()


def kpis(path: Path, f: Filters) -> dict:
    """The window's headline numbers. Removals and closures count by the day the action was
    taken (as the platforms' claims do); the takedown rate by the day the flag was raised.
    Three queries on one connection (opening one costs as much as a query)."""
    where, params = _where(f)
    where_a, params_a = _where(f, category=False)
    category = ("AND (action = 'store_closed' OR list_contains(?, category))"
                if f.categories else "")
    with connect(path) as con:
        flags = con.sql(f"""
            SELECT coalesce(sum(removed), 0) AS removed, coalesce(sum(flagged), 0) AS flagged
            FROM takedown_daily WHERE {where}""", params=params).pl().row(0, named=True)
        actions = con.sql(f"""
            SELECT coalesce(sum(actions) FILTER (WHERE action = 'listing_removed'), 0)
                       AS removed,
                   coalesce(sum(actions) FILTER (WHERE action = 'store_closed'), 0) AS closed
            FROM actions_daily
            WHERE ip_relevant AND action IN ('listing_removed', 'store_closed') AND {where_a}
            {category}""", params=params_a + ([list(f.categories)] if f.categories else [])
                          ).pl().row(0, named=True)
        median = con.sql(_median_hours(where), params=params).pl()
    return {"removed": int(actions["removed"]), "closed": int(actions["closed"]),
            "flagged": int(flags["flagged"]),
            "takedown_rate": flags["removed"] / flags["flagged"] if flags["flagged"] else None,
            "median_hours": median["median_hours"][0] if median.height else None}


def _median_hours(where: str, key_sql: str | None = None, key: str | None = None) -> str:
    """Median hours to removal from the histogram (geometric middle of the median bucket), in
    the rows `where` keeps: one row, or one per `key` (the name `key_sql` is selected as)."""
    select_key = f"{key_sql}, " if key_sql else ""
    by = f"{key}, " if key else ""
    partition = f"PARTITION BY {key} " if key else ""
    return f"""
    WITH buckets AS (
        SELECT {select_key}bucket, sum(removals) AS removals FROM takedown_hours WHERE {where}
        GROUP BY ALL
    ),
    cumulative AS (
        SELECT {by}bucket, sum(removals) OVER ({partition}ORDER BY bucket) AS running,
               sum(removals) OVER ({partition.strip()}) AS total
        FROM buckets
    )
    SELECT {by}pow(2, (min(bucket) + 0.5) / 4.0) AS median_hours
    FROM cumulative WHERE running >= total / 2.0 GROUP BY ALL"""


# A period at the window's edges is partial when the window (or the data) starts after its
# first day or ends before its last: drawn as a whole one it would look like a change.
_LIMITS = """limits AS (
    SELECT greatest(?::DATE, min(first_day)) AS lo, least(?::DATE, max(last_day)) AS hi
    FROM dataset_coverage WHERE list_contains(?, dataset)
)"""


def _period_sql(grain: str) -> str:
    return f"""CAST(date_trunc('{grain}', day) AS DATE)"""


def _partial_columns(grain: str) -> str:
    """period_days, days_covered and partial for a `period` column, against `limits`."""
    return f"""
        (CAST(period + INTERVAL 1 {grain} AS DATE) - period) AS period_days,
        (least(CAST(period + INTERVAL 1 {grain} AS DATE) - 1, limits.hi)
         - greatest(period, limits.lo) + 1) AS days_covered,
        period < limits.lo
            OR CAST(period + INTERVAL 1 {grain} AS DATE) - 1 > limits.hi AS partial"""


def takedown_series(path: Path, f: Filters, grain: str, split: str) -> pl.DataFrame:
    """Flags, removals and takedown rate per period and per category or detection source, with
    whether the period is partial (cut by the window or the data's coverage)."""
    if grain not in GRAINS or split not in ("category", "detected_by", "dataset"):
        raise ValueError(f"bad grain/split {grain!r}/{split!r}")
    where, params = _where(f)
    return read_frame(path, f"""
        WITH {_LIMITS},
        grouped AS (
            SELECT {_period_sql(grain)} AS period, CAST({split} AS VARCHAR) AS "group",
                   sum(flagged)::BIGINT AS flagged, sum(removed)::BIGINT AS removed,
                   sum(removed) / nullif(sum(flagged), 0) AS takedown_rate
            FROM takedown_daily WHERE {where}
            GROUP BY ALL
        )
        SELECT period, "group", flagged, removed, takedown_rate, {_partial_columns(grain)}
        FROM grouped CROSS JOIN limits ORDER BY period, "group" """,
                       [f.start, f.end, list(f.datasets)] + params)


def removals_series(path: Path, f: Filters, grain: str) -> pl.DataFrame:
    """Listings removed per period, by the day the removal was taken (as the claims count)."""
    if grain not in GRAINS:
        raise ValueError(f"bad grain {grain!r}")
    where, params = _where(f)
    return read_frame(path, f"""
        WITH {_LIMITS},
        grouped AS (
            SELECT {_period_sql(grain)} AS period, sum(actions)::BIGINT AS removed
            FROM actions_daily
            WHERE ip_relevant AND action = 'listing_removed' AND {where}
            GROUP BY ALL
        )
        SELECT period, removed, {_partial_columns(grain)}
        FROM grouped CROSS JOIN limits ORDER BY period""",
                       [f.start, f.end, list(f.datasets)] + params)


def hours_distribution(path: Path, f: Filters) -> pl.DataFrame:
    """Removals by hours from flag to removal, in doubling bins (1-2 h, 2-4 h, ...): four of
    the warehouse's quarter-doubling buckets each, so the bars read as round numbers."""
    where, params = _where(f)
    return read_frame(path, f"""
        SELECT floor(bucket / 4)::INTEGER AS doubling, pow(2, floor(bucket / 4)) AS hours_low,
               pow(2, floor(bucket / 4) + 1) AS hours_high, sum(removals)::BIGINT AS removals
        FROM takedown_hours WHERE {where} GROUP BY ALL ORDER BY doubling""", params)


def milestones(path: Path) -> pl.DataFrame:
    """Every milestone with its source, and every value of a dispute its title or summary
    states (NULL when none)."""
    return read_frame(path, """
        SELECT m.milestone_id, m.date, m.precision::VARCHAR AS precision,
               m.kind::VARCHAR AS kind, m.status::VARCHAR AS status, m.title,
               coalesce(m.summary, m.sentence) AS summary, m.sentence, m.method::VARCHAR AS method,
               m.review_status::VARCHAR AS review_status, s.publisher, s.published, s.url,
               (SELECT string_agg(DISTINCT d.disputed_values, '; ') FROM milestone_disputes AS d
                WHERE d.milestone_id = m.milestone_id) AS disputed_values
        FROM milestones AS m JOIN sources AS s USING (source_id)
        ORDER BY m.date, m.milestone_id""")


def penalties_series(path: Path, f: Filters, grain: str = "month") -> pl.DataFrame:
    """Store warnings, suspensions and closures per period, counting only the window's days (so
    the periods add up to the penalty ladder of the same window), partial periods marked."""
    if grain not in GRAINS:
        raise ValueError(f"bad grain {grain!r}")
    where, params = _where(f, category=False)
    return read_frame(path, f"""
        WITH {_LIMITS},
        grouped AS (
            SELECT {_period_sql(grain)} AS period, sum(warnings)::BIGINT AS warnings,
                   sum(suspensions)::BIGINT AS suspensions, sum(closures)::BIGINT AS closures
            FROM store_penalties_daily WHERE {where}
            GROUP BY ALL
        )
        SELECT period, warnings, suspensions, closures, {_partial_columns(grain)}
        FROM grouped CROSS JOIN limits ORDER BY period""",
                       [f.start, f.end, list(f.datasets)] + params)


def store_window(path: Path, f: Filters, limit: int = 15) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The penalty ladder (stores at each rung) and the top repeat offenders in the window,
    from one pass over store_activity_daily: both need the same per-store totals."""
    where, params = _where(f, category=False)
    frame = read_frame(path, f"""
        WITH active AS (
            SELECT store_id, dataset, sum(listings_removed)::BIGINT AS listings_removed,
                   sum(warnings) AS warned, sum(suspensions) AS suspended,
                   sum(closures) AS closed
            FROM store_activity_daily WHERE {where}
            GROUP BY dataset, store_id
        ),
        funnel AS (
            SELECT 'funnel' AS part, unnest([1, 2, 3, 4]) AS rung,
                   unnest(['listing removed', 'warned', 'suspended', 'closed']) AS step,
                   unnest([count(*) FILTER (WHERE listings_removed > 0),
                           count(*) FILTER (WHERE warned > 0),
                           count(*) FILTER (WHERE suspended > 0),
                           count(*) FILTER (WHERE closed > 0)]) AS stores
            FROM active
        ),
        top AS (
            SELECT 'top' AS part, store_id, dataset, listings_removed,
                   (warned + suspended + closed)::BIGINT AS penalties, closed > 0 AS closed
            FROM active ORDER BY listings_removed DESC, store_id LIMIT ?
        )
        SELECT * FROM funnel UNION ALL BY NAME SELECT * FROM top""",
                       params + [limit])
    funnel = frame.filter(pl.col("part") == "funnel").sort("rung").select("step", "stores")
    top = frame.filter(pl.col("part") == "top").sort(
        ["listings_removed", "store_id"], descending=[True, False]).select(
        "store_id", "dataset", "listings_removed", "penalties", "closed")
    return funnel, top


def claims(path: Path) -> pl.DataFrame:
    """Every figure (repeats, 'other' and rejected ones too: the page filters), with its source,
    whether it is disputed and every value of the dispute."""
    return read_frame(path, """
        SELECT f.figure_id, f.source_id, f.metric::VARCHAR AS metric, f.value, f.value_low,
               f.value_high, f.qualifier::VARCHAR AS qualifier, f.unit, f.currency,
               f.period_start, f.period_end, f.period_precision::VARCHAR AS period_precision,
               f.surface, f.sentence, f.method::VARCHAR AS method,
               f.status::VARCHAR AS status, f.text_matched, f.confidence, f.window_confidence,
               f.chance_right,
               f.repeat_of, f.summary, f.note, f.reviewed_by, f.reviewed_at, s.publisher,
               s.published, s.url, d.figure_id IS NOT NULL AS in_conflict, d.disputed_values
        FROM figures AS f JOIN sources AS s USING (source_id)
        LEFT JOIN disputes AS d USING (figure_id)
        ORDER BY f.source_id, f.char_start""")


def evidence(path: Path, figure_id: str):
    """Everything the evidence card and its report show about one figure (etl.reports)."""
    from etl.reports.evidence import load_evidence

    return load_evidence(path, figure_id)


def evidence_many(path: Path, figure_ids: tuple[str, ...]) -> dict:
    """`evidence` of several figures, read over one connection."""
    from etl.reports.evidence import load_evidence_many

    return load_evidence_many(path, list(figure_ids))


def conflicts(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT c.metric::VARCHAR AS metric, a.surface AS figure_a, b.surface AS figure_b,
               c.figure_a AS figure_a_id, c.figure_b AS figure_b_id, c.value_a, c.value_b,
               c.reason, s.publisher, s.published
        FROM figure_conflicts AS c
        JOIN figures AS a ON a.figure_id = c.figure_a
        JOIN figures AS b ON b.figure_id = c.figure_b
        JOIN sources AS s ON s.source_id = c.source_id""")


def claims_vs_observed(path: Path, datasets_: tuple[str, ...]) -> pl.DataFrame:
    return read_frame(path, """
        SELECT figure_id, metric::VARCHAR AS metric, surface, claimed_value, claimed_low,
               claimed_high, qualifier::VARCHAR AS qualifier, period_start, period_end,
               publisher, platform, status::VARCHAR AS status, in_conflict, dataset, synthetic,
               scale, covered, observed_value, expected_value, expected_low, expected_high,
               observed_to_expected, tolerance, verdict::VARCHAR AS verdict
        FROM claims_vs_observed WHERE list_contains(?, dataset)
        ORDER BY metric, dataset""", [list(datasets_)])


def claim_window(path: Path) -> tuple[dt.date, dt.date] | None:
    """The span of the dated claims checked against data (the Claim window preset)."""
    frame = read_frame(path, """
        SELECT min(period_start) AS start, max(period_end) AS "end" FROM claims
        WHERE period_start IS NOT NULL AND metric IN (SELECT metric FROM metric_actions)""")
    start, end = frame.row(0)
    return (start, end) if start is not None else None


def budget_claims(path: Path) -> pl.DataFrame:
    """The anti-counterfeit budget as claimed: every value the sources state, the disputed ones
    with all their values (a card never shows one of them alone)."""
    return read_frame(path, """
        SELECT figure_id, value, currency, surface, publisher, published,
               status::VARCHAR AS status, in_conflict, disputed_values, char_start
        FROM claims WHERE metric = 'anti_counterfeit_budget'
        ORDER BY status = 'reviewed' DESC, source_id, char_start""")


def milestone_windows(path: Path, milestone_id: str, datasets_: tuple[str, ...]
                      ) -> pl.DataFrame:
    """The days each window compares around a milestone, and whether each dataset covers them."""
    return read_frame(path, """
        SELECT * FROM milestone_windows
        WHERE milestone_id = ? AND list_contains(?, dataset)
        ORDER BY window_days, dataset""", [milestone_id, list(datasets_)])


def measurable_milestones(path: Path, datasets_: tuple[str, ...]) -> list[str]:
    """Milestones with a measured effect in the selected datasets, latest first (on one day,
    reviewed ones before machine-read ones, then in their sources' order)."""
    frame = read_frame(path, """
        SELECT DISTINCT e.milestone_id, m.date, m.review_status = 'reviewed' AS reviewed,
               m.char_start
        FROM milestone_effects AS e JOIN milestones AS m USING (milestone_id)
        WHERE list_contains(?, e.dataset)
        ORDER BY m.date DESC, reviewed DESC, m.char_start, e.milestone_id""",
                       [list(datasets_)])
    return frame["milestone_id"].to_list()


def milestone_effects(path: Path, milestone_id: str, datasets_: tuple[str, ...]) -> pl.DataFrame:
    return read_frame(path, """
        SELECT * FROM milestone_effects
        WHERE milestone_id = ? AND list_contains(?, dataset)
        ORDER BY window_days, dataset""", [milestone_id, list(datasets_)])


def runs(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT started_at, finished_at, status, rows_read, rows_loaded, rows_rejected,
               date_diff('millisecond', started_at, finished_at) / 1000.0 AS seconds,
               message, command
        FROM etl_runs ORDER BY started_at DESC""")


def rejects(path: Path, input_name: str | None = None, limit: int = 1000) -> pl.DataFrame:
    if input_name:
        return read_frame(path, "SELECT * FROM rejects WHERE input = ? ORDER BY row_number "
                                "LIMIT ?", [input_name, limit])
    return read_frame(path, "SELECT * FROM rejects ORDER BY input, row_number LIMIT ?", [limit])


def reject_inputs(path: Path) -> pl.DataFrame:
    return read_frame(path, "SELECT input, count(*) AS rejected FROM rejects GROUP BY input "
                            "ORDER BY input")


def sources(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT s.source_id, s.publisher, s.published, s.language, s.text_status,
               count(f.figure_id) AS figures,
               count(f.figure_id) FILTER (WHERE f.status = 'reviewed') AS reviewed_figures,
               count(f.figure_id) FILTER (WHERE f.status = 'machine') AS machine_read_figures,
               s.url
        FROM sources AS s LEFT JOIN figures AS f USING (source_id)
        GROUP BY ALL ORDER BY s.published""")


def inputs(path: Path) -> pl.DataFrame:
    return read_frame(path, "SELECT input_path, kind, dataset, synthetic, rows_read, "
                            "rows_loaded, rows_rejected, run_id FROM inputs ORDER BY dataset")


def build_info(path: Path) -> dict[str, str]:
    frame = read_frame(path, "SELECT key, value FROM build_info")
    return dict(zip(frame["key"].to_list(), frame["value"].to_list(), strict=True))


# Operational state lives beside the warehouse, not in it: the run log (every run, failed and
# unchanged ones included, the moment they end), the writer lock and the schedule.

def run_log(path: Path) -> pl.DataFrame:
    from etl.warehouse.runlog import read_run_log

    records = read_run_log(path)
    if not records:
        return pl.DataFrame()
    frame = pl.DataFrame([{k: r.get(k) for k in ("started_at", "finished_at", "status",
                                                  "rows_read", "rows_loaded", "rows_rejected",
                                                  "message", "command")}
                          for r in records], infer_schema_length=None)
    stamps = [pl.col(c).str.to_datetime(time_zone="UTC", strict=False)
              for c in ("started_at", "finished_at")]
    frame = frame.with_columns(stamps)
    return frame.with_columns(
        ((pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds() / 1000)
        .alias("seconds")).sort("started_at", descending=True)


def lock_state(path: Path) -> int | None:
    """Pid of a running ETL holding the writer lock, or None."""
    from etl.warehouse.lock import lock_holder

    return lock_holder(path)


def schedule_info(path: Path) -> dict | None:
    import json

    from etl.commands.schedule import schedule_path
    try:
        return json.loads(schedule_path(path).read_text())
    except (OSError, ValueError):
        return None


# Review decisions live in the reviews file beside the claims, not in the warehouse: the
# dashboard appends to that file (etl.claims.review) and the next ETL run applies it.

def reviews_file(path: Path) -> Path:
    """The reviews file the served warehouse was built with (else the default)."""
    from etl.claims.review import reviews_file_of

    return reviews_file_of(path)


def pending_reviews(path: Path) -> pl.DataFrame:
    """The decisions in force in the reviews file that the served warehouse does not reflect
    yet (appended after it was built): who, when, what, and on which figure."""
    from etl.claims.review import latest_by_span, load_decisions

    file = reviews_file(path)
    figures = read_frame(path, """
        SELECT figure_id, source_id, char_start, char_end, status::VARCHAR AS status,
               reviewed_by, reviewed_at FROM figures""")
    decisions = load_decisions(file, set(figures["source_id"].to_list()))
    at_span = {(r["source_id"], r["char_start"], r["char_end"]): r
               for r in figures.iter_rows(named=True)}
    pending = []
    for (source, start, end), d in latest_by_span(decisions).items():
        row = at_span.get((source, start, end))
        applied = row is not None and row["reviewed_by"] == d.by and row["reviewed_at"] \
            is not None and row["reviewed_at"].astimezone(dt.timezone.utc) == d.at \
            and (row["status"] == "rejected") == (d.action == "reject")
        if row is None and d.action == "reject":
            applied = True  # nothing is read there any more: nothing left to reject
        if not applied:
            pending.append({"figure_id": row["figure_id"] if row else None, "source_id": source,
                            "char_start": start, "written": d.written, "action": d.action,
                            "by": d.by, "at": d.at, "note": d.note,
                            "metric": d.metric, "value": d.value,
                            "period_start": d.period_start, "period_end": d.period_end})
    schema = {"figure_id": pl.Utf8, "source_id": pl.Utf8, "char_start": pl.Int64,
              "written": pl.Utf8, "action": pl.Utf8, "by": pl.Utf8,
              "at": pl.Datetime(time_zone="UTC"), "note": pl.Utf8, "metric": pl.Utf8,
              "value": pl.Float64, "period_start": pl.Date, "period_end": pl.Date}
    return pl.DataFrame(pending, schema=schema)


# The SQL page labels results that read listing-level data while the warehouse holds synthetic
# data. Relations defined with the claims (schema/10_claims.sql, marts/80_claim_views.sql) hold
# no listing data; any other relation a query names may.

def _claim_side_relations() -> frozenset[str]:
    import re

    from etl.warehouse.build import SQL_DIR

    text = "".join((SQL_DIR / name).read_text()
                   for name in ("schema/10_claims.sql", "marts/80_claim_views.sql"))
    return frozenset(re.findall(r"CREATE (?:TABLE|VIEW) (\w+)", text)) | {"metric_actions"}


def relations_read(sql: str) -> set[str]:
    """The tables and views a query names (CTEs left out), from DuckDB's own parse tree."""
    import json

    import duckdb

    with duckdb.connect() as con:
        tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    names: set[str] = set()
    ctes: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE" and node.get("schema_name", "") in (
                    "", "main"):
                names.add(node.get("table_name", "").lower())
            for entry in (node.get("cte_map") or {}).get("map", []):
                ctes.add(str(entry.get("key", "")).lower())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return names - ctes


def synthetic_read(path: Path, sql: str) -> list[str]:
    """The synthetic datasets a query may read: none when it names only claim relations."""
    if not relations_read(sql) - _claim_side_relations():
        return []
    return datasets(path).filter(pl.col("synthetic"))["dataset"].to_list()


def platforms(path: Path, datasets_: tuple[str, ...]) -> list[str]:
    frame = read_frame(path, "SELECT DISTINCT platform FROM actions_daily "
                             "WHERE list_contains(?, dataset) ORDER BY platform",
                       [list(datasets_)])
    return frame["platform"].to_list()


def platform_comparison(path: Path, f: Filters) -> pl.DataFrame:
    """Per platform in the window, side by side: statements (every reason) and the
    counterfeit-relevant (IP) ones by the day acted on; flags, removals and the takedown rate
    by the day flagged; and the median hours from flag to removal (from the hours histogram,
    as on the Overview). A platform with no removals has no median (NULL), never zero. The
    synthetic sample's rows are a platform of their own ("AliExpress (synthetic sample)"):
    made-up counts are never added to real ones."""
    where, params = _where(f)
    where_actions, params_actions = _where(f, category=False)
    category = "AND list_contains(?, category)" if f.categories else ""
    shown = (f"platform || CASE WHEN dataset IN (SELECT dataset FROM datasets WHERE synthetic) "
             f"THEN '{SYNTHETIC_PLATFORM_SUFFIX}' ELSE '' END AS shown")
    return read_frame(path, f"""
        WITH statements AS (
            SELECT {shown}, sum(actions)::BIGINT AS statements,
                   coalesce(sum(actions) FILTER (WHERE ip_relevant), 0)::BIGINT
                       AS ip_statements
            FROM actions_daily WHERE {where_actions} {category}
            GROUP BY shown
        ),
        flags AS (
            SELECT {shown}, sum(flagged)::BIGINT AS flagged, sum(removed)::BIGINT AS removed
            FROM takedown_daily WHERE {where} GROUP BY shown
        ),
        medians AS ({_median_hours(where, key_sql=shown, key="shown")})
        SELECT shown AS platform, coalesce(s.statements, 0) AS statements,
               coalesce(s.ip_statements, 0) AS ip_statements,
               s.ip_statements / nullif(s.statements, 0) AS ip_share,
               coalesce(fl.flagged, 0) AS flagged, coalesce(fl.removed, 0) AS removed,
               fl.removed / nullif(fl.flagged, 0) AS takedown_rate, m.median_hours
        FROM statements AS s FULL JOIN flags AS fl USING (shown)
        LEFT JOIN medians AS m USING (shown)
        ORDER BY ip_statements DESC, platform""",
                      params_actions + ([list(f.categories)] if f.categories else [])
                      + params + params)
