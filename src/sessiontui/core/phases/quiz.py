"""A quiz: questions shown one at a time, the answer revealed, points for the group.

A bit of warmth for an online session: NextStep reveals the answer, then shows the
next question; points are given (and taken back, if given by mistake) per person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.draft import Draft, refuse
from sessiontui.core.phases.base import AtFirstStep, NameOf, PhaseKind, Step
from sessiontui.core.state import PhaseRun, SessionState
from sessiontui.plan.models import QuizPhase

MAX_POINTS = 100


def _quiz(draft: Draft) -> tuple[PhaseRun, QuizPhase]:
    run = guards.current_phase(draft)
    phase = draft.state.phase_plan()
    if not isinstance(phase, QuizPhase):
        raise refuse("This is not a quiz phase.")
    return run, phase


def _show_question(draft: Draft, command: c.ShowQuestion) -> None:
    run, phase = _quiz(draft)
    index = command.index
    count = len(phase.questions)
    if not isinstance(index, int) or not 0 <= index < count:
        raise refuse(f"There is no question {index!r}: the quiz has 0 to {count - 1}.")
    if index == run.step and not run.revealed:
        raise refuse("That question is showing now.")
    draft.emit("quiz.question_shown", index=index)


def _next_question(draft: Draft, command: c.NextQuestion) -> None:
    run, phase = _quiz(draft)
    if run.step + 1 >= len(phase.questions):
        raise refuse("That was the last question.")
    draft.emit("quiz.question_shown", index=run.step + 1)


def _reveal_answer(draft: Draft, command: c.RevealAnswer) -> None:
    run, _ = _quiz(draft)
    if run.revealed:
        raise refuse("The answer is already showing.")
    draft.emit("quiz.answer_revealed", index=run.step)


def _award_points(draft: Draft, command: c.AwardPoints) -> None:
    _quiz(draft)
    who = guards.person(draft, command.participant)
    points = command.points
    if not isinstance(points, int) or isinstance(points, bool) or points == 0:
        raise refuse("Give a whole number of points other than zero.")
    if abs(points) > MAX_POINTS:
        raise refuse(f"Points go up to {MAX_POINTS} at a time.")
    if draft.state.course.scores.get(who, 0) + points < 0:
        raise refuse(f"{draft.who(who)} does not have {-points} point"
                     f"{'s' if points != -1 else ''} to take back.")
    draft.emit("quiz.points_awarded", participant=who, points=points)


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.ShowQuestion: _show_question,
    c.NextQuestion: _next_question,
    c.RevealAnswer: _reveal_answer,
    c.AwardPoints: _award_points,
}


class QuizView(NamedTuple):
    index: int
    total: int
    question: str
    choices: tuple[str, ...]
    answer: str | None
    """None until revealed."""
    revealed: bool
    scores: tuple[tuple[str, int], ...]
    """Highest first."""


def quiz_view(state: SessionState, t: float = 0.0) -> QuizView | None:
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, QuizPhase):
        return None
    index = min(run.step, len(phase.questions) - 1)
    question = phase.questions[index]
    scores = sorted(state.course.scores.items(), key=lambda item: (-item[1], item[0]))
    return QuizView(
        index=index,
        total=len(phase.questions),
        question=question.question,
        choices=tuple(question.choices),
        answer=question.answer if run.revealed else None,
        revealed=run.revealed,
        scores=tuple(scores),
    )


class Quiz(PhaseKind):
    kind: ClassVar[str] = "quiz"
    actions: ClassVar[frozenset[str]] = frozenset({"quiz.reveal", "quiz.point", "quiz.take_point"})
    footer: ClassVar[frozenset[str]] = frozenset({"turn.facilitator", "copy.now"})

    def start(self, draft: Draft, index: int) -> None:
        draft.emit("quiz.question_shown", index=0)

    def step(self, state: SessionState) -> Step | None:
        run = state.phase
        phase = state.phase_plan()
        if run is None or not isinstance(phase, QuizPhase):
            return None
        if not run.revealed:
            return Step("reveal-answer", text=phase.questions[run.step].answer, index=run.step)
        if run.step + 1 < len(phase.questions):
            return Step("next-question", text=phase.questions[run.step + 1].question,
                        index=run.step + 1)
        return None

    def take(self, draft: Draft, step: Step) -> None:
        if step.action == "reveal-answer":
            draft.emit("quiz.answer_revealed", index=step.index)
        else:
            draft.emit("quiz.question_shown", index=step.index)

    def back(self, draft: Draft) -> None:
        run = draft.state.phase
        if run is None:
            raise AtFirstStep()
        if run.revealed:
            draft.emit("quiz.question_shown", index=run.step)
        elif run.step > 0:
            draft.emit("quiz.question_shown", index=run.step - 1)
        else:
            raise AtFirstStep()

    def view(self, state: SessionState, t: float) -> object:
        return quiz_view(state, t)

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        """The question and its numbered choices, for the call's chat."""
        view = quiz_view(state, t)
        if view is None:
            return None
        choices = "".join(f"\n{n}) {choice}" for n, choice in enumerate(view.choices, 1))
        return view.question + choices


KIND = Quiz()
