"""The distilled folder: one directory per day, one per platform under it, and a manifest.

    OUT/date=YYYY-MM-DD/platform=NAME/*.parquet
    OUT/date=YYYY-MM-DD/_distill.json      what the day was made from, and its row counts
    OUT/_staging/                          days being written (a killed run's are removed)

A day is written whole into _staging and then swapped in with one rename (an atomic
exchange where the kernel has renameat2, else two renames a moment apart), so a reader sees
the old day or the new one. A day whose manifest names the same inputs (path, size, mtime),
platform filter and mapping is skipped: running again is a no-op, and a run killed midway
resumes at the first day it had not finished. Folder names escape a platform name as Hive and
Spark do, so both engines lay a day out identically.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from etl.distill import mapping
from etl.errors import UsageError

MANIFEST = "_distill.json"
STAGING = "_staging"
DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
# Characters Hive and Spark escape in a partition value (ExternalCatalogUtils).
_ESCAPED = set(map(chr, range(0x01, 0x20))) | set('"#%\'*/:=?\\\x7f{[]^')


def escape(value: str) -> str:
    """A partition value as Spark writes it into a folder name."""
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in value)


def day_of(path: str) -> str:
    """The dump's day, from its name (sor-global-2025-07-01-full.zip -> 2025-07-01)."""
    m = DAY.search(Path(path).name)
    if not m:
        raise UsageError(path, "no date in the file name (want ...-YYYY-MM-DD-...): "
                                 "a distilled day is named after its dump")
    return m.group(1)


def mapping_version() -> str:
    """Changes whenever the declared mapping does: a day made by another mapping is redone."""
    text = repr([(c.name, c.sql, c.type) for c in mapping.STATEMENT]) + mapping.PROBLEM
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Day:
    day: str
    inputs: tuple[str, ...]  # local paths or URLs, in the order given

    def identity(self, platform: str) -> dict:
        def stat(path: str) -> dict:
            if "://" in path and not path.startswith("file://"):
                return _remote_stat(path)
            st = Path(path.removeprefix("file://")).stat()
            return {"path": str(Path(path.removeprefix("file://")).resolve()),
                    "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        return {"inputs": [stat(p) for p in self.inputs], "platform": platform,
                "mapping": mapping_version()}


def _remote_stat(url: str) -> dict:
    """Size and version (ETag, else mtime) of an archive on object storage, as fsspec sees
    it: a re-published archive is then distilled again, as a local one would be."""
    try:
        import fsspec
        fs, path = fsspec.core.url_to_fs(url)
        info = fs.info(path)
    except (ImportError, OSError, ValueError):
        return {"path": url}
    version = info.get("ETag") or info.get("etag") or info.get("mtime") or info.get("LastModified")
    return {"path": url, "size": info.get("size"), "version": str(version or "")}


def group_days(inputs: list[str]) -> list[Day]:
    """The inputs grouped by the day in their names, days in order."""
    days: dict[str, list[str]] = {}
    for path in inputs:
        days.setdefault(day_of(path), []).append(path)
    return [Day(day, tuple(paths)) for day, paths in sorted(days.items())]


class Storage:
    """Where a distilled folder lives: this machine's file system. The Spark engine gives a
    subclass for what Hadoop reaches (HDFS, s3a://, ...). Paths are strings."""

    def join(self, *parts: str) -> str:
        return "/".join(p.rstrip("/") for p in parts)

    def read_text(self, path: str) -> str | None:
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError:
            return None

    def write_text(self, path: str, text: str) -> None:
        Path(path).write_text(text, encoding="utf-8")

    def exists(self, path: str) -> bool:
        return Path(path).exists()

    def listdir(self, path: str) -> list[str]:
        return [p.name for p in Path(path).iterdir()] if Path(path).is_dir() else []

    def mkdirs(self, path: str) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def delete(self, path: str) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def rename(self, source: str, target: str) -> None:
        os.rename(source, target)

    def exchange(self, a: str, b: str) -> bool:
        """Swap two folders in one step, where the file system can."""
        return _exchange(Path(a), Path(b))


LOCAL = Storage()


def day_dir(out: str, day: str, storage: Storage = LOCAL) -> str:
    return storage.join(out, f"date={day}")


def is_done(out: str, day: Day, platform: str, storage: Storage = LOCAL) -> bool:
    """Was this day already distilled from the same inputs, filter and mapping?"""
    text = storage.read_text(storage.join(day_dir(out, day.day, storage), MANIFEST))
    try:
        manifest = json.loads(text) if text else None
    except ValueError:
        manifest = None
    if not manifest:
        return False
    return {k: manifest.get(k) for k in ("inputs", "platform", "mapping")} == \
        day.identity(platform)


def staging_dir(out: str, day: str, storage: Storage = LOCAL, owner: str | None = None) -> str:
    """A fresh folder to write one day into, named after this process (or `owner`: a Spark
    job on object storage, where no process id means anything, is the folder's one writer)."""
    root = storage.join(out, STAGING)
    storage.mkdirs(root)
    target = storage.join(root, f"date={day}.{owner or os.getpid()}")
    storage.delete(target)
    storage.mkdirs(target)
    return target


def remove_stale_staging(out: str, storage: Storage = LOCAL) -> None:
    """Delete what killed runs left in _staging: every entry is named `<what>.<pid>` (with
    `.old` after a swap cut short), removed once that process is gone."""
    from etl.warehouse.lock import pid_alive  # here: Spark's workers import this module too

    root = storage.join(out, STAGING)
    for name in storage.listdir(root):
        owner = name.removesuffix(".old").rsplit(".", 1)[-1]
        if owner.isdigit() and (int(owner) == os.getpid() or not pid_alive(int(owner))):
            storage.delete(storage.join(root, name))


def write_manifest(staged: str, day: Day, platform: str, engine: str, counts: dict,
                   rejected_lines: list[dict], storage: Storage = LOCAL) -> None:
    manifest = {**day.identity(platform), "day": day.day, "engine": engine,
                "rows": dict(sorted(counts.items())), "rows_total": sum(counts.values()),
                "unparseable_lines": rejected_lines}
    storage.write_text(storage.join(staged, MANIFEST),
                       json.dumps(manifest, indent=1, ensure_ascii=False))


def swap_in(out: str, staged: str, day: str, storage: Storage = LOCAL) -> None:
    """Make `staged` the day's folder; the old one (if any) is deleted."""
    target = day_dir(out, day, storage)
    if storage.exists(target) and storage.exchange(staged, target):
        storage.delete(staged)  # it now holds the old day
        return
    if storage.exists(target):
        old = staged + ".old"
        storage.rename(target, old)
        storage.rename(staged, target)
        storage.delete(old)
    else:
        storage.rename(staged, target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def escape_partition_folders(staged: str, column: str = "platform") -> None:
    """Rename folders an engine wrote with its own escaping to Spark's (see `escape`)."""
    from urllib.parse import unquote
    for folder in Path(staged).iterdir():
        if folder.is_dir() and folder.name.startswith(f"{column}="):
            value = unquote(folder.name[len(column) + 1:])
            wanted = folder.with_name(f"{column}={escape(value)}")
            if wanted != folder:
                os.rename(folder, wanted)


def partition_counts(out: str, day: str) -> dict[str, int]:
    """Rows per platform of a distilled day, read from its files (for tests and checks)."""
    import duckdb
    glob = str(Path(day_dir(str(out), day)) / "platform=*" / "*.parquet")
    with duckdb.connect() as con:
        rows = con.execute("SELECT platform, count(*) FROM read_parquet(?, hive_partitioning "
                           "= true, hive_types = {'platform': VARCHAR}) GROUP BY ALL",
                           [glob]).fetchall()
    return dict(rows)
