"""The learned second opinion on metrics (etl/extract/learned.py): it overrules the rules only
where it disagrees and is sure, says so, reads what training recorded, and ships fitted on the
dev half as it is now."""

import numpy as np

from etl.extract import learned
from etl.extract.figures import extract
from etl.extract.learned import LEARNED_CUE, MetricModel, Reader, Recorder
from etl.extract.periods import Published
from etl.paths import ROOT

PUB = Published.parse("2023-12-06")
ARREST = "Police arrested 12 suspects after the customs raid."


def _model(weights: dict[str, dict[str, float]], threshold: float,
           metrics=("enforcement_cases", "seized_items", "seized_value", "other")) -> MetricModel:
    """A model by hand: each named feature's weight per metric, zero elsewhere."""
    names = sorted(weights)
    matrix = np.array([[weights[name].get(m, 0.0) for m in metrics] for name in names])
    return MetricModel(tuple(metrics), np.zeros(len(metrics)),
                       {name: row for row, name in enumerate(names)},
                       matrix.reshape(len(names), len(metrics)), threshold, {},
                       dict.fromkeys(metrics, learned.MIN_SUPPORT))


def _metrics(text: str, reader) -> list[tuple[str, str | None, float]]:
    return [(f.metric, f.cue, f.confidence) for f in extract(text, "en", PUB, "s",
                                                             reader=reader).figures]


def test_the_model_overrules_the_rules_where_it_is_sure_and_says_so():
    (rules_metric, rules_cue, _), = _metrics(ARREST, None)
    assert rules_metric == "enforcement_cases"
    # the word "raid" anywhere in the sentence pulls towards seized_items: e^5 / (e^5 + 3)
    model = _model({"en:sentence=raid": {"seized_items": 5.0}}, threshold=0.9)
    (metric, cue, confidence), = _metrics(ARREST, Reader(model))
    assert metric == "seized_items"
    assert cue == f"{LEARNED_CUE}seized_items over enforcement_cases"
    assert confidence == round(np.exp(5) / (np.exp(5) + 3), 2)


def test_where_the_model_is_not_sure_enough_the_rules_stand():
    model = _model({"en:sentence=raid": {"seized_items": 5.0}}, threshold=0.99)
    assert _metrics(ARREST, Reader(model)) == _metrics(ARREST, None)


def test_where_the_model_agrees_the_rules_cue_is_kept():
    model = _model({"en:left=arrest": {"enforcement_cases": 9.0}}, threshold=0.5)
    assert _metrics(ARREST, Reader(model)) == _metrics(ARREST, None)


def test_the_model_never_overrules_to_or_from_a_metric_it_has_seen_too_little():
    model = _model({"en:sentence=raid": {"seized_items": 9.0}}, threshold=0.5)
    rare = MetricModel(model.metrics, model.intercept, model.features, model.weights, 0.5, {},
                       {**model.support, "seized_items": learned.MIN_SUPPORT - 1})
    assert _metrics(ARREST, Reader(rare)) == _metrics(ARREST, None)
    unknown_rules = MetricModel(model.metrics, model.intercept, model.features, model.weights,
                                0.5, {}, {"seized_items": 100})  # never saw enforcement_cases
    assert _metrics(ARREST, Reader(unknown_rules)) == _metrics(ARREST, None)


def test_a_converted_amount_follows_its_original():
    text = "Customs seized goods worth 10 billion won ($7.6 million) in the raid."
    rules = _metrics(text, None)
    assert rules[0][0] == rules[1][0] == "seized_value"
    model = _model({"en:sentence=raid": {"other": 9.0}}, threshold=0.5)
    (first, *_), (second, *_) = _metrics(text, Reader(model))
    assert first == second == "other"


def test_past_its_budget_the_model_reads_no_more_figures(monkeypatch):
    # the budget is counted at each sentence's start
    text = "Police arrested 12 suspects after the raid. A day later a raid found 14 more."
    model = _model({"en:sentence=raid": {"seized_items": 9.0}}, threshold=0.5)
    rules = [m for m, *_ in _metrics(text, None)]
    assert "seized_items" not in rules
    assert [m for m, *_ in _metrics(text, Reader(model))] == ["seized_items"] * 2
    monkeypatch.setattr(learned, "FIGURE_BUDGET", 1)
    assert [m for m, *_ in _metrics(text, Reader(model))] == ["seized_items", rules[1]]


def test_the_reader_weighs_what_training_recorded():
    """Training names each figure's features (Recorder); reading codes them as rows: the
    two must be the same features, or the weights would be read against other features."""
    text = ("Customs seized 1,234 fake bags worth €2.5 million in 2023, up from 900 the year "
            "before, and police arrested 12 suspects.\n\nThe platform removed more than 40,000 "
            "listings and closed 310 stores.")
    recorder = Recorder()
    found = extract(text, "en", PUB, "s", reader=recorder).figures
    names = sorted({name for features in recorder.features.values() for name in features})
    draw = np.random.default_rng(7)
    metrics = ("enforcement_cases", "seized_items", "seized_value", "removed_listings",
               "closed_stores", "other")
    model = MetricModel(metrics, np.zeros(len(metrics)), {n: i for i, n in enumerate(names)},
                        draw.normal(0, 2, (len(names), len(metrics))), 0.0, {},
                        dict.fromkeys(metrics, learned.MIN_SUPPORT))
    read = {f.figure_no: f for f in extract(text, "en", PUB, "s", reader=Reader(model)).figures}
    for f in found:
        chances = model.probabilities(recorder.features[f.figure_no])
        expected = model.metrics[int(chances.argmax())]
        if f.link != "converted":
            assert read[f.figure_no].metric == expected, f.quantity.surface


def test_a_written_model_reads_back(tmp_path):
    model = _model({"en:sentence=raid": {"seized_items": 1.23456},
                    "cue:acts:seize@before-near": {"other": -0.5}}, threshold=0.8)
    model.write(tmp_path / "m.json")
    back = MetricModel.load(tmp_path / "m.json")
    assert back.metrics == model.metrics and back.threshold == 0.8
    assert back.support == model.support
    assert back.features == model.features
    assert np.allclose(back.weights, model.weights, atol=1e-4)
    assert MetricModel.load(tmp_path / "none.json") is None


def test_the_shipped_model_was_fitted_on_the_dev_half_as_it_is():
    """A change to the dev half's labels fails here until `cfwatch eval --train` is run."""
    from etl.evaluation.train import fingerprint

    shipped = MetricModel.load()
    assert shipped is not None
    assert shipped.trained_on["labels"] == fingerprint(ROOT / "seeds" / "eval" / "dev"), \
        "run `cfwatch eval --train`, then `cfwatch eval --calibrate`"
    assert 0 < shipped.threshold <= 1


def test_fitting_gives_a_model_that_reads_its_examples():
    from etl.evaluation.train import Example, cross_validate, fit

    labels = ("enforcement_cases", "seized_items")  # the rules read each as the other
    examples = [Example(f"a{i}", labels[i % 2], labels[1 - i % 2],
                        ["en:sentence=raid" if i % 2 else "en:sentence=police"])
                for i in range(4 * learned.MIN_SUPPORT)]  # each fold trains on 32 of each
    model = fit(examples, threshold=0.6)
    for e in examples:
        assert model.metrics[int(model.probabilities(e.features).argmax())] == e.label
    assert model.support == dict.fromkeys(labels, 2 * learned.MIN_SUPPORT)
    assert cross_validate(examples, [0.6, 1.01]) == {0.6: 1.0, 1.01: 0.0}
