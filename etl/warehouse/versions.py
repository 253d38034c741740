"""Kept warehouse versions (hard links) for `cfwatch etl rollback`, and the atomic swap."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

# Previous warehouse versions kept for `cfwatch etl rollback` (hard links: no copying).
DEFAULT_KEEP_VERSIONS = 3


def versions_dir(target: Path) -> Path:
    return target.with_name(target.name + ".versions")


def list_versions(target: Path) -> list[Path]:
    """Kept versions, oldest first (names sort by the time they were served from)."""
    folder = versions_dir(target)
    return sorted(folder.glob("*.duckdb")) if folder.is_dir() else []


def keep_version(target: Path, keep: int) -> Path | None:
    """Keep the served warehouse as a version before it is replaced; prune to `keep`."""
    if keep <= 0 or not target.exists():
        return None
    folder = versions_dir(target)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.fromtimestamp(target.stat().st_mtime, dt.timezone.utc)
    kept = folder / f"{stamp:%Y%m%dT%H%M%S%f}-{target.stat().st_ino}.duckdb"
    if not kept.exists():
        try:
            os.link(target, kept)  # the served file is never written again: share it
        except OSError:
            import shutil
            shutil.copy2(target, kept)
    for old in list_versions(target)[:-keep]:
        old.unlink(missing_ok=True)
    return kept


def swap_in(source: Path, target: Path) -> None:
    """Make `source` the served warehouse atomically, leaving `source` where it is."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.swap")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:
        import shutil
        shutil.copy2(source, temp)
    os.replace(temp, target)
