"""Phase kinds: one module per kind, and the registry that maps each kind to it.

Adding a kind means adding its module here (start, next step, step back, view, copy
text, tick, actions, command handlers), its panel in `ui/panels/`, its tests and its
docs; `tests/unit/test_phase_registry.py` says what is missing.

`next_step(state)` is the one answer to "what does n do now": `decide` applies it and
the screen's hint describes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sessiontui.core.draft import Draft
from sessiontui.core.phases import (
    breakout,
    discussion,
    ground_rules,
    guest,
    quiz,
    rounds,
    tea_break,
)
from sessiontui.core.phases.base import PhaseKind, Step
from sessiontui.core.schedule import next_index
from sessiontui.core.state import SessionState

KINDS: dict[str, PhaseKind] = {
    kind.kind: kind
    for kind in (
        rounds.CHECK_IN,
        ground_rules.KIND,
        discussion.KIND,
        breakout.KIND,
        guest.KIND,
        quiz.KIND,
        tea_break.KIND,
        rounds.CLOSE,
    )
}
"""Every phase kind a plan can hold, in the order the docs list them."""

HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    **rounds.HANDLERS,
    **ground_rules.HANDLERS,
    **breakout.HANDLERS,
    **guest.HANDLERS,
    **quiz.HANDLERS,
}
"""Commands that belong to one kind, handled in that kind's module."""

PHASE_ACTIONS: frozenset[str] = frozenset().union(*(kind.actions for kind in KINDS.values()))
"""Action ids that belong to some kind: hidden while a phase of another kind runs."""


def kind_of(state: SessionState) -> PhaseKind | None:
    """The kind of the phase running now."""
    run = state.phase
    return KINDS.get(run.kind) if run is not None else None


def next_step(state: SessionState) -> Step:
    """What NextStep (the `n` key) does now.

    Before the start: start. Within a phase: its own next step. At the end of a phase:
    the next phase (not skipped), or, at the end of the last one, end the session.
    """
    session = state.session
    if session.started is None:
        return Step("start", index=0)
    if session.ended is not None or state.phase is None:
        return Step("end-session")
    kind = kind_of(state)
    own = kind.step(state) if kind is not None else None
    if own is not None:
        return own
    following = next_index(state)
    if following is None:
        return Step("end-session")
    return Step("next-phase", text=state.plan.phases[following].label, index=following)


__all__ = ["HANDLERS", "KINDS", "PHASE_ACTIONS", "PhaseKind", "Step", "kind_of", "next_step"]
