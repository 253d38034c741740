"""`cfwatch report`: the evidence on one figure as a self-contained HTML (or PDF) file, the same
bytes as the dashboard's "Download report" button."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.commands.common import WAREHOUSE, Command
from etl.errors import EXIT_OK, CfwatchError, UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("figure_id", metavar="FIGURE_ID",
                   help="the figure (as in `figures.figure_id`, e.g. "
                        "'asiae-2023-12-06-aliexpress-korea#8')")
    p.add_argument("--out", metavar="FILE", type=Path, required=True,
                   help="where to write the report: FILE.html, or FILE.pdf for a PDF "
                        "(needs the optional weasyprint: pip install -e '.[pdf]')")
    WAREHOUSE.add_to(p)


def run(args: argparse.Namespace) -> int:
    from etl.paths import resolve_warehouse
    from etl.reports.evidence import load_evidence
    from etl.reports.html import render_html, render_pdf

    suffix = args.out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise UsageError("--out", f"{args.out}: give a .html or .pdf file name")
    warehouse = resolve_warehouse(args.warehouse)
    if not warehouse.exists():
        raise CfwatchError(str(warehouse), "no warehouse here (build one with `cfwatch etl run`)")
    evidence = load_evidence(warehouse, args.figure_id)
    if evidence is None:
        raise CfwatchError(args.figure_id, "no such figure in the warehouse")
    html = render_html(evidence)
    if suffix == ".pdf":
        try:
            content = render_pdf(html)
        except ImportError:
            raise CfwatchError("--out", "PDF needs weasyprint: pip install -e '.[pdf]' "
                                        "(or write .html)") from None
        args.out.write_bytes(content)
    else:
        args.out.write_text(html, encoding="utf-8")
    print(f"report on {args.figure_id} -> {args.out}")
    return EXIT_OK


COMMAND = Command(
    "report", "write the evidence on one figure as a self-contained HTML or PDF report",
    "Write the evidence on one figure (the sentence with the number highlighted, the source, "
    "its status, disputes and repeats, and what each dataset observed in its window, with a "
    "chart) as one self-contained file: no external CSS, script, font or image. The same bytes "
    "as the dashboard's download button.",
    add_arguments, run)
