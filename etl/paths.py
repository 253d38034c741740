"""Where things are: the project root and the served warehouse file."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"


ENV_WAREHOUSE = "CFWATCH_WAREHOUSE"


def resolve_warehouse(path: str | os.PathLike | None = None) -> Path:
    """--warehouse, else $CFWATCH_WAREHOUSE, else data/warehouse.duckdb in the project."""
    chosen = path or os.environ.get(ENV_WAREHOUSE) or DEFAULT_WAREHOUSE
    return Path(chosen).expanduser().resolve()


ENV_DSA_SAMPLES = "CFWATCH_DSA_SAMPLES"


def dsa_samples() -> Path:
    """Folder of the real DSA sample rows: $CFWATCH_DSA_SAMPLES, else ../shared/dsa."""
    return Path(os.environ.get(ENV_DSA_SAMPLES) or ROOT.parent / "shared" / "dsa")
