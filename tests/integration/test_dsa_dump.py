"""The benchmark's synthetic dump is packaged, named and headed as the published dumps."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile

import duckdb
import pytest

from etl.listings.dsa_dump import PLATFORM_MIX, make_dump, rows_per_platform
from etl.paths import dsa_samples

V1 = dsa_samples() / "sor-sample-2024-schema-v1.csv"
V2 = dsa_samples() / "sor-sample-2025-schema-v2.csv"
# The published names (the reference note, ../shared/dsa/README.md).
OUTER = re.compile(r"^sor-global-(\d{4}-\d{2}-\d{2})-full\.zip$")
INNER = re.compile(r"^sor-global-(\d{4}-\d{2}-\d{2})-full-(\d{5})\.csv\.zip$")
PART = re.compile(r"^sor-global-(\d{4}-\d{2}-\d{2})-full-(\d{5})-(\d{5})\.csv$")


@pytest.fixture(autouse=True)
def need_dsa_samples():
    if not V1.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"DSA sample rows not found in {dsa_samples()}")
        pytest.skip(f"DSA sample rows not present in {dsa_samples()}")


def _real_header(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split(",")


def _walk(outer):
    """(inner name, part name, part header) for every part of a dump."""
    with zipfile.ZipFile(outer) as z:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
        for info in z.infolist():
            with z.open(info) as raw, zipfile.ZipFile(raw) as inner:
                for part in inner.infolist():
                    with inner.open(part) as fh:
                        yield info.filename, part.filename, \
                            fh.readline().decode().strip().split(",")


@pytest.mark.parametrize("day, sample", [(dt.date(2025, 7, 1), V2), (dt.date(2025, 6, 30), V1),
                                         (dt.date(2024, 3, 14), V1)])
def test_dump_has_the_published_header_and_names_of_its_day(tmp_path, day, sample):
    dump = make_dump(tmp_path, 2_500, day, part_rows=1_000, parts_per_inner=2)
    assert OUTER.match(dump.path.name).group(1) == day.isoformat()
    seen = list(_walk(dump.path))
    for inner, part, header in seen:
        assert INNER.match(inner).group(1) == day.isoformat()
        m = PART.match(part)
        assert m and m.group(1) == day.isoformat() and inner.startswith(
            f"sor-global-{day}-full-{m.group(2)}")
        assert header == _real_header(sample)  # 38 columns from 2025-07-01, 37 before
    assert [p for _, p, _ in seen] == sorted(p for _, p, _ in seen)
    assert len(seen) == 3 and dump.parts == 3


def test_dump_rows_platforms_in_the_declared_proportions(tmp_path):
    dump = make_dump(tmp_path, 2_345, part_rows=1_000, parts_per_inner=10)
    folder = tmp_path / "parts"
    folder.mkdir()
    for inner, part, _ in _walk(dump.path):
        with zipfile.ZipFile(dump.path) as z, z.open(inner) as raw, zipfile.ZipFile(raw) as iz:
            (folder / part).write_bytes(iz.read(part))
    with duckdb.connect() as con:
        counts = dict(con.execute(
            "SELECT platform_name, count(*) FROM read_csv(?, all_varchar = true) GROUP BY 1",
            [str(folder / "*.csv")]).fetchall())
        distinct = con.execute("SELECT count(DISTINCT uuid), count(*) FROM read_csv(?, "
                               "all_varchar = true)", [str(folder / "*.csv")]).fetchone()
    assert counts == rows_per_platform(2_345)
    assert set(counts) == {name for name, _ in PLATFORM_MIX}
    assert counts["AliExpress"] == 480  # 20 of every 100 (460), and the first 20 of the last 45
    assert distinct == (2_345, 2_345)
