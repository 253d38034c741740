"""Failures of the machine rather than of the input: a full disk, a read-only or forbidden
folder, no memory. Each becomes one line naming the path and the cause (exit 1), instead of an
`internal error`; the served warehouse is untouched because a build never writes it."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import duckdb

from etl.errors import CfwatchError

_BY_ERRNO = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOMEM: "out of memory",
    errno.EMFILE: "too many open files",
}
# DuckDB reports the same causes in its messages only.
_BY_MESSAGE = (
    ("no space left on device", "no space left on the device"),
    ("disk quota exceeded", "disk quota exceeded"),
    ("read-only file system", "read-only file system"),
    ("permission denied", "permission denied"),
    ("out of memory", "out of memory"),
    ("could not allocate", "out of memory"),
    ("bad allocation", "out of memory"),
    ("failed to allocate", "out of memory"),
)
_QUOTED_PATH = re.compile(r'"(/[^"\\]+)\\?"')  # also inside DuckDB's JSON: \"/path\"
_MEMORY_HINT = ("; raise the memory available to the run (ulimit -v, the container's limit) "
                "or free some")


def as_fault(exc: BaseException, where: Path) -> CfwatchError | None:
    """The one-line error for a machine failure, or None when `exc` is something else.

    `where` names the path when the error itself does not (the warehouse being built)."""
    if isinstance(exc, MemoryError) or (
            isinstance(exc, RuntimeError) and "can't start new thread" in str(exc)):
        return CfwatchError(str(where), "out of memory while building" + _MEMORY_HINT)
    if isinstance(exc, OSError) and exc.errno in _BY_ERRNO:
        path = exc.filename or where
        return CfwatchError(str(path), _BY_ERRNO[exc.errno] + _while(exc.errno))
    if isinstance(exc, duckdb.Error):
        text = str(exc).strip()
        low = text.lower()
        cause = next((c for needle, c in _BY_MESSAGE if needle in low), None)
        if cause is None:
            return None
        found = _QUOTED_PATH.search(text)
        path = found.group(1) if found else where
        code = next((c for c, text in _BY_ERRNO.items() if text == cause), errno.EIO)
        return CfwatchError(str(path), cause + _while(code))
    return None


def _while(code: int) -> str:
    if code == errno.ENOMEM:
        return _MEMORY_HINT
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "; free some space and run again"
    return "; the folder must be writable by the run"
