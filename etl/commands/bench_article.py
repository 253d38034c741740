"""`cfwatch bench --article`: the extractor on articles at the 5 MB cap.

Extraction must be linear in an article's length: an article at the cap, including one made
only of numbers, is read in well under 30 s. The articles are made up here, dense on purpose (a
figure every few words, far more than any real report), so they are the worst case the cap
allows: prose in English, Dutch and Korean, and a page of nothing but numbers.
"""

from __future__ import annotations

import sys
import time

from etl.claims.corpus import MAX_ARTICLE_BYTES
from etl.errors import EXIT_OK

# One paragraph per language, repeated to the cap: figures with acts, qualifiers, periods,
# changes and conversions, so every step of the extractor has work on every sentence.
# Each has a bracketed aside and a window stated against an earlier one ("since then"): the
# shapes whose cost grew with the article before they were read in one pass.
PARAGRAPHS = {
    "en": ("Customs seized 1,234 fake bags worth €2.5 million in 2023, up from 900 the year "
           "before, and police arrested 12 suspects. The platform removed more than 40,000 "
           "listings in the past two months and closed 310 stores. Since then, customs have "
           "intercepted 3,400 parcels (worth €80,000, about $86,000).\n\n"),
    "nl": ("De douane nam in 2023 ruim 1.234 namaaktassen in beslag, goed voor 2,5 miljoen "
           "euro, tegen 900 een jaar eerder. Het platform haalde de afgelopen twee maanden "
           "meer dan 40.000 advertenties offline en sloot 310 winkels. Sindsdien onderschepte "
           "de douane 3.400 pakketten (goed voor 80.000 euro).\n\n"),
    "ko": ("관세청은 지난해 위조 가방 4만 점을 압수하고 피의자 12명을 검거했다. 적발 건수는 "
           "10만2219건으로 전년보다 19.9% 늘었다. 플랫폼은 최근 두 달간 게시물 4만 건을 "
           "삭제했다. 그 이후 세관은 소포 3400개(8만 유로 상당)를 적발했다.\n\n"),
}
PUBLISHED = "2024-03-01"


def article(language: str) -> str:
    """An article of at most MAX_ARTICLE_BYTES: the language's paragraph repeated, or (for
    "numbers") numbers separated by spaces."""
    if language == "numbers":
        unit = " ".join(str(i * 37 % 99991) for i in range(1000)) + " "
    else:
        unit = PARAGRAPHS[language]
    size = len(unit.encode())
    return unit * (MAX_ARTICLE_BYTES // size)


def run_article_bench(runs: int) -> int:
    from etl.extract.figures import extract
    from etl.extract.periods import Published

    published = Published.parse(PUBLISHED)
    print(f"cfwatch bench --article: articles of up to {MAX_ARTICLE_BYTES:,} bytes, "
          f"best of {runs}", file=sys.stderr)
    rows = []
    for language in ("en", "nl", "ko", "numbers"):
        text = article(language)
        read_as = "en" if language == "numbers" else language
        extract(text[:4000], read_as, published, "warm-up")  # load the Korean model once
        best = None
        for _ in range(runs):
            t0 = time.perf_counter()
            result = extract(text, read_as, published, "bench")
            seconds = time.perf_counter() - t0
            best = seconds if best is None else min(best, seconds)
        label = "numbers only" if language == "numbers" else f"{language} prose"
        rows.append((label, f"{len(text.encode()) / 1024**2:.1f} MB, "
                            f"{len(result.figures):,} figures, {len(result.skipped):,} skipped "
                            f"numbers: {best:.1f} s (target < 30 s)"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return EXIT_OK
