"""Reviewed figures and milestones (`seeds/claims.toml`), and their merge with extracted ones.

A reviewed entry is a fact in the project's own words that points at its source and at the
character offsets of the number (or a short anchor phrase) in the article. When the article
is present and its hash matches the registry, the text at those offsets must be exactly what
the entry says was written there; otherwise the review file is wrong and the run fails. When
the article is absent, the entry loads marked unverified, so a fresh clone still has every
reviewed claim.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl.claims.corpus import MAX_REGISTRY_BYTES, Article
from etl.errors import CfwatchError
from etl.extract.numbers import _bounds
from etl.files import FileRefused, read_limited
from etl.vocab import (
    METRICS,
    MILESTONE_KINDS,
    MILESTONE_STATUSES,
    PERIOD_PRECISIONS,
    QUALIFIERS,
    keys,
)


@dataclass(frozen=True)
class ReviewedFigure:
    entry_no: int
    source_id: str
    written: str
    char_start: int
    char_end: int
    metric: str
    value: float
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    currency: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    period_precision: str | None
    summary: str
    note: str | None


@dataclass(frozen=True)
class ReviewedMilestone:
    entry_no: int
    source_id: str
    anchor: str
    char_start: int
    char_end: int
    date: dt.date
    precision: str
    kind: str
    status: str
    title: str
    summary: str | None


@dataclass(frozen=True)
class Reviewed:
    figures: list[ReviewedFigure]
    milestones: list[ReviewedMilestone]


def _date(value, where: str, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CfwatchError(where, f"{field} {text!r} is not a date (YYYY-MM-DD, YYYY-MM, YYYY)") \
            from None


def _choice(entry: dict, field: str, allowed: tuple[str, ...], where: str,
            default: str | None = None) -> str:
    value = entry.get(field, default)
    if value not in allowed:
        raise CfwatchError(where, f"{field} {value!r} is not one of {', '.join(allowed)}")
    return value


def _span(entry: dict, where: str) -> tuple[int, int]:
    start, end = entry.get("char_start"), entry.get("char_end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        raise CfwatchError(where, f"char_start/char_end must be integers with 0 <= start < end, "
                                  f"got {start!r}, {end!r}")
    return start, end


def load_reviewed(path: Path, source_ids: set[str]) -> Reviewed:
    try:
        data = tomllib.loads(read_limited(path, MAX_REGISTRY_BYTES).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CfwatchError(str(path), f"reviewed claims do not parse: {exc}") from None
    except FileRefused as exc:
        raise CfwatchError(str(path), exc.reason) from None

    figures: list[ReviewedFigure] = []
    for n, e in enumerate(data.get("figure", []), start=1):
        where = f"{path} [[figure]] #{n}"
        _known_source(e, source_ids, where)
        start, end = _span(e, where)
        metric = _choice(e, "metric", keys(METRICS), where)
        qualifier = _choice(e, "qualifier", keys(QUALIFIERS), where, "exact")
        if not isinstance(e.get("value"), (int, float)) or not e.get("written"):
            raise CfwatchError(where, "value (a number) and written (the number as written) "
                                      "are required")
        value = float(e["value"])
        low, high = _bounds(value, qualifier) if qualifier != "range" else (None, None)
        low = float(e["value_low"]) if "value_low" in e else low
        high = float(e["value_high"]) if "value_high" in e else high
        precision = e.get("period_precision")
        if precision is not None:
            _choice(e, "period_precision", keys(PERIOD_PRECISIONS), where)
        figures.append(ReviewedFigure(
            n, e["source"], e["written"], start, end, metric, value, low, high, qualifier,
            e.get("unit"), e.get("currency"), _date(e.get("period_start"), where, "period_start"),
            _date(e.get("period_end"), where, "period_end"), precision,
            e.get("summary", ""), e.get("note")))

    milestones: list[ReviewedMilestone] = []
    for n, e in enumerate(data.get("milestone", []), start=1):
        where = f"{path} [[milestone]] #{n}"
        _known_source(e, source_ids, where)
        start, end = _span(e, where)
        if not e.get("anchor") or not e.get("title") or not e.get("date"):
            raise CfwatchError(where, "anchor, title and date are required")
        milestones.append(ReviewedMilestone(
            n, e["source"], e["anchor"], start, end, _date(e["date"], where, "date"),
            _choice(e, "precision", keys(PERIOD_PRECISIONS), where),
            _choice(e, "kind", keys(MILESTONE_KINDS), where),
            _choice(e, "status", keys(MILESTONE_STATUSES), where),
            e["title"], e.get("summary")))
    return Reviewed(figures, milestones)


def _known_source(entry: dict, source_ids: set[str], where: str) -> None:
    if entry.get("source") not in source_ids:
        raise CfwatchError(where, f"source {entry.get('source')!r} is not in the registry")


def verify(reviewed: Reviewed, articles: dict[str, Article], path: Path) -> set[tuple[str, int]]:
    """Check every reviewed entry whose article text is present; return the verified ones.

    Keys are ("figure" | "milestone", entry_no). A mismatch raises: the review file points at
    text that is not there, and loading it would attach a claim to the wrong sentence.
    """
    verified: set[tuple[str, int]] = set()
    entries = [("figure", f.entry_no, f.source_id, f.char_start, f.char_end, f.written)
               for f in reviewed.figures]
    entries += [("milestone", m.entry_no, m.source_id, m.char_start, m.char_end, m.anchor)
                for m in reviewed.milestones]
    for kind, n, source_id, start, end, expected in entries:
        article = articles.get(source_id)
        if article is None or article.text is None:
            continue
        found = article.text[start:end]
        if found != expected:
            raise CfwatchError(
                f"{path} [[{kind}]] #{n}",
                f"offsets {start}-{end} in {article.source.file} hold {found!r}, "
                f"not {expected!r}")
        verified.add((kind, n))
    return verified
