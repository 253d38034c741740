"""Overview: the window's headline numbers, each with where it comes from, and removals over
time with the milestones."""

import polars as pl
import streamlit as st

from dashboard import charts, data, ui

st.title("Overview")
f = ui.setup()


def delta(now: dict, before: dict, key: str, fmt, digits: int = 0, scale: float = 1.0):
    """The change as shown, and whether it is zero once rounded as shown ("+0 h" is no
    change: shown grey, without an arrow)."""
    if now[key] is None or before[key] is None:
        return None, False
    change = (now[key] - before[key]) * scale
    return fmt(change), round(change, digits) == 0


def metric(col, label, value, change, help_, inverse=False):
    text, zero = change
    col.metric(label, value, "no change" if zero else text,
               delta_color="off" if zero else ("inverse" if inverse else "normal"),
               delta_arrow="off" if zero else "auto", help=help_, border=True)


def budget_card(col) -> str:
    budgets = ui.q(data.budget_claims)
    if budgets.is_empty():
        col.metric("Project Clean budget", "–", help="no budget claim loaded", border=True)
        return "no claim"
    disputed = budgets.filter(pl.col("in_conflict"))
    shown = disputed if disputed.height else budgets.head(1)
    amounts = shown.sort("char_start").unique("value", maintain_order=True)
    currency = shown["currency"].drop_nulls().first() or ""
    value = " or ".join(f"{v / 1e9:,.0f} bn" for v in amounts["value"]) + f" {currency}"
    first = shown.row(0, named=True)
    statuses = {ui.status_label(s) for s in shown["status"]}
    if disputed.height:
        source = (f"claim · disputed: {first['disputed_values']} · neither is picked · "
                  f"{' / '.join(sorted(statuses))}")
        col.metric("Project Clean budget (disputed)", value.strip(), help=source, border=True)
    else:
        source = (f"claim · {first['publisher']}, {first['published']} · "
                  f"{' / '.join(sorted(statuses))}")
        col.metric("Project Clean budget", value.strip(), help=source, border=True)
    return source


if not ui.no_data_page():
    ui.synthetic_banner(f.datasets)
    now, before = ui.q(data.kpis, f), ui.q(data.kpis, f.previous())
    st.caption(f"{f.start:%d %b %Y} to {f.end:%d %b %Y} ({f.days} days), compared with the "
               f"{f.days} days before. Observed in: {', '.join(f.datasets)}.")
    observed = f"observed · {', '.join(f.datasets)}"
    # two rows, the budget card twice as wide: numbers stay readable, a dispute's values too
    cols = st.columns(3) + st.columns([1, 2])
    metric(cols[0], "Listings removed", ui.fmt_int(now["removed"]),
           delta(now, before, "removed", lambda d: f"{d:+,.0f}"),
           f"removals taken in the window · {observed}")
    metric(cols[1], "Stores closed", ui.fmt_int(now["closed"]),
           delta(now, before, "closed", lambda d: f"{d:+,.0f}"), observed)
    metric(cols[2], "Takedown rate", ui.fmt_pct(now["takedown_rate"]),
           delta(now, before, "takedown_rate", lambda d: f"{d:+.1f} pts", 1, 100),
           f"removed / flagged · {observed}")
    hours = now["median_hours"]
    metric(cols[3], "Median takedown time", "–" if hours is None else f"≈ {hours:.0f} h",
           delta(now, before, "median_hours", lambda d: f"{d:+.0f} h"),
           f"hours from flag to removal, from the hours histogram · {observed}", inverse=True)
    source = budget_card(cols[4])
    for col, text in zip(cols, [observed] * 4 + [source], strict=True):
        col.caption(text)
    if now["flagged"] == 0:
        st.info("No counterfeit-relevant flags in this window for these datasets. Widen the "
                "date window or pick another dataset in the sidebar.")
    else:
        grain = "day" if f.days <= 92 else "week"
        series = ui.q(data.removals_series, f, grain)
        ui.chart(charts.removals_chart(series, ui.q(data.milestones), (f.start, f.end)),
                 "removals", "removals-chart")
        note = charts.partial_note(series, grain)
        st.caption(f"Per {grain}, by the day the removal was taken. Dashed rules are "
                   "milestones (hover for the source)." + (f" {note}" if note else ""))
    shown = ui.q(data.datasets).filter(pl.col("dataset").is_in(list(f.datasets)))
    st.caption("Data as of: " + " · ".join(
        f"{row['dataset']}: {row['last_day']:%d %b %Y}" + (" (synthetic)" if row["synthetic"]
                                                          else "")
        for row in shown.iter_rows(named=True)))
