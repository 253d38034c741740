"""`cfwatch distill`: DSA dumps -> hive-partitioned Parquet, on DuckDB or on Apache Spark.

mapping.py declares what a statement becomes (shared with the warehouse import); layout.py
owns the output folder (where a day goes, its manifest, the atomic swap, resuming); the
engines (duckdb_engine.py, spark_engine.py) only read parts and write one day's files.
"""
