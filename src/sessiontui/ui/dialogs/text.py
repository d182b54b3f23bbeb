"""Type a line (or a few): notes, markers, parking-lot items, answers, takeaways."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static, TextArea

from sessiontui.ui.dialogs.base import BaseDialog


class TextDialog(BaseDialog[str | None]):
    """One text field; enter (ctrl+s for several lines) saves, escape cancels (None).

    Empty text counts as cancelling unless `allow_empty`, where it returns "".
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="dialog.save")]

    def __init__(
        self, title: str, prompt: str = "", *, placeholder: str = "", multiline: bool = False,
        max_length: int = 4000, allow_empty: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._prompt = prompt
        self._placeholder = placeholder
        self._multiline = multiline
        self._max = max_length
        self._allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            if self._prompt:
                yield Static(self._prompt, markup=False)
            if self._multiline:
                area = TextArea(id="text", soft_wrap=True, show_line_numbers=False)
                area.styles.height = 6
                yield area
                yield Static("ctrl+s: save   escape: cancel", classes="dialog-hint")
            else:
                yield Input(placeholder=self._placeholder, id="text", max_length=self._max)
                yield Static("enter: save   escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#text").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        field = self.query_one("#text")
        text = field.text if isinstance(field, TextArea) else field.value
        text = text.strip()[: self._max]
        if text or self._allow_empty:
            self.dismiss(text)
        else:
            self.dismiss(None)
