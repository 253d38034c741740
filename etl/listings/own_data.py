"""Import the user's own listing-level data (CSV or Parquet, the schema in the README).

One row is one listing with the enforcement action taken on it (if any), or one store action
(`action` = store_warned / store_suspended / store_closed, `listing_id` empty). Validation runs
in DuckDB, vectorised: every row gets the first reason it fails, bad rows go to `rejects` with
file, row, column, reason and raw value, good rows load, and read = loaded + rejected always.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import CfwatchError, first_line
from etl.files import literal_path
from etl.listings.sniff import check_csv, check_parquet, explain_csv_failure
from etl.vocab import ACTIONS, DEFAULT_PLATFORM_NAME, DETECTION_SOURCES, STORE_ACTIONS, keys

COLUMNS = ("listing_id", "store_id", "category", "brand", "price", "currency", "listed_at",
           "action", "detected_by", "flagged_at", "actioned_at", "automated",
           "reason_category", "action_id", "platform")
REQUIRED_COLUMNS = ("listing_id", "store_id", "listed_at")
RAW_CHARS = 200
# A longer line is rejected as a row (not the file): generous for free-text fields.
MAX_LINE_BYTES = 16 * 1024 * 1024
# Plausible values (the README's schema table says the same). No online marketplace existed
# before 1995 (eBay and Amazon opened that year), and nothing is listed or acted on after
# tomorrow (a day of slack for clocks and time zones): a date outside is a typo, an overflow
# or a placeholder such as 0001-01-01 or 9999-12-31.
EARLIEST_DATE = dt.date(1995, 1, 1)
# Above the dearest listing in the currency with the smallest unit (a luxury watch in VND or
# IDR); anything larger is a unit mistake or an overflow (1e308). NaN and infinity never pass.
MAX_PRICE = 100_000_000_000
# A timestamp's time zone is what follows its time: +02:00, Z, -05, Europe/Amsterdam.
_ZONE = r"^\s*\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(\S.*?)\s*$"


@dataclass
class ImportStats:
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def _read_raw(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create `raw_rows` (all VARCHAR, with data_row numbers) and `raw_rejects` for `path`."""
    if path.suffix.lower() == ".parquet":
        check_parquet(path)
        with literal_path(path) as readable:
            try:
                con.execute("CREATE OR REPLACE TEMP TABLE raw_input AS SELECT * "
                            "FROM read_parquet(?, file_row_number = true)", [str(readable)])
            except duckdb.Error as exc:
                raise CfwatchError(str(path), f"not a readable Parquet file: {first_line(exc)}") \
                    from None
        columns = _columns(con, "raw_input", exclude="file_row_number")
        _check_header(path, columns)
        select = ", ".join(f"CAST({_q(c)} AS VARCHAR) AS {_q(c)}" for c in columns)
        con.execute(f"CREATE OR REPLACE TEMP TABLE raw_rows AS SELECT {select}, "
                    f"file_row_number + 1 AS data_row FROM raw_input")
        con.execute("DROP TABLE raw_input")
        con.execute("CREATE OR REPLACE TEMP TABLE raw_rejects (data_row BIGINT, "
                    "column_name VARCHAR, reason VARCHAR, raw_value VARCHAR)")
        return

    # CSV: the reader itself rejects malformed lines (wrong column count, bad encoding) into
    # reject_errors; good rows are then numbered by their position among all data rows.
    check_csv(path)
    with literal_path(path) as readable:
        try:
            con.execute("DROP TABLE IF EXISTS reject_errors")
            con.execute("DROP TABLE IF EXISTS reject_scans")
            con.execute(f"CREATE OR REPLACE TEMP TABLE raw_input AS SELECT *, "
                        f"row_number() OVER () AS good_row FROM read_csv(?, all_varchar = true, "
                        f"header = true, store_rejects = true, auto_detect = true, "
                        f"strict_mode = true, max_line_size = {MAX_LINE_BYTES})",
                        [str(readable)])
        except duckdb.Error as exc:
            raise CfwatchError(str(path), explain_csv_failure(path, first_line(exc))) from None
    columns = _columns(con, "raw_input", exclude="good_row")
    _check_header(path, columns)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE raw_rejects AS
        SELECT line - 1 AS data_row, any_value(column_name) AS column_name,
               any_value(error_type || ': ' || error_message) AS reason,
               any_value(csv_line) AS raw_value
        FROM reject_errors GROUP BY line""")
    total = con.execute("SELECT (SELECT count(*) FROM raw_input) + "
                        "(SELECT count(*) FROM raw_rejects)").fetchone()[0]
    select = ", ".join(_q(c) for c in columns)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE raw_rows AS
        WITH good_numbers AS (
            SELECT n AS data_row, row_number() OVER (ORDER BY n) AS good_row
            FROM range(1, {total} + 1) t(n)
            WHERE n NOT IN (SELECT data_row FROM raw_rejects)
        )
        SELECT {select}, g.data_row FROM raw_input r JOIN good_numbers g USING (good_row)""")
    con.execute("DROP TABLE raw_input")


def _columns(con: duckdb.DuckDBPyConnection, table: str, exclude: str = "") -> list[str]:
    return [c for (c,) in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND column_name <> ? "
        "ORDER BY column_index", [table, exclude]).fetchall()]


def _check_header(path: Path, columns: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CfwatchError(str(path), f"wrong header: missing column(s) {', '.join(missing)} "
                                      f"(found: {', '.join(columns[:12])})")


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'




def _lit(text: str) -> str:
    """A constant reason as SQL text."""
    return "'" + _sql_text(text) + "'"


def import_listing_file(con: duckdb.DuckDBPyConnection, path: Path, dataset: str,
                        run_id: str, platform_name: str = DEFAULT_PLATFORM_NAME) -> ImportStats:
    """Validate one file and load its good rows under `dataset`; reject the rest. A row
    without a `platform` gets `platform_name`.

    Raises CfwatchError (exit 1) when the file as a whole cannot be read: not CSV or Parquet,
    the wrong encoding, a header without a required column or with a column twice."""
    _read_raw(con, path)
    present = set(_columns(con, "raw_rows"))
    col = {c: (_q(c) if c in present else "NULL::VARCHAR") for c in COLUMNS}
    dates = ("listed_at", "flagged_at", "actioned_at")
    latest = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)

    def blank(c: str) -> str:
        return f"(nullif(trim({col[c]}), '') IS NULL)"

    def bad_ts(c: str) -> str:
        return f"(NOT {blank(c)} AND cfw_{c} IS NULL AND try_cast({col[c]} AS TIMESTAMP) IS NULL)"

    def bad_zone(c: str) -> str:  # the date and time read, what follows them did not
        return (f"(NOT {blank(c)} AND (cfw_{c} IS NULL OR "
                f"regexp_matches(cfw_{c}_zone, '^[+-](1[5-9]|[2-9][0-9])')))")

    def implausible(c: str) -> str:
        return f"(cfw_{c} < DATE '{EARLIEST_DATE}' OR cfw_{c} >= DATE '{latest}')"

    store_action = f"coalesce({col['action']} IN {tuple(STORE_ACTIONS)!r}, false)"
    unparseable = "unparseable date (want YYYY-MM-DD[ HH:MM:SS][+HH:MM])"
    unknown_zone = ("' (want an offset from -14:00 to +14:00 such as +02:00, Z, or a name "
                    "such as Europe/Amsterdam)'")
    # The first failing check names the row's reason (an SQL expression, so that it can quote
    # the value). Order: structure, then values.
    checks = [
        ("listing_id", f"{blank('listing_id')} AND NOT {store_action}",
         _lit("missing required field listing_id")),
        ("store_id", blank("store_id"), _lit("missing required field store_id")),
        ("listed_at", f"{blank('listed_at')} AND NOT {store_action}",
         _lit("missing required field listed_at")),
        *[(c, bad_ts(c), _lit(unparseable)) for c in dates],
        *[(c, bad_zone(c), f"'unknown time zone ' || cfw_{c}_zone || {unknown_zone}")
          for c in dates],
        *[(c, implausible(c),
           f"'implausible date ' || cfw_{c} || ' (want {EARLIEST_DATE} to {latest})'")
          for c in dates],
        ("price", f"NOT {blank('price')} AND cfw_price IS NULL",
         _lit("wrong type: price is not a number")),
        ("price", "NOT isfinite(cfw_price)", _lit("price is not a finite number")),
        ("price", "cfw_price < 0", _lit("negative price")),
        ("price", f"cfw_price > {MAX_PRICE}",
         _lit(f"implausible price (over {MAX_PRICE:,})")),
        ("action", f"NOT {blank('action')} AND {col['action']} NOT IN "
                   f"(SELECT unnest({_sql_list(keys(ACTIONS))}))",
         _lit(f"unknown action (allowed: {', '.join(keys(ACTIONS))})")),
        ("detected_by", f"NOT {blank('detected_by')} AND {col['detected_by']} NOT IN "
                        f"(SELECT unnest({_sql_list(keys(DETECTION_SOURCES))}))",
         _lit(f"unknown detected_by (allowed: {', '.join(keys(DETECTION_SOURCES))})")),
        ("detected_by", f"NOT {blank('action')} AND {blank('detected_by')}",
         _lit("missing detected_by for an action")),
        ("actioned_at", f"NOT {blank('action')} AND {blank('actioned_at')}",
         _lit("missing actioned_at for an action")),
        ("automated", f"NOT {blank('automated')} AND lower({col['automated']}) NOT IN "
                      "('true', 'false', 'yes', 'no', '1', '0')",
         _lit("wrong type: automated is not true/false")),
        ("actioned_at", "cfw_actioned_at < cfw_flagged_at", _lit("actioned before flagged")),
        ("listing_id", "cfw_duplicate_of IS NOT NULL",
         "'duplicate listing_id (first at row ' || cfw_duplicate_of || ')'"),
        # The same rule across files: the listing loaded first (carried over, or from a file
        # read earlier in this run) stays.
        ("listing_id", "cfw_loaded_in IS NOT NULL",
         "'duplicate listing_id (already loaded from ' || cfw_loaded_in || ')'"),
    ]
    reason_case = "CASE " + " ".join(
        f"WHEN {cond} THEN {{'column': '{column}', 'reason': {reason}}}"
        for column, cond, reason in checks) + " END"
    # Timestamps are stored in UTC without a zone: one written with an offset or a zone name
    # is converted, one without is taken as UTC already.
    zones = ", ".join(f"regexp_extract({col[c]}, '{_ZONE}', 1) AS cfw_{c}_zone" for c in dates)
    typed = ", ".join(
        f"CASE WHEN cfw_{c}_zone = '' THEN try_cast({col[c]} AS TIMESTAMP) "
        f"ELSE timezone('UTC', try_cast({col[c]} AS TIMESTAMPTZ)) END AS cfw_{c}"
        for c in dates)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE checked AS
        WITH zoned AS (
            SELECT *, {zones} FROM raw_rows
        ),
        typed AS (
            SELECT *, {typed}, try_cast({col['price']} AS DOUBLE) AS cfw_price FROM zoned
        ),
        loaded AS (
            SELECT listing_id AS cfw_loaded_id, min(dataset) AS cfw_loaded_in FROM listings
            WHERE dataset LIKE 'import:%' GROUP BY listing_id
        ),
        numbered AS (
            SELECT t.*,
                   CASE WHEN NOT {blank('listing_id')} AND row_number() OVER (
                        PARTITION BY t.{col['listing_id']} ORDER BY data_row) > 1
                        THEN min(data_row) OVER (PARTITION BY t.{col['listing_id']}) END
                       AS cfw_duplicate_of,
                   l.cfw_loaded_in
            FROM typed t LEFT JOIN loaded l ON l.cfw_loaded_id = t.{col['listing_id']}
        )
        SELECT *, {reason_case} AS problem FROM numbered""")

    quoted_path = str(path).replace("'", "''")
    con.execute(f"""
        INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
        SELECT '{run_id}', '{quoted_path}', data_row, column_name, reason,
               left(raw_value, {RAW_CHARS})
        FROM raw_rejects
        UNION ALL
        SELECT '{run_id}', '{quoted_path}', data_row, problem.column, problem.reason,
               left(CASE problem.column {' '.join(f"WHEN '{c}' THEN {col[c]}" for c in COLUMNS)}
                    END, {RAW_CHARS})
        FROM checked WHERE problem IS NOT NULL""")

    ds = dataset.replace("'", "''")
    platform = f"coalesce(nullif(trim({col['platform']}), ''), '{_sql_text(platform_name)}')"
    con.execute(f"""
        INSERT INTO listings BY NAME
        SELECT {col['listing_id']} AS listing_id, {col['store_id']} AS store_id,
               nullif({col['category']}, '') AS category, nullif({col['brand']}, '') AS brand,
               cfw_price AS price,
               nullif({col['currency']}, '') AS currency,
               cfw_listed_at AS listed_at, '{ds}' AS dataset, {platform} AS platform
        FROM checked WHERE problem IS NULL AND NOT {blank('listing_id')}""")
    con.execute(f"""
        INSERT INTO enforcement_actions BY NAME
        SELECT coalesce(nullif({col['action_id']}, ''),
                        coalesce({col['listing_id']}, {col['store_id']}) || ':' || {col['action']}
                        || CASE WHEN {store_action} THEN ':' || {col['actioned_at']} ELSE '' END)
                   AS action_id,
               nullif({col['listing_id']}, '') AS listing_id, {col['store_id']} AS store_id,
               {col['action']} AS action, {col['detected_by']} AS detected_by,
               nullif({col['category']}, '') AS category,
               lower({col['automated']}) IN ('true', 'yes', '1') AS automated,
               coalesce(nullif({col['reason_category']}, ''), 'intellectual_property')
                   AS reason_category,
               true AS ip_relevant,
               cfw_flagged_at AS flagged_at, cfw_actioned_at AS actioned_at,
               NULL AS source_ref, '{ds}' AS dataset, {platform} AS platform
        FROM checked WHERE problem IS NULL AND NOT {blank('action')}""")
    con.execute(f"""
        INSERT INTO stores BY NAME
        SELECT DISTINCT {col['store_id']} AS store_id, '{ds}' AS dataset, {platform} AS platform
        FROM checked WHERE problem IS NULL""")

    read, rejected = con.execute(
        "SELECT (SELECT count(*) FROM checked) + (SELECT count(*) FROM raw_rejects), "
        "(SELECT count(*) FROM checked WHERE problem IS NOT NULL) + "
        "(SELECT count(*) FROM raw_rejects)").fetchone()
    for table in ("checked", "raw_rows", "raw_rejects"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return ImportStats(read, read - rejected, rejected)
