"""Chart builders: pure functions, data in, Altair chart out. One theme for all of them.

Colours come from the vocabularies in etl/vocab.py (a detection source, an action, a milestone
kind, a verdict has one colour on every chart) and no chart uses a colour for two meanings:
milestone rules are ink, never a kind's colour, on charts whose lines are coloured by
something else. Every chart is one view (or a layer of views) sized by its container, since
Vega-Lite cannot fit concatenated or faceted charts to a container's width.

Partial periods (a week or month the window or the data cuts) are drawn dashed with open
points and listed in a note, so the edge of a window never looks like a change.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

from etl.palette import ACCENT, INK, MUTED
from etl.reports import theme
from etl.reports.chart import evidence_chart  # noqa: F401  (the card's chart; one builder)
from etl.vocab import (
    ACTIONS,
    DETECTION_SOURCES,
    EFFECT_WINDOWS,
    MILESTONE_KINDS,
    MILESTONE_STATUSES,
    Term,
    label_expr,
    term,
)

# The narrowest plot a chart gets: the main column at a 1024 px window with the sidebar open,
# less the axis. Milestone labels are laid out for it, so they never overlap when wider.
MIN_PLOT_WIDTH = 560
LABEL_CHAR_PX = 5.6  # 10 px font: average advance of a character
LABEL_LANE_PX = 13
MAX_LABEL_CHARS = 34
MAX_LANES = 4


@alt.theme.register("cfwatch", enable=True)
def cfwatch_theme() -> alt.theme.ThemeConfig:
    return {"config": theme.CONFIG}


def _scale(terms: tuple[Term, ...]) -> alt.Scale:
    return alt.Scale(domain=[t.key for t in terms], range=[t.colour for t in terms])


def _colour(split: str) -> alt.Color:
    if split == "detected_by":
        return alt.Color("group:N", title="detected by", scale=_scale(DETECTION_SOURCES),
                          legend=alt.Legend(labelExpr=label_expr(DETECTION_SOURCES),
                                            columns=3, labelLimit=180))
    return alt.Color("group:N", title=split.replace("_", " "),
                     legend=alt.Legend(columns=3, labelLimit=180))


# --- Milestones on a time axis ------------------------------------------------------------

def milestone_labels(milestones: pl.DataFrame, start: dt.date, end: dt.date,
                     width_px: int = MIN_PLOT_WIDTH) -> pl.DataFrame:
    """One label per milestone day inside [start, end], each in a lane (row) where it overlaps
    no other label at `width_px` (and so at any wider width): the lane, the text, and whether
    it is anchored at its right end (near the right edge). Labels that fit no lane keep their
    rule and tooltip, and their text says how many more there are."""
    inside = milestones.filter((pl.col("date") >= start) & (pl.col("date") <= end))
    if inside.is_empty():
        return pl.DataFrame()
    if "disputed_values" not in inside.columns:
        inside = inside.with_columns(pl.lit(None, pl.Utf8).alias("disputed_values"))
    if "review_status" not in inside.columns:
        inside = inside.with_columns(pl.lit("reviewed").alias("review_status"))
    # a reviewed milestone names the day before a machine-read one does
    per_day = inside.sort("date", pl.col("review_status") != "reviewed", "kind").group_by(
        "date", maintain_order=True).agg(
        pl.col("title").first().alias("first_title"),
        pl.col("title").str.join(" · ").alias("titles"),
        pl.len().alias("count"), pl.col("kind").first(), pl.col("status").first(),
        pl.col("summary").first(), pl.col("publisher").first(),
        pl.col("disputed_values").drop_nulls().first().alias("disputed_values"),
        pl.col("disputed_values").is_not_null().sum().alias("disputed"))
    span = max((end - start).days, 1)
    rows, lanes_end = [], [float("-inf")] * MAX_LANES
    for row in per_day.iter_rows(named=True):
        title = row["first_title"]
        if len(title) > MAX_LABEL_CHARS:
            title = title[:MAX_LABEL_CHARS - 1].rstrip() + "…"
        if row["count"] > 1:
            title += f" (+{row['count'] - 1})"
        if row["disputed"]:
            title += (" · disputed" if row["count"] == 1 else
                      f" · {row['disputed']} disputed")
        x = (row["date"] - start).days / span * width_px
        width = len(title) * LABEL_CHAR_PX + 8
        right = x + width > width_px
        left_edge, right_edge = (x - width, x) if right else (x, x + width)
        lane = next((n for n, taken in enumerate(lanes_end) if taken < left_edge), None)
        if lane is not None:
            lanes_end[lane] = right_edge
        rows.append({**row, "label": title if lane is not None else "",
                     "lane": lane if lane is not None else -1, "anchor_right": right,
                     "x_px": x, "left_px": left_edge, "right_px": right_edge})
    return pl.DataFrame(rows, infer_schema_length=None)


def milestone_layer(milestones: pl.DataFrame, start, end, x_scale=None
                    ) -> alt.LayerChart | None:
    """Dashed ink rules with labels for the milestones inside [start, end]."""
    labels = milestone_labels(milestones, start, end)
    if labels.is_empty():
        return None
    data = labels.select("date", "label", "titles", "kind", "status", "summary", "publisher",
                         "disputed_values", "lane", "anchor_right").with_columns(
        (2 + pl.col("lane") * LABEL_LANE_PX).alias("y_px"))
    base = alt.Chart(data)
    x = alt.X("date:T", scale=x_scale) if x_scale is not None else alt.X("date:T")
    tooltip = [alt.Tooltip("date:T", title="date", format="%d %b %Y"),
               alt.Tooltip("titles:N", title="milestones"), "kind:N", "status:N",
               alt.Tooltip("summary:N", title="what"),
               alt.Tooltip("disputed_values:N", title="disputed values"),
               alt.Tooltip("publisher:N", title="source")]
    rules = base.mark_rule(strokeDash=[4, 3], strokeWidth=1.2, color=INK, opacity=0.7).encode(
        x=x, tooltip=tooltip)
    left = base.transform_filter("!datum.anchor_right && datum.lane >= 0").mark_text(
        align="left", dx=3, baseline="top", fontSize=10, color=INK).encode(
        x=x, y=alt.Y("y_px:Q", scale=None, axis=None), text="label:N", tooltip=tooltip)
    right = base.transform_filter("datum.anchor_right && datum.lane >= 0").mark_text(
        align="right", dx=-3, baseline="top", fontSize=10, color=INK).encode(
        x=x, y=alt.Y("y_px:Q", scale=None, axis=None), text="label:N", tooltip=tooltip)
    return alt.layer(rules, left, right)


# --- Series over time, partial periods marked ---------------------------------------------

def _edges(series: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """The dashed parts of each line: every partial period with the whole period beside it,
    each run of them a segment of its own (the first week and the last one are not joined)."""
    if series.is_empty() or not series["partial"].any():
        return series.with_columns(pl.lit(0).alias("segment")).clear()
    keep = []
    groups = series.sort("period").partition_by(by, maintain_order=True) if by else [
        series.sort("period")]
    for part in groups:
        flags = part["partial"].to_list()
        near = [flags[i] or (i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1])
                for i in range(len(flags))]
        segment, segments = 0, []
        for i, is_near in enumerate(near):
            if is_near and i > 0 and not near[i - 1]:
                segment += 1
            segments.append(segment)
        keep.append(part.with_columns(pl.Series("segment", segments)).filter(pl.Series(near)))
    return pl.concat(keep)


def period_name(period: dt.date, grain: str) -> str:
    return {"month": f"{period:%B %Y}", "week": f"the week of {period:%d %b %Y}",
            "day": f"{period:%d %b %Y}"}[grain]


def partial_note(series: pl.DataFrame, grain: str,
                 drawn: str = "dashed with open points") -> str | None:
    """'Partial weeks ... are dashed with open points: the week of 15 Apr 2024 (5 of 7 days)',
    or None when every period is whole."""
    if series.is_empty() or "partial" not in series.columns:
        return None
    partial = series.filter(pl.col("partial")).unique("period").sort("period")
    if partial.is_empty():
        return None
    names = [f"{period_name(row['period'], grain)} ({row['days_covered']} of "
             f"{row['period_days']} days)" for row in partial.iter_rows(named=True)]
    return (f"Partial {grain}s, cut by the window or the data's coverage, are {drawn}: "
            f"{', '.join(names)}. Their totals are not comparable with whole {grain}s.")


def _series_layers(series: pl.DataFrame, y: str, y_title: str, y_format: str,
                   colour: alt.Color | None, tooltip: list, colour_value: str | None = None,
                   headroom: float = 0.0) -> list[alt.Chart]:
    """Lines over time (whole periods solid, partial ones dashed with open points). `headroom`
    is the share of the plot's height kept free above the data for milestone labels."""
    x = alt.X("period:T", title=None, axis=alt.Axis(format="%d %b %Y", labelAngle=0,
                                                   labelOverlap=True))
    top = series[y].max() if series.height else None
    scale = (alt.Scale(domain=[0, top / (1 - headroom)], nice=False)
             if headroom and top else alt.Scale(zero=True))
    y_enc = alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format), scale=scale)
    paint = {"color": colour} if colour is not None else {}
    fixed = {"color": colour_value} if colour_value else {}
    by = ["group"] if "group" in series.columns else []
    whole = series.filter(~pl.col("partial"))
    layers = [alt.Chart(whole).mark_line(**fixed).encode(x=x, y=y_enc, tooltip=tooltip,
                                                         **paint)]
    edges = _edges(series, by)
    if edges.height:
        layers.append(alt.Chart(edges).mark_line(strokeDash=[5, 4], **fixed).encode(
            x=x, y=y_enc, tooltip=tooltip, detail="segment:N", **paint))
    layers.append(alt.Chart(whole).mark_point(size=30, filled=True, **fixed).encode(
        x=x, y=y_enc, tooltip=tooltip, **paint))
    partial = series.filter(pl.col("partial"))
    if partial.height:
        layers.append(alt.Chart(partial).mark_point(size=60, filled=False, strokeWidth=1.5,
                                                    **fixed).encode(
            x=x, y=y_enc, tooltip=tooltip, **paint))
    return layers


def takedown_chart(series: pl.DataFrame, milestones: pl.DataFrame, split: str,
                   measure: str = "removed", window=None) -> alt.LayerChart:
    """Removals (or flags, or takedown rate) over time, one line per group, milestones inside
    `window` (default: the series' own span) as labelled rules. Drag or scroll to zoom."""
    title = {"removed": "listings removed", "flagged": "listings flagged",
             "takedown_rate": "takedown rate (removed / flagged)"}[measure]
    y_format = ".0%" if measure == "takedown_rate" else ",.0f"
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom")
    tooltip = [alt.Tooltip("period:T", format="%d %b %Y", title="period from"),
               alt.Tooltip("group:N", title=split.replace("_", " ")),
               alt.Tooltip("flagged:Q", format=","), alt.Tooltip("removed:Q", format=","),
               alt.Tooltip("takedown_rate:Q", format=".1%", title="takedown rate"),
               alt.Tooltip("days_covered:Q", title="days counted"),
               alt.Tooltip("partial:N", title="partial period")]
    start, end = window or ((series["period"].min(), series["period"].max()) if series.height
                            else (None, None))
    rules = milestone_layer(milestones, start, end) if series.height else None
    layers = _series_layers(series, measure, title, y_format, _colour(split), tooltip,
                            headroom=_headroom(milestones, start, end, HEIGHT))
    layers[0] = layers[0].add_params(zoom)
    if rules is not None:
        layers.append(rules)
    return alt.layer(*layers).properties(height=HEIGHT, width="container",
                                         title=f"{title.capitalize()} over time")


HEIGHT = 320


def _headroom(milestones: pl.DataFrame, start, end, height: int) -> float:
    """The share of a chart's height its milestone labels take at the top."""
    if start is None:
        return 0.0
    labels = milestone_labels(milestones, start, end)
    if labels.is_empty():
        return 0.0
    lanes = labels["lane"].max() + 1
    return min(0.5, (lanes * LABEL_LANE_PX + 10) / height)


def removals_chart(series: pl.DataFrame, milestones: pl.DataFrame, window) -> alt.LayerChart:
    """The Overview's small chart: listings removed per period (by the day taken) with the
    milestones."""
    removed = term(ACTIONS, "listing_removed").colour
    tooltip = [alt.Tooltip("period:T", format="%d %b %Y", title="period from"),
               alt.Tooltip("removed:Q", format=",", title="listings removed"),
               alt.Tooltip("days_covered:Q", title="days counted"),
               alt.Tooltip("partial:N", title="partial period")]
    layers = _series_layers(series, "removed", "listings removed", ",.0f", None, tooltip,
                            colour_value=removed,
                            headroom=_headroom(milestones, *window, 220))
    rules = milestone_layer(milestones, *window)
    if rules is not None:
        layers.append(rules)
    return alt.layer(*layers).properties(height=220, width="container",
                                         title="Listings removed, with the milestones")


def _hours_label(low: float, high: float) -> str:
    return f"{low:g}–{high:g} h"


def hours_histogram(buckets: pl.DataFrame) -> alt.Chart:
    """Removals by hours from flag to removal, one bar per doubling (1–2 h, 2–4 h, ...)."""
    data = buckets.with_columns(pl.struct("hours_low", "hours_high").map_elements(
        lambda r: _hours_label(r["hours_low"], r["hours_high"]), return_dtype=pl.Utf8)
        .alias("range"))
    order = data.sort("doubling")["range"].to_list()
    return alt.Chart(data).mark_bar(color=term(ACTIONS, "listing_removed").colour).encode(
        x=alt.X("range:O", sort=order, title="hours from flag to removal (each bar twice "
                                              "as long as the one before)",
                axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("removals:Q", title="listings removed", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("range:N", title="hours to removal"),
                 alt.Tooltip("removals:Q", format=",", title="listings removed")],
    ).properties(title="Time to takedown", height=220, width="container")


PENALTIES = {"warnings": "store_warned", "suspensions": "store_suspended",
             "closures": "store_closed"}


def period_label(row: dict, grain: str) -> str:
    fmt = {"month": "%b %Y", "week": "%d %b %Y", "day": "%d %b %Y"}[grain]
    label = row["period"].strftime(fmt)
    if row.get("partial"):
        label += f" (partial: {row['days_covered']} of {row['period_days']} days)"
    return label


def penalties_chart(series: pl.DataFrame, grain: str = "month") -> alt.Chart:
    """Store penalties per period, counting only the window's days; partial periods faded and
    labelled as such."""
    labelled = series.with_columns(pl.struct(pl.all()).map_elements(
        lambda r: period_label(r, grain), return_dtype=pl.Utf8).alias("period_label"))
    order = labelled.sort("period")["period_label"].to_list()
    long = labelled.unpivot(index=["period", "period_label", "partial"],
                            on=list(PENALTIES), variable_name="penalty", value_name="stores"
                            ).with_columns(pl.col("penalty").replace(PENALTIES))
    terms = tuple(term(ACTIONS, a) for a in PENALTIES.values())
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("period_label:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=200, labelOverlap=False)),
        y=alt.Y("stores:Q", title="store penalties", axis=alt.Axis(format=",.0f")),
        color=alt.Color("penalty:N", title="penalty", scale=_scale(terms),
                        legend=alt.Legend(labelExpr=label_expr(terms))),
        stroke=alt.condition("datum.partial", alt.value(INK), alt.value(None)),
        strokeDash=alt.condition("datum.partial", alt.value([3, 2]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("period_label:N", title=grain), alt.Tooltip("penalty:N"),
                 alt.Tooltip("stores:Q", format=",", title="penalties")],
    ).properties(title=f"Store penalties per {grain}, in the window", height=260,
                 width="container")


LADDER = {"listing removed": "listing_removed", "warned": "store_warned",
          "suspended": "store_suspended", "closed": "store_closed"}


def funnel_chart(funnel: pl.DataFrame) -> alt.LayerChart:
    """The penalty ladder as a funnel: stores at each rung in the window, each rung in its
    action's colour."""
    data = funnel.with_columns(pl.col("step").replace(LADDER).alias("action"))
    order = funnel["step"].to_list()
    terms = tuple(term(ACTIONS, a) for a in LADDER.values())
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("stores:Q", title="stores", axis=alt.Axis(format=",.0f")),
        color=alt.Color("action:N", scale=_scale(terms), legend=None),
        tooltip=["step:N", alt.Tooltip("stores:Q", format=",")])
    text = bars.mark_text(align="left", dx=4, color=INK).encode(
        text=alt.Text("stores:Q", format=","), color=alt.value(INK))
    return (bars + text).properties(title="Penalty ladder (stores)", height=180,
                                    width="container")


def offenders_chart(offenders: pl.DataFrame) -> alt.Chart:
    return alt.Chart(offenders).mark_bar(color=term(ACTIONS, "listing_removed").colour).encode(
        y=alt.Y("store_id:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("listings_removed:Q", title="listings removed in the window",
                axis=alt.Axis(format=",.0f")),
        tooltip=["store_id:N", "dataset:N",
                 alt.Tooltip("listings_removed:Q", format=",", title="listings removed"),
                 alt.Tooltip("penalties:Q", format=","), "closed:N"],
    ).properties(title="Top repeat offenders", height=320, width="container")


def milestone_timeline(milestones: pl.DataFrame) -> alt.Chart:
    data = milestones.select("date", "title", "kind", "status", "summary", "publisher",
                             "method", *(["disputed_values"] if "disputed_values" in
                                         milestones.columns else []))
    tooltip = [alt.Tooltip("date:T", format="%d %b %Y"), "title:N", "kind:N", "status:N",
               "summary:N", "publisher:N", "method:N"]
    if "disputed_values" in data.columns:
        tooltip.append(alt.Tooltip("disputed_values:N", title="disputed values"))
    return alt.Chart(data).mark_point(filled=True, size=140, opacity=0.9).encode(
        # padding keeps the first and last marks whole instead of cut by the plot's edge
        x=alt.X("date:T", title=None, scale=alt.Scale(padding=14), axis=alt.Axis(
            format="%Y", labelOverlap=True, tickCount={"interval": "year", "step": 1})),
        y=alt.Y("kind:N", title=None, sort=[t.key for t in MILESTONE_KINDS],
                axis=alt.Axis(labelExpr=label_expr(MILESTONE_KINDS))),
        color=alt.Color("kind:N", title="kind", scale=_scale(MILESTONE_KINDS),
                        legend=alt.Legend(labelExpr=label_expr(MILESTONE_KINDS),
                                          columns=4, labelLimit=160)),
        shape=alt.Shape("status:N", title="status", scale=alt.Scale(
            domain=[t.key for t in MILESTONE_STATUSES],
            range=["circle", "square", "triangle-up", "diamond"]),
            legend=alt.Legend(labelExpr=label_expr(MILESTONE_STATUSES), columns=4,
                              direction="vertical")),
        tooltip=tooltip,
    ).properties(title="Milestones", height=240, width="container")


# measure: (title, value format, axis format)
EFFECT_MEASURES = {
    "takedown_rate": ("takedown rate (removed / flagged)", ".1%", ".0%"),
    "median_hours": ("median hours from flag to removal", ",.1f", ",.0f"),
    "removals_per_day": ("listings removed per day", ",.0f", ",.0f"),
}


def effect_rows(effects: pl.DataFrame, milestone_date: dt.date, measure: str) -> pl.DataFrame:
    """Each window's before and after value as a segment, in days from the milestone."""
    rows = []
    for row in effects.iter_rows(named=True):
        for side, start, end in (("before", row["before_start"], row["before_end"]),
                                 ("after", row["after_start"], row["after_end"])):
            value = row[f"{measure}_{side}"]
            if value is None:
                continue
            rows.append({"window": str(row["window_days"]), "dataset": row["dataset"],
                         "side": side, "from_day": (start - milestone_date).days,
                         "to_day": (end - milestone_date).days + 1, "value": value,
                         "first": f"{start:%d %b %Y}", "last": f"{end:%d %b %Y}"})
    return pl.DataFrame(rows, schema={"window": pl.Utf8, "dataset": pl.Utf8, "side": pl.Utf8,
                                      "from_day": pl.Int64, "to_day": pl.Int64,
                                      "value": pl.Float64, "first": pl.Utf8, "last": pl.Utf8})


def effect_chart(effects: pl.DataFrame, milestone: dict, measure: str) -> alt.LayerChart:
    """One measure before and after a milestone, for one window (the rows of `effects`): a
    segment at the value over the days before and one over the days after, on an axis of days
    from the milestone, which is marked (a coarse date's whole month or year shaded: it is left
    out of both sides). Each segment is labelled with its value."""
    title, fmt, axis_fmt = EFFECT_MEASURES[measure]
    data = effect_rows(effects, milestone["date"], measure)
    reach = max([abs(v) for v in data["from_day"].to_list() + data["to_day"].to_list()] or [7])
    x = alt.X("from_day:Q", title=f"days from the milestone ({milestone['date']:%d %b %Y})",
              axis=alt.Axis(format="d", tickCount=8, labelOverlap=True),
              scale=alt.Scale(domain=[-reach - 2, reach + 2]))
    y = alt.Y("value:Q", title=title.split(" (")[0], axis=alt.Axis(format=axis_fmt),
              scale=alt.Scale(zero=True, nice=True))
    colour = alt.Color("window:N", title="window", scale=_scale(EFFECT_WINDOWS),
                       legend=None)
    tooltip = [alt.Tooltip("window:N", title="window (days)"), "dataset:N", "side:N",
               alt.Tooltip("value:Q", format=fmt, title=title.split(" (")[0]),
               alt.Tooltip("first:N", title="from"), alt.Tooltip("last:N", title="to")]
    segments = alt.Chart(data).mark_rule(strokeWidth=4).encode(
        x=x, x2="to_day:Q", y=y, color=colour, tooltip=tooltip)
    data = data.with_columns(((pl.col("from_day") + pl.col("to_day")) / 2).alias("middle"))
    labels = alt.Chart(data).mark_text(baseline="bottom", dy=-5, fontSize=11, color=INK).encode(
        x="middle:Q", y=y, text=alt.Text("value:Q", format=fmt))
    sides = alt.Chart(data).mark_text(baseline="top", dy=6, fontSize=10, color=MUTED).encode(
        x="middle:Q", y=y, text="side:N")
    span_end = effects["after_start"].min() if effects.height else milestone["date"]
    gap = (span_end - milestone["date"]).days
    marker = pl.DataFrame({"day": [0], "gap_end": [max(gap, 0)],
                           "what": [milestone.get("title") or "milestone"]})
    marks = [segments, labels, sides]
    if gap > 0:
        marks.insert(0, alt.Chart(marker).mark_rect(color=MUTED, opacity=0.12).encode(
            x="day:Q", x2="gap_end:Q", tooltip=alt.Tooltip(
                "what:N", title=f"left out: dated to the {milestone.get('precision')} only")))
    marks.append(alt.Chart(marker).mark_rule(strokeDash=[4, 3], color=INK).encode(
        x="day:Q", tooltip=alt.Tooltip("what:N", title="milestone")))
    return alt.layer(*marks).properties(height=170, width="container",
                                        title=title[0].upper() + title[1:])


# The platform comparison's measures, left to right: (column, title, axis format, label format).
PLATFORM_MEASURES = (("ip_statements", "IP-related statements", "~s", ","),
                     ("takedown_rate", "takedown rate", ".0%", ".1%"),
                     ("median_hours", "median hours to removal", ".0f", ".1f"))


def platform_chart(frame: pl.DataFrame, measure: int) -> alt.LayerChart:
    """One measure of the platform comparison: a bar per platform, the platforms in the
    order of the frame on every measure, so that three of these side by side read across.
    One view, so it fits its column (a concatenation would not)."""
    column, title, axis_format, label_format = PLATFORM_MEASURES[measure]
    order = frame["platform"].to_list()
    base = alt.Chart(frame).encode(
        y=alt.Y("platform:N", sort=order, title=None, axis=alt.Axis(labelLimit=160)),
        tooltip=["platform:N", alt.Tooltip("statements:Q", format=","),
                 alt.Tooltip("ip_statements:Q", format=",", title="IP-related"),
                 alt.Tooltip("ip_share:Q", format=".1%", title="IP share"),
                 alt.Tooltip("flagged:Q", format=","), alt.Tooltip("removed:Q", format=","),
                 alt.Tooltip("takedown_rate:Q", format=".1%", title="takedown rate"),
                 alt.Tooltip("median_hours:Q", format=".1f", title="median hours")])
    # the longest bar's label is drawn past its end: a fifth more axis keeps it inside the chart
    # (all zero or empty: Vega's own axis, a [0, 0] domain would draw nothing)
    largest = frame[column].max()
    scale = alt.Scale(domain=[0, largest * 1.2], nice=False) if largest else alt.Undefined
    bars = base.mark_bar(color=ACCENT if measure == 0 else MUTED).encode(
        x=alt.X(f"{column}:Q", title=title, scale=scale, axis=alt.Axis(format=axis_format)))
    labels = base.mark_text(align="left", dx=3, color=INK, fontSize=10).encode(
        x=f"{column}:Q", text=alt.Text(f"{column}:Q", format=label_format))
    return alt.layer(bars, labels).properties(height=max(60, 22 * len(order)),
                                              width="container")
