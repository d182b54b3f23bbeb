"""Pick one of a few answers with a single key: confirmations and the quit question."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from sessiontui.ui.dialogs.base import BaseDialog


class ChoiceDialog(BaseDialog[str | None]):
    """A question and keyed answers: `[("e", "end", "End the session"), ...]`."""

    def __init__(self, title: str, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            yield Static(self._question, markup=False)
            for key, _, label in self._choices:
                yield Static(f"  {key}  {label}", markup=False, classes="choice")  # wraps
            yield Static("escape: cancel", classes="dialog-hint", markup=False)

    def on_key(self, event: events.Key) -> None:
        for key, value, _ in self._choices:
            if event.key == key or event.character == key:
                event.stop()
                self.dismiss(value)
                return


class ConfirmDialog(ChoiceDialog):
    """Yes or no; dismisses with "yes", "no" or None."""

    def __init__(self, title: str, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(title, question, [("y", "yes", yes), ("n", "no", no)])
