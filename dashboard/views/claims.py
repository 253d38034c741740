"""Claims and evidence: every figure from the sources, its sentence, and what was observed."""

import polars as pl
import streamlit as st

from dashboard import charts, data, ui

st.title("Claims and evidence")
f = ui.setup()
figures = ui.q(data.claims)
if figures.is_empty():
    st.info("No figures loaded. `cfwatch etl run` loads the reviewed claims in seeds/claims.toml.")
    st.stop()

conflicts = ui.q(data.conflicts)
for row in conflicts.iter_rows(named=True):
    st.error(f"**Conflict in {row['publisher']}** ({row['metric']}): {row['figure_a']!r} vs "
             f"{row['figure_b']!r}. {row['reason']}. Both are shown; neither is picked.",
             icon=":material/error:")

left, middle, right = st.columns(3)
metrics = sorted(figures["metric"].unique().to_list())
chosen_metrics = left.multiselect("Metric", metrics, key="claims_metric",
                                  placeholder="All metrics")
sources = sorted(figures["source_id"].unique().to_list())
chosen_sources = middle.multiselect("Source", sources, key="claims_source",
                                    placeholder="All sources")
hide = right.toggle("Hide repeats and 'other'", value=True, key="claims_hide")
shown = figures
if chosen_metrics:
    shown = shown.filter(pl.col("metric").is_in(chosen_metrics))
if chosen_sources:
    shown = shown.filter(pl.col("source_id").is_in(chosen_sources))
if hide:
    shown = shown.filter(pl.col("repeat_of").is_null() & (pl.col("metric") != "other"))
if not figures["text_matched"].any():
    st.info("No article text is present, so no figure could be checked against its sentence. "
            "Put the articles in seeds/articles/ (or pass --articles) and run the ETL again.")

# What the selected datasets observed in each claim's window, beside the claim itself.
checked = ui.q(data.claims_vs_observed, f.datasets) if f is not None else None
if checked is not None and not checked.is_empty():
    observed = checked.filter(pl.col("covered")).group_by("figure_id").agg(
        pl.format("{} ({})", pl.col("observed_value").map_elements(
            lambda v: f"{v:,}", return_dtype=pl.Utf8), pl.col("dataset"))
        .str.join("; ").alias("observed in the window"))
    shown = shown.join(observed, on="figure_id", how="left")
else:
    shown = shown.with_columns(pl.lit(None, pl.Utf8).alias("observed in the window"))
# the claim, what was observed, and the sentence it came from first; the details after
table = shown.select(
    "metric", "surface", "period_start", "period_end", "observed in the window", "sentence",
    "publisher", "published", "url", "status", "in_conflict", "value", "value_low",
    "value_high", "qualifier", "unit", "method", "summary", "note", "figure_id")
st.dataframe(table, hide_index=True, width="stretch", column_config={
    "url": st.column_config.LinkColumn("link", display_text="source"),
    "value": st.column_config.NumberColumn(format="localized"),
    "value_low": st.column_config.NumberColumn("low", format="localized"),
    "value_high": st.column_config.NumberColumn("high", format="localized"),
    "in_conflict": st.column_config.CheckboxColumn("conflict"),
    "sentence": st.column_config.TextColumn(width="medium"),
    "period_start": st.column_config.DateColumn("from"),
    "period_end": st.column_config.DateColumn("to"),
    "published": st.column_config.DateColumn(),
}, key="claims-table")
ui.downloads(table, "claims", "claims-download")

st.subheader("Claimed against observed")
if f is None:
    st.info("No listing-level data is loaded, so there is nothing to check the claims "
            "against. Load some with `cfwatch etl run --sample`, `--listings` or `--dsa`.")
else:
    ui.synthetic_banner(f.datasets)
    covered = checked.filter(pl.col("covered"))
    if covered.is_empty():
        st.info("None of the selected datasets covers the window of a dated claim, so "
                "nothing is compared (a missing window is not a zero).")
    else:
        ui.chart(charts.claims_vs_observed_chart(covered), "claims-vs-observed", "cvo-chart")
    st.dataframe(checked, hide_index=True, width="stretch", key="cvo-table")
    ui.downloads(checked, "claims-vs-observed", "cvo-download")
