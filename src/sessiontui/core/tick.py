"""What a Tick finds due: alerts, rooms closing, questions opening, soft limits, clock jumps.

The UI sends a Tick about once a second; it answers only what has become due since the
last alert of its kind was recorded, so repeating a Tick gives nothing new. When a tick
comes late and several thresholds have been crossed at once, only the most urgent is
given (one bell, not three); the others count as given.

While rooms are open, the breakout phase's own alerts wait: the rooms' warnings (with
their broadcast text) take that role. Rooms follow real time, so their warnings go on
while the session is paused; phase alerts and the kinds' own work do not.
"""

from __future__ import annotations

from sessiontui.core.care import offer_overdue
from sessiontui.core.draft import Draft
from sessiontui.core.phases import kind_of
from sessiontui.core.phases.breakout import tick_rooms
from sessiontui.core.timers import due_threshold, phase_length, phase_remaining

JUMP_THRESHOLD_S = 2.0
"""Wall and session time may disagree by this much before a jump is noted."""


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
    offer_overdue(draft)
    tick_rooms(draft)
    if draft.state.phase is None or draft.state.session.paused_at is not None:
        return
    kind = kind_of(draft.state)
    if kind is not None:
        kind.tick(draft)
    _phase_alerts(draft, kind.expired_event if kind is not None else "timer.expired")


def _phase_alerts(draft: Draft, expired_event: str) -> None:
    """The plan's warnings for the running phase, and its end (waiting while its rooms
    are open: their own warnings speak then)."""
    state = draft.state
    run = state.phase
    rooms = state.rooms
    if run is None or (rooms is not None and rooms.open):
        return
    phase = state.plan.phases[run.index]
    remaining = phase_remaining(state, draft.t)
    due = due_threshold(phase.alerts, run.fired, remaining, phase_length(state))
    if due == 0:
        draft.emit(expired_event, phase=run.index)
    elif due is not None:
        draft.emit("timer.warning", phase=run.index, threshold=due)
