"""Claim tables built one article at a time, so that a failure inside extraction costs that
article, not the run.

Extraction reads third-party text with hand-written rules and several libraries; an input
nobody foresaw (an English article holding `1.000.000,5`) can raise anywhere in it. Here such
an error becomes a warning and a `rejects` row for the one article: its text is not used, its
reviewed claims load with their text unchecked (as for an absent file), and every other
article loads. A review decision whose offsets no longer hold its text still fails the run:
that is the reviews file's error, not the article's.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from etl.claims.corpus import Article, Corpus
from etl.claims.review import Decision
from etl.claims.reviewed import Reviewed, check_text
from etl.claims.tables import ClaimTables, build_claim_tables
from etl.errors import CfwatchError, Problem, first_line
from etl.progress import Step


def _entries_of(reviewed: Reviewed, source_id: str) -> set[tuple[str, int]]:
    return ({("figure", f.entry_no) for f in reviewed.figures if f.source_id == source_id}
            | {("milestone", m.entry_no) for m in reviewed.milestones
               if m.source_id == source_id})


def _merge(into: ClaimTables, part: ClaimTables) -> None:
    for table in dataclasses.fields(ClaimTables):
        getattr(into, table.name).extend(getattr(part, table.name))


def claim_tables_per_article(corpus: Corpus, reviewed: Reviewed, claims_path: Path,
                             articles_dir: Path | None, step: Step | None = None,
                             decisions: list[Decision] = (),
                             decisions_path: Path | None = None) -> ClaimTables:
    """The claim tables of every article. An article whose extraction raises is marked
    `unreadable` in `corpus` (so it counts as rejected) with a Problem naming the error.

    Raises CfwatchError (exit 1) for reviewed entries or review decisions whose offsets do not
    hold what they say."""
    matched = check_text(reviewed, corpus.by_id(), claims_path)
    out = ClaimTables()
    for index, article in enumerate(corpus.articles):
        try:
            part = build_claim_tables(Corpus([article]), reviewed, matched, decisions,
                                      decisions_path)
        except CfwatchError:
            raise
        except Exception as exc:  # any bug in extraction: this article only, said in one line
            name = str(articles_dir / article.source.file) if articles_dir else article.source.file
            detail = first_line(exc)[:200] if str(exc).strip() else ""
            corpus.problems.append(Problem(
                name, f"extraction failed ({type(exc).__name__}"
                      f"{': ' + detail if detail else ''}); text not used, its reviewed "
                      "claims load with their text unchecked"))
            article = Article(article.source, None, article.text_sha256, "unreadable",
                              article.language)
            corpus.articles[index] = article
            part = build_claim_tables(Corpus([article]), reviewed,
                                      matched - _entries_of(reviewed, article.source.id),
                                      decisions, decisions_path)
        _merge(out, part)
        if step is not None:
            step.advance(detail=article.source.file)
    return out
