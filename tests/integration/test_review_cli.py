"""`cfwatch review` on the command line: list, accept, correct, reject, the usage errors, and a
decision whose article has since changed failing the next run."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from tests.conftest import FIXTURES, cfwatch, query_rows


def etl_run(corpus, warehouse, reviews):
    # the project's own test articles (registered without a hash, so one may be edited), no
    # reviewed claims
    return cfwatch("etl", "run", "--articles", str(corpus), "--warehouse", str(warehouse),
                   "--reviews", str(reviews), "--claims", str(corpus / "claims.toml"))


def build(folder):
    """The test articles built into folder/w.duckdb, decisions going to folder/reviews.toml."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for article in (FIXTURES / "articles").iterdir():
        shutil.copy(article, corpus / article.name)
    (corpus / "claims.toml").write_text("")
    result = etl_run(corpus, folder / "w.duckdb", folder / "reviews.toml")
    assert result.returncode == 0, result.stderr
    assert query_rows(folder / "w.duckdb", "SELECT count(*) FROM figures WHERE status = "
                                           "'machine'")[0][0] >= 3
    return corpus, folder / "w.duckdb", folder / "reviews.toml"


@pytest.fixture(scope="module")
def unchanged(tmp_path_factory):
    """One build for the tests that append nothing."""
    return build(tmp_path_factory.mktemp("review"))


@pytest.fixture
def built(tmp_path):
    """A build of its own, for a test that appends decisions or edits an article."""
    return build(tmp_path)


def review(warehouse, *args):
    return cfwatch("review", *args, "--warehouse", str(warehouse), env={"CFWATCH_REVIEWER": "t"})


def test_list_is_lowest_chance_of_being_right_first_and_limited(built):
    _, warehouse, _ = built
    # the order is the chance both are right, not either alone: the figure whose metric is
    # surest is made the least sure of its window, so that it comes first only in that order
    # (the fixture's own chances change whenever they are refitted)
    import duckdb
    with duckdb.connect(str(warehouse)) as con:
        surest = con.sql("SELECT figure_id FROM figures WHERE status = 'machine' "
                         "ORDER BY confidence DESC, figure_id LIMIT 1").fetchall()[0][0]
        con.execute("UPDATE figures SET window_confidence = 0.2 WHERE figure_id = ?",
                    [surest])
    result = review(warehouse, "list", "--limit", "3")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines()
              if line and not line.startswith(" ")]
    expected = query_rows(warehouse, "SELECT figure_id, confidence, window_confidence "
                                     "FROM figures WHERE status = 'machine' ORDER BY "
                                     "confidence * window_confidence, source_id, char_start")
    assert listed == [row[0] for row in expected[:3]]
    assert listed[0] == surest
    # ... and the list is not the one the metric's chance alone would give
    by_metric = sorted(expected, key=lambda r: r[1])
    assert listed != [r[0] for r in by_metric[:3]]
    first = result.stdout.splitlines()[0]
    assert f"metric {expected[0][1]:.0%}" in first and f"window {expected[0][2]:.0%}" in first


def test_accept_correct_and_reject_append_decisions_the_next_run_applies(built):
    corpus, warehouse, reviews = built
    first, second, third = (row[0] for row in query_rows(
        warehouse, "SELECT figure_id FROM figures WHERE status = 'machine' "
                   "ORDER BY char_start, source_id LIMIT 3"))
    assert review(warehouse, "accept", first).returncode == 0
    corrected = review(warehouse, "correct", second, "--metric", "other", "--note", "a rate")
    assert corrected.returncode == 0, corrected.stderr
    assert review(warehouse, "reject", third).returncode == 0
    decisions = tomllib.loads(reviews.read_text())["decision"]
    assert [(d["action"], d["by"]) for d in decisions] == [
        ("accept", "t"), ("correct", "t"), ("reject", "t")]
    assert decisions[1]["metric"] == "other" and decisions[1]["note"] == "a rate"

    again = etl_run(corpus, warehouse, reviews)
    assert again.returncode == 0, again.stderr
    after = dict(query_rows(warehouse, "SELECT figure_id, status::VARCHAR || ' ' || "
                                       "metric::VARCHAR FROM figures"))
    statuses = [after.get(fid, "").split(" ")[0] for fid in (first, second, third)]
    assert statuses == ["reviewed", "reviewed", "rejected"]
    assert after[second] == "reviewed other"
    # figures.chance_right: both chances for a machine reading, none once a person decided
    chances = query_rows(warehouse, "SELECT status::VARCHAR, chance_right, confidence * "
                                    "window_confidence FROM figures WHERE confidence IS NOT NULL")
    assert {s for s, _, _ in chances} == {"machine", "reviewed", "rejected"}
    for status, chance_right, both in chances:
        assert chance_right == (both if status == "machine" else None)


@pytest.mark.parametrize("args,code,message", [
    (("accept",), 2, "accept needs a FIGURE_ID"),
    (("reject", "x#1", "--metric", "other"), 2, "go with `correct`"),
    (("accept", "no-such-source#1"), 1, "no such figure in the warehouse"),
    (("list", "--limit", "-1"), 2, "-1"),
])
def test_usage_errors_say_what_is_wrong(unchanged, args, code, message):
    _, warehouse, reviews = unchanged
    result = review(warehouse, *args)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "internal error" not in result.stderr
    assert not reviews.exists()  # nothing appended


def test_a_decision_on_text_that_has_since_changed_fails_the_next_run(built):
    corpus, warehouse, reviews = built
    figure_id, source, start = query_rows(
        warehouse, "SELECT f.figure_id, f.source_id, f.char_start FROM figures AS f "
                   "WHERE status = 'machine' ORDER BY char_start LIMIT 1")[0]
    assert review(warehouse, "accept", figure_id).returncode == 0
    file = query_rows(warehouse, "SELECT file FROM sources WHERE source_id = ?", [source])[0][0]
    article = corpus / file
    text = article.read_text(encoding="utf-8")
    article.write_text("X" + text, encoding="utf-8")  # every offset moves by one
    result = etl_run(corpus, warehouse, reviews)
    assert result.returncode != 0
    assert "the article changed: review that figure again" in result.stderr
    assert f"{start}-" in result.stderr
