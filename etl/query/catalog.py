"""What is in the warehouse: its tables and views, their columns and their comments.

The one home of these lookups, for the dashboard's SQL page, the shell's `.tables`, `.schema`
and name completion, and the README written beside an export. Trusted, parameterised queries on
a short-lived read-only connection."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.query.connection import read_frame

# Every table and view of the warehouse: name, kind (table/view), comment.
SCHEMA_DOCS = """
    SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
    WHERE schema_name = 'main'
    UNION ALL
    SELECT view_name, 'view', comment FROM duckdb_views()
    WHERE schema_name = 'main' AND NOT internal
    ORDER BY kind DESC, name"""
# The columns of every table and view: table_name, column_name, data_type, comment.
ALL_COLUMN_DOCS = """
    SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
    WHERE schema_name = 'main' ORDER BY table_name, column_index"""


def schema_docs(path: Path) -> pl.DataFrame:
    """Every table and view of the warehouse: name, kind (table/view), comment."""
    return read_frame(path, SCHEMA_DOCS)


def column_docs(path: Path, name: str) -> pl.DataFrame:
    """The columns of one table or view, in order: column_name, data_type, comment."""
    return read_frame(path, """
        SELECT column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index""", [name])


def all_column_docs(path: Path) -> pl.DataFrame:
    """The columns of every table and view: table_name, column_name, data_type, comment."""
    return read_frame(path, ALL_COLUMN_DOCS)


def completion_words(path: Path) -> list[str]:
    """Names worth completing in the shell: tables, views, columns, then SQL keywords."""
    names = read_frame(path, """
        SELECT DISTINCT name FROM (
            SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main'
            UNION ALL
            SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
            UNION ALL
            SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main')
        ORDER BY name""")["name"].to_list()
    keywords = read_frame(path, "SELECT keyword_name FROM duckdb_keywords() "
                                "ORDER BY keyword_name")["keyword_name"].to_list()
    return names + [k.upper() for k in keywords if k not in names]
