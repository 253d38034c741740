"""Review decisions: a person confirms, corrects or rejects a machine-read figure.

Decisions are appended to a TOML file (default `seeds/reviews.toml`, beside the reviewed
claims), one `[[decision]]` each, with who and when. The file is the record: append-only,
git-friendly, and applied by the next ETL run. The dashboard and `cfwatch review` append to it
and never write the warehouse.

A decision is keyed by its source and the character offsets of the number, and carries the
text written there, so it survives re-extraction: it applies to whatever figure the extractor
finds at those offsets next time, or stands on its own when the extractor no longer finds one.
When the article text is present and the offsets no longer hold that text, the run fails, as a
wrong entry in seeds/claims.toml does. An accept or correct decision carries the whole figure
as the reviewer confirmed it, so applying it never depends on what the rules say later.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import tomli_w

from etl.errors import CfwatchError
from etl.tomlfile import load_toml
from etl.vocab import ACTORS, COUNTED, METRICS, PERIOD_PRECISIONS, QUALIFIERS, keys

ACTIONS = ("accept", "correct", "reject")
ENV_REVIEWER = "CFWATCH_REVIEWER"
HEADER = """\
# Review decisions on machine-read figures, appended by `cfwatch review` and the dashboard's
# Claims page; applied by the next `cfwatch etl run`. Each decision is keyed by its source and
# the offsets of the number (`written` is the text there). accept/correct carry the figure as
# the reviewer confirmed it; reject marks it as not a figure (or not this one). Later decisions
# on the same offsets win. Edit by hand if you must: it is the record.
"""

# The fields of a figure a decision confirms or corrects, and the vocabulary each must be in.
FIGURE_FIELDS: dict[str, tuple[str, ...] | None] = {
    "metric": keys(METRICS), "qualifier": keys(QUALIFIERS), "value": None, "value_low": None,
    "value_high": None, "unit": None, "currency": None, "period_start": None,
    "period_end": None, "period_precision": keys(PERIOD_PRECISIONS), "counted": keys(COUNTED),
    "actor": keys(ACTORS),
}


@dataclass(frozen=True)
class Decision:
    source: str
    char_start: int
    char_end: int
    written: str
    action: str
    by: str
    at: dt.datetime
    note: str | None = None
    metric: str | None = None
    qualifier: str | None = None
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    unit: str | None = None
    currency: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_precision: str | None = None
    counted: str | None = None
    actor: str | None = None
    entry_no: int = 0  # position in the file, for messages

    def figure_fields(self) -> dict:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


def reviews_file_of(warehouse: Path) -> Path:
    """The reviews file the served warehouse was built with (else the default), so decisions
    go where the next build will read them."""
    from etl.pipeline import DEFAULT_REVIEWS  # the pipeline imports this module
    from etl.query.connection import read_frame

    built = read_frame(warehouse, "SELECT value FROM build_info WHERE key = 'reviews_file'")
    return Path(built.item()) if built.height else DEFAULT_REVIEWS


def default_reviewer() -> str:
    """$CFWATCH_REVIEWER, else the login name."""
    try:
        return os.environ.get(ENV_REVIEWER) or getpass.getuser()
    except OSError:
        return "unknown"


def decide(figure: dict, action: str, by: str | None = None, note: str | None = None,
           **corrections) -> Decision:
    """A decision on a figure row (as in the warehouse's `figures`), with corrections applied.

    Raises CfwatchError for an unknown action, an unknown field, or a value outside its
    vocabulary, so neither the CLI nor the dashboard can append a decision the ETL would refuse.
    """
    where = f"figure {figure.get('figure_id')}"
    if action not in ACTIONS:
        raise CfwatchError(where, f"action {action!r} is not one of {', '.join(ACTIONS)}")
    unknown = set(corrections) - set(FIGURE_FIELDS)
    if unknown:
        raise CfwatchError(where, f"cannot correct {', '.join(sorted(unknown))}")
    if action == "correct" and not corrections:
        raise CfwatchError(where, "a correction needs at least one corrected field")
    confirmed = {} if action == "reject" else {
        name: corrections.get(name, figure.get(name)) for name in FIGURE_FIELDS}
    decision = Decision(
        figure["source_id"], int(figure["char_start"]), int(figure["char_end"]),
        figure["surface"] if figure.get("written") is None else figure["written"], action,
        by or default_reviewer(), dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        note or None, **confirmed)
    _check(decision, where)
    return decision


def _check(d: Decision, where: str) -> None:
    for name, allowed in FIGURE_FIELDS.items():
        value = getattr(d, name)
        if allowed is not None and value is not None and value not in allowed:
            raise CfwatchError(where, f"{name} {value!r} is not one of {', '.join(allowed)}")
    if d.action != "reject" and d.metric is None:
        raise CfwatchError(where, f"{d.action} needs a metric")
    if d.value_low is not None and d.value_high is not None and d.value_low > d.value_high:
        raise CfwatchError(where, f"value_low {d.value_low} is above value_high {d.value_high}")
    if (d.period_start is None) != (d.period_end is None):
        raise CfwatchError(where, "give both period_start and period_end, or neither")
    if d.period_start and d.period_start > d.period_end:
        raise CfwatchError(where, "period_start is after period_end")


def append_decision(path: Path, decision: Decision) -> None:
    """Append one decision. An flock serialises writers (the CLI and a dashboard at once)."""
    entry = {k: v for k, v in asdict(decision).items()
             if v is not None and k != "entry_no"}
    block = tomli_w.dumps({"decision": [entry]})
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("a", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            if fh.tell() == 0:
                fh.write(HEADER)
            fh.write("\n" + block)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise CfwatchError(str(path), f"cannot append the review decision: "
                                      f"{exc.strerror or exc}") from None


def load_decisions(path: Path, source_ids: set[str]) -> list[Decision]:
    """Every decision in the file, in order; a missing file is no decisions."""
    if not path.exists():
        return []
    data = load_toml(path, "reviews file")
    out: list[Decision] = []
    names = {f.name for f in fields(Decision)} - {"entry_no"}
    for n, entry in enumerate(data.get("decision", []), start=1):
        where = f"{path} [[decision]] #{n}"
        unknown = set(entry) - names
        if unknown:
            raise CfwatchError(where, f"unknown field(s) {', '.join(sorted(unknown))}")
        missing = [k for k in ("source", "char_start", "char_end", "written", "action", "by",
                               "at") if k not in entry]
        if missing:
            raise CfwatchError(where, f"missing {', '.join(missing)}")
        if entry["source"] not in source_ids:
            raise CfwatchError(where, f"source {entry['source']!r} is not in the registry")
        if entry["action"] not in ACTIONS:
            raise CfwatchError(where, f"action {entry['action']!r} is not one of "
                                      f"{', '.join(ACTIONS)}")
        if not (isinstance(entry["char_start"], int) and isinstance(entry["char_end"], int)
                and 0 <= entry["char_start"] < entry["char_end"]):
            raise CfwatchError(where, "char_start/char_end must be integers with "
                                      "0 <= start < end")
        decision = Decision(**entry, entry_no=n)
        _check(decision, where)
        out.append(decision)
    return out


def latest_by_span(decisions: list[Decision]) -> dict[tuple[str, int, int], Decision]:
    """The decision in force for each (source, start, end): the last one written."""
    latest: dict[tuple[str, int, int], Decision] = {}
    for d in decisions:
        latest[(d.source, d.char_start, d.char_end)] = d
    return latest


def check_offsets(decision: Decision, text: str | None, path: Path) -> bool:
    """True when the text at the decision's offsets is what it says; None text: unchecked.

    A mismatch raises: the decision would attach to the wrong number."""
    if text is None:
        return False
    found = text[decision.char_start:decision.char_end]
    if found != decision.written:
        raise CfwatchError(f"{path} [[decision]] #{decision.entry_no}",
                           f"offsets {decision.char_start}-{decision.char_end} in "
                           f"{decision.source} hold {found!r}, not {decision.written!r}; "
                           "the article changed: review that figure again")
    return True
