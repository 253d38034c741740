"""Reading the project's TOML files (registry, reviewed claims, decisions, scenario), with one
error shape: the file and what is wrong, on one line.

Read through `etl.files.read_limited`: a regular file only, inside the folder it must be in
when there is one, and at most MAX_TOML_BYTES, so a FIFO or a link to /dev/zero in place of a
registry cannot hang a run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from etl.errors import CfwatchError
from etl.files import FileRefused, read_limited

# Thousands of sources or decisions fit in a few hundred KB.
MAX_TOML_BYTES = 16 * 1024 * 1024


def load_toml(path: Path, what: str, inside: Path | None = None) -> dict:
    """Parse `path`; `what` names the file's role in the message ("registry"); `inside`, when
    given, is the folder the file must not lead out of."""
    try:
        return tomllib.loads(read_limited(Path(path), MAX_TOML_BYTES, inside).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CfwatchError(str(path), f"{what} does not parse: {exc}") from None
    except FileRefused as exc:
        raise CfwatchError(str(path), exc.reason) from None
