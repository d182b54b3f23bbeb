"""Opening a log for a report or an export: its events, its plan, its roster.

Every way this can fail becomes a ReportError with one line a user can act on (no
traceback): not a log, no such file, a header whose plan cannot be read, a roster
that is not valid. Messages name files, never what is in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessiontui.journal.reader import LogContents


class ReportError(Exception):
    """Input a report or an export cannot use; the message is one line."""


@dataclass(frozen=True)
class LoadedLog:
    """A log chain read for reporting: never written to."""

    path: Path
    contents: LogContents
    plan: Any
    """The Plan rebuilt from the header's snapshot (names are ids)."""
    roster: dict[str, Any] | None


def load_log(path: Path | str, *, with_roster: bool = True) -> LoadedLog:
    """Read a log (and its segments), rebuild its plan, and find its roster."""
    from pydantic import ValidationError

    from sessiontui.journal.errors import JournalError
    from sessiontui.journal.reader import read_chain
    from sessiontui.journal.roster import load_roster
    from sessiontui.plan.redact import plan_from_snapshot

    path = Path(path)
    try:
        contents = read_chain(path)
    except JournalError as error:
        raise ReportError(str(error)) from error
    plan_info = contents.header.get("plan")
    snapshot = plan_info.get("snapshot") if isinstance(plan_info, dict) else None
    if not isinstance(snapshot, dict):
        raise ReportError(f"{path.name}: the header holds no plan snapshot")
    try:
        plan = plan_from_snapshot(snapshot)
    except ValidationError as error:
        raise ReportError(
            f"{path.name}: the plan in its header cannot be read ({error.error_count()} problems)"
        ) from error
    roster = None
    if with_roster:
        try:
            roster = load_roster(path)
        except JournalError as error:
            raise ReportError(str(error)) from error
    return LoadedLog(path, contents, plan, roster)
