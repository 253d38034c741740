"""Distill one day on this machine with DuckDB: parts stream in (inflated ahead on a thread),
are mapped by the shared declarations and collected in a work database (compressed, spilled
past DSA_MEMORY_LIMIT), duplicates are marked across the day, and the day is written as
Parquet partitioned by platform."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from etl.distill import mapping
from etl.distill.layout import Day, escape_partition_folders
from etl.distill.mapping import literal
from etl.listings.dsa import DSA_MEMORY_LIMIT, PARTS_PER_BATCH, batches, read_batch
from etl.listings.dsa_archive import parts, release

PARQUET = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880"


def distill_day(day: Day, staged: str, platform: str) -> tuple[dict[str, int], list[dict]]:
    """Write `day` into `staged` (platform=NAME/*.parquet); returns the rows per platform and
    the lines no CSV parser could read. Raises CfwatchError for an unreadable input."""
    work = Path(staged).parent / f"work.{os.getpid()}"  # removed by a later run if killed
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    names: list[str] = []
    unparseable: list[dict] = []
    try:
        with duckdb.connect(str(work / "day.duckdb"),
                            config={"memory_limit": DSA_MEMORY_LIMIT}) as con:
            con.execute("SET enable_progress_bar = false")
            columns = ", ".join(f"{c.name} {c.type}" for c in mapping.STATEMENT)
            con.execute(f"CREATE TABLE day_rows (part INTEGER, source_file VARCHAR, "
                        f"source_row BIGINT, {columns}, problem VARCHAR)")
            statement = ", ".join(c.name for c in mapping.STATEMENT)
            for source in day.inputs:
                for batch in batches(parts(Path(source), work, PARTS_PER_BATCH),
                                     PARTS_PER_BATCH):
                    read = read_batch(con, len(names), batch, platform, None)
                    con.execute(f"""
                        INSERT INTO day_rows
                        SELECT {read.part}, list_extract(?, {read.part} - {read.first} + 1),
                               {read.place}, {statement}, problem
                        FROM dsa_part WHERE kept""", [read.names])
                    names += read.names
                    unparseable += [{"file": name, "row": row, "reason": message}
                                    for name, row, message, _ in read.bad_lines]
                    for _, part in batch:
                        release(part, work)
            con.execute(f"""
                UPDATE day_rows SET problem = {literal(mapping.DUPLICATE)}
                WHERE rowid IN (
                    SELECT rowid FROM day_rows
                    WHERE problem IS NULL AND uuid IN (
                        SELECT uuid FROM day_rows WHERE problem IS NULL
                        GROUP BY uuid HAVING count(*) > 1)
                    QUALIFY row_number() OVER (PARTITION BY uuid ORDER BY part, source_row)
                            > 1)""")
            con.execute(f"""
                COPY (SELECT platform, {', '.join(mapping.FILE_COLUMNS)} FROM day_rows)
                TO {literal(staged)} ({PARQUET}, PARTITION_BY (platform),
                                           OVERWRITE_OR_IGNORE)""")
            counts = dict(con.execute("SELECT platform, count(*) FROM day_rows GROUP BY ALL"
                                      ).fetchall())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    escape_partition_folders(staged)
    return counts, unparseable
