"""Stores and penalties: warnings, suspensions, closures; the ladder; repeat offenders."""

import streamlit as st

from dashboard import charts, data, ui

st.title("Stores and penalties")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    grain = ui.control(st.segmented_control, "Per", "per", "month", options=["month", "week"],
                       key="per")
    series = ui.q(data.penalties_series, f, grain)
    if series.is_empty():
        st.info("No store penalties in this window for these datasets (DSA dumps rarely name "
                "stores; the synthetic sample and your own data do).")
    else:
        ui.chart(charts.penalties_chart(series, grain), "store-penalties", "penalties-chart")
        note = charts.partial_note(series, grain, "outlined with dashes")
        st.caption("Only the window's days are counted, so the periods add up to the ladder "
                   "below." + (f" {note}" if note else ""))
        ui.downloads(series, "store-penalties", "penalties-table")
        funnel, offenders = ui.q(data.store_window, f)
        left, right = st.columns(2)
        with left:
            ui.chart(charts.funnel_chart(funnel), "penalty-ladder", "funnel-chart")
            ui.downloads(funnel, "penalty-ladder", "funnel-table")
        with right:
            ui.chart(charts.offenders_chart(offenders), "repeat-offenders", "offenders-chart")
            ui.downloads(offenders, "repeat-offenders", "offenders-table")
