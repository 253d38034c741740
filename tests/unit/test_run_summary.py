"""The run's summary line (etl/pipeline.py RunSummary): counts a person reads."""

from pathlib import Path

from etl.pipeline import RunSummary


def test_every_count_has_thousands_separators():
    summary = RunSummary("r", Path("/w.duckdb"), rows_read=12_786_315, rows_loaded=12_786_000,
                         rows_rejected=315, counts={
                             "sources": 1_200, "figures": 34_567, "inputs_read": 2,
                             "inputs_carried": 1_001, "listing_rows_read": 12_786_315,
                             "listing_rows_loaded": 12_786_000, "listing_rows_rejected": 315,
                             "other_platform_rows": 1_234_567})
    line = summary.line()
    assert line.startswith("read 12,786,315, loaded 12,786,000, rejected 315 articles")
    assert "1,200 sources" in line and "34,567 figures" in line
    assert "listing data: read 12,786,315, loaded 12,786,000, rejected 315 rows" in line
    assert "(1,001 carried over), 1,234,567 rows of other platforms skipped" in line
