"""Distill days on Apache Spark: the same job as duckdb_engine.py, spread over a cluster.

The driver lists the CSV parts of each dump (reading only the zips' directories, through
fsspec for object storage) and hands one part to each task. A task inflates its part on its
own machine and parses it with Python's csv module into the raw columns; from there it is
Spark SQL over the declarations in mapping.py (the same text DuckDB runs), a window over the
day's uuids for duplicates, and Spark's own Parquet writer, partitioned by platform. Days
are written to _staging and swapped in as in layout.py, through Hadoop's file system API
when the output is not on this machine.

Runs in local mode by default (`local[*]`); `--master` or spark-submit picks a cluster.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from etl.distill import layout, mapping
from etl.distill.layout import Day, Storage
from etl.errors import CfwatchError, first_line
from etl.listings.dsa_archive import PartRef, extract_part, list_parts

# A free-text field may run long (a real decision_facts is up to a few thousand characters).
MAX_FIELD_BYTES = 20_000_000
RAW = mapping.RAW_COLUMNS


def _read_parts(items: Iterator[tuple[int, PartRef]]) -> Iterator[tuple]:
    """A task: inflate and parse its parts; one tuple per row (RAW, part, file, row, bad)."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    tmp = Path(tempfile.mkdtemp(prefix="cfwatch-spark-"))
    try:
        for index, ref in items:
            part = extract_part(ref, tmp)
            with part.open("rb") as raw_file:
                text = io.TextIOWrapper(raw_file, encoding="utf-8", errors="replace",
                                        newline="")
                reader = csv.reader(text)
                header = [c.strip().lstrip("\ufeff") for c in next(reader, [])]
                missing = [c for c in mapping.REQUIRED if c not in header]
                if missing:
                    raise CfwatchError(ref.name, "wrong header: missing column(s) "
                                                 + ", ".join(missing))
                where = [header.index(c) if c in header else None for c in RAW]
                for row_number, row in enumerate(reader, start=1):
                    if len(row) != len(header):
                        yield (None,) * len(RAW) + (
                            index, ref.name, row_number,
                            f"expected {len(header)} fields, found {len(row)}")
                        continue
                    yield tuple(row[i] if i is not None and row[i] != "" else None
                                for i in where) + (index, ref.name, row_number, None)
            if part.parent == tmp:
                part.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class HadoopStorage(Storage):
    """A distilled folder wherever Hadoop reaches (hdfs://, s3a://, file://), from the driver."""

    def __init__(self, spark):
        self._jvm = spark._jvm
        self._conf = spark._jsc.hadoopConfiguration()

    def _path(self, path: str):
        return self._jvm.org.apache.hadoop.fs.Path(path)

    def _fs(self, path: str):
        return self._path(path).getFileSystem(self._conf)

    def read_text(self, path: str) -> str | None:
        if not self.exists(path):
            return None
        stream = self._fs(path).open(self._path(path))
        try:
            return self._jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
        finally:
            stream.close()

    def write_text(self, path: str, text: str) -> None:
        stream = self._fs(path).create(self._path(path), True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def exists(self, path: str) -> bool:
        return self._fs(path).exists(self._path(path))

    def listdir(self, path: str) -> list[str]:
        if not self.exists(path):
            return []
        return [s.getPath().getName() for s in self._fs(path).listStatus(self._path(path))]

    def mkdirs(self, path: str) -> None:
        self._fs(path).mkdirs(self._path(path))

    def delete(self, path: str) -> None:
        if self.exists(path):
            self._fs(path).delete(self._path(path), True)

    def rename(self, source: str, target: str) -> None:
        if not self._fs(source).rename(self._path(source), self._path(target)):
            raise CfwatchError(target, f"could not move {source} here")

    def exchange(self, a: str, b: str) -> bool:
        return False  # two renames: atomic per folder on HDFS, a copy on object storage


class SparkDistiller:
    """A Spark session for distilling, stopped on leaving the `with` block."""

    def __init__(self, out: str, master: str | None):
        self.out = out
        self.master = master
        self.spark = None
        self.storage: Storage = layout.LOCAL
        self.local = "://" not in out or out.startswith("file://")

    def __enter__(self) -> SparkDistiller:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise CfwatchError("--engine spark", "PySpark is not installed: "
                                                 "pip install -e '.[spark]' (and Java 17+)") \
                from None
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = SparkSession.builder.appName("cfwatch distill")
        # spark-submit starts the JVM first and hands its port over: its --master stands
        submitted = "PYSPARK_GATEWAY_PORT" in os.environ
        if self.master or not submitted:
            builder = builder.master(self.master or "local[*]")
        for key, value in {
                # the mapping's TIMESTAMP is a wall-clock time, as in the dumps and in DuckDB
                "spark.sql.timestampType": "TIMESTAMP_NTZ",
                "spark.sql.session.timeZone": "UTC",
                "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
                "spark.sql.parquet.compression.codec": "zstd",
                "spark.ui.showConsoleProgress": "false"}.items():
            builder = builder.config(key, value)
        if (self.master or "local").startswith("local"):
            builder = builder.config("spark.ui.enabled", "false").config(
                "spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 1)))
        try:
            self.spark = builder.getOrCreate()
        except Exception as exc:  # no Java, a bad master URL: one line, not a JVM trace
            raise CfwatchError("--engine spark", f"Spark did not start: "
                                                 f"{first_line(exc)}") from None
        self.spark.sparkContext.setLogLevel("ERROR")
        if self.local:
            self.out = str(Path(self.out.removeprefix("file://")).resolve())
            Path(self.out).mkdir(parents=True, exist_ok=True)
            layout.remove_stale_staging(self.out)
        else:
            self.storage = HadoopStorage(self.spark)
        return self

    def __exit__(self, *exc) -> None:
        if self.spark is None:
            return
        from pyspark import SparkContext
        self.spark.stop()
        # The JVM PySpark started for us would only notice our exit afterwards: end it now,
        # so that nothing of the run outlives the command (spark-submit's JVM is not ours).
        gateway = SparkContext._gateway
        jvm = getattr(gateway, "proc", None)
        if gateway is not None:
            gateway.shutdown()
            SparkContext._gateway = SparkContext._jvm = None
        if jvm is not None:
            try:
                jvm.stdin.close()
                jvm.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                jvm.kill()

    def distill_days(self, days: list[Day], platform: str) -> Iterator[tuple[str, dict]]:
        for day in days:
            owner = None if self.local else "spark"
            staged = layout.staging_dir(self.out, day.day, self.storage, owner)
            counts, unparseable = self._distill_day(day, staged, platform)
            layout.write_manifest(staged, day, platform, "spark", counts, unparseable,
                                  self.storage)
            layout.swap_in(self.out, staged, day.day, self.storage)
            yield day.day, counts

    def _distill_day(self, day: Day, staged: str, platform: str) -> tuple[dict, list[dict]]:
        from pyspark.sql.types import LongType, StringType, StructField, StructType
        spark = self.spark
        refs = [ref for source in day.inputs for ref in list_parts(source)]
        schema = StructType([StructField(c, StringType()) for c in RAW] + [
            StructField("part", LongType()), StructField("source_file", StringType()),
            StructField("source_row", LongType()), StructField("bad", StringType())])
        rows = spark.sparkContext.parallelize(list(enumerate(refs)), max(1, len(refs))) \
            .mapPartitions(_read_parts)
        raw = spark.createDataFrame(rows, schema).persist()
        raw.createOrReplaceTempView("raw")
        unparseable = [{"file": r.source_file, "row": r.source_row, "reason": r.bad}
                       for r in spark.sql("SELECT source_file, source_row, bad FROM raw "
                                          "WHERE bad IS NOT NULL ORDER BY part, source_row"
                                          ).collect()]
        files = ", ".join(c if c != "problem" else "checked_problem AS problem"
                          for c in mapping.FILE_COLUMNS)
        statements = spark.sql(f"""
            WITH mapped AS (
                SELECT part, source_file, source_row, {mapping.select_list()}
                FROM raw WHERE bad IS NULL AND {mapping.platform_matches(platform)}
            ),
            checked AS (SELECT *, {mapping.PROBLEM} AS problem FROM mapped),
            deduplicated AS (
                SELECT *, CASE
                    WHEN problem IS NOT NULL THEN problem
                    WHEN row_number() OVER (PARTITION BY uuid, problem IS NULL
                                            ORDER BY part, source_row) > 1
                        THEN {mapping.literal(mapping.DUPLICATE)} END AS checked_problem
                FROM checked
            )
            SELECT platform, {files} FROM deduplicated""")
        statements.write.mode("overwrite").partitionBy("platform").parquet(_uri(staged))
        raw.unpersist()
        counts = {r["platform"]: r["count"] for r in spark.read.parquet(
            _uri(staged)).groupBy("platform").count().collect()}
        for leftover in self.storage.listdir(staged):  # Spark's own markers
            if leftover.startswith(("_SUCCESS", "._SUCCESS")):
                self.storage.delete(self.storage.join(staged, leftover))
        return counts, unparseable


def _uri(path: str) -> str:
    """A path as Spark must be told it: a bare path would mean the cluster's default file
    system (HDFS), not this machine's."""
    return path if "://" in path else "file://" + path
