"""Reading input files safely (etl/files.py): regular files only, inside their folder, bounded."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from etl.files import FileRefused, read_limited


def read_in_thread(path: Path, limit: int, inside: Path | None = None, seconds: float = 10):
    """read_limited in a thread, so a read that would block fails the test instead of hanging."""
    outcome: dict = {}

    def target():
        try:
            outcome["data"] = read_limited(path, limit, inside)
        except FileRefused as exc:
            outcome["refused"] = exc.reason

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"reading {path} blocked for {seconds} s"
    return outcome


def test_a_regular_file_inside_its_folder_is_read_whole(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"removed 300 listings")
    assert read_limited(tmp_path / "a.txt", 100, inside=tmp_path) == b"removed 300 listings"


def test_a_symlink_to_dev_zero_is_refused_without_reading_forever(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    outcome = read_in_thread(tmp_path / "zero.txt", 1024)
    assert "character device" in outcome["refused"]
    outcome = read_in_thread(tmp_path / "zero.txt", 1024, inside=tmp_path)
    assert "outside the folder" in outcome["refused"]


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    outcome = read_in_thread(tmp_path / "pipe.txt", 1024, inside=tmp_path)
    assert "FIFO" in outcome["refused"]


def test_a_symlink_leading_out_of_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("root:x:0:0")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "up.txt").symlink_to("../secret")
    for name in ("passwd.txt", "up.txt"):
        with pytest.raises(FileRefused) as err:
            read_limited(corpus / name, 1024, inside=corpus)
        assert "outside the folder" in err.value.reason and str(secret) in err.value.reason


def test_a_symlink_within_the_folder_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text("text")
    (tmp_path / "alias.txt").symlink_to("real.txt")
    assert read_limited(tmp_path / "alias.txt", 100, inside=tmp_path) == b"text"


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    with pytest.raises(FileRefused) as err:
        read_limited(tmp_path / "big.txt", 100)
    assert "101 bytes, over the 100 byte limit" in err.value.reason
    (tmp_path / "ok.txt").write_bytes(b"x" * 100)
    assert len(read_limited(tmp_path / "ok.txt", 100)) == 100


def test_a_folder_and_a_missing_file_are_refused_with_their_reason(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(FileRefused) as err:
        read_limited(tmp_path / "dir.txt", 100)
    assert "a folder" in err.value.reason
    with pytest.raises(FileRefused) as err:
        read_limited(tmp_path / "none.txt", 100)
    assert "No such file" in err.value.reason
