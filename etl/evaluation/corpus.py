"""The labelled evaluation corpus (seeds/eval): load it, and check that its labels hold.

Each article is `<stem>.txt` beside `<stem>.toml`. A label names the number by the text it was
written as and its occurrence (`written`, `nth`), not by offsets, so that people can write and
read the labels; loading turns them into character offsets and fails on any that do not hold.
`python -m etl.evaluation.corpus PATH...` checks files or folders and prints a summary.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from etl.extract.numbers import IN_BASE_UNITS
from etl.vocab import METRICS, QUALIFIERS, keys

LANGUAGES = ("en", "nl", "ko")
GENRES = ("platform_statement", "customs_seizure", "police_case", "court_news",
          "brand_protection", "hearing", "budget")
COUNTED = ("listings", "stores", "items", "people", "cases", "money", "percent", "time")
ACTORS = ("platform", "customs", "police", "court", "rights_holder", "regulator")
LINKS = ("before", "after", "converted")
SKIP_REASONS = ("date", "year", "rank", "ordinal", "multiplier", "pack_size", "age",
                "programme_length", "reference", "time_of_day", "other")
HALVES = ("dev", "test")
# the units a label may give besides a currency code and percent: those the scorer converts
MEASURED_UNITS = tuple(IN_BASE_UNITS)
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class LabelledFigure:
    char_start: int
    char_end: int
    written: str
    value: float
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    metric: str
    counted: str | None
    actor: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    link: str | None
    linked_start: int | None  # char_start of the figure this one is linked to


@dataclass(frozen=True)
class LabelledSkip:
    char_start: int
    char_end: int
    written: str
    reason: str


@dataclass(frozen=True)
class LabelledArticle:
    stem: str
    half: str | None  # dev, test, or None outside those folders
    text: str
    language: str
    published: str
    genre: str
    title: str
    facts_from: str
    figures: tuple[LabelledFigure, ...]
    skips: tuple[LabelledSkip, ...]


class LabelError(ValueError):
    """A label that does not hold; the message names the file and the label."""


def _bounded(text: str, start: int, end: int) -> bool:
    """Does text[start:end] stand alone: not part of a longer number or a Latin word?"""
    before = text[start - 1] if start > 0 else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    latin_or_digit = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")
    if latin_or_digit.match(before) or (before in ".," and before2.isdigit()):
        return False
    return not (latin_or_digit.match(after) or (after in ".," and after2.isdigit()))


def occurrences(text: str, written: str) -> list[int]:
    """Start offsets of `written` where it stands alone, in text order."""
    found, pos = [], text.find(written)
    while pos != -1:
        if _bounded(text, pos, pos + len(written)):
            found.append(pos)
        pos = text.find(written, pos + 1)
    return found


def _span(text: str, entry: dict, where: str, written_key: str = "written",
          nth_key: str = "nth") -> tuple[int, int]:
    written = entry.get(written_key)
    if not isinstance(written, str) or not written:
        raise LabelError(f"{where}: `{written_key}` is required")
    nth = entry.get(nth_key, 1)
    found = occurrences(text, written)
    if not isinstance(nth, int) or not 1 <= nth <= len(found):
        raise LabelError(f"{where}: {written!r} occurs {len(found)} time(s) standing alone, "
                         f"so {nth_key} = {nth!r} does not hold")
    return found[nth - 1], found[nth - 1] + len(written)


def _choice(entry: dict, name: str, allowed: tuple[str, ...], where: str,
            default: str | None = None, required: bool = False) -> str | None:
    value = entry.get(name, default)
    if value is None and not required:
        return None
    if value not in allowed:
        raise LabelError(f"{where}: {name} = {value!r} is not one of {', '.join(allowed)}")
    return value


def _date(value, where: str, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LabelError(f"{where}: {name} = {value!r} is not a YYYY-MM-DD date") from None


def expected_bounds(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """The bounds a qualifier implies (the corpus README's table)."""
    return {"exact": (value, value), "over": (value, None), "up_to": (None, value),
            "about": (value * 0.9, value * 1.1), "nearly": (value * 0.9, value)}.get(
        qualifier, (None, None))


def _figure(text: str, entry: dict, where: str) -> tuple[LabelledFigure, tuple | None]:
    start, end = _span(text, entry, where)
    value = entry.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise LabelError(f"{where}: value (a number) is required")
    qualifier = _choice(entry, "qualifier", keys(QUALIFIERS), where, "exact")
    low, high = expected_bounds(float(value), qualifier)
    if qualifier in ("range", "order_of_magnitude"):
        if "value_low" not in entry or "value_high" not in entry:
            raise LabelError(f"{where}: a {qualifier} needs value_low and value_high")
    low = float(entry["value_low"]) if "value_low" in entry else low
    high = float(entry["value_high"]) if "value_high" in entry else high
    if low is not None and high is not None and low > high:
        raise LabelError(f"{where}: value_low {low} is above value_high {high}")
    if qualifier == "over" and high is not None or qualifier == "up_to" and low is not None:
        raise LabelError(f"{where}: qualifier {qualifier} leaves one bound open; drop "
                         "value_low/value_high")
    unit = entry.get("unit")
    if unit is not None and unit not in MEASURED_UNITS + ("percent",) and \
            not (isinstance(unit, str) and _CURRENCY.fullmatch(unit)):
        raise LabelError(f"{where}: unit {unit!r} is none of: a currency code (EUR), percent, "
                         f"{', '.join(MEASURED_UNITS)}; omit it for counts")
    metric = _choice(entry, "metric", keys(METRICS), where, required=True)
    period_start = _date(entry.get("period_start"), where, "period_start")
    period_end = _date(entry.get("period_end"), where, "period_end")
    if (period_start is None) != (period_end is None):
        raise LabelError(f"{where}: give both period_start and period_end, or neither")
    if period_start and period_start > period_end:
        raise LabelError(f"{where}: period_start is after period_end")
    link = _choice(entry, "link", LINKS, where)
    linked = None
    if link in ("after", "converted"):
        if "linked" not in entry:
            raise LabelError(f"{where}: link = {link!r} needs `linked` (the figure it follows)")
        linked = _span(text, entry, where + " (linked)", "linked", "linked_nth")
    unknown = set(entry) - {"written", "nth", "value", "value_low", "value_high", "qualifier",
                            "unit", "metric", "counted", "actor", "period_start", "period_end",
                            "link", "linked", "linked_nth", "note"}
    if unknown:
        raise LabelError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return LabelledFigure(
        start, end, entry["written"], float(value), low, high, qualifier, unit,
        metric, _choice(entry, "counted", COUNTED, where), _choice(entry, "actor", ACTORS, where),
        period_start, period_end, link, linked[0] if linked else None), linked


def load_article(labels: Path) -> LabelledArticle:
    """Load one `<stem>.toml` and its `<stem>.txt`; raise LabelError naming what is wrong."""
    text_path = labels.with_suffix(".txt")
    try:
        data = tomllib.loads(labels.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LabelError(f"{labels}: {exc}") from None
    meta = data.get("article", {})
    where = f"{labels} [article]"
    language = _choice(meta, "language", LANGUAGES, where, required=True)
    if not labels.stem.startswith(language + "-"):
        raise LabelError(f"{where}: the file name must start with {language}-")
    published = str(meta.get("published", ""))
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", published):
        raise LabelError(f"{where}: published must be YYYY-MM-DD or YYYY-MM")
    genre = _choice(meta, "genre", GENRES, where, required=True)
    for name in ("title", "facts_from"):
        if not meta.get(name):
            raise LabelError(f"{where}: {name} is required")
    figures, links = [], []
    for n, entry in enumerate(data.get("figure", []), start=1):
        where = f"{labels} [[figure]] #{n} ({entry.get('written')!r})"
        figure, linked = _figure(text, entry, where)
        figures.append(figure)
        links.append((n, linked))
    starts = {f.char_start for f in figures}
    for n, linked in links:
        if linked and linked[0] not in starts:
            raise LabelError(f"{labels} [[figure]] #{n}: `linked` is not a labelled figure")
    skips = []
    for n, entry in enumerate(data.get("skip", []), start=1):
        where = f"{labels} [[skip]] #{n} ({entry.get('written')!r})"
        start, end = _span(text, entry, where)
        skips.append(LabelledSkip(start, end, entry["written"],
                                  _choice(entry, "reason", SKIP_REASONS, where, required=True)))
    spans = sorted([(f.char_start, f.char_end, f.written) for f in figures]
                   + [(s.char_start, s.char_end, s.written) for s in skips])
    for (_, a_end, a), (b_start, _, b) in zip(spans, spans[1:], strict=False):
        if b_start < a_end:
            raise LabelError(f"{labels}: labels {a!r} and {b!r} overlap in the text")
    for m in re.finditer(r"\d+", text):
        if not any(s <= m.start() and m.end() <= e for s, e, _ in spans):
            context = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            raise LabelError(f"{labels}: the number {m.group()!r} at offset {m.start()} has no "
                             f"label (…{context}…); label it as a figure or a skip")
    half = labels.parent.name if labels.parent.name in HALVES else None
    return LabelledArticle(labels.stem, half, text, language, published, genre,
                           meta["title"], meta["facts_from"], tuple(figures), tuple(skips))


@dataclass
class CorpusCheck:
    articles: list[LabelledArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load_corpus(paths: list[Path]) -> CorpusCheck:
    """Every article under `paths` (files or folders); problems are collected, not raised."""
    out = CorpusCheck()
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.toml")) if path.is_dir() else [path.with_suffix(".toml")]
    for labels in files:
        try:
            out.articles.append(load_article(labels))
        except LabelError as exc:
            out.problems.append(str(exc))
    return out


def _summary(articles: list[LabelledArticle]) -> str:
    by = Counter((a.half or "-", a.language) for a in articles)
    figs = Counter()
    for a in articles:
        figs[(a.half or "-", a.language)] += len(a.figures)
    lines = ["half  lang  articles  figures"]
    lines += [f"{h:5} {lang:5} {n:8} {figs[(h, lang)]:8}" for (h, lang), n in sorted(by.items())]
    genres = Counter(a.genre for a in articles)
    metrics = Counter(f.metric for a in articles for f in a.figures)
    lines.append("genres: " + ", ".join(f"{g} {n}" for g, n in sorted(genres.items())))
    lines.append("metrics: " + ", ".join(f"{m} {n}" for m, n in metrics.most_common()))
    lines.append(f"total: {len(articles)} articles, {sum(figs.values())} figures, "
                 f"{sum(len(a.skips) for a in articles)} skips")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or [Path("seeds/eval")]
    check = load_corpus(paths)
    for problem in check.problems:
        print(problem, file=sys.stderr)
    print(_summary(check.articles))
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())
