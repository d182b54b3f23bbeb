"""Opening a log for a report or an export: its events, its plan, its roster.

Every way this can fail becomes a ReportError with one line a user can act on (no
traceback): not a log, no such file, a header whose plan cannot be read, a roster
that is not valid or that another user could have written (never read). Segments
beside the log that do not continue it are left out; `contents.notices()` says which.
Messages name files, never what is in them.
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
    comments: tuple[Any, ...] | None = None
    """The trainer's replay comments (journal.comments.Comment), when asked for."""
    roster_warnings: tuple[str, ...] = ()
    """Why a roster beside the log was not used (bad JSON): people appear as pseudonyms."""


def load_log(path: Path | str, *, with_roster: bool = True, salvage: bool = False) -> LoadedLog:
    """Read a log (and its segments), rebuild its plan, and find its roster.

    A roster that cannot be read as one (bad JSON, not a roster) is not used: people
    appear as pseudonyms and `roster_warnings` says why. A roster another user owns or
    can write is still refused (ReportError). `salvage` reads on past damaged lines."""
    from sessiontui.journal.errors import JournalError
    from sessiontui.journal.reader import plan_of, read_chain
    from sessiontui.journal.roster import load_roster

    path = Path(path)
    try:
        contents = read_chain(path, salvage=salvage)
        plan = plan_of(contents.header, path.name)
    except JournalError as error:
        raise ReportError(str(error)) from error
    roster = None
    warnings: tuple[str, ...] = ()
    if with_roster:
        from sessiontui.journal.errors import UntrustedFile

        try:
            roster = load_roster(path)
        except UntrustedFile as error:
            raise ReportError(str(error)) from error
        except JournalError as error:
            warnings = (f"{error}; people appear as pseudonyms",)
    return LoadedLog(path, contents, plan, roster, roster_warnings=warnings)
