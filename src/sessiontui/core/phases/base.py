"""What every phase kind provides: one small protocol, and the defaults most kinds keep.

A phase kind (a check-in round, the ground rules, a discussion, breakout rooms, a guest
speaker, a quiz, tea and chat, the closing round) is the unit of change: everything
about it lives in its own module here and in its own panel in the UI. `decide`,
`tick`, the views and the screen ask the kind; none of them test the kind themselves.

The next step is one value, a `Step`: `decide` applies exactly the step the kind
describes, and the screen's "n:" hint is made from the same value, so the two cannot
differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, NamedTuple

from sessiontui.core.commands import CommandRefused
from sessiontui.core.draft import Draft, refuse
from sessiontui.core.state import SessionState

NameOf = Callable[[str], str]
"""Puts a name on a participant id (the UI's roster); the core never holds names."""

FIRST_STEP = "This is the first step of the first phase: there is nothing to go back to."


class AtFirstStep(CommandRefused):
    """A kind's `back` at its phase's first step: PreviousStep then goes back into the
    previous phase (decide does it), so a kind never has to know what came before."""

    def __init__(self) -> None:
        super().__init__(FIRST_STEP)


UNFINISHED = {
    "open-rooms": "the rooms have not opened",
    "close-rooms": "the rooms are still open",
    "cover-rule": "some ground rules are not covered yet",
    "next-prompt": "some prompts have not been shown",
    "reveal-answer": "the answer has not been revealed",
    "next-question": "some questions have not been shown",
}
"""What a phase leaves undone when it ends before its next step, by that step. A guest
speaker's questions are left out: many talks end without them."""


class Step(NamedTuple):
    """What NextStep does now.

    action: start | next-person | come-back | complete-round | cover-rule | next-prompt |
    open-rooms | close-rooms | start-questions | reveal-answer | next-question |
    next-phase | end-session. `participant` is who comes on, `text` the rule, prompt, question or
    answer the step brings up, `index` the position, rule, prompt or question number
    (for next-phase: the phase).
    """

    action: str
    participant: str | None = None
    text: str | None = None
    index: int | None = None


class PhaseKind:
    """The defaults: a phase with no steps of its own, nothing to copy but its prompt.

    Subclasses set `kind` and override what their phase does. Instances hold no state:
    one of each lives in the registry (`core.phases.KINDS`).
    """

    kind: ClassVar[str] = ""
    actions: ClassVar[frozenset[str]] = frozenset()
    """Action ids that only phases of this kind offer: hidden in every other phase."""
    footer: ClassVar[frozenset[str]] = frozenset()
    """General action ids worth a place in the footer while this kind runs."""
    expired_event: ClassVar[str] = "timer.expired"
    """The event written when the phase's time is up."""

    def start(self, draft: Draft, index: int) -> None:
        """Whatever opens the phase, just after `phase.started` (a round, a prompt)."""

    def step(self, state: SessionState) -> Step | None:
        """The phase's own next step, or None when NextStep moves on to the next phase."""
        return None

    def take(self, draft: Draft, step: Step) -> None:
        """Apply a step that `step` described (never another)."""
        raise refuse(f"A {self.kind} phase has no step {step.action!r}.")

    def back(self, draft: Draft) -> None:
        """Back one step within the phase; at its first step raise AtFirstStep (the
        previous phase is then resumed), or refuse saying why not."""
        raise AtFirstStep()

    def view(self, state: SessionState, t: float) -> object:
        """What the phase's panel shows (a frozen dataclass of the kind's own)."""
        return None

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        """The text `c` copies for the call's chat: the prompt, by default."""
        phase = state.phase_plan()
        return getattr(phase, "prompt", None) if phase is not None else None

    def unfinished(self, state: SessionState) -> str | None:
        """What of the phase's own work is still to do, in a few words ("the rooms are
        still open"), or None: moving on or ending now would leave it undone. By
        default, the phase's own next step says it."""
        step = self.step(state)
        return UNFINISHED.get(step.action) if step is not None else None

    def tick(self, draft: Draft) -> None:
        """Per-tick work of the kind (soft limits, questions opening by time); runs only
        while the session is not paused."""

    def offers(self, state: SessionState, action: str) -> bool:
        """Whether one of this kind's own actions applies to the phase as planned."""
        return action in self.actions
