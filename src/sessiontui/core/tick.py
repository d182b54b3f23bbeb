"""What a Tick finds due: alerts, rooms closing, questions opening, soft limits, clock jumps.

The UI sends a Tick about once a second; it answers only what has become due since the
last alert of its kind was recorded, so repeating a Tick gives nothing new. When a tick
comes late and several thresholds have been crossed at once, only the most urgent is
given (one bell, not three); the others count as given.

While rooms are open, the breakout phase's own alerts wait: the rooms' warnings (with
their broadcast text) take that role. Rooms follow real time, so their warnings go on
while the session is paused; phase alerts do not.
"""

from __future__ import annotations

from sessiontui.core.breakout import compose
from sessiontui.core.draft import Draft
from sessiontui.core.state import ROUND_KINDS
from sessiontui.core.timers import (
    phase_elapsed,
    phase_length,
    phase_remaining,
    rooms_length,
    rooms_remaining,
)
from sessiontui.plan.models import BreakoutPhase, BreakPhase, DiscussionPhase, GuestSpeakerPhase

JUMP_THRESHOLD_S = 2.0
"""Wall and session time may disagree by this much before a jump is noted."""


def due_threshold(
    alerts: tuple[int, ...], fired: frozenset[int], remaining: float, length: int
) -> int | None:
    """The most urgent alert crossed and not yet given (0 is time up), or None."""
    if remaining <= 0:
        return None if 0 in fired else 0
    crossed = [a for a in alerts if 0 < a < length and a not in fired and remaining <= a]
    return min(crossed) if crossed else None


def clock_drift(draft: Draft, measured: float | None) -> float | None:
    """Wall minus session time since the session opened: measured, or from `now.wall`."""
    if measured is not None:
        return measured
    origin = draft.state.session.wall_origin
    if origin is None:
        return None
    return draft.now.wall.timestamp() - origin - draft.t


def tick(draft: Draft, measured_drift: float | None) -> None:
    """Emit whatever has become due at `draft.now`."""
    session = draft.state.session
    if not session.opened or session.ended is not None:
        return
    drift = clock_drift(draft, measured_drift)
    if drift is not None:
        delta = drift - session.clock_shift
        if abs(delta) > JUMP_THRESHOLD_S:
            draft.emit("clock.jumped", delta_s=round(delta, 3))
    if session.started is None:
        return
    _rooms(draft)
    _phase(draft)
    _turn(draft)
    _round(draft)


def _rooms(draft: Draft) -> None:
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


def _phase(draft: Draft) -> None:
    state = draft.state
    run = state.phase
    if run is None or state.session.paused_at is not None:
        return
    phase = state.phase_plan()
    if (
        isinstance(phase, GuestSpeakerPhase)
        and phase.qa
        and run.qa_at is None
        and phase_elapsed(state, draft.t) >= phase.talk_seconds
    ):
        draft.emit("guest.questions_started", by="time")
    rooms = draft.state.rooms
    if rooms is not None and rooms.open:
        return
    run = draft.state.phase
    assert run is not None
    remaining = phase_remaining(draft.state, draft.t)
    due = due_threshold(phase.alerts, run.fired, remaining, phase_length(draft.state))
    if due == 0:
        if isinstance(phase, BreakPhase):
            draft.emit("break.nudged", phase=run.index)
        else:
            draft.emit("timer.expired", phase=run.index)
    elif due is not None:
        draft.emit("timer.warning", phase=run.index, threshold=due)


def _turn(draft: Draft) -> None:
    turn = draft.state.floor.turn
    phase = draft.state.phase_plan()
    if turn is None or turn.flagged or not isinstance(phase, DiscussionPhase):
        return
    limit = phase.turn_limit
    if limit and draft.t - turn.started >= limit:
        draft.emit("turn.limit_reached", speaker=turn.speaker, limit_s=limit)


def _round(draft: Draft) -> None:
    state = draft.state
    rnd = state.round
    run = state.phase
    if rnd is None or run is None or run.kind not in ROUND_KINDS or rnd.flagged:
        return
    if state.session.paused_at is not None:
        return
    current = rnd.current
    per_person = getattr(state.phase_plan(), "per_person", None)
    if current is None or not per_person:
        return
    if draft.t - rnd.since >= per_person:
        draft.emit("round.timebox_reached", participant=current, per_person_s=per_person)
