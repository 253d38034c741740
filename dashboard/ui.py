"""Shared Streamlit pieces: the warehouse, cached queries, URL-bound controls, the sidebar,
banners, badges, downloads.

Every control of every page is bound to a URL query parameter (`control`), so a shared link
reproduces the view. Its value lives in one session-state dict (`kept`), which is the truth:
the widget's own state is seeded from it on every run and copied back by the widget's callback.
Widget state alone does not survive a page switch (Streamlit drops the state of widgets a run did
not draw), which is what emptied the Datasets filter on every second switch.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import duckdb
import polars as pl
import streamlit as st

from dashboard import data
from dashboard.data import Filters
from etl.palette import GREEN, LIGHT_GREY, MID_BLUE, MID_GREEN, ORANGE
from etl.paths import resolve_warehouse
from etl.query.connection import QueryError, first_line
from etl.vocab import STATUSES, VERDICTS, Term, label, term

DEFAULT_WINDOW_DAYS = 90
KEPT = "kept"  # session state: URL parameter -> value, for every bound control
URL_AT_START = "url_at_start"  # session state: the query string as the run found it


def warehouse() -> Path:
    return resolve_warehouse(os.environ.get("CFWATCH_WAREHOUSE"))


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached(name: str, identity, path: str, args: tuple):
    # `identity` (the file's inode and mtime) is only part of the cache key: a swapped-in
    # warehouse is a new file, so its queries miss the cache and read the new data.
    return getattr(data, name)(Path(path), *args)


def q(fn, *args):
    """Run a dashboard query, cached until the ETL swaps a new warehouse in. A warehouse that
    cannot be read stops the page with what happened and what to do, not a traceback."""
    path = warehouse()
    try:
        return _cached(fn.__name__, data.warehouse_identity(path), str(path), args)
    except (QueryError, duckdb.Error) as exc:
        why = _unreadable(exc)
        if why is None:
            raise
        st.error(f"**The warehouse cannot be read.** `{path}`: {why}\n\n"
                 "What to do: serve the previous version again with `cfwatch etl rollback`, "
                 "or rebuild it with `cfwatch etl run --full` and every input. This page "
                 "reads the warehouse again on the next refresh.", icon="🛑")
        st.stop()


def _unreadable(exc: Exception) -> str | None:
    """Why the warehouse file itself cannot be read (damaged, truncated, not DuckDB), or None
    for any other error."""
    if isinstance(exc, QueryError):
        return exc.reason
    text = first_line(exc)
    if isinstance(exc, (duckdb.IOException, duckdb.InternalException, duckdb.FatalException)) \
            or any(word in text.lower() for word in ("corrupt", "checksum", "not a valid")):
        return text
    return None


def require_warehouse() -> None:
    path = warehouse()
    if not path.exists():
        st.info(f"No warehouse at `{path}` yet. Build one with `cfwatch etl run --sample` "
                "(or start the dashboard with `cfwatch serve`, which does it for you).")
        st.stop()


# --- Controls bound to the URL ------------------------------------------------------------

@dataclass(frozen=True)
class Codec:
    """How a control's value is read from and written to the query string."""
    load: Callable[[dict[str, list[str]]], Any]  # None when absent or unreadable
    dump: Callable[[Any], dict[str, list[str]]]


def text_codec(param: str) -> Codec:
    return Codec(lambda url: (url.get(param) or [None])[0],
                 lambda value: {param: [str(value)]} if value not in (None, "") else {})


def list_codec(param: str) -> Codec:
    return Codec(lambda url: url.get(param) or None,
                 lambda value: {param: [str(v) for v in value]} if value else {})


def flag_codec(param: str) -> Codec:
    def load(url):
        value = (url.get(param) or [None])[0]
        return {"1": True, "0": False}.get(value)
    return Codec(load, lambda value: {param: ["1" if value else "0"]})


def int_codec(param: str) -> Codec:
    def load(url):
        try:
            return int((url.get(param) or [None])[0])
        except (TypeError, ValueError):
            return None
    return Codec(load, lambda value: {param: [str(value)]} if value is not None else {})


def window_codec() -> Codec:
    """The date window as two parameters, from and to (ISO dates)."""
    def load(url):
        try:
            start, end = (dt.date.fromisoformat(url[name][0]) for name in ("from", "to"))
        except (KeyError, IndexError, ValueError):
            return None
        return (start, end) if start <= end else None
    return Codec(load, lambda value: {"from": [value[0].isoformat()],
                                      "to": [value[1].isoformat()]})


def _codec_for(param: str, default) -> Codec:
    if isinstance(default, bool):
        return flag_codec(param)
    if isinstance(default, int):
        return int_codec(param)
    if isinstance(default, (list, tuple)):
        return list_codec(param)
    return text_codec(param)


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def kept(param: str, default=None):
    """The kept value of a bound control (e.g. read before its widget is drawn)."""
    return st.session_state.get(KEPT, {}).get(param, default)


def keep(param: str, value) -> None:
    """Set a bound control's value, e.g. from a button's callback (a preset)."""
    st.session_state.setdefault(KEPT, {})[param] = value


def _copy_back(param: str, key: str) -> None:
    keep(param, st.session_state[key])


def _valid(value, options, default):
    if options is None:
        return value
    if isinstance(value, (list, tuple)) and not isinstance(default, str):
        known = [v for v in value if v in options]
        return known if known or not value else default  # a link naming only unknown values
    return value if value in options else default


def param(name: str, default, codec: Codec | None = None):
    """A URL-bound value without a widget of its own (e.g. the query the SQL page last ran):
    the kept one, else the one in the URL the session started with, else `default`. Written
    back to the URL."""
    codec = codec or _codec_for(name, default)
    store = st.session_state.setdefault(KEPT, {})
    if name not in store:
        from_url = codec.load(st.session_state.get(URL_AT_START, {}))
        store[name] = default if from_url is None else from_url
    for key, values in codec.dump(store[name]).items():
        st.query_params[key] = values
    return store[name]


def control(widget: Callable, label: str, param: str, default, *, options=None,
            key: str | None = None, codec: Codec | None = None,
            fit: Callable | None = None, **kwargs):
    """Draw `widget` bound to the URL parameter `param` and return its value.

    The value is the kept one, else the one in the URL the session started with (a shared
    link), else `default`; whatever the widget then holds is kept and written to the URL.
    `options`, when given, is passed to the widget and unknown values are dropped; `fit`, when
    given, brings a value the widget would refuse (a date past its max_value) within bounds."""
    state = st.session_state
    codec = codec or _codec_for(param, default)
    key = key or f"url_{param}"
    store = state.setdefault(KEPT, {})
    if param not in store:
        from_url = codec.load(state.get(URL_AT_START, {}))
        store[param] = default if from_url is None else from_url
    value = _valid(store[param], options, default)
    if fit is not None:
        value = fit(value)
    if isinstance(default, list):
        value = list(value)
    state[key] = value
    positional = (options,) if options is not None else ()
    result = widget(label, *positional, key=key, on_change=_copy_back, args=(param, key),
                    **kwargs)
    if result is None and not isinstance(default, bool):
        result = default  # a segmented control clicked off falls back to its default
    store[param] = result
    for name, values in codec.dump(result).items():
        st.query_params[name] = values
    return result


# --- The shared sidebar -------------------------------------------------------------------

def setup() -> Filters | None:
    """Render the shared sidebar (date window, datasets, categories, platforms, data as of) and
    return the filters. Every page calls this first: it also resets the URL to the sidebar's
    parameters, to which the page's own controls then add theirs."""
    st.session_state[URL_AT_START] = _url_params()
    st.query_params.clear()
    st.sidebar.caption("Counterfeit Watch · claims against evidence")
    require_warehouse()
    available = q(data.datasets)
    if available.is_empty():
        st.session_state["filters"] = None
        return None
    names = available["dataset"].to_list()
    with st.sidebar:
        chosen = control(st.multiselect, "Datasets", "dataset", list(names), options=names,
                         help="Where rows came from. synthetic-sample is made-up data.")
        chosen = tuple(chosen) or tuple(names)
        covered = available.filter(pl.col("dataset").is_in(list(chosen)))
        first, last = covered["first_day"].min(), covered["last_day"].max()
        default_window = (max(first, last - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1)), last)
        _presets(default_window, (first, last))
        lowest, highest = first - dt.timedelta(days=365), last + dt.timedelta(days=365)
        window = control(st.date_input, "Date window", "window", default_window,
                         codec=window_codec(), min_value=lowest, max_value=highest,
                         fit=lambda days: _within(days, lowest, highest),
                         help=f"Data covers {first} to {last}. Default: the last "
                              f"{DEFAULT_WINDOW_DAYS} days of data.")
        if not isinstance(window, (tuple, list)) or len(window) < 2:
            # the date input holds one date while a range is being picked
            window = (window[0], window[0]) if window else default_window
        options = q(data.categories, chosen)
        categories = control(st.multiselect, "Categories", "category", [], options=options,
                             placeholder="All categories")
        marketplaces = q(data.platforms, chosen)
        platforms = control(st.multiselect, "Platforms", "platform", [], options=marketplaces,
                            placeholder="All platforms",
                            help="The marketplace each row is from (DSA: platform_name).")
        data_as_of(covered)
    filters = Filters(window[0], window[1], chosen, tuple(categories), tuple(platforms))
    st.session_state["filters"] = filters
    return filters


def _within(days, lowest: dt.date, highest: dt.date):
    """A window from a link, each end moved inside what the date input accepts: a link made on
    a larger warehouse must open, on the days this one has, not end in an error."""
    if not isinstance(days, (tuple, list)):
        return days
    return tuple(min(max(day, lowest), highest) for day in days)


def _presets(default_window, everything) -> None:
    claim = q(data.claim_window)
    presets = {"Last 90 days": default_window, "All data": everything}
    if claim:
        presets = {f"Claim window ({claim[0]:%d %b} – {claim[1]:%d %b %Y})": claim, **presets}
    st.caption("Jump to")
    row = st.container(horizontal=True, gap="small")
    for n, (name, window) in enumerate(presets.items()):
        row.button(name, key=f"preset-{n}", on_click=keep, args=("window", window),
                   help=f"{window[0]} to {window[1]}")


def data_as_of(datasets: pl.DataFrame) -> None:
    lines = [f"**{row['dataset']}** {row['last_day']:%d %b %Y}"
             + (" (synthetic)" if row["synthetic"] else "")
             for row in datasets.iter_rows(named=True)]
    st.caption("Data as of: " + " · ".join(lines))


def filters() -> Filters | None:
    return st.session_state.get("filters")


# --- Banners ------------------------------------------------------------------------------

def synthetic_banner(datasets_shown: tuple[str, ...]) -> None:
    available = q(data.datasets)
    synthetic = available.filter(pl.col("synthetic") & pl.col("dataset").is_in(
        list(datasets_shown)))
    if synthetic.height:
        scales = ", ".join(f"{row['dataset']} (scale {row['sample_scale']:g})"
                           if row["sample_scale"] is not None else row["dataset"]
                           for row in synthetic.iter_rows(named=True))
        st.warning(f"**Synthetic data.** {scales} is a made-up sample generated by `cfwatch "
                   "sample` (calibrated on the claims, not real enforcement records). Never "
                   "cite it as observed.", icon="⚠️")


def no_data_page() -> bool:
    """Explain an empty warehouse instead of showing empty charts."""
    if filters() is None:
        st.info("The warehouse holds no listing-level data yet. Load some with "
                "`cfwatch etl run --sample` (synthetic), `--listings FILE` or `--dsa DUMP`. "
                "The Claims and Milestones pages work without it.")
        return True
    return False


# --- Badges: the vocabularies' colours as Streamlit's named badge colours ------------------

BADGE_COLOURS = {ORANGE: "orange", GREEN: "green", MID_GREEN: "green", LIGHT_GREY: "gray",
                 MID_BLUE: "blue"}


def _badge(terms: tuple[Term, ...], key: str | None) -> str:
    found = term(terms, key)
    if found is None:
        return ""
    return f":{BADGE_COLOURS.get(found.colour, 'violet')}-badge[{found.label}]"


def status_label(status: str | None) -> str:
    """machine -> 'machine-read': never 'verified'."""
    return label(STATUSES, status)


# A table sizes a column to the rows it draws first; when those are reviewed figures,
# "machine-read" further down was cut to "machine-r". Wide enough for the longest label.
STATUS_COLUMN_PX = 8 * max(len(t.label) for t in STATUSES) + 24


def status_column(title: str = "status") -> Any:
    return st.column_config.TextColumn(title, width=STATUS_COLUMN_PX)


def verdict_label(verdict: str | None) -> str:
    return label(VERDICTS, verdict)


def status_badge(status: str | None) -> str:
    return _badge(STATUSES, status)


# --- Downloads and charts -----------------------------------------------------------------

def table(frame: pl.DataFrame, key: str, column_config: dict | None = None, **kwargs) -> None:
    """A table that reads well: dates as dates, times to the minute, numbers with thousands
    separators, missing values blank (never "None"). `column_config` overrides per column."""
    config: dict = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            config[name] = st.column_config.DateColumn(format="D MMM YYYY")
        elif isinstance(dtype, pl.Datetime):
            config[name] = st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")
        elif dtype.is_numeric():
            config[name] = st.column_config.NumberColumn(format="localized")
    st.dataframe(frame, hide_index=True, width="stretch", key=key, placeholder="",
                 column_config={**config, **(column_config or {})}, **kwargs)


def downloads(frame: pl.DataFrame, name: str, key: str) -> None:
    """CSV and Parquet download buttons for a table, generated only when clicked."""
    row = st.container(horizontal=True)

    def parquet() -> bytes:
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()

    row.download_button("CSV", lambda: frame.write_csv(), file_name=f"{name}.csv",
                        mime="text/csv", key=f"{key}-csv", on_click="ignore",
                        icon=":material/download:")
    row.download_button("Parquet", parquet, file_name=f"{name}.parquet",
                        mime="application/octet-stream", key=f"{key}-parquet",
                        on_click="ignore", icon=":material/download:")


def chart(chart_: alt.TopLevelMixin, name: str, key: str) -> None:
    """Show a chart with an SVG download, rendered (by vl-convert) only when clicked.

    Sized fit-x: as wide as its column, as tall as the chart says it is (Streamlit's default
    `fit` squeezes the plot to make room for titles, axes and legends)."""
    chart_ = chart_.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    st.altair_chart(chart_, width="stretch", key=key)

    def svg() -> str:
        import vl_convert
        return vl_convert.vegalite_to_svg(chart_.to_json())

    st.download_button("SVG", svg, file_name=f"{name}.svg", mime="image/svg+xml",
                       key=f"{key}-svg", on_click="ignore", icon=":material/download:")


def fmt_int(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def fmt_pct(value) -> str:
    return "–" if value is None else f"{value:.1%}"
