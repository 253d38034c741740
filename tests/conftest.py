"""Shared fixtures: temporary corpora and warehouses, and the seed articles when present."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.listings.sample import generate
from etl.paths import dsa_samples
from etl.pipeline import RunOptions, run_etl

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The two third-party seed articles are never committed; CI has them in ../shared/seeds.
SHARED_SEEDS = Path(os.environ.get("CFWATCH_SEED_ARTICLES", ROOT.parent / "shared" / "seeds"))
# The DSA sample rows (../shared/dsa, or $CFWATCH_DSA_SAMPLES): the bench uses them too.
SHARED_DSA = dsa_samples()


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A temporary corpus folder holding copies of the seed articles."""
    articles = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    if not articles:
        if os.environ.get("CI"):
            pytest.fail(f"seed articles not found in {SHARED_SEEDS} (CI must provide them)")
        pytest.skip(f"seed articles not present in {SHARED_SEEDS}")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in articles:
        shutil.copy(article, corpus / article.name)
    return corpus


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    """The project's own test articles (en, nl, ko) with their registry."""
    corpus = tmp_path / "own"
    shutil.copytree(FIXTURES / "articles", corpus)
    return corpus


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "data" / "warehouse.duckdb"


def query_rows(warehouse: Path, sql: str, params=None) -> list[tuple]:
    """Rows of a query on a warehouse file, through a short read-only connection."""
    import duckdb
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def cfwatch(*args: str, env: dict | None = None, timeout: float = 120,
            cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess."""
    return subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def dashboard_warehouse(tmp_path_factory) -> Path:
    """A small real warehouse: seed claims and articles, a 1% sample, DSA rows, a bad-row file."""
    if not SHARED_SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed articles not found in {SHARED_SEEDS} (CI must provide them)")
        pytest.skip(f"seed articles not present in {SHARED_SEEDS}")
    base = tmp_path_factory.mktemp("dash")
    sample = generate(base / "sample", scale=0.01, seed=3, progress=False).out_dir
    corpus = base / "corpus"
    corpus.mkdir()
    for article in sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []:
        shutil.copy(article, corpus / article.name)
    dsa = SHARED_DSA
    warehouse = base / "warehouse.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=corpus, sample=sample,
                       dsa=sorted(dsa.glob("*.csv")) if dsa.is_dir() else [],
                       listings=[FIXTURES / "listings" / "bad_rows.csv"]))
    return warehouse



@pytest.fixture(scope="session")
def small_warehouse(tmp_path_factory) -> Path:
    """A small warehouse for the ad-hoc SQL tests: the reviewed claims (no article text) and a
    0.1% sample (10,000 listings). Read-only for every test that uses it."""
    base = tmp_path_factory.mktemp("small")
    sample = generate(base / "sample", scale=0.001, seed=5, progress=False).out_dir
    no_articles = base / "no-articles"
    no_articles.mkdir()
    warehouse = base / "warehouse.duckdb"
    run_etl(RunOptions(warehouse=warehouse, articles=no_articles, sample=sample))
    return warehouse
