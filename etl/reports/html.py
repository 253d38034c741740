"""The self-contained HTML report on one figure (pure: `Evidence` in, text out).

Self-contained: the CSS is inline, the chart is inline SVG drawn by vl-convert, no font, script
or image is loaded from anywhere; the one link is the source's address, for the reader to
follow. The same function serves the dashboard's download button and `cfwatch report`, so the
two give the same bytes for the same warehouse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from etl.palette import ACCENT, GRID, INK, MUTED, RULE
from etl.reports import theme
from etl.reports.chart import evidence_chart
from etl.reports.evidence import Evidence
from etl.vocab import (
    ACTORS,
    COUNTED,
    METRICS,
    QUALIFIERS,
    STATUSES,
    VERDICTS,
    WINDOW_SOURCES,
    label,
    term,
)

TEMPLATE = "evidence.html.j2"
REPORT_CHART_WIDTH = 600
WARN = ACCENT  # disputes and synthetic data

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)


def format_amount(value: float | None, unit: str | None = None,
                  currency: str | None = None) -> str:
    """977151 -> '977,151'; 1e10 KRW -> '10,000,000,000 KRW'; 1.5 week -> '1.5 week'."""
    if value is None:
        return "none"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    suffix = currency or unit
    return f"{text} {suffix}" if suffix else text


def describe_value(figure: dict) -> str:
    """The value with its bounds, in words: 'over 10,000', '3 to 5 day', '977,151 (exact)'."""
    unit, currency = figure.get("unit"), figure.get("currency")
    low, high, value = figure.get("value_low"), figure.get("value_high"), figure.get("value")
    qualifier = figure.get("qualifier")
    amount = format_amount(value, unit, currency)
    if qualifier in (None, "exact") and low == high:
        return f"{amount} (exact)"
    if low is None and high is None:
        return f"{amount} ({label(QUALIFIERS, qualifier)}; no bounds)"
    if high is None:
        return f"{amount} ({label(QUALIFIERS, qualifier)}: at least {format_amount(low)})"
    if low is None:
        return f"{amount} ({label(QUALIFIERS, qualifier)}: at most {format_amount(high)})"
    return (f"{amount} ({label(QUALIFIERS, qualifier)}: {format_amount(low)} to "
            f"{format_amount(high, unit, currency)})")


def highlight(figure: dict) -> dict | None:
    """The sentence split around the number: before, number, after. None without the text."""
    sentence, start = figure.get("sentence"), figure.get("sentence_start")
    if not sentence or start is None:
        return None
    offset = figure["char_start"] - start
    length = figure["char_end"] - figure["char_start"]
    if not 0 <= offset <= len(sentence) - length:
        return {"before": sentence, "number": "", "after": ""}
    return {"before": sentence[:offset], "number": sentence[offset:offset + length],
            "after": sentence[offset + length:]}


def _period(figure: dict) -> str:
    start, end = figure.get("period_start"), figure.get("period_end")
    if start is None:
        return figure.get("period_text") or "none stated"
    text = f"{start:%d %b %Y} to {end:%d %b %Y} (both days included)"
    if figure.get("period_precision"):
        text += f", known to the {figure['period_precision']}"
    return text + (f"; as written: \"{figure['period_text']}\"" if figure.get("period_text")
                   else "")


def _published(source: dict) -> str:
    published = source.get("published")
    if published is None:
        return "unknown"
    precision = source.get("published_precision")
    if precision == "month":
        return f"{published:%B %Y} (month only)"
    if precision == "year":
        return f"{published:%Y} (year only)"
    return f"{published:%d %B %Y}"


def reading_chances(figure: dict) -> str | None:
    """How often a reading like this figure's was right (etl/claims/chances.py), said
    as a measurement on the project's labelled articles, never as a verdict on this figure."""
    if figure.get("chance_right") is None:
        return None  # a person's figure is no reading to doubt (figures.chance_right says so)
    stated = "it was given no window" if figure["window_from"] == "none" else \
        f"its window is stated in {label(WINDOW_SOURCES, figure['window_from'])}"
    return (f"Of readings like this one in the project's labelled articles (those whose value "
            f"was read right), {figure['confidence']:.0%} had the right metric and "
            f"{figure['window_confidence']:.0%} the right window ({stated}); on unseen text, "
            "fewer had the right metric.")


def _details(figure: dict) -> list[tuple[str, str]]:
    rows = [("Metric", label(METRICS, figure["metric"])),
            ("Value", describe_value(figure)),
            ("Period", _period(figure))]
    if figure.get("counted"):
        rows.append(("Counts", label(COUNTED, figure["counted"])))
    if figure.get("actor"):
        rows.append(("Who acted", label(ACTORS, figure["actor"])))
    rows.append(("Found by", "the extractor's rules" if figure["method"] == "rule"
                 else "a person (entered by hand)"))
    if chances := reading_chances(figure):
        rows.append(("How often such readings are right", chances))
    if figure.get("cue"):
        rows.append(("The cue that decided the metric", f"\"{figure['cue']}\""))
    if figure.get("rule_metric") and figure["rule_metric"] != figure["metric"]:
        rows.append(("The rules read it as", label(METRICS, figure["rule_metric"])))
    if figure.get("reviewed_by"):
        at = figure.get("reviewed_at")
        rows.append(("Reviewed by", f"{figure['reviewed_by']}"
                     + (f" on {at:%d %b %Y %H:%M} UTC" if isinstance(at, dt.datetime) else "")))
    for heading, name in (("Summary", "summary"), ("Note", "note")):
        if figure.get(name):
            rows.append((heading, figure[name]))
    return rows


def _observed(ev: Evidence) -> list[dict]:
    rows = []
    for o in ev.observed:
        verdict = term(VERDICTS, o["verdict"])
        expected = format_amount(round(o["expected_value"]))
        if o["synthetic"]:
            expected += f" ({o['scale']:g} x claim)"
        rows.append({
            "dataset_text": o["dataset"] + (" (synthetic)" if o["synthetic"] else ""),
            "window": f"{o['period_start']:%d %b %Y} to {o['period_end']:%d %b %Y}",
            "observed_text": format_amount(o["observed_value"]) if o["covered"]
            else "not covered",
            "expected_text": expected,
            "verdict_label": verdict.label if verdict else o["verdict"],
            "verdict_colour": verdict.colour if verdict else MUTED})
    return rows


def chart_svg(ev: Evidence) -> str | None:
    """The evidence chart as SVG, with the project's theme set on the spec itself."""
    chart = evidence_chart(ev, width=REPORT_CHART_WIDTH)
    if chart is None:
        return None
    import vl_convert

    spec = chart.to_dict()
    spec["config"] = theme.CONFIG  # whatever theme this process enabled: the same bytes
    svg = vl_convert.vegalite_to_svg(spec)
    return svg[svg.index("<svg"):] if "<svg" in svg else svg


def render_html(ev: Evidence) -> str:
    figure = ev.figure
    status = term(STATUSES, figure["status"])
    synthetic = sorted({o["dataset"] for o in ev.observed if o["synthetic"]})
    tolerance = next((o["tolerance"] for o in ev.observed if o["tolerance"] is not None), None)
    window = (f"{figure['period_start']:%d %b %Y} to {figure['period_end']:%d %b %Y}"
              if figure.get("period_start") else "")
    text_check = {True: "yes: the text at these characters is exactly the figure as written",
                  False: "no: the text at these characters differs"}.get(
        figure.get("text_matched"),
        "no: the article text was absent when the warehouse was built")
    return _env.get_template(TEMPLATE).render(
        figure=figure, source=ev.source, metric_label=label(METRICS, figure["metric"]),
        status=status, published=_published(ev.source), sentence=highlight(figure),
        text_check=text_check, details=_details(figure),
        disputed=[{**v, "value_text": format_amount(v["value"], v.get("unit"),
                                                    v.get("currency"))} for v in ev.disputed],
        conflict_reasons=ev.conflict_reasons,
        repeats=[{**r, "status_label": label(STATUSES, r["status"])} for r in ev.repeats],
        observed=_observed(ev), synthetic=", ".join(synthetic), window=window,
        tolerance=f"{tolerance:.0%}" if tolerance is not None else "nothing",
        svg=chart_svg(ev), built_at=ev.built_at, run_id=ev.run_id,
        font=theme.FONT, ink=INK, muted=MUTED, rule=RULE, grid=GRID, warn=WARN)


def render_pdf(html: str) -> bytes:
    """The same report as PDF, by WeasyPrint (optional: `pip install 'counterfeit-watch[pdf]'`).
    Nothing is fetched: the report has no external resource, and the fetcher refuses any."""
    import weasyprint

    def refuse(url: str, *args, **kwargs):
        raise ValueError(f"the report loads nothing from outside (asked for {url})")

    return weasyprint.HTML(string=html, url_fetcher=refuse).write_pdf()


def report_file_name(figure_id: str, suffix: str = "html") -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in figure_id)
    return f"evidence-{safe}.{suffix}"
