"""Browser fixtures: a real `cfwatch serve` and Debian's Chromium through Playwright."""

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
SERVED_WAREHOUSE: dict[str, Path] = {}  # the warehouse the module's server serves


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(dashboard_warehouse, tmp_path_factory):
    warehouse = Path(os.environ.get("CFWATCH_E2E_WAREHOUSE", dashboard_warehouse))
    SERVED_WAREHOUSE["path"] = warehouse
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "etl", "serve", "--port", str(port),
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
    """The page's title is shown and the app has finished: no status widget, and nothing
    added to the page for a moment (the first run of a page shows no status widget, so the
    content itself must stop changing)."""
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
    deadline = time.monotonic() + 60
    quiet_since, last = None, None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        content = page.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return [main ? main.innerText.length : 0,
                    document.querySelectorAll('[data-testid="stElementContainer"]').length,
                    document.querySelectorAll('canvas, svg.marks').length]; }""")
        if running or content != last:
            quiet_since, last = None, content
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"page {title!r} never went idle")
