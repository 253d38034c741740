"""Counterfeit Watch dashboard: `cfwatch serve` starts it (streamlit run dashboard/app.py).

Page scripts live in views/, not pages/: Streamlit would list a pages/ folder as pages of
its own next to the navigation declared here."""

import streamlit as st

st.set_page_config(page_title="Counterfeit Watch", page_icon=":material/policy:",
                   layout="wide")

PAGES = [
    # the default page is served at "/" (Streamlit ignores a url_path on it)
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/takedowns.py", title="Takedowns", icon=":material/delete_sweep:",
            url_path="takedowns"),
    st.Page("views/stores.py", title="Stores and penalties", icon=":material/storefront:",
            url_path="stores"),
    st.Page("views/platforms.py", title="Platforms", icon=":material/compare_arrows:",
            url_path="platforms"),
    st.Page("views/claims.py", title="Claims and evidence", icon=":material/fact_check:",
            url_path="claims"),
    st.Page("views/milestones.py", title="Milestones", icon=":material/timeline:",
            url_path="milestones"),
    st.Page("views/sql.py", title="SQL", icon=":material/terminal:", url_path="sql"),
    st.Page("views/health.py", title="Data health", icon=":material/monitor_heart:",
            url_path="health"),
]

# Each page renders the shared sidebar itself (ui.setup), so a page also runs on its own
# (as streamlit.testing's AppTest runs it) and the filters still come from one place.
st.navigation(PAGES).run()
