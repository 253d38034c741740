"""Takedowns: removals and takedown rate over time, with every milestone on the time axis."""

import streamlit as st

from dashboard import charts, data, ui

st.title("Takedowns")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    left, middle, right = st.columns(3)
    grain = left.segmented_control("Grain", data.GRAINS, default="week", key="grain") or "week"
    split = middle.segmented_control("Split by", ["detected_by", "category", "dataset"],
                                     default="detected_by", key="split") or "detected_by"
    measure = right.segmented_control("Measure", ["removed", "takedown_rate", "flagged"],
                                      default="removed", key="measure") or "removed"
    series = ui.q(data.takedown_series, f, grain, split)
    if series.is_empty():
        st.info("No counterfeit-relevant flags in this window. Widen the date window or pick "
                "another dataset in the sidebar.")
    else:
        milestones = ui.q(data.milestones)
        ui.chart(charts.takedown_chart(series, milestones, split, measure, (f.start, f.end)),
                 "takedowns", "takedown-chart")
        st.caption("Dashed rules are milestones (hover for the quote or summary and the "
                   "source). Brush the lower strip to zoom.")
        ui.downloads(series, "takedowns", "takedown-table")
        buckets = ui.q(data.hours_distribution, f)
        if buckets.is_empty():
            st.info("No removals in this window, so no time-to-takedown distribution.")
        else:
            ui.chart(charts.hours_histogram(buckets), "time-to-takedown", "hours-chart")
            ui.downloads(buckets, "time-to-takedown", "hours-table")
