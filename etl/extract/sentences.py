"""Split an article into paragraphs and sentences, keeping character offsets into the text.

A paragraph ends at a blank line; a sentence at . ! ? (optionally followed by a closing quote)
when the next sentence starts with a capital, a quote, a Hangul syllable or a digit ("…달했다.
2011년에는"), unless the word before the stop is an abbreviation ("No. 5", "U.S. Customs",
"Mr. Lee"). Numbers like 3.5 and hosts like www.asiae.co.kr never match because no space
follows their dot. Lookups are by bisection, so finding the sentence of every number in an
article is linear in its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_BOUNDARY = re.compile(
    r"(?<=[.!?…。])[\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-ÖØ-Þ\u0100-\u024f\uac00-\ud7a3\d])")
# A stop after one of these is not the end of a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nr", "art", "vs", "v", "etc", "inc", "ltd",
    "co", "corp", "jr", "sr", "p", "pp", "fig", "ca", "approx", "e.g", "i.e", "u.s", "u.k",
    "e.u", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "dhr", "mevr", "bijv", "o.a", "m.b.t", "blz", "mln", "mld", "resp",
    "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "fl", "ir", "drs", "ing",
    "a.o", "d.w.z", "z.g", "n.v", "b.v", "plc", "cf", "ibid", "nos",
})
# "et al." is one; a Dutch "al" or "op" at the end of a clause ("Temu gaf zelf 92 miljoen
# gebruikers op.", "Dat gebeurde al.") ends a sentence.
_ET_AL = re.compile(r"\bet\s+al\.\s*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w.]+)\.\s*$")
# A stop that may end a sentence (not the dot of 3.5), or a line break: what tells a stretch
# of text between two numbers or two dates that it crosses sentences, without splitting it.
MAY_END_SENTENCE = re.compile(r"[.!?…。](?:\s|$)|\n")


@dataclass(frozen=True)
class Sentence:
    char_start: int
    char_end: int
    text: str
    paragraph: int = 0  # paragraphs are separated by blank lines; the headline is the first


def _ends_sentence(body: str, stop: int) -> bool:
    """Is the stop just before `stop` in `body` the end of a sentence?"""
    m = _WORD_BEFORE.search(body, max(0, stop - 20), stop)
    if not m:
        return True
    word = m.group(1).lower()
    if word in ABBREVIATIONS or word == "al" and _ET_AL.search(body, max(0, stop - 20), stop):
        return False
    # a lone capital ("J. Smith"), or letters with dots ("U.S.")
    return not (len(word) == 1 and word.isalpha() or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for line in re.finditer(r"[^\n]+", text):
        if previous_end and text.count("\n", previous_end, line.start()) >= 2:
            paragraph += 1  # a blank line
        previous_end = line.end()
        offset = line.start()
        start = 0
        body = line.group()
        for boundary in _BOUNDARY.finditer(body):
            stop = boundary.start()
            while stop > 0 and body[stop - 1] in "\"”’)":
                stop -= 1
            if not _ends_sentence(body, stop):
                continue
            piece = body[start:boundary.start() + len(boundary.group().rstrip())]
            _add(sentences, offset + start, piece, paragraph)
            start = boundary.end()
        _add(sentences, offset + start, body[start:], paragraph)
    return sentences


def _add(out: list[Sentence], start: int, piece: str, paragraph: int) -> None:
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    out.append(Sentence(start + lead, start + lead + len(stripped), stripped, paragraph))


class SentenceIndex:
    """The sentence at any offset, by bisection."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.starts = [s.char_start for s in sentences]

    def index_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].char_end:
            return i
        return None

    def at(self, pos: int) -> Sentence | None:
        i = self.index_at(pos)
        return None if i is None else self.sentences[i]


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence holding `pos` (for callers with a handful of lookups)."""
    return SentenceIndex(sentences).at(pos)
