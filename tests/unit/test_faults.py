"""Machine failures as one line naming the path and the cause (etl/faults.py)."""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb

from etl.faults import as_fault

WAREHOUSE = Path("/data/warehouse.duckdb")


def test_a_full_disk_names_the_file_and_the_cause():
    fault = as_fault(OSError(errno.ENOSPC, "No space left on device", "/data/x.building"),
                     WAREHOUSE)
    assert fault.input_name == "/data/x.building"
    assert fault.reason.startswith("no space left on the device")


def test_a_read_only_folder_names_the_folder_rule():
    fault = as_fault(OSError(errno.EROFS, "Read-only file system", "/data/w.lock"), WAREHOUSE)
    assert (fault.input_name, fault.exit_code) == ("/data/w.lock", 1)
    assert "read-only file system" in fault.reason and "writable" in fault.reason


def test_duckdb_messages_are_read_for_their_cause_and_path():
    fault = as_fault(duckdb.IOException(
        'IO Error: Could not write file "/data/.w.duckdb.7.building": No space left on device'),
        WAREHOUSE)
    assert fault.input_name == "/data/.w.duckdb.7.building"
    assert fault.reason.startswith("no space left on the device")
    fault = as_fault(duckdb.IOException(
        'IO Error: Async write failed: {"exception_message":"Could not write file '
        '\\"/data/s/listings.parquet\\": No space left on device","errno":"28"}'), WAREHOUSE)
    assert fault.input_name == "/data/s/listings.parquet"
    fault = as_fault(duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate"),
                     WAREHOUSE)
    assert fault.input_name == str(WAREHOUSE) and fault.reason.startswith("out of memory")


def test_memory_errors_and_failed_threads_are_out_of_memory():
    assert as_fault(MemoryError(), WAREHOUSE).reason.startswith("out of memory")
    assert as_fault(RuntimeError("can't start new thread"),
                    WAREHOUSE).reason.startswith("out of memory")


def test_anything_else_is_not_a_machine_fault():
    assert as_fault(duckdb.BinderException("Binder Error: no column x"), WAREHOUSE) is None
    assert as_fault(OSError(errno.ENOENT, "No such file"), WAREHOUSE) is None
    assert as_fault(ValueError("x"), WAREHOUSE) is None
