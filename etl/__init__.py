"""Counterfeit Watch. From Python and notebooks: `from etl import connect` (etl/query/api.py)."""


def __getattr__(name: str):
    # Imported on first use, so `cfwatch --help` and the build do not load it.
    if name == "connect":
        from etl.query.api import connect
        return connect
    raise AttributeError(f"module 'etl' has no attribute {name!r}")
