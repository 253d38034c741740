"""Reading the project's TOML files (registry, reviewed claims, decisions, scenario), with one
error shape: the file and what is wrong, on one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

from etl.errors import CfwatchError


def load_toml(path: Path, what: str) -> dict:
    """Parse `path`; `what` names the file's role in the message ("registry")."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CfwatchError(str(path), f"{what} does not parse: {exc}") from None
    except OSError as exc:
        raise CfwatchError(str(path), f"cannot read {what}: {exc.strerror or exc}") from None
