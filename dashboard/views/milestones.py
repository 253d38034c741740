"""Milestones: a timeline by kind and status, and the before/after effect of each."""

import polars as pl
import streamlit as st

from dashboard import charts, data, ui
from etl.vocab import MILESTONE_KINDS, MILESTONE_STATUSES

KIND_LABELS = {t.key: t.label for t in MILESTONE_KINDS}
STATUS_LABELS = {t.key: t.label for t in MILESTONE_STATUSES}

st.title("Milestones")
f = ui.setup()
milestones = ui.q(data.milestones)
if milestones.is_empty():
    st.info("No milestones loaded. `cfwatch etl run` loads the reviewed ones in "
            "seeds/claims.toml.")
    st.stop()
ui.chart(charts.milestone_timeline(milestones), "milestones", "timeline-chart")
table = milestones.select(
    "date", "precision", pl.col("kind").replace(KIND_LABELS),
    pl.col("status").replace(STATUS_LABELS),
    pl.when(pl.col("disputed_values").is_not_null())
    .then(pl.col("title") + " (disputed: " + pl.col("disputed_values") + ")")
    .otherwise(pl.col("title")).alias("title"),
    "summary", "publisher",
    pl.col("review_status").map_elements(ui.status_label, return_dtype=pl.Utf8),
    "url", "milestone_id")
ui.table(table, "milestone-table", {
    "title": st.column_config.TextColumn(width="large"),
    "review_status": ui.status_column("review"),
    "url": st.column_config.LinkColumn("link", display_text="source")})
ui.downloads(table, "milestones", "milestones-download")

st.subheader("Before and after")
labels = {row["milestone_id"]: f"{row['date']:%d %b %Y} · {row['title']}"
          + (" (disputed)" if row["disputed_values"] else "")
          for row in milestones.iter_rows(named=True)}
measurable = ui.q(data.measurable_milestones, f.datasets) if f is not None else []
default = measurable[0] if measurable else milestones["milestone_id"][-1]
chosen = ui.control(st.selectbox, "Milestone", "milestone", default, options=list(labels),
                    key="milestone_pick", format_func=labels.get,
                    help="Opens on the latest milestone the selected data can measure.")
milestone = milestones.filter(pl.col("milestone_id") == chosen).row(0, named=True)
if f is None:
    st.info("No listing-level data is loaded, so no effect can be measured.")
    st.stop()
ui.synthetic_banner(f.datasets)
effects = ui.q(data.milestone_effects, chosen, f.datasets)
if effects.is_empty():
    windows = ui.q(data.milestone_windows, chosen, f.datasets)
    if windows.is_empty():
        st.info(f"Not measurable: the milestone's date is known only as "
                f"'{milestone['precision']}', so no days before and after it can be named.")
    else:
        week = windows.filter(pl.col("window_days") == windows["window_days"].min())
        reasons = []
        for row in week.iter_rows(named=True):
            if row["before_start"] < row["first_day"]:
                reasons.append(f"the {row['window_days']} days before it start "
                               f"{row['before_start']:%d %b %Y}, before {row['dataset']} "
                               f"begins ({row['first_day']:%d %b %Y})")
            if row["after_end"] > row["last_day"]:
                reasons.append(f"the {row['window_days']} days after it end "
                               f"{row['after_end']:%d %b %Y}, after {row['dataset']} ends "
                               f"({row['last_day']:%d %b %Y})")
        coarse = (f" It is dated to the {milestone['precision']} only, so that whole "
                  f"{milestone['precision']} is left out and the days compared lie outside "
                  "it." if milestone["precision"] != "day" else "")
        st.info("Not measurable with the selected data: " + "; ".join(reasons) + "." + coarse)
else:
    if milestone["precision"] != "day":
        st.caption(f"Dated to the {milestone['precision']} only: the shaded span is left out, "
                   "and the days before it are compared with the days after it.")
    windows = [str(w) for w in sorted(set(effects["window_days"].to_list()))]
    window = ui.control(st.segmented_control, "Days compared on each side", "days",
                        "30" if "30" in windows else windows[0], options=windows,
                        key="effect_days", required=True, format_func=lambda d: f"{d} days")
    one = effects.filter(pl.col("window_days") == int(window))
    for measure in charts.EFFECT_MEASURES:
        ui.chart(charts.effect_chart(one, milestone, measure), f"milestone-{measure}",
                 f"effect-{measure}")
    shown = effects.select(
        "window_days", "dataset", "before_start", "before_end", "after_start", "after_end",
        "takedown_rate_before", "takedown_rate_after", "median_hours_before",
        "median_hours_after", "removals_per_day_before", "removals_per_day_after",
        "flagged_before", "flagged_after")
    pct = st.column_config.NumberColumn(format="percent")
    hours = st.column_config.NumberColumn(format="%.1f h")
    ui.table(shown, "effect-table", {  # dates and counts as every table shows them
        "window_days": st.column_config.NumberColumn("window (days)"),
        "takedown_rate_before": pct, "takedown_rate_after": pct,
        "median_hours_before": hours, "median_hours_after": hours})
    ui.downloads(effects, "milestone-effect", "effect-download")
