"""Replaying a session log: a position in session time, moved by play, seek and step.

The state at any moment is the fold of the events up to it (keyframe, then fold
forward: `core.timeline.Timeline`), so seeking back is as exact as seeking forward.
Replay never writes to a log; a trainer's comments go to a sidecar file beside it.
Plain Python: no Textual here.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sessiontui.core.clock import Now
from sessiontui.core.events import Event, format_ts, parse_ts
from sessiontui.core.state import SessionState
from sessiontui.core.timeline import Timeline
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError
from sessiontui.journal.files import atomic_write
from sessiontui.journal.header import LogHeader
from sessiontui.journal.lines import MAX_T
from sessiontui.journal.reader import LogContents, plan_of, read_chain, read_header
from sessiontui.journal.roster import Names, load_roster
from sessiontui.plan.durations import format_elapsed

MIN_SPEED = 0.25
MAX_SPEED = 64.0
IDLE_CAP = 2.0
COMMENTS_FORMAT = "sessiontui/comments"
MAX_COMMENTS_BYTES = 16 * 1024 * 1024

TICK_TYPES = {
    "marker.added": "marker",
    "followup.flagged": "follow-up",
    "timer.warning": "warning",
    "timer.expired": "warning",
    "breakout.warning": "warning",
}


@dataclass(frozen=True)
class Comment:
    """A trainer's comment at a moment of the replay."""

    t: float
    text: str
    created: str


@dataclass(frozen=True)
class Tick:
    """Something to draw on the timeline: a marker, a follow-up, a warning, a comment."""

    t: float
    kind: str
    label: str


@dataclass(frozen=True)
class Segment:
    """A phase's span on the timeline."""

    start: float
    end: float
    phase: int
    kind: str
    label: str


class ReplaySession:
    """A log opened for replay, and where in it we are.

    `begin` reads only the header, so the screen can show the session's start at
    once; `read` then reads the events (a 100k-event log takes a moment, so the
    screen does it on a thread) and `use` takes them. Until then `ready` is False
    and the position stays at the start.
    """

    replaying = True

    def __init__(
        self,
        log: Path,
        header: LogHeader,
        names: Names | None,
        notices: list[str] | None = None,
    ) -> None:
        self.log = log
        self.header = header
        self.plan = plan_of(header, log.name)
        self.notices: list[str] = list(notices or [])
        """Files beside the log that were not read (a roster or comments file another
        user could have written, segments that do not continue it), one line each."""
        self.contents: LogContents | None = None
        self.events: list[Event] = []
        self.started_t: float | None = None
        self.timeline = Timeline(self.plan, self.events)
        self.ready = False
        self.has_roster = names is not None
        self.names = names or Names({})
        self.rehearsal = header.rehearsal
        self.t = 0.0
        self.index = 0
        self.playing = False
        self.speed = 1.0
        self.idle_cap = False
        self._state = self.timeline.state_at(0)
        try:
            self.comments: list[Comment] = load_comments(log)
        except JournalError as error:
            self.comments = []
            self.notices.append(str(error))
        self._segments: list[Segment] | None = None
        self._event_ticks: list[Tick] | None = None
        self._event_chapters: list[tuple[float, int | None]] | None = None
        self.created = _created(header)

    @classmethod
    def begin(cls, log: Path) -> ReplaySession:
        """The log's header (read-only), names from the roster if it is there; no events
        yet: `read` them, then `use` them.

        LogError (one line) if the file is not a log or the plan in its header cannot
        be rebuilt. A roster that cannot be read, or that another user could have
        written, is not used (pseudonyms instead) and says so in `notices`.
        """
        header = read_header(log)
        notices: list[str] = []
        try:
            roster = load_roster(log)
        except JournalError as error:
            roster = None
            notices.append(f"{error}; showing pseudonyms")
        names = Names(dict(roster["participants"])) if roster else None
        return cls(log, header, names, notices)

    @classmethod
    def open(cls, log: Path) -> ReplaySession:
        """The log with all its events (and segments) read."""
        replay = cls.begin(log)
        replay.use(replay.read())
        return replay

    def read(self) -> LogContents:
        """Read the log's events without touching this session: safe on a worker
        thread while the screen shows the start; then `use` the result."""
        return read_chain(self.log)

    def use(self, contents: LogContents) -> LogContents:
        """Take the events `read` found; the position goes back to the start."""
        self.contents = contents
        self.notices += [n for n in contents.notices() if n not in self.notices]
        self.events = contents.events
        self.started_t = next((e.t for e in self.events if e.type == "session.started"), None)
        self.timeline = Timeline(self.plan, self.events)
        self._segments = self._event_ticks = self._event_chapters = None
        self.ready = True
        self._go(0, 0.0)
        return contents

    # -- what the view reads ---------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def end_t(self) -> float:
        return self.events[-1].t if self.events else 0.0

    def clock(self, t: float) -> str:
        """A log time as the heading counts it, from the session's start, so that the
        transport, the event list and comments agree with "26:32 in" and with the
        report's length. Before the start it counts down to it ("-2:18")."""
        start = self.started_t
        if start is None:
            return format_elapsed(t)
        if t < start:
            return "-" + format_elapsed(start - t)
        return format_elapsed(t - start)

    def now(self) -> Now:
        """The moment shown: session time `t` and the wall clock then."""
        wall = self.wall_at(self.t)
        return Now(t=self.t, ts=format_ts(wall), wall=wall)

    def wall_at(self, t: float) -> datetime:
        """Wall time at session time `t`, from the nearest event before it."""
        index = self.timeline.index_at_t(t)
        if index == 0:
            return self.created + timedelta(seconds=max(0.0, t))
        event = self.events[index - 1]
        try:
            return parse_ts(event.ts) + timedelta(seconds=t - event.t)
        except ValueError:
            return self.created + timedelta(seconds=t)

    @property
    def damage_note(self) -> str | None:
        """What was lost, for a damaged log, and which files beside it were not read
        (None when there is nothing to say)."""
        damage = self.contents.damage if self.contents is not None else None
        notes = [f"{notice}." for notice in self.notices]
        if damage is not None:
            notes.insert(0, f"This log is damaged: {damage.describe()}. Replaying the "
                            f"{len(self.events)} events before it.")
        return " ".join(notes) or None

    # -- moving ------------------------------------------------------------------------------

    def _go(self, index: int, t: float) -> None:
        self.index = max(0, min(index, len(self.events)))
        self.t = max(0.0, min(t, self.end_t))
        self._state = self.timeline.state_at(self.index)

    def seek_t(self, t: float) -> None:
        """Go to session time `t` (clamped): the state after every event up to then."""
        t = max(0.0, min(t, self.end_t))
        self._go(self.timeline.index_at_t(t), t)

    def seek_index(self, index: int) -> None:
        """Go to just after the `index`-th event (0: before the first)."""
        index = max(0, min(index, len(self.events)))
        t = self.events[index - 1].t if index else 0.0
        self._go(index, t)

    def step(self, count: int) -> None:
        """One event forward or back."""
        self.seek_index(self.index + count)

    def seek_fraction(self, fraction: float) -> None:
        self.seek_t(self.end_t * max(0.0, min(1.0, fraction)))

    def nudge(self, seconds: float) -> None:
        self.seek_t(self.t + seconds)

    def chapters(self) -> list[tuple[float, int | None]]:
        """Phase starts, markers (as positions just after them) and comments (as times):
        where `[` and `]` jump."""
        if self._event_chapters is None:
            self._event_chapters = [
                (self.events[i - 1].t, i) for i in self.timeline.chapters()]
        found: list[tuple[float, int | None]] = list(self._event_chapters)
        found += [(c.t, None) for c in self.comments]
        return sorted(found, key=lambda item: (item[0], item[1] or 0))

    def _go_chapter(self, chapter: tuple[float, int | None]) -> None:
        t, index = chapter
        if index is None:
            self.seek_t(t)
        else:
            self.seek_index(index)

    def next_chapter(self) -> None:
        here = (self.t, self.index)
        later = [c for c in self.chapters()
                 if (c[0], c[1] if c[1] is not None else self.index) > here
                 and (c[0] > self.t + 1e-6 or (c[1] is not None and c[1] > self.index))]
        if later:
            self._go_chapter(later[0])
        else:
            self.seek_t(self.end_t)

    def previous_chapter(self) -> None:
        # Chapters a little behind us, so that pressing [ twice goes further back.
        earlier = [c for c in self.chapters()
                   if c[0] < self.t - 0.5 or (c[1] is not None and c[1] < self.index - 1)]
        if earlier:
            self._go_chapter(earlier[-1])
        else:
            self.seek_index(0)

    # -- playing -----------------------------------------------------------------------------

    def set_speed(self, factor: float) -> None:
        self.speed = max(MIN_SPEED, min(MAX_SPEED, self.speed * factor))

    def advance(self, real_seconds: float) -> None:
        """Play on by `real_seconds` of the viewer's time (speed and idle cap applied)."""
        if not self.playing:
            return
        step = real_seconds * self.speed
        if self.idle_cap:
            index = self.timeline.index_at_t(self.t)
            before = self.events[index - 1].t if index else 0.0
            after = self.events[index].t if index < len(self.events) else self.end_t
            gap = after - before
            if gap > IDLE_CAP:
                step *= gap / IDLE_CAP
        self.seek_t(self.t + step)
        if self.t >= self.end_t:
            self.playing = False

    # -- the timeline bar ---------------------------------------------------------------------

    def segments(self) -> list[Segment]:
        """Each phase run as a span of session time (from phase.started to phase.ended).
        Computed once: the log does not change while it is replayed."""
        if self._segments is None:
            self._segments = self._find_segments()
        return self._segments

    def _find_segments(self) -> list[Segment]:
        spans: list[Segment] = []
        open_start: dict[int, float] = {}
        for event in self.events:
            if event.type not in ("phase.started", "phase.ended"):
                continue
            # The reader checked the phase of every version it knows; a newer version's
            # event, like reduce, is skipped here.
            phase = event.data.get("phase")
            if type(phase) is not int or event.v > 1:
                continue
            if event.type == "phase.started":
                open_start[phase] = event.t
            elif (
                event.type == "phase.ended"
                and phase in open_start
                and 0 <= phase < len(self.plan.phases)
            ):
                start = open_start.pop(phase)
                spec = self.plan.phases[phase]
                spans.append(Segment(start, event.t, phase, spec.kind, spec.label))
        for phase, start in open_start.items():
            if 0 <= phase < len(self.plan.phases):
                spec = self.plan.phases[phase]
                spans.append(Segment(start, self.end_t, phase, spec.kind, spec.label))
        return sorted(spans, key=lambda s: s.start)

    def ticks(self) -> list[Tick]:
        """Markers, follow-ups, warnings and trainer comments, by time."""
        if self._event_ticks is None:
            self._event_ticks = [
                Tick(e.t, TICK_TYPES[e.type], str(e.data.get("label") or e.type))
                for e in self.events if e.type in TICK_TYPES
            ]
        found = self._event_ticks + [Tick(c.t, "comment", c.text) for c in self.comments]
        return sorted(found, key=lambda tick: tick.t)

    # -- trainer comments ---------------------------------------------------------------------

    def add_comment(self, text: str, now: datetime) -> Comment:
        """Keep a comment at the current moment, in the sidecar file (never the log);
        `now` (the wall clock, from the caller) dates it."""
        comment = Comment(round(self.t, 3), text, format_ts(now))
        self.comments.append(comment)
        self.comments.sort(key=lambda c: c.t)
        save_comments(self.log, self.comments)
        return comment

    def comments_near(self, window: float = 30.0) -> list[Comment]:
        """Comments within `window` seconds before the current moment."""
        return [c for c in self.comments if self.t - window <= c.t <= self.t]


def _created(header: LogHeader) -> datetime:
    try:
        return header.created_at
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)


def load_comments(log: Path) -> list[Comment]:
    """The trainer's comments kept beside the log (none when there is no file, or it is
    not readable as comments). UntrustedFile (a JournalError) if another user owns
    the file or others can write it: it is not read."""
    path = paths.comments_path(log)
    try:
        fd = paths.open_trusted(path)  # UntrustedFile is a JournalError, not an OSError
    except OSError:
        return []
    try:
        with os.fdopen(fd, "rb") as stream:
            data = json.loads(stream.read(MAX_COMMENTS_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    items = data.get("comments") if isinstance(data, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        t, text, created = item.get("t"), item.get("text"), item.get("created", "")
        if (
            type(t) in (int, float)
            and math.isfinite(t)
            and 0 <= t <= MAX_T
            and isinstance(text, str)
            and isinstance(created, str)
        ):
            found.append(Comment(float(t), text, created))
    return sorted(found, key=lambda c: c.t)


def save_comments(log: Path, comments: list[Comment]) -> Path:
    """Write the comments sidecar (0600, atomic replace)."""
    path = paths.comments_path(log)
    data = {
        "format": COMMENTS_FORMAT,
        "log": log.name,
        "comments": [{"t": c.t, "text": c.text, "created": c.created} for c in comments],
    }
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
    return path
