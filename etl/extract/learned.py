"""A second opinion on each figure's metric, from a model trained on the labelled corpus.

The rules in `classify.py` decide a metric from the cues they were written for; the model
has read every figure of the corpus's dev half and weighs every cue and word around a
number at once. On articles no rule was fitted to it is right more often than the rules
(README, "A learned second opinion on the metric"), but it is wrong in other places, so it
overrules the rules only where it disagrees with them and is at least `threshold` sure, and
only between metrics it has seen often enough to know (MIN_SUPPORT): the corpus labels no
logistics investment, so the model would never read one, and a rule's reading of it stands.
The figure then says so in its cue ("learned: ...") and carries the model's probability as
its score; its chance is counted apart from the rules' (etl/claims/chances.py).

The model is a multinomial logistic regression: a weight per feature and metric, summed and
put through a softmax. Its weights live in `metric_model.json` beside this file, written by
`cfwatch eval --train` (scikit-learn fits them; reading them needs only numpy). A feature
the file does not hold weighs nothing, so a model stays usable while the vocabulary grows;
`tests/unit/test_learned.py` fails when the dev half's labels change and the model was not
trained again.

Features are strings, the same at training and at reading time, built here only:
- what the rules read: what is counted, who acted, the unit, the link, the deciding cue;
- every vocabulary cue of the sentence, by its side of the number and its distance;
- the lemmas of the sentence, and the nearest four on each side of the number.
"""

from __future__ import annotations

import bisect
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from etl.extract.records import evolve

if TYPE_CHECKING:
    from etl.extract.analysis import Token
    from etl.extract.classify import CueMatch
    from etl.extract.figures import Figure

MODEL_FILE = Path(__file__).with_name("metric_model.json")
# A cue's distance from the number, in characters: near, middle, far; a cue farther than
# FAR_CHARS is not read (a sentence of thousands of figures would make it quadratic).
NEAR_CHARS, MIDDLE_CHARS, FAR_CHARS = 25, 80, 300
# Characters a cue spans at most, for finding the cues near a number by their starts.
LONGEST_CUE_CHARS = 100
# Lemmas each side of the number taken as features.
WINDOW_TOKENS = 4
# What the rules read, taken as features as they are.
READ_FIELDS = ("counted", "actor", "link", "cue")
# Prefix of the cue of a figure whose metric the model chose.
LEARNED_CUE = "learned: "
# Labelled figures of a metric the model must have trained on before it overrules the rules
# to or from that metric.
MIN_SUPPORT = 20
# Figures per article the model reads (about 30 microseconds each): past them the rules
# decide alone. Only an article far larger than any real one gets there (the bench's 5 MB
# article has 156,240 figures; a long real report, a few hundred).
FIGURE_BUDGET = 20_000


# The kinds of feature a word gives, by where it stands.
WORD_PLACES = ("sentence", "left", "right", "left1", "right1")
# A cue's feature by its side of the number and its distance band, in the order coded.
CUE_PLACES = tuple(f"{side}-{band}" for side in ("before", "after")
                   for band in ("near", "middle", "far"))


class FeatureCoder:
    """Names each feature once per article. Training keeps the names; a Reader codes them as
    rows of its weights (`code`), None for a feature the model does not know."""

    def __init__(self):
        self._words: dict[str, dict[str, tuple]] = {}
        self._cues: dict[tuple[str, str], tuple] = {}
        self._read: dict[tuple, list] = {}

    def code(self, name: str):
        return name

    def word(self, language: str, lemma: str) -> tuple:
        """A word's codes, in the order of WORD_PLACES."""
        known = self._words.setdefault(language, {})
        if lemma not in known:
            known[lemma] = tuple(self.code(f"{language}:{place}={lemma}")
                                 for place in WORD_PLACES)
        return known[lemma]

    def cue(self, vocabulary: str, term: str) -> tuple:
        """A cue's code anywhere in the sentence, then by its place (CUE_PLACES)."""
        key = (vocabulary, term)
        if key not in self._cues:
            name = f"cue:{vocabulary}:{term}"
            self._cues[key] = (self.code(name),
                               *(self.code(f"{name}@{place}") for place in CUE_PLACES))
        return self._cues[key]

    def read(self, figure: Figure) -> list:
        """The codes of what the rules read of a figure."""
        key = (figure.quantity.unit_kind, *(getattr(figure, name) for name in READ_FIELDS))
        if key not in self._read:
            self._read[key] = [self.code(f"{name}={value}") for name, value in
                               zip(("unit_kind", *READ_FIELDS), key, strict=True)]
        return self._read[key]


class SentenceFeatures:
    """The features of one sentence, coded once for all its figures: its words, and its cues
    with the code each gives on each side of a number at each distance."""

    def __init__(self, tokens: list[Token], cues: dict[str, list[CueMatch]], language: str,
                 coder: FeatureCoder):
        words = [t for t in tokens if t.tag not in ("P", "NUM")]
        self.word_starts = [t.start for t in words]
        self.word_ends = [t.end for t in words]
        coded = [coder.word(language, t.lemma) for t in words]
        self.bag = list({codes[0] for codes in coded} - {None})
        self.left, self.right, self.left1, self.right1 = (
            [codes[place] for codes in coded] for place in range(1, 5))
        self.cues = sorted((tokens[m.start].start, tokens[m.end - 1].end, name,
                            coder.cue(name, m.term.key))
                           for name, found in cues.items() for m in found)
        self.cue_starts = [cue[0] for cue in self.cues]

    def around(self, start: int, end: int, unit_kind: str | None) -> list:
        """The codes of the number at [start, end) that its place in the sentence gives
        (None where the coder knows no such feature)."""
        out = []
        own_nouns = f"metrics-{unit_kind}"
        first = bisect.bisect_left(self.cue_starts, start - FAR_CHARS - LONGEST_CUE_CHARS)
        last = bisect.bisect_right(self.cue_starts, end + FAR_CHARS)
        for cue_start, cue_end, name, codes in self.cues[first:last]:
            if name.startswith("metrics-") and name != own_nouns:
                continue  # the nouns of another unit's metrics say nothing of this figure
            if cue_end <= start:
                distance, place = start - cue_end, 1
            else:
                distance, place = cue_start - end, 4
            if distance >= FAR_CHARS:
                continue
            place += 0 if distance < NEAR_CHARS else 1 if distance < MIDDLE_CHARS else 2
            out.append(codes[0])
            out.append(codes[place])
        left_end = bisect.bisect_right(self.word_ends, start)
        right_start = bisect.bisect_left(self.word_starts, end)
        out += self.left[max(0, left_end - WINDOW_TOKENS):left_end]
        out += self.right[right_start:right_start + WINDOW_TOKENS]
        if left_end:
            out.append(self.left1[left_end - 1])
        if right_start < len(self.right1):
            out.append(self.right1[right_start])
        return out


@dataclass(frozen=True, eq=False)
class MetricModel:
    """Trained weights: one row per feature, one column per metric."""

    metrics: tuple[str, ...]
    intercept: np.ndarray  # one per metric
    features: dict[str, int]  # a feature's row in `weights`
    weights: np.ndarray  # features x metrics
    threshold: float  # how sure the model must be to overrule the rules
    trained_on: dict  # what it was trained on (articles, figures, the labels' fingerprint)
    support: dict[str, int]  # labelled figures of each metric it was trained on

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> MetricModel | None:
        """The model in `path`, or None where there is none (the rules then decide alone)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        names = list(data["weights"])
        return cls(tuple(data["metrics"]), np.array(data["intercept"], dtype=np.float64),
                   {name: row for row, name in enumerate(names)},
                   np.array([data["weights"][name] for name in names], dtype=np.float64)
                   .reshape(len(names), len(data["metrics"])),
                   float(data["threshold"]), data["trained_on"], data["support"])

    def write(self, path: Path = MODEL_FILE) -> None:
        """One line per feature, so that a retrained model diffs as the weights it changed."""
        rows = sorted(self.features.items())
        lines = [f"{json.dumps(name, ensure_ascii=False)}:"
                 f"{json.dumps([round(float(w), 4) for w in self.weights[row]])}"
                 for name, row in rows]
        header = {"metrics": list(self.metrics),
                  "intercept": [round(float(w), 4) for w in self.intercept],
                  "threshold": self.threshold, "trained_on": self.trained_on,
                  "support": dict(sorted(self.support.items()))}
        text = json.dumps(header, ensure_ascii=False, indent=1)[:-2] + \
            ',\n "weights": {\n' + ",\n".join(lines) + "\n}}\n"
        path.write_text(text, encoding="utf-8")

    def overrules(self, rules_metric: str, metric: str, chance: float) -> bool:
        """Does the model's reading `metric`, `chance` sure, replace the rules' reading?"""
        return metric != rules_metric and chance >= self.threshold and \
            min(self.support.get(rules_metric, 0), self.support.get(metric, 0)) >= MIN_SUPPORT

    def probabilities(self, features: list[str]) -> np.ndarray:
        """Each metric's probability given the features (a softmax of the summed weights)."""
        rows = [self.features[name] for name in set(features) if name in self.features]
        return _softmax(self.intercept + self.weights[rows].sum(axis=0))


def _softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


class Reader:
    """What `extract` asks of a second opinion: each figure's features as it is classified,
    then a decision over the classified figures, which returns the same list where it
    changes nothing. This one decides by a trained model.

    An article at the size cap has over 150,000 figures: each feature is named once per
    article, each sentence's words are weighed once, and the figures are scored together at
    the end."""

    def __init__(self, model: MetricModel):
        self.model = model
        self.coder = _RowCoder(model.features)
        self.begin()

    def begin(self) -> None:
        """Forget the last article: `extract` calls it first."""
        self._sentence: SentenceFeatures | None = None
        self._sentence_scores: list[np.ndarray] = []  # the weights of each sentence's words
        self._observed: dict[int, tuple[int, list]] = {}  # by figure_no

    def reads_more(self) -> bool:
        """Is the model still reading figures in this article (FIGURE_BUDGET)?"""
        return len(self._observed) < FIGURE_BUDGET

    def observe(self, figure_no: int, sentence: SentenceFeatures, own: list) -> None:
        if sentence is not self._sentence:
            self._sentence = sentence
            self._sentence_scores.append(self.model.weights[sentence.bag].sum(axis=0))
        self._observed[figure_no] = (len(self._sentence_scores) - 1, own)

    def decide(self, figures: list[Figure]) -> list[Figure]:
        model = self.model
        scored = [f for f in figures if f.figure_no in self._observed and f.link != "converted"]
        if not scored:
            return figures
        sentences, counts, rows = [], [], []
        for f in scored:
            sentence_no, own = self._observed[f.figure_no]
            sentences.append(sentence_no)
            own = {row for row in own if row is not None}
            own.update(row for row in self.coder.read(f) if row is not None)
            counts.append(len(own))
            rows += own
        owner = np.repeat(np.arange(len(scored)), counts)
        row_array = np.array(rows, dtype=np.int64)
        scores = model.intercept + np.stack(self._sentence_scores)[sentences]
        for k in range(len(model.metrics)):
            scores[:, k] += np.bincount(owner, weights=model.weights[row_array, k],
                                        minlength=len(scored))
        # the two values of a change measure the same thing: they are read together
        log_chances = np.log(np.maximum(_softmax(scores), 1e-300))
        position = {f.figure_no: n for n, f in enumerate(scored)}
        groups = {n: (n,) for n in range(len(scored))}
        for n, f in enumerate(scored):
            before = position.get(f.linked_to) if f.link == "after" else None
            if before is not None and len(groups.get(before, ())) == 1 and n in groups:
                groups[before] = (before, n)
                del groups[n]
                log_chances[before] += log_chances[n]
        firsts = np.array(list(groups), dtype=np.int64)
        chances = _softmax(log_chances[firsts])
        best = chances.argmax(axis=1)
        changed = {}
        for k in np.flatnonzero(chances[np.arange(len(firsts)), best] >= model.threshold):
            members = [scored[n] for n in groups[int(firsts[k])]]
            metric, chance = model.metrics[best[k]], float(chances[k, best[k]])
            if all(self._may_change(f, metric, chance) for f in members):
                for f in members:
                    changed[f.figure_no] = evolve(
                        f, metric=metric, confidence=round(chance, 2),
                        cue=f"{LEARNED_CUE}{metric} over {f.metric}")
        if not changed:
            return figures
        return _converted_follow([changed.get(f.figure_no, f) for f in figures])

    def _may_change(self, f: Figure, metric: str, chance: float) -> bool:
        """The rules' reading stands where the model is not sure, or knows too little of
        either metric, or where the number itself rules the model's reading out: a value the
        rules made a fall is a change, and a share is no more than its whole."""
        return self.model.overrules(f.metric, metric, chance) and not f.quantity.signed and \
            not (metric == "share_percent" and f.quantity.over_a_whole)


class _RowCoder(FeatureCoder):
    def __init__(self, rows: dict[str, int]):
        super().__init__()
        self.rows = rows

    def code(self, name: str) -> int | None:
        return self.rows.get(name)


class Recorder(Reader):
    """Records every figure's features by name and changes nothing: what training reads."""

    def __init__(self):
        self.coder = FeatureCoder()
        self.begin()

    def begin(self) -> None:
        self._features: dict[int, list[str]] = {}
        self.features: dict[int, list[str]] = {}  # by figure_no, once `decide` has run

    def reads_more(self) -> bool:
        return True

    def observe(self, figure_no: int, sentence: SentenceFeatures, own: list) -> None:
        self._features[figure_no] = sentence.bag + own

    def decide(self, figures: list[Figure]) -> list[Figure]:
        # a converted amount is never read by the model: it follows its original
        self.features = {f.figure_no: self._features[f.figure_no] + self.coder.read(f)
                         for f in figures
                         if f.figure_no in self._features and f.link != "converted"}
        return figures


def learned(figure: Figure) -> bool:
    """Was the figure's metric chosen by the model over the rules'?"""
    return (figure.cue or "").startswith(LEARNED_CUE)


def _converted_follow(figures: list[Figure]) -> list[Figure]:
    """A converted amount measures what its original does ("10 billion won ($7.6 million)")."""
    by_no = {f.figure_no: f for f in figures}
    out = []
    for f in figures:
        original = by_no.get(f.linked_to) if f.link == "converted" else None
        if original is not None and original.metric != f.metric:
            f = evolve(f, metric=original.metric, cue=original.cue,
                       confidence=original.confidence)
        out.append(f)
    return out


@functools.cache
def _shipped_model() -> MetricModel | None:
    return MetricModel.load()


def shipped_reader() -> Reader | None:
    """A reader with the model that ships with the package, loaded once per process."""
    model = _shipped_model()
    return Reader(model) if model is not None else None
