"""What the served warehouse says about itself before a build: its inputs (to carry unchanged
ones over) and its build facts (to tell an unchanged run), or why it cannot be read.

A served file that cannot be read must not be taken for an empty one: the next build would
then silently drop every input that was only being carried over."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.errors import CfwatchError, first_line


@dataclass
class Served:
    inputs: list[dict] = field(default_factory=list)
    build_info: dict[str, str] = field(default_factory=dict)
    unreadable: str | None = None  # why the file cannot be read; None when it can (or is absent)




def read_served(warehouse: Path) -> Served:
    """The served warehouse's `inputs` and `build_info`, or why it cannot be read.

    An older warehouse without those tables reads as having none (everything is read again)."""
    if not warehouse.exists():
        return Served()
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            served = Served()
            for table in ("inputs", "build_info"):
                try:
                    cursor = con.execute(f"SELECT * FROM {table}")
                except duckdb.CatalogException:
                    continue  # made by an older version: nothing to carry over
                names = [d[0] for d in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
                if table == "inputs":
                    served.inputs = rows
                else:
                    served.build_info = {r["key"]: r["value"] for r in rows}
            return served
    except duckdb.Error as exc:
        return Served(unreadable=first_line(exc))


def corrupt_error(warehouse: Path, why: str) -> CfwatchError:
    return CfwatchError(str(warehouse), f"the served warehouse cannot be read ({why}); a build "
                                        "now would drop the inputs it carries over. Run "
                                        "`cfwatch etl rollback` to serve a kept version, or "
                                        "`cfwatch etl run --full` with every input to rebuild")
