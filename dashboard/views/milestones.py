"""Milestones: a timeline by kind and status, and the before/after effect of each."""

import streamlit as st

from dashboard import charts, data, ui

st.title("Milestones")
f = ui.setup()
milestones = ui.q(data.milestones)
if milestones.is_empty():
    st.info("No milestones loaded. `cfwatch etl run` loads the reviewed ones in "
            "seeds/claims.toml.")
    st.stop()
ui.chart(charts.milestone_timeline(milestones), "milestones", "timeline-chart")
table = milestones.select("date", "precision", "kind", "status", "title", "summary",
                          "publisher", "method", "review_status", "url", "milestone_id")
st.dataframe(table, hide_index=True, width="stretch", column_config={
    "date": st.column_config.DateColumn(),
    "url": st.column_config.LinkColumn("link", display_text="source")}, key="milestone-table")
ui.downloads(table, "milestones", "milestones-download")

st.subheader("Before and after")
labels = {f"{row['date']} · {row['title']}": row["milestone_id"]
          for row in milestones.iter_rows(named=True)}
default = 0
if f is not None:  # start on the first milestone the selected data can say something about
    inside = [i for i, row in enumerate(milestones.iter_rows(named=True))
              if f.start <= row["date"] <= f.end] or [
        i for i, row in enumerate(milestones.iter_rows(named=True)) if row["date"] >= f.start]
    default = inside[0] if inside else 0
chosen = labels[st.selectbox("Milestone", list(labels), index=default, key="milestone_pick")]
if f is None:
    st.info("No listing-level data is loaded, so no effect can be measured.")
else:
    ui.synthetic_banner(f.datasets)
    effects = ui.q(data.milestone_effects, chosen, f.datasets)
    if effects.is_empty():
        st.info("The selected datasets do not cover the days around this milestone, so its "
                "effect cannot be measured.")
    else:
        ui.chart(charts.effect_chart(effects), "milestone-effect", "effect-chart")
        st.dataframe(effects, hide_index=True, width="stretch", key="effect-table")
        ui.downloads(effects, "milestone-effect", "effect-download")
