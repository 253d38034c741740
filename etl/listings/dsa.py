"""Import EU DSA Transparency Database dumps: statements of reasons -> enforcement actions.

Accepts the daily dumps as published: the outer zip (stored, holding inner zips), inner zips
(holding CSV parts), CSV parts, or extracted CSVs, and folders of any of these. It streams: one
CSV part at a time is extracted to a temporary file and read by DuckDB with the platform filter
pushed down, so memory is bounded by one part (up to 100k rows) whatever the dump's size.
Columns are taken by header name, so the 37-, 38- and 34-column ("light") headers all work.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import CfwatchError
from etl.listings.own_data import ImportStats

# Refuse archive members whose declared size or compression ratio is past these: a real CSV
# part is at most ~100k rows (~150 MB) and compresses about 10-20x.
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_COMPRESSION_RATIO = 200
MAX_NESTING = 3

IP_CATEGORY = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
IP_KEYWORDS = ("KEYWORD_TRADEMARK_INFRINGEMENT", "KEYWORD_COPYRIGHT_INFRINGEMENT",
               "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_PATENT_INFRINGEMENT",
               "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT")
UNSAFE_CATEGORIES = ("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
                     "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS")
INAUTHENTIC_KEYWORDS = ("KEYWORD_INAUTHENTIC_LISTINGS",)
REQUIRED = ("uuid", "platform_name", "source_type", "application_date", "category")
OPTIONAL = ("decision_visibility", "decision_monetary", "decision_provision", "decision_account",
            "category_addition", "category_specification", "content_date",
            "automated_detection", "automated_decision", "created_at")

# source_type -> detected_by. VOLUNTARY splits on automated_detection (see the SQL below).
SOURCE_TYPES = {"SOURCE_ARTICLE_16": "rights_holder_notice",
                "SOURCE_TRUSTED_FLAGGER": "regulator_referral",
                "SOURCE_TYPE_OTHER_NOTIFICATION": "consumer_report"}


@dataclass
class DsaStats(ImportStats):
    other_platforms: int = 0
    parts: int = 0


def dataset_for(path: Path) -> str:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return f"dsa:{m.group(1)}" if m else f"dsa:{path.stem}"


def _parts(path: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    """Yield (name, extracted CSV path) for every CSV part inside `path`, one at a time."""
    if path.suffix.lower() == ".csv":
        yield str(path), path
        return
    yield from _zip_parts(path, str(path), tmp, 0)


def _zip_parts(source, label: str, tmp: Path, depth: int) -> Iterator[tuple[str, Path]]:
    if depth >= MAX_NESTING:
        raise CfwatchError(label, f"zip nested deeper than {MAX_NESTING} levels; refused")
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CfwatchError(label, f"not a readable zip: {exc}") from None
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = f"{label}!{info.filename}"
            if info.file_size > MAX_MEMBER_BYTES or (
                    info.compress_size and info.file_size / info.compress_size
                    > MAX_COMPRESSION_RATIO):
                raise CfwatchError(name, f"refused: {info.file_size:,} bytes from "
                                         f"{info.compress_size:,} compressed is past the size "
                                         "limit (zip bomb?)")
            lower = info.filename.lower()
            if lower.endswith(".zip"):
                with archive.open(info) as inner:
                    if info.compress_type == zipfile.ZIP_STORED:
                        yield from _zip_parts(inner, name, tmp, depth + 1)
                    else:  # a compressed inner zip must be spooled to be seekable
                        spooled = tmp / f"inner-{depth}.zip"
                        _copy_limited(inner, spooled, name)
                        yield from _zip_parts(spooled, name, tmp, depth + 1)
            elif lower.endswith(".csv"):
                target = tmp / "part.csv"
                try:
                    with archive.open(info) as member:
                        _copy_limited(member, target, name)
                except (zipfile.BadZipFile, EOFError, OSError) as exc:
                    raise CfwatchError(name, f"truncated or corrupt member: {exc}") from None
                yield name, target


def _copy_limited(src, target: Path, name: str) -> None:
    """Copy a stream, stopping at MAX_MEMBER_BYTES whatever the header claimed."""
    written = 0
    with target.open("wb") as out:
        while chunk := src.read(1 << 20):
            written += len(chunk)
            if written > MAX_MEMBER_BYTES:
                raise CfwatchError(name, "refused: expands past the size limit (zip bomb?)")
            out.write(chunk)


def _header(csv_path: Path) -> list[str]:
    with csv_path.open("rb") as fh:
        first = fh.readline(1 << 16).decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    return [c.strip().strip('"') for c in first.split(",")] if first else []


def import_dsa(con: duckdb.DuckDBPyConnection, path: Path, platform: str,
               run_id: str) -> DsaStats:
    """Stream one dump (any packaging) into enforcement_actions and listings."""
    dataset = dataset_for(path)
    stats = DsaStats()
    con.execute("CREATE OR REPLACE TEMP TABLE dsa_seen (uuid VARCHAR)")
    tmp = Path(tempfile.mkdtemp(prefix="cfwatch-dsa-"))
    try:
        for name, part in _parts(path, tmp):
            stats.parts += 1
            _import_part(con, name, part, dataset, platform, run_id, stats)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        con.execute("DROP TABLE IF EXISTS dsa_seen")
    return stats


def _list_has(column: str, values) -> str:
    """Does a JSON-list-as-text column contain any of `values`? ('[]' and '' mean none.)"""
    items = ", ".join(f"'{v}'" for v in values)
    return (f"list_has_any(coalesce(try_cast(json({column}) AS VARCHAR[]), []), [{items}])")


def _import_part(con, name: str, part: Path, dataset: str, platform: str, run_id: str,
                 stats: DsaStats) -> None:
    header = _header(part)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CfwatchError(name, f"wrong header: missing column(s) {', '.join(missing)}")
    cols = {c: (f'"{c}"' if c in header else "NULL::VARCHAR") for c in REQUIRED + OPTIONAL}
    p = str(part).replace("'", "''")
    platform_filter = "" if platform.lower() == "all" else \
        f"WHERE lower(platform_name) = lower('{platform.replace(chr(39), chr(39) * 2)}')"
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE dsa_raw AS
            SELECT *, row_number() OVER () AS part_row
            FROM read_csv('{p}', all_varchar = true, header = true, quote = '"',
                          escape = '"', store_rejects = true, strict_mode = true,
                          max_line_size = 20000000)""")
    except duckdb.Error as exc:
        raise CfwatchError(name, f"not a readable CSV part: {str(exc).splitlines()[0]}") from None
    total, kept = con.execute(
        f"SELECT count(*), (SELECT count(*) FROM dsa_raw {platform_filter}) "
        "FROM dsa_raw").fetchone()
    bad_lines = con.execute("SELECT line, any_value(error_message), any_value(csv_line) "
                            "FROM reject_errors GROUP BY line ORDER BY line").fetchall()
    stats.other_platforms += total - kept
    stats.rows_read += kept + len(bad_lines)
    stats.rows_rejected += len(bad_lines)
    quoted = name.replace("'", "''")
    for line, message, raw in bad_lines:
        con.execute("INSERT INTO rejects VALUES (?, ?, ?, NULL, ?, ?)",
                    [run_id, name, line - 1, f"unparseable CSV line: {message}",
                     (raw or "")[:200]])

    vis, prov, acct = cols["decision_visibility"], cols["decision_provision"], \
        cols["decision_account"]
    src = cols["source_type"]
    detected_case = " ".join(f"WHEN {src} = '{k}' THEN '{v}'" for k, v in SOURCE_TYPES.items())
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE dsa_mapped AS
        WITH filtered AS (SELECT * FROM dsa_raw {platform_filter}),
        mapped AS (
            SELECT part_row, {cols['uuid']} AS uuid, {cols['category']} AS category,
                CASE WHEN {acct} = 'DECISION_ACCOUNT_TERMINATED'
                          OR {prov} LIKE '%TERMINATION' THEN 'store_closed'
                     WHEN {acct} = 'DECISION_ACCOUNT_SUSPENDED'
                          OR {prov} LIKE '%SUSPENSION' THEN 'store_suspended'
                     WHEN {_list_has(vis, ['DECISION_VISIBILITY_CONTENT_REMOVED'])}
                          THEN 'listing_removed'
                     WHEN {_list_has(vis, ['DECISION_VISIBILITY_CONTENT_DISABLED',
                                           'DECISION_VISIBILITY_CONTENT_DEMOTED',
                                           'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
                                           'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
                                           'DECISION_VISIBILITY_CONTENT_LABELLED',
                                           'DECISION_VISIBILITY_OTHER'])}
                          THEN 'listing_restricted'
                     WHEN nullif({cols['decision_monetary']}, '') IS NOT NULL
                          THEN 'listing_restricted'
                END AS action,
                CASE {detected_case}
                     WHEN {src} = 'SOURCE_VOLUNTARY' AND {cols['automated_detection']} = 'Yes'
                         THEN 'automated_detection'
                     WHEN {src} = 'SOURCE_VOLUNTARY' THEN 'platform_review' END AS detected_by,
                {cols['automated_decision']} IN ('AUTOMATED_DECISION_FULLY',
                                                 'AUTOMATED_DECISION_PARTIALLY') AS automated,
                coalesce({cols['category']} = '{IP_CATEGORY}', false)
                    OR {_list_has(cols['category_addition'], [IP_CATEGORY])}
                    OR {_list_has(cols['category_specification'], IP_KEYWORDS)}
                    OR ({cols['category']} IN {UNSAFE_CATEGORIES}
                        AND {_list_has(cols['category_specification'], INAUTHENTIC_KEYWORDS)}
                        IS TRUE)
                    AS ip_relevant,
                try_cast({cols['content_date']} AS TIMESTAMP) AS flagged_at,
                try_cast({cols['application_date']} AS TIMESTAMP) AS actioned_at,
                {cols['application_date']} AS application_raw,
                {cols['content_date']} AS content_raw,
                {src} AS source_raw
            FROM filtered
        )
        SELECT *,
            CASE WHEN uuid IS NULL OR uuid = '' THEN 'missing uuid'
                 WHEN actioned_at IS NULL THEN 'unparseable application_date'
                 WHEN nullif(content_raw, '') IS NOT NULL AND flagged_at IS NULL
                     THEN 'unparseable content_date'
                 WHEN flagged_at > actioned_at THEN 'content_date after application_date'
                 WHEN detected_by IS NULL THEN 'unknown source_type'
                 WHEN action IS NULL THEN 'no decision that maps to an enforcement action'
                 WHEN uuid IN (SELECT uuid FROM dsa_seen)
                      OR row_number() OVER (PARTITION BY uuid ORDER BY part_row) > 1
                     THEN 'duplicate uuid (dropped; first occurrence kept)'
            END AS problem
        FROM mapped""")
    con.execute(f"""
        INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
        SELECT '{run_id}', '{quoted}', part_row, NULL, problem,
               left(coalesce(uuid, '') || ' ' || coalesce(application_raw, '') || ' '
                    || coalesce(source_raw, ''), 200)
        FROM dsa_mapped WHERE problem IS NOT NULL""")
    ds = dataset.replace("'", "''")
    con.execute(f"""
        INSERT INTO enforcement_actions BY NAME
        SELECT uuid AS action_id, uuid AS listing_id, NULL AS store_id, action, detected_by,
               category, automated, category AS reason_category, ip_relevant, flagged_at,
               actioned_at,
               uuid AS source_ref, '{ds}' AS dataset
        FROM dsa_mapped WHERE problem IS NULL""")
    con.execute(f"""
        INSERT INTO listings BY NAME
        SELECT uuid AS listing_id, category, flagged_at AS listed_at, '{ds}' AS dataset
        FROM dsa_mapped WHERE problem IS NULL""")
    con.execute("INSERT INTO dsa_seen SELECT uuid FROM dsa_mapped WHERE problem IS NULL")
    bad = con.execute("SELECT count(*) FROM dsa_mapped WHERE problem IS NOT NULL").fetchone()[0]
    stats.rows_rejected += bad
    stats.rows_loaded += kept - bad
    con.execute("DROP TABLE dsa_raw")
    con.execute("DROP TABLE dsa_mapped")
