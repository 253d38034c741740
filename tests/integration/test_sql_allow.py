"""`cfwatch sql --allow DIR`: your own files beside the warehouse, on the command line only.
Files under an allowed folder are read; every other path stays refused, and the dashboard's
SQL page never gets the widening."""

from __future__ import annotations

import json

import polars as pl
import pytest

from etl.query.adhoc import Limits, run_statement
from etl.query.connection import QueryError
from etl.query.sandbox import run_query
from tests.conftest import ROOT, cfwatch


@pytest.fixture
def folders(tmp_path):
    """An allowed folder with a CSV, a Parquet and a JSON file of brands, and a file outside."""
    allowed = tmp_path / "mine"
    allowed.mkdir()
    brands = pl.DataFrame({"brand": ["Acme", "Globex"], "owner": ["Acme Inc", "Globex plc"]})
    brands.write_csv(allowed / "brands.csv")
    brands.write_parquet(allowed / "brands.parquet")
    (allowed / "brands.json").write_text(json.dumps(brands.to_dicts()))
    outside = tmp_path / "secret.csv"
    outside.write_text("password\nhunter2\n")
    (allowed / "link.csv").symlink_to(outside)
    return allowed, outside


@pytest.mark.parametrize("reader", ["read_csv", "read_parquet", "read_json"])
def test_files_under_an_allowed_folder_can_be_joined_with_the_warehouse(
        small_warehouse, folders, reader):
    allowed, _ = folders
    suffix = {"read_csv": "csv", "read_parquet": "parquet", "read_json": "json"}[reader]
    out = cfwatch("sql", f"SELECT b.brand, b.owner, count(l.listing_id) AS listings "
                         f"FROM {reader}('{allowed}/brands.{suffix}') b "
                         f"LEFT JOIN listings l USING (brand) GROUP BY ALL ORDER BY b.brand",
                  "--allow", str(allowed), "--warehouse", str(small_warehouse),
                  "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "brand,owner,listings"
    assert [line.split(",")[0] for line in out.stdout.splitlines()[1:]] == ["Acme", "Globex"]


def test_a_relative_path_under_an_allowed_folder_works_too(small_warehouse, folders):
    allowed, _ = folders
    out = cfwatch("sql", "SELECT count(*) AS n FROM 'brands.csv'", "--allow", ".",
                  "--warehouse", str(small_warehouse), "--format", "csv", cwd=allowed)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["n", "2"]


@pytest.mark.parametrize("path", ["{outside}", "{allowed}/../secret.csv", "{allowed}/link.csv",
                                  "/etc/passwd"])
def test_a_path_outside_the_allowed_folders_is_refused(small_warehouse, folders, path):
    allowed, outside = folders
    where = path.format(allowed=allowed, outside=outside)
    out = cfwatch("sql", f"SELECT * FROM read_csv('{where}')", "--allow", str(allowed),
                  "--warehouse", str(small_warehouse))
    assert out.returncode == 1
    assert "file access is not allowed" in out.stderr and "hunter2" not in out.stdout
    assert out.stderr.count("\n") == 1


def test_allow_widens_only_reading(small_warehouse, folders):
    allowed, _ = folders
    for sql, message in [(f"COPY listings TO '{allowed}/out.csv'", "COPY is not allowed"),
                         (f"ATTACH '{allowed}/x.duckdb'", "ATTACH is not allowed"),
                         ("SET enable_external_access = true", "SET is not allowed")]:
        with pytest.raises(QueryError, match=message):
            run_statement(small_warehouse, sql, Limits(allowed_dirs=(allowed,)))
    assert not (allowed / "out.csv").exists()


def test_allow_names_an_existing_folder(small_warehouse, tmp_path):
    out = cfwatch("sql", "SELECT 1", "--allow", str(tmp_path / "nope"),
                  "--warehouse", str(small_warehouse))
    assert out.returncode == 2 and "is not a folder" in out.stderr


def test_the_dashboard_path_cannot_read_a_file_the_command_line_may(
        small_warehouse, folders, monkeypatch):
    allowed, _ = folders
    sql = f"SELECT * FROM read_csv('{allowed}/brands.csv')"
    cli = run_statement(small_warehouse, sql, Limits(allowed_dirs=(allowed,)))
    assert [row[0] for row in cli.cells] == ["Acme", "Globex"]
    # The dashboard's entry point has no way to widen the sandbox...
    with pytest.raises(QueryError, match="file access is not allowed"):
        run_query(small_warehouse, sql)
    # ...and the page itself refuses the same query.
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(small_warehouse))
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("views/sql.py").run()
    app.text_area(key="sql_text").set_value(sql).run()
    app.button(key="sql_run").click().run()
    assert any("file access is not allowed" in e.value for e in app.error)
    assert not app.dataframe or "Acme" not in str(app.dataframe[0].value)
