"""SQL: ad-hoc read-only queries in the same sandbox as `cfwatch sql`."""

import streamlit as st

from dashboard import data, ui
from etl.query.connection import QueryError
from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, run_query

EXAMPLES = {
    "Claims with their sources": "SELECT metric, surface, period_start, period_end, publisher, "
                                 "status FROM claims ORDER BY metric",
    "Claims against observed data": "SELECT metric, surface, dataset, observed_value, "
                                    "claimed_to_observed FROM claims_vs_observed",
    "Weekly takedown rate": "SELECT date_trunc('week', day) AS week, sum(removed) / "
                            "sum(flagged) AS takedown_rate FROM takedown_daily "
                            "GROUP BY ALL ORDER BY week",
    "Milestone effects (30 days)": "SELECT m.title, e.takedown_rate_change, "
                                   "e.median_hours_change FROM milestone_effects e JOIN "
                                   "milestones m USING (milestone_id) WHERE window_days = 30",
    "Documented columns": "SELECT table_name, column_name, comment FROM duckdb_columns() "
                          "WHERE schema_name = 'main' ORDER BY table_name",
}

st.title("SQL")
ui.setup()
st.caption(f"Read-only and sandboxed: SELECT and EXPLAIN only, no file or network access, no "
           f"extensions, settings locked; at most {DEFAULT_MAX_ROWS:,} rows and "
           f"{DEFAULT_TIMEOUT_S:g} s per query. The same sandbox serves `cfwatch sql`.")
example = st.selectbox("Example queries", ["(write your own)"] + list(EXAMPLES),
                       key="sql_example")
if example != "(write your own)" and st.session_state.get("sql_loaded") != example:
    st.session_state["sql_text"] = EXAMPLES[example]
    st.session_state["sql_loaded"] = example
sql = st.text_area("Query", key="sql_text", height=140,
                   placeholder="SELECT * FROM claims LIMIT 20")
if st.button("Run", type="primary", key="sql_run") and sql.strip():
    try:
        result = run_query(ui.warehouse(), sql)
    except QueryError as exc:
        st.error(exc.reason)
    else:
        if result.truncated:
            st.warning(f"Truncated: showing the first {result.max_rows:,} rows.")
        st.caption(f"{result.frame.height:,} rows in {result.seconds * 1000:.0f} ms")
        st.dataframe(result.frame, hide_index=True, width="stretch", key="sql-result")
        ui.downloads(result.frame, "query", "sql-download")

st.subheader("Tables and views")
docs = ui.q(data.schema_docs)
st.dataframe(docs, hide_index=True, width="stretch", key="sql-docs")
ui.downloads(docs, "tables-and-views", "sql-docs-download")
name = st.selectbox("Columns of", docs["name"].to_list(), key="sql_columns_of")
columns = ui.q(data.column_docs, name)
st.dataframe(columns, hide_index=True, width="stretch", key="sql-columns")
ui.downloads(columns, f"columns-{name}", "sql-columns-download")
