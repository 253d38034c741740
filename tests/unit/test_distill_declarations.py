"""The distill declarations, as pure functions: the mapping's SQL, folder names, days."""

from __future__ import annotations

import pytest

from etl.distill import layout, mapping
from etl.errors import UsageError
from etl.vocab import ACTIONS, DETECTION_SOURCES, keys


def test_every_detection_source_the_mapping_writes_is_in_the_vocabulary():
    written = set(mapping.SOURCE_TYPES.values()) | {"automated_detection", "platform_review"}
    assert written <= set(keys(DETECTION_SOURCES))
    for action in ("store_closed", "store_suspended", "listing_removed", "listing_restricted"):
        assert f"'{action}'" in mapping.ACTION and action in keys(ACTIONS)


def test_json_lists_are_matched_on_whole_quoted_keys():
    sql = mapping.list_has("category_specification", ["KEYWORD_TRADEMARK_INFRINGEMENT"])
    assert """instr(category_specification, '"KEYWORD_TRADEMARK_INFRINGEMENT"')""" in sql
    assert mapping.literal("it's") == "'it''s'"


def test_the_file_holds_the_statement_less_its_partition_and_the_import_a_subset():
    names = [c.name for c in mapping.STATEMENT]
    assert mapping.FILE_COLUMNS[:len(names) - 1] == tuple(n for n in names if n != "platform")
    assert mapping.FILE_COLUMNS[-3:] == ("problem", "source_file", "source_row")
    assert set(mapping.IMPORTED) <= set(names)
    assert "content_raw" in mapping.select_list(mapping.IMPORTED)
    assert " AS content_type" not in mapping.select_list(mapping.IMPORTED)


def test_platform_filter_is_case_blind_and_all_keeps_everything():
    assert mapping.platform_matches("ALL") == "true"
    assert mapping.platform_matches("O'Shop") == "lower(platform_name) = lower('O''Shop')"


@pytest.mark.parametrize("name, folder", [
    ("AliExpress", "AliExpress"), ("Discord Netherlands B.V.", "Discord Netherlands B.V."),
    ("A/B", "A%2FB"), ("x=y", "x%3Dy"), ("50%", "50%25"), ("Ünï", "Ünï"), ("a:b?", "a%3Ab%3F")])
def test_platform_folders_are_escaped_as_spark_escapes_them(name, folder):
    assert layout.escape(name) == folder


def test_days_come_from_the_dump_names_in_order():
    days = layout.group_days(["/d/sor-global-2025-07-01-full.zip",
                              "s3://b/sor-global-2024-03-14-full.zip",
                              "/d/sor-global-2025-07-01-full-00001.csv.zip"])
    assert [(d.day, len(d.inputs)) for d in days] == [("2024-03-14", 1), ("2025-07-01", 2)]
    with pytest.raises(UsageError, match="no date in the file name"):
        layout.day_of("/d/statements.csv")


def test_the_mapping_version_names_the_declarations(monkeypatch):
    assert len(layout.mapping_version()) == 16
    assert layout.mapping_version() == layout.mapping_version()
    before = layout.mapping_version()
    monkeypatch.setattr(mapping, "PROBLEM", mapping.PROBLEM + " ")  # a declaration changes
    assert layout.mapping_version() != before
