"""Import EU DSA Transparency Database dumps: statements of reasons -> enforcement actions.

Accepts the daily dumps as published (a stored outer zip holding inner zips holding CSV parts),
any level of that extracted, and folders of them. Parts stream through `dsa_archive.parts`
(the next part inflates on a thread while DuckDB reads this one). Each batch of parts is read
once, projected onto the columns the mapping needs and mapped by the declarations shared with
`cfwatch distill` (etl/distill/mapping.py) into a small temp table, from which its good rows
go straight into `enforcement_actions` and `listings` and its bad ones into `rejects`. A dump
is one transaction; its duplicates are found once, at the end, from a hash per row.

Memory is bounded by DSA_MEMORY_LIMIT, whatever the dump's size. Columns are taken by header
name, so the 37-, 38- and 34-column ("light") headers all work.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.distill import mapping
from etl.distill.mapping import literal
from etl.errors import CfwatchError
from etl.listings.dsa_archive import parts, release
from etl.listings.own_data import ImportStats

# DuckDB's memory for an import: the build's limit would let a dump's inserts, its hashes
# and the duplicate search grow with the dump; past this they spill to disk, so peak memory
# stays flat (the whole process: about 540 MB at 1M rows, 570 MB at 3M) and no slower.
DSA_MEMORY_LIMIT = "400MB"
# Parts read by one statement: DuckDB parses one CSV file on one thread, so two keep both
# cores busy, and 200k rows stay well inside DSA_MEMORY_LIMIT.
PARTS_PER_BATCH = 2
MAX_LINE_BYTES = 20_000_000  # free-text fields run long; a longer line is a rejected row
RAW_CHARS = 200


@dataclass
class DsaStats(ImportStats):
    other_platforms: int = 0
    parts: int = 0


def dataset_for(path: Path) -> str:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return f"dsa:{m.group(1)}" if m else f"dsa:{path.stem}"


def header(csv_path: Path) -> list[str]:
    with csv_path.open("rb") as fh:
        first = fh.readline(1 << 16).decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    return [c.strip().strip('"') for c in first.split(",")] if first else []


def raw_relation(batch: list[tuple[str, Path]]) -> str:
    """SQL reading parts' RAW_COLUMNS by header name (NULL for those they lack) with the
    file each row came from; malformed lines go to reject_errors. The parts of one batch
    share a header (`batches` makes sure)."""
    name, first = batch[0]
    columns = header(first)
    missing = [c for c in mapping.REQUIRED if c not in columns]
    if missing:
        raise CfwatchError(name, f"wrong header: missing column(s) {', '.join(missing)}")
    types = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in columns) + "}"
    select = ", ".join(f'"{c}"' if c in columns else f"CAST(NULL AS VARCHAR) AS {c}"
                       for c in mapping.RAW_COLUMNS)
    files = "[" + ", ".join(literal(str(path)) for _, path in batch) + "]"
    return (f"SELECT {select}, filename FROM read_csv({files}, columns = {types}, "
            f"header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            f"filename = true, store_rejects = true, strict_mode = true, "
            f"max_line_size = {MAX_LINE_BYTES})")


def batches(parts_: Iterator[tuple[str, Path]], size: int) -> Iterator[list[tuple[str, Path]]]:
    """Consecutive parts in groups of up to `size` that share a header."""
    batch: list[tuple[str, Path]] = []
    for name, path in parts_:
        if batch and (len(batch) == size or header(batch[0][1]) != header(path)):
            yield batch
            batch = []
        batch.append((name, path))
    if batch:
        yield batch


def import_dsa(con: duckdb.DuckDBPyConnection, path: Path, platform: str,
               run_id: str) -> DsaStats:
    """Stream one dump (any packaging) into enforcement_actions and listings. Returns the
    counts (rows read = loaded + rejected; rows of other platforms apart). Raises CfwatchError
    (exit 1) for an unreadable archive or part, or a part whose header lacks a column.

    One transaction per dump: DuckDB then writes each full row group straight to the file
    (compressed) instead of logging every part's rows first, and a failed dump leaves
    nothing behind."""
    dataset = dataset_for(path)
    stats = DsaStats()
    names: list[str] = []
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = {literal(DSA_MEMORY_LIMIT)}")
    con.execute("BEGIN TRANSACTION")
    # Each loaded row's uuid hashed, its part and its place in it (20 bytes a row: a day of
    # the whole database fits, spilled past the limit), to find the duplicates at the end.
    con.execute("CREATE OR REPLACE TEMP TABLE dsa_seen "
                "(h UBIGINT, part INTEGER, part_row BIGINT)")
    tmp = Path(tempfile.mkdtemp(prefix="cfwatch-dsa-"))
    try:
        for batch in batches(parts(path, tmp, PARTS_PER_BATCH), PARTS_PER_BATCH):
            _load_batch(con, len(names), batch, dataset, platform, run_id, stats)
            names += [name for name, _ in batch]
            for _, part in batch:
                release(part, tmp)
        stats.parts = len(names)
        stats.rows_rejected += _drop_duplicates(con, names, dataset, run_id)
        stats.rows_loaded = stats.rows_read - stats.rows_rejected
        con.execute("DROP TABLE dsa_seen")
        con.execute("DROP TABLE IF EXISTS dsa_part")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        con.execute(f"SET memory_limit = {literal(limit)}")
    return stats


@dataclass
class ReadBatch:
    """A batch of parts read into the temp table dsa_part (every row of the batch: `kept`
    for the platform asked for, the mapped columns, `problem`, and `raw` text for rejects)."""
    names: list[str]  # the parts' names, in order
    first: int  # number of the first part among all read so far
    bad_lines: list[tuple[str, int, str, str]]  # (part name, row, message, raw line)
    part: str  # SQL: a dsa_part row's part number
    place: str  # SQL: its row in the part (1 = first data row)


def read_batch(con, first: int, batch: list[tuple[str, Path]], platform: str,
               columns: tuple[str, ...] | None) -> ReadBatch:
    """Read, map and check a batch of parts into dsa_part (shared by the warehouse import and
    `cfwatch distill`'s DuckDB engine)."""
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")
    files = {str(path): (first + i, name) for i, (name, path) in enumerate(batch)}
    part = "CASE filename " + " ".join(
        f"WHEN {literal(f)} THEN {index}" for f, (index, _) in files.items()) + " END"
    # the importer needs source_type only for the raw text of a rejected row
    dropped = "content_raw, application_raw" + (", source_type" if columns else "")
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE dsa_part AS
            WITH raw AS ({raw_relation(batch)}),
            mapped AS (SELECT CAST({part} AS INTEGER) AS part,
                              {mapping.platform_matches(platform)} AS kept,
                              {mapping.select_list(columns)}
                       FROM raw),
            checked AS (SELECT *, {mapping.PROBLEM} AS problem FROM mapped)
            -- the raw text is kept for the rejected rows only
            SELECT * EXCLUDE ({dropped}),
                   CASE WHEN problem IS NOT NULL THEN left(concat_ws(' ', uuid, application_raw,
                        source_type), {RAW_CHARS}) END AS raw
            FROM checked""")
    except duckdb.Error as exc:
        names = ", ".join(name for name, _ in batch)
        raise CfwatchError(names, f"not a readable CSV part: {str(exc).splitlines()[0]}") \
            from None
    bad = con.execute("""
        SELECT s.file_path, e.line - 1, any_value(e.error_message), any_value(e.csv_line)
        FROM reject_errors AS e JOIN reject_scans AS s USING (scan_id, file_id)
        GROUP BY ALL ORDER BY ALL""").fetchall()
    # rows keep their file's order, the files the batch's: a row's place in its part is its
    # rowid less the first rowid of its part, moved past the malformed lines before it
    starts = dict(con.execute("SELECT part, min(rowid) FROM dsa_part GROUP BY part"
                              ).fetchall())
    bad_by_part = {index: [r for p, r, _, _ in bad if files[p][0] == index]
                   for index, _ in files.values()}
    place = "CASE part " + " ".join(
        f"WHEN {index} THEN {_position(bad_by_part[index], start)}"
        for index, start in starts.items()) + " END" if starts else "NULL"
    return ReadBatch([name for name, _ in batch], first,
                     [(files[p][1], row, message, raw) for p, row, message, raw in bad],
                     "part", place)


def _load_batch(con, first: int, batch: list[tuple[str, Path]], dataset: str, platform: str,
                run_id: str, stats: DsaStats) -> None:
    """Load a batch's good rows of the platform asked for, and reject the rest with the
    reason. Parts are numbered from `first` in the order read."""
    read = read_batch(con, first, batch, platform, mapping.IMPORTED)
    con.execute("""
        INSERT INTO enforcement_actions BY NAME
        SELECT uuid AS action_id, uuid AS listing_id, action, detected_by, category, automated,
               category AS reason_category, ip_relevant, flagged_at, actioned_at,
               ? AS dataset, platform
        FROM dsa_part WHERE kept AND problem IS NULL""", [dataset])
    con.execute("""
        INSERT INTO listings BY NAME
        SELECT uuid AS listing_id, category, flagged_at AS listed_at, ? AS dataset, platform
        FROM dsa_part WHERE kept AND problem IS NULL""", [dataset])
    con.execute(f"""
        INSERT INTO dsa_seen
        SELECT hash(uuid), {read.part}, {read.place} FROM dsa_part
        WHERE kept AND problem IS NULL""")
    con.execute(f"""
        INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
        SELECT ?, list_extract(?, {read.part} - {first} + 1), {read.place}, NULL, problem, raw
        FROM dsa_part WHERE kept AND problem IS NOT NULL""", [run_id, read.names])
    for name, row, message, raw in read.bad_lines:
        con.execute("INSERT INTO rejects VALUES (?, ?, ?, NULL, ?, ?)",
                    [run_id, name, row, f"unparseable CSV line: {message}",
                     (raw or "")[:RAW_CHARS]])
    total, kept, problems = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE kept), "
        "count(*) FILTER (WHERE kept AND problem IS NOT NULL) FROM dsa_part").fetchone()
    stats.other_platforms += total - kept
    stats.rows_read += kept + len(read.bad_lines)
    stats.rows_rejected += problems + len(read.bad_lines)


def _position(bad_rows: list[int], start: int) -> str:
    """SQL for a row's place in its part (data rows count from 1 after the header): its
    position among the part's rows read (rowid - start), moved past the malformed lines
    before it. The k-th good row is row k + #{i: b_i - i < k} for the sorted bad rows
    b_1 < b_2 < ..."""
    k = f"(rowid - {start} + 1)"
    if not bad_rows:
        return k
    before = ", ".join(str(b - i) for i, b in enumerate(sorted(bad_rows), start=1))
    return f"{k} + len(list_filter([{before}], lambda x: x < {k}))"


def _drop_duplicates(con, names: list[str], dataset: str, run_id: str) -> int:
    """Reject every occurrence of a uuid after its first (in part order, then row order) and
    delete it from the loaded rows; returns how many. One aggregate over the hashes finds
    the candidates; their uuids are then compared as text, so a hash collision drops
    nothing."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE dsa_dups AS
        SELECT * FROM dsa_seen
        WHERE h IN (SELECT h FROM dsa_seen GROUP BY h HAVING count(*) > 1)""")
    if not con.execute("SELECT count(*) FROM dsa_dups").fetchone()[0]:
        con.execute("DROP TABLE dsa_dups")
        return 0
    con.execute("""
        CREATE OR REPLACE TEMP TABLE dsa_dup_rows AS
        SELECT rowid AS row_id, action_id AS uuid,
               row_number() OVER (PARTITION BY action_id ORDER BY rowid) AS nth
        FROM enforcement_actions
        WHERE dataset = ? AND hash(action_id) IN (SELECT h FROM dsa_dups)""", [dataset])
    con.execute(f"""
        INSERT INTO rejects (run_id, input, row_number, column_name, reason, raw_value)
        WITH occurrences AS (
            SELECT d.uuid, d.nth, s.part, s.part_row
            FROM (SELECT uuid, nth, hash(uuid) AS h FROM dsa_dup_rows) AS d
            JOIN (SELECT *, row_number() OVER (PARTITION BY h ORDER BY part, part_row) AS nth
                  FROM dsa_dups) AS s USING (h, nth)
        )
        SELECT ?, list_extract(?, part + 1), part_row, NULL,
               {literal(mapping.DUPLICATE)}, uuid
        FROM occurrences WHERE nth > 1""", [run_id, names])
    dropped = con.execute("SELECT count(*) FROM dsa_dup_rows WHERE nth > 1").fetchone()[0]
    con.execute("DELETE FROM enforcement_actions WHERE rowid IN "
                "(SELECT row_id FROM dsa_dup_rows WHERE nth > 1)")
    con.execute("""
        DELETE FROM listings WHERE rowid IN (
            SELECT rowid FROM listings
            WHERE dataset = ? AND listing_id IN (SELECT uuid FROM dsa_dup_rows WHERE nth > 1)
            QUALIFY row_number() OVER (PARTITION BY listing_id ORDER BY rowid) > 1)""",
                [dataset])
    con.execute("DROP TABLE dsa_dups")
    con.execute("DROP TABLE dsa_dup_rows")
    return dropped
