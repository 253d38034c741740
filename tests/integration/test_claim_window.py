"""One definition of a claim's window: the figure's period, read by the views and by the sample's
calibration alike, so the sample reproduces the claims at any scale."""

from __future__ import annotations

import pytest

from etl.listings.sample import generate
from etl.pipeline import RunOptions, run_etl
from tests.conftest import query_rows


@pytest.mark.slow
@pytest.mark.parametrize("scale", [0.01, 0.07, 0.3])
def test_the_sample_reproduces_the_seed_claims_at_any_scale(tmp_path, scale):
    sample = generate(tmp_path / "sample", scale=scale, seed=11, progress=False).out_dir
    empty = tmp_path / "no-articles"
    empty.mkdir()
    warehouse = tmp_path / "w.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=empty, sample=sample))
    got = query_rows(warehouse, """
        SELECT metric::VARCHAR, period_start::VARCHAR, period_end::VARCHAR, scale,
               observed_value, expected_value, verdict::VARCHAR
        FROM claims_vs_observed WHERE dataset = 'synthetic-sample' ORDER BY 1""")
    assert [(m, a, b, s) for m, a, b, s, *_ in got] == [
        ("closed_stores", "2023-10-06", "2023-12-05", scale),
        ("removed_listings", "2023-10-06", "2023-12-05", scale)]
    for metric, *_, observed, expected, verdict in got:
        assert observed == pytest.approx(expected, rel=0.03), metric
        assert verdict == "consistent", metric
