"""Chart builders: pure functions, data in, Altair chart out. One theme for all of them.

Colours come from the vocabularies in etl/vocab.py, so a detection source or milestone kind
has the same colour on every chart.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from etl.palette import ACCENT, GRID, INK, MUTED, RULE, TEAL
from etl.vocab import ACTIONS, DETECTION_SOURCES, MILESTONE_KINDS, MILESTONE_STATUSES, Term

FONT = "Inter, Source Sans Pro, sans-serif"


@alt.theme.register("cfwatch", enable=True)
def cfwatch_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelColor": MUTED, "titleColor": INK, "gridColor": GRID,
                     "domainColor": RULE, "tickColor": RULE, "titleFontWeight": 600,
                     "labelFontSize": 11, "titleFontSize": 12},
            "legend": {"labelColor": INK, "titleColor": INK, "orient": "bottom",
                       "titleFontWeight": 600},
            "title": {"color": INK, "fontSize": 14, "anchor": "start", "fontWeight": 600},
            "range": {"category": [t.colour for t in DETECTION_SOURCES] + [TEAL]},
            "line": {"strokeWidth": 2},
        }
    }


def _scale(terms: tuple[Term, ...]) -> alt.Scale:
    return alt.Scale(domain=[t.key for t in terms], range=[t.colour for t in terms])


def _colour(split: str) -> alt.Color:
    if split == "detected_by":
        return alt.Color("group:N", title="detected by", scale=_scale(DETECTION_SOURCES))
    return alt.Color("group:N", title=split.replace("_", " "))


def milestone_layer(milestones: pl.DataFrame, start, end) -> alt.LayerChart | None:
    """Vertical rules with labels for the milestones inside [start, end]."""
    inside = milestones.filter((pl.col("date") >= start) & (pl.col("date") <= end))
    if inside.is_empty():
        return None
    # One rule per date: several milestones on one day (a press conference announcing four
    # things) get one label, "first title (+3)", and every title in the tooltip.
    per_day = inside.sort("date", "kind").group_by("date", maintain_order=True).agg(
        pl.col("title").first().alias("first_title"),
        pl.col("title").str.join(" · ").alias("titles"),
        pl.len().alias("count"), pl.col("kind").first(), pl.col("status").first(),
        pl.col("summary").first(), pl.col("publisher").first(),
    ).with_columns(pl.when(pl.col("count") > 1)
                   .then(pl.col("first_title") + " (+" + (pl.col("count") - 1).cast(pl.Utf8) + ")")
                   .otherwise(pl.col("first_title")).alias("title"))
    base = alt.Chart(per_day.select("date", "title", "titles", "kind", "status", "summary",
                                    "publisher"))
    tooltip = [alt.Tooltip("date:T", title="date"), alt.Tooltip("titles:N", title="milestones"),
               "kind:N", "status:N", alt.Tooltip("summary:N", title="what"),
               alt.Tooltip("publisher:N", title="source")]
    rules = base.mark_rule(strokeDash=[4, 3], strokeWidth=1.5).encode(
        x="date:T", color=alt.Color("kind:N", scale=_scale(MILESTONE_KINDS), legend=None),
        tooltip=tooltip)
    labels = base.mark_text(align="left", dx=3, dy=-4, fontSize=10, angle=0, baseline="top",
                            color=INK).encode(
        x="date:T", y=alt.value(2), text="title:N", tooltip=tooltip)
    return alt.layer(rules, labels)


def takedown_chart(series: pl.DataFrame, milestones: pl.DataFrame, split: str,
                   measure: str = "removed", window=None) -> alt.VConcatChart:
    """Removals (or takedown rate) over time, one line per group, milestones in `window`
    (default: the series' own span) drawn on the time axis; brush the lower overview to zoom
    the upper chart."""
    title = {"removed": "listings removed", "flagged": "listings flagged",
             "takedown_rate": "takedown rate (removed / flagged)"}[measure]
    y_format = ".0%" if measure == "takedown_rate" else "~s"
    brush = alt.selection_interval(encodings=["x"], name="zoom")
    data = series.select("period", "group", "flagged", "removed", "takedown_rate")
    tooltip = [alt.Tooltip("period:T"), alt.Tooltip("group:N"),
               alt.Tooltip("flagged:Q", format=","),
               alt.Tooltip("removed:Q", format=","),
               alt.Tooltip("takedown_rate:Q", format=".1%", title="takedown rate")]
    line = alt.Chart(data).mark_line(point=False).encode(
        x=alt.X("period:T", title=None, scale=alt.Scale(domain=brush),
                axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
        y=alt.Y(f"{measure}:Q", title=title, axis=alt.Axis(format=y_format)),
        color=_colour(split), tooltip=tooltip)
    layers = [line]
    if series.height:
        start, end = window or (series["period"].min(), series["period"].max())
        rules = milestone_layer(milestones, start, end)
        if rules is not None:
            layers.append(rules.encode(x=alt.X("date:T", scale=alt.Scale(domain=brush))))
    # independent colours: the milestone rules' kinds must not merge into the lines' legend
    upper = alt.layer(*layers).resolve_scale(color="independent").properties(
        height=300, width="container")
    overview = alt.Chart(data).mark_area(opacity=0.5, color=MUTED).encode(
        x=alt.X("period:T", title="brush here to zoom", axis=alt.Axis(format="%b %Y")),
        y=alt.Y(f"sum({measure}):Q", title=None, axis=alt.Axis(labels=False, ticks=False)),
    ).add_params(brush).properties(height=60, width="container")
    return alt.vconcat(upper, overview).properties(title=f"{title.capitalize()} over time")


def hours_histogram(buckets: pl.DataFrame) -> alt.Chart:
    """Distribution of hours from flag to removal (log-spaced buckets)."""
    data = buckets.with_columns(
        (pl.col("hours_low").round(1).cast(pl.Utf8) + "–" + pl.col("hours_high").round(1)
         .cast(pl.Utf8) + " h").alias("range"))
    return alt.Chart(data).mark_bar(color=ACCENT).encode(
        x=alt.X("hours_low:Q", title="hours from flag to removal (log scale)",
                scale=alt.Scale(type="log")),
        x2="hours_high:Q",
        y=alt.Y("removals:Q", title="removals", axis=alt.Axis(format="~s")),
        tooltip=["range:N", alt.Tooltip("removals:Q", format=",")],
    ).properties(title="Time to takedown", height=220, width="container")


def penalties_chart(monthly: pl.DataFrame) -> alt.Chart:
    long = monthly.unpivot(index="month", on=["warnings", "suspensions", "closures"],
                           variable_name="penalty", value_name="stores")
    colours = {"warnings": ACTIONS[2].colour, "suspensions": ACTIONS[3].colour,
               "closures": ACTIONS[4].colour}
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("yearmonth(month):O", title=None),
        y=alt.Y("stores:Q", title="stores", axis=alt.Axis(format="~s")),
        color=alt.Color("penalty:N", scale=alt.Scale(domain=list(colours),
                                                     range=list(colours.values()))),
        tooltip=["yearmonth(month):T", "penalty:N", alt.Tooltip("stores:Q", format=",")],
    ).properties(title="Store penalties per month", height=260, width="container")


def funnel_chart(funnel: pl.DataFrame) -> alt.Chart:
    """The penalty ladder as a funnel: stores at each rung in the window."""
    order = funnel["step"].to_list()
    bars = alt.Chart(funnel).mark_bar(color=ACTIONS[4].colour).encode(
        y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("stores:Q", title="stores", axis=alt.Axis(format="~s")),
        tooltip=["step:N", alt.Tooltip("stores:Q", format=",")])
    text = bars.mark_text(align="left", dx=4, color=INK).encode(text=alt.Text("stores:Q",
                                                                              format=","))
    return (bars + text).properties(title="Penalty ladder", height=180, width="container")


def offenders_chart(offenders: pl.DataFrame) -> alt.Chart:
    return alt.Chart(offenders).mark_bar(color=ACTIONS[0].colour).encode(
        y=alt.Y("store_id:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("listings_removed:Q", title="listings removed in the window"),
        tooltip=["store_id:N", "dataset:N", "listings_removed:Q", "penalties:Q", "closed:N"],
    ).properties(title="Top repeat offenders", height=320, width="container")


def claims_vs_observed_chart(rows: pl.DataFrame) -> alt.Chart:
    """Each claim beside what a dataset observed in the same window (log scale)."""
    long = pl.concat([
        rows.select(pl.col("surface").alias("claim"), "metric", "dataset",
                    pl.lit("claimed").alias("kind"), pl.col("claimed_value").alias("value")),
        rows.select(pl.col("surface").alias("claim"), "metric", "dataset",
                    pl.lit("observed").alias("kind"),
                    pl.col("observed_value").cast(pl.Float64).alias("value")),
    ]).drop_nulls("value")
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("kind:N", title=None),
        x=alt.X("value:Q", title="count (log scale)", scale=alt.Scale(type="symlog"),
                axis=alt.Axis(format="~s")),
        color=alt.Color("kind:N", scale=alt.Scale(domain=["claimed", "observed"],
                                                  range=[ACCENT, MUTED])),
        row=alt.Row("metric:N", title=None),
        tooltip=["claim:N", "metric:N", "dataset:N", "kind:N", alt.Tooltip("value:Q",
                                                                          format=",")],
    ).properties(title="Claimed vs observed in the claim's window", height=60, width=500)


def milestone_timeline(milestones: pl.DataFrame) -> alt.Chart:
    data = milestones.select("date", "title", "kind", "status", "summary", "publisher",
                             "method")
    return alt.Chart(data).mark_point(filled=True, size=140).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("kind:N", title=None, sort=[t.key for t in MILESTONE_KINDS]),
        color=alt.Color("kind:N", scale=_scale(MILESTONE_KINDS), legend=None),
        shape=alt.Shape("status:N", scale=alt.Scale(
            domain=[t.key for t in MILESTONE_STATUSES],
            range=["circle", "square", "triangle-up", "diamond"])),
        tooltip=[alt.Tooltip("date:T"), "title:N", "kind:N", "status:N", "summary:N",
                 "publisher:N", "method:N"],
    ).properties(title="Milestones", height=240, width="container")


def effect_chart(effects: pl.DataFrame) -> alt.Chart:
    """Takedown rate and median hours before vs after a milestone, per window."""
    long = pl.concat([
        effects.select("window_days", "dataset", pl.lit("before").alias("when"),
                       pl.col("takedown_rate_before").alias("takedown_rate"),
                       pl.col("median_hours_before").alias("median_hours")),
        effects.select("window_days", "dataset", pl.lit("after").alias("when"),
                       pl.col("takedown_rate_after").alias("takedown_rate"),
                       pl.col("median_hours_after").alias("median_hours")),
    ]).with_columns((pl.col("window_days").cast(pl.Utf8) + " days").alias("window"))
    base = alt.Chart(long).encode(
        x=alt.X("when:N", sort=["before", "after"], title=None),
        color=alt.Color("when:N", scale=alt.Scale(domain=["before", "after"],
                                                  range=[MUTED, ACCENT]), legend=None),
        column=alt.Column("window:N", title=None))
    rate = base.mark_bar().encode(
        y=alt.Y("takedown_rate:Q", title="takedown rate", axis=alt.Axis(format=".0%")),
        tooltip=["window:N", "dataset:N", "when:N",
                 alt.Tooltip("takedown_rate:Q", format=".1%")]).properties(width=90, height=160)
    hours = base.mark_bar().encode(
        y=alt.Y("median_hours:Q", title="median hours to removal"),
        tooltip=["window:N", "dataset:N", "when:N",
                 alt.Tooltip("median_hours:Q", format=".1f")]).properties(width=90, height=160)
    return alt.vconcat(rate, hours).properties(title="Before and after")
