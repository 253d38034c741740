"""Fit the learned second opinion on metrics (`etl/extract/learned.py`) on the dev half.

Every figure the extractor finds with the right value is one example: the label's metric is
its class, its features are what `learned.py` builds. scikit-learn's logistic regression
fits the weights (`pip install -e '.[learn]'`); the file it writes needs only numpy to read.
The test half is never read here.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from etl.errors import CfwatchError
from etl.extract.learned import MetricModel, Reader, Recorder

# Inverse strength of the weights' penalty: chosen by 5-fold cross-validation on the dev
# half, grouped by article (0.3, 1 and 3 tried).
PENALTY_C = 1.0
# A feature seen in fewer articles than this is left out: it can teach only that article.
MIN_ARTICLES = 2
# Weights smaller than this are written as none: they change no decision.
SMALLEST_WEIGHT = 0.005
# Folds of the dev half, by article, for cross-validation and held-out reading.
FOLDS = 5


@dataclass(frozen=True)
class Example:
    article: str
    label: str  # the labelled metric
    rules: str  # the metric the rules read
    features: list[str]


def require_scikit_learn(for_what: str) -> None:
    """Fail at once, not after minutes of extraction, where scikit-learn is missing."""
    try:
        import sklearn  # noqa: F401
    except ImportError as e:
        raise CfwatchError("scikit-learn", f"{for_what} needs it: pip install -e '.[learn]'") \
            from e


def examples(half: Path) -> list[Example]:
    """Every figure found with the right value in the labelled articles under `half`."""
    from etl.evaluation.corpus import load_corpus
    from etl.evaluation.score import score_article
    from etl.extract.figures import extract
    from etl.extract.periods import Published

    out = []
    for article in load_corpus([half]).articles:
        recorder = Recorder()
        found = extract(article.text, article.language, Published.parse(article.published),
                        article.stem, reader=recorder)
        for match in score_article(article, found).matches:
            features = recorder.features.get(match.figure.figure_no) if match.value_ok \
                else None
            if features is not None:
                out.append(Example(article.stem, match.label.metric, match.figure.metric,
                                   features))
    return out


def fingerprint(half: Path) -> str:
    """A digest of the labelled articles under `half`: a model is stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted(half.rglob("*")):
        if path.suffix in (".toml", ".txt"):
            digest.update(path.relative_to(half).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fit(train: list[Example], threshold: float, c: float = PENALTY_C,
        trained_on: dict | None = None) -> MetricModel:
    """A model fitted on `train`."""
    require_scikit_learn("fitting the learned second opinion")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    articles_with: dict[str, set[str]] = {}
    for e in train:
        for name in e.features:
            articles_with.setdefault(name, set()).add(e.article)
    kept = {name for name, seen in articles_with.items() if len(seen) >= MIN_ARTICLES}
    vectors = DictVectorizer()
    matrix = vectors.fit_transform([{name: 1 for name in e.features if name in kept}
                                    for e in train])
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, [e.label for e in train])
    weights = model.coef_.T  # features x metrics
    if weights.shape[1] == 1:  # two classes: scikit-learn keeps one row of weights
        weights = np.hstack([-weights, weights]) / 2
    rows = [i for i in range(weights.shape[0])
            if np.abs(weights[i]).max() >= SMALLEST_WEIGHT]
    names = vectors.get_feature_names_out()
    intercept = model.intercept_ if len(model.intercept_) > 1 else \
        np.array([-model.intercept_[0], model.intercept_[0]]) / 2
    support = Counter(e.label for e in train)
    return MetricModel(tuple(str(m) for m in model.classes_), intercept,
                       {str(names[i]): n for n, i in enumerate(rows)}, weights[rows],
                       threshold, trained_on or {}, dict(support))


def train(dev: Path, threshold: float) -> tuple[MetricModel, list[Example]]:
    """The model fitted on the whole dev half."""
    found = examples(dev)
    articles = sorted({e.article for e in found})
    trained_on = {"labels": fingerprint(dev), "articles": len(articles),
                  "figures": len(found), "penalty_c": PENALTY_C,
                  "min_articles": MIN_ARTICLES, "stems": articles}
    return fit(found, threshold, trained_on=trained_on), found


def decided(model: MetricModel, e: Example) -> str:
    """The metric a figure ends with: the model's where it is sure and disagrees."""
    chances = model.probabilities(e.features)
    best = int(chances.argmax())
    metric = model.metrics[best]
    return metric if model.overrules(e.rules, metric, float(chances[best])) else e.rules


def fold_models(found: list[Example], threshold: float,
                c: float = PENALTY_C) -> dict[str, MetricModel]:
    """For each article, a model fitted on the other folds' articles (FOLDS, by article)."""
    articles = sorted({e.article for e in found})
    fold_of = {a: i % FOLDS for i, a in enumerate(articles)}
    out = {}
    for fold in range(FOLDS):
        model = fit([e for e in found if fold_of[e.article] != fold], threshold, c)
        out.update({a: model for a in articles if fold_of[a] == fold})
    return out


def cross_validate(found: list[Example], thresholds: list[float],
                   c: float = PENALTY_C) -> dict[float, float]:
    """Metric accuracy at each threshold, with each article scored by a model that never saw
    it."""
    models = fold_models(found, 1.0, c)
    right = dict.fromkeys(thresholds, 0)
    for threshold in thresholds:
        for e in found:
            model = models[e.article]
            judged = MetricModel(model.metrics, model.intercept, model.features, model.weights,
                                 threshold, {}, model.support)
            right[threshold] += decided(judged, e) == e.label
    return {t: right[t] / len(found) for t in thresholds}


def held_out_readers(dev: Path) -> dict[str, Reader]:
    """For each article of the dev half, a reader whose model was fitted on the other folds
    at the shipped model's threshold: what the model does on text it did not learn from. The
    shipped model has learned the dev half itself, so scoring the dev half with it (or
    fitting the chances there) would measure it on its own answers."""
    shipped = MetricModel.load()
    if shipped is None:
        return {}
    require_scikit_learn("scoring the dev half (each article by a model fitted without it)")
    return {article: Reader(model)
            for article, model in fold_models(examples(dev), shipped.threshold).items()}
