"""Import the user's own listing-level data (CSV or Parquet, the schema in the README).

One row is one listing with the enforcement action taken on it (if any), or one store action
(`action` = store_warned / store_suspended / store_closed, `listing_id` empty). Validation runs
in DuckDB, vectorised: every row gets the first reason it fails, bad rows go to `rejects` with
file, row, column, reason and raw value, good rows load, and read = loaded + rejected always.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import CfwatchError
from etl.vocab import ACTIONS, DEFAULT_PLATFORM_NAME, DETECTION_SOURCES, STORE_ACTIONS, keys

COLUMNS = ("listing_id", "store_id", "category", "brand", "price", "currency", "listed_at",
           "action", "detected_by", "flagged_at", "actioned_at", "automated",
           "reason_category", "action_id", "platform")
REQUIRED_COLUMNS = ("listing_id", "store_id", "listed_at")
RAW_CHARS = 200
# A longer line is rejected as a row (not the file): generous for free-text fields.
MAX_LINE_BYTES = 16 * 1024 * 1024


@dataclass
class ImportStats:
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def _read_raw(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create `raw_rows` (all VARCHAR, with data_row numbers) and `raw_rejects` for `path`."""
    p = str(path).replace("'", "''")
    if path.suffix.lower() == ".parquet":
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE raw_input AS SELECT * "
                        f"FROM read_parquet('{p}', file_row_number = true)")
        except duckdb.Error as exc:
            raise CfwatchError(str(path), f"not a readable Parquet file: {_first(exc)}") from None
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
    try:
        con.execute("DROP TABLE IF EXISTS reject_errors")
        con.execute("DROP TABLE IF EXISTS reject_scans")
        con.execute(f"CREATE OR REPLACE TEMP TABLE raw_input AS SELECT *, "
                    f"row_number() OVER () AS good_row FROM read_csv('{p}', all_varchar = true, "
                    f"header = true, store_rejects = true, auto_detect = true, "
                    f"strict_mode = true, max_line_size = {MAX_LINE_BYTES})")
    except duckdb.Error as exc:
        raise CfwatchError(str(path), f"not a readable CSV file: {_first(exc)}") from None
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


def _first(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]


def import_listing_file(con: duckdb.DuckDBPyConnection, path: Path, dataset: str,
                        run_id: str, platform_name: str = DEFAULT_PLATFORM_NAME) -> ImportStats:
    """Validate one file and load its good rows under `dataset`; reject the rest. A row
    without a `platform` gets `platform_name`."""
    _read_raw(con, path)
    present = set(_columns(con, "raw_rows"))
    col = {c: (_q(c) if c in present else "NULL::VARCHAR") for c in COLUMNS}

    def blank(c: str) -> str:
        return f"(nullif(trim({col[c]}), '') IS NULL)"

    def bad_ts(c: str) -> str:
        return f"(NOT {blank(c)} AND try_cast({col[c]} AS TIMESTAMP) IS NULL)"

    store_action = f"coalesce({col['action']} IN {tuple(STORE_ACTIONS)!r}, false)"
    # The first failing check names the row's reason. Order: structure, then values.
    checks = [
        ("listing_id", f"{blank('listing_id')} AND NOT {store_action}",
         "missing required field listing_id"),
        ("store_id", blank("store_id"), "missing required field store_id"),
        ("listed_at", f"{blank('listed_at')} AND NOT {store_action}",
         "missing required field listed_at"),
        ("listed_at", bad_ts("listed_at"), "unparseable date (want YYYY-MM-DD[ HH:MM:SS])"),
        ("flagged_at", bad_ts("flagged_at"), "unparseable date (want YYYY-MM-DD[ HH:MM:SS])"),
        ("actioned_at", bad_ts("actioned_at"), "unparseable date (want YYYY-MM-DD[ HH:MM:SS])"),
        ("price", f"NOT {blank('price')} AND try_cast({col['price']} AS DOUBLE) IS NULL",
         "wrong type: price is not a number"),
        ("price", f"try_cast({col['price']} AS DOUBLE) < 0", "negative price"),
        ("action", f"NOT {blank('action')} AND {col['action']} NOT IN "
                   f"(SELECT unnest({_sql_list(keys(ACTIONS))}))",
         f"unknown action (allowed: {', '.join(keys(ACTIONS))})"),
        ("detected_by", f"NOT {blank('detected_by')} AND {col['detected_by']} NOT IN "
                        f"(SELECT unnest({_sql_list(keys(DETECTION_SOURCES))}))",
         f"unknown detected_by (allowed: {', '.join(keys(DETECTION_SOURCES))})"),
        ("detected_by", f"NOT {blank('action')} AND {blank('detected_by')}",
         "missing detected_by for an action"),
        ("actioned_at", f"NOT {blank('action')} AND {blank('actioned_at')}",
         "missing actioned_at for an action"),
        ("automated", f"NOT {blank('automated')} AND lower({col['automated']}) NOT IN "
                      "('true', 'false', 'yes', 'no', '1', '0')",
         "wrong type: automated is not true/false"),
        ("actioned_at", f"try_cast({col['actioned_at']} AS TIMESTAMP) < "
                        f"try_cast({col['flagged_at']} AS TIMESTAMP)", "actioned before flagged"),
        ("listing_id", "duplicate_of IS NOT NULL", "duplicate listing_id"),
    ]
    reason_case = "CASE " + " ".join(
        f"WHEN {cond} THEN {{'column': '{column}', 'reason': '{_sql_text(reason)}'}}"
        for column, cond, reason in checks) + " END"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE checked AS
        WITH numbered AS (
            SELECT *,
                   CASE WHEN NOT {blank('listing_id')} AND row_number() OVER (
                        PARTITION BY {col['listing_id']} ORDER BY data_row) > 1
                        THEN min(data_row) OVER (PARTITION BY {col['listing_id']}) END
                       AS duplicate_of
            FROM raw_rows
        )
        SELECT *, {reason_case} AS problem FROM numbered""")

    quoted_path = str(path).replace("'", "''")
    con.execute(f"""
        INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
        SELECT '{run_id}', '{quoted_path}', data_row, column_name, reason,
               left(raw_value, {RAW_CHARS})
        FROM raw_rejects
        UNION ALL
        SELECT '{run_id}', '{quoted_path}', data_row, problem.column,
               problem.reason || CASE WHEN duplicate_of IS NOT NULL AND problem.reason =
                   'duplicate listing_id' THEN ' (first at row ' || duplicate_of || ')' ELSE '' END,
               left(CASE problem.column {' '.join(f"WHEN '{c}' THEN {col[c]}" for c in COLUMNS)}
                    END, {RAW_CHARS})
        FROM checked WHERE problem IS NOT NULL""")

    ds = dataset.replace("'", "''")
    platform = f"coalesce(nullif(trim({col['platform']}), ''), '{_sql_text(platform_name)}')"
    con.execute(f"""
        INSERT INTO listings BY NAME
        SELECT {col['listing_id']} AS listing_id, {col['store_id']} AS store_id,
               nullif({col['category']}, '') AS category, nullif({col['brand']}, '') AS brand,
               try_cast({col['price']} AS DOUBLE) AS price,
               nullif({col['currency']}, '') AS currency,
               try_cast({col['listed_at']} AS TIMESTAMP) AS listed_at, '{ds}' AS dataset,
               {platform} AS platform
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
               try_cast({col['flagged_at']} AS TIMESTAMP) AS flagged_at,
               try_cast({col['actioned_at']} AS TIMESTAMP) AS actioned_at,
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
