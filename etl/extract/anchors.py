"""Where a pattern can match: the literal strings every match of it contains, read from the
pattern itself, and where in a text they are.

Python's `re` scans fast for a pattern that starts with a literal, and slowly (every position
tried) for one that starts with `\\b` or an optional word, as most time expressions do
("\\b(?:in |over )?the (?:past|last) ..."): each such rule cost a tenth of a second per
megabyte, and an article at the size cap is scanned by some thirty of them. Scanning for the
strings one of which every match must contain ("the past", "the last", ...) is fast, and the
rule then runs only on the stretches around what was found. A rule whose matches need no
literal (or need one so short it is everywhere) is run on the whole text as before.

The same strings tell where a small search before every number cannot succeed ("article 5",
"no. 12"): `Hints`. Case is folded once for the whole text (`fold_text`) instead of by the
regex engine at every character it tries (re.IGNORECASE), which is slower by a half.
"""

from __future__ import annotations

import bisect
import itertools
import re
import re._constants as sre  # the parsed form of a pattern; stable across 3.11-3.13
import re._parser as sre_parse
from functools import lru_cache

# A set of alternatives is kept while it has at most this many strings (the product of a
# phrase's parts grows fast: "(?:in |over |during )?the (?:past|last|previous)")
MAX_ALTERNATIVES = 64
# The shortest needed string worth scanning for: shorter ones ("년", "the") are nearly
# everywhere, and the stretches around them would be the whole text.
MIN_NEEDED_CHARS = 4
# How far from a needed string (or a month word) a match may start or end. Time expressions
# are a few words long; a generous margin costs little, as stretches around nearby hits merge.
MARGIN_CHARS = 80

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def fold_text(text: str) -> str:
    """`text` lower-cased with every offset kept: a character whose lower case is longer
    ("İ") stays as it is."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def fold_pattern(pattern: str) -> str:
    """A pattern written for re.IGNORECASE, for folded text without it: its literal capitals
    lowered, escapes (\\B, \\D) and group syntax ("(?P<year>") kept."""
    return re.sub(r"\\.|\(\?P|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1
                  else m.group(), pattern)


def needed_strings(pattern: str, min_chars: int = MIN_NEEDED_CHARS) -> tuple[str, ...] | None:
    """Strings one of which occurs in every match of `pattern` (compiled without flags), or
    None when no set is found whose shortest string has `min_chars`. Never wrong, at worst
    unhelpful: a part the reading does not know stands for "anything"."""
    needed = _best(_needs(list(sre_parse.parse(pattern))))
    if needed is None or min(map(len, needed)) < min_chars:
        return None
    return tuple(sorted(needed, key=lambda s: (-len(s), s)))


def _finite(item) -> frozenset[str] | None:
    """Every string a pattern item can match, when they are few; None otherwise."""
    op, av = item
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op in _ZERO_WIDTH:
        return frozenset({""})  # matches no characters: the strings around it meet
    if op is sre.IN:
        chars = []
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.append(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 10:
                chars.extend(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None  # a negated set, a category (\d, \w) or a wide range
        return frozenset(chars) if len(chars) <= 10 else None
    if op is sre.SUBPATTERN:
        return _finite_sequence(list(av[-1]))
    if op is sre.BRANCH:
        alternatives = [_finite_sequence(list(branch)) for branch in av[1]]
        if any(a is None for a in alternatives):
            return None
        union = frozenset().union(*alternatives)
        return union if len(union) <= MAX_ALTERNATIVES else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, body = av
        inner = _finite_sequence(list(body))
        if inner is None or high is sre.MAXREPEAT or high > 3:
            return None
        options: set[str] = set()
        for n in range(low, high + 1):
            options.update("".join(p) for p in itertools.product(inner, repeat=n))
            if len(options) > MAX_ALTERNATIVES:
                return None
        return frozenset(options)
    return None


def _finite_sequence(items: list) -> frozenset[str] | None:
    result = frozenset({""})
    for item in items:
        part = _finite(item)
        if part is None:
            return None
        result = _product(result, part)
        if result is None:
            return None
    return result


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a in left for b in right)


def _needs(items: list) -> list[frozenset[str]]:
    """Candidate needed sets of a sequence: each run of finite parts (as the product of its
    parts), and what each other part needs inside itself."""
    candidates: list[frozenset[str]] = []
    run = frozenset({""})
    for item in items:
        part = _finite(item)
        joined = _product(run, part) if part is not None else None
        if joined is not None:
            run = joined
            continue
        if part is None:
            # a part that is no small set may still start with one ("(?P<year>(?:19|20)\d\d)"
            # starts with 19 or 20): the run goes on into it ("in 19", "in 20")
            into = _product(run, _prefixes(item))
            if into is not None and into != run:
                candidates.append(into)
            candidates.extend(_inner_needs(item))
        if run != frozenset({""}):
            candidates.append(run)
        run = part if part is not None else frozenset({""})
    if run != frozenset({""}):
        candidates.append(run)
    return candidates


def _prefixes(item) -> frozenset[str]:
    """Strings one of which every match of a part starts with ({""} when unknown)."""
    op, av = item
    if op is sre.SUBPATTERN:
        return _sequence_prefixes(list(av[-1]))
    if op is sre.BRANCH:
        union = frozenset().union(*(_sequence_prefixes(list(b)) for b in av[1]))
        return union if len(union) <= MAX_ALTERNATIVES else frozenset({""})
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _sequence_prefixes(list(av[2]))
    return _finite(item) or frozenset({""})


def _sequence_prefixes(items: list) -> frozenset[str]:
    run = frozenset({""})
    for item in items:
        part = _finite(item)
        if part is None:
            return _product(run, _prefixes(item)) or run
        joined = _product(run, part)
        if joined is None:
            return run
        run = joined
    return run


def _inner_needs(item) -> list[frozenset[str]]:
    """What a part that is not a small set of strings needs inside itself."""
    op, av = item
    if op is sre.SUBPATTERN:
        return _needs(list(av[-1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _needs(list(av[2]))
    if op is sre.BRANCH:
        per_branch = [_best(_needs(list(branch))) for branch in av[1]]
        if any(b is None for b in per_branch):
            return []
        union = frozenset().union(*per_branch)
        return [union] if len(union) <= MAX_ALTERNATIVES else []
    return []


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: longest shortest string, then fewest strings. A string
    containing another of its set is dropped (the shorter one is found wherever it is)."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    best = max(usable, key=lambda c: (min(map(len, c)), -len(c)))
    return frozenset(s for s in best if not any(o != s and o in s for o in best))


@lru_cache(maxsize=256)
def finder(needed: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(s) for s in needed))


def stretches(text: str, found: re.Pattern,
              margin: int = MARGIN_CHARS) -> list[tuple[int, int]]:
    """The merged stretches of `text` within `margin` characters of what `found` matches
    (the `finder` of a rule's needed strings, or the month words a rule names)."""
    out: list[tuple[int, int]] = []
    for m in found.finditer(text):
        lo, hi = max(0, m.start() - margin), min(len(text), m.end() + margin)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


class Hints:
    """Where in one (folded) text a pattern written for re.IGNORECASE can match, for many
    small searches of it: a search of text[lo:hi] can only succeed where one of the strings
    its matches need lies in it. `found` is that search, run on the folded text."""

    def __init__(self, folded: str, pattern: re.Pattern):
        self.folded = folded
        self.pattern = re.compile(fold_pattern(pattern.pattern))
        needed = needed_strings(self.pattern.pattern, min_chars=1)
        self.starts: list[int] | None = None
        self.ends: list[int] = []
        if needed is not None:
            spans = [m.span() for m in finder(needed).finditer(folded)]
            self.starts = [start for start, _ in spans]
            self.ends = [end for _, end in spans]

    def may_match(self, lo: int, hi: int) -> bool:
        if self.starts is None:
            return True
        # the scan finds strings that do not overlap: one starting inside another found is
        # not listed, so a found string that reaches into [lo, hi) at all counts
        i = bisect.bisect_right(self.ends, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def found(self, lo: int, hi: int) -> bool:
        """Does the pattern match in text[lo:hi] (as `pattern.search(text, lo, hi)`)?"""
        return self.may_match(lo, hi) and self.pattern.search(self.folded, lo, hi) is not None
