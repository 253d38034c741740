"""Listing-level inputs: what each run must read, and what it can carry over unchanged.

Each input file is known by its path and content hash (the `inputs` table). A run reads only
inputs that are new or whose content changed; everything else is carried over from the
previous warehouse, so importing the same file again adds nothing, an updated file replaces
its dataset's rows, and nothing is lost when a later file fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.distill.layout import MANIFEST
from etl.errors import CfwatchError
from etl.files import kind_of, literal_path
from etl.listings.dsa import dataset_for as dsa_dataset
from etl.listings.dsa_parquet import dataset_for as distilled_dataset
from etl.vocab import SAMPLE_PLATFORM, SYNTHETIC_DATASET

SAMPLE_FILES = ("stores.parquet", "listings.parquet", "enforcement_actions.parquet")


@dataclass(frozen=True)
class Input:
    path: Path
    kind: str  # sample, listings, dsa, dsa-parquet (a distilled day)
    dataset: str
    size_bytes: int
    mtime_ns: int

    @property
    def key(self) -> str:
        return str(self.path)


def expand_paths(paths: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Each path given, or the files with one of `suffixes` in a folder (sorted), each once.

    A path is taken literally, never as a pattern (a file named `*.csv` is that file). A
    FIFO, device or socket is refused: reading it would block or never end."""
    files: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes)
        elif os.path.lexists(path):
            found = [path]
        else:
            raise CfwatchError(str(path), "no such file or folder")
        for file in found:
            try:
                mode = file.stat().st_mode
            except OSError as exc:
                raise CfwatchError(str(file), f"cannot read file: {exc.strerror}") from None
            if not stat.S_ISREG(mode):
                raise CfwatchError(str(file), f"{kind_of(mode)}, not a regular file; refused")
            if os.path.realpath(file) not in seen:  # given twice, or also inside a folder given
                seen.add(os.path.realpath(file))
                files.append(file)
    return files


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def input_sha256(inp: Input) -> str:
    if inp.kind == "dsa-parquet":  # the manifest names the day's inputs and counts its rows
        return file_sha256(inp.path / MANIFEST)
    if inp.kind != "sample":
        return file_sha256(inp.path)
    # The sample is a folder: its manifest names seed, scale and scenario; hash the files too.
    h = hashlib.sha256()
    for name in ("manifest.json",) + SAMPLE_FILES:
        h.update(file_sha256(inp.path / name).encode())
    return h.hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    if path.is_dir() and (path / MANIFEST).is_file():  # a distilled day: swapped in whole
        st = (path / MANIFEST).stat()
        return st.st_size, st.st_mtime_ns
    if path.is_dir():
        stats = [(path / n).stat() for n in ("manifest.json",) + SAMPLE_FILES]
        return sum(s.st_size for s in stats), max(s.st_mtime_ns for s in stats)
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def sample_input(sample_dir: Path) -> Input:
    missing = [n for n in ("manifest.json",) + SAMPLE_FILES if not (sample_dir / n).is_file()]
    if missing:
        raise CfwatchError(str(sample_dir), f"not a sample folder (missing {', '.join(missing)});"
                                            " make one with `cfwatch sample`")
    size, mtime = _stat(sample_dir)
    return Input(sample_dir.resolve(), "sample", SYNTHETIC_DATASET, size, mtime)


def listing_input(path: Path) -> Input:
    size, mtime = _stat(path)
    return Input(path.resolve(), "listings", f"import:{path.name}", size, mtime)


def dsa_input(path: Path) -> Input:
    size, mtime = _stat(path)
    return Input(path.resolve(), "dsa", dsa_dataset(path), size, mtime)


def distilled_input(day: Path) -> Input:
    size, mtime = _stat(day)
    return Input(day.resolve(), "dsa-parquet", distilled_dataset(day), size, mtime)


@dataclass
class Plan:
    # (input, sha256) to read now; sha256 is None for an input never seen before, whose hash
    # is then computed while it loads (it decides nothing, it is only recorded)
    read: list[tuple[Input, str | None]]
    carry: list[dict]  # rows of the previous `inputs` table to carry over


def plan(given: list[Input], previous: list[dict], full: bool) -> Plan:
    """Decide per input: read it (new or changed), or carry its rows over."""
    prev_by_path = {row["input_path"]: row for row in previous}
    read: list[tuple[Input, str | None]] = []
    carried_paths: set[str] = set()
    for inp in given:
        before = prev_by_path.get(inp.key)
        if before and not full and (before["size_bytes"], before["mtime_ns"]) == (
                inp.size_bytes, inp.mtime_ns):
            carried_paths.add(inp.key)  # same size and mtime: not read, not even hashed
            continue
        digest = input_sha256(inp) if before else None
        if before and not full and before["sha256"] == digest:
            carried_paths.add(inp.key)
            continue
        read.append((inp, digest))
    # Inputs not given this time stay (unless --full): a warehouse only grows by runs.
    replaced = {inp.dataset for inp, _ in read}
    carry = [row for row in previous if not full and row["dataset"] not in replaced and (
        row["input_path"] in carried_paths or row["input_path"] not in {i.key for i in given})]
    return Plan(read, carry)


def load_sample(con: duckdb.DuckDBPyConnection, sample_dir: Path) -> int:
    """Load the synthetic sample's Parquet files; returns the rows read."""
    manifest = json.loads((sample_dir / "manifest.json").read_text())
    if not manifest.get("synthetic") or manifest.get("dataset") != SYNTHETIC_DATASET:
        raise CfwatchError(str(sample_dir / "manifest.json"), "not a synthetic sample manifest")
    platform = manifest.get("platform", SAMPLE_PLATFORM)
    rows = 0
    for table, name in (("stores", "stores.parquet"), ("listings", "listings.parquet"),
                        ("enforcement_actions", "enforcement_actions.parquet")):
        with literal_path(sample_dir / name) as path:
            columns = {c for (c,) in con.execute("SELECT name FROM parquet_schema(?)",
                                                 [str(path)]).fetchall()}
            extra = "" if "platform" in columns else ", ? AS platform"
            con.execute(f"INSERT INTO {table} BY NAME SELECT *{extra} FROM read_parquet(?)",
                        ([platform] if extra else []) + [str(path)])
            rows += con.execute("SELECT count(*) FROM read_parquet(?)",
                                [str(path)]).fetchone()[0]
    return rows


def sample_scale(sample_dir: Path) -> float | None:
    """The --scale the sample was made at (its manifest), so claims compare with scale x claim."""
    try:
        scale = json.loads((sample_dir / "manifest.json").read_text()).get("scale")
    except (OSError, ValueError):
        return None
    return float(scale) if isinstance(scale, (int, float)) else None
