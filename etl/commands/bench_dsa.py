"""`cfwatch bench --dsa-rows N`: the DSA import on a dump in the published format, and side
by side with shantay's `distill` (all platforms) when shantay is installed.

The two run in turn (ours, shantay, ours, shantay, ...), each a fresh process timed from
outside (wall clock around the child, its peak RSS from the kernel's accounting of the
child), so a machine whose speed drifts hits both alike; the ratio is taken pair by pair and
its median reported. Both read the same zip; the row counts they wrote are compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import EXIT_OK, CfwatchError
from etl.listings.dsa_dump import PLATFORM_MIX, V2_FROM, make_dump


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float


# Starts the command from a small Python process and reports the peak resident memory the
# kernel counted for it (and the children it waited for). A child's ru_maxrss starts from its
# parent's size at the fork, so the bench (which made the dump, in DuckDB) must not be the
# parent: this starter is about 10 MB.
_STARTER = ("import os, subprocess, sys\np = subprocess.Popen(sys.argv[1:])\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "print('PEAK_KB', usage.ru_maxrss, file=sys.stderr)\n"
            "sys.exit(os.waitstatus_to_exitcode(status))\n")


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None) -> Measured:
    """Run a command to its end; its wall time and its peak resident memory (the largest of
    it and the children it waited for, as the kernel counts them)."""
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty command never blocks
        started = time.perf_counter()
        code = subprocess.run([sys.executable, "-c", _STARTER, *command],
                              stdout=subprocess.DEVNULL, stderr=err,
                              env={**os.environ, **(env or {})}, cwd=cwd).returncode
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if code != 0:
        raise CfwatchError(" ".join(command[:3]), f"failed (exit {code}): "
                                                  f"{stderr.strip().splitlines()[-2:-1]}")
    return Measured(seconds, int(stderr.rsplit("PEAK_KB", 1)[1].split()[0]) / 1024)


def dump_for(rows: int, workdir: Path) -> tuple[Path, int]:
    """The dump of `rows` in `workdir`, made once and kept there (a 10M-row dump takes a few
    minutes); returns its path and its bytes of CSV."""
    folder = workdir / f"dump-{rows}"
    made = folder / "made.json"
    if made.is_file():
        info = json.loads(made.read_text())
        if Path(info["path"]).is_file():
            return Path(info["path"]), info["csv_bytes"]
    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    dump = make_dump(folder, rows)
    made.write_text(json.dumps({"path": str(dump.path), "csv_bytes": dump.csv_bytes}))
    print(f"made the dump in {time.perf_counter() - t0:.0f} s: {dump.path}", file=sys.stderr)
    return dump.path, dump.csv_bytes


class Shantay:
    """shantay's `distill` of every platform (a Polars filter that keeps every row), offline,
    on the same zip: laid out as its archive wants it, with a platform list of its own."""

    def __init__(self, executable: str, dump: Path, workdir: Path):
        self.executable = executable
        self.root = workdir / "shantay"
        day = V2_FROM
        archive = self.root / "archive" / f"{day.year}" / f"{day.month:02d}"
        archive.mkdir(parents=True, exist_ok=True)
        target = archive / dump.name
        if not target.exists():
            try:
                os.link(dump, target)
            except OSError:
                shutil.copy(dump, target)
        digest = hashlib.sha1()
        with dump.open("rb") as fh:
            while chunk := fh.read(1 << 22):
                digest.update(chunk)
        (archive / f"{dump.name}.sha1").write_text(f"{digest.hexdigest()}  {dump.name}\n")
        # Offline, shantay wants every platform name it meets in its list beforehand.
        home = self.root / "home"
        (home / ".shantay").mkdir(parents=True, exist_ok=True)
        (home / ".shantay" / "platforms.json").write_text(
            json.dumps(sorted(name for name, _ in PLATFORM_MIX)))
        self.env = {"HOME": str(home)}
        self.day = day.isoformat()

    def command(self) -> list[str]:
        for folder in ("extract", "staging"):
            shutil.rmtree(self.root / folder, ignore_errors=True)
            (self.root / folder).mkdir()
        return [self.executable, "--archive", str(self.root / "archive"), "--extract",
                str(self.root / "extract"), "--staging", str(self.root / "staging"),
                "--first", self.day, "--last", self.day, "--offline",
                "--filter", "pl.lit(True)", "--logfile", str(self.root / "shantay.log"),
                "distill"]

    def rows(self) -> int:
        with duckdb.connect() as con:
            return con.execute("SELECT count(*) FROM read_parquet(?)", [
                str(self.root / "extract" / "**" / "*.parquet")]).fetchone()[0]


def run_dsa_bench(rows: int, workdir: Path | None, runs: int, shantay: str | None) -> int:
    """Import a published-format dump of `rows` statements (every platform kept); report time,
    throughput and peak memory, and with shantay the paired ratio. Prints, never asserts."""
    scratch = Path(workdir) if workdir else Path(tempfile_dir())
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        dump, csv_bytes = dump_for(rows, scratch)
        empty = scratch / "no-articles"
        empty.mkdir(exist_ok=True)
        warehouse = scratch / "bench.duckdb"
        ours_command = [sys.executable, "-m", "etl", "etl", "run", "--dsa", str(dump),
                        "--platform", "all", "--warehouse", str(warehouse), "--articles",
                        str(empty), "--keep", "0", "--full", "--quiet"]
        executable = shantay or shutil.which("shantay")
        peer = Shantay(executable, dump, scratch) if executable else None
        ours: list[Measured] = []
        theirs: list[Measured] = []
        for _ in range(runs):
            warehouse.unlink(missing_ok=True)
            ours.append(measure(ours_command))
            if peer:
                theirs.append(measure(peer.command(), peer.env))
        with duckdb.connect(str(warehouse), read_only=True) as con:
            loaded = con.execute("SELECT count(*) FROM enforcement_actions").fetchone()[0]
        wall = statistics.median(m.seconds for m in ours)
        print(f"DSA dump: {rows:,} rows, {csv_bytes / 1024**3:.2f} GB of CSV, "
              f"{dump.stat().st_size / 1024**2:,.0f} MB zipped, published packaging")
        print(f"cfwatch etl run --dsa DUMP --platform all: median {wall:.2f} s of {runs} "
              f"({min(m.seconds for m in ours):.2f}-{max(m.seconds for m in ours):.2f}), "
              f"{rows / wall:,.0f} rows/s, {csv_bytes / 1024**2 / wall:,.0f} MB/s of CSV, "
              f"peak memory {max(m.peak_mb for m in ours):,.0f} MB; {loaded:,} rows loaded")
        if peer:
            ratios = [a.seconds / b.seconds for a, b in zip(ours, theirs, strict=True)]
            print(f"shantay distill (all platforms): median "
                  f"{statistics.median(m.seconds for m in theirs):.2f} s, peak memory "
                  f"{max(m.peak_mb for m in theirs):,.0f} MB; {peer.rows():,} rows written")
            print(f"ours / shantay, paired in turn: median {statistics.median(ratios):.2f} "
                  f"({min(ratios):.2f}-{max(ratios):.2f})")
        else:
            print("shantay not found (--shantay PATH, or on PATH): no side-by-side figure")
    finally:
        if workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return EXIT_OK


def tempfile_dir() -> str:
    import tempfile
    return tempfile.mkdtemp(prefix="cfwatch-dsa-bench-")
