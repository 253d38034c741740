"""A synthetic DSA dump in the published format, for benchmarks and tests.

Made by repeating real statements (the sample rows in ../shared/dsa) under new uuids and dates:
the header is the real one of the dump's date (v2, 38 columns, from 2025-07-01; v1, 37
columns, before), the packaging is the published one (a stored outer zip holding deflated
inner zips of up to PARTS_PER_INNER CSV parts of up to PART_ROWS rows, each with its header),
and the files are named as published:

    sor-global-YYYY-MM-DD-full.zip
      sor-global-YYYY-MM-DD-full-00000.csv.zip
        sor-global-YYYY-MM-DD-full-00000-00000.csv ...

Platforms appear in the fixed proportions of PLATFORM_MIX (row i goes to the platform whose
share covers i mod 100), so a test or a benchmark knows how many rows each platform has.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.distill.mapping import literal
from etl.errors import CfwatchError
from etl.paths import dsa_samples

SAMPLE_V1 = "sor-sample-2024-schema-v1.csv"
SAMPLE_V2 = "sor-sample-2025-schema-v2.csv"
# The day the dumps gained content_id_ean (the reference note: v2 from 2025-07-01).
V2_FROM = dt.date(2025, 7, 1)
PART_ROWS = 100_000  # as published: up to 100k rows per CSV part
PARTS_PER_INNER = 10  # and up to 1M records per inner zip
# Deflate level of the inner zips: 1 keeps making a 10M-row dump to about a minute; reading
# costs the same at any level (inflate speed hardly depends on it).
COMPRESS_LEVEL = 1

# (platform_name, percent of rows). Sums to 100.
PLATFORM_MIX: tuple[tuple[str, int], ...] = (
    ("AliExpress", 20), ("Temu", 15), ("Amazon Store", 15), ("Shein", 10),
    ("Google Shopping", 10), ("TikTok", 10), ("Kleinanzeigen", 8), ("Wallapop", 6),
    ("Idealo", 4), ("Zalando", 2))
assert sum(share for _, share in PLATFORM_MIX) == 100


@dataclass(frozen=True)
class Dump:
    path: Path  # the outer zip
    day: dt.date
    rows: int
    parts: int
    csv_bytes: int


def header_for(day: dt.date) -> list[str]:
    """The published header of a dump of `day`, read from the real sample of its version."""
    sample = dsa_samples() / (SAMPLE_V2 if day >= V2_FROM else SAMPLE_V1)
    if not sample.is_file():
        raise CfwatchError(str(sample), "real DSA sample rows are needed to make a dump")
    with sample.open(encoding="utf-8") as fh:
        return fh.readline().strip().split(",")


def names(day: dt.date, inner: int, part: int | None = None) -> str:
    """Published name of the outer zip (inner < 0), an inner zip, or a CSV part."""
    stem = f"sor-global-{day.isoformat()}-full"
    if inner < 0:
        return f"{stem}.zip"
    if part is None:
        return f"{stem}-{inner:05d}.csv.zip"
    return f"{stem}-{inner:05d}-{part:05d}.csv"


def rows_per_platform(rows: int) -> dict[str, int]:
    """How many of `rows` each platform gets (the first rows of each hundred go first)."""
    counts = {name: 0 for name, _ in PLATFORM_MIX}
    full, rest = divmod(rows, 100)
    low = 0
    for name, share in PLATFORM_MIX:
        counts[name] = full * share + max(0, min(rest, low + share) - low)
        low += share
    return counts


def _platform_case() -> str:
    parts, low = [], 0
    for name, share in PLATFORM_MIX:
        low += share
        parts.append(f"WHEN i % 100 < {low} THEN {literal(name)}")
    return "CASE " + " ".join(parts) + " END"


def make_dump(out_dir: Path, rows: int, day: dt.date = V2_FROM, seed: int = 1,
              part_rows: int = PART_ROWS, parts_per_inner: int = PARTS_PER_INNER) -> Dump:
    """Write a dump of `rows` statements for `day` into `out_dir`; returns where it is."""
    header = header_for(day)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".parts-{day.isoformat()}"
    staging.mkdir(exist_ok=True)
    stamp = f"TIMESTAMP '{day.isoformat()}'"
    # Each template keeps its own gaps: content -> application -> created (days), and the
    # time of day of created_at; only the day moves.
    derived = {
        "uuid": f"CAST(CAST(md5(CAST({seed} AS VARCHAR) || '-' || CAST(i AS VARCHAR)) AS UUID)"
                " AS VARCHAR)",
        "platform_name": _platform_case(),
        "created_at": f"strftime({stamp} + (t.created - date_trunc('day', t.created)), "
                      "'%Y-%m-%d %H:%M:%S')",
        "application_date": f"strftime({stamp} - INTERVAL (t.applied_gap) DAY, "
                            "'%Y-%m-%d 00:00:00')",
        "content_date": f"strftime({stamp} - INTERVAL (t.applied_gap + t.content_gap) DAY, "
                        "'%Y-%m-%d 00:00:00')",
    }
    select = ", ".join(f'{derived.get(c, "t." + chr(34) + c + chr(34))} AS "{c}"'
                       for c in header)
    parts: list[tuple[int, int, Path]] = []
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.execute("""
            CREATE TABLE templates AS
            SELECT row_number() OVER () - 1 AS k, *,
                   CAST(created_at AS TIMESTAMP) AS created,
                   date_diff('day', CAST(application_date AS TIMESTAMP),
                             CAST(created_at AS TIMESTAMP)) AS applied_gap,
                   date_diff('day', CAST(content_date AS TIMESTAMP),
                             CAST(application_date AS TIMESTAMP)) AS content_gap
            FROM read_csv([?, ?], all_varchar = true, union_by_name = true)""",
                    [str(dsa_samples() / SAMPLE_V1), str(dsa_samples() / SAMPLE_V2)])
        n_templates = con.execute("SELECT count(*) FROM templates").fetchone()[0]
        for first in range(0, rows, part_rows):
            index = first // part_rows
            inner, part = divmod(index, parts_per_inner)
            path = staging / names(day, inner, part)
            con.execute(f"""
                COPY (SELECT {select}
                      FROM range({first}, {min(rows, first + part_rows)}) AS r(i)
                      JOIN templates AS t ON t.k = hash(i, {seed}) % {n_templates}
                      ORDER BY i)
                TO {literal(str(path))} (HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"')""")
            parts.append((inner, part, path))
    csv_bytes = sum(p.stat().st_size for _, _, p in parts)
    inners = sorted({inner for inner, _, _ in parts})

    def zip_inner(inner: int) -> Path:
        target = staging / names(day, inner)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,
                             compresslevel=COMPRESS_LEVEL) as z:
            for _, _, path in (p for p in parts if p[0] == inner):
                z.write(path, path.name)
                path.unlink()
        return target

    outer = out_dir / names(day, -1)
    with ThreadPoolExecutor(max_workers=2) as pool, \
            zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as z:
        for inner_zip in pool.map(zip_inner, inners):  # zlib releases the GIL
            z.write(inner_zip, inner_zip.name)
            inner_zip.unlink()
    staging.rmdir()
    return Dump(outer, day, rows, len(parts), csv_bytes)
