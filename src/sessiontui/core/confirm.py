"""The questions to ask before a key that would leave a phase's work undone.

Six quick `n` presses once went from open breakout rooms through a quiz and the tea
break into the close. Closing rooms with time left asks first; moving out of a phase
asks when the phase kind says work is unfinished (people who have not had their go,
questions unshown), or when the phase began only a moment ago (a key pressed twice).
Going back into the previous phase asks too. Every front end (the full screen, plain
mode) asks the same questions; None means "no need to ask".
"""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.clock import Now
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide, previous_index
from sessiontui.core.phases import kind_of, next_step
from sessiontui.core.phases.breakout import breakout_view
from sessiontui.core.state import SessionState
from sessiontui.core.timers import phase_elapsed
from sessiontui.plan.durations import spoken

QUICK_S = 10.0
"""A phase left this soon after it began was most likely left by a key pressed twice."""


def before_next(state: SessionState, t: float) -> str | None:
    """Asked before `n` moves on to the next phase (None: just do it)."""
    step = next_step(state)
    if step.action == "close-rooms":
        view = breakout_view(state, t)
        if view is not None and view.remaining_s >= 60:
            return (f"The rooms have {spoken(view.remaining_s)} left. "
                    "Close them now and bring everyone back?")
        return None
    if step.action != "next-phase" or step.index is None:
        return None
    return before_leaving(state, t, step.index)


def before_leaving(state: SessionState, t: float, target: int) -> str | None:
    """Asked before leaving the running phase for phase `target` (the palette's "go to
    a phase" as well as `n`)."""
    reason = _why_not_yet(state, t)
    if reason is None:
        return None
    return f"{reason}. Move on to {state.plan.phases[target].label} anyway?"


def before_ending(state: SessionState) -> str | None:
    """What ending now would leave undone in the running phase, or None."""
    kind = kind_of(state)
    phase = state.phase
    if kind is None or phase is None:
        return None
    undone = kind.unfinished(state)
    if undone is None:
        return None
    return f"In {state.plan.phases[phase.index].label}, {undone}"


def end_question(state: SessionState) -> str:
    """What `E` asks, in every front end (ids, which the front end names)."""
    undone = before_ending(state)
    if undone is not None:
        return f"{undone}. End the session now? It will be recorded as ended early."
    if next_step(state).action != "end-session":
        return "End the session now? Phases not reached are recorded as not run."
    return "That was the last step. End the session?"


def before_back(state: SessionState, now: Now) -> str | None:
    """Asked before `N` goes back into the previous phase (None when `N` steps back
    within this phase, or is refused)."""
    try:
        events = decide(state, c.PreviousStep(), now)
    except CommandRefused:
        return None
    if not any(event.type == "phase.started" for event in events):
        return None
    before = previous_index(state)
    assert before is not None
    label = state.plan.phases[before].label
    return (f"Go back to {label}? Its timer goes on with the time it had left, a round "
            "where it was, and everything recorded stays.")


def _why_not_yet(state: SessionState, t: float) -> str | None:
    phase = state.phase
    kind = kind_of(state)
    if phase is None or kind is None:
        return None
    label = state.plan.phases[phase.index].label
    undone = kind.unfinished(state)
    if undone is not None:
        return f"In {label}, {undone}"
    elapsed = phase_elapsed(state, t)
    if elapsed < QUICK_S:
        seconds = max(0, round(elapsed))
        return f"{label} began {seconds} second{'' if seconds == 1 else 's'} ago"
    return None
