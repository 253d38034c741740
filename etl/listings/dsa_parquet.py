"""Load a day distilled by `cfwatch distill` (DIR/date=YYYY-MM-DD/platform=NAME/*.parquet).

The statements there are already mapped, checked and deduplicated (the same declarations as
`--dsa`, etl/distill/mapping.py), so loading is two inserts; rows with a `problem` and the
lines the manifest lists as unparseable go to `rejects` (input: the day's folder, '!', and
the part they came from), so rows read = loaded + rejected here too.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from etl.distill import mapping
from etl.distill.layout import MANIFEST
from etl.errors import CfwatchError, first_line
from etl.listings.dsa import DsaStats


def day_folders(path: Path) -> list[Path]:
    """The distilled days in a folder (or the folder itself when it is one day)."""
    if not path.is_dir():
        raise CfwatchError(str(path), "not a folder written by `cfwatch distill`")
    if path.name.startswith("date="):
        days = [path]
    else:
        days = sorted(p for p in path.glob("date=*") if p.is_dir())
    missing = [d for d in days if not (d / MANIFEST).is_file()]
    if not days or missing:
        raise CfwatchError(str(missing[0] if missing else path),
                           f"no distilled day here (want date=YYYY-MM-DD/{MANIFEST} "
                           "written by `cfwatch distill`)")
    return days


def dataset_for(day: Path) -> str:
    return f"dsa:{day.name.removeprefix('date=')}"


def import_distilled(con: duckdb.DuckDBPyConnection, day: Path, dataset: str, platform: str,
                     run_id: str) -> DsaStats:
    """Load one distilled day; returns the counts. Raises CfwatchError (exit 1) when its
    files do not read as distilled statements."""
    manifest = json.loads((day / MANIFEST).read_text())
    files = str(day / "platform=*" / "*.parquet")
    source = (f"(SELECT *, {mapping.platform_matches(platform)} AS kept FROM read_parquet("
              f"{mapping.literal(files)}, hive_partitioning = true, "
              "hive_types = {'platform': VARCHAR}))")
    stats = DsaStats()
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(f"""
            INSERT INTO enforcement_actions BY NAME
            SELECT uuid AS action_id, uuid AS listing_id, action, detected_by, category,
                   automated, category AS reason_category, ip_relevant, flagged_at,
                   actioned_at, ? AS dataset, platform
            FROM {source} WHERE kept AND problem IS NULL""", [dataset])
        con.execute(f"""
            INSERT INTO listings BY NAME
            SELECT uuid AS listing_id, category, flagged_at AS listed_at, ? AS dataset, platform
            FROM {source} WHERE kept AND problem IS NULL""", [dataset])
        con.execute(f"""
            INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
            SELECT ?, ? || '!' || source_file, source_row, NULL, problem, uuid
            FROM {source} WHERE kept AND problem IS NOT NULL""", [run_id, str(day)])
        total, kept, problems = con.execute(f"""
            SELECT count(*), count(*) FILTER (WHERE kept),
                   count(*) FILTER (WHERE kept AND problem IS NOT NULL) FROM {source}"""
                                            ).fetchone()
        for line in manifest.get("unparseable_lines", []):
            con.execute("INSERT INTO rejects VALUES (?, ?, ?, NULL, ?, NULL)",
                        [run_id, f"{day}!{line['file']}", line["row"],
                         f"unparseable CSV line: {line['reason']}"])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise CfwatchError(str(day), f"not a distilled day: {first_line(exc)}") \
            from None
    bad_lines = len(manifest.get("unparseable_lines", []))
    stats.other_platforms = total - kept
    stats.rows_read = kept + bad_lines
    stats.rows_rejected = problems + bad_lines
    stats.rows_loaded = stats.rows_read - stats.rows_rejected
    stats.parts = 1
    return stats
