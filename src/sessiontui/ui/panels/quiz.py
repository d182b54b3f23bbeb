"""A quiz: the question and its choices, the answer once revealed, the scores."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.quiz import QuizView
from sessiontui.journal.roster import Names
from sessiontui.ui.look import Look
from sessiontui.ui.panels.base import PhasePanel


def quiz_text(view: QuizView, names: Names, look: Look) -> Text:
    text = Text()
    text.append(f"Question {view.index + 1}/{view.total}: ", style=look.strong)
    text.append(view.question)
    for number, choice in enumerate(view.choices, 1):
        text.append(f"\n {number}) ")
        right = view.revealed and choice == view.answer
        text.append(choice, style=look.flag if right else "")
        if right:
            text.append("  ✓ answer", style=look.strong)
    if view.revealed and not view.choices:
        text.append("\nAnswer: ", style=look.strong)
        text.append(view.answer or "")
    elif not view.revealed:
        hint = look.hint("quiz.reveal", "reveal the answer")
        if hint:
            text.append(f"\n{hint}", style=look.muted)
    if view.scores:
        text.append("\nScores: ", style=look.strong)
        text.append(", ".join(f"{names.name(p)} {points}" for p, points in view.scores))
    return text


class QuizPanel(PhasePanel):
    kind: ClassVar[str] = "quiz"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, QuizView)
        return quiz_text(view, names, look)
