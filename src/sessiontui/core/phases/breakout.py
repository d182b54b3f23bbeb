"""Breakout rooms: who goes where, the platform settings, the broadcasts, the timing.

sessiontui cannot move people between rooms: the video platform does. It is the
conductor: it works out the assignment, tells the facilitator which settings to pick on
the platform, prepares the broadcasts, runs its own warnings ahead of the platform's
auto-close, and logs what happened.

Assignment (decided once, when rooms open, and recorded in `breakout.opened`):
- Only people who are here (expected, present, late, back) are placed.
- Rooms: `rooms` (never a room of one when that can be avoided) or `group_size`
  (as few rooms as keep each within that size: 8 in threes make 3, 3 and 2). Sizes
  differ by at most 1.
- random: a seeded shuffle dealt round the rooms.
- balanced: as random, then the people who have talked most are dealt like cards
  (snake order), so each room gets a mix of louder and quieter voices.
- fixed: the plan's groups (names or ids → ids); anyone not in a group (walk-ins)
  goes to the smallest room; empty groups are dropped.
- random and balanced try several seeded shuffles and keep the first with the fewest
  pairs who were together in an earlier breakout of the session.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any, ClassVar, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.draft import Draft, checked_text, derive_seed, refuse
from sessiontui.core.phases.base import NameOf, PhaseKind, Step
from sessiontui.core.state import AWAY, HERE, Rooms, SessionState
from sessiontui.core.timers import (
    due_threshold,
    phase_remaining,
    rooms_elapsed,
    rooms_length,
    rooms_remaining,
)
from sessiontui.plan.durations import spoken
from sessiontui.plan.models import BreakoutPhase

SHUFFLE_TRIES = 24
"""Seeded shuffles tried to avoid repeated pairs; enough for groups of up to ~40."""

ZOOM_COUNTDOWNS = (10, 15, 30, 60, 90, 120)
"""The closing countdowns Zoom offers, in seconds."""

Assignment = tuple[tuple[str, ...], ...]


def available(state: SessionState) -> list[str]:
    """People who can be put in a room now, in roster order."""
    status = state.people.status
    return [p for p in state.people.roster if status.get(p) in HERE]


def room_count(phase: BreakoutPhase, people: int) -> int:
    """How many rooms for `people` people (at least one).

    With `group_size`, as few rooms as keep every room within that size: 8 people in
    threes make rooms of 3, 3 and 2 (the leftovers spread one to a room, so sizes
    differ by at most one), and a room of one only when there is no other way (one
    person, or pairs for an odd number).
    """
    if people <= 0:
        return 1
    if phase.rooms is not None:
        return max(1, min(phase.rooms, people // 2 if people >= 2 else 1))
    size = phase.group_size or 2
    return max(1, -(-people // size))


def deal(people: Sequence[str], count: int, *, snake: bool = False) -> Assignment:
    """Deal people round the rooms like cards: sizes differ by at most one."""
    rooms: list[list[str]] = [[] for _ in range(count)]
    for position, person in enumerate(people):
        lap, seat = divmod(position, count)
        if snake and lap % 2:
            seat = count - 1 - seat
        rooms[seat].append(person)
    return tuple(tuple(room) for room in rooms)


def pairs_in(rooms: Iterable[Sequence[str]]) -> set[frozenset[str]]:
    """Every pair of people who share a room."""
    found: set[frozenset[str]] = set()
    for members in rooms:
        found.update(frozenset(pair) for pair in combinations(members, 2))
    return found


def past_pairs(state: SessionState) -> set[frozenset[str]]:
    """Pairs who were together in an earlier breakout of this session."""
    found: set[frozenset[str]] = set()
    for rooms in state.course.past_rooms:
        found |= pairs_in(rooms.rooms)
    if state.rooms is not None:
        found |= pairs_in(state.rooms.rooms)
    return found


def repeats(rooms: Assignment, before: set[frozenset[str]]) -> int:
    return sum(1 for pair in pairs_in(rooms) if pair in before)


def smallest_room(rooms: Assignment) -> int:
    """The room (from 1) with the fewest people; the lowest number on a tie."""
    return min(range(len(rooms)), key=lambda i: (len(rooms[i]), i)) + 1


def fixed_rooms(state: SessionState, phase: BreakoutPhase, people: Sequence[str]) -> Assignment:
    """The plan's groups as ids, keeping only people here; others to the smallest room."""
    ids = state.plan.participant_ids()
    by_key = {name.casefold().strip(): pid for name, pid in ids.items()}
    here = set(people)
    rooms: list[tuple[str, ...]] = []
    placed: set[str] = set()
    for group in phase.groups:
        members = []
        for name in group:
            pid = by_key.get(name.casefold().strip(), name)
            if pid in here and pid not in placed:
                members.append(pid)
                placed.add(pid)
        if members:
            rooms.append(tuple(members))
    if not rooms:
        rooms.append(())
    for person in people:
        if person not in placed:
            number = smallest_room(tuple(rooms))
            rooms[number - 1] = (*rooms[number - 1], person)
    return tuple(room for room in rooms if room) or ((),)


def assign(
    state: SessionState, phase: BreakoutPhase, people: Sequence[str], seed: int
) -> tuple[Assignment, int]:
    """The assignment for rooms opening now, and how many earlier pairs it repeats."""
    before = past_pairs(state)
    if phase.assign == "fixed":
        rooms = fixed_rooms(state, phase, people)
        return rooms, repeats(rooms, before)
    count = room_count(phase, len(people))
    talk = state.talk.seconds
    rng = random.Random(seed)
    best: Assignment | None = None
    best_repeats = 0
    for _ in range(SHUFFLE_TRIES):
        order = list(people)
        rng.shuffle(order)
        if phase.assign == "balanced":
            order.sort(key=lambda p: -talk.get(p, 0.0))
        rooms = deal(order, count, snake=phase.assign == "balanced")
        found = repeats(rooms, before)
        if best is None or found < best_repeats:
            best, best_repeats = rooms, found
        if found == 0 or not before:
            break
    assert best is not None
    return best, best_repeats


def rooms_duration(state: SessionState, t: float) -> int:
    """How long rooms opening now run: the phase's time left, in whole minutes, at least 1.

    Whole minutes, because the platforms' auto-close is set in minutes: sessiontui's
    timer then ends as the platform's closing countdown starts.
    """
    remaining = phase_remaining(state, t)
    return max(60, int(remaining // 60) * 60)


def compose(template: str, seconds: int, task: str | None, room_count: int) -> str:
    """Fill a plan's message template: {remaining}, {minutes}, {task}, {room_count}.

    {minutes} is the whole minutes left, rounded up ("1" at 30 seconds). A template that
    cannot be filled is shown as written rather than lost.
    """
    fields = {
        "remaining": spoken(seconds),
        "minutes": max(1, math.ceil(seconds / 60)) if seconds > 0 else 0,
        "task": task or "",
        "room_count": room_count,
    }
    try:
        return template.format(**fields).strip()
    except (KeyError, ValueError, IndexError, AttributeError):
        return template


class PlatformSettings(NamedTuple):
    """What to set on the video platform before opening its rooms."""

    platform: str
    close_after_min: int
    countdown_s: int
    allow_return: bool
    lines: tuple[str, ...]


def _nearest(value: int, options: Sequence[int]) -> int:
    return min(options, key=lambda option: (abs(option - value), -option))


def platform_settings(
    platform: str | None, rooms_seconds: int, countdown: int, allow_return: bool
) -> PlatformSettings:
    """Settings for the plan's platform, so its rooms close after sessiontui's warnings.

    The platform auto-closes after N whole minutes, N = the rooms' time rounded up, so
    every warning sessiontui gives comes before the platform's own closing countdown.
    """
    minutes = max(1, math.ceil(rooms_seconds / 60))
    name = (platform or "").strip()
    key = name.casefold()
    yes_no = "on" if allow_return else "off"
    if "zoom" in key:
        countdown = _nearest(countdown, ZOOM_COUNTDOWNS)
        lines = (
            f"Automatically close breakout rooms after {minutes} minutes: on",
            f"Countdown after closing breakout room: {countdown} seconds",
            f"Allow participants to return to the main session at any time: {yes_no}",
        )
        name = "Zoom"
    elif "teams" in key:
        lines = (
            f"Set a time limit: {minutes} minutes",
            f"Let participants return to the main meeting: {yes_no}",
            "Automatically move people into rooms: on",
        )
        name = "Microsoft Teams"
    else:
        lines = (
            f"Close the rooms after {minutes} minutes",
            f"Give a closing countdown of {countdown} seconds, if the platform offers one",
            f"Let people return to the main room by themselves: {'yes' if allow_return else 'no'}",
        )
        name = name or "the video platform"
    return PlatformSettings(name, minutes, countdown, allow_return, lines)


def settings_for(
    state: SessionState, phase: BreakoutPhase, rooms: Rooms | None
) -> PlatformSettings:
    """Platform settings for a breakout phase: from its open rooms, or as planned."""
    seconds = rooms_length(rooms) if rooms is not None else phase.duration
    return platform_settings(
        state.plan.session.platform, seconds, phase.countdown, phase.allow_return
    )


# -- decide's side --------------------------------------------------------------------


def open_rooms(draft: Draft) -> None:
    """Assign people and open the rooms of the breakout phase running now."""
    state = draft.state
    phase = state.phase_plan()
    if not isinstance(phase, BreakoutPhase) or state.phase is None:
        raise refuse("Rooms open only in a breakout phase.")
    if state.rooms is not None and state.rooms.open:
        raise refuse("The rooms are already open.")
    people = available(state)
    if len(people) < 2:
        raise refuse(
            "Breakout rooms need at least two people here; mark people present first."
        )
    seed = phase.seed if phase.seed is not None else derive_seed(draft.now)
    rooms, repeated = assign(state, phase, people, seed)
    draft.emit(
        "breakout.opened",
        phase=state.phase.index,
        rooms=[list(room) for room in rooms],
        method=phase.assign,
        seed=seed,
        duration_s=rooms_duration(state, draft.t),
        repeated_pairs=repeated,
    )


def close_rooms(draft: Draft, by: str) -> None:
    """Close open rooms (by the facilitator, or by time)."""
    rooms = draft.state.rooms
    if rooms is not None and rooms.open:
        draft.emit("breakout.closed", by=by)


def place_newcomer(draft: Draft, participant: str) -> None:
    """Someone arriving while rooms are open goes to the smallest room."""
    rooms = draft.state.rooms
    if rooms is None or not rooms.open or rooms.room_of(participant) is not None:
        return
    draft.emit("breakout.joined", participant=participant, room=smallest_room(rooms.rooms))


def tick_rooms(draft: Draft) -> None:
    """The rooms' warnings (with the broadcast to send) and their close when time is up.

    Rooms follow real time, so this runs while the session is paused too.
    """
    rooms = draft.state.rooms
    if rooms is None or not rooms.open:
        return
    phase = draft.state.phase_plan(rooms.phase)
    if not isinstance(phase, BreakoutPhase):  # a damaged log: keep time, skip warnings
        if rooms_remaining(rooms, draft.t) <= 0:
            draft.emit("breakout.closed", by="time")
        return
    remaining = rooms_remaining(rooms, draft.t)
    due = due_threshold(phase.alerts, rooms.fired, remaining, rooms_length(rooms))
    if due == 0:
        draft.emit("breakout.closed", by="time")
    elif due is not None:
        text = compose(phase.message, due, phase.task, len(rooms.rooms))
        draft.emit("breakout.warning", threshold=due, broadcast=text)


# -- commands -------------------------------------------------------------------------


def _open_rooms(draft: Draft, command: c.OpenRooms) -> None:
    guards.current_phase(draft)
    open_rooms(draft)


def adjust_rooms(draft: Draft, command: c.AdjustRooms) -> None:
    """More (or less) time for the open rooms; the phase keeps pace with them."""
    guards.running(draft)
    rooms = guards.rooms_open(draft)
    seconds = guards.seconds_change(command.seconds, "rooms' time")
    if rooms_length(rooms) + seconds < 0:
        raise refuse("That would leave the rooms with less than no time.")
    draft.emit("breakout.adjusted", seconds=seconds)


def _request_help(draft: Draft, command: c.RequestHelp) -> None:
    guards.running(draft)
    rooms = guards.rooms_open(draft)
    room = guards.room_number(rooms, command.room)
    if room in rooms.help:
        raise refuse(f"Room {room} is already waiting for help.")
    draft.emit("breakout.help_requested", room=room)


def _answer_help(draft: Draft, command: c.AnswerHelp) -> None:
    guards.running(draft)
    rooms = draft.state.rooms
    if rooms is None or command.room not in rooms.help:
        raise refuse(f"Room {command.room!r} has not asked for help.")
    draft.emit("breakout.help_answered", room=command.room)


def _close_rooms(draft: Draft, command: c.CloseRooms) -> None:
    guards.running(draft)
    guards.rooms_open(draft)
    close_rooms(draft, "facilitator")


def _note_report_back(draft: Draft, command: c.NoteReportBack) -> None:
    guards.running(draft)
    rooms = draft.state.rooms
    if rooms is None:
        raise refuse("No rooms have opened in this phase.")
    room = guards.room_number(rooms, command.room)
    draft.emit("breakout.reported", room=room, text=checked_text(command.text, "report-back"))


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.OpenRooms: _open_rooms,
    c.AdjustRooms: adjust_rooms,
    c.RequestHelp: _request_help,
    c.AnswerHelp: _answer_help,
    c.CloseRooms: _close_rooms,
    c.NoteReportBack: _note_report_back,
}


# -- the view -------------------------------------------------------------------------


class RoomView(NamedTuple):
    number: int
    members: tuple[str, ...]
    away: tuple[str, ...]
    """Members who have since stepped out or left."""
    help: bool
    report: str | None


class BreakoutView(NamedTuple):
    phase: int
    label: str
    task: str | None
    status: str
    """preparing | open | closed."""
    method: str
    rooms: tuple[RoomView, ...]
    duration_s: int
    elapsed_s: float
    remaining_s: float
    alerts: tuple[int, ...]
    """The plan's warnings (seconds before the rooms close)."""
    opening: str | None
    """The opening broadcast, filled in, ready to copy."""
    next_broadcast: str | None
    """The next warning's text, ready to copy before it is due."""
    next_broadcast_at_s: int | None
    last_broadcast: str | None
    settings: PlatformSettings
    help: tuple[int, ...]
    adjusted_s: int
    """Non-zero: change the rooms' time on the platform by hand too."""
    repeated_pairs: int


def breakout_view(state: SessionState, t: float) -> BreakoutView | None:
    """The breakout phase running now, or None."""
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, BreakoutPhase):
        return None
    rooms = state.rooms if state.rooms is not None and state.rooms.phase == run.index else None
    settings = settings_for(state, phase, rooms)
    if rooms is None:
        duration = rooms_duration(state, t)
        if phase.assign == "fixed":
            count = len(phase.groups)
        else:
            count = room_count(phase, len(available(state)))
        opening = None
        if phase.opening:
            opening = compose(phase.opening, duration, phase.task, count)
        nxt = [a for a in phase.alerts if a < duration]
        return BreakoutView(
            run.index, phase.label, phase.task, "preparing", phase.assign, (), duration, 0.0,
            float(duration), phase.alerts, opening,
            compose(phase.message, max(nxt), phase.task, count) if nxt else None,
            max(nxt) if nxt else None, None, settings, (), 0, 0,
        )
    status = state.people.status
    views = tuple(
        RoomView(
            number,
            members,
            tuple(m for m in members if status.get(m, "absent") in AWAY),
            number in rooms.help,
            rooms.reports.get(number),
        )
        for number, members in enumerate(rooms.rooms, 1)
    )
    length = rooms_length(rooms)
    remaining = rooms_remaining(rooms, t)
    count = len(rooms.rooms)
    pending = [a for a in phase.alerts if a < length and a not in rooms.fired]
    given = [a for a in rooms.fired if a > 0]
    upcoming = max(pending) if pending and rooms.open else None
    opening = compose(phase.opening, length, phase.task, count) if phase.opening else None
    return BreakoutView(
        phase=run.index,
        label=phase.label,
        task=phase.task,
        status="open" if rooms.open else "closed",
        method=rooms.method,
        rooms=views,
        duration_s=length,
        elapsed_s=rooms_elapsed(rooms, t),
        remaining_s=remaining,
        alerts=phase.alerts,
        opening=opening,
        next_broadcast=compose(phase.message, upcoming, phase.task, count) if upcoming else None,
        next_broadcast_at_s=upcoming,
        last_broadcast=compose(phase.message, min(given), phase.task, count) if given else None,
        settings=settings,
        help=rooms.help,
        adjusted_s=rooms.adjusted,
        repeated_pairs=rooms.repeated_pairs,
    )


def rooms_text(view: BreakoutView, name: NameOf) -> str:
    """The room list, one room a line, to paste into the call's chat."""
    return "\n".join(
        f"Room {room.number}: " + ", ".join(name(m) for m in room.members)
        for room in view.rooms)


# -- the kind -------------------------------------------------------------------------


class Breakout(PhaseKind):
    kind: ClassVar[str] = "breakout"
    actions: ClassVar[frozenset[str]] = frozenset({"breakout.help", "breakout.report"})
    footer: ClassVar[frozenset[str]] = frozenset({"copy.now"})

    def step(self, state: SessionState) -> Step | None:
        phase = state.phase_plan()
        rooms = state.rooms
        if not isinstance(phase, BreakoutPhase):
            return None
        if rooms is None and len(available(state)) >= 2:
            return Step("open-rooms", text=phase.task)
        if rooms is not None and rooms.open:
            return Step("close-rooms")
        return None

    def take(self, draft: Draft, step: Step) -> None:
        if step.action == "open-rooms":
            open_rooms(draft)
        else:
            close_rooms(draft, "facilitator")

    def back(self, draft: Draft) -> None:
        if draft.state.rooms is not None:
            raise refuse("Rooms cannot be un-opened: close them, or adjust their time.")
        super().back(draft)

    def view(self, state: SessionState, t: float) -> object:
        return breakout_view(state, t)

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        """What to paste now: the broadcast due, the opening one, or the room list."""
        view = breakout_view(state, t)
        if view is None:
            return None
        if view.status == "open":
            due = view.last_broadcast or view.opening or view.next_broadcast
            if due:
                return due
        if view.status == "preparing" and view.opening:
            return view.opening
        if view.rooms:
            return rooms_text(view, name)
        return view.next_broadcast or view.task


KIND = Breakout()
