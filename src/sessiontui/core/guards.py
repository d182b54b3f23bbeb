"""The checks a command passes before it may happen, shared by `decide` and the kinds.

Each returns what it checked (the phase running, a known participant id) or raises
`CommandRefused` with a sentence for the facilitator.
"""

from __future__ import annotations

from sessiontui.core.draft import Draft, refuse
from sessiontui.core.state import AWAY, PhaseRun, Rooms

MAX_ADJUST_S = 3600


def not_ended(draft: Draft) -> None:
    if draft.state.session.ended is not None:
        raise refuse("The session has ended.")


def started(draft: Draft) -> None:
    """Begun (ended is fine: the close's notes and feedback come in after it)."""
    if draft.state.session.started is None:
        raise refuse("The session has not started yet: start it first.")


def running(draft: Draft) -> None:
    """Started and not ended; paused is fine."""
    not_ended(draft)
    started(draft)


def active(draft: Draft) -> None:
    """Running and not paused."""
    running(draft)
    if draft.state.session.paused_at is not None:
        raise refuse("The session is paused: resume it first.")


def current_phase(draft: Draft, *, while_active: bool = True) -> PhaseRun:
    """The phase running now (and not paused, unless `while_active` is False)."""
    if while_active:
        active(draft)
    else:
        running(draft)
    phase = draft.state.phase
    if phase is None:
        raise refuse("No phase is running.")
    return phase


def person(draft: Draft, participant: str) -> str:
    """A known participant id, or a refusal."""
    if not isinstance(participant, str) or participant not in draft.state.people.status:
        raise refuse(f"There is no participant {participant!r} in this session.")
    return participant


def here(draft: Draft, participant: str) -> str:
    """A known participant who is not marked away."""
    person(draft, participant)
    status = draft.state.people.status[participant]
    if status in AWAY:
        raise refuse(f"{draft.who(participant)} is marked {status}: mark them back first.")
    return participant


def phase_number(draft: Draft, index: int) -> int:
    count = len(draft.state.plan.phases)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
        raise refuse(f"There is no phase {index!r}: the plan has phases 0 to {count - 1}.")
    return index


def named(draft: Draft, index: int) -> str:
    """A phase as the facilitator knows it: 'The phase "Tea and chat"'."""
    return f'The phase "{draft.state.plan.phases[index].label}"'


def seconds_change(seconds: int, what: str) -> int:
    """A change of time in whole seconds, not zero, at most an hour."""
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        raise refuse(f"The {what} must be a whole number of seconds.")
    if seconds == 0:
        raise refuse("Adjusting by zero seconds changes nothing.")
    if abs(seconds) > MAX_ADJUST_S:
        raise refuse(f"The {what} can change by at most an hour at a time.")
    return seconds


def rooms_open(draft: Draft) -> Rooms:
    rooms = draft.state.rooms
    if rooms is None or not rooms.open:
        raise refuse("No rooms are open.")
    return rooms


def room_number(rooms: Rooms, room: int) -> int:
    count = len(rooms.rooms)
    if not isinstance(room, int) or isinstance(room, bool) or not 1 <= room <= count:
        raise refuse(f"There is no room {room!r}: the rooms are numbered 1 to {count}.")
    return room
