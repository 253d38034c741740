"""Split an article into sentences, keeping character offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by a closing quote) when the next sentence
# starts with a capital, a quote or a Hangul syllable; numbers like 3.5 and hosts like
# www.asiae.co.kr never match because no space follows their dot.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-ÖØ-Þ\u00c0-\u024f\uac00-\ud7a3])")


@dataclass(frozen=True)
class Sentence:
    char_start: int
    char_end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        offset = line.start()
        start = 0
        body = line.group()
        for boundary in _BOUNDARY.finditer(body):
            piece = body[start:boundary.start() + len(boundary.group().rstrip())]
            _add(sentences, offset + start, piece)
            start = boundary.end()
        _add(sentences, offset + start, body[start:])
    return sentences


def _add(out: list[Sentence], start: int, piece: str) -> None:
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.char_start <= pos < s.char_end:
            return s
    return None
