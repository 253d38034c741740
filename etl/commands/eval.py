"""`cfwatch eval`: measure the extractor on a labelled corpus (default seeds/eval).

Tune on the dev half (`--half dev`); report on the test half (the default). Prints value
recall, metric, qualifier and period accuracy, the share of extracted rows that are real
figures, a metric confusion table per language, and how often figures were right at each
chance the warehouse gives them. `--calibrate` fits those chances on the dev half;
`--train` fits the learned second opinion on metrics there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.commands.common import Command
from etl.errors import EXIT_FAILED, EXIT_OK, CfwatchError, UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", nargs="?", type=Path, metavar="DIR",
                   help="labelled corpus (default seeds/eval; see seeds/eval/README.md)")
    p.add_argument("--half", choices=("test", "dev", "all"),
                   help="which half (default test; --calibrate always fits the dev half). The "
                        "learned second opinion was fitted on the project's dev half, so there "
                        "each article is read by a model fitted without it (needs "
                        "scikit-learn: pip install -e '.[learn]')")
    p.add_argument("--details", action="store_true",
                   help="list every labelled figure missed or misread, and every row that is "
                        "not a figure")
    p.add_argument("--check", action="store_true",
                   help="exit 1 when a score is below the thresholds")
    p.add_argument("--calibrate", action="store_true",
                   help="fit the chances the warehouse gives machine-read figures on the dev "
                        "half of the project's own corpus (seeds/eval) and write them to "
                        "etl/claims/measured_chances.py (run it after any change to the rules: "
                        "a test fails until the file matches the dev half)")
    p.add_argument("--train", action="store_true",
                   help="fit the learned second opinion on metrics on the dev half of the "
                        "project's own corpus and write it to etl/extract/metric_model.json "
                        "(needs scikit-learn: pip install -e '.[learn]'); prints its "
                        "cross-validated accuracy at each threshold first. Run it, then "
                        "--calibrate, after any change to the rules or the dev labels")
    p.add_argument("--threshold", type=float, metavar="P",
                   help="with --train: how sure the model must be to overrule the rules "
                        "(default: the shipped model's)")
    p.add_argument("--rules-only", action="store_true",
                   help="score the rules alone, without the learned second opinion on metrics")
    p.add_argument("--agree", type=Path, metavar="OTHER",
                   help="instead of the extractor, compare a second labeller's files in OTHER "
                        "(same stems and texts, either half) with the corpus's: figure, value, "
                        "metric (with Cohen's kappa), qualifier and period agreement per "
                        "language; --details lists each disagreement")


def run(args: argparse.Namespace) -> int:
    from etl.evaluation.score import THRESHOLDS, score_article, summarise
    from etl.extract.figures import extract
    from etl.extract.periods import Published
    from etl.paths import ROOT

    project_corpus = ROOT / "seeds" / "eval"
    folder = args.corpus or project_corpus
    if not folder.is_dir():
        raise CfwatchError(str(folder), "no such folder")
    if args.threshold is not None and not args.train:
        raise UsageError("--threshold", "goes with --train")
    for given, name in ((args.calibrate, "--calibrate"), (args.half, "--half"),
                        (args.rules_only, "--rules-only"), (args.agree, "--agree"),
                        (args.details, "--details"), (args.check, "--check")):
        if args.train and given:
            raise UsageError(name, "does not go with --train (it fits on the dev half only)")
    if args.train:
        if folder.resolve() != project_corpus.resolve() or not (folder / "dev").is_dir():
            raise CfwatchError(str(folder), "--train fits the dev half of the project's own "
                                            f"corpus ({project_corpus}/dev) only")
        return _train(folder / "dev", args.threshold)
    if args.calibrate and args.half not in (None, "dev"):
        raise UsageError("--half", f"--calibrate fits the dev half, not --half {args.half}")
    if args.calibrate and folder.resolve() != project_corpus.resolve():
        # the file is the project's, checked by a test against the project's dev half
        raise CfwatchError(str(folder), "--calibrate fits the project's own corpus "
                                        f"({project_corpus}) only: it would overwrite the "
                                        "chances the warehouse gives")
    if args.calibrate and not (folder / "dev").is_dir():
        # without it the folder's articles would be read whole, the test half with them
        raise CfwatchError(str(folder), "no dev half to calibrate on (dev/)")
    half = "all" if args.agree else "dev" if args.calibrate else args.half or "test"
    roots = [folder / h for h in ("dev", "test") if half in (h, "all")]
    corpus = _load([r for r in roots if r.is_dir()] or [folder])
    if args.agree:
        return _agreement(folder, corpus.articles, _load([args.agree]).articles, args.details)
    if args.calibrate and args.rules_only:
        raise UsageError("--rules-only", "the chances are fitted on what the warehouse gets")
    readers = {}
    if not args.rules_only and _trained_on_some(corpus.articles):
        # the shipped model has learned these: each is read by a model fitted without it
        from etl.evaluation.train import held_out_readers
        readers = held_out_readers(project_corpus / "dev")
    scores = [score_article(a, extract(a.text, a.language, Published.parse(a.published), a.stem,
                                       reader=None if args.rules_only else
                                       readers.get(a.stem, "shipped")))
              for a in corpus.articles]
    if args.calibrate:
        return _calibrate(corpus.articles, scores)
    by_language = summarise(scores)
    _print_table(folder, half if any(r.is_dir() for r in roots) else None, corpus.articles,
                 by_language)
    _print_confusion(by_language)
    _print_reliability(scores)
    if args.details:
        _print_details(scores)
    overall = by_language["all"]
    failing = [name for name, floor in THRESHOLDS.items() if getattr(overall, name) < floor]
    print("thresholds: " + ", ".join(f"{n.replace('_', ' ')} >= {v}"
                                     for n, v in THRESHOLDS.items())
          + (f"; below: {', '.join(failing)}" if failing else "; all met"))
    return EXIT_FAILED if args.check and failing else EXIT_OK


def _trained_on_some(articles) -> bool:
    """Are any of `articles` among those the shipped model was fitted on (by stem and text)?"""
    from etl.extract.learned import MetricModel
    from etl.paths import ROOT

    shipped = MetricModel.load()
    stems = set(shipped.trained_on.get("stems", ())) if shipped else set()
    dev = ROOT / "seeds" / "eval" / "dev"
    return any(a.stem in stems and (dev / f"{a.stem}.txt").is_file() and
               (dev / f"{a.stem}.txt").read_text(encoding="utf-8") == a.text for a in articles)


def _train(dev: Path, threshold: float | None) -> int:
    from etl.evaluation.train import cross_validate, decided, train
    from etl.extract.learned import MODEL_FILE, MetricModel

    if threshold is None:
        shipped = MetricModel.load()
        threshold = shipped.threshold if shipped else 0.9
    if not 0 < threshold <= 1:
        raise UsageError("--threshold", f"{threshold} is not a probability in (0, 1]")
    model, found = train(dev, threshold)
    grid = sorted({0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01, threshold})
    by_threshold = cross_validate(found, grid)
    rules = sum(e.rules == e.label for e in found) / len(found)
    print(f"dev half, 5 folds by article: the rules {rules:.3f}; with the model overruling "
          "them at >= " + ", ".join(f"{t:.2f}: {a:.3f}" for t, a in by_threshold.items()))
    model.write(MODEL_FILE)
    in_sample = sum(decided(model, e) == e.label for e in found) / len(found)
    print(f"{MODEL_FILE}: {len(model.features):,} features, {len(model.metrics)} metrics, "
          f"fitted on {model.trained_on['articles']} dev articles, {len(found):,} found "
          f"figures (threshold {threshold}; {in_sample:.3f} on its own training figures)")
    return EXIT_OK


def _calibrate(articles, scores) -> int:
    from etl.evaluation.reliability import count, judge, render
    from etl.paths import ROOT

    metric, windows = count(judge(scores))
    found = sum(n for n, _ in metric.cells.values())
    target = ROOT / "etl" / "claims" / "measured_chances.py"
    target.write_text(render(metric, windows, len(articles), found), encoding="utf-8")
    print(f"{target}: chances fitted on {len(articles)} dev articles, {found:,} found figures "
          f"({len(metric.cells)} metric cells, {len(windows.cells)} window cells)")
    return EXIT_OK


def _print_reliability(scores) -> None:
    from etl.evaluation.reliability import by_band, judge, review_finds

    judged = judge(scores)
    if not judged:
        return
    print("how often figures were right, by the chance the warehouse gives them "
          "(fitted on the dev half):")
    rows = [("chance given", "metric: figures", "given", "right", "window: figures", "given",
             "right")]
    metric = {lower: rest for lower, *rest in by_band(judged, "metric_chance", "metric_right")}
    windows = {lower: rest for lower, *rest in by_band(judged, "window_chance", "window_right")}
    for lower in sorted(set(metric) | set(windows)):
        cells = []
        for band in (metric, windows):
            n, given, right = band.get(lower, (0, None, None))
            cells += [f"{n:,}", f"{given:.2f}" if n else "-", f"{right:.2f}" if n else "-"]
        rows.append((f">= {lower:.1f}", *cells))
    _print_rows(rows)
    wrong, finds = review_finds(judged)
    print(f"reviewing the lowest chance first (cfwatch review list): of {wrong:,} figures with "
          "a wrong metric or window, " + "; ".join(
              f"the first {share:.0%} ({n:,} figures) hold {caught:,}"
              for share, n, caught in finds))


def _load(roots: list[Path]):
    from etl.evaluation.corpus import load_corpus

    corpus = load_corpus(roots)
    if corpus.problems:
        raise CfwatchError(corpus.problems[0].split(":")[0], corpus.problems[0])
    if not corpus.articles:
        raise CfwatchError(str(roots[0]), "no labelled articles (<stem>.txt + <stem>.toml)")
    return corpus


def _agreement(folder: Path, first, second, details: bool) -> int:
    from etl.evaluation.agreement import compare
    from etl.evaluation.score import window

    try:
        by_language, unmatched = compare(first, second)
    except ValueError as e:
        raise CfwatchError(str(folder), str(e)) from None
    if unmatched:
        raise CfwatchError(unmatched[0], f"not in {folder}: a second labelling needs the "
                                         "corpus's own article (same stem and text)")
    halves = sorted({a.half or "-" for a in first if a.stem in {b.stem for b in second}})
    print(f"{len(second)} articles labelled twice ({', '.join(halves)} half): {folder} "
          f"(first) against the second labeller")
    header = ("language", "first", "second", "both", "value", "metric", "kappa", "qualifier",
              "period")
    rows = [header]
    for language in sorted(by_language, key=lambda k: (k == "all", k)):
        s = by_language[language]
        rows.append((language, f"{s.first}", f"{s.second}",
                     f"{s.paired} ({s.figure_agreement:.3f})", f"{s.value_agreement:.3f}",
                     f"{s.metric_agreement:.3f}", f"{s.metric_kappa:.3f}",
                     f"{s.qualifier_agreement:.3f}",
                     f"{s.period_agreement:.3f} ({s.periods_scored})"))
    _print_rows(rows)
    _print_confusion(by_language, "first -> second")
    if details:
        for stem, x, y in by_language["all"].disagreements:
            print(f"{stem} {x.written!r}: metric {x.metric} / {y.metric}, "
                  f"period {_p(window(x))} / {_p(window(y))}")
    return EXIT_OK


def _print_rows(rows: list[tuple]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _print_table(folder, half, articles, by_language) -> None:
    labelled = sum(len(a.figures) for a in articles)
    which = f"{half} half" if half else "as given"
    print(f"{folder}, {which}: {len(articles)} articles, {labelled:,} labelled figures")
    header = ("language", "labelled", "found", "recall", "metric", "qualifier", "period",
              "real rows", "enforcement wrong")
    rows = [header]
    for language in sorted(by_language, key=lambda k: (k == "all", k)):
        s = by_language[language]
        rows.append((language, f"{s.labelled:,}", f"{s.found:,}", f"{s.recall:.3f}",
                     f"{s.metric_accuracy:.3f}", f"{s.qualifier_accuracy:.3f}",
                     f"{s.period_accuracy:.3f} ({s.periods_scored})", f"{s.precision:.3f}",
                     f"{s.enforcement_wrong}"))
    _print_rows(rows)


def _print_confusion(by_language, pair: str = "labelled -> extracted") -> None:
    for language in sorted(k for k in by_language if k != "all"):
        wrong = {pair: n for pair, n in by_language[language].confusion.items()
                 if pair[0] != pair[1]}
        if not wrong:
            print(f"metric confusion ({language}): none")
            continue
        print(f"metric confusion ({language}), {pair}:")
        for (want, got), n in sorted(wrong.items(), key=lambda kv: -kv[1]):
            print(f"  {n:3}  {want} -> {got}")


def _print_details(scores) -> None:
    for s in scores:
        lines = []
        for m in s.matches:
            label, got = m.label, m.figure
            want_period = (label.period_start, label.period_end) if label.period_start else None
            if got is None or not m.value_ok:
                read = f"read {got.quantity.surface!r} = {got.quantity.value}" if got else \
                    "not found"
                lines.append(f"  MISS {label.written!r} = {label.value}: {read}")
                continue
            have_period = (got.period.start, got.period.end) if got.period and \
                got.period.start else None
            problems = []
            if got.metric != label.metric:
                problems.append(f"metric {got.metric} (want {label.metric}, cue {got.cue})")
            if got.quantity.qualifier != label.qualifier:
                problems.append(f"qualifier {got.quantity.qualifier} (want {label.qualifier})")
            if want_period != have_period:
                problems.append(f"period {_p(have_period)} (want {_p(want_period)})")
            if problems:
                lines.append(f"  {label.written!r}: " + "; ".join(problems))
        lines += [f"  NOT A FIGURE {f.quantity.surface!r} ({f.metric})" for f in s.false_figures]
        if lines:
            print(f"{s.article.stem}:", *lines, sep="\n", file=sys.stdout)


def _p(period) -> str:
    return "none" if period is None else f"{period[0]}..{period[1]}"


COMMAND = Command(
    "eval", "measure extraction on the labelled corpus",
    "Run the extractor over a labelled corpus (default seeds/eval) and print value recall, "
    "metric, qualifier and period accuracy, the share of extracted rows that are real "
    "figures, and a metric confusion table per language. Tune on --half dev; report on the "
    "test half.",
    add_arguments, run)
