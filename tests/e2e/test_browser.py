"""What a person sees: a real `cfwatch serve`, driven by Debian's Chromium through Playwright.

Visits every page, waits until the app is idle, checks there is no exception block, and saves a
screenshot of each (into $CFWATCH_SCREENSHOTS when set, as the README's images are made).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.e2e.conftest import wait_idle

# Around the 2023 audit and Project Clean, so milestones and the claim window are in view.
WINDOW = "?from=2023-09-01&to=2024-01-31"
PAGES = [("", "Overview"), ("takedowns", "Takedowns"),
         ("stores", "Stores and penalties"), ("claims", "Claims and evidence"),
         ("milestones", "Milestones"), ("sql", "SQL"), ("health", "Data health")]


def test_every_page_renders_for_a_person(server, browser, tmp_path):
    shots = Path(os.environ.get("CFWATCH_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for path, title in PAGES:
        page.goto(f"{server}/{path}{WINDOW}", wait_until="domcontentloaded")
        wait_idle(page, title)
        page.wait_for_timeout(800)  # let Vega finish drawing before the screenshot
        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert page.locator('[role="dialog"]').count() == 0  # e.g. "Page not found"
        name = path or "overview"
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert (shots / f"{name}.png").stat().st_size > 10_000
        if name in ("overview", "takedowns"):
            assert page.get_by_text("Synthetic data.", exact=False).first.is_visible()
        if name == "overview":
            assert page.get_by_text("Listings removed").first.is_visible()
        if path == "takedowns":
            assert page.locator("canvas, svg.marks").count() >= 1
        if path == "claims":
            assert page.get_by_text("Conflict in", exact=False).first.is_visible()
    page.close()


def test_filters_live_in_the_url(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/?from=2023-10-06&to=2023-12-05&dataset=synthetic-sample",
              wait_until="domcontentloaded")
    wait_idle(page, "Overview")
    assert "2023/10/06" in page.content() or "2023-10-06" in page.content()
    page.locator('[data-testid="stSidebarNav"] a', has_text="Takedowns").first.click()
    wait_idle(page, "Takedowns")
    assert "from=2023-10-06" in page.url
    page.close()
