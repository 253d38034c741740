"""What a person sees: a real `cfwatch serve`, driven by Debian's Chromium through Playwright.

Visits every page, waits until the app is idle, checks there is no exception block, and saves a
screenshot of each (into $CFWATCH_SCREENSHOTS when set, as the README's images are made).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Around the 2023 audit and Project Clean, so milestones and the claim window are in view.
WINDOW = "?from=2023-09-01&to=2024-01-31"
PAGES = [("", "Overview"), ("takedowns", "Takedowns"),
         ("stores", "Stores and penalties"), ("claims", "Claims and evidence"),
         ("milestones", "Milestones"), ("sql", "SQL"), ("health", "Data health")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(dashboard_warehouse, tmp_path_factory):
    warehouse = Path(os.environ.get("CFWATCH_E2E_WAREHOUSE", dashboard_warehouse))
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "etl.cli", "serve", "--port", str(port),
                                 "--warehouse", str(warehouse)], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"cfwatch serve did not come up: {log.read_text()[-2000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM} (.ci/run installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


def wait_idle(page, title: str) -> None:
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
    # Streamlit shows its status widget while a script runs; idle = gone for a moment.
    deadline = time.monotonic() + 60
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"page {title!r} never went idle")


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
