"""Reading small input files that anyone could have put in place: regular files only, inside
the folder they must be in, and never more than a byte limit.

`Path.read_bytes()` follows a symlink to /dev/zero and reads forever, blocks on a FIFO (holding
the writer lock, so every later run exits 3), and happily reads /etc/passwd through a symlink
in the corpus folder. `read_limited` opens without blocking, checks what it opened, and reads
at most `limit + 1` bytes, so none of that can happen whatever the folder holds.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class FileRefused(Exception):
    """The file was not read; `reason` says why in words for a warning or an error line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def outside(path: Path, folder: Path) -> Path | None:
    """Where `path` really leads when that is outside `folder` (symlinks followed), else None."""
    real = Path(os.path.realpath(path))
    return None if real.is_relative_to(Path(os.path.realpath(folder))) else real


def read_limited(path: Path, limit: int, inside: Path | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises FileRefused when the path resolves outside `inside` (if given), is not a regular
    file (FIFO, device, socket, folder), is larger than `limit`, or cannot be read."""
    target = path
    if inside is not None:
        real = outside(path, inside)
        if real is not None:
            raise FileRefused(f"resolves outside the folder {inside} (to {real}); refused")
        # Open the resolved path without following links: a link swapped in between the
        # check and the open fails instead of leading out of the folder.
        target = Path(os.path.realpath(path))
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    if inside is not None:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{kind_of(info.st_mode)}, not a regular file; refused")
        if info.st_size > limit:
            raise FileRefused(f"file is {info.st_size:,} bytes, over the {limit:,} byte limit")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # the size can grow after fstat: stop at limit + 1 bytes
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileRefused(f"file grew past the {limit:,} byte limit while being read")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


_PATTERN_CHARACTERS = frozenset("*?[]{}")


def plain_alias(path: Path, folder: Path) -> Path:
    """`path` itself, or, when DuckDB's readers would take its name as a pattern, a symlink to
    it with a plain name in a new folder inside `folder` (which the caller removes).

    read_csv and read_parquet treat `*`, `?` and `[...]` as a pattern, so a file literally
    named `*.csv` would read every CSV beside it."""
    if not _PATTERN_CHARACTERS & set(str(path)):
        return path
    alias = Path(tempfile.mkdtemp(prefix="literal-", dir=folder)) / \
        f"input{''.join(path.suffixes[-1:])}"
    alias.symlink_to(Path(os.path.realpath(path)))
    return alias


@contextmanager
def literal_path(path: Path) -> Iterator[Path]:
    """A path DuckDB's readers take as exactly this file (`plain_alias`, in a temporary folder
    removed afterwards)."""
    if not _PATTERN_CHARACTERS & set(str(path)):
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="cfwatch-literal-"))
    try:
        yield plain_alias(path, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
