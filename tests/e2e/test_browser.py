"""What a person sees: a real `cfwatch serve`, driven by Debian's Chromium through Playwright.

Visits every page, waits until the app is idle, checks there is no exception block, and saves a
screenshot of each (into $CFWATCH_SCREENSHOTS when set, as the README's images are made). Then:
no chart wider than its column at 1024 and 1440 px, the milestone charts drawn, shared links
restoring every page's controls, the claim card and its report download.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

from tests.conftest import cfwatch
from tests.e2e.conftest import wait_idle

# Around the 2023 audit and Project Clean, so milestones and the claim window are in view.
WINDOW = "?from=2023-09-01&to=2024-01-31"
# The Platforms page over the DSA rows' days too (2024-03, 2025-07), so real platforms show
# beside the synthetic sample's.
PAGE_WINDOW = {"platforms": "?from=2023-09-01&to=2025-07-31"}
REMOVED = "asiae-2023-12-06-aliexpress-korea#8"
PAGES = [("", "Overview"), ("takedowns", "Takedowns"),
         ("stores", "Stores and penalties"),
         ("claims", "Claims and evidence"),
         ("milestones", "Milestones"), ("platforms", "Platforms"), ("sql", "SQL"),
         ("health", "Data health")]
SCREENSHOT_QUERY = {"claims": f"&claim={urllib.parse.quote(REMOVED, safe='')}",
                    "sql": "&sql=" + urllib.parse.quote(
                        "SELECT metric, platform, dataset, observed_value, expected_value, "
                        "verdict "
                        "FROM claims_vs_observed")}
SCREENSHOT_HEIGHT = {"claims": 3500, "milestones": 3000, "": 1500, "sql": 1900,
                     "health": 1400, "stores": 1700, "takedowns": 1700, "platforms": 1700}
# charts each page draws at least, on the test warehouse in WINDOW
MIN_CHARTS = {"": 1, "takedowns": 1, "stores": 3, "claims": 1, "milestones": 1, "platforms": 3}
# the main column's charts (the sidebar has none); width of what Vega drew vs its element
CHART_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .map(el => { const drawn = el.querySelector('canvas, svg.marks');
                 return {container: el.getBoundingClientRect().width,
                         drawn: drawn ? drawn.getBoundingClientRect().width : 0,
                         height: drawn ? drawn.getBoundingClientRect().height : 0}; })"""


def open_page(page, url: str, title: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_idle(page, title)
    page.wait_for_timeout(800)  # let Vega finish drawing
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.locator('[role="dialog"]').count() == 0  # e.g. "Page not found"


def test_every_page_renders_for_a_person(server, browser, tmp_path):
    shots = Path(os.environ.get("CFWATCH_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    # tall enough that a page's whole content is in the screenshot (Streamlit scrolls inside)
    page = browser.new_page(viewport={"width": 1440, "height": 2200})
    for path, title in PAGES:
        page.set_viewport_size({"width": 1440, "height": SCREENSHOT_HEIGHT.get(path, 2200)})
        open_page(page, f"{server}/{path}{PAGE_WINDOW.get(path, WINDOW)}"
                        f"{SCREENSHOT_QUERY.get(path, '')}", title)
        name = path or "overview"
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert (shots / f"{name}.png").stat().st_size > 10_000
        if name in ("overview", "takedowns"):
            assert page.get_by_text("Synthetic data.", exact=False).first.is_visible()
        if name == "overview":
            assert page.get_by_text("Listings removed").first.is_visible()
            assert page.get_by_text("Project Clean budget (disputed)").first.is_visible()
        if path == "takedowns":
            assert page.locator("canvas, svg.marks").count() >= 1
        if path == "claims":
            assert page.get_by_text("Conflict in", exact=False).first.is_visible()
        if path == "platforms":
            assert page.get_by_text("AliExpress (synthetic sample)").first.is_visible()
        charts_fit(page, path, 1440)
    page.close()


def charts_fit(page, path: str, width: int) -> None:
    """Every chart of the page is drawn, and no wider than its column."""
    drawn = page.evaluate(CHART_WIDTHS)
    assert len(drawn) >= MIN_CHARTS.get(path, 0), (path, width, drawn)
    for chart in drawn:
        assert chart["drawn"] > 0, (path, width, chart)
        assert chart["drawn"] <= chart["container"] + 1, (path, width, chart)


def test_no_chart_is_wider_than_its_column_at_1024(server, browser):
    # (at 1440 the test above checks it, on the same pages)
    page = browser.new_page(viewport={"width": 1024, "height": 1000})
    for path, title in PAGES:
        open_page(page, f"{server}/{path}{WINDOW}{SCREENSHOT_QUERY.get(path, '')}", title)
        charts_fit(page, path, 1024)
    page.close()


def test_the_milestone_charts_are_drawn(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    open_page(page, f"{server}/milestones", "Milestones")
    charts = page.evaluate(CHART_WIDTHS)
    assert len(charts) == 4  # the timeline and three before/after measures
    assert all(c["drawn"] > 200 and c["height"] > 150 for c in charts), charts
    # opened on the latest measurable milestone, which is in the URL
    assert re.search(r"milestone=asiae-2023-12-06-aliexpress-korea%40", page.url), page.url
    page.close()


def test_a_shared_link_restores_the_page_controls(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    open_page(page, f"{server}/takedowns{WINDOW}&grain=month&split=category&measure=flagged",
              "Takedowns")
    for label in ("month", "category", "flagged"):
        button = page.get_by_role("button", name=label, exact=True).or_(
            page.get_by_role("radio", name=label, exact=True)).or_(
            page.get_by_role("checkbox", name=label, exact=True))
        assert button.first.get_attribute("aria-checked") == "true" or \
            "Active" in (button.first.get_attribute("data-testid") or ""), label
    for name in ("grain=month", "split=category", "measure=flagged", "from=2023-09-01"):
        assert name in page.url
    milestone = "emerce-2017-09-aliexpress-cto%40r9"
    open_page(page, f"{server}/milestones?milestone={milestone}", "Milestones")
    assert "Russian sellers admitted to AliExpress" in page.locator(
        ".st-key-milestone_pick input").input_value()
    assert page.get_by_text("Not measurable", exact=False).first.is_visible()
    open_page(page, f"{server}/claims?metric=delivery_time&status=reviewed", "Claims and evidence")
    assert "metric=delivery_time" in page.url and "status=reviewed" in page.url
    page.close()


def test_the_datasets_filter_keeps_its_value_across_page_switches(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    open_page(page, f"{server}/{WINDOW}&dataset=synthetic-sample", "Overview")
    for _, title in PAGES[1:] * 2:
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        wait_idle(page, title)
        chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        assert "synthetic-sample" in chips.inner_text(), title
        assert "dataset=synthetic-sample" in page.url and "from=2023-09-01" in page.url
    page.close()


def test_the_claim_card_and_its_report_download(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1440, "height": 1400}, accept_downloads=True)
    quoted = urllib.parse.quote(REMOVED, safe="")
    open_page(page, f"{server}/claims?claim={quoted}", "Claims and evidence")
    card = page.locator(".st-key-claim-card")
    assert card.get_by_text("Evidence: 977,151", exact=False).first.is_visible()
    assert card.locator("strong", has_text="977,151").first.is_visible()  # highlighted
    assert card.get_by_text("reviewed", exact=True).first.is_visible()
    with page.expect_download() as info:
        card.get_by_role("button", name="Download report (HTML)").click()
    saved = tmp_path / "downloaded.html"
    info.value.save_as(saved)
    warehouse = os.environ.get("CFWATCH_E2E_WAREHOUSE") or server_warehouse(page)
    cli = tmp_path / "cli.html"
    assert cfwatch("report", REMOVED, "--out", str(cli), "--warehouse",
                   warehouse).returncode == 0
    assert saved.read_bytes() == cli.read_bytes()  # one builder, the same bytes

    # opened offline, the report asks for nothing but itself
    requested: list[str] = []
    report = browser.new_page()
    report.on("request", lambda r: requested.append(r.url))
    report.goto(saved.as_uri())
    assert report.locator("mark", has_text="977,151").is_visible()
    assert report.locator("svg").count() >= 1
    assert requested == [saved.as_uri()]
    report.close()
    page.close()


def server_warehouse(page) -> str:
    from tests.e2e.conftest import SERVED_WAREHOUSE
    return str(SERVED_WAREHOUSE["path"])
