"""Data health: ETL runs, rejects, the source corpus, inputs and the age of the data."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import data, ui

st.title("Data health")
ui.setup()
info = ui.q(data.build_info)
built = info.get("built_at")
if built:
    age = dt.datetime.now(dt.timezone.utc) - dt.datetime.fromisoformat(built)
    hours = age.total_seconds() / 3600
    ago = (f"{age.total_seconds() / 60:.0f} min ago" if hours < 1 else
           f"{hours:.1f} h ago" if hours < 48 else f"{hours / 24:.0f} days ago")
    st.metric("Warehouse built", ago,
              help=f"built at {built} by run {info.get('run_id')}", border=True)

st.subheader("ETL runs")
holder = data.lock_state(ui.warehouse())  # not cached: it changes by the second
if holder:
    st.info(f"An ETL run (pid {holder}) is building a new warehouse right now; this page "
            "keeps showing the current one until it is swapped in.", icon=":material/sync:")
else:
    st.caption("No ETL run is in progress (the writer lock is free).")
runs = data.run_log(ui.warehouse())  # the live log beside the warehouse
if runs.is_empty():
    runs = ui.q(data.runs)  # a copied warehouse without its log: its own history
if runs.is_empty():
    st.info("No runs recorded.")
else:
    latest = runs.row(0, named=True)
    if latest["status"] == "failed":
        st.error(f"The latest run failed: {latest['message']}. The warehouse shown is the "
                 "previous complete version.")
    successes = runs.filter(pl.col("status").is_in(["success", "unchanged"]))
    schedule = data.schedule_info(ui.warehouse())
    if schedule and successes.height:
        last_ok = successes["finished_at"][0]
        overdue = dt.datetime.now(dt.timezone.utc) - last_ok
        if overdue.total_seconds() > 2 * schedule["expected_seconds"]:
            st.warning(f"The last successful run was {overdue} ago, but the schedule expects "
                       f"one every {schedule['expected_seconds'] / 3600:g} h. Is the "
                       "scheduler running?")
    ui.table(runs, "runs-table", {"seconds": st.column_config.NumberColumn(format="%.1f s")})
    ui.downloads(runs, "etl-runs", "runs-download")

st.subheader("Rejected input")
inputs_with_rejects = ui.q(data.reject_inputs)
if inputs_with_rejects.is_empty():
    st.success("Nothing was rejected.")
else:
    ui.table(inputs_with_rejects, "reject-inputs")
    ui.downloads(inputs_with_rejects, "rejects-by-input", "reject-inputs-download")
    inputs_ = inputs_with_rejects["input"].to_list()
    pick = ui.control(st.selectbox, "Show the rejects of", "rejects", inputs_[0],
                      options=inputs_, key="reject_pick")
    rejected = ui.q(data.rejects, pick)
    ui.table(rejected, "rejects-table")
    ui.downloads(rejected, "rejects", "rejects-download")

st.subheader("Source corpus")
corpus = ui.q(data.sources)
ui.table(corpus, "sources-table", {
    "url": st.column_config.LinkColumn("link", display_text="source")})
ui.downloads(corpus, "sources", "sources-download")
absent = corpus.filter(pl.col("text_status") != "present")
if absent.height:
    st.info(f"{absent.height} source(s) without usable text: their reviewed figures load, but "
            "could not be checked against the sentence. Put the articles in seeds/articles/ "
            "to check them.")

st.subheader("Listing-level inputs")
inputs = ui.q(data.inputs)
if inputs.is_empty():
    st.info("No listing-level inputs loaded.")
else:
    ui.table(inputs, "inputs-table")
    ui.downloads(inputs, "inputs", "inputs-download")
