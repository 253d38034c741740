"""Counterfeit Watch dashboard: `cfwatch serve` starts it (streamlit run dashboard/app.py)."""

import streamlit as st

from dashboard import ui

st.set_page_config(page_title="Counterfeit Watch", page_icon=":material/policy:",
                   layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:",
            url_path="overview", default=True),
    st.Page("pages/takedowns.py", title="Takedowns", icon=":material/delete_sweep:",
            url_path="takedowns"),
    st.Page("pages/stores.py", title="Stores and penalties", icon=":material/storefront:",
            url_path="stores"),
    st.Page("pages/claims.py", title="Claims and evidence", icon=":material/fact_check:",
            url_path="claims"),
    st.Page("pages/milestones.py", title="Milestones", icon=":material/timeline:",
            url_path="milestones"),
    st.Page("pages/sql.py", title="SQL", icon=":material/terminal:", url_path="sql"),
    st.Page("pages/health.py", title="Data health", icon=":material/monitor_heart:",
            url_path="health"),
]

page = st.navigation(PAGES)
st.sidebar.caption("Counterfeit Watch · claims against evidence")
ui.sidebar()
page.run()
