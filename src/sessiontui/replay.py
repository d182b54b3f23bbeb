"""Replaying a session log: a position in session time, moved by play, seek and step.

The state at any moment is the fold of the events up to it (keyframe, then fold
forward: `core.timeline.Timeline`), so seeking back is as exact as seeking forward.
Replay never writes to a log; a trainer's comments go to a sidecar file beside it.
Plain Python: no Textual here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sessiontui.core.clock import Now
from sessiontui.core.events import Event, format_ts, parse_ts
from sessiontui.core.state import FACILITATOR, SessionState
from sessiontui.core.timeline import Timeline
from sessiontui.event_words import EventWords, kind_of, one_line, people_in, upper_first
from sessiontui.floor import Floor
from sessiontui.journal.comments import (
    Comment,
    CommentBook,
    load_comments,
    save_comments,
)
from sessiontui.journal.errors import JournalError
from sessiontui.journal.header import LogHeader
from sessiontui.journal.reader import LogContents, plan_of, read_chain, read_header
from sessiontui.journal.roster import Names, load_roster, text_names
from sessiontui.plan.durations import format_duration, format_elapsed, format_span
from sessiontui.plan.redact import plan_with_names

if TYPE_CHECKING:
    from sessiontui.prefetch import Prefetch

__all__ = ["Comment", "ReplaySession", "load_comments", "parse_position", "save_comments"]

MIN_SPEED = 0.25
MAX_SPEED = 64.0
IDLE_CAP = 2.0
LONG_TURN_CHOICES = (60, 120, 180, 300, 600)
"""Lengths (seconds) a facilitator's turn may have to count as long, to choose from."""
PREFETCH_FROM = 1 << 20
"""Logs longer than this (some 7,000 events) are read by a second process while the
screen starts; shorter ones are read before the first frame (see ui/screens/replay)."""
MOMENTS_WINDOW = 30.0
"""Seconds before the position in which comments and notes are shown beside it."""

TICK_TYPES = {
    "marker.added": "marker",
    "followup.flagged": "follow-up",
    "timer.warning": "warning",
    "timer.expired": "warning",
    "breakout.warning": "warning",
}


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


@dataclass(frozen=True)
class Moment:
    """Something written at a moment, shown beside the board when the position passes
    it: a trainer's comment, a facilitator's note (private ones marked), a follow-up."""

    t: float
    kind: str
    """comment, note, private note, follow-up"""
    text: str
    private: bool = False


@dataclass(frozen=True)
class EventFilter:
    """Which events the event list shows: about one person, of one kind, or all."""

    person: str | None = None
    kind: str | None = None

    @property
    def everything(self) -> bool:
        return self.person is None and self.kind is None


EVERYTHING = EventFilter()


class PositionError(ValueError):
    """A time to go to that cannot be read; the message says how to write one."""


_CLOCK = re.compile(r"^(?P<sign>-)?(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d{2}(?:\.\d+)?)$")
_UNITS = re.compile(r"^(?P<sign>-)?(?:(?P<h>\d+)h)?\s*(?:(?P<m>\d+)m)?\s*(?:(?P<s>\d+)s)?$")


def parse_position(text: str) -> float:
    """A time from the session's start, as the replay's clock writes it: "46:34",
    "1:02:03", "-2:00" (before the start), or "46m", "1h2m", "90s". PositionError
    (with a hint) otherwise."""
    value = text.strip().lower().replace(" ", "")
    match = _CLOCK.match(value)
    if match and int(match["m"]) < 60 * (1 if match["h"] else 10_000) \
            and float(match["s"]) < 60:
        seconds = int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + float(match["s"])
        return -seconds if match["sign"] else seconds
    match = _UNITS.match(value)
    if value and match and any(match[k] for k in ("h", "m", "s")):
        seconds = sum(int(match[k] or 0) * n for k, n in (("h", 3600), ("m", 60), ("s", 1)))
        return -float(seconds) if match["sign"] else float(seconds)
    raise PositionError(
        f'cannot read "{text}" as a time: write it from the session\'s start as 46:34, '
        "1:02:03 or 46m")


class ReplaySession:
    """A log opened for replay, and where in it we are.

    `begin` reads only the header, so the screen can show the session's start at
    once; `read` then reads the events (a 100k-event log takes a moment, so the
    screen does it on a thread) and `use` takes them. Until then `ready` is False
    and the position stays at the start (or goes to `start_at` once they are read).

    Moves that look for something (the next marker, a long turn, someone's turn, a
    phase) return a line saying where they landed, or why they did not move.
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
        # The names in the plan's text put back for a trainer who has the roster.
        self.plan = plan_with_names(header.plan_snapshot, text_names(names)) or plan_of(
            header, log.name)
        self.notices: list[str] = list(notices or [])
        """Files beside the log that were not read (a roster or comments file another
        user could have written, segments that do not continue it), one line each."""
        self.contents: LogContents | None = None
        self.events: list[Event] = []
        self.started_t: float | None = None
        self.timeline = Timeline(self.plan, self.events)
        self.ready = False
        self.has_roster = names is not None
        self.names = Names((names or Names({})).people, facilitator="Facilitator")
        self.rehearsal = header.rehearsal
        self.t = 0.0
        self.index = 0
        self.playing = False
        self.speed = 1.0
        self.idle_cap = False
        self.start_at: float | None = None
        """Where to go once the events are read: seconds from the session's start."""
        self.long_turn_s = 120.0
        """How long a facilitator's turn must be to count as long (the f key)."""
        self.person: str | None = None
        """Whose turns the person keys go through."""
        self.prefetch: Prefetch | None = None
        """The log being read by a second process, if `start_prefetch` started one."""
        self.salvage = False
        """Read on past damaged lines (`replay --salvage`): the gaps are said and jumped to."""
        self._state = self.timeline.state_at(0)
        self.book = CommentBook.open(log)
        if self.book.problem is not None:
            self.notices.append(self.book.problem)
        self._reset_caches()
        self.created = _created(header)

    def _reset_caches(self) -> None:
        self._segments: list[Segment] | None = None
        self._event_ticks: list[Tick] | None = None
        self._chapters: list[tuple[float, int, str]] | None = None
        self._floor: Floor | None = None
        self._words: EventWords | None = None
        self._filtered: dict[EventFilter, list[int]] = {}
        self._phase_starts: list[tuple[int, int]] | None = None
        self._people: list[str] | None = None

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
        thread while the screen shows the start; then `use` the result. What a
        `prefetch` read in a second process is taken if it can be."""
        prefetch, self.prefetch = self.prefetch, None
        if self.salvage:
            if prefetch is not None:
                prefetch.close()
            return read_chain(self.log, salvage=True)
        if prefetch is not None:
            contents = prefetch.result()
            if contents is not None:
                return contents
        return read_chain(self.log)

    def start_prefetch(self, since: tuple[float, float] | None = None) -> None:
        """Have a second process read a long log while this one starts its screen,
        if a core is free for it (`since`: the machine's CPU times when this process
        began; see sessiontui.prefetch); a short one is read faster here."""
        try:
            size = self.log.stat().st_size
        except OSError:
            return
        if size > PREFETCH_FROM and not self.salvage:
            from sessiontui.prefetch import Prefetch

            self.prefetch = Prefetch.start(self.log, only_if_idle=True, since=since)

    def stop_prefetch(self) -> None:
        """The replay is over: a read not collected yet is abandoned."""
        prefetch, self.prefetch = self.prefetch, None
        if prefetch is not None:
            prefetch.close()

    def use(self, contents: LogContents) -> str | None:
        """Take the events `read` found; the position goes to `start_at` if one was
        asked for (the line saying where, if that needs saying), else to the start."""
        self.contents = contents
        self.notices += [n for n in contents.notices() if n not in self.notices]
        self.events = contents.events
        self.started_t = next((e.t for e in self.events if e.type == "session.started"), None)
        self.timeline = Timeline(self.plan, self.events)
        self._reset_caches()
        self.ready = True
        self._go(0, 0.0)
        if self.start_at is not None:
            return self.go_to_clock(self.start_at)
        return None

    # -- what the view reads ---------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def end_t(self) -> float:
        return self.events[-1].t if self.events else 0.0

    @property
    def origin(self) -> float:
        """The session time the replay's clock counts from: the session's start."""
        return self.started_t if self.started_t is not None else 0.0

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
                            f"{len(self.events)} events before it (--salvage reads on "
                            f"past it).")
        skipped = self.contents.skipped if self.contents is not None else ()
        if skipped:
            when = ", ".join(self.clock(s.after_t or 0.0) for s in skipped[:10])
            count = len(skipped)
            notes.insert(0, f"{count} damaged line{'s' if count != 1 else ''} skipped at "
                            f"{when}; events in the gap{'s' if count != 1 else ''} may be "
                            f"missing ([ and ] jump to {'them' if count != 1 else 'it'}).")
        return " ".join(notes) or None

    def prepare(self) -> None:
        """Build now what the lanes, the jumps and the palette would build on first
        use (who held the floor, chapters, phase starts, people), so that no key waits
        for it: for a worker thread once the keys are live. Each is a plain cache of
        the events, which do not change; a key that gets there first builds the same."""
        if not self.ready:
            return
        self.floor  # noqa: B018 - each property fills its cache
        self.chapters()
        self.phase_starts()
        self.people()
        self.ticks()
        self.words.note_is_private(None)

    @property
    def floor(self) -> Floor:
        """Who held the floor when (built once, on first use)."""
        if self._floor is None:
            self._floor = Floor.of(self.events)
        return self._floor

    @property
    def words(self) -> EventWords:
        """Events in words, with this log's names."""
        if self._words is None:
            self._words = EventWords(self.plan, self.names, self.events)
        return self._words

    def who(self, person: str) -> str:
        return self.words.who(person)

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

    def go_to_clock(self, seconds: float) -> str | None:
        """Go to `seconds` from the session's start (as the clock counts); a line if
        that is outside the log and the position was held to its start or end."""
        target = self.origin + seconds
        self.seek_t(target)
        if target > self.end_t + 0.5:
            return (f"{_signed(seconds)} is after the end of the log "
                    f"({self.clock(self.end_t)}): showing the end")
        if target < -0.5:
            return (f"{_signed(seconds)} is before the log begins "
                    f"({self.clock(0.0)}): showing its start")
        return None

    def chapters(self) -> list[tuple[float, int | None, str]]:
        """Phase starts, markers (as positions just after them) and comments (as times),
        each with what to say on landing there: where `[` and `]` jump."""
        if self._chapters is None:
            found = []
            for index in self.timeline.chapters():
                event = self.events[index - 1]
                if event.type == "marker.added":
                    label = f"▲ marker: {one_line(event.data.get('label'))}"
                else:
                    label = f"Start of {self.words.phase(event.data.get('phase'))}"
                found.append((event.t, index, label))
            self._chapters = found
        every: list[tuple[float, int | None, str]] = list(self._chapters)
        every += [(c.t, None, f"✎ comment: {one_line(c.text)}") for c in self.comments]
        skipped = self.contents.skipped if self.contents is not None else ()
        every += [(s.after_t or 0.0, None, f"⚠ gap: damaged line {s.line} skipped ({s.reason})")
                  for s in skipped]
        return sorted(every, key=lambda item: (item[0], item[1] or 0))

    def _go_chapter(self, chapter: tuple[float, int | None, str]) -> str:
        t, index, label = chapter
        if index is None:
            self.seek_t(t)
        else:
            self.seek_index(index)
        return f"{label} ({self.clock(t)})"

    def next_chapter(self) -> str | None:
        """To the next phase start, marker or comment (the end if none); what it is."""
        here = (self.t, self.index)
        later = [c for c in self.chapters()
                 if (c[0], c[1] if c[1] is not None else self.index) > here
                 and (c[0] > self.t + 1e-6 or (c[1] is not None and c[1] > self.index))]
        if later:
            return self._go_chapter(later[0])
        self.seek_t(self.end_t)
        return "The end of the log"

    def previous_chapter(self) -> str | None:
        # Chapters a little behind us, so that pressing [ twice goes further back.
        earlier = [c for c in self.chapters()
                   if c[0] < self.t - 0.5 or (c[1] is not None and c[1] < self.index - 1)]
        if earlier:
            return self._go_chapter(earlier[-1])
        self.seek_index(0)
        return "The start of the log"

    def markers(self) -> list[int]:
        """Positions just after each marker."""
        return [i for _, i, label in self._chapter_list() if label.startswith("▲")]

    def _chapter_list(self) -> list[tuple[float, int, str]]:
        self.chapters()
        assert self._chapters is not None
        return self._chapters

    def next_marker(self, direction: int = 1) -> str:
        """To the next (or previous) marker; its label, or why we did not move."""
        found = self.markers()
        if direction > 0:
            chosen = next((i for i in found if i > self.index), None)
        else:
            chosen = next((i for i in reversed(found) if i < self.index), None)
        if chosen is None:
            if not found:
                return "No markers in this log"
            return "No marker after this" if direction > 0 else "No marker before this"
        self.seek_index(chosen)
        event = self.events[chosen - 1]
        number = found.index(chosen) + 1
        return (f"▲ marker {number} of {len(found)} ({self.clock(event.t)}): "
                f"{one_line(event.data.get('label'))}")

    def long_turns(self) -> list[float]:
        """Start times of the facilitator's turns at least `long_turn_s` long."""
        return [s.start for s in self.floor.turns_of(FACILITATOR, self.long_turn_s)]

    def next_long_turn(self, direction: int = 1) -> str:
        """To the facilitator's next (or previous) turn of `long_turn_s` or more."""
        floor, limit = self.floor, self.long_turn_s
        if direction > 0:
            span = floor.next_turn(FACILITATOR, self.t, limit)
        else:
            span = floor.previous_turn(FACILITATOR, self.t, limit)
        over = format_duration(round(limit))
        if span is None:
            count = len(floor.turns_of(FACILITATOR, limit))
            if not count:
                return f"No facilitator turn of {over} or more in this log"
            where = "after" if direction > 0 else "before"
            return f"No facilitator turn of {over} or more {where} this ({count} in all)"
        self.seek_index(span.index)
        every = floor.turns_of(FACILITATOR, limit)
        number = every.index(span) + 1
        return (f"Long facilitator turn {number} of {len(every)} (≥ {over}): "
                f"{format_span(span.length)} from {self.clock(span.start)}")

    def next_turn_of(self, person: str, direction: int = 1, wrap: bool = False) -> str:
        """To `person`'s next (or previous) turn; with `wrap`, their first when they
        have none after the position."""
        self.person = person
        floor = self.floor
        span = (floor.next_turn(person, self.t) if direction > 0
                else floor.previous_turn(person, self.t))
        if span is None and wrap and floor.turns_of(person):
            span = floor.turns_of(person)[0]
        name = self.who(person)
        if span is None:
            turns = len(floor.turns_of(person))
            if not turns:
                return f"{name} had no turn in this log"
            where = "after" if direction > 0 else "before"
            return f"No turn of {name} {where} this ({turns} in all)"
        self.seek_index(span.index)
        every = floor.turns_of(person)
        number = every.index(span) + 1
        return (f"{self.words.whose(person)} turn {number} of {len(every)}: "
                f"{format_span(span.length)} from {self.clock(span.start)}")

    def phase_starts(self) -> list[tuple[int, int]]:
        """(position just after its phase.started, phase index) for each phase run."""
        if self._phase_starts is None:
            found = []
            for index in self.timeline.positions_of("phase.started"):
                event = self.events[index - 1]
                phase = event.data.get("phase")
                if type(phase) is int and event.v <= 1:
                    found.append((index, phase))
            self._phase_starts = found
        return self._phase_starts

    def go_to_phase(self, phase: int) -> str:
        """To the next start of `phase` after the position (its first, if none later)."""
        runs = [index for index, number in self.phase_starts() if number == phase]
        label = self.words.phase(phase)
        if not runs:
            return f"{upper_first(label)} never ran in this log"
        chosen = next((i for i in runs if i > self.index), runs[0])
        self.seek_index(chosen)
        said = f"Start of {label} ({self.clock(self.t)})"
        if len(runs) > 1:
            said += f", run {runs.index(chosen) + 1} of {len(runs)}"
        return said

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

    # -- the event list -----------------------------------------------------------------------

    def filtered(self, chosen: EventFilter) -> list[int] | None:
        """Positions (0-based) of the events `chosen` lets through; None for all."""
        if chosen.everything:
            return None
        found = self._filtered.get(chosen)
        if found is None:
            person, kind = chosen.person, chosen.kind
            found = [
                position for position, event in enumerate(self.events)
                if (kind is None or kind_of(event.type) == kind)
                and (person is None or person in people_in(event))
            ]
            self._filtered[chosen] = found
        return found

    def people(self) -> list[str]:
        """Everyone in the log to choose from: the roster (plan order), walk-ins, and
        the facilitator first."""
        if self._people is None:
            found = [FACILITATOR, *self.timeline.state_at(0).people.roster]
            for event in self.events:
                if event.type in ("session.opened", "participant.added"):
                    ids = event.data.get("participants") or [event.data.get("participant")]
                    found += [p for p in ids if type(p) is str and p not in found]
            found += [p for p in self.floor.totals if p not in found]
            self._people = found
        return self._people

    def moments_near(self, window: float = MOMENTS_WINDOW) -> list[Moment]:
        """Comments, notes and follow-ups written in the `window` seconds up to the
        position, oldest first."""
        start = self.t - window
        found = [Moment(c.t, "comment", c.text) for c in self.comments
                 if start <= c.t <= self.t]
        times = self.timeline.times() if self.events else []
        first = bisect_right(times, start)
        for event in self.events[first:self.index]:
            if event.type in ("note.added", "note.amended", "followup.flagged") \
                    and event.v <= 1:
                said = self.words.say(event)
                kind = "follow-up" if event.type == "followup.flagged" else "note"
                found.append(Moment(event.t, kind, said.text, said.private))
        return sorted(found, key=lambda m: m.t)

    # -- trainer comments ---------------------------------------------------------------------

    @property
    def comments(self) -> list[Comment]:
        return self.book.comments

    def add_comment(self, text: str, now: datetime) -> Comment:
        """Keep a comment at the current moment, in the sidecar file (never the log);
        `now` (the wall clock, from the caller) dates it. CommentsError (one line) if
        it cannot be saved."""
        return self.book.add(self.t, text, now)

    def edit_comment(self, comment_id: str, text: str, now: datetime) -> Comment:
        return self.book.edit(comment_id, text, now)

    def delete_comment(self, comment_id: str) -> Comment | None:
        return self.book.delete(comment_id)

    def comments_near(self, window: float = MOMENTS_WINDOW) -> list[Comment]:
        """Comments within `window` seconds before the current moment."""
        return [c for c in self.comments if self.t - window <= c.t <= self.t]

    def comments_by_nearness(self) -> list[Comment]:
        """Every comment, the nearest to the position first."""
        return sorted(self.comments, key=lambda c: (abs(c.t - self.t), c.t))


def _signed(seconds: float) -> str:
    return ("-" if seconds < 0 else "") + format_elapsed(abs(seconds))


def _created(header: LogHeader) -> datetime:
    try:
        return header.created_at
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)

