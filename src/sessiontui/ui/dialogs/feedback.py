"""Feedback on the platform: a score from 1 to 5 and an optional comment."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from sessiontui.ui.dialogs.base import BaseDialog


@dataclass(frozen=True)
class FeedbackAnswer:
    """What the dialog returns."""

    score: int
    comment: str


class FeedbackDialog(BaseDialog[FeedbackAnswer | None]):
    """Press 1-5 for the score, then type a comment (optional) and press enter."""

    def __init__(self, question: str, who: str, who_sees: str = "") -> None:
        super().__init__()
        self._who_sees = who_sees
        self._question = question
        self._who = who
        self._score: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = f"Feedback: {self._who}"
            yield Static(self._question, markup=False)
            yield Static("Score: press 1 (poor) to 5 (great)", id="score", markup=False)
            yield Input(placeholder="comment (optional), then enter", id="comment",
                        max_length=4000, disabled=True)
            if self._who_sees:
                yield Static(self._who_sees, classes="dialog-privacy", markup=False)
            yield Static("escape: cancel", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        if self._score is None and event.character in {"1", "2", "3", "4", "5"}:
            event.stop()
            self._score = int(event.character)
            self.query_one("#score", Static).update(f"Score: {self._score} of 5")
            comment = self.query_one("#comment", Input)
            comment.disabled = False
            comment.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._score is not None:
            self.dismiss(FeedbackAnswer(self._score, event.value.strip()))
