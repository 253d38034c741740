"""Dated sentences that announce or record a change: candidate milestones.

A sentence is a candidate when it holds a resolved point or start date ("Earlier in October",
"sinds mei", "since this year") and a milestone cue from `etl.vocab.MILESTONE_KINDS`. Rules
cannot write a good title or tell a plan from a fact for sure; the reviewed file does that, and
a reviewed milestone in the same sentence replaces the candidate (see etl.build).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.extract.periods import Period
from etl.extract.sentences import Sentence
from etl.vocab import MILESTONE_KINDS

_STATUS_CUES = (
    ("under_review", ("considering", "reviewing", "under review", "overwegen", "검토")),
    ("announced", (" will ", "plan to", "plans to", " zal ", " gaan ", "예정", "계획")),
    ("held", ("hearing", "audit", "press conference", "hoorzitting", "국정감사", "간담회")),
)
TITLE_CHARS = 90


@dataclass(frozen=True)
class MilestoneCandidate:
    sentence: Sentence
    period: Period
    kind: str
    status: str
    cue: str

    @property
    def date(self) -> dt.date:
        return self.period.start

    @property
    def title(self) -> str:
        text = self.sentence.text
        return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + "…"


def find_milestones(sentences: list[Sentence], periods: list[Period],
                    language: str) -> list[MilestoneCandidate]:
    found: list[MilestoneCandidate] = []
    for s in sentences:
        dated = [p for p in periods if p.role in ("point", "start") and p.resolved
                 and s.char_start <= p.char_start < s.char_end]
        if not dated:
            continue
        low = " " + s.text.lower() + " "
        # Kinds are tried in vocabulary order: a hearing outranks the market talk around it.
        best = next(((kind.key, cue) for kind in MILESTONE_KINDS
                     for cue in kind.cues.get(language, ()) + (
                         kind.cues.get("en", ()) if language != "en" else ())
                     if re.search(r"(?<![\w])" + re.escape(cue), low)), None)
        if best is None:
            continue
        status = next((st for st, cues in _STATUS_CUES if any(c in low for c in cues)),
                      "in_operation")
        found.append(MilestoneCandidate(s, dated[0], best[0], status, best[1]))
    return found
