"""Every row keeps its platform: the sample is AliExpress's, your own rows carry theirs or
--platform-name, DSA rows platform_name; rollups and views keep it."""

from __future__ import annotations

from tests.conftest import ROOT, cfwatch, query_rows

OWN = ("listing_id,store_id,listed_at,action,detected_by,actioned_at,platform\n"
       "A1,S1,2024-01-01,listing_removed,consumer_report,2024-01-02,Temu\n"
       "A2,S1,2024-01-01,listing_removed,consumer_report,2024-01-02,\n"
       ",S1,,store_closed,platform_review,2024-01-03,Temu\n")


def test_sample_rows_are_aliexpress_and_bad_row_fixture_unknown(dashboard_warehouse):
    got = query_rows(dashboard_warehouse, """
        SELECT dataset, list(DISTINCT platform ORDER BY platform)
        FROM (SELECT dataset, platform FROM enforcement_actions UNION ALL
              SELECT dataset, platform FROM listings UNION ALL
              SELECT dataset, platform FROM stores)
        GROUP BY dataset ORDER BY dataset""")
    assert ("synthetic-sample", ["AliExpress"]) in got
    assert ("import:bad_rows.csv", ["unknown"]) in got  # no platform column, no option
    dsa = [platforms for dataset, platforms in got if dataset.startswith("dsa:")]
    assert dsa and all(p == ["AliExpress"] for p in dsa)  # the default --platform keeps AliExpress


def test_own_rows_take_their_platform_or_the_option(tmp_path, warehouse):
    feed = tmp_path / "own.csv"
    feed.write_text(OWN)
    corpus = tmp_path / "none"
    corpus.mkdir()
    result = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                     "--listings", str(feed), "--platform-name", "Shein")
    assert result.returncode == 0, result.stderr
    assert query_rows(warehouse, "SELECT coalesce(listing_id, store_id), platform FROM "
                                 "enforcement_actions ORDER BY 1, 2") == [
        ("A1", "Temu"), ("A2", "Shein"), ("S1", "Temu")]
    assert query_rows(warehouse, "SELECT platform, sum(actions)::INT FROM actions_daily "
                                 "GROUP BY ALL ORDER BY 1") == [("Shein", 1), ("Temu", 2)]
    assert query_rows(warehouse, "SELECT platform, sum(removed)::INT FROM takedown_daily "
                                 "GROUP BY ALL ORDER BY 1") == [("Shein", 1), ("Temu", 1)]
    assert query_rows(warehouse, "SELECT platform, sum(closures)::INT FROM "
                                 "store_penalties_monthly GROUP BY ALL") == [("Temu", 1)]


def _claim_check(tmp_path, warehouse, registry):
    """The seed claims (AliExpress, 2023-10-06 .. 2023-12-05) against one dataset of two
    platforms: 3 AliExpress removals and 2 Temu removals in the window."""
    feed = tmp_path / "two-platforms.csv"
    rows = [("A1", "2023-10-06", "AliExpress"), ("A2", "2023-11-01", "AliExpress"),
            ("A3", "2023-12-05", "AliExpress"), ("T1", "2023-10-06", "Temu"),
            ("T2", "2023-12-05", "Temu")]
    feed.write_text("listing_id,store_id,listed_at,action,detected_by,actioned_at,platform\n"
                    + "".join(f"{lid},S{lid},2023-10-01,listing_removed,rights_holder_notice,"
                              f"{day},{platform}\n" for lid, day, platform in rows))
    corpus = tmp_path / "none"
    corpus.mkdir(exist_ok=True)
    result = cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                     "--listings", str(feed), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    return query_rows(warehouse, """
        SELECT platform, covered, observed_value, verdict::VARCHAR FROM claims_vs_observed
        WHERE metric = 'removed_listings' AND dataset = 'import:two-platforms.csv'""")


def test_a_claim_counts_only_its_own_platforms_rows(tmp_path, warehouse):
    assert _claim_check(tmp_path, warehouse, ROOT / "seeds" / "sources.toml") == [
        ("AliExpress", True, 3, "below")]


def test_a_claim_of_unknown_platform_is_not_checked_against_several(tmp_path, warehouse):
    registry = tmp_path / "sources.toml"
    registry.write_text((ROOT / "seeds" / "sources.toml").read_text()
                        .replace('platform = "AliExpress"\n', ""))
    assert _claim_check(tmp_path, warehouse, registry) == [
        (None, False, None, "not_covered")]
