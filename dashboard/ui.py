"""Shared Streamlit pieces: the warehouse, cached queries, sidebar filters, banners, downloads.

Filters live in st.session_state and are mirrored into the URL query string, so a view can be
shared by link and survives switching pages.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import altair as alt
import polars as pl
import streamlit as st

from dashboard import data
from dashboard.data import Filters
from etl.paths import resolve_warehouse

DEFAULT_WINDOW_DAYS = 90


def warehouse() -> Path:
    return resolve_warehouse(os.environ.get("CFWATCH_WAREHOUSE"))


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached(name: str, identity, path: str, args: tuple):
    # `identity` (the file's inode and mtime) is only part of the cache key: a swapped-in
    # warehouse is a new file, so its queries miss the cache and read the new data.
    return getattr(data, name)(Path(path), *args)


def q(fn, *args):
    """Run a dashboard query, cached until the ETL swaps a new warehouse in."""
    path = warehouse()
    return _cached(fn.__name__, data.warehouse_identity(path), str(path), args)


def require_warehouse() -> None:
    path = warehouse()
    if not path.exists():
        st.info(f"No warehouse at `{path}` yet. Build one with `cfwatch etl run --sample` "
                "(or start the dashboard with `cfwatch serve`, which does it for you).")
        st.stop()


def _param_date(name: str) -> dt.date | None:
    value = st.query_params.get(name)
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def setup() -> Filters | None:
    """Render the shared sidebar (date window, datasets, categories, platforms) and return the
    filters.

    Every page calls this first. The chosen filters are kept in session state under a
    non-widget key (widget state does not survive a page switch) and in the URL.
    """
    st.sidebar.caption("Counterfeit Watch · claims against evidence")
    require_warehouse()
    available = q(data.datasets)
    if available.is_empty():
        st.session_state["filters"] = None
        return None
    names = available["dataset"].to_list()
    state = st.session_state
    kept: Filters | None = state.get("filters")
    if "f_datasets" not in state:
        wanted = [d for d in st.query_params.get_all("dataset") if d in names]
        state["f_datasets"] = wanted or ([d for d in kept.datasets if d in names]
                                         if kept else []) or names
    chosen = tuple(state["f_datasets"]) or tuple(names)
    covered = available.filter(pl.col("dataset").is_in(list(chosen)))
    first, last = covered["first_day"].min(), covered["last_day"].max()
    if "f_window" not in state:
        start = _param_date("from") or (kept.start if kept else None) or max(
            first, last - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1))
        end = _param_date("to") or (kept.end if kept else None) or last
        state["f_window"] = (start, end)
    if "f_categories" not in state:
        state["f_categories"] = st.query_params.get_all("category") or (
            list(kept.categories) if kept else [])
    if "f_platforms" not in state:
        state["f_platforms"] = st.query_params.get_all("platform") or (
            list(kept.platforms) if kept else [])

    with st.sidebar:
        st.multiselect("Datasets", names, key="f_datasets",
                       help="Where rows came from. synthetic-sample is made-up data.")
        st.date_input("Date window", key="f_window", min_value=first - dt.timedelta(days=365),
                      max_value=last + dt.timedelta(days=365),
                      help=f"Data covers {first} to {last}. Default: the last "
                           f"{DEFAULT_WINDOW_DAYS} days of data.")
        options = q(data.categories, tuple(state["f_datasets"]) or tuple(names))
        state["f_categories"] = [c for c in state["f_categories"] if c in options]
        st.multiselect("Categories", options, key="f_categories",
                       placeholder="All categories")
        marketplaces = q(data.platforms, tuple(state["f_datasets"]) or tuple(names))
        state["f_platforms"] = [p for p in state["f_platforms"] if p in marketplaces]
        st.multiselect("Platforms", marketplaces, key="f_platforms",
                       placeholder="All platforms")

    window = state["f_window"]
    if not isinstance(window, (tuple, list)) or len(window) < 2:
        window = (window[0], window[0]) if window else (first, last)
    filters = Filters(window[0], window[1], tuple(state["f_datasets"]) or tuple(names),
                      tuple(state["f_categories"]), tuple(state["f_platforms"]))
    state["filters"] = filters
    st.query_params.from_dict({
        "from": filters.start.isoformat(), "to": filters.end.isoformat(),
        "dataset": list(filters.datasets), "category": list(filters.categories),
        "platform": list(filters.platforms)})
    return filters


def filters() -> Filters | None:
    return st.session_state.get("filters")


def synthetic_banner(datasets_shown: tuple[str, ...]) -> None:
    available = q(data.datasets)
    synthetic = available.filter(pl.col("synthetic") & pl.col("dataset").is_in(
        list(datasets_shown)))["dataset"].to_list()
    if synthetic:
        st.warning(f"**Synthetic data.** {', '.join(synthetic)} is a made-up sample generated "
                   "by `cfwatch sample` (calibrated on the claims, not real enforcement "
                   "records). Never cite it as observed.", icon="⚠️")


def no_data_page() -> bool:
    """Explain an empty warehouse instead of showing empty charts."""
    if filters() is None:
        st.info("The warehouse holds no listing-level data yet. Load some with "
                "`cfwatch etl run --sample` (synthetic), `--listings FILE` or `--dsa DUMP`. "
                "The Claims and Milestones pages work without it.")
        return True
    return False


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
    """Show a chart with an SVG download, rendered (by vl-convert) only when clicked."""
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
