"""The synthetic sample: deterministic, scaled, calibrated on the claims, with policy effects."""

from __future__ import annotations

import datetime as dt
import tomllib

import duckdb
import polars as pl
import pytest

from etl.errors import CfwatchError
from etl.listings.sample import DEFAULT_SCENARIO, calibration_claims, generate

SCENARIO = tomllib.loads(DEFAULT_SCENARIO.read_text())


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    return generate(out, scale=0.1, seed=7, progress=False)


def frames(path):
    return {name: pl.read_parquet(path / f"{name}.parquet")
            for name in ("stores", "listings", "enforcement_actions")}


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    a = frames(generate(tmp_path / "a", scale=0.002, seed=1, progress=False).out_dir)
    b = frames(generate(tmp_path / "b", scale=0.002, seed=1, progress=False).out_dir)
    c = frames(generate(tmp_path / "c", scale=0.002, seed=2, progress=False).out_dir)
    for name in a:
        assert a[name].equals(b[name]), name
    assert not a["enforcement_actions"].equals(c["enforcement_actions"])


def test_scale_is_linear(tmp_path):
    small = generate(tmp_path / "s", scale=0.003, progress=False)
    assert small.listings == round(SCENARIO["size"]["listings"] * 0.003)
    assert small.stores == round(SCENARIO["size"]["stores"] * 0.003)


def test_calibrated_on_the_reviewed_claims_window(sample):
    """The window and the counts come from seeds/claims.toml: scale x claim, exactly."""
    claims = calibration_claims(SCENARIO, DEFAULT_SCENARIO)
    removed, closed = claims["removed_listings"], claims["closed_stores"]
    reviewed = {f["metric"]: f for f in tomllib.loads(
        (DEFAULT_SCENARIO.parent / "claims.toml").read_text())["figure"]}
    assert (str(removed.start), str(removed.end)) == (
        reviewed["removed_listings"]["period_start"], reviewed["removed_listings"]["period_end"])
    assert (removed.value, closed.value) == (977_151, 1_193)
    assert sample.window_removed == round(977_151 * 0.1)
    assert sample.window_closed == round(1_193 * 0.1)
    with duckdb.connect() as con:
        counted = dict(con.execute(
            "SELECT action, count(*) FROM read_parquet(?) WHERE actioned_at BETWEEN ? AND ? "
            "AND action IN ('listing_removed', 'store_closed') GROUP BY action",
            [str(sample.out_dir / "enforcement_actions.parquet"), removed.start,
             dt.datetime.combine(removed.end, dt.time(23, 59, 59))]).fetchall())
    assert counted == {"listing_removed": sample.window_removed,
                       "store_closed": sample.window_closed}


def test_calibration_claim_missing_is_an_error(tmp_path):
    scenario = {"calibration": {"claims": "claims.toml", "source": "nobody",
                                "removed_listings": "removed_listings",
                                "closed_stores": "closed_stores"}}
    (tmp_path / "claims.toml").write_text((DEFAULT_SCENARIO.parent / "claims.toml").read_text())
    with pytest.raises(CfwatchError, match="no reviewed removed_listings figure"):
        calibration_claims(scenario, tmp_path / "scenario.toml")


def test_policy_effects_follow_the_scenario(sample):
    clean = dt.datetime.fromisoformat(SCENARIO["milestones"]["project_clean"])
    audit = dt.datetime.fromisoformat(SCENARIO["milestones"]["audit"])
    with duckdb.connect() as con:
        path = sample.out_dir / "enforcement_actions.parquet"
        con.execute(f"CREATE VIEW a AS SELECT * FROM read_parquet('{path}')")
        first_shopper = con.execute("SELECT min(flagged_at) FROM a WHERE detected_by = "
                                    "'mystery_shopper'").fetchone()[0]
        assert first_shopper >= clean
        hours = dict(con.execute("""
            SELECT CASE WHEN flagged_at < ? THEN 'before_audit' WHEN flagged_at < ?
                        THEN 'after_audit' ELSE 'after_clean' END,
                   median(date_diff('second', flagged_at, actioned_at) / 3600)
            FROM a WHERE action = 'listing_removed' GROUP BY 1""", [audit, clean]).fetchall())
        assert hours["before_audit"] > hours["after_audit"] > hours["after_clean"]
        # Repeat offenders escalate faster: fewer strikes before closure after Project Clean.
        strikes = dict(con.execute("""
            SELECT c.actioned_at >= ? AS after_clean,
                   median((SELECT count(*) FROM a r WHERE r.store_id = c.store_id
                           AND r.action = 'listing_removed' AND r.actioned_at <= c.actioned_at))
            FROM a c WHERE c.action = 'store_closed' GROUP BY 1""", [clean]).fetchall())
        assert strikes[True] < strikes[False]


def test_every_row_is_labelled_synthetic(sample):
    for name, frame in frames(sample.out_dir).items():
        assert frame["dataset"].unique().to_list() == ["synthetic-sample"], name
