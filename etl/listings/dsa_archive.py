"""The CSV parts of a DSA dump, in any packaging, one at a time and within named limits.

A dump is published as a stored outer zip holding deflated inner zips holding CSV parts; any
level of that may come extracted. `parts` yields every CSV part as a temporary file, inflating
the next one on a background thread while the caller reads the current one (the inflate
releases the GIL), so at most PREFETCH + 1 parts are on disk at a time whatever the dump's size.
`list_parts` and `extract_part` do the same one part at a time by name, for engines that spread
the parts over many machines (Spark).

Inflating uses ISA-L (the `isal` package) when present, which is about twice as fast as zlib;
the CRC of every member is checked either way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import io
import queue
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.errors import CfwatchError
from etl.files import plain_alias

try:  # ISA-L: the same raw deflate, faster
    from isal import isal_zlib as _inflate
except ImportError:  # pragma: no cover - isal is a dependency; zlib is the fallback
    _inflate = zlib

# Refuse archive members whose declared size or compression ratio is past these: a real CSV
# part is at most ~100k rows (~150 MB) and compresses about 10-20x.
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_COMPRESSION_RATIO = 200
MAX_NESTING = 3
# Parts inflated ahead of the one being read: one keeps both cores busy, and the disk holds
# at most two parts.
PREFETCH = 1
CHUNK = 1 << 20  # bytes read at a time
# Compressed bytes inflated at a time: about ten times that comes out (CSV inflates 10-20x).
INFLATE_CHUNK = 1 << 17


@dataclass(frozen=True)
class PartRef:
    """Where a CSV part is: the file, then the member names down to the part."""
    path: str
    members: tuple[str, ...]

    @property
    def name(self) -> str:
        return "!".join((self.path, *self.members))


def open_source(path: str):
    """A local path, or a URL read through fsspec (s3://, gs://, ...; install its driver)."""
    if "://" in path and not path.startswith("file://"):
        import fsspec  # the `spark` extra: only needed for object storage
        return fsspec.open(path, "rb").open()
    return open(path.removeprefix("file://"), "rb")


class _Slice(io.RawIOBase):
    """A window of a seekable file: a stored member, read in place without copying."""

    def __init__(self, source, start: int, size: int):
        self._source, self._start, self._size, self._pos = source, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer) -> int:
        want = max(0, min(len(buffer), self._size - self._pos))
        if not want:
            return 0
        self._source.seek(self._start + self._pos)
        got = self._source.readinto(memoryview(buffer)[:want])
        self._pos += got or 0
        return got or 0


def _data_start(source, info: zipfile.ZipInfo, name: str) -> int:
    source.seek(info.header_offset)
    header = source.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise CfwatchError(name, "truncated or corrupt member: bad local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_len + extra_len


def _check_limits(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > MAX_MEMBER_BYTES or (
            info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO):
        raise CfwatchError(name, f"refused: {info.file_size:,} bytes from {info.compress_size:,} "
                                 "compressed is past the size limit (zip bomb?)")


def _inflate_member(source, info: zipfile.ZipInfo, target: Path, name: str) -> None:
    """Write one member to `target`, checking its CRC and the size limit as it goes."""
    _check_limits(info, name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise CfwatchError(name, f"unsupported compression method {info.compress_type}")
    raw = _Slice(source, _data_start(source, info, name), info.compress_size)
    decompressor = _inflate.decompressobj(-15) if info.compress_type else None
    crc, written = 0, 0
    try:
        with target.open("wb") as out:
            while chunk := raw.read(INFLATE_CHUNK):
                data = decompressor.decompress(chunk) if decompressor else chunk
                written += len(data)
                if written > MAX_MEMBER_BYTES or written > info.file_size:
                    raise CfwatchError(name, "refused: expands past its declared size or the "
                                             "size limit (zip bomb?)")
                crc = zlib.crc32(data, crc)
                out.write(data)
    except (zlib.error, _inflate.error, OSError) as exc:
        raise CfwatchError(name, f"truncated or corrupt member: {exc}") from None
    if written != info.file_size or crc != info.CRC:
        raise CfwatchError(name, "truncated or corrupt member: size or CRC does not match")


def _open_zip(source, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CfwatchError(name, f"not a readable zip: {exc}") from None


def _walk(source, label: str, chain: tuple[str, ...], tmp: Path, depth: int,
          want: tuple[str, ...] | None = None) -> Iterator[tuple[tuple[str, ...], Path | None]]:
    """Yield (member chain, extracted part) for the CSV parts in an open zip, in name order.
    With `want`, descend only along that chain; with tmp=None, only list (part None)."""
    name = "!".join((label, *chain))
    if depth >= MAX_NESTING:
        raise CfwatchError(name, f"zip nested deeper than {MAX_NESTING} levels; refused")
    archive = _open_zip(source, name)
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or (want is not None and info.filename != want[0]):
                continue
            member = (*chain, info.filename)
            lower = info.filename.lower()
            if lower.endswith(".zip"):
                _check_limits(info, "!".join((label, *member)))
                rest = want[1:] if want is not None else None
                if info.compress_type == zipfile.ZIP_STORED:  # read in place
                    inner = io.BufferedReader(_Slice(source, _data_start(
                        source, info, "!".join((label, *member))), info.file_size), CHUNK)
                    yield from _walk(inner, label, member, tmp, depth + 1, rest)
                else:  # a compressed inner zip must be inflated to be seekable
                    spooled = (tmp or Path("/tmp")) / f"inner-{depth}-{threading.get_ident()}.zip"
                    _inflate_member(source, info, spooled, "!".join((label, *member)))
                    try:
                        with spooled.open("rb") as inner:
                            yield from _walk(inner, label, member, tmp, depth + 1, rest)
                    finally:
                        spooled.unlink(missing_ok=True)
            elif lower.endswith(".csv"):
                if tmp is None:
                    yield member, None
                    continue
                # each part its own file: the reader may still hold the one before
                target = tmp / f"part-{zlib.crc32(chr(0).join(member).encode()):08x}.csv"
                _inflate_member(source, info, target, "!".join((label, *member)))
                yield member, target


def _parts_now(path: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    if path.suffix.lower() == ".csv":
        yield str(path), plain_alias(path, tmp)  # "x[1].csv" is a name, not a pattern
        return
    try:
        source = open_source(str(path))
    except OSError as exc:
        raise CfwatchError(str(path), f"cannot read: {exc}") from None
    with source:
        for chain, part in _walk(source, str(path), (), tmp, 0):
            yield "!".join((str(path), *chain)), part


@functools.cache
def _reuse_freed_buffers() -> None:
    """Inflating makes a fresh buffer of a megabyte or two per call. glibc hands buffers that
    large back to the kernel when they are freed, so every next one starts on new pages: a
    page fault per 4 KB, a third of the inflate's time. Raise its thresholds so freed buffers
    are reused (it then keeps at most 32 MB free, so the process's memory barely changes)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallopt(_M_MMAP_THRESHOLD, 32 * CHUNK)
        libc.mallopt(_M_TRIM_THRESHOLD, 32 * CHUNK)
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to tune
        pass


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def parts(path: Path, tmp: Path, ahead: int = PREFETCH) -> Iterator[tuple[str, Path]]:
    """Yield (name, CSV file) for every part of `path`, inflating up to `ahead` parts ahead
    on a thread. Parts inflated from an archive are files in `tmp`: the caller deletes each
    when done with it (`release`), so the disk holds only the parts in use and `ahead` more."""
    _reuse_freed_buffers()
    results: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in _parts_now(path, tmp):
                while not stop.is_set():
                    try:
                        results.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    release(item[1], tmp)
                    return
            results.put(done)
        except BaseException as exc:  # handed to the reader, raised there
            results.put(exc)

    worker = threading.Thread(target=produce, name="dsa-inflate", daemon=True)
    worker.start()
    try:
        while (item := results.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            try:
                leftover = results.get(timeout=0.1)
                if isinstance(leftover, tuple):
                    release(leftover[1], tmp)
            except queue.Empty:
                pass
        worker.join()


def release(part: Path, tmp: Path) -> None:
    """Delete a part inflated into `tmp` (an extracted CSV given as input is left alone)."""
    if part.parent == tmp:
        part.unlink(missing_ok=True)


def list_parts(path: str) -> list[PartRef]:
    """Every CSV part of a dump (local path or URL), by name, without inflating any part."""
    if path.lower().endswith(".csv"):
        return [PartRef(path, ())]
    with open_source(path) as source:
        return [PartRef(path, chain) for chain, _ in _walk(source, path, (), None, 0)]


def extract_part(ref: PartRef, tmp: Path) -> Path:
    """Inflate one part named by `list_parts` into `tmp`; returns the CSV file."""
    if not ref.members:
        return Path(ref.path.removeprefix("file://"))
    with open_source(ref.path) as source:
        for _, part in _walk(source, ref.path, (), tmp, 0, ref.members):
            return part
    raise CfwatchError(ref.name, "no such part in the archive")
