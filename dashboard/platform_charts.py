"""Chart builder for the platform comparison: pure, data in, Altair chart out (the theme of
dashboard/charts.py). Three measures side by side, one bar per platform, platforms in the
same order in each, so a row reads across."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.charts import ACCENT, INK, MUTED

# (column, title, axis format, label format) of each panel, left to right.
PANELS = (("ip_statements", "IP-related statements", "~s", ","),
          ("takedown_rate", "takedown rate (removed / flagged)", ".0%", ".1%"),
          ("median_hours", "median hours to removal", ".0f", ".1f"))


def comparison_chart(frame: pl.DataFrame) -> alt.HConcatChart:
    """Platforms compared: IP-related statements, takedown rate, median hours to removal."""
    order = frame["platform"].to_list()
    base = alt.Chart(frame).encode(
        y=alt.Y("platform:N", sort=order, title=None, axis=alt.Axis(labelLimit=160)),
        tooltip=["platform:N", alt.Tooltip("statements:Q", format=","),
                 alt.Tooltip("ip_statements:Q", format=",", title="IP-related"),
                 alt.Tooltip("ip_share:Q", format=".1%", title="IP share"),
                 alt.Tooltip("flagged:Q", format=","), alt.Tooltip("removed:Q", format=","),
                 alt.Tooltip("takedown_rate:Q", format=".1%", title="takedown rate"),
                 alt.Tooltip("median_hours:Q", format=".1f", title="median hours")])
    panels = []
    for index, (column, title, axis_format, label_format) in enumerate(PANELS):
        bars = base.mark_bar(color=ACCENT if index == 0 else MUTED).encode(
            x=alt.X(f"{column}:Q", title=title, axis=alt.Axis(format=axis_format)))
        text = base.mark_text(align="left", dx=3, color=INK, fontSize=10).encode(
            x=f"{column}:Q", text=alt.Text(f"{column}:Q", format=label_format))
        layer = (bars + text).properties(width=220, height=max(60, 22 * len(order)))
        if index:
            layer = layer.encode(y=alt.Y("platform:N", sort=order, axis=None))
        panels.append(layer)
    return alt.hconcat(*panels).properties(title="Platforms side by side")
