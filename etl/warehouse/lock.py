"""One writer at a time: the ETL's lock beside the warehouse, and who holds it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from etl.errors import EXIT_LOCKED, CfwatchError


class LockedError(CfwatchError):
    exit_code = EXIT_LOCKED


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def lock_holder(target: Path) -> int | None:
    """Pid of the ETL run holding the writer lock, or None when no live run holds it."""
    holder_file = lock_path(target).with_suffix(".pid")
    try:
        pid = int(holder_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if pid_alive(pid) else None



@contextmanager
def writer_lock(target: Path, wait: bool = False) -> Iterator[None]:
    """One writer at a time. The lock is an flock, so the kernel frees it when its holder
    dies, even by SIGKILL: a killed run never leaves a lock that blocks the next one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(lock_path(target)), timeout=-1 if wait else 0)
    holder_file = lock_path(target).with_suffix(".pid")
    try:
        lock.acquire()
    except filelock.Timeout:
        holder = holder_file.read_text().strip() if holder_file.exists() else "unknown"
        raise LockedError(str(target), f"another ETL run (pid {holder}) holds the lock; "
                                       "try again later or pass --wait") from None
    try:
        holder_file.write_text(str(os.getpid()))
        yield
    finally:
        holder_file.unlink(missing_ok=True)
        lock.release()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
