"""The dashboard stays up while scheduled ETL runs swap new warehouses in.

A real `cfwatch serve` and a real browser; three ETL runs add data while the page is reloaded
again and again. No lock or read error may show, and a refresh shows the new data.
"""

from __future__ import annotations

import subprocess
import sys
import threading

from etl.listings.sample import generate
from etl.pipeline import RunOptions, run_etl
from tests.conftest import ROOT
from tests.e2e.conftest import free_port, wait_idle

ERROR_WORDS = ("Could not set lock", "IO Error", "Conflicting lock", "database is locked",
               "internal error")


def test_reloads_during_etl_runs_never_fail(browser, tmp_path):
    import time
    import urllib.request

    sample = generate(tmp_path / "sample", scale=0.005, progress=False).out_dir
    articles = tmp_path / "articles"
    articles.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=articles, sample=sample))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "etl", "serve", "--port", str(port),
                               "--warehouse", str(warehouse)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url, wait_until="domcontentloaded")
        wait_idle(page, "Overview")
        assert "import:live" not in page.content()

        results: list[subprocess.CompletedProcess] = []

        def etl_runs():
            for n in range(3):
                feed = tmp_path / f"live{n}.csv"
                feed.write_text("listing_id,store_id,listed_at,action,detected_by,actioned_at\n"
                                f"X{n},S1,2024-06-01,listing_removed,platform_review,2024-06-02\n")
                results.append(subprocess.run(
                    [sys.executable, "-m", "etl", "etl", "run", "--warehouse",
                     str(warehouse), "--articles", str(articles), "--listings", str(feed),
                     "--wait"], cwd=ROOT, capture_output=True, text=True, timeout=300))

        writer = threading.Thread(target=etl_runs)
        writer.start()
        reloads = 0
        while writer.is_alive() or reloads < 3:
            page.goto(f"{url}/health", wait_until="domcontentloaded")
            wait_idle(page, "Data health")
            text = page.inner_text("body")
            assert page.locator('[data-testid="stException"]').count() == 0, text[:2000]
            assert not any(word in text for word in ERROR_WORDS), text[:2000]
            reloads += 1
        writer.join()
        assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
        page.goto(url, wait_until="domcontentloaded")
        wait_idle(page, "Overview")
        content = page.inner_text('[data-testid="stSidebar"]')
        for n in range(3):
            assert f"import:live{n}.csv" in content
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
