"""The discussion: the prompt, the floor and the hands, talk-time shares."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.discussion import DiscussionView
from sessiontui.journal.roster import Names
from sessiontui.ui.look import Look, lines
from sessiontui.ui.panels.base import PhasePanel
from sessiontui.ui.panels.talk import queue_text, talk_text


def discussion_text(view: DiscussionView, names: Names, look: Look) -> Text:
    prompt = None
    if view.prompt is not None:
        prompt = Text()
        prompt.append(f"Prompt {view.prompt_number}/{view.prompts}: ", style=look.strong)
        prompt.append(view.prompt)
    parked = view.parked
    return lines(
        prompt,
        queue_text(view.queue, names, look),
        talk_text(view.talk, names, look),
        Text(f"Parking lot: {parked} item{'s' if parked != 1 else ''}", style=look.muted)
        if parked else None,
    )


class DiscussionPanel(PhasePanel):
    kind: ClassVar[str] = "discussion"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, DiscussionView)
        return discussion_text(view, names, look)
