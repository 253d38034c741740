"""Stores and penalties: warnings, suspensions, closures; the ladder; repeat offenders."""

import streamlit as st

from dashboard import charts, data, ui

st.title("Stores and penalties")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    monthly = ui.q(data.penalties_monthly, f)
    if monthly.is_empty():
        st.info("No store penalties in this window for these datasets (DSA dumps rarely name "
                "stores; the synthetic sample and your own data do).")
    else:
        ui.chart(charts.penalties_chart(monthly), "store-penalties", "penalties-chart")
        ui.downloads(monthly, "store-penalties", "penalties-table")
        funnel, offenders = ui.q(data.store_window, f)
        left, right = st.columns(2)
        with left:
            ui.chart(charts.funnel_chart(funnel), "penalty-ladder", "funnel-chart")
            ui.downloads(funnel, "penalty-ladder", "funnel-table")
        with right:
            ui.chart(charts.offenders_chart(offenders), "repeat-offenders", "offenders-chart")
            ui.downloads(offenders, "repeat-offenders", "offenders-table")
