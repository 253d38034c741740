"""Platforms: every marketplace in the selection side by side, from the same rollups."""

import streamlit as st

from dashboard import charts, data, ui

st.title("Platforms")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    st.caption(f"{f.start} to {f.end} · datasets: {', '.join(f.datasets)}"
               + (f" · platforms: {', '.join(f.platforms)}" if f.platforms else ""))
    compared = ui.q(data.platform_comparison, f)
    if compared.is_empty():
        st.info("No statements in this window for these datasets and platforms. Widen the "
                "date window or pick other datasets in the sidebar.")
    else:
        for measure, column in enumerate(st.columns(len(charts.PLATFORM_MEASURES))):
            with column:
                ui.chart(charts.platform_chart(compared, measure), f"platforms-{measure}",
                         f"platforms-chart-{measure}")
        st.caption("IP-related statements count by the day acted on; the takedown rate "
                   "(removed / flagged) and the median hours to removal by the day flagged "
                   "(the median from the hours histogram, within 9%). A platform without "
                   "removals has no median.")
        ui.table(compared, "platforms-table-view", column_config={
            "ip_share": st.column_config.NumberColumn("IP share", format="percent"),
            "takedown_rate": st.column_config.NumberColumn("takedown rate", format="percent"),
            "median_hours": st.column_config.NumberColumn("median hours", format="%.1f")})
        ui.downloads(compared, "platforms", "platforms-table")
