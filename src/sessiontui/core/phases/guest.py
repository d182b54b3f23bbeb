"""A guest speaker: the talk, then questions (by the facilitator's key, or by time).

The talk runs for the phase's length less `qa`; questions open when the facilitator
says so or when the talk's time is up, and hands go up as in a discussion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.draft import Draft, refuse
from sessiontui.core.phases.base import NameOf, PhaseKind, Step
from sessiontui.core.queue import QueueView, queue_view
from sessiontui.core.state import SessionState
from sessiontui.core.timers import phase_elapsed, phase_remaining
from sessiontui.plan.models import GuestSpeakerPhase


def _start_questions(draft: Draft, command: c.StartQuestions) -> None:
    run = guards.current_phase(draft)
    if not isinstance(draft.state.phase_plan(), GuestSpeakerPhase):
        raise refuse("Questions start in a guest-speaker phase.")
    if run.qa_at is not None:
        raise refuse("Questions have already started.")
    draft.emit("guest.questions_started", by="facilitator")


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {c.StartQuestions: _start_questions}


class GuestView(NamedTuple):
    speaker: str | None
    topic: str | None
    part: str
    """talk | qa."""
    talk_left_s: float
    qa_planned_s: int
    qa_left_s: float
    queue: QueueView


def guest_view(state: SessionState, t: float) -> GuestView | None:
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, GuestSpeakerPhase):
        return None
    remaining = phase_remaining(state, t)
    in_qa = run.qa_at is not None
    talk_left = 0.0 if in_qa else phase.talk_seconds - phase_elapsed(state, t)
    qa_planned = phase.qa or 0
    return GuestView(
        speaker=phase.speaker,
        topic=phase.topic,
        part="qa" if in_qa else "talk",
        talk_left_s=talk_left,
        qa_planned_s=qa_planned,
        qa_left_s=remaining if in_qa else float(min(qa_planned, max(0.0, remaining))),
        queue=queue_view(state, t),
    )


class GuestSpeaker(PhaseKind):
    kind: ClassVar[str] = "guest-speaker"
    actions: ClassVar[frozenset[str]] = frozenset({"guest.questions"})
    footer: ClassVar[frozenset[str]] = frozenset({"hand.raise", "turn.next", "turn.facilitator"})

    def step(self, state: SessionState) -> Step | None:
        run = state.phase
        if run is not None and run.qa_at is None:
            return Step("start-questions")
        return None

    def take(self, draft: Draft, step: Step) -> None:
        draft.emit("guest.questions_started", by="facilitator")

    def back(self, draft: Draft) -> None:
        run = draft.state.phase
        if run is not None and run.qa_at is not None:
            raise refuse("Questions have started: the talk cannot be resumed.")
        super().back(draft)

    def view(self, state: SessionState, t: float) -> object:
        return guest_view(state, t)

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        phase = state.phase_plan()
        return phase.topic if isinstance(phase, GuestSpeakerPhase) else None

    def tick(self, draft: Draft) -> None:
        """Questions open by themselves when the talk's time is up."""
        state = draft.state
        run = state.phase
        phase = state.phase_plan()
        if (
            isinstance(phase, GuestSpeakerPhase)
            and phase.qa
            and run is not None
            and run.qa_at is None
            and phase_elapsed(state, draft.t) >= phase.talk_seconds
        ):
            draft.emit("guest.questions_started", by="time")


KIND = GuestSpeaker()
