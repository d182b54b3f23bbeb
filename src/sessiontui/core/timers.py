"""Time left, computed, never counted: planned + adjustments − active elapsed.

The UI's once-a-second tick only repaints; every figure here comes from event times
and the `t` the caller passes, so a replay, a resume after a crash and the live
session show the same numbers.
"""

from __future__ import annotations

from sessiontui.core.state import Rooms, SessionInfo, SessionState


def active_at(session: SessionInfo, t: float) -> float:
    """Session time minus every pause: the clock phase timers run on.

    After the session ends the clock stops at the end.
    """
    if session.ended is not None:
        t = min(t, session.ended)
    paused = session.paused_total
    if session.paused_at is not None and t > session.paused_at:
        paused += t - session.paused_at
    return t - paused


def phase_elapsed(state: SessionState, t: float) -> float:
    """Active seconds the current phase has run (pauses excluded); 0 without one."""
    phase = state.phase
    if phase is None:
        return 0.0
    return max(0.0, active_at(state.session, t) - phase.active_start)


def phase_length(state: SessionState) -> int:
    """The current phase's length now: planned + adjustments (never below 0)."""
    phase = state.phase
    if phase is None:
        return 0
    return max(0, phase.planned + phase.adjusted)


def phase_remaining(state: SessionState, t: float) -> float:
    """Seconds left in the current phase; negative when it has run over."""
    if state.phase is None:
        return 0.0
    return phase_length(state) - phase_elapsed(state, t)


def timer_level(state: SessionState, t: float) -> str:
    """normal | warning (within the phase's largest warning) | overtime."""
    run = state.phase
    if run is None:
        return "normal"
    length = phase_length(state)
    remaining = phase_remaining(state, t)
    alerts = [a for a in state.plan.phases[run.index].alerts if a < length]
    if remaining <= 0:
        return "overtime"
    if alerts and remaining <= max(alerts):
        return "warning"
    return "normal"


def rooms_elapsed(rooms: Rooms, t: float) -> float:
    """Seconds since rooms opened, in real time.

    Rooms follow real time, not the active clock: the platform's rooms keep running
    while the facilitator pauses sessiontui, and its auto-close will not wait.
    """
    end = rooms.closed if rooms.closed is not None else t
    return max(0.0, end - rooms.opened)


def rooms_length(rooms: Rooms) -> int:
    return max(0, rooms.duration + rooms.adjusted)


def rooms_remaining(rooms: Rooms, t: float) -> float:
    """Seconds until the rooms are due to close; negative once overdue."""
    return rooms_length(rooms) - rooms_elapsed(rooms, t)


def turn_elapsed(state: SessionState, t: float) -> float:
    """Seconds the turn in progress has run, pauses excluded; 0 without one."""
    turn = state.floor.turn
    if turn is None:
        return 0.0
    return max(0.0, active_at(state.session, t) - turn.active_start)


def go_elapsed(state: SessionState, t: float) -> float:
    """Seconds the person on in the round has held the floor in this go, pauses and the
    facilitator's words in between excluded; 0 when nobody is on."""
    rnd = state.round
    if rnd is None or rnd.current is None:
        return 0.0
    turn = state.floor.turn
    running = turn_elapsed(state, t) if turn is not None and turn.speaker == rnd.current else 0.0
    return rnd.held + running


def rearm(fired: frozenset[int], remaining: float) -> frozenset[int]:
    """Keep only alerts still crossed after time was added or taken off.

    Adding time re-arms a warning that is now ahead again, so "1 minute left" sounds
    again when the new last minute starts; taking time off keeps what has fired.
    """
    return frozenset(threshold for threshold in fired if threshold >= remaining)


def due_threshold(
    alerts: tuple[int, ...], fired: frozenset[int], remaining: float, length: int
) -> int | None:
    """The most urgent alert crossed and not yet given (0 is time up), or None.

    When a tick comes late and several thresholds have been crossed at once, only the
    most urgent is given (one bell, not three); the others count as given.
    """
    if remaining <= 0:
        return None if 0 in fired else 0
    crossed = [a for a in alerts if 0 < a < length and a not in fired and remaining <= a]
    return min(crossed) if crossed else None
