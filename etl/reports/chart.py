"""The evidence chart of one claim (pure: evidence in, Altair chart out), shared by the dashboard's
evidence card and the HTML report.

One row per claimed value (every value of a dispute, never one) and one per dataset: the
claim's bounds as an interval (scaled for the synthetic sample, widened by the tolerance the
verdict allows), the observation in exactly the claim's window as a point coloured by its
verdict. A linear axis from zero with thousands separators: nothing here is a log scale.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from etl.palette import BAND, INK, MUTED
from etl.reports.evidence import Evidence
from etl.vocab import METRICS, VERDICTS, label, label_expr

ROW_HEIGHT = 34


def _bounds(row: dict, prefix: str = "value") -> tuple[float | None, float | None]:
    return row.get(f"{prefix}_low"), row.get(f"{prefix}_high")


def evidence_rows(ev: Evidence) -> pl.DataFrame:
    """The chart's rows: what is claimed (each disputed value) and what each dataset observed."""
    claimed = ev.disputed or [{**ev.figure, "publisher": ev.source.get("publisher")}]
    rows: list[dict] = []
    for n, value in enumerate(claimed):
        low, high = _bounds(value)
        rows.append({"order": n, "row": f"claimed: {value['surface']}", "kind": "claimed",
                     "low": low, "high": high, "value": value["value"], "verdict": None,
                     "label": f"{value['value']:,.0f}" if value["value"] is not None else "",
                     "note": "disputed" if ev.disputed else "claimed"})
    for n, obs in enumerate(ev.observed, start=len(rows)):
        name = obs["dataset"] + (f" (synthetic, scale {obs['scale']:g})" if obs["synthetic"]
                                 else "")
        tolerance = obs["tolerance"] or 0
        low = obs["expected_low"] * (1 - tolerance) if obs["expected_low"] is not None else 0
        high = (obs["expected_high"] * (1 + tolerance) if obs["expected_high"] is not None
                else None)
        observed = obs["observed_value"]
        rows.append({"order": n, "row": name, "kind": "observed", "low": low, "high": high,
                     "value": float(observed) if observed is not None else None,
                     "verdict": obs["verdict"],
                     "label": f"{observed:,}" if observed is not None else "not covered",
                     "note": f"expected {obs['expected_value']:,.0f}"
                             + (f" = {obs['scale']:g} x claim" if obs["synthetic"] else "")})
    frame = pl.DataFrame(rows, schema={"order": pl.Int64, "row": pl.Utf8, "kind": pl.Utf8,
                                       "low": pl.Float64, "high": pl.Float64,
                                       "value": pl.Float64, "verdict": pl.Utf8,
                                       "label": pl.Utf8, "note": pl.Utf8})
    # an open bound (over, up to) runs to the axis' end: a quarter past the largest number
    top = max([v for v in frame["value"].to_list() + frame["low"].to_list() if v] or [1]) * 1.25
    return frame.with_columns(pl.col("low").fill_null(0.0), pl.col("high").fill_null(top))


def evidence_chart(ev: Evidence, width: int | str = "container") -> alt.LayerChart | None:
    """None when there is nothing to draw: one undisputed value and no dataset observing it."""
    if not ev.disputed and not ev.observed:
        return None
    data = evidence_rows(ev)
    order = data.sort("order")["row"].to_list()
    unit = ev.figure.get("currency") or ev.figure.get("unit")
    y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=12))
    x_axis = alt.Axis(format=",.0f", labelOverlap=True,
                      title=f"{unit or 'count'} (linear, from zero)")
    tooltip = [alt.Tooltip("row:N", title="row"), alt.Tooltip("value:Q", format=",.0f"),
               alt.Tooltip("low:Q", format=",.0f", title="consistent from"),
               alt.Tooltip("high:Q", format=",.0f", title="to"),
               alt.Tooltip("verdict:N"), alt.Tooltip("note:N")]
    base = alt.Chart(data)
    band = base.mark_bar(height=14, color=BAND).encode(
        x=alt.X("low:Q", axis=x_axis, scale=alt.Scale(zero=True, nice=True)), x2="high:Q",
        y=y, tooltip=tooltip)
    claim = base.transform_filter("datum.kind == 'claimed'").mark_tick(
        thickness=3, size=22, color=INK).encode(x="value:Q", y=y, tooltip=tooltip)
    seen = base.transform_filter("datum.kind == 'observed' && isValid(datum.value)")
    points = seen.mark_point(filled=True, size=140, opacity=1).encode(
        x="value:Q", y=y, tooltip=tooltip,
        color=alt.Color("verdict:N", title="verdict",
                        scale=alt.Scale(domain=[t.key for t in VERDICTS],
                                        range=[t.colour for t in VERDICTS]),
                        legend=alt.Legend(orient="bottom", labelExpr=label_expr(VERDICTS),
                                          columns=2)
                        if ev.observed else None))
    labels = base.mark_text(align="left", dx=10, fontSize=11, color=MUTED).encode(
        x=alt.X("value:Q"), y=y, text="label:N")
    missing = base.transform_filter("datum.kind == 'observed' && !isValid(datum.value)") \
        .mark_text(align="left", x=4, fontSize=11, color=MUTED).encode(y=y, text="label:N")
    metric = label(METRICS, ev.figure["metric"])
    start, end = ev.figure.get("period_start"), ev.figure.get("period_end")
    title = (f"{metric}: claimed, and observed in exactly the claim's window"
             + (f" ({start:%d %b} – {end:%d %b %Y})" if start else "") if ev.observed
             else f"{metric}: every value the source states (disputed), side by side")
    return alt.layer(band, claim, points, labels, missing).properties(
        width=width, height=ROW_HEIGHT * data.height + 10, title=title)


