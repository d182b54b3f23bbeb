"""Follow a log while its writer appends to it, as `tail -f` does: for `sessiontui watch`.

Each `poll` looks at the file being written (size and inode, one stat) and reads only
the bytes added since, up to the last newline: a line without its newline is still
being written (the writer does one write per line, but a reader may see part of it)
and is waited for, never reported as damage while the log is held. A complete line
is checked as the reader checks it (CRC, fields, seq following on).

Anything else (a new segment chained to the file, a file replaced or cut short by a
resume's recovery, a line that does not check) is answered by reading the whole chain
again with `read_chain`, which knows every rule of segments and damage; events the
follower already had are kept if they are what the chain says, else the caller is
told to start again from the new contents. Reading never writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sessiontui.core.events import Event
from sessiontui.journal import paths
from sessiontui.journal.errors import LineError, LogError
from sessiontui.journal.lines import (
    FORMAT_VERSION,
    decode_line,
    event_from_record,
    line_seed,
)
from sessiontui.journal.reader import FINAL_TYPES, Damage, LogContents, read_chain

MAX_READ = 8 << 20
"""Bytes read in one poll at most (a writer far ahead is caught up over a few polls)."""


@dataclass(slots=True)
class Update:
    """What one poll found: new events to append, or (`reset`) the whole chain read
    again whose events replace the ones the caller has."""

    events: list[Event] = field(default_factory=list)
    reset: LogContents | None = None

    def __bool__(self) -> bool:
        return bool(self.events) or self.reset is not None


class LogFollower:
    """The live edge of a log's chain: where reading stopped, and what came since."""

    def __init__(self, log: Path, contents: LogContents) -> None:
        """`contents`: the chain as `read_chain` read it (the caller has its events)."""
        self.main = paths.main_log(Path(log))
        self.resets = 0
        """How many times the events read had to be replaced (a segment rewrote some)."""
        self._take(contents, {*contents.files, *(p for p, _ in contents.ignored)})

    def _take(self, contents: LogContents, seen: set[Path]) -> None:
        self.files = list(contents.files) or [self.main]
        self.tip = self.files[-1]
        self.offset = contents.valid_end
        self.last_seq = contents.last_seq
        self.last_type = contents.events[-1].type if contents.events else None
        header = contents.header
        self._seed = line_seed(header.session_id, min(header.format_version, FORMAT_VERSION))
        self._phases = header.phases
        self._identity = _identity(self.tip)
        self._seen = seen
        self._events = list(contents.events)
        self._stuck_at: tuple[int, int] | None = None
        damage = contents.damage
        self.damage: Damage | None = None if damage is None or damage.recoverable else damage
        """Real damage where reading stopped (never a line still being written)."""

    @property
    def ended(self) -> bool:
        """The last event closed the session (session.ended or .closed)."""
        return self.last_type in FINAL_TYPES

    def poll(self) -> Update:
        """Read what was added since the last poll (nothing, if nothing was)."""
        try:
            info = os.stat(self.tip)
        except OSError:
            return self._reread()  # the file went (moved aside by a recovery)
        if (info.st_dev, info.st_ino) != self._identity or info.st_size < self.offset:
            return self._reread()
        if any(p not in self._seen for p in paths.chain_paths(self.main)):
            return self._reread()  # a new segment
        if self.damage is not None or info.st_size == self.offset \
                or self._stuck_at == (self.offset, info.st_size):
            return Update()
        return self._read_tail(info.st_size)

    def _read_tail(self, size: int) -> Update:
        try:
            fd = os.open(self.tip, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return Update()
        try:
            data = os.pread(fd, min(size - self.offset, MAX_READ), self.offset)
        except OSError:
            return Update()
        finally:
            os.close(fd)
        end = data.rfind(b"\n") + 1
        if end == 0:
            return Update()  # part of a line: the rest is on its way
        found: list[Event] = []
        start = 0
        while start < end:
            stop = data.index(b"\n", start) + 1
            event = self._event(data[start:stop])
            if event is None:  # a whole line that does not check: the reader judges it
                self._keep(found, self.offset + start)
                return self._reread(found, stuck=(self.offset, size))
            found.append(event)
            start = stop
        self._keep(found, self.offset + end)
        return Update(found)

    def _keep(self, found: list[Event], offset: int) -> None:
        if not found:
            return
        self.offset = offset
        self.last_seq = found[-1].seq
        self.last_type = found[-1].type
        self._events.extend(found)

    def _event(self, line: bytes) -> Event | None:
        from sessiontui.core.validate import CHECKS  # the vocabulary: only to read

        try:
            event = event_from_record(decode_line(line, self._seed))
        except LineError:
            return None
        if event.seq != self.last_seq + 1:
            return None
        known = CHECKS.get(event.type)
        if known is not None and event.v <= known[0] \
                and known[1](event.data, self._phases) is not None:
            return None
        return event

    def _reread(self, found: list[Event] | None = None,
                stuck: tuple[int, int] | None = None) -> Update:
        """Read the chain again; keep what was read if the chain agrees with it.
        `found`: events this poll already read (and kept); `stuck`: where a line that
        does not check was met, so that it is not read again until the file changes."""
        found = found or []
        listing = set(paths.chain_paths(self.main))
        try:
            contents = read_chain(self.main)
        except LogError:
            return Update(found)  # gone or unreadable for a moment: try again next poll
        had = self._events
        same = len(contents.events) >= len(had) and all(
            a == b for a, b in zip(had, contents.events, strict=False))
        self._take(contents, listing | {*contents.files, *(p for p, _ in contents.ignored)})
        if stuck is not None and self.offset == stuck[0]:  # the reader stops there too
            self._stuck_at = (self.offset, stuck[1])
        if same:
            return Update([*found, *contents.events[len(had):]])
        self.resets += 1
        return Update(reset=contents)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


__all__ = ["LogFollower", "Update"]
