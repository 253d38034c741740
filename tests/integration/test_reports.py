"""`cfwatch report` and the dashboard's download: one builder, the same bytes, self-contained."""

from __future__ import annotations

from html.parser import HTMLParser

import polars as pl

from dashboard import data
from etl.reports.html import render_html
from tests.conftest import cfwatch

ASIAE = "asiae-2023-12-06-aliexpress-korea"
REMOVED, BUDGET = f"{ASIAE}#8", f"{ASIAE}#7"


class Fetches(HTMLParser):
    """Everything in a page that would make a browser load something."""

    FETCHING = {"src", "srcset", "data", "poster", "background", "action", "formaction"}

    def __init__(self):
        super().__init__()
        self.fetches: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio",
                   "source", "image", "use"):
            self.fetches.append(f"<{tag}>")
        for name, value in attrs.items():
            if name in self.FETCHING or (name in ("href", "xlink:href") and tag != "a"):
                self.fetches.append(f"{tag}.{name}={value}")
        if tag == "a":
            self.links.append(attrs.get("href"))
        if "url(" in (attrs.get("style") or ""):
            self.fetches.append(f"{tag}.style url()")

    def handle_data(self, text):
        if "@import" in text or "url(" in text:
            self.fetches.append("css url()/@import")


def report(warehouse, figure_id, tmp_path, suffix="html"):
    out = tmp_path / f"r.{suffix}"
    result = cfwatch("report", figure_id, "--out", str(out), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    return out


def test_the_command_and_the_dashboard_give_the_same_bytes(dashboard_warehouse, tmp_path):
    written = report(dashboard_warehouse, REMOVED, tmp_path).read_bytes()
    # the dashboard's button calls render_html on data.evidence, in its own process
    assert render_html(data.evidence(dashboard_warehouse, REMOVED)).encode() == written
    assert report(dashboard_warehouse, REMOVED, tmp_path).read_bytes() == written


def test_the_report_is_self_contained_and_cites_its_source(dashboard_warehouse, tmp_path):
    html = report(dashboard_warehouse, REMOVED, tmp_path).read_text()
    parser = Fetches()
    parser.feed(html)
    assert parser.fetches == []
    assert parser.links == ["https://cm.asiae.co.kr/en/article/2023120613481275448"]
    assert "<svg" in html  # the chart, inline
    assert "<mark>977,151</mark>" in html
    assert "The Asia Business Daily" in html and "characters 3474 to 3481" in html
    assert ">reviewed<" in html and "verified" not in html.lower()
    assert "Synthetic data." in html and "0.01 x claim" in html
    assert "06 Oct 2023 to 05 Dec 2023" in html


def test_a_disputed_figure_reports_every_value(dashboard_warehouse, tmp_path):
    html = report(dashboard_warehouse, BUDGET, tmp_path).read_text()
    assert "Disputed." in html
    assert "100 Billion Won" in html and "10 billion KRW" in html


def test_a_machine_read_figure_is_marked_machine_read(dashboard_warehouse, tmp_path):
    machine = data.claims(dashboard_warehouse).filter(pl.col("status") == "machine")
    html = report(dashboard_warehouse, machine["figure_id"][0], tmp_path).read_text()
    assert ">machine-read<" in html and "verified" not in html.lower()


def test_a_machine_figure_says_how_often_such_readings_are_right(dashboard_warehouse, tmp_path):
    """The chances are stated as a measurement on the labelled articles, with both numbers
    from the warehouse row, and where the window came from."""
    import html as html_lib

    from etl.claims.chances import metric_chance, window_chance
    from etl.query.connection import read_frame

    row = read_frame(dashboard_warehouse, """
        SELECT figure_id, confidence, window_confidence, rule_metric::VARCHAR AS rule_metric,
               rule_score
        FROM figures WHERE status = 'machine' AND window_from = 'sentence'
        ORDER BY figure_id LIMIT 1""").row(0, named=True)
    # the stored chances are the measured ones for the rules' reading, not the rules' score
    assert row["confidence"] == metric_chance(row["rule_metric"], row["rule_score"])
    assert row["window_confidence"] == window_chance("sentence", row["rule_metric"])
    page = html_lib.unescape(report(dashboard_warehouse, row["figure_id"], tmp_path).read_text())
    assert (f"{row['confidence']:.0%} had the right metric and "
            f"{row['window_confidence']:.0%} the right window "
            "(its window is stated in its own sentence)") in page
    # a person's figure is no reading to doubt: its report states no chance
    reviewed = read_frame(dashboard_warehouse, "SELECT figure_id FROM figures WHERE status = "
                                               "'reviewed' AND confidence IS NOT NULL LIMIT 1")
    page = report(dashboard_warehouse, reviewed["figure_id"][0], tmp_path).read_text()
    assert "readings like this one" not in page


def test_pdf_without_a_browser(dashboard_warehouse, tmp_path):
    import weasyprint  # noqa: F401  (in the test extra: a missing one fails, never skips)

    pdf = report(dashboard_warehouse, REMOVED, tmp_path, "pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_report_errors_are_one_line(dashboard_warehouse, tmp_path):
    missing = cfwatch("report", "nobody#1", "--out", str(tmp_path / "x.html"),
                      "--warehouse", str(dashboard_warehouse))
    assert missing.returncode == 1 and "no such figure" in missing.stderr
    wrong = cfwatch("report", REMOVED, "--out", str(tmp_path / "x.txt"),
                    "--warehouse", str(dashboard_warehouse))
    assert wrong.returncode == 2 and ".html or .pdf" in wrong.stderr
