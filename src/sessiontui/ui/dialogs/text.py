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
    `who_sees` is the privacy line under the field (core/privacy.py): typing is easier
    to get right when the dialog says who will read it.
    With `drafts`, escape keeps what was typed there (under the title), and the same
    dialog opens with it next time: a reflex escape never throws away a long note.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="dialog.save")]

    def __init__(
        self, title: str, prompt: str = "", *, placeholder: str = "", multiline: bool = False,
        max_length: int = 4000, allow_empty: bool = False, drafts: dict[str, str] | None = None,
        who_sees: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._prompt = prompt
        self._placeholder = placeholder
        self._multiline = multiline
        self._max = max_length
        self._allow_empty = allow_empty
        self._drafts = drafts
        self._who_sees = who_sees

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            if self._prompt:
                yield Static(self._prompt, markup=False)
            if self._multiline:
                area = TextArea(id="text", soft_wrap=True, show_line_numbers=False)
                area.styles.height = 6
                yield area
                yield from self._privacy_line()
                yield Static(f"ctrl+s: save   escape: {self._cancel_words}",
                             classes="dialog-hint")
            else:
                yield Input(placeholder=self._placeholder, id="text", max_length=self._max)
                yield from self._privacy_line()
                yield Static(f"enter: save   escape: {self._cancel_words}",
                             classes="dialog-hint")

    def _privacy_line(self) -> ComposeResult:
        if self._who_sees:
            yield Static(self._who_sees, classes="dialog-privacy", markup=False)

    @property
    def _cancel_words(self) -> str:
        return "cancel (keeps a draft)" if self._drafts is not None else "cancel"

    def on_mount(self) -> None:
        field = self.query_one("#text")
        draft = (self._drafts or {}).get(self._title)
        if draft:
            if isinstance(field, TextArea):
                field.load_text(draft)
                field.move_cursor(field.document.end)
            else:
                field.value = draft
                field.cursor_position = len(draft)
        field.focus()

    def _typed(self) -> str:
        field = self.query_one("#text")
        return field.text if isinstance(field, TextArea) else field.value

    def action_cancel(self) -> None:
        if self._drafts is not None:
            typed = self._typed()
            if typed.strip():
                self._drafts[self._title] = typed
            else:
                self._drafts.pop(self._title, None)
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self._typed().strip()[: self._max]
        if self._drafts is not None:
            self._drafts.pop(self._title, None)
        if text or self._allow_empty:
            self.dismiss(text)
        else:
            self.dismiss(None)
