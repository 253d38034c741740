"""The machine failing under a run: too little address space, a full disk, a read-only folder.

Each gets one line naming the path and the cause (exit 1), never a traceback or an internal
error, and the served warehouse stays byte for byte. The disk tests mount a small tmpfs, which
needs root (CAP_SYS_ADMIN); where that is refused they are skipped and say so."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.listings.sample import generate
from etl.warehouse.build import MIN_ADDRESS_SPACE_MB
from tests.conftest import FIXTURES, ROOT, cfwatch, query_rows


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("sample") / "s", scale=0.02, seed=5,
                    progress=False).out_dir


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A warehouse of the project's own test articles, built once for the module."""
    warehouse = tmp_path_factory.mktemp("served") / "warehouse.duckdb"
    result = cfwatch("etl", "run", "--articles", str(FIXTURES / "articles"), "--warehouse",
                     str(warehouse))
    assert result.returncode == 0, result.stderr
    return warehouse


@pytest.fixture
def served(built_once, tmp_path) -> Path:
    """A served warehouse of its own for each test to fail over (a copy of `built_once`)."""
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(built_once, warehouse)
    return warehouse


def run_limited(address_space_mb: int, *args: str) -> subprocess.CompletedProcess:
    """`cfwatch ARGS` under `ulimit -v` (RLIMIT_AS) of the given size."""
    limit = address_space_mb * 2**20

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True, text=True,
                          cwd=ROOT, preexec_fn=limit_memory, timeout=300)


def one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    errors = [line for line in result.stderr.splitlines() if line.startswith("cfwatch: error")]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], (word, errors[0])


def test_a_small_ulimit_v_refuses_in_one_line_and_keeps_the_warehouse(served, sample):
    before = digest(served)
    result = run_limited(1024, "etl", "run", "--sample", str(sample), "--articles",
                         str(FIXTURES / "articles"), "--warehouse", str(served))
    assert result.returncode == 1
    one_line(result, "memory", "ulimit -v", f"{MIN_ADDRESS_SPACE_MB:,} MB")
    assert digest(served) == before


def test_a_tight_ulimit_v_still_builds_with_less_memory(served, sample):
    result = run_limited(MIN_ADDRESS_SPACE_MB + 256, "etl", "run", "--sample", str(sample),
                         "--articles", str(FIXTURES / "articles"), "--warehouse", str(served))
    assert result.returncode == 0, result.stderr
    assert query_rows(served, "SELECT sum(rows_read) = sum(rows_loaded + rows_rejected), "
                              "sum(rows_loaded) > 0 FROM inputs") == [(True, True)]


@pytest.fixture
def small_tmpfs(tmp_path):
    """A tmpfs of a few MB, mounted for the test and unmounted after."""
    mount = tmp_path / "disk"
    mount.mkdir()
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
                           capture_output=True, text=True)
    if tried.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (CAP_SYS_ADMIN), which this machine "
                    f"refuses: {tried.stderr.strip() or tried.returncode}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_in_one_line_and_keeps_the_warehouse(served, sample, small_tmpfs):
    warehouse = small_tmpfs / "warehouse.duckdb"
    shutil.copy(served, warehouse)
    before = digest(warehouse)
    result = cfwatch("etl", "run", "--sample", str(sample), "--articles",
                     str(FIXTURES / "articles"), "--warehouse", str(warehouse))
    assert result.returncode == 1, result.stdout
    one_line(result, str(small_tmpfs), "no space left on the device")
    assert digest(warehouse) == before
    assert not [p for p in small_tmpfs.iterdir() if ".building" in p.name]  # cleaned up


def test_making_the_sample_on_a_full_disk_fails_in_one_line(small_tmpfs):
    result = cfwatch("sample", "--scale", "0.2", "--out", str(small_tmpfs / "sample"))
    assert result.returncode == 1, result.stdout
    one_line(result, str(small_tmpfs / "sample"), "no space left on the device")


def test_a_read_only_warehouse_folder_fails_in_one_line(served, small_tmpfs):
    warehouse = small_tmpfs / "warehouse.duckdb"
    shutil.copy(served, warehouse)
    before = digest(warehouse)
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    result = cfwatch("etl", "run", "--articles", str(FIXTURES / "articles"), "--warehouse",
                     str(warehouse), "--full")
    assert result.returncode == 1, result.stdout
    one_line(result, str(small_tmpfs), "read-only file system")
    assert digest(warehouse) == before


def test_a_folder_the_etl_may_not_write_fails_in_one_line(served, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes to any folder whatever its mode; the read-only mount above "
                    "covers this case")
    folder = tmp_path / "locked"
    folder.mkdir()
    warehouse = folder / "warehouse.duckdb"
    shutil.copy(served, warehouse)
    folder.chmod(0o555)
    try:
        result = cfwatch("etl", "run", "--warehouse", str(warehouse), "--full")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    one_line(result, str(folder), "permission denied")
