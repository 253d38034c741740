"""How `cfwatch sql` shows results (etl/query/output.py): pure, no database."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from etl.query.adhoc import Rows
from etl.query.output import readable_number, render


def rows(columns, types, cells) -> Rows:
    return Rows(tuple(columns), tuple(types), [tuple(r) for r in cells], False, 100, 0.0)


@pytest.mark.parametrize("text,duckdb_type,shown", [
    ("10000000000", "BIGINT", "10,000,000,000"),
    ("-1234567", "INTEGER", "-1,234,567"),
    ("170141183460469231731687303715884105727", "HUGEINT",
     "170,141,183,460,469,231,731,687,303,715,884,105,727"),
    ("10000000000.0", "DOUBLE", "10,000,000,000"),
    ("1e+20", "DOUBLE", "100,000,000,000,000,000,000"),
    ("1.5e-07", "DOUBLE", "0.00000015"),
    ("0.30000000000000004", "DOUBLE", "0.30000000000000004"),
    ("977151.5", "DOUBLE", "977,151.5"),
    ("1234567.890", "DECIMAL(18,3)", "1,234,567.890"),
    ("12.00", "DECIMAL(10,2)", "12.00"),
    ("nan", "DOUBLE", "nan"),
    ("-inf", "DOUBLE", "-inf"),
    ("7", "UTINYINT", "7"),
])
def test_numbers_get_thousands_separators_and_never_an_exponent(text, duckdb_type, shown):
    assert readable_number(text, duckdb_type) == shown


def test_table_right_aligns_numbers_and_shows_null_as_empty():
    table = render(rows(["metric", "value", "day"], ["VARCHAR", "DOUBLE", "DATE"],
                        [["removed_listings", "977151.0", "2023-12-06"],
                         ["closed_stores", None, None]]), "table")
    lines = table.splitlines()
    assert lines[1] == "│ metric           │   value │ day        │"
    assert lines[3] == "│ removed_listings │ 977,151 │ 2023-12-06 │"
    assert lines[4] == "│ closed_stores    │         │            │"
    assert "shape" not in table and "e+" not in table and "null" not in table
    assert lines[0].startswith("┌") and lines[-1].startswith("└")


def test_years_and_ids_are_labels_not_quantities():
    table = render(rows(["year", "figure_id", "published_year", "removed_listings"],
                        ["INTEGER", "BIGINT", "INTEGER", "BIGINT"],
                        [["2023", "10442", "2024", "977151"]]), "markdown")
    assert table.splitlines()[2] == "| 2023 | 10442 | 2024 | 977,151 |"


def test_table_measures_hangul_as_two_columns_and_escapes_newlines():
    table = render(rows(["text"], ["VARCHAR"], [["만원"], ["a\nb"]]), "table").splitlines()
    assert table[3] == "│ 만원 │"
    assert table[4] == "│ a\\nb │"
    assert len({len(line) + line.count("만") + line.count("원") for line in table}) == 1


def test_table_cuts_long_text_but_csv_keeps_it():
    long = "x" * 500
    result = rows(["s"], ["VARCHAR"], [[long]])
    assert max(len(line) for line in render(result, "table").splitlines()) < 80
    assert render(result, "csv").splitlines()[1] == long


def test_explain_plan_is_printed_as_drawn():
    plan = "┌───┐\n│ X │\n└───┘"
    result = rows(["explain_key", "explain_value"], ["VARCHAR", "VARCHAR"],
                  [["physical_plan", plan]])
    assert render(result, "table") == plan + "\n"


def test_csv_is_exact_and_quotes_what_needs_quoting():
    text = render(rows(["a", "b", "c", "d"], ["VARCHAR", "DOUBLE", "VARCHAR", "VARCHAR"],
                       [['say "hi", then\nleave', "0.30000000000000004", None, ""]]), "csv")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed == [["a", "b", "c", "d"], ['say "hi", then\nleave', "0.30000000000000004",
                                             "", ""]]
    assert text.splitlines()[-1].endswith(',,""')  # NULL is empty, an empty string is ""


def test_json_is_valid_and_exact():
    text = render(rows(["big", "dec", "nan", "list", "missing", "same", "same"],
                       ["HUGEINT", "DECIMAL(38,2)", "DOUBLE", "INTEGER[]", "VARCHAR",
                        "INTEGER", "INTEGER"],
                       [["170141183460469231731687303715884105727",
                         "12345678901234567890.12", "NaN", "[1,2,null]", None, "1", "2"]]),
                  "json")
    [row] = json.loads(text, parse_float=Decimal)
    assert row["big"] == 170141183460469231731687303715884105727
    assert row["dec"] == Decimal("12345678901234567890.12")
    assert row["nan"] == "NaN" and row["list"] == [1, 2, None] and row["missing"] is None
    assert render(rows(["a"], ["INTEGER"], []), "json") == "[]\n"


def test_markdown_aligns_numbers_right_and_escapes_pipes():
    text = render(rows(["name", "n"], ["VARCHAR", "BIGINT"], [["a|b", "1234"]]), "markdown")
    assert text.splitlines() == ["| name | n |", "|---|---:|", "| a\\|b | 1,234 |"]
