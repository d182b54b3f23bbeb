"""Tea and chat: no agenda and no pressure; a gentle nudge when its time is up.

Online sessions need warmth as well as structure. The break has no steps: its end
writes `break.nudged` (a nudge, not an alarm) instead of `timer.expired`.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from sessiontui.core.phases.base import PhaseKind
from sessiontui.core.state import SessionState
from sessiontui.core.timers import timer_level
from sessiontui.plan.models import BreakPhase


class BreakView(NamedTuple):
    prompt: str | None
    nudge: bool
    """Within the plan's warnings, or over time: invite people back, gently."""


def break_view(state: SessionState, t: float) -> BreakView | None:
    phase = state.phase_plan()
    if state.phase is None or not isinstance(phase, BreakPhase):
        return None
    return BreakView(prompt=phase.prompt, nudge=timer_level(state, t) != "normal")


class TeaBreak(PhaseKind):
    kind: ClassVar[str] = "break"
    expired_event: ClassVar[str] = "break.nudged"

    def view(self, state: SessionState, t: float) -> object:
        return break_view(state, t)


KIND = TeaBreak()
