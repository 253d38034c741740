"""An error inside extraction costs one article, never the run (etl/claims/isolation.py)."""

from __future__ import annotations

import shutil

import etl.claims.isolation as isolation
from etl.pipeline import RunOptions, run_etl
from tests.conftest import FIXTURES, query_rows


def test_an_article_whose_extraction_raises_is_rejected_and_the_rest_loads(
        tmp_path, warehouse, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "articles", corpus)
    real = isolation.build_claim_tables

    def failing_for_dutch(corpus_, reviewed, matched, *decisions):
        if any(a.source.id == "own-nl" and a.text for a in corpus_.articles):
            raise ValueError("not a number: '1.000.000,5'")
        return real(corpus_, reviewed, matched, *decisions)

    monkeypatch.setattr(isolation, "build_claim_tables", failing_for_dutch)
    (tmp_path / "claims.toml").write_text("# nothing reviewed\n")
    summary = run_etl(RunOptions(warehouse=warehouse, articles=corpus,
                                 claims=tmp_path / "claims.toml", registry=corpus / "sources.toml"))
    assert (summary.rows_read, summary.rows_loaded, summary.rows_rejected) == (3, 2, 1)
    [problem] = summary.problems
    assert problem.input_name == str(corpus / "own_nl.txt")
    assert "extraction failed (ValueError: not a number: '1.000.000,5')" in problem.reason
    assert query_rows(warehouse, "SELECT source_id, text_status FROM sources ORDER BY 1") == [
        ("own-en", "present"), ("own-ko", "present"), ("own-nl", "unreadable")]
    assert query_rows(warehouse, "SELECT count(*) FROM rejects WHERE input LIKE '%own_nl.txt' "
                                 "AND reason LIKE 'extraction failed%'") == [(1,)]
    loaded = query_rows(warehouse, "SELECT DISTINCT source_id FROM figures ORDER BY 1")
    assert loaded == [("own-en",), ("own-ko",)]


def test_a_real_article_with_a_foreign_number_format_loads(tmp_path, warehouse):
    """The reader itself no longer raises on `1.000.000,5` in English: it is a skip."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.txt").write_text("Customs seized 1.000.000,5 items and 3,400 bags in 2023.")
    (tmp_path / "claims.toml").write_text("# nothing reviewed\n")
    summary = run_etl(RunOptions(warehouse=warehouse, articles=corpus,
                                 claims=tmp_path / "claims.toml"))
    assert (summary.rows_read, summary.rows_loaded, summary.rows_rejected) == (1, 1, 0)
    assert query_rows(warehouse, "SELECT surface, reason FROM figure_skips "
                                 "WHERE reason LIKE 'separators%'") == [
        ("1.000.000,5", "separators do not fit the article's language")]
    assert query_rows(warehouse, "SELECT value FROM figures") == [(3400.0,)]
