"""The one chart theme, shared by the dashboard (registered in dashboard/charts.py) and the
reports (set on the spec before vl-convert draws it, so a report's SVG is the same bytes from
the dashboard and from `cfwatch report`, whatever theme a process has enabled)."""

from __future__ import annotations

from etl.palette import GRID, INK, MUTED, RULE
from etl.vocab import DETECTION_SOURCES

FONT = "Inter, Source Sans Pro, sans-serif"

CONFIG: dict = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": MUTED, "titleColor": INK, "gridColor": GRID, "domainColor": RULE,
             "tickColor": RULE, "titleFontWeight": 600, "labelFontSize": 11,
             "titleFontSize": 12},
    "legend": {"labelColor": INK, "titleColor": INK, "orient": "bottom",
               "titleFontWeight": 600},
    "title": {"color": INK, "fontSize": 14, "anchor": "start", "fontWeight": 600},
    # Charts colour data by vocabulary terms; this range is only for data without one
    # (categories, dataset names), taken from the detection sources' hues.
    "range": {"category": [t.colour for t in DETECTION_SOURCES]},
    "line": {"strokeWidth": 2},
}
