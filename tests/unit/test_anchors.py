"""Where a pattern can match (etl.extract.anchors): the strings every match needs, read from
the pattern, must never hide a match. Checked on the rules themselves over the project's own
labelled corpus and the bench articles: each rule run only around its strings finds exactly
what it finds run over the whole text."""

from __future__ import annotations

import re

import pytest

from etl.commands.bench_article import article
from etl.evaluation.corpus import load_corpus
from etl.extract import numbers, periods
from etl.extract.anchors import Hints, fold_pattern, fold_text, needed_strings, stretches
from etl.paths import ROOT


@pytest.mark.parametrize("pattern, needed", [
    (r"\b(?:in |over )?the (?:past|last) (\d+) years", ("the last ", "the past ")),
    (r"\bsince (?P<year>(?:19|20)\d\d)\b", ("since 19", "since 20")),  # into the group
    (r"\b(?:so far this year|year[- ]to[- ]date)\b",
     ("so far this year", "year to date", "year to-date", "year-to date", "year-to-date")),
    (r"\brecently\b", ("recently",)),
])
def test_the_strings_every_match_needs(pattern, needed):
    assert needed_strings(pattern) == needed


@pytest.mark.parametrize("pattern", [
    r"\b\d+ years\b|\bh[12]\b",  # one alternative needs only "h1" or "h2": too short
    r"\b(?P<year>(?:19|20)\d\d)\b",  # "19", "20": nearly everywhere
    r"\w+ago",  # nothing but a category before "ago" (3 characters)
    r"[a-z]{2,}",
])
def test_no_useful_strings_means_the_whole_text(pattern):
    assert needed_strings(pattern) is None


def test_a_superstring_is_dropped_for_the_string_inside_it():
    assert needed_strings(r"\b(?:last year|the last year)\b") == ("last year",)


def test_folding_keeps_offsets_and_escapes():
    text = "İstanbul, In 2023"  # "İ" lower-cased is two characters
    assert len(fold_text(text)) == len(text)
    assert fold_text(text)[10:] == "in 2023"
    assert fold_pattern(r"\bFY ?(?P<yy>\d\d)\B\D") == r"\bfy ?(?P<yy>\d\d)\B\D"


def _texts() -> list[tuple[str, str]]:
    corpus = load_corpus([ROOT / "seeds" / "eval"])
    texts = [(a.text, a.language) for a in corpus.articles]
    texts += [(article(language)[:20_000], language) for language in ("en", "nl", "ko")]
    return texts


@pytest.fixture(scope="module")
def texts():
    return _texts()


def test_every_period_rule_finds_the_same_around_its_strings(texts):
    checked = 0
    for text, language in texts:
        folded = fold_text(text)
        for pattern, _, where in periods._compiled(language):
            if where is None:
                continue
            everywhere = [m.span() for m in pattern.finditer(folded)]
            around = []
            for lo, hi in stretches(folded, where):
                around += [m.span() for m in pattern.finditer(folded, lo, hi)]
            assert sorted(set(around)) == everywhere, (pattern.pattern, text[:60])
            for start, end in everywhere:  # every match holds a needed string or month word
                assert where.search(folded, start, end), folded[start:end]
            checked += len(everywhere)
    assert checked > 500  # the check read real matches, not empty stretches


def test_a_search_before_a_number_is_skipped_only_where_it_cannot_match(texts):
    skipped = matched = 0
    for text, _ in texts:
        folded = fold_text(text)
        for pattern in (numbers._REFERENCE_BEFORE, numbers._RANK_BEFORE, numbers._PACK,
                        numbers._AGE_BEFORE):
            hints = Hints(folded, pattern)
            for m in re.finditer(r"\d+", text):
                lo = max(0, m.start() - 24)
                searched = pattern.search(text, lo, m.start()) is not None  # re.IGNORECASE
                assert hints.found(lo, m.start()) == searched, text[lo:m.end()]
                if not hints.may_match(lo, m.start()):
                    skipped += 1
                    assert not searched, text[lo:m.end()]
                matched += searched
    assert skipped > 1000 and matched > 20


def test_a_pattern_that_needs_no_string_is_searched_everywhere():
    hints = Hints("no numbers here", re.compile(r"\w+\d+"))
    assert hints.starts is None and hints.may_match(0, 2)
    assert not hints.found(0, 15)


def test_the_time_rules_still_read_any_case():
    found = periods.find_periods("IN THE PAST TWO MONTHS we removed 9,000 listings.", "en",
                                 periods.Published.parse("2024-03-01"))
    assert [(p.surface, str(p.start), str(p.end)) for p in found] == \
        [("IN THE PAST TWO MONTHS", "2024-01-01", "2024-03-01")]
