"""The extractor measured on the project's own labelled corpus (seeds/eval), as `cfwatch eval`
reports it: the test half must not fall below what it reaches today (score.FLOORS), and the
command must say plainly which of the issue's targets (score.THRESHOLDS) are not met."""

from __future__ import annotations

import dataclasses
import itertools
import math
import subprocess
import sys

import pytest

from etl.evaluation.corpus import load_corpus
from etl.evaluation.score import FLOORS, THRESHOLDS, score_article, summarise
from etl.extract.figures import extract
from etl.extract.periods import Published
from etl.paths import ROOT
from tests.conftest import cfwatch

EVAL = ROOT / "seeds" / "eval"


def scores(half: str):
    corpus = load_corpus([EVAL / half])
    assert not corpus.problems, corpus.problems
    return summarise([score_article(a, extract(a.text, a.language, Published.parse(a.published),
                                               a.stem)) for a in corpus.articles])


@pytest.fixture(scope="module")
def test_half():
    return scores("test")


def test_the_corpus_is_large_enough_and_valid():
    corpus = load_corpus([EVAL])
    assert not corpus.problems, corpus.problems
    assert len(corpus.articles) >= 40
    assert sum(len(a.figures) for a in corpus.articles) >= 400
    assert {a.language for a in corpus.articles} == {"en", "nl", "ko"}
    dev = {a.stem for a in load_corpus([EVAL / "dev"]).articles}
    test = {a.stem for a in load_corpus([EVAL / "test"]).articles}
    assert dev and test and not dev & test


@pytest.mark.parametrize("score", sorted(FLOORS))
def test_the_test_half_holds_its_floor(test_half, score):
    overall = test_half["all"]
    assert getattr(overall, score) >= FLOORS[score], (
        f"{score} {getattr(overall, score):.3f} fell below its floor {FLOORS[score]}")


def article_scores(half: str):
    """What `cfwatch eval --half HALF` scores: on the dev half, each article read by a learned
    model fitted without it."""
    from etl.evaluation.train import held_out_readers

    corpus = load_corpus([EVAL / half])
    readers = held_out_readers(EVAL / "dev") if half == "dev" else {}
    return [score_article(a, extract(a.text, a.language, Published.parse(a.published), a.stem,
                                     reader=readers.get(a.stem, "shipped")))
            for a in corpus.articles]


def test_the_chances_given_are_what_the_dev_half_gives():
    """etl/claims/measured_chances.py is fitted on the dev half: a rule change that changes what
    the rules get right there fails here until `cfwatch eval --calibrate` is run again."""
    from etl.claims import measured_chances as measured
    from etl.evaluation.reliability import count, judge, render

    metric, windows = count(judge(article_scores("dev")))
    assert measured.METRIC_COUNTS == metric.cells, "run `cfwatch eval --calibrate`"
    assert measured.WINDOW_COUNTS == windows.cells, "run `cfwatch eval --calibrate`"
    written: dict = {}
    exec(render(metric, windows, 1, 1), written)  # what --calibrate writes reads back
    assert (written["METRIC_COUNTS"], written["WINDOW_COUNTS"]) == (metric.cells, windows.cells)


def write_article(folder, sentence: str, skips: str = "") -> None:
    """One labelled article of our own in `folder`: "1,200" fake watches seized."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en-own.txt").write_text(sentence + "\n")
    (folder / "en-own.toml").write_text(
        '[article]\nlanguage = "en"\npublished = "2024-02-01"\ngenre = "customs_seizure"\n'
        'title = "t"\nfacts_from = "made up"\n\n[[figure]]\nwritten = "1,200"\nvalue = 1200\n'
        'metric = "seized_items"\n' + skips)


def test_calibrating_fits_the_projects_dev_half_only(tmp_path):
    """--calibrate writes the project's chances, which a test checks against the project's
    dev half: another corpus (even one with a dev half) and another half are refused, and
    nothing is written."""
    from etl.claims import measured_chances

    before = open(measured_chances.__file__, encoding="utf-8").read()
    write_article(tmp_path / "dev", "Customs seized 1,200 fake watches in 2023.",
                  '\n[[skip]]\nwritten = "2023"\nreason = "year"\n')
    assert cfwatch("eval", str(tmp_path), "--half", "dev").returncode == 0  # it is a corpus
    refused = cfwatch("eval", str(tmp_path), "--calibrate")
    assert refused.returncode == 1
    assert f"{tmp_path}: --calibrate fits the project's own corpus" in refused.stderr
    wrong_half = cfwatch("eval", "--calibrate", "--half", "test")
    assert wrong_half.returncode == 2 and "--calibrate fits the dev half" in wrong_half.stderr
    assert open(measured_chances.__file__, encoding="utf-8").read() == before


def test_calibrating_without_a_dev_half_is_refused(tmp_path, monkeypatch):
    """A project corpus with no dev/ would be read whole, the test half with it: refused, and
    nothing written."""
    from etl.commands.cli import build_parser
    from etl.commands.eval import run
    from etl.errors import CfwatchError

    write_article(tmp_path / "seeds" / "eval" / "test", "Customs seized 1,200 fake watches.")
    monkeypatch.setattr("etl.paths.ROOT", tmp_path)
    with pytest.raises(CfwatchError, match="no dev half to calibrate on"):
        run(build_parser().parse_args(["eval", "--calibrate"]))
    assert not (tmp_path / "etl").exists()


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """`cfwatch eval | head`: the closed pipe ends the command with exit 1 and no traceback or
    'internal error' line on stderr."""
    p = subprocess.Popen([sys.executable, "-m", "etl", "eval"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()  # the reader is gone before the first line is written
    stderr = p.stderr.read()
    assert p.wait(timeout=120) == 1
    assert stderr == ""


def test_a_lower_chance_is_wrong_more_often_on_the_test_half():
    """What the chances are for: on articles they were not fitted on, reviewing the lowest
    chance first finds more wrong figures than reviewing in text order would."""
    from etl.evaluation.reliability import by_band, judge, review_finds

    judged = judge(article_scores("test"))
    bands = [(n, right) for _, n, _, right in by_band(judged, "metric_chance", "metric_right")
             if n >= 30]
    assert len(bands) >= 3
    # a higher band is right more often, or less often by no more than sampling noise: two
    # standard errors of the difference (a band of 38 figures alone has one of 7 points)
    for (n_low, low), (n_high, high) in itertools.pairwise(bands):
        noise = 2 * math.sqrt(low * (1 - low) / n_low + high * (1 - high) / n_high)
        assert high >= low - noise, f"{n_high} figures right {high:.2f}, {n_low} {low:.2f}"
    # and the lowest band well below the highest, beyond noise
    (n_low, low), (n_high, high) = bands[0], bands[-1]
    assert high - low > 2 * math.sqrt(low * (1 - low) / n_low + high * (1 - high) / n_high)
    wrong, finds = review_finds(judged)
    for share, _, caught in finds:
        assert caught > share * wrong * 1.2, f"the first {share:.0%} hold {caught} of {wrong}"


def test_floors_never_exceed_the_targets():
    """The floors record progress towards the issue's targets; a floor above its target would
    mean the target was met and the threshold should be what the test holds."""
    for name, target in THRESHOLDS.items():
        assert FLOORS[name] <= target


def test_cfwatch_eval_says_which_targets_are_not_met(tmp_path):
    result = cfwatch("eval", "--check")
    overall = scores("test")["all"]
    failing = [n for n, floor in THRESHOLDS.items() if getattr(overall, n) < floor]
    assert "test half:" in result.stdout
    for language in ("en", "ko", "nl", "all"):
        assert f"\n{language} " in result.stdout
    assert "metric confusion (en)" in result.stdout
    assert "how often figures were right, by the chance the warehouse gives them" in \
        result.stdout
    assert "reviewing the lowest chance first" in result.stdout
    if failing:
        assert result.returncode == 1
        assert "below: " + ", ".join(failing) in result.stdout
    else:
        assert result.returncode == 0 and "all met" in result.stdout


def test_a_corpus_of_ones_own_is_scored_and_a_bad_one_refused(tmp_path):
    """`cfwatch eval DIR` reads any corpus in the same format; a label whose text is not in
    the article is refused with the file named."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "en-own.txt").write_text("Customs seized 1,200 fake watches in 2023.\n")
    (good / "en-own.toml").write_text(
        '[article]\nlanguage = "en"\npublished = "2024-02-01"\ngenre = "customs_seizure"\n'
        'title = "t"\nfacts_from = "made up"\n\n[[figure]]\nwritten = "1,200"\nvalue = 1200\n'
        'metric = "seized_items"\ncounted = "items"\nactor = "customs"\n'
        'period_start = "2023-01-01"\nperiod_end = "2023-12-31"\n\n'
        '[[skip]]\nwritten = "2023"\nreason = "year"\n')
    result = cfwatch("eval", str(good), "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 articles, 1 labelled figures" in result.stdout
    assert "all met" in result.stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "en-own.txt").write_text("Customs seized 1,200 fake watches in 2023.\n")
    (bad / "en-own.toml").write_text(
        (good / "en-own.toml").read_text().replace('written = "1,200"', 'written = "1,300"'))
    refused = cfwatch("eval", str(bad))
    assert refused.returncode != 0
    assert "en-own.toml" in refused.stderr


def test_a_second_labelling_is_compared_with_the_corpus(tmp_path):
    """`cfwatch eval --agree DIR`: a second labeller's files against the corpus's own, the
    disagreement named; an article the corpus does not have is refused by its stem."""
    stem = "en-court-tiffany-costco-damages"
    second = tmp_path / "second"
    second.mkdir()
    (second / f"{stem}.txt").write_text((EVAL / "dev" / f"{stem}.txt").read_text())
    labels = (EVAL / "dev" / f"{stem}.toml").read_text()
    assert 'metric = "fines_penalties"' in labels
    (second / f"{stem}.toml").write_text(
        labels.replace('metric = "fines_penalties"', 'metric = "other"', 1))
    result = cfwatch("eval", "--agree", str(second), "--details")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 articles labelled twice (dev half)" in result.stdout
    assert "1  fines_penalties -> other" in result.stdout
    assert f"{stem} '$19 million': metric fines_penalties / other" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("all "))
    assert "1.000" in row and "0.923" in row  # every figure paired; 12 of 13 metrics agree

    (second / f"{stem}.txt").write_text((EVAL / "dev" / f"{stem}.txt").read_text() + "More.\n")
    changed = cfwatch("eval", "--agree", str(second))
    assert changed.returncode != 0 and "texts differ" in changed.stderr
    (second / f"{stem}.txt").write_text((EVAL / "dev" / f"{stem}.txt").read_text())

    (second / "en-not-in-corpus.txt").write_text("Customs seized 1,200 fake watches.\n")
    (second / "en-not-in-corpus.toml").write_text(
        '[article]\nlanguage = "en"\npublished = "2024-02-01"\ngenre = "customs_seizure"\n'
        'title = "t"\nfacts_from = "made up"\n\n[[figure]]\nwritten = "1,200"\nvalue = 1200\n'
        'metric = "seized_items"\n')
    refused = cfwatch("eval", "--agree", str(second))
    assert refused.returncode != 0
    assert "en-not-in-corpus" in refused.stderr


def test_a_unit_outside_the_contract_is_refused(tmp_path):
    """seeds/eval/README.md lists the units (kg and tonne among them); a made-up unit is named
    and refused."""
    from etl.evaluation.corpus import load_corpus

    (tmp_path / "en-own.txt").write_text("Officers found 2,030kg of fake cosmetics in 2023.\n")
    labels = ('[article]\nlanguage = "en"\npublished = "2024-02-01"\ngenre = "customs_seizure"\n'
              'title = "t"\nfacts_from = "made up"\n\n[[figure]]\nwritten = "2,030kg"\n'
              'value = 2030\n{unit}metric = "seized_items"\n\n'
              '[[skip]]\nwritten = "2023"\nreason = "year"\n')
    (tmp_path / "en-own.toml").write_text(labels.format(unit='unit = "pound"\n'))
    refused = load_corpus([tmp_path])
    assert refused.problems and "unit 'pound'" in refused.problems[0]
    assert "en-own.toml" in refused.problems[0]
    (tmp_path / "en-own.toml").write_text(labels.format(unit='unit = "kg"\n'))
    assert not load_corpus([tmp_path]).problems


def test_weights_are_compared_in_kilograms():
    from etl.evaluation.score import Reading, readings_agree

    assert readings_agree(Reading(55, 55, 55, "tonne"), Reading(55000, 55000, 55000, "kg"),
                          bounded=False)
    assert not readings_agree(Reading(55, 55, 55, "tonne"), Reading(55, 55, 55, None),
                              bounded=False)


@pytest.mark.parametrize("argv,option", [
    (["--threshold", "0.9"], "--threshold"),
    (["--train", "--calibrate"], "--calibrate"),
    (["--train", "--half", "dev"], "--half"),
    (["--train", "--rules-only"], "--rules-only"),
    (["--train", "--threshold", "1.5"], "--threshold"),
    (["--calibrate", "--rules-only"], "--rules-only"),
])
def test_options_that_do_not_go_together_are_refused_and_nothing_is_written(argv, option):
    """--train writes the shipped model and --calibrate the chances: a wrong combination
    stops before either is touched."""
    from etl.claims import measured_chances
    from etl.commands.cli import build_parser
    from etl.commands.eval import run
    from etl.errors import UsageError
    from etl.extract.learned import MODEL_FILE

    written = [open(p, encoding="utf-8").read() for p in (MODEL_FILE, measured_chances.__file__)]
    with pytest.raises(UsageError) as refused:
        run(build_parser().parse_args(["eval", *argv]))
    assert refused.value.input_name == option
    assert [open(p, encoding="utf-8").read()
            for p in (MODEL_FILE, measured_chances.__file__)] == written


def test_training_fits_the_projects_dev_half_only(tmp_path):
    from etl.extract.learned import MODEL_FILE

    before = MODEL_FILE.read_text(encoding="utf-8")
    write_article(tmp_path / "dev", "Customs seized 1,200 fake watches in 2023.",
                  '\n[[skip]]\nwritten = "2023"\nreason = "year"\n')
    refused = cfwatch("eval", str(tmp_path), "--train")
    assert refused.returncode == 1
    assert f"{tmp_path}: --train fits the dev half of the project's own corpus" in refused.stderr
    assert MODEL_FILE.read_text(encoding="utf-8") == before


def test_articles_the_model_learned_are_known_by_stem_and_text(tmp_path):
    """Scoring reads an article the shipped model was fitted on with a model fitted without
    it; a test article, or a dev article's stem with other text, is read as it ships."""
    from etl.commands.eval import _trained_on_some

    dev, test = (load_corpus([EVAL / half]).articles for half in ("dev", "test"))
    assert _trained_on_some(dev[:1]) and not _trained_on_some(test)
    write_article(tmp_path, "Customs seized 1,200 fake watches.")
    own = load_corpus([tmp_path]).articles[0]
    assert not _trained_on_some([dataclasses.replace(own, stem=dev[0].stem)])


def test_without_scikit_learn_fitting_says_what_to_install(monkeypatch):
    from etl.errors import CfwatchError
    from etl.evaluation.train import Example, fit

    monkeypatch.setitem(sys.modules, "sklearn", None)  # an import of it fails
    with pytest.raises(CfwatchError, match=r"needs it: pip install -e '\.\[learn\]'"):
        fit([Example("a", "other", "other", ["en:sentence=raid"])], threshold=0.9)
