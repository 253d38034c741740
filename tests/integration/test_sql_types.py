"""`cfwatch sql` shows every DuckDB type in every format (issue 12, item 19): lists, structs,
maps, unions, intervals, blobs, huge integers, decimals, enums, times with time zone, uuids...
The query is tests/fixtures/sql/every_type.sql; what each value must read is written here."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest

from tests.conftest import FIXTURES, cfwatch

EVERY_TYPE = (FIXTURES / "sql" / "every_type.sql").read_text()

# DuckDB's own text of each value: what its CSV writer writes, and what csv mode must give.
CSV_TEXT = {
    "a_boolean": "true", "a_tinyint": "-7", "a_ubigint": "18446744073709551615",
    "a_hugeint": "170141183460469231731687303715884105727",
    "a_uhugeint": "340282366920938463463374607431768211455",
    "a_double": "10000000000.0", "a_sum": "0.30000000000000004", "a_nan": "nan",
    "a_decimal": "1234567.891", "a_wide_decimal": "12345678901234567890.12",
    "a_varchar": 'text, with "quotes"\nand a newline', "a_blob": "\\xAA\\x00", "a_bit": "101",
    "a_date": "2023-12-06", "a_time": "12:34:56.789", "a_timestamp": "2023-12-06 12:00:00",
    "a_timetz": "12:00:00+02", "a_timestamp_ns": "2023-12-06 12:00:00.123456789",
    "an_interval": "1 month 2 days 03:04:05", "a_uuid": "8a5b1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    "an_enum": "ok", "a_list": "[1, 2, NULL]", "an_array": "[a, b]",
    "a_struct": "{'x': 1, 'y': two}", "a_map": "{k=1, l=2}", "a_union": "2",
    "a_json": '{"j": [1, 2]}', "a_varint": "123456789012345678901234567890", "a_null": "",
}

JSON_VALUES = {
    "a_boolean": True, "a_ubigint": 18446744073709551615,
    "a_hugeint": 170141183460469231731687303715884105727,
    "a_double": Decimal("10000000000.0"), "a_nan": "NaN", "a_inf": "Infinity",
    "a_wide_decimal": Decimal("12345678901234567890.12"),
    "a_varchar": 'text, with "quotes"\nand a newline', "a_date": "2023-12-06",
    "an_interval": "1 month 2 days 03:04:05", "a_uuid": "8a5b1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    "an_enum": "ok", "a_list": [1, 2, None], "an_array": ["a", "b"],
    "a_struct": {"x": 1, "y": "two"}, "a_map": {"k": 1, "l": 2}, "a_union": {"num": 2},
    "a_json": {"j": [1, 2]}, "a_varint": 123456789012345678901234567890, "a_null": None,
}


def run(small_warehouse, fmt: str) -> str:
    out = cfwatch("sql", EVERY_TYPE, "--warehouse", str(small_warehouse), "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    return out.stdout


def test_csv_writes_every_type_as_duckdb_does(small_warehouse):
    header, row = list(csv.reader(io.StringIO(run(small_warehouse, "csv"))))
    values = dict(zip(header, row, strict=True))
    assert len(values) == 37
    for column, text in CSV_TEXT.items():
        assert values[column] == text, column


def test_json_is_valid_and_keeps_every_value_exact(small_warehouse):
    [row] = json.loads(run(small_warehouse, "json"), parse_float=Decimal)
    assert len(row) == 37
    for column, value in JSON_VALUES.items():
        assert row[column] == value, column


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_table_and_markdown_show_every_type_readably(small_warehouse, fmt):
    text = run(small_warehouse, fmt)
    assert "18,446,744,073,709,551,615" in text and "10,000,000,000" in text
    assert "12,345,678,901,234,567,890.12" in text and "1 month 2 days 03:04:05" in text
    numbers = text.replace(CSV_TEXT["a_uuid"], "")  # hex digits are not an exponent
    assert not re.search(r"\d[eE][+-]?\d", numbers)  # no scientific notation
    assert "None" not in text and "nan" in text


def test_counts_and_money_from_the_warehouse_read_plainly(small_warehouse):
    out = cfwatch("sql", "SELECT 10000000000::DOUBLE AS krw, sum(price) AS total_price, "
                         "count(*) AS listings FROM listings",
                  "--warehouse", str(small_warehouse))
    assert out.returncode == 0, out.stderr
    assert "│ 10,000,000,000 │" in out.stdout.splitlines()[3]
    assert not re.search(r"\d[eE][+-]?\d", out.stdout) and "shape" not in out.stdout
