"""SQL: ad-hoc read-only queries in the same sandbox as `cfwatch sql`."""

import streamlit as st

from dashboard import data, ui
from etl.query.connection import QueryError
from etl.query.sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, run_query

EXAMPLES = {
    "Claims with their sources": "SELECT metric, surface, period_start, period_end, publisher, "
                                 "status FROM claims ORDER BY metric",
    "Claims against observed data": "SELECT metric, surface, dataset, scale, observed_value, "
                                    "expected_value, verdict FROM claims_vs_observed",
    "Disputed figures, with every value": "SELECT figure_id, metric, disputed_values "
                                          "FROM disputes",
    "Weekly takedown rate": "SELECT date_trunc('week', day) AS week, sum(removed) / "
                            "sum(flagged) AS takedown_rate FROM takedown_daily "
                            "GROUP BY ALL ORDER BY week",
    "Milestone effects (30 days)": "SELECT m.title, e.takedown_rate_change, "
                                   "e.median_hours_change FROM milestone_effects e JOIN "
                                   "milestones m USING (milestone_id) WHERE window_days = 30",
    "Documented columns": "SELECT table_name, column_name, comment FROM duckdb_columns() "
                          "WHERE schema_name = 'main' ORDER BY table_name",
}
WRITE_YOUR_OWN = "(write your own)"


def load_example() -> None:
    example = st.session_state["sql_example"]
    if example in EXAMPLES:
        st.session_state["sql_text"] = EXAMPLES[example]


def run() -> None:
    ui.keep("sql", st.session_state["sql_text"].strip())


st.title("SQL")
ui.setup()
st.caption(f"Read-only and sandboxed: SELECT and EXPLAIN only, no file or network access, no "
           f"extensions, settings locked; at most {DEFAULT_MAX_ROWS:,} rows and "
           f"{DEFAULT_TIMEOUT_S:g} s per query. The same sandbox serves `cfwatch sql`. The "
           "query you run is in the page's address, so a link shares it with its result.")
ran = ui.param("sql", "")  # the query last run: in the URL, so a link reruns it
if "sql_text" not in st.session_state:
    st.session_state["sql_text"] = ran
st.selectbox("Example queries", [WRITE_YOUR_OWN] + list(EXAMPLES), key="sql_example",
             on_change=load_example)
st.text_area("Query", key="sql_text", height=140, placeholder="SELECT * FROM claims LIMIT 20")
st.button("Run", type="primary", key="sql_run", on_click=run)
if ran:
    try:
        result = run_query(ui.warehouse(), ran)
    except QueryError as exc:
        st.error(exc.reason)
    else:
        synthetic = ui.q(data.synthetic_read, ran)
        if synthetic:
            st.warning(f"**Synthetic data.** This query reads listing-level data, and "
                       f"{', '.join(synthetic)} is a made-up sample (`cfwatch sample`). Filter on "
                       "`dataset` to leave it out; never cite it as observed.", icon="⚠️")
        if result.truncated:
            st.warning(f"Truncated: showing the first {result.max_rows:,} rows.")
        st.caption(f"{result.frame.height:,} rows in {result.seconds * 1000:.0f} ms")
        ui.table(result.frame, "sql-result")
        ui.downloads(result.frame, "query", "sql-download")

st.subheader("Tables and views")
docs = ui.q(data.schema_docs)
ui.table(docs, "sql-docs")
ui.downloads(docs, "tables-and-views", "sql-docs-download")
names = docs["name"].to_list()
name = ui.control(st.selectbox, "Columns of", "table", names[0] if names else "",
                  options=names, key="sql_columns_of")
columns = ui.q(data.column_docs, name)
ui.table(columns, "sql-columns")
ui.downloads(columns, f"columns-{name}", "sql-columns-download")
