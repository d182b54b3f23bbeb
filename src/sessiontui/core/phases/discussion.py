"""A discussion: prompts one after another, hands and turns, and talk-time shares.

The balance between leading and letting the group shape it shows here: the hand
queue (raise order, or fewest turns first), a soft per-turn limit (`turn_limit`, a
flag only), and everyone's share of the talk, the facilitator's own on its own line.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from sessiontui.core.draft import Draft
from sessiontui.core.phases.base import AtFirstStep, NameOf, PhaseKind, Step
from sessiontui.core.queue import QueueView, queue_view
from sessiontui.core.state import SessionState
from sessiontui.core.stats import TalkView, talk_view
from sessiontui.plan.models import DiscussionPhase


class DiscussionView(NamedTuple):
    prompt: str | None
    """The prompt showing now (None: the plan gives none)."""
    prompt_number: int
    """From 1; 0 without prompts."""
    prompts: int
    queue: QueueView
    talk: TalkView
    parked: int
    """Topics in the parking lot."""


def discussion_view(state: SessionState, t: float) -> DiscussionView | None:
    phase = state.phase_plan()
    run = state.phase
    if run is None or not isinstance(phase, DiscussionPhase):
        return None
    prompt, number = None, 0
    if phase.prompts:
        number = min(run.step, len(phase.prompts) - 1) + 1
        prompt = phase.prompts[number - 1]
    return DiscussionView(
        prompt=prompt,
        prompt_number=number,
        prompts=len(phase.prompts),
        queue=queue_view(state, t),
        talk=talk_view(state, t, this_phase=True),
        parked=len(state.book.parked),
    )


class Discussion(PhaseKind):
    kind: ClassVar[str] = "discussion"
    footer: ClassVar[frozenset[str]] = frozenset(
        {"hand.raise", "turn.next", "turn.facilitator", "copy.now"})

    def start(self, draft: Draft, index: int) -> None:
        phase = draft.state.plan.phases[index]
        if isinstance(phase, DiscussionPhase) and phase.prompts:
            draft.emit("prompt.shown", phase=index, index=0)

    def step(self, state: SessionState) -> Step | None:
        phase = state.phase_plan()
        run = state.phase
        if run is None or not isinstance(phase, DiscussionPhase):
            return None
        if run.step + 1 < len(phase.prompts):
            return Step("next-prompt", text=phase.prompts[run.step + 1], index=run.step + 1)
        return None

    def take(self, draft: Draft, step: Step) -> None:
        run = draft.state.phase
        assert run is not None
        draft.emit("prompt.shown", phase=run.index, index=step.index)

    def back(self, draft: Draft) -> None:
        run = draft.state.phase
        if run is None or run.step <= 0:
            raise AtFirstStep()
        draft.emit("prompt.shown", phase=run.index, index=run.step - 1)

    def view(self, state: SessionState, t: float) -> object:
        return discussion_view(state, t)

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        phase = state.phase_plan()
        run = state.phase
        if isinstance(phase, DiscussionPhase) and phase.prompts and run is not None:
            return phase.prompts[min(run.step, len(phase.prompts) - 1)]
        return super().copy_text(state, t, name)

    def tick(self, draft: Draft) -> None:
        """The soft turn limit: a flag when the speaker reaches it."""
        turn = draft.state.floor.turn
        phase = draft.state.phase_plan()
        if turn is None or turn.flagged or not isinstance(phase, DiscussionPhase):
            return
        limit = phase.turn_limit
        if limit and draft.t - turn.started >= limit:
            draft.emit("turn.limit_reached", speaker=turn.speaker, limit_s=limit)


KIND = Discussion()
