"""The journal's errors: each one a sentence a facilitator or organiser can act on."""

from __future__ import annotations


class JournalError(Exception):
    """Something about a session log stops the journal from doing what was asked."""


class LogError(JournalError):
    """The file is not a readable sessiontui log (missing, not ours, or a bad header)."""


class UntrustedFile(LogError):
    """A file or folder that another user owns or can write: never read, never written.

    sessiontui refuses to trust a place someone else could have changed, as OpenSSH's
    StrictModes does: a planted roster, comments file or segment could put words in
    a report or receive a facilitator's notes. `reason` is the why alone (no file
    name), e.g. `belongs to another user (uid 1001)`.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class JournalLocked(JournalError):
    """Another sessiontui process is writing this log: two writers would interleave lines."""


class LineError(ValueError):
    """One line of a log is not a valid record; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EncodeError(ValueError):
    """An event or header cannot be written as one JSON line (a programming error)."""
