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

from etl.query.connection import read_frame

GRAINS = ("day", "week", "month")


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
    taken (as the platforms' claims do); the takedown rate by the day the flag was raised."""
    where, params = _where(f)
    flags = read_frame(path, f"""
        SELECT coalesce(sum(removed), 0) AS removed, coalesce(sum(flagged), 0) AS flagged
        FROM takedown_daily WHERE {where}""", params).row(0, named=True)
    where_a, params_a = _where(f, category=False)
    category = ("AND (action = 'store_closed' OR list_contains(?, category))"
                if f.categories else "")
    actions = read_frame(path, f"""
        SELECT coalesce(sum(actions) FILTER (WHERE action = 'listing_removed'), 0) AS removed,
               coalesce(sum(actions) FILTER (WHERE action = 'store_closed'), 0) AS closed
        FROM actions_daily
        WHERE ip_relevant AND action IN ('listing_removed', 'store_closed') AND {where_a}
        {category}""", params_a + ([list(f.categories)] if f.categories else [])
                         ).row(0, named=True)
    return {"removed": int(actions["removed"]), "closed": int(actions["closed"]),
            "flagged": int(flags["flagged"]),
            "takedown_rate": flags["removed"] / flags["flagged"] if flags["flagged"] else None,
            "median_hours": median_hours(path, f)}


def median_hours(path: Path, f: Filters) -> float | None:
    """Median hours to removal from the histogram (geometric middle of the median bucket)."""
    where, params = _where(f)
    frame = read_frame(path, f"""
        WITH buckets AS (
            SELECT bucket, sum(removals) AS removals FROM takedown_hours WHERE {where}
            GROUP BY bucket
        ),
        cumulative AS (
            SELECT bucket, sum(removals) OVER (ORDER BY bucket) AS running,
                   sum(removals) OVER () AS total
            FROM buckets
        )
        SELECT pow(2, (min(bucket) + 0.5) / 4.0) AS median_hours
        FROM cumulative WHERE running >= total / 2.0""", params)
    return frame["median_hours"][0] if frame.height else None


def takedown_series(path: Path, f: Filters, grain: str, split: str) -> pl.DataFrame:
    """Flags, removals and takedown rate per period and per category or detection source."""
    if grain not in GRAINS or split not in ("category", "detected_by", "dataset"):
        raise ValueError(f"bad grain/split {grain!r}/{split!r}")
    where, params = _where(f)
    return read_frame(path, f"""
        SELECT CAST(date_trunc('{grain}', day) AS DATE) AS period,
               CAST({split} AS VARCHAR) AS "group",
               sum(flagged)::BIGINT AS flagged, sum(removed)::BIGINT AS removed,
               sum(removed) / nullif(sum(flagged), 0) AS takedown_rate
        FROM takedown_daily WHERE {where}
        GROUP BY ALL ORDER BY period, "group" """, params)


def hours_distribution(path: Path, f: Filters) -> pl.DataFrame:
    where, params = _where(f)
    return read_frame(path, f"""
        SELECT bucket, min(hours_low) AS hours_low, min(hours_high) AS hours_high,
               sum(removals)::BIGINT AS removals
        FROM takedown_hours WHERE {where} GROUP BY bucket ORDER BY bucket""", params)


def milestones(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT m.milestone_id, m.date, m.precision::VARCHAR AS precision,
               m.kind::VARCHAR AS kind, m.status::VARCHAR AS status, m.title,
               coalesce(m.summary, m.sentence) AS summary, m.sentence, m.method::VARCHAR AS method,
               m.verified, s.publisher, s.published, s.url
        FROM milestones AS m JOIN sources AS s USING (source_id)
        ORDER BY m.date, m.milestone_id""")


def penalties_monthly(path: Path, f: Filters) -> pl.DataFrame:
    return read_frame(path, """
        SELECT month, sum(warnings)::BIGINT AS warnings, sum(suspensions)::BIGINT AS suspensions,
               sum(closures)::BIGINT AS closures,
               sum(repeat_offenders)::BIGINT AS repeat_offenders
        FROM store_penalties_monthly
        WHERE month BETWEEN date_trunc('month', ?::DATE) AND ? AND list_contains(?, dataset)
          AND (len(?) = 0 OR list_contains(?, platform))
        GROUP BY month ORDER BY month""", [f.start, f.end, list(f.datasets)]
                      + [list(f.platforms)] * 2)


def store_window(path: Path, f: Filters, limit: int = 15) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The penalty ladder (stores at each rung) and the top repeat offenders in the window,
    from one pass over store_activity_daily: both need the same per-store totals."""
    frame = read_frame(path, """
        WITH active AS (
            SELECT store_id, dataset, sum(listings_removed)::BIGINT AS listings_removed,
                   sum(warnings) AS warned, sum(suspensions) AS suspended,
                   sum(closures) AS closed
            FROM store_activity_daily
            WHERE day BETWEEN ? AND ? AND list_contains(?, dataset)
              AND (len(?) = 0 OR list_contains(?, platform))
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
                       [f.start, f.end, list(f.datasets)] + [list(f.platforms)] * 2 + [limit])
    funnel = frame.filter(pl.col("part") == "funnel").sort("rung").select("step", "stores")
    top = frame.filter(pl.col("part") == "top").sort(
        ["listings_removed", "store_id"], descending=[True, False]).select(
        "store_id", "dataset", "listings_removed", "penalties", "closed")
    return funnel, top


def claims(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT f.figure_id, f.source_id, f.metric::VARCHAR AS metric, f.value, f.value_low,
               f.value_high, f.qualifier::VARCHAR AS qualifier, f.unit, f.currency,
               f.period_start, f.period_end, f.period_precision::VARCHAR AS period_precision,
               f.surface, f.sentence, f.method::VARCHAR AS method, f.verified, f.confidence,
               f.repeat_of, f.summary, f.note, s.publisher, s.published, s.url,
               EXISTS (SELECT 1 FROM figure_conflicts c
                       WHERE f.figure_id IN (c.figure_a, c.figure_b)) AS in_conflict
        FROM figures AS f JOIN sources AS s USING (source_id)
        ORDER BY f.source_id, f.char_start""")


def conflicts(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT c.metric::VARCHAR AS metric, a.surface AS figure_a, b.surface AS figure_b,
               c.value_a, c.value_b, c.reason, s.publisher
        FROM figure_conflicts AS c
        JOIN figures AS a ON a.figure_id = c.figure_a
        JOIN figures AS b ON b.figure_id = c.figure_b
        JOIN sources AS s ON s.source_id = c.source_id""")


def claims_vs_observed(path: Path, datasets_: tuple[str, ...]) -> pl.DataFrame:
    return read_frame(path, """
        SELECT figure_id, metric::VARCHAR AS metric, surface, claimed_value, claimed_low,
               claimed_high, period_start, period_end, publisher, dataset, synthetic, covered,
               observed_value, claimed_to_observed, observed_within_claim
        FROM claims_vs_observed WHERE list_contains(?, dataset)
        ORDER BY metric, dataset""", [list(datasets_)])


def budget_claim(path: Path) -> dict | None:
    """The anti-counterfeit budget as claimed: the reviewed, verified body figure first."""
    frame = read_frame(path, """
        SELECT value, currency, surface, publisher, published, verified, in_conflict, method
        FROM claims WHERE metric = 'anti_counterfeit_budget'
        ORDER BY method = 'reviewed' DESC, verified DESC, period_start IS NULL DESC, value
        LIMIT 1""")
    return frame.row(0, named=True) if frame.height else None


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
               count(f.figure_id) FILTER (WHERE f.verified) AS verified_figures, s.url
        FROM sources AS s LEFT JOIN figures AS f USING (source_id)
        GROUP BY ALL ORDER BY s.published""")


def inputs(path: Path) -> pl.DataFrame:
    return read_frame(path, "SELECT input_path, kind, dataset, synthetic, rows_read, "
                            "rows_loaded, rows_rejected, run_id FROM inputs ORDER BY dataset")


def build_info(path: Path) -> dict[str, str]:
    frame = read_frame(path, "SELECT key, value FROM build_info")
    return dict(zip(frame["key"].to_list(), frame["value"].to_list(), strict=True))


def schema_docs(path: Path) -> pl.DataFrame:
    return read_frame(path, """
        SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
        WHERE schema_name = 'main'
        UNION ALL
        SELECT view_name, 'view', comment FROM duckdb_views()
        WHERE schema_name = 'main' AND NOT internal
        ORDER BY kind DESC, name""")


def column_docs(path: Path, name: str) -> pl.DataFrame:
    return read_frame(path, """
        SELECT column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index""", [name])


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


# Platforms: every row keeps the marketplace it is about, so any selection compares them.

def platforms(path: Path, datasets_: tuple[str, ...]) -> list[str]:
    frame = read_frame(path, "SELECT DISTINCT platform FROM actions_daily "
                             "WHERE list_contains(?, dataset) ORDER BY platform",
                       [list(datasets_)])
    return frame["platform"].to_list()


def platform_comparison(path: Path, f: Filters) -> pl.DataFrame:
    """Per platform in the window, side by side: statements (every reason) and the
    counterfeit-relevant (IP) ones by the day acted on; flags, removals and the takedown rate
    by the day flagged; and the median hours from flag to removal (from the hours histogram,
    as on the Overview). A platform with no removals has no median (NULL), never zero."""
    where, params = _where(f)
    where_actions, params_actions = _where(f, category=False)
    category = "AND list_contains(?, category)" if f.categories else ""
    return read_frame(path, f"""
        WITH statements AS (
            SELECT platform, sum(actions)::BIGINT AS statements,
                   coalesce(sum(actions) FILTER (WHERE ip_relevant), 0)::BIGINT
                       AS ip_statements
            FROM actions_daily WHERE {where_actions} {category}
            GROUP BY platform
        ),
        flags AS (
            SELECT platform, sum(flagged)::BIGINT AS flagged, sum(removed)::BIGINT AS removed
            FROM takedown_daily WHERE {where} GROUP BY platform
        ),
        buckets AS (
            SELECT platform, bucket, sum(removals) AS removals
            FROM takedown_hours WHERE {where} GROUP BY ALL
        ),
        running AS (
            SELECT platform, bucket,
                   sum(removals) OVER (PARTITION BY platform ORDER BY bucket) AS cumulative,
                   sum(removals) OVER (PARTITION BY platform) AS total
            FROM buckets
        ),
        medians AS (
            SELECT platform, pow(2, (min(bucket) + 0.5) / 4.0) AS median_hours
            FROM running WHERE cumulative >= total / 2.0 GROUP BY platform
        )
        SELECT platform, coalesce(s.statements, 0) AS statements,
               coalesce(s.ip_statements, 0) AS ip_statements,
               s.ip_statements / nullif(s.statements, 0) AS ip_share,
               coalesce(fl.flagged, 0) AS flagged, coalesce(fl.removed, 0) AS removed,
               fl.removed / nullif(fl.flagged, 0) AS takedown_rate, m.median_hours
        FROM statements AS s FULL JOIN flags AS fl USING (platform)
        LEFT JOIN medians AS m USING (platform)
        ORDER BY ip_statements DESC, platform""",
                      params_actions + ([list(f.categories)] if f.categories else [])
                      + params + params)
