"""One fold over a session's events, noting along the way what the final state forgets.

The state is folded with the core's `reduce`, exactly as live and in replay; every
figure a report shows comes from that state through `core.stats`, `core.schedule` and
`core.views`. What the final state does not keep (when each pause happened and why,
each time change, which rebalance shortened which phase, how many times a room asked
for help, talk time per phase run) is noted here by comparing the state before and
after an event, so an event that `reduce` ignored is ignored here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sessiontui.core.bulk import collector_paused
from sessiontui.core.events import Event
from sessiontui.core.reduce import reduce
from sessiontui.core.state import FACILITATOR, SessionState, initial_state
from sessiontui.plan.models import Plan


@dataclass(slots=True)
class PauseNote:
    t: float
    phase: int | None
    reason: str
    length_s: float | None = None


@dataclass(frozen=True, slots=True)
class TimeChange:
    t: float
    phase: int
    seconds: int
    rooms: bool
    """True when the change came with the breakout rooms' time."""


@dataclass(frozen=True, slots=True)
class Rebalanced:
    t: float
    during: int | None
    changes: tuple[tuple[int, int, int], ...]
    """(phase, old length, new length) for each phase it changed."""


@dataclass(frozen=True, slots=True)
class Continued:
    t: float
    phase: int | None
    gap_s: float


@dataclass(frozen=True, slots=True)
class Skip:
    t: float
    phase: int
    undone: bool


@dataclass(slots=True)
class RunTalk:
    """Talk during one run of a phase: totals at its start and its end."""

    phase: int
    start_total: float
    start_facilitator: float
    end_total: float = 0.0
    end_facilitator: float = 0.0
    start_t: float = 0.0
    end_t: float | None = None
    start_seconds: dict[str, float] = field(default_factory=dict)
    """Each speaker's talk so far when the run began (the turn in progress counted)."""
    end_seconds: dict[str, float] = field(default_factory=dict)

    def seconds_of(self, speaker: str) -> float:
        """How long `speaker` talked during this run."""
        return max(0.0, self.end_seconds.get(speaker, 0.0) - self.start_seconds.get(speaker, 0.0))

    @property
    def total_s(self) -> float:
        return max(0.0, self.end_total - self.start_total)

    @property
    def facilitator_s(self) -> float:
        return max(0.0, self.end_facilitator - self.start_facilitator)


@dataclass(frozen=True, slots=True)
class Spoken:
    """One finished speaking turn (a "chat"), in the order they were counted."""

    speaker: str
    started: float
    """Session time the turn began."""


@dataclass(slots=True)
class BreakoutNotes:
    """What happened while one set of rooms was open."""

    phase: int
    warnings: list[int] = field(default_factory=list)
    help_requests: dict[int, int] = field(default_factory=dict)
    help_answered: dict[int, int] = field(default_factory=dict)
    """Requests the facilitator marked answered, per room (closing the rooms is not
    answering: it only puts the requests away)."""


@dataclass(slots=True)
class Walk:
    """The final state and the notes taken on the way."""

    state: SessionState
    end_t: float = 0.0
    started_ts: str | None = None
    pauses: list[PauseNote] = field(default_factory=list)
    continued: list[Continued] = field(default_factory=list)
    time_changes: list[TimeChange] = field(default_factory=list)
    rebalances: list[Rebalanced] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    runs: list[RunTalk] = field(default_factory=list)
    breakouts: list[BreakoutNotes] = field(default_factory=list)
    attendance: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    questions_shown: dict[int, set[int]] = field(default_factory=dict)
    answers_revealed: dict[int, set[int]] = field(default_factory=dict)
    guest_questions: set[int] = field(default_factory=set)
    spoken: list[Spoken] = field(default_factory=list)
    """Every counted turn in order, the one in progress at the end included."""
    events: int = 0


Watcher = Callable[[Walk, SessionState, SessionState, Event], None]


def _totals(state: SessionState, t: float) -> tuple[float, float]:
    """All talk and the facilitator's so far, the turn in progress counted up to `t`.

    The same sums as `core.stats.talk_stats` (total_s, facilitator_s), without the
    per-person rows and the waits it also builds: those cost O(hands raised), and a
    long log has thousands of phase boundaries.
    """
    seconds = state.talk.seconds
    total = sum(seconds.values())
    facilitator = seconds.get(FACILITATOR, 0.0)
    turn = state.floor.turn
    if turn is not None:
        running = max(0.0, t - turn.started)
        total += running
        if turn.speaker == FACILITATOR:
            facilitator += running
    return total, facilitator


def _seconds(state: SessionState, t: float) -> dict[str, float]:
    """Each speaker's talk so far, the turn in progress counted up to `t`."""
    seconds = dict(state.talk.seconds)
    turn = state.floor.turn
    if turn is not None:
        seconds[turn.speaker] = seconds.get(turn.speaker, 0.0) + max(0.0, t - turn.started)
    return seconds


def _phase_of(state: SessionState) -> int | None:
    return state.phase.index if state.phase is not None else None


def _boundary(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    """A phase run ended and/or began: close and open its talk totals."""
    old, new = before.phase, after.phase
    if old is new:
        return
    same = (
        old is not None
        and new is not None
        and old.index == new.index
        and old.started == new.started
    )
    if same:
        return
    total = facilitator = None
    seconds = _seconds(after, event.t)
    if old is not None and walk.runs and walk.runs[-1].phase == old.index:
        total, facilitator = _totals(after, event.t)
        last = walk.runs[-1]
        last.end_total, last.end_facilitator = total, facilitator
        last.end_t, last.end_seconds = event.t, seconds
    if new is not None:
        if total is None or facilitator is None:
            total, facilitator = _totals(after, event.t)
        walk.runs.append(RunTalk(new.index, total, facilitator, start_t=event.t,
                                 start_seconds=seconds))


def _started(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if before.session.started is None and after.session.started is not None:
        walk.started_ts = event.ts or None


def _paused(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if before.session.paused_at is None and after.session.paused_at is not None:
        walk.pauses.append(PauseNote(event.t, _phase_of(after), after.session.pause_reason))


def _explained(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    """A reason typed after the pause took effect: it belongs to the latest pause."""
    reason = event.data.get("reason")
    if walk.pauses and isinstance(reason, str):
        walk.pauses[-1].reason = reason


def _resumed(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if before.session.paused_at is not None and after.session.paused_at is None and walk.pauses:
        walk.pauses[-1].length_s = max(0.0, event.t - before.session.paused_at)


def _ended(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    _resumed(walk, before, after, event)
    _boundary(walk, before, after, event)


def _continued(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if after.session.interruptions > before.session.interruptions:
        gap = after.session.gap_total - before.session.gap_total
        walk.continued.append(Continued(event.t, _phase_of(after), gap))


def _time_adjusted(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    old, new = before.phase, after.phase
    if old is not None and new is not None and new.adjusted != old.adjusted:
        walk.time_changes.append(TimeChange(event.t, new.index, new.adjusted - old.adjusted, False))


def _rooms_adjusted(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    old, new = before.rooms, after.rooms
    if old is not None and new is not None and new.adjusted != old.adjusted:
        walk.time_changes.append(TimeChange(event.t, new.phase, new.adjusted - old.adjusted, True))


def _rebalanced(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if after.course.rebalances == before.course.rebalances:
        return
    changes = tuple(
        (index, old, new)
        for index, (old, new) in enumerate(
            zip(before.durations, after.durations, strict=False)
        )
        if old != new
    )
    walk.rebalances.append(Rebalanced(event.t, _phase_of(after), changes))


def _skipped(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    for index in after.course.skipped - before.course.skipped:
        walk.skips.append(Skip(event.t, index, False))
    if event.type == "phase.unskipped":
        for index in before.course.skipped - after.course.skipped:
            walk.skips.append(Skip(event.t, index, True))


def _opened(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    rooms = after.rooms
    if rooms is not None and rooms is not before.rooms:
        walk.breakouts.append(BreakoutNotes(rooms.phase))


def _warned(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if after.rooms is not before.rooms and walk.breakouts:
        threshold = event.data.get("threshold")
        if type(threshold) is int:
            walk.breakouts[-1].warnings.append(threshold)


def _help(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if after.rooms is not before.rooms and walk.breakouts:
        room = event.data.get("room")
        if type(room) is int:
            notes = walk.breakouts[-1]
            counts = (
                notes.help_answered if event.type == "breakout.help_answered"
                else notes.help_requests
            )
            counts[room] = counts.get(room, 0) + 1


def _attendance(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    if after.people is before.people:
        return
    participant = event.data.get("participant")
    if isinstance(participant, str) and participant in after.people.status:
        walk.attendance.setdefault(participant, []).append(
            (event.t, after.people.status[participant])
        )


def _question(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    phase = after.phase
    if phase is not None and phase is not before.phase:
        target = walk.answers_revealed if event.type == "quiz.answer_revealed" else (
            walk.questions_shown
        )
        if event.type == "quiz.answer_revealed" and not phase.revealed:
            return
        target.setdefault(phase.index, set()).add(phase.step)


def _turn(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    """A turn was counted: note who spoke and when they began."""
    turn = before.floor.turn
    if after.talk.chats > before.talk.chats and turn is not None:
        walk.spoken.append(Spoken(turn.speaker, turn.started))


def _guest(walk: Walk, before: SessionState, after: SessionState, event: Event) -> None:
    phase = after.phase
    if phase is not None and phase.qa_at is not None and phase is not before.phase:
        walk.guest_questions.add(phase.index)


WATCHERS: dict[str, Watcher] = {
    "session.started": _started,
    "session.paused": _paused,
    "session.pause_explained": _explained,
    "session.resumed": _resumed,
    "session.ended": _ended,
    "session.continued": _continued,
    "phase.started": _boundary,
    "phase.ended": _boundary,
    "phase.time_adjusted": _time_adjusted,
    "breakout.adjusted": _rooms_adjusted,
    "schedule.rebalanced": _rebalanced,
    "phase.skipped": _skipped,
    "phase.unskipped": _skipped,
    "breakout.opened": _opened,
    "breakout.warning": _warned,
    "breakout.help_requested": _help,
    "breakout.help_answered": _help,
    "attendance.changed": _attendance,
    "participant.added": _attendance,
    "quiz.question_shown": _question,
    "quiz.answer_revealed": _question,
    "guest.questions_started": _guest,
    "turn.started": _turn,
    "turn.ended": _turn,
}


def draining(events: list[Event]) -> Iterator[Event]:
    """The events in order, each let go of by the list as it is handed out, for a
    caller that needs them only once (a report from the command line): the fold's
    state grows while the events it has read are freed, which keeps the peak down."""
    for index in range(len(events)):
        event = events[index]
        events[index] = None  # type: ignore[call-overload]
        yield event
    events.clear()


def walk(plan: Plan, events: Iterable[Event]) -> Walk:
    """Fold `events` with the core's reduce, noting what the report needs on the way."""
    state = initial_state(plan)
    notes = Walk(state)
    watchers = WATCHERS
    count = 0
    with collector_paused():
        for event in events:
            count += 1
            before = state
            state = reduce(state, event)
            watcher = watchers.get(event.type)
            if watcher is not None:
                watcher(notes, before, state, event)
    notes.state = state
    notes.events = count
    session = state.session
    notes.end_t = session.ended if session.ended is not None else state.last_t
    if notes.pauses and notes.pauses[-1].length_s is None and session.ended is not None:
        last = notes.pauses[-1]
        last.length_s = max(0.0, session.ended - last.t)
    if state.phase is not None and notes.runs and notes.runs[-1].phase == state.phase.index:
        last = notes.runs[-1]
        last.end_total, last.end_facilitator = _totals(state, notes.end_t)
        last.end_t, last.end_seconds = notes.end_t, _seconds(state, notes.end_t)
    if state.floor.turn is not None:
        notes.spoken.append(Spoken(state.floor.turn.speaker, state.floor.turn.started))
    return notes


__all__ = ["Walk", "walk"]
