"""Takedowns: removals and takedown rate over time, with every milestone on the time axis."""

import streamlit as st

from dashboard import charts, data, ui

MEASURES = ["removed", "takedown_rate", "flagged"]
SPLITS = ["detected_by", "category", "dataset"]

st.title("Takedowns")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    # one row that wraps: the three controls never clip at narrow widths
    row = st.container(horizontal=True, wrap=True, gap="medium")
    left = middle = right = row
    grain = ui.control(left.segmented_control, "Grain", "grain", "week",
                       options=list(data.GRAINS), key="grain")
    split = ui.control(middle.segmented_control, "Split by", "split", "detected_by",
                       options=SPLITS, key="split",
                       format_func=lambda s: s.replace("_", " "))
    measure = ui.control(right.segmented_control, "Measure", "measure", "removed",
                         options=MEASURES, key="measure",
                         format_func=lambda m: m.replace("_", " "))
    series = ui.q(data.takedown_series, f, grain, split)
    if series.is_empty():
        st.info("No counterfeit-relevant flags in this window. Widen the date window or pick "
                "another dataset in the sidebar.")
    else:
        milestones = ui.q(data.milestones)
        ui.chart(charts.takedown_chart(series, milestones, split, measure, (f.start, f.end)),
                 "takedowns", "takedown-chart")
        note = charts.partial_note(series, grain)
        st.caption("Counted by the day the listing was flagged. Dashed rules are milestones "
                   "(hover for the summary and the source). Drag or scroll the chart to zoom; "
                   "double-click to reset." + (f" {note}" if note else ""))
        ui.downloads(series, "takedowns", "takedown-table")
        buckets = ui.q(data.hours_distribution, f)
        if buckets.is_empty():
            st.info("No removals in this window, so no time-to-takedown distribution.")
        else:
            ui.chart(charts.hours_histogram(buckets), "time-to-takedown", "hours-chart")
            ui.downloads(buckets, "time-to-takedown", "hours-table")
