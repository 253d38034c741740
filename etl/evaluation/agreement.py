"""How far two people agree when they label the same articles: the ceiling of `cfwatch eval`.

An extractor cannot be measured more finely than its labels are made. When two careful
labellers, following seeds/eval/README.md, give the same figure different metrics or windows,
that share of the corpus is a matter of convention, and no extractor can score above the
labellers' agreement on it. `cfwatch eval --agree DIR` labels nothing itself: it compares a
second labeller's files (same stems) with the corpus's and prints, per language, how often
they agree on what is a figure, its value, metric (with Cohen's kappa), qualifier and window.

Pure: labelled articles in, counts out. Figures are paired as `score` pairs a label with an
extracted figure: by overlapping span, a pair with the same value first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from etl.evaluation.corpus import LabelledArticle, LabelledFigure
from etl.evaluation.score import BOUNDED, pair_by_span, reading_of, readings_agree, share, window


def same_value(a: LabelledFigure, b: LabelledFigure) -> bool:
    """The same number read the same way (durations in days; ranges by both bounds)."""
    return readings_agree(reading_of(a), reading_of(b),
                          a.qualifier in BOUNDED or b.qualifier in BOUNDED)


@dataclass
class Agreement:
    first: int = 0  # figures the first labeller labelled
    second: int = 0
    paired: int = 0  # figures both labelled at overlapping spans
    values_same: int = 0
    metric_same: int = 0
    qualifier_same: int = 0
    periods_scored: int = 0  # pairs where either labeller gives a window
    periods_same: int = 0
    # (first's metric, second's metric) over the pairs with the same value
    confusion: Counter = field(default_factory=Counter)
    # (stem, first's label, second's label): same value, another metric or window
    disagreements: list = field(default_factory=list)

    def add(self, first: LabelledArticle, second: LabelledArticle) -> None:
        self.first += len(first.figures)
        self.second += len(second.figures)
        for a, b in pair_by_span(first.figures, second.figures,
                                 lambda f: (f.char_start, f.char_end), same_value):
            if b is None:
                continue
            self.paired += 1
            if not same_value(a, b):
                continue
            self.values_same += 1
            self.confusion[(a.metric, b.metric)] += 1
            if a.metric != b.metric or window(a) != window(b):
                self.disagreements.append((first.stem, a, b))
            self.metric_same += a.metric == b.metric
            self.qualifier_same += a.qualifier == b.qualifier
            if window(a) is not None or window(b) is not None:
                self.periods_scored += 1
                self.periods_same += window(a) == window(b)

    @property
    def figure_agreement(self) -> float:
        """Of the figures either labelled, the share both labelled (Dice over spans)."""
        return share(2 * self.paired, self.first + self.second)

    @property
    def value_agreement(self) -> float:
        return share(self.values_same, self.paired)

    @property
    def metric_agreement(self) -> float:
        return share(self.metric_same, self.values_same)

    @property
    def metric_kappa(self) -> float:
        """Cohen's kappa: agreement on the metric beyond what chance would give."""
        n = sum(self.confusion.values())
        if not n:
            return 1.0
        first, second = Counter(), Counter()
        for (a, b), count in self.confusion.items():
            first[a] += count
            second[b] += count
        chance = sum(first[m] * second[m] for m in first) / (n * n)
        return 1.0 if chance == 1 else (self.metric_agreement - chance) / (1 - chance)

    @property
    def qualifier_agreement(self) -> float:
        return share(self.qualifier_same, self.values_same)

    @property
    def period_agreement(self) -> float:
        return share(self.periods_same, self.periods_scored)


def compare(first: list[LabelledArticle],
            second: list[LabelledArticle]) -> tuple[dict[str, Agreement], list[str]]:
    """Agreement per language and over all ("all"), on the articles both labelled; and the
    stems of `second` that `first` does not have."""
    by_stem = {a.stem: a for a in first}
    out: dict[str, Agreement] = defaultdict(Agreement)
    unmatched = []
    for b in second:
        a = by_stem.get(b.stem)
        if a is None:
            unmatched.append(b.stem)
            continue
        if a.text != b.text:
            raise ValueError(f"{b.stem}: the two labellers' texts differ")
        out[a.language].add(a, b)
        out["all"].add(a, b)
    return dict(out), unmatched
