"""The warehouse from Python: a read-only connection, results as Polars and Arrow.

    .venv/bin/python examples/from_python.py [WAREHOUSE]

Without WAREHOUSE it reads the served warehouse ($CFWATCH_WAREHOUSE, else
data/warehouse.duckdb). The same lines work in a Jupyter notebook."""

import sys

from etl import connect

with connect(sys.argv[1] if len(sys.argv) > 1 else None) as con:
    # Polars: each claim with its source, biggest figures first.
    claims = con.sql("""
        SELECT metric, value, period_start, period_end, publisher
        FROM claims ORDER BY value DESC""").pl()
    print(claims.head(5))

    # Parameters are bound, never pasted into the SQL text.
    weekly = con.sql("""
        SELECT date_trunc('week', day) AS week, sum(removed) AS removed,
               sum(removed) / sum(flagged) AS takedown_rate
        FROM takedown_daily WHERE day >= ? GROUP BY ALL ORDER BY week""",
                     params=["2023-10-01"]).pl()
    print(weekly.tail(5))

    # Arrow, for pandas (.to_pandas()), DuckDB 1.x, or any Arrow tool.
    datasets = con.sql("SELECT * FROM datasets").to_arrow_table()
    print(f"{datasets.num_rows} dataset(s), columns: {', '.join(datasets.column_names)}")
