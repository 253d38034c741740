"""Claims and evidence: every figure from the sources, its status, its sentence and what was
observed; one claim's evidence card (`/claims?claim=<figure_id>`) with its report and the
review controls."""

import dataclasses
import urllib.parse

import polars as pl
import streamlit as st

from dashboard import charts, data, ui
from etl.claims.review import append_decision, decide, default_reviewer
from etl.errors import CfwatchError
from etl.reports.html import (
    describe_value,
    highlight,
    reading_chances,
    render_html,
    report_file_name,
)
from etl.vocab import ACTORS, COUNTED, METRICS, QUALIFIERS, STATUSES

METRIC_LABELS = {t.key: t.label for t in METRICS}
STATUS_KEYS = [t.key for t in STATUSES]


def escape(text: str) -> str:
    """Markdown-safe text (article sentences hold $, *, _ and brackets)."""
    for char in "\\`*_[]()$#~<>|":
        text = text.replace(char, "\\" + char)
    return text


def claim_link(figure_id: str) -> str:
    return "claims?claim=" + urllib.parse.quote(figure_id, safe="")


def observed_text(rows: pl.DataFrame) -> pl.DataFrame:
    """Per figure: what each selected dataset observed in its window, with the verdict."""
    if rows.is_empty():
        return pl.DataFrame(schema={"figure_id": pl.Utf8, "observed": pl.Utf8})
    text = rows.with_columns(pl.struct(pl.all()).map_elements(
        lambda r: f"{r['dataset']}: " + (
            f"{r['observed_value']:,} ({ui.verdict_label(r['verdict'])}"
            + (f"; {r['scale']:g} x claim = {r['expected_value']:,.0f}" if r["synthetic"]
               else "") + ")" if r["covered"] else "not covered"),
        return_dtype=pl.Utf8).alias("observed"))
    return text.group_by("figure_id").agg(pl.col("observed").str.join("; "))


# --- The evidence card ---------------------------------------------------------------------

def evidence_card(figure_id: str, datasets: tuple[str, ...] | None,
                  pending: pl.DataFrame) -> None:
    ev = ui.q(data.evidence, figure_id)
    if ev is None:
        st.warning(f"No figure `{figure_id}` in this warehouse (it may have been re-extracted "
                   "under another id).")
        return
    figure = ev.figure
    with st.container(border=True, key="claim-card"):
        st.subheader(f"Evidence: {figure['surface']} · "
                     f"{METRIC_LABELS.get(figure['metric'], figure['metric'])}")
        badges = [ui.status_badge(figure["status"])]
        if ev.disputed:
            badges.append(":red-badge[disputed]")
        if figure["text_matched"] is None:
            badges.append(":gray-badge[text not checked]")
        st.markdown(" ".join(badges) + f" `{figure_id}`")
        for d in pending.filter(pl.col("figure_id") == figure_id).iter_rows(named=True):
            st.info(f"A decision on this figure is pending: **{d['action']}** by {d['by']} "
                    f"on {d['at']:%d %b %Y %H:%M} UTC. It shows here once the next `cfwatch "
                    "etl run` has applied it.", icon=":material/pending:")
        if ev.disputed:
            values = "; ".join(f"**{escape(v['surface'])}** at character {v['char_start']}"
                               + (" (this figure)" if v["figure_id"] == figure_id else "")
                               for v in ev.disputed)
            st.error(f"**Disputed.** {escape(ev.source['publisher'] or 'The source')} states "
                     f"{len(ev.disputed)} values that cannot all be true: {values}. None is "
                     "picked.", icon=":material/error:")
        parts = highlight(figure)
        if parts:
            st.markdown(f"> {escape(parts['before'])}:orange-background[**"
                        f"{escape(parts['number'])}**]{escape(parts['after'])}")
        else:
            st.caption("The article text was absent when the warehouse was built: the "
                       "sentence cannot be shown, and the figure was not checked against it.")
        source = ev.source
        published = source["published"]
        st.markdown(
            f"**Source:** {escape(source['publisher'] or 'unknown')}"
            + (f", {published:%d %b %Y}" if published else "")
            + (f" · [{escape(source['url'])}]({source['url']})" if source["url"] else "")
            + f" · characters {figure['char_start']}–{figure['char_end']} of "
              f"`{source['file']}`")
        st.markdown(f"**Value:** {escape(describe_value(figure))}"
                    + (f" · **Period:** {figure['period_start']:%d %b %Y} to "
                       f"{figure['period_end']:%d %b %Y} (both days included)"
                       if figure["period_start"] else ""))
        if chances := reading_chances(figure):
            st.caption(f"Machine-read: {chances} Check it before using it.")
        if ev.repeats:
            st.markdown("**Repeats:** " + "; ".join(
                f"{r['relation']} [{escape(r['surface'])}]({claim_link(r['figure_id'])}) "
                f"({ui.status_label(r['status'])})" for r in ev.repeats))
        shown = dataclasses.replace(ev, observed=[
            o for o in ev.observed if datasets is None or o["dataset"] in datasets])
        if shown.observed:
            if shown.synthetic_observed:
                ui.synthetic_banner(tuple(o["dataset"] for o in shown.observed))
            chart = charts.evidence_chart(shown)
            if chart is not None:
                ui.chart(chart, f"evidence-{figure_id}", "card-chart")
        elif ev.disputed:
            ui.chart(charts.evidence_chart(ev), f"evidence-{figure_id}", "card-chart")
        row = st.container(horizontal=True)
        row.download_button("Download report (HTML)", lambda: render_html(ev),
                            file_name=report_file_name(figure_id), mime="text/html",
                            key="report-html", on_click="ignore", icon=":material/download:",
                            help="The same file as `cfwatch report` writes: self-contained, "
                                 "nothing loaded from elsewhere.")
        row.link_button("Link to this claim", claim_link(figure_id), icon=":material/link:")
        review_controls(figure)


def review_controls(figure: dict) -> None:
    """Accept, correct or reject: a decision appended to the reviews file (never the
    warehouse); the next ETL run applies it."""
    file = data.reviews_file(ui.warehouse())
    verb = "Review" if figure["status"] == "machine" else "Review again"
    with st.expander(f"{verb}: accept, correct or reject this figure"):
        with st.form(f"review-{figure['figure_id']}", border=False):
            action = st.radio("Decision", ["accept", "correct", "reject"], horizontal=True,
                              key="review_action",
                              captions=["it is right as read", "fix the fields below",
                                        "not a figure, or not this one"])
            left, right = st.columns(2)
            by = left.text_input("Your name", value=default_reviewer(), key="review_by")
            note = right.text_input("Note (kept with the decision)", key="review_note")
            metrics = [t.key for t in METRICS]
            qualifiers = [t.key for t in QUALIFIERS]
            metric = left.selectbox("Metric", metrics, index=metrics.index(figure["metric"]),
                                    format_func=METRIC_LABELS.get, key="review_metric")
            qualifier = right.selectbox("Qualifier", qualifiers,
                                        index=qualifiers.index(figure["qualifier"]),
                                        key="review_qualifier")
            value = left.number_input("Value", value=figure["value"], format="%f",
                                      key="review_value")
            low = left.number_input("Lower bound (empty: none)", value=figure["value_low"],
                                    format="%f", key="review_low")
            high = right.number_input("Upper bound (empty: none)", value=figure["value_high"],
                                      format="%f", key="review_high")
            period = right.date_input(
                "Period (both days included)",
                value=(figure["period_start"], figure["period_end"])
                if figure["period_start"] else [], key="review_period")
            counted_keys = [""] + [t.key for t in COUNTED]
            actor_keys = [""] + [t.key for t in ACTORS]
            counted = left.selectbox("Counts", counted_keys,
                                     index=counted_keys.index(figure["counted"] or ""),
                                     key="review_counted")
            actor = right.selectbox("Who acted", actor_keys,
                                    index=actor_keys.index(figure["actor"] or ""),
                                    key="review_actor")
            submitted = st.form_submit_button("Append the decision", type="primary")
        st.caption(f"Appended to `{file}` with your name and the time; the dashboard never "
                   "writes the warehouse. The next `cfwatch etl run` applies it.")
    if not submitted:
        return
    asked = {"metric": metric, "qualifier": qualifier, "value": value, "value_low": low,
             "value_high": high, "counted": counted or None, "actor": actor or None}
    if isinstance(period, (tuple, list)) and len(period) == 2:
        asked.update(period_start=period[0], period_end=period[1])
    corrections = {k: v for k, v in asked.items() if v != figure.get(k)}
    if "period_start" in corrections or "period_end" in corrections:
        corrections.update(period_start=asked["period_start"], period_end=asked["period_end"],
                           period_precision="day")
    try:
        decision = decide(figure, action, by or None, note or None,
                          **(corrections if action == "correct" else {}))
        append_decision(file, decision)
    except CfwatchError as exc:
        st.error(f"Not appended: {exc.reason}")
        return
    st.success(f"{action.capitalize()} appended to `{file}` by {decision.by} at "
               f"{decision.at:%d %b %Y %H:%M} UTC. Pending until the next `cfwatch etl run`.")


# --- The page --------------------------------------------------------------------------------

st.title("Claims and evidence")
f = ui.setup()
figures = ui.q(data.claims)
if figures.is_empty():
    st.info("No figures loaded. `cfwatch etl run` loads the reviewed claims in seeds/claims.toml.")
    st.stop()
datasets = f.datasets if f is not None else None

ids = figures["figure_id"].to_list()
card_labels = {"": "(none)", **{row["figure_id"]: f"{row['surface']} · "
                                f"{METRIC_LABELS.get(row['metric'], row['metric'])} · "
                                f"{row['figure_id']}"
                                for row in figures.iter_rows(named=True)}}
claim = ui.control(st.selectbox, "Evidence card", "claim", "", options=[""] + ids,
                   key="claim_pick", format_func=card_labels.get,
                   help="One claim with its sentence, source, status and the data; also "
                        "opened by /claims?claim=<figure_id>.")
pending = data.pending_reviews(ui.warehouse())  # the reviews file changes without a build
if claim:
    evidence_card(claim, datasets, pending)

if pending.height:
    st.info(f"**{pending.height} review decision(s) pending**: appended to "
            f"`{data.reviews_file(ui.warehouse())}` after this warehouse was built. The next "
            "`cfwatch etl run` applies them; until then the figures below show their old "
            "status.", icon=":material/pending:")
    ui.table(pending.select("figure_id", "written", "action", "by", "at", "note", "metric",
                            "value", "period_start", "period_end"), "pending-table")

conflicts = ui.q(data.conflicts)
for row in conflicts.iter_rows(named=True):
    st.error(f"**Conflict in {escape(row['publisher'])}** "
             f"({METRIC_LABELS.get(row['metric'], row['metric'])}): "
             f"{escape(row['figure_a'])!r} vs {escape(row['figure_b'])!r}. {row['reason']}. "
             "Both are shown as disputed; neither is picked.", icon=":material/error:")

left, middle, right = st.columns([2, 2, 2])
metrics = sorted(figures["metric"].unique().to_list())
chosen_metrics = ui.control(left.multiselect, "Metric", "metric", [], options=metrics,
                            key="claims_metric", placeholder="All metrics",
                            format_func=lambda m: METRIC_LABELS.get(m, m))
sources = sorted(figures["source_id"].unique().to_list())
chosen_sources = ui.control(middle.multiselect, "Source", "source", [], options=sources,
                            key="claims_source", placeholder="All sources")
chosen_status = ui.control(right.multiselect, "Status", "status", ["machine", "reviewed"],
                           options=STATUS_KEYS, key="claims_status",
                           format_func=ui.status_label)
hide = ui.control(st.toggle, "Hide repeats and 'other'", "tidy", True, key="claims_hide")
shown = figures.filter(pl.col("status").is_in(chosen_status or STATUS_KEYS))
if chosen_metrics:
    shown = shown.filter(pl.col("metric").is_in(chosen_metrics))
if chosen_sources:
    shown = shown.filter(pl.col("source_id").is_in(chosen_sources))
if hide:
    shown = shown.filter(pl.col("repeat_of").is_null() & (pl.col("metric") != "other"))
if not figures["text_matched"].any():
    st.info("No article text is present, so no figure could be checked against its sentence. "
            "Put the articles in seeds/articles/ (or pass --articles) and run the ETL again.")

checked = ui.q(data.claims_vs_observed, f.datasets) if f is not None else pl.DataFrame()
observed = observed_text(checked)
shown = shown.join(observed, on="figure_id", how="left") if observed.height else \
    shown.with_columns(pl.lit(None, pl.Utf8).alias("observed"))
# the claim, its status and what was observed first; the details after; nothing raw
table = shown.select(
    pl.col("surface").alias("claim"),
    pl.col("metric").replace(METRIC_LABELS).alias("metric"),
    pl.col("status").map_elements(ui.status_label, return_dtype=pl.Utf8).alias("status"),
    # in whole percent: the chance is a rate on a few hundred figures, not to two decimals
    (pl.col("chance_right") * 100).round().alias("chance right"),
    pl.struct(pl.all()).map_elements(describe_value, return_dtype=pl.Utf8).alias("value"),
    pl.col("disputed_values").fill_null("").alias("disputed (every value)"),
    pl.col("period_start").dt.strftime("%-d %b %Y").fill_null("").alias("from"),
    pl.col("period_end").dt.strftime("%-d %b %Y").fill_null("").alias("to"),
    pl.col("observed").fill_null(""),
    pl.col("sentence").fill_null(""),
    pl.col("publisher").fill_null(""),
    pl.col("published").dt.strftime("%-d %b %Y").fill_null("").alias("published"),
    pl.col("figure_id").map_elements(claim_link, return_dtype=pl.Utf8).alias("evidence"),
    "url", "figure_id")
st.dataframe(table, hide_index=True, width="stretch", placeholder="", column_config={
    "claim": st.column_config.TextColumn(width="medium"),
    "status": ui.status_column(),
    "chance right": st.column_config.ProgressColumn(
        min_value=0, max_value=100, format="%d%%",
        help="Machine-read figures: how often readings like this one had both the right "
             "metric and the right window in the project's labelled articles (fewer on unseen "
             "text). Sort by it to check the least likely first."),
    "value": st.column_config.TextColumn(width="medium"),
    "sentence": st.column_config.TextColumn(width="large"),
    "evidence": st.column_config.LinkColumn("evidence", display_text="open card"),
    "url": st.column_config.LinkColumn("source", display_text="article"),
}, key="claims-table")
ui.downloads(table, "claims", "claims-download")

st.subheader("Claimed against observed")
if f is None:
    st.info("No listing-level data is loaded, so there is nothing to check the claims "
            "against. Load some with `cfwatch etl run --sample`, `--listings` or `--dsa`.")
else:
    ui.synthetic_banner(f.datasets)
    st.caption("Each dated claim's bounds against what each selected dataset took in exactly "
               "its window (both days included). The synthetic sample is compared with "
               "scale x claim, the counts it was made to hold.")
    checked_ids = tuple(checked["figure_id"].unique(maintain_order=True).to_list())
    for figure_id, ev in ui.q(data.evidence_many, checked_ids).items():
        mine = dataclasses.replace(ev, observed=[o for o in ev.observed
                                                 if o["dataset"] in f.datasets])
        chart = charts.evidence_chart(mine)
        if chart is not None:
            ui.chart(chart, f"claimed-vs-observed-{figure_id}", f"cvo-{figure_id}")
    verdicts = checked.select(
        "surface", pl.col("metric").replace(METRIC_LABELS),
        pl.col("status").map_elements(ui.status_label, return_dtype=pl.Utf8),
        pl.when(pl.col("in_conflict")).then(pl.lit("disputed")).otherwise(pl.lit(""))
        .alias("dispute"), "platform", "dataset", "period_start", "period_end",
        "observed_value", "scale",
        "expected_value", pl.col("verdict").map_elements(ui.verdict_label,
                                                         return_dtype=pl.Utf8))
    verdict_columns = {
        "period_start": st.column_config.DateColumn("from", format="D MMM YYYY"),
        "period_end": st.column_config.DateColumn("to", format="D MMM YYYY"),
        "observed_value": st.column_config.NumberColumn("observed", format="localized"),
        "expected_value": st.column_config.NumberColumn("expected (scale x claim)",
                                                        format="localized"),
        "scale": st.column_config.NumberColumn(format="%g"),
        "status": ui.status_column()}
    st.dataframe(verdicts, hide_index=True, width="stretch", key="cvo-table", placeholder="",
                 column_config=verdict_columns)
    # the export names each figure's status as the page does: machine-read, never a bare key
    ui.downloads(checked.with_columns(pl.col("status").map_elements(
        ui.status_label, return_dtype=pl.Utf8)), "claims-vs-observed", "cvo-download")
