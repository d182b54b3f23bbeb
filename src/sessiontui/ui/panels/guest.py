"""A guest speaker: the talk's time left, then questions with the hand queue."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.guest import GuestView
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_clock, format_duration
from sessiontui.ui.look import Look, lines
from sessiontui.ui.panels.base import PhasePanel
from sessiontui.ui.panels.talk import queue_text


def guest_text(view: GuestView, names: Names, look: Look) -> Text:
    text = Text()
    if view.speaker:
        text.append("Speaker: ", style=look.strong)
        text.append(view.speaker)
    if view.topic:
        text.append("\nTopic: ", style=look.strong)
        text.append(view.topic)
    if view.part == "talk":
        questions = format_duration(view.qa_planned_s) if view.qa_planned_s else "no"
        text.append(f"\nTalk: {format_clock(view.talk_left_s)} left, then {questions} "
                    "of questions", style=look.strong)
        hint = look.hint("guest.questions", "open questions now")
        if hint:
            text.append(f"\n{hint}", style=look.muted)
    else:
        text.append(f"\nQuestions: {format_clock(view.qa_left_s)} left", style=look.strong)
    return lines(text, queue_text(view.queue, names, look))


class GuestPanel(PhasePanel):
    kind: ClassVar[str] = "guest-speaker"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, GuestView)
        return guest_text(view, names, look)
