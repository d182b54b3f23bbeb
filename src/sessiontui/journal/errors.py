"""The journal's errors: each one a sentence a facilitator or organiser can act on."""

from __future__ import annotations


class JournalError(Exception):
    """Something about a session log stops the journal from doing what was asked."""


class LogError(JournalError):
    """The file is not a readable sessiontui log (missing, not ours, or a bad header)."""


class JournalLocked(JournalError):
    """Another sessiontui process is writing this log: two writers would interleave lines."""


class LineError(ValueError):
    """One line of a log is not a valid record; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EncodeError(ValueError):
    """An event or header cannot be written as one JSON line (a programming error)."""
