"""Would a model trained on the labelled corpus choose metrics better than the rules?

The experiment behind the README's "Learning from the labels instead" paragraphs, kept so
that its figures can be reproduced. It is not part of the tool and ships nothing: scikit-learn
is not a dependency of the project.

    .venv/bin/pip install scikit-learn
    .venv/bin/python docs/experiments/learned_metric.py curve   # dev half only
    .venv/bin/python docs/experiments/learned_metric.py test    # scores the test half once

Every figure the extractor found with the right value is one example: its label's metric is
the class; the features are what the rules decided (optionally), what is counted, who acted,
the unit, each vocabulary cue in its sentence by side and distance, and the lemmas around the
number. Folds are grouped by article, so no article is both trained and scored on.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from etl.evaluation.corpus import load_corpus  # noqa: E402
from etl.evaluation.score import score_article  # noqa: E402
from etl.extract.analysis import Analyser  # noqa: E402
from etl.extract.classify import find_all_cues  # noqa: E402
from etl.extract.figures import extract  # noqa: E402
from etl.extract.periods import Published  # noqa: E402

NEAR_CHARS, MIDDLE_CHARS = 25, 80  # a cue's distance from the number, in three bands
WINDOW_TOKENS = 4  # lemmas each side of the number taken as features
FOLDS = 5


def examples(half: str) -> list[dict]:
    """Every figure found with the right value in one half of the corpus, as plain data."""
    out = []
    for article in load_corpus([ROOT / "seeds" / "eval" / half]).articles:
        found = extract(article.text, article.language, Published.parse(article.published),
                        article.stem)
        analyser = Analyser(article.text, article.language)
        for match in score_article(article, found).matches:
            if not match.value_ok or match.figure.sentence is None:
                continue
            figure, sentence = match.figure, match.figure.sentence
            tokens = analyser.tokens(sentence.char_start, sentence.char_end)
            cues = [(name, m.term.key, tokens[m.start].start, tokens[m.end - 1].end)
                    for name, found_cues in find_all_cues(tokens, article.language).items()
                    for m in found_cues]
            out.append(dict(
                article=article.stem, language=article.language, label=match.label.metric,
                rules=figure.metric, cue=figure.cue, counted=figure.counted,
                actor=figure.actor, unit_kind=figure.quantity.unit_kind, link=figure.link,
                start=figure.quantity.char_start, end=figure.quantity.char_end, cues=cues,
                tokens=[(t.start, t.end, t.lemma, t.tag) for t in tokens if t.tag != "P"]))
    return out


def features(example: dict, with_rules: bool) -> Counter:
    f: Counter = Counter()
    if with_rules:
        f["rules=" + example["rules"]] = 1
    for key in ("counted", "actor", "unit_kind", "link", "cue"):
        f[f"{key}={example[key]}"] = 1
    for name, term, cue_start, cue_end in example["cues"]:
        if name.startswith("metrics-") and name != f"metrics-{example['unit_kind']}":
            continue  # the nouns of another unit's metrics say nothing of this figure
        before = cue_end <= example["start"]
        distance = example["start"] - cue_end if before else cue_start - example["end"]
        band = "near" if distance < NEAR_CHARS else "middle" if distance < MIDDLE_CHARS \
            else "far"
        f[f"cue:{name}:{term}"] = 1
        f[f"cue:{name}:{term}@{'before' if before else 'after'}-{band}"] = 1
    language, words = example["language"], [t for t in example["tokens"] if t[3] != "NUM"]
    left = [t for t in words if t[1] <= example["start"]][-WINDOW_TOKENS:]
    right = [t for t in words if t[0] >= example["end"]][:WINDOW_TOKENS]
    for t in words:
        f[f"{language}:sentence={t[2]}"] = 1
    for side, near in (("left", left[::-1]), ("right", right)):
        for i, t in enumerate(near):
            f[f"{language}:{side}={t[2]}"] = 1
            if i == 0:
                f[f"{language}:{side}1={t[2]}"] = 1
    return f


def _model():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=1.0, max_iter=3000)


def cross_validated(dev: list[dict], with_rules: bool, fraction: float, seed: int) -> float:
    """Accuracy on held-out folds of the dev half, training on `fraction` of each training
    fold's articles."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold
    rows = [features(e, with_rules) for e in dev]
    labels = [e["label"] for e in dev]
    groups = [e["article"] for e in dev]
    draw = random.Random(seed)
    right = 0
    for train, held_out in GroupKFold(FOLDS).split(rows, labels, groups):
        articles = sorted({groups[i] for i in train})
        draw.shuffle(articles)
        kept = set(articles[:max(1, round(len(articles) * fraction))])
        train = [i for i in train if groups[i] in kept]
        vectors = DictVectorizer()
        model = _model().fit(vectors.fit_transform([rows[i] for i in train]),
                             [labels[i] for i in train])
        guessed = model.predict(vectors.transform([rows[i] for i in held_out]))
        right += sum(g == labels[i] for g, i in zip(guessed, held_out, strict=True))
    return right / len(dev)


def learning_curve() -> None:
    dev = examples("dev")
    articles = len({e["article"] for e in dev})
    for with_rules in (False, True):
        for fraction in (0.25, 0.5, 0.75, 1.0):
            draws = [cross_validated(dev, with_rules, fraction, seed)
                     for seed in range(3 if fraction < 1 else 1)]
            trained_on = round(articles * (FOLDS - 1) / FOLDS * fraction)
            print(f"rules' decision {'in' if with_rules else 'out'}: about {trained_on} "
                  f"articles, {sum(draws) / len(draws):.3f} "
                  f"({', '.join(f'{d:.3f}' for d in draws)})")


def test_half() -> None:
    from sklearn.feature_extraction import DictVectorizer
    dev, test = examples("dev"), examples("test")
    for with_rules in (False, True):
        vectors = DictVectorizer()
        model = _model().fit(vectors.fit_transform([features(e, with_rules) for e in dev]),
                             [e["label"] for e in dev])
        guessed = model.predict(vectors.transform([features(e, with_rules) for e in test]))
        right = sum(g == e["label"] for g, e in zip(guessed, test, strict=True)) / len(test)
        rules = sum(e["rules"] == e["label"] for e in test) / len(test)
        print(f"rules' decision {'in' if with_rules else 'out'}: test half {right:.3f}, "
              f"the rules {rules:.3f}")


if __name__ == "__main__":
    {"curve": learning_curve, "test": test_half}[sys.argv[1] if len(sys.argv) > 1 else "curve"]()
