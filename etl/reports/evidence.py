"""Everything known about one figure, read from the warehouse's tables and views: the figure, its
source, the values of its dispute, its repeats, and what each dataset observed in its window.

The only reading here; everything after it (the chart, the HTML) is a pure function of the
`Evidence` it returns, so the dashboard and `cfwatch report` render the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl.query.connection import connect


@dataclass(frozen=True)
class Evidence:
    figure: dict  # the row of `figures`
    source: dict  # the row of `sources`
    disputed: list[dict] = field(default_factory=list)  # disputes.stated_values; empty if none
    conflict_reasons: list[str] = field(default_factory=list)
    repeats: list[dict] = field(default_factory=list)  # the figures it repeats or repeated by
    observed: list[dict] = field(default_factory=list)  # claims_vs_observed rows
    built_at: str | None = None
    run_id: str | None = None

    @property
    def synthetic_observed(self) -> bool:
        return any(row["synthetic"] and row["covered"] for row in self.observed)


def load_evidence(path: Path, figure_id: str) -> Evidence | None:
    """The evidence on one figure, or None when the warehouse has no such figure."""
    return load_evidence_many(path, [figure_id])[figure_id]


def load_evidence_many(path: Path, figure_ids: list[str]) -> dict[str, Evidence | None]:
    """The evidence on each figure (None for one the warehouse lacks), over one read-only
    connection for all of their queries (opening one costs more than a query)."""
    with connect(path) as con:
        def query(sql: str, params: list | None = None) -> pl.DataFrame:
            return con.sql(sql, params=params).pl() if params else con.sql(sql).pl()
        return {figure_id: _load(query, figure_id) for figure_id in figure_ids}


def _load(query: Callable[..., pl.DataFrame], figure_id: str) -> Evidence | None:
    found = query("""
        SELECT f.* REPLACE (f.metric::VARCHAR AS metric, f.qualifier::VARCHAR AS qualifier,
                            f.period_precision::VARCHAR AS period_precision,
                            f.method::VARCHAR AS method, f.status::VARCHAR AS status,
                            f.counted::VARCHAR AS counted, f.actor::VARCHAR AS actor,
                            f.link::VARCHAR AS link, f.rule_metric::VARCHAR AS rule_metric)
        FROM figures AS f WHERE f.figure_id = ?""", [figure_id])
    if found.is_empty():
        return None
    figure = found.row(0, named=True)
    source = query("SELECT * EXCLUDE (published_precision), "
                              "published_precision::VARCHAR AS published_precision "
                              "FROM sources WHERE source_id = ?",
                        [figure["source_id"]]).row(0, named=True)
    disputed = query("SELECT stated_values FROM disputes WHERE figure_id = ?",
                          [figure_id])
    reasons = query("SELECT reason FROM figure_conflicts WHERE ? IN (figure_a, "
                               "figure_b) ORDER BY figure_a, figure_b", [figure_id])
    repeats = query("""
        SELECT figure_id, surface, status::VARCHAR AS status, char_start FROM figures
        WHERE repeat_of = ? OR figure_id = (SELECT repeat_of FROM figures WHERE figure_id = ?)
        ORDER BY char_start""", [figure_id, figure_id])
    observed = query("""
        SELECT dataset, synthetic, scale, covered, observed_value, expected_value,
               expected_low, expected_high, observed_to_expected, tolerance,
               verdict::VARCHAR AS verdict, period_start, period_end
        FROM claims_vs_observed WHERE figure_id = ? ORDER BY dataset""", [figure_id])
    build = dict(query("SELECT key, value FROM build_info").iter_rows())
    return Evidence(
        figure, source,
        disputed=disputed["stated_values"].to_list()[0] if disputed.height else [],
        conflict_reasons=reasons["reason"].to_list(),
        repeats=[{**r, "relation": "repeats" if r["figure_id"] == figure["repeat_of"]
                  else "is repeated by"} for r in repeats.iter_rows(named=True)],
        observed=list(observed.iter_rows(named=True)),
        built_at=build.get("built_at"), run_id=build.get("run_id"))
