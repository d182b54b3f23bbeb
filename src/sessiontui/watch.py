"""Watching a session while it is run: the replay, kept at the live end of a log that
another process (the facilitator's app) is writing. For a co-facilitator who keeps the
queue, the chat and the time, in a second terminal or over SSH: no server, and nothing
is ever written.

The log is followed as `tail -f` follows a file (journal.follow). Between events the
clock keeps counting: the moment shown is the writer's "now", session time
`t = last event's t + (now - last event's ts)`, with `now` passed in by the caller (a
test's clock, or the wall clock), so that the time left in the phase and the current
turn run on as they do on the facilitator's screen. Seeking back pauses following; going
to the end (or `go_live`) follows again. Plain Python: no Textual here.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from sessiontui.core.events import parse_ts
from sessiontui.core.timeline import Timeline
from sessiontui.event_words import EventWords
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError
from sessiontui.journal.files import is_locked
from sessiontui.journal.follow import LogFollower, Update
from sessiontui.journal.holder import read_claim, this_host
from sessiontui.journal.reader import LogContents
from sessiontui.journal.roster import Names, load_roster
from sessiontui.replay import ReplaySession

FOLLOW_SLACK = 0.5
"""Seconds behind the live moment that still count as at it (a seek to the end)."""
POLL_EVERY = 0.25
"""Seconds between looks at the log: an event shows within this (and a frame)."""

Condition = Literal["live", "ended", "left", "quiet"]
"""live: being written now; ended: the session ended; left: the app was closed without
ending it (it may be resumed); quiet: nobody is writing it now."""


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """What the status line says about following."""

    following: bool
    behind_s: float
    """How far the position is behind the live moment (0 when following)."""
    condition: Condition
    host: str | None = None
    """The machine writing it, when that is not this one (from its lock file)."""


class WatchSession(ReplaySession):
    """A replay that follows its log to the live end, read-only."""

    watching = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.follower: LogFollower | None = None
        self.following = True
        """Kept at the live moment as it moves (False once the user seeks back)."""
        self.written = False
        """A writer holds the log now (here, or on the machine its lock file names)."""
        self.host: str | None = None
        self._live_t = 0.0
        self._seen: datetime | None = None
        """When the last event was first seen here (the clock of a rehearsal, whose
        times run fast, counts on from it)."""
        self._roster_mark = _mark(paths.roster_path(self.log))

    # -- reading -------------------------------------------------------------------------

    def use(self, contents: LogContents) -> str | None:
        """The events read so far; follow the log from their end, at the live moment."""
        self._quiet_torn_tail(contents)
        said = super().use(contents)
        self.follower = LogFollower(self.log, contents)
        self._live_t = self._last_t()
        self.go_live()
        return said

    def _quiet_torn_tail(self, contents: LogContents) -> None:
        """A part line at the end of a log being written is the next event arriving."""
        damage = contents.damage
        if damage is not None and damage.recoverable and self._held():
            contents.damage = None
            contents.status = "interrupted"

    def poll(self, now: datetime) -> bool:
        """Look at the log (what was added, who holds it) and move the live moment to
        `now`. True when anything shown may have changed."""
        follower = self.follower
        if follower is None:
            return False
        update = follower.poll()
        changed = self._take(update, now)
        written = self._held()
        changed = changed or written != self.written
        self.written = written
        if self._roster_changed():
            changed = True
        return self.tick(now) or changed

    def _held(self) -> bool:
        """Whether a writer holds the log now: a flock here, or a lock file naming
        another machine (whose flock a shared drive does not show)."""
        follower = self.follower
        files = follower.files if follower is not None else paths.chain_paths(self.log)
        if any(is_locked(p) for p in files):
            self.host = None
            return True
        claim = read_claim(self.log)
        self.host = claim.host if claim is not None and claim.host != this_host() else None
        return self.host is not None

    def _take(self, update: Update, now: datetime) -> bool:
        if not update:
            return False
        if update.reset is not None:
            self._replace(update.reset)
        else:
            self.events.extend(update.events)
            if self.started_t is None:
                self.started_t = next(
                    (e.t for e in update.events if e.type == "session.started"), None)
            self._reset_caches()
        self._seen = now
        self._live_t = self._last_t()
        if self.following:
            self.go_live()
        else:
            self.seek_t(self.t)  # the same moment; the state after any event added at it
        return True

    def _replace(self, contents: LogContents) -> None:
        """A segment rewrote events already shown: take the chain as it is now."""
        self.contents = contents
        self.events = contents.events
        self.started_t = next((e.t for e in self.events if e.type == "session.started"),
                              None)
        self.timeline = Timeline(self.plan, self.events)
        self._reset_caches()

    def _roster_changed(self) -> bool:
        """A walk-in's name was written to the roster: read it again (never an error:
        the names shown stay as they were if it cannot be read)."""
        mark = _mark(paths.roster_path(self.log))
        if mark == self._roster_mark:
            return False
        self._roster_mark = mark
        try:
            roster = load_roster(self.log)
        except JournalError:
            return False
        if roster is None:
            return False
        self.names = Names(dict(roster["participants"]), facilitator="Facilitator")
        self.has_roster = True
        self._reset_caches()
        return True

    # -- the live moment ------------------------------------------------------------------

    @property
    def condition(self) -> Condition:
        follower = self.follower
        if follower is not None and follower.ended:
            return "ended"
        if self.written:
            return "live"
        if self.events and self.events[-1].type == "session.interrupted":
            return "left"
        return "quiet"

    def _last_t(self) -> float:
        return self.events[-1].t if self.events else 0.0

    def live_t(self, now: datetime) -> float:
        """The writer's session time at `now`: the last event's, plus the time since it
        while the log is being written (held at the last event otherwise)."""
        last_t = self._last_t()
        if not self.events or self.condition != "live":
            return last_t
        last = self.events[-1]
        speed = self.header.speed if self.rehearsal else 1.0
        if speed == 1.0:
            try:
                since = (now - parse_ts(last.ts)).total_seconds()
            except ValueError:
                since = 0.0
        else:  # a rehearsal's times run fast: count from when the event was seen
            if self._seen is None:
                self._seen = now
            since = (now - self._seen).total_seconds() * speed
        return last_t + max(0.0, since)

    def tick(self, now: datetime) -> bool:
        """Move the live moment to `now` (and the position with it, when following).
        True if what the clock shows may have changed (a second went by)."""
        before = (self.index, int(self.t))
        live_t = max(self._last_t(), self.live_t(now))
        if live_t != self._live_t:
            self._segments = None  # the phase running now reaches the live moment
        self._live_t = live_t
        if self.following:
            self.go_live()
        return (self.index, int(self.t)) != before

    @property
    def end_t(self) -> float:
        """The live moment: the end of the log while it is written, and moving."""
        return max(self._last_t(), self._live_t)

    def go_live(self) -> None:
        """Back to the live moment, following it from now on."""
        self.playing = False
        self._go(len(self.events), self.end_t)

    def _go(self, index: int, t: float) -> None:
        super()._go(index, t)
        self.following = self.index >= len(self.events) and self.t >= self.end_t - FOLLOW_SLACK

    def status(self) -> WatchStatus:
        behind = 0.0 if self.following else max(0.0, self.end_t - self.t)
        return WatchStatus(self.following, behind, self.condition, self.host)

    @property
    def damage_note(self) -> str | None:
        """As a replay says it, and damage met while following (a line that does not
        check, with sound lines after it: nothing after it can be shown)."""
        note = super().damage_note
        damage = self.follower.damage if self.follower is not None else None
        if damage is None:
            return note
        said = (f"The log is damaged after event {len(self.events)}: {damage.describe()}. "
                "Events after it cannot be shown.")
        return f"{said} {note}" if note else said

    # -- never written --------------------------------------------------------------------

    include_notes = False
    """Private text (notes, pause reasons, safeguarding) shown: `watch --include-notes`.
    By default a co-host sees that something private happened, never what."""

    @property
    def words(self) -> EventWords:
        if self._words is None:
            self._words = EventWords(self.plan, self.names, self.events,
                                     hide_private=not self.include_notes)
        return self._words

    def add_comment(self, *args, **kwargs):  # type: ignore[override]
        raise JournalError("watch writes nothing: comment in a replay of the log")

    edit_comment = add_comment  # type: ignore[assignment]
    delete_comment = add_comment  # type: ignore[assignment]


def _mark(path: Path) -> tuple[int, int] | None:
    with contextlib.suppress(OSError):
        info = os.stat(path)
        return info.st_mtime_ns, info.st_size
    return None


__all__ = ["FOLLOW_SLACK", "POLL_EVERY", "WatchSession", "WatchStatus"]
