"""Turn the corpus and the reviewed claims into warehouse rows (pure: no files, no database).

Merge rule: an entry of seeds/claims.toml and a rule figure whose spans overlap are one figure;
the entry wins, and the rule's metric is kept in `rule_metric` so disagreements show. Review
decisions (seeds/reviews.toml) apply last, the latest per span. Rejected figures stay in
`figures` for the record and take no part in conflicts. A reviewed milestone replaces the
extracted candidate from the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from etl.claims.chances import metric_chance, window_chance
from etl.claims.corpus import Article, Corpus
from etl.claims.review import Decision, check_offsets, latest_by_span
from etl.claims.reviewed import Reviewed, ReviewedFigure
from etl.extract.figures import Figure, Statement, extract, find_conflicts
from etl.extract.learned import learned
from etl.extract.milestones import find_milestones
from etl.extract.periods import Period
from etl.extract.sentences import Sentence, sentence_at


@dataclass
class ClaimTables:
    sources: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    figure_conflicts: list[dict] = field(default_factory=list)
    figure_skips: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)


def source_row(a: Article) -> dict:
    pub = a.source.publication
    return {
        "source_id": a.source.id, "file": a.source.file, "title": a.source.title,
        "publisher": a.source.publisher, "published": pub.date if pub else None,
        "published_precision": pub.precision if pub else None, "language": a.language,
        "url": a.source.url, "sha256_registered": a.source.sha256, "sha256_file": a.text_sha256,
        "text_status": a.status, "text_chars": len(a.text) if a.text else None,
        "registry": a.source.registry, "note": a.source.note, "platform": a.source.platform,
    }


def _figure_row(f: Figure) -> dict:
    q = f.quantity
    p = f.period
    return {
        "figure_id": f.figure_id, "source_id": f.source_id, "metric": f.metric,
        "value": q.value, "value_low": q.value_low, "value_high": q.value_high,
        "qualifier": q.qualifier, "unit": q.unit, "currency": q.currency,
        "counted": f.counted, "actor": f.actor, "link": f.link,
        "linked_to": f"{f.source_id}#{f.linked_to}" if f.linked_to else None,
        "period_start": p.start if p else None, "period_end": p.end if p else None,
        "period_precision": p.precision if p else None, "period_text": p.surface if p else None,
        "char_start": q.char_start, "char_end": q.char_end, "surface": q.surface,
        "sentence": f.sentence.text if f.sentence else None,
        "sentence_start": f.sentence.char_start if f.sentence else None, "method": "rule",
        # read from the text itself: its offsets hold it by construction
        "status": "machine", "text_matched": True,
        "confidence": metric_chance(f.metric, f.confidence, learned(f)),
        "rule_score": f.confidence,
        "window_from": f.window_from, "window_confidence": window_chance(f.window_from, f.metric),
        "rule_metric": f.metric, "cue": f.cue,
        "repeat_of": f"{f.source_id}#{f.repeat_of}" if f.repeat_of else None,
        "reviewed_by": None, "reviewed_at": None, "summary": None, "note": None,
    }


def _blank_row(figure_id: str, sentence: Sentence | None) -> dict:
    """A figure the rules did not find: a person's entry is all there is."""
    return {"figure_id": figure_id, "rule_metric": None, "cue": None, "confidence": None,
            "rule_score": None, "window_from": None, "window_confidence": None,
            "repeat_of": None, "link": None, "linked_to": None, "period_text": None,
            "method": "manual", "counted": None, "actor": None, "reviewed_by": None,
            "reviewed_at": None, "summary": None, "note": None,
            "sentence": sentence.text if sentence else None,
            "sentence_start": sentence.char_start if sentence else None}


def _apply_review(row: dict, r: ReviewedFigure, matched: bool) -> dict:
    return {**row,
            "source_id": r.source_id, "metric": r.metric, "value": r.value,
            "value_low": r.value_low, "value_high": r.value_high, "qualifier": r.qualifier,
            "unit": r.unit, "currency": r.currency,
            "period_start": r.period_start, "period_end": r.period_end,
            "period_precision": r.period_precision if r.period_start else
            (row.get("period_precision") if row.get("method") == "rule" else None),
            "char_start": r.char_start, "char_end": r.char_end,
            "surface": r.written, "status": "reviewed",
            "text_matched": True if matched else None, "summary": r.summary, "note": r.note}


def _apply_decision(row: dict, d: Decision, matched: bool) -> dict:
    decided = {"status": "rejected" if d.action == "reject" else "reviewed",
               "reviewed_by": d.by, "reviewed_at": d.at,
               "note": d.note if d.note is not None else row.get("note"),
               "text_matched": True if matched else None}
    if d.action == "reject":
        return {**row, **decided}
    confirmed = d.figure_fields()
    return {**row, **confirmed, **decided, "char_start": d.char_start, "char_end": d.char_end,
            "surface": d.written}


def _overlapping(rows: dict[str, dict], start: int, end: int) -> str | None:
    """The figure at these offsets: the exact span if there is one, else the first overlap."""
    exact = next((fid for fid, r in rows.items()
                  if (r["char_start"], r["char_end"]) == (start, end)), None)
    return exact or next((fid for fid, r in rows.items()
                          if r["char_start"] < end and start < r["char_end"]), None)


def build_claim_tables(corpus: Corpus, reviewed: Reviewed, matched: set[tuple[str, int]],
                       decisions: list[Decision] = (), decisions_path: Path | None = None
                       ) -> ClaimTables:
    """Warehouse rows for every source: extracted figures, then the entries of
    seeds/claims.toml merged in, then the review decisions in force applied.

    Raises CfwatchError when a decision's offsets no longer hold its text."""
    out = ClaimTables()
    in_force = latest_by_span(list(decisions))
    for article in corpus.articles:
        out.sources.append(source_row(article))
        sid = article.source.id
        text = article.text
        extraction = extract(text, article.language or "en", article.source.publication, sid) \
            if text else None
        sentences = extraction.sentences if extraction else []
        rule_figures = extraction.figures if extraction else []

        rows: dict[str, dict] = {f.figure_id: _figure_row(f) for f in rule_figures}
        for r in (x for x in reviewed.figures if x.source_id == sid):
            match = _overlapping(rows, r.char_start, r.char_end)
            sentence = sentence_at(sentences, r.char_start) if sentences else None
            fid = match or f"{sid}#r{r.entry_no}"
            base = rows[match] if match else _blank_row(fid, sentence)
            rows[fid] = _apply_review(base, r, ("figure", r.entry_no) in matched)
        for d in (d for (source, _, _), d in in_force.items() if source == sid):
            was_checked = check_offsets(d, text, decisions_path or Path("reviews"))
            match = _overlapping(rows, d.char_start, d.char_end)
            if match is None and d.action == "reject":
                continue  # nothing there to reject any more; the decision stays on record
            sentence = sentence_at(sentences, d.char_start) if sentences else None
            fid = match or f"{sid}#d{d.entry_no}"
            base = rows[match] if match else _blank_row(fid, sentence)
            rows[fid] = _apply_decision(base, d, was_checked)
        out.figures.extend(rows.values())
        live = [row for row in rows.values() if row["status"] != "rejected"]
        out.figure_conflicts.extend(_conflicts(sid, live, sentences))

        if extraction:
            out.figure_skips.extend(
                {"source_id": sid, "char_start": q.char_start, "char_end": q.char_end,
                 "surface": q.surface, "reason": reason}
                for q, reason in extraction.skipped)
        out.milestones.extend(_milestones(article, reviewed, matched, sentences,
                                          extraction.periods if extraction else []))
    return out


def _conflicts(source_id: str, rows: list[dict], sentences: list[Sentence]) -> list[dict]:
    """Conflicts over the merged figures, so a reviewed value is what gets compared."""
    statements = []
    for row in sorted(rows, key=lambda r: r["char_start"]):
        sentence = sentence_at(sentences, row["char_start"]) if sentences else None
        statements.append(Statement(
            row["figure_id"], row["metric"], row["surface"], row["value_low"],
            row["value_high"], row["unit"], row["currency"], row["period_start"],
            row["period_end"], sentence.char_start if sentence else None,
            row["repeat_of"] is not None))
    values = {row["figure_id"]: row["value"] for row in rows}
    return [{"source_id": source_id, "metric": c.metric, "figure_a": c.figure_a,
             "figure_b": c.figure_b, "value_a": values[c.figure_a],
             "value_b": values[c.figure_b], "reason": c.reason}
            for c in find_conflicts(statements, source_id)]


def _milestones(article: Article, reviewed: Reviewed, matched: set[tuple[str, int]],
                sentences: list[Sentence], periods: list[Period]) -> list[dict]:
    sid = article.source.id
    rows: list[dict] = []
    covered: set[int] = set()
    for m in (x for x in reviewed.milestones if x.source_id == sid):
        sentence = sentence_at(sentences, m.char_start) if sentences else None
        if sentence:
            covered.add(sentence.char_start)
        rows.append({
            "milestone_id": f"{sid}@r{m.entry_no}", "source_id": sid, "date": m.date,
            "precision": m.precision, "kind": m.kind, "status": m.status, "title": m.title,
            "summary": m.summary, "char_start": m.char_start, "char_end": m.char_end,
            "anchor": m.anchor, "sentence": sentence.text if sentence else None,
            "method": "manual", "review_status": "reviewed",
            "text_matched": True if ("milestone", m.entry_no) in matched else None})
    for c in find_milestones(sentences, periods, article.language or "en"):
        if c.sentence.char_start in covered:
            continue
        rows.append({
            "milestone_id": f"{sid}@{c.sentence.char_start}", "source_id": sid,
            "date": c.date, "precision": c.period.precision, "kind": c.kind,
            "status": c.status, "title": c.title, "summary": None,
            "char_start": c.sentence.char_start, "char_end": c.sentence.char_end,
            "anchor": None, "sentence": c.sentence.text, "method": "rule",
            "review_status": "machine", "text_matched": True})
    return rows

