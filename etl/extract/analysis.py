"""Words around a number, as a linguist would read them: lemmas and morphemes with offsets.

English and Dutch words are lemmatised by simplemma (a dictionary lookup, so "took" is
"take", "sloot" is "sluiten", "webwinkels" is "webwinkel"). Korean is analysed into
morphemes by kiwipiepy, so counters (명, 건, 점, 개) and the parts of compounds (가전+제품)
are tokens of their own and a cue never matches inside another word.

Korean analysis costs about 30 microseconds a character, so it runs only on the sentences
that hold a figure, and at most KOREAN_BUDGET_CHARS characters per article: past that (only
an article far larger than any real one gets there) tokens fall back to runs of Hangul, and a
cue then matches the start of a run, which is what the extractor did before it had morphemes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Korean characters analysed per article before falling back to Hangul runs (about 10 s).
KOREAN_BUDGET_CHARS = 300_000
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)


class Token(NamedTuple):
    # A named tuple, not a frozen dataclass: an article at the size cap makes millions of
    # tokens, and a frozen dataclass costs three times as much to build.
    start: int  # offsets in the article text
    end: int
    surface: str
    lemma: str  # lower-case lemma (en, nl) or morpheme form (ko)
    tag: str  # N noun, V verb, NUM number, CTR counter, P punctuation, J particle, W other


# Forms simplemma's dictionary reads as another word ("schorste" as "schor", hoarse; "sloten"
# as "slot", lock): the verbs an enforcement text means by them.
_LEMMA_FIXES = {"nl": {"schorste": "schorsen", "schorsten": "schorsen", "sloten": "sluiten",
                       "sloot": "sluiten", "hief": "opheffen", "hieven": "opheffen"}}
# Dutch separable verbs put their particle at the end of the clause ("Google hield 12,5
# miljoen advertenties tegen"): the verb is read as the whole verb (tegenhouden).
_SEPARABLE = {"houden": ("tegen",), "leggen": ("plat", "stil"), "rollen": ("op",),
              "halen": ("offline", "weg", "uit"), "pakken": ("op",), "sluiten": ("af", "uit"),
              "nemen": ("op",), "heffen": ("op",), "trekken": ("uit",), "geven": ("uit",),
              "zetten": ("stop", "offline", "af", "opzij"), "spreken": ("aan",), "dragen": ("bij",),
              "stellen": ("vast",), "treffen": ("aan",), "handelen": ("af",),
              "maken": ("vrij",)}
# English phrasal verbs put their object between verb and particle ("took 10,600 websites
# offline"): the verb is read as the phrase (take offline).
_PHRASAL = {"take": ("down", "offline", "off"), "shut": ("down",), "pull": ("down", "offline"),
            "knock": ("off",), "turn": ("away", "back"), "hold": ("back",)}
_CLAUSE_END = frozenset(",;:.!?")
# What may follow a particle that closes its verb (a preposition here starts a new phrase;
# after a preposition "tegen" a noun would follow)
_AFTER_PARTICLE = frozenset({"en", "of", "maar", "die", "dat", "voor", "in", "op", "aan", "bij",
                             "met", "van", "naar", "door", "tot", "om", "als", "omdat",
                             "waarop", "waarin", "nadat", "toen", "sinds",
                             "and", "or", "but", "that", "which", "on", "at", "for",
                             "from", "with", "by", "after", "before", "across", "during"})


@lru_cache(maxsize=65536)
def lemma(word: str, language: str) -> str:
    """The lemma of a lower-case word (English and Dutch); Korean words are returned as is."""
    if language not in ("en", "nl"):
        return word
    fixed = _LEMMA_FIXES.get(language, {}).get(word)
    if fixed:
        return fixed
    import simplemma
    return simplemma.lemmatize(word, lang=language).lower()


_VOWELS = frozenset("aeiouy")


def dutch_singulars(word: str) -> tuple[str, ...]:
    """What a Dutch compound's plural may be the plural of, for compounds the dictionary does
    not hold ("namaakartikelen" -> "namaakartikel", "onderscheppingen" -> "onderschepping")."""
    forms = []
    for ending in ("'s", "en", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            stem = word[:-len(ending)]
            forms.append(stem)
            if ending == "en" and len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "bendes" no, "advertenties" no, "zakken" -> "zak"
            elif ending == "en" and len(stem) > 2 and stem[-1] not in _VOWELS and \
                    stem[-2] in "aeou" and stem[-3] not in _VOWELS:
                # an open syllable spells a long vowel once: "namaakzaken" -> "namaakzaak"
                forms.append(stem[:-1] + stem[-2] + stem[-1])
    return tuple(forms)


def _join_separable(tokens: list[Token], language: str) -> list[Token]:
    """Give a separable verb its particle: the verb token's lemma becomes the whole verb
    (tegenhouden, take offline) when its particle closes the clause."""
    verbs = _SEPARABLE if language == "nl" else _PHRASAL
    out = list(tokens)
    for i, token in enumerate(tokens):
        particles = verbs.get(token.lemma) if token.tag == "W" else None
        if not particles:
            continue
        for j in range(i + 1, min(len(tokens), i + 25)):
            after = tokens[j]
            if after.tag == "P" and after.surface in _CLAUSE_END:
                break
            if j > i + 1 and after.surface.lower() in particles and (
                    j + 1 == len(tokens) or tokens[j + 1].tag == "P"
                    or tokens[j + 1].surface.lower() in _AFTER_PARTICLE):
                particle = after.surface.lower()
                joined = particle + token.lemma if language == "nl" else \
                    f"{token.lemma} {particle}"
                out[i] = Token(token.start, token.end, token.surface, joined, token.tag)
                break
        if out[i] is token and language == "nl" and token.lemma == "halen" and \
                _taken_from(tokens, i):
            out[i] = Token(token.start, token.end, token.surface, "weghalen", token.tag)
    return out


def _taken_from(tokens: list[Token], i: int) -> bool:
    """"advertenties van online marktplaatsen gehaald": taken off something, as weghalen."""
    for j in range(i - 1, max(-1, i - 12), -1):
        if tokens[j].tag == "P" and tokens[j].surface in _CLAUSE_END:
            return False
        if tokens[j].surface.lower() == "van":
            return True
    return False


# Token's own constructor is a Python function over tuple.__new__: called directly, a token
# costs a third as much (an article at the size cap has millions)
_new_token = tuple.__new__


def _latin_tokens(text: str, start: int, end: int, language: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        low = word.lower()
        if word[0].isdigit():
            reading, tag = low, "NUM"
        elif not word[0].isalnum():
            reading, tag = low, "P"
        else:
            reading, tag = lemma(low, language), "W"
        token_start, token_end = m.span()
        append(_new_token(Token, (token_start, token_end, word, reading, tag)))
    return _join_separable(tokens, language)


class KoreanAnalyser:
    """kiwipiepy, loaded on first use (about 2 s), with a per-article character budget."""

    _kiwi = None

    def __init__(self, budget: int = KOREAN_BUDGET_CHARS):
        self.budget = budget

    @classmethod
    def _model(cls):
        if cls._kiwi is None:
            from kiwipiepy import Kiwi
            # No typo correction and no multi-word dictionary: news text is edited, and the
            # two dictionaries cost 190 MB and 1.4 s at every start.
            cls._kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
        return cls._kiwi

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        if end - start > self.budget:
            return hangul_runs(text, start, end)
        self.budget -= end - start
        out = []
        previous = None
        for t in self._model().tokenize(text[start:end]):
            tag = _KIWI_TAGS.get(t.tag[:2], "W")
            if t.tag == "NNB" or t.tag == "NR":
                tag = "CTR" if t.tag == "NNB" else "NUM"
            form = t.form
            if form == "늘" and previous in ("SW", "SN", "NNB") and \
                    text[start + t.start:start + t.start + t.len] == "는":
                # kiwi reads the topic particle after a number as the verb 늘다 ("89%는" as
                # "89% 늘ㄴ", rose 89%): it is the particle
                form, tag = "는", "J"
            previous = t.tag
            out.append(Token(start + t.start, start + t.start + t.len, form, form, tag))
        return out


_KIWI_TAGS = {"NN": "N", "NP": "N", "VV": "V", "VA": "V", "XS": "V", "SN": "NUM", "SF": "P",
              "SP": "P", "SS": "P", "SO": "P", "SW": "P", "JK": "J", "JX": "J", "JC": "J",
              "EC": "E", "EF": "E", "EP": "E", "ET": "E", "SL": "W", "SH": "W"}
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+|\d+(?:[.,]\d+)*|[^\w\s]")


def hangul_runs(text: str, start: int, end: int) -> list[Token]:
    """Hangul runs, numbers and punctuation, without morphemes: past the Korean budget, and
    for the context words of a paragraph (names and nouns that start a run)."""
    out = []
    for m in _HANGUL_RUN.finditer(text, start, end):
        word = m.group()
        tag = "NUM" if word[0].isdigit() else ("P" if not word[0].isalnum() else "H")
        out.append(Token(m.start(), m.end(), word, word, tag))
    return out


class Analyser:
    """Tokens of any span of one article, each sentence analysed once."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language
        self.korean = KoreanAnalyser() if language == "ko" else None
        self._cache: dict[tuple[int, int], list[Token]] = {}

    def tokens(self, start: int, end: int) -> list[Token]:
        key = (start, end)
        if key not in self._cache:
            if self.korean is not None:
                self._cache[key] = self.korean.tokens(self.text, start, end)
            else:
                self._cache[key] = _latin_tokens(self.text, start, end, self.language)
        return self._cache[key]


@lru_cache(maxsize=4096)
def cue_lemmas(cue: str, language: str) -> tuple[frozenset[str], ...]:
    """A cue phrase as the forms each of its words may take: as written, or lemmatised
    ("took down" -> {took, take}, {down}). Both, because a cue written as a lemma can be
    lemmatised into something else ("trekken" -> the noun "trek")."""
    if language == "ko":
        return tuple(frozenset({w}) for w in cue.split())
    return tuple(frozenset({w, lemma(w, language)}) for w in cue.lower().split())
