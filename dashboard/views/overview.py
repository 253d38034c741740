"""Overview: the window's headline numbers, each with where it comes from."""

import streamlit as st

from dashboard import data, ui

st.title("Overview")
f = ui.setup()
if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    now, before = ui.q(data.kpis, f), ui.q(data.kpis, f.previous())
    st.caption(f"{f.start} to {f.end} ({f.days} days), compared with the {f.days} days before. "
               f"Observed in: {', '.join(f.datasets)}.")
    observed = f"observed · {', '.join(f.datasets)}"

    def delta(key, fmt):
        if now[key] is None or before[key] is None:
            return None
        return fmt(now[key] - before[key])

    cols = st.columns(3) + st.columns(3)[:2]  # two rows: numbers stay readable
    cols[0].metric("Listings removed", ui.fmt_int(now["removed"]),
                   delta("removed", lambda d: f"{d:+,.0f}"),
                   help=f"removals taken in the window · {observed}", border=True)
    cols[1].metric("Stores closed", ui.fmt_int(now["closed"]),
                   delta("closed", lambda d: f"{d:+,.0f}"), help=observed, border=True)
    cols[2].metric("Takedown rate", ui.fmt_pct(now["takedown_rate"]),
                   delta("takedown_rate", lambda d: f"{d * 100:+.1f} pts"),
                   help=f"removed / flagged · {observed}", border=True)
    hours = now["median_hours"]
    cols[3].metric("Median time to takedown",
                   "–" if hours is None else f"≈ {hours:.0f} h",
                   delta("median_hours", lambda d: f"{d:+.0f} h"), delta_color="inverse",
                   help=f"hours from flag to removal, from the hours histogram · {observed}",
                   border=True)
    budget = ui.q(data.budget_claim)
    if budget:
        value = f"{budget['value'] / 1e9:,.0f} bn {budget['currency'] or ''}".strip()
        source = (f"claim · {budget['publisher']}, {budget['published']} · "
                  f"{'reviewed' if budget['status'] == 'reviewed' else 'machine-read'}"
                  + (" · conflicts with another figure in the source" if budget["in_conflict"]
                     else ""))
        cols[4].metric("Project Clean budget", value, help=source, border=True)
    else:
        cols[4].metric("Project Clean budget", "–", help="no budget claim loaded", border=True)
    for col, text in zip(cols, [observed] * 4 + [source if budget else "no claim"],
                         strict=True):
        col.caption(text)
    if now["flagged"] == 0:
        st.info("No counterfeit-relevant flags in this window for these datasets. Widen the "
                "date window or pick another dataset in the sidebar.")
