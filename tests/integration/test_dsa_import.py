"""DSA Transparency Database dumps: real sample rows, every packaging, mapping and limits."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SHARED_DSA, cfwatch, query_rows

DSA = SHARED_DSA
V1 = DSA / "sor-sample-2024-schema-v1.csv"
V2 = DSA / "sor-sample-2025-schema-v2.csv"


@pytest.fixture(autouse=True)
def need_dsa_samples():
    if not V1.is_file():
        import os
        if os.environ.get("CI"):
            pytest.fail(f"DSA sample rows not found in {DSA}")
        pytest.skip(f"DSA sample rows not present in {DSA}")


rows = query_rows


def run(warehouse, tmp_path, *args):
    corpus = tmp_path / "no-articles"
    corpus.mkdir(exist_ok=True)
    return cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse), *args)


def test_real_rows_both_headers_default_platform(tmp_path, warehouse):
    result = run(warehouse, tmp_path, "--dsa", str(V1), str(V2))
    assert result.returncode == 0, result.stderr
    # The 2024 file holds 6 AliExpress rows; the 2025 file none.
    assert "read 6, loaded 6, rejected 0 rows" in result.stdout
    assert "14 rows of other platforms skipped" in result.stdout
    got = rows(warehouse, "SELECT DISTINCT action::VARCHAR, detected_by::VARCHAR, automated, "
                          "reason_category FROM enforcement_actions")
    assert got == [("listing_restricted", "platform_review", True,
                    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD")]
    # The uuid is kept as the reference, so every statement can be traced back.
    refs = rows(warehouse, "SELECT count(DISTINCT action_id) FROM enforcement_actions")
    assert refs == [(6,)]


def test_a_csv_name_with_pattern_characters_is_read_as_that_file(tmp_path, warehouse):
    folder = tmp_path / "dumps"
    folder.mkdir()
    named = folder / "sor[1].csv"
    named.write_bytes(V1.read_bytes())
    (folder / "sor1.csv").write_bytes(V2.read_bytes())  # what "sor[1].csv" matches as a glob
    result = run(warehouse, tmp_path, "--dsa", str(named), "--platform", "all")
    assert result.returncode == 0, result.stderr
    header, *lines = V1.read_text(encoding="utf-8").splitlines()
    assert f"read {len(lines)}, loaded {len(lines)}" in result.stdout


def test_all_platforms_and_mapping(tmp_path, warehouse):
    result = run(warehouse, tmp_path, "--dsa", str(V1), str(V2), "--platform", "all")
    assert result.returncode == 0, result.stderr
    assert "read 20, loaded 20" in result.stdout
    by_action = dict(rows(warehouse, "SELECT action::VARCHAR, count(*) FROM "
                                     "enforcement_actions GROUP BY 1"))
    assert by_action.get("store_closed", 0) >= 1 and by_action.get("listing_removed", 0) >= 1
    ip = rows(warehouse, "SELECT count(*) FROM enforcement_actions WHERE ip_relevant")
    with duckdb.connect() as con:
        expected_ip = con.execute(
            "SELECT count(*) FROM read_csv(?, all_varchar=true) WHERE category = "
            "'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS' OR category_specification "
            "LIKE '%KEYWORD_TRADEMARK_INFRINGEMENT%'", [str(V2)]).fetchone()[0]
    assert ip == [(expected_ip,)] and expected_ip > 0


def _zip(path: Path, members: dict[str, bytes], stored: bool = False) -> Path:
    mode = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", mode) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _inner(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_nested_zips_as_published_with_duplicates(tmp_path, warehouse):
    v1 = V1.read_bytes()
    # Two parts, the second repeating the first: duplicates are dropped and counted.
    inner = _inner({"sor-global-2024-03-14-full-00000-00000.csv": v1,
                    "sor-global-2024-03-14-full-00000-00001.csv": v1})
    outer = _zip(tmp_path / "sor-global-2024-03-14-full.zip",
                 {"sor-global-2024-03-14-full-00000.csv.zip": inner}, stored=True)
    result = run(warehouse, tmp_path, "--dsa", str(outer))
    assert result.returncode == 0, result.stderr
    assert "read 12, loaded 6, rejected 6 rows" in result.stdout
    assert rows(warehouse, "SELECT DISTINCT dataset FROM enforcement_actions") == [
        ("dsa:2024-03-14",)]
    assert rows(warehouse, "SELECT count(*) FROM rejects WHERE reason LIKE 'duplicate uuid%'"
                ) == [(6,)]


def test_light_header_parsed_by_name(tmp_path, warehouse):
    with duckdb.connect() as con:
        light = tmp_path / "sor-global-2025-07-01-light.csv"
        con.execute(f"COPY (SELECT * EXCLUDE (illegal_content_explanation, "
                    f"incompatible_content_explanation, territorial_scope, decision_facts) "
                    f"FROM read_csv('{V2}', all_varchar=true)) TO '{light}' (HEADER)")
    result = run(warehouse, tmp_path, "--dsa", str(light), "--platform", "all")
    assert result.returncode == 0, result.stderr
    assert "read 11, loaded 11" in result.stdout


def test_zip_bomb_is_refused(tmp_path, warehouse):
    bomb = _zip(tmp_path / "sor-global-2024-01-01-full.zip",
                {"part.csv": b"uuid," + b"0" * (60 * 1024 * 1024)})
    result = run(warehouse, tmp_path, "--dsa", str(bomb))
    assert result.returncode == 1
    assert "zip bomb" in result.stderr and "Traceback" not in result.stderr


def test_truncated_zip_is_refused_clearly(tmp_path, warehouse):
    good = _zip(tmp_path / "x.zip", {"part.csv": V1.read_bytes()})
    cut = tmp_path / "sor-global-2024-01-02-full.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = run(warehouse, tmp_path, "--dsa", str(cut))
    assert result.returncode == 1 and "not a readable zip" in result.stderr


def test_unmappable_rows_are_rejected_with_reason(tmp_path, warehouse):
    # Blank the decisions of one row, and give another an unknown source type.
    with duckdb.connect() as con:
        odd = tmp_path / "sor-odd-2025-07-01-full.csv"
        con.execute(f"""COPY (SELECT * REPLACE (
                CASE WHEN row_number() OVER () = 1 THEN NULL ELSE decision_visibility END
                    AS decision_visibility,
                CASE WHEN row_number() OVER () = 1 THEN NULL ELSE decision_account END
                    AS decision_account,
                CASE WHEN row_number() OVER () = 1 THEN NULL ELSE decision_provision END
                    AS decision_provision,
                CASE WHEN row_number() OVER () = 1 THEN NULL ELSE decision_monetary END
                    AS decision_monetary,
                CASE WHEN row_number() OVER () = 2 THEN 'SOURCE_CARRIER_PIGEON'
                     ELSE source_type END AS source_type)
            FROM read_csv('{V2}', all_varchar=true)) TO '{odd}' (HEADER)""")
    result = run(warehouse, tmp_path, "--dsa", str(odd), "--platform", "all")
    assert result.returncode == 0, result.stderr
    assert "read 11, loaded 9, rejected 2" in result.stdout
    reasons = sorted(r for (r,) in rows(warehouse, "SELECT reason FROM rejects"))
    assert reasons == ["no decision that maps to an enforcement action", "unknown source_type"]


def test_rejected_rows_keep_their_place_past_a_malformed_line(tmp_path, warehouse):
    with duckdb.connect() as con:  # data rows as single lines, so one can be broken
        con.execute(f"COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 4 THEN "
                    f"'SOURCE_CARRIER_PIGEON' ELSE source_type END AS source_type) FROM "
                    f"read_csv('{V2}', all_varchar=true)) TO '{tmp_path / 'flat.csv'}' "
                    "(HEADER)")
    flat = (tmp_path / "flat.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(flat) == 12  # the header and 11 rows, one line each
    broken = flat[:3] + ["only,three,fields\n"] + flat[3:]  # data row 3 is malformed
    part = tmp_path / "sor-global-2025-07-01-full-00000-00000.csv"
    part.write_text("".join(broken), encoding="utf-8")
    result = run(warehouse, tmp_path, "--dsa", str(part), "--platform", "all")
    assert result.returncode == 0, result.stderr
    assert "read 12, loaded 10, rejected 2" in result.stdout
    got = rows(warehouse, "SELECT row_number, reason FROM rejects ORDER BY row_number")
    assert [r for r, _ in got] == [3, 5]  # the source row 4 is data row 5 after the insert
    assert got[0][1].startswith("unparseable CSV line") and got[1][1] == "unknown source_type"
