"""Tea and chat: no agenda, and a gentle nudge when its time is nearly up."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.tea_break import BreakView
from sessiontui.journal.roster import Names
from sessiontui.ui.look import Look
from sessiontui.ui.panels.base import PhasePanel


def break_text(view: BreakView, look: Look) -> Text:
    text = Text("Tea and chat: no agenda, no pressure.", style=look.strong)
    if view.prompt:
        text.append("\n")
        text.append(view.prompt)
    if view.nudge:
        text.append("\nA gentle nudge: invite people back when they are ready.",
                    style=look.said)
    return text


class BreakPanel(PhasePanel):
    kind: ClassVar[str] = "break"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, BreakView)
        return break_text(view, look)
