"""What the UI shows, as plain data: pure functions of (state, t).

The widgets render these directly and never reach into the state themselves, so the
live screen, a replay and a test see the same figures. Participants are ids: the UI
puts names on them from the roster file. Text from the plan (prompts, rules, tasks)
and typed text is passed through as it is: render it literally, never as markup.

The views here are the session's: its timer, what `n` does next, the agenda, notes.
Each phase kind's own panel view lives in its module (`core.phases`), and
`panel_view` asks the kind running now.
"""

from __future__ import annotations

from itertools import islice
from typing import NamedTuple

from sessiontui.core.phases import kind_of, next_step
from sessiontui.core.phases.base import Step
from sessiontui.core.schedule import Schedule, next_index, schedule
from sessiontui.core.state import SessionState
from sessiontui.core.timers import phase_elapsed, phase_length, phase_remaining, timer_level

# -- the timer ------------------------------------------------------------------------


class TimerView(NamedTuple):
    """The big countdown."""

    label: str
    kind: str | None
    phase: int | None
    planned_s: int
    """The phase's length now: planned + adjustments."""
    adjusted_s: int
    elapsed_s: float
    remaining_s: float
    """Negative once over time."""
    overtime_s: float
    level: str
    """normal | warning | overtime: say it in words too, never by colour alone."""
    paused: bool
    status: str
    """The session's: new | opened | running | paused | ended."""


def timer_view(state: SessionState, t: float) -> TimerView:
    status = state.status
    run = state.phase
    if run is None:
        label = {"ended": "Session ended"}.get(status, "Not started")
        total = sum(d for i, d in enumerate(state.durations) if i not in state.course.skipped)
        return TimerView(label, None, None, total, 0, 0.0, float(total), 0.0, "normal",
                         status == "paused", status)
    phase = state.plan.phases[run.index]
    remaining = phase_remaining(state, t)
    return TimerView(
        label=phase.label,
        kind=phase.kind,
        phase=run.index,
        planned_s=phase_length(state),
        adjusted_s=run.adjusted,
        elapsed_s=phase_elapsed(state, t),
        remaining_s=remaining,
        overtime_s=max(0.0, -remaining),
        level=timer_level(state, t),
        paused=state.session.paused_at is not None,
        status=status,
    )


# -- what comes next ------------------------------------------------------------------


class NextView(NamedTuple):
    """What NextStep will do (the very step `decide` applies), and the phase after this."""

    step: Step
    phase: int | None
    phase_label: str | None
    phase_planned_s: int | None

    @property
    def action(self) -> str:
        return self.step.action

    @property
    def participant(self) -> str | None:
        return self.step.participant

    @property
    def text(self) -> str | None:
        """The rule, prompt, question or answer the step brings up."""
        return self.step.text


def next_view(state: SessionState) -> NextView:
    step = next_step(state)
    if step.action == "start":
        following: int | None = 0
    else:
        following = next_index(state) if state.session.ended is None else None
    if following is None:
        return NextView(step, None, None, None)
    return NextView(step, following, state.plan.phases[following].label,
                    state.durations[following])


def panel_view(state: SessionState, t: float) -> object:
    """The running phase's own view, from its kind (None between phases)."""
    kind = kind_of(state)
    return kind.view(state, t) if kind is not None else None


# -- notes ----------------------------------------------------------------------------


class NoteLine(NamedTuple):
    note_id: int
    t: float
    text: str
    """The latest text, corrections applied."""
    original: str
    amended: bool
    private: bool
    phase: int | None


def notes_view(
    state: SessionState, t: float = 0.0, newest: int | None = None
) -> tuple[NoteLine, ...]:
    """Notes with corrections applied, oldest first (only the `newest` N if given)."""
    latest: dict[int, str] = {}
    for amendment in state.book.amendments:
        latest[amendment.note_id] = amendment.text
    if newest is None:
        notes = list(state.book.notes)
    else:
        notes = list(islice(state.book.notes.newest(), max(0, newest)))
        notes.reverse()
    return tuple(
        NoteLine(
            n.note_id, n.t, latest.get(n.note_id, n.text), n.text, n.note_id in latest,
            n.private, n.phase,
        )
        for n in notes
    )


# -- agenda ---------------------------------------------------------------------------


def agenda_view(state: SessionState, t: float) -> Schedule:
    """The agenda rows (planned/actual, done/current/next), ahead/behind, and any
    rebalance proposal: see schedule.Schedule."""
    return schedule(state, t)
