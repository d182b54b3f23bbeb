"""What every dialog shares: a centred box, a title, escape to cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget

T = TypeVar("T")

DIALOG_CSS = """
BaseDialog {
    align: center middle;
}
BaseDialog > .dialog-box {
    width: 64;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: round $primary;
    background: $surface;
    padding: 0 1;
}
BaseDialog .dialog-hint {
    color: $text-muted;
    margin-top: 1;
}
BaseDialog .dialog-privacy {
    color: $text-muted;
    text-style: italic;
}
"""


class BaseDialog(ModalScreen[T]):
    """A modal that escape closes with None.

    `gone`, when set, says why the dialog's subject no longer exists ("The rooms have
    closed"), or None while it does: the session screen asks after every event and
    closes the dialog with that word, so no key in it can act on what has gone.
    """

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    gone: Callable[[], str | None] | None = None

    _dismissed = False

    def dismiss(self, result: T | None = None) -> AwaitComplete:  # type: ignore[override]
        """Close once. Two keys arriving in one read (`n n` on a busy machine, a key's
        auto-repeat) reach the dialog before it has gone: a second dismiss would answer
        twice and pop the screen beneath it, leaving a blank screen."""
        if self._dismissed:
            return AwaitComplete(_nothing())
        self._dismissed = True
        return super().dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _on_mount(self) -> None:
        """Text cursors blink only where motion is welcome: with reduced motion (the
        config's `reduced_motion`, or TEXTUAL_ANIMATIONS=none) they hold still."""
        if self.app.animation_level == "none":
            for field in self.query("Input, TextArea"):
                field.cursor_blink = False  # type: ignore[attr-defined]


LIST_ROWS = 12
"""A picker's list at 80x24 and up; fewer rows below, so that its hint and keys stay
in view under it (a 20-line terminal)."""


def fit_list(dialog: ModalScreen, options: Widget) -> None:
    """Give a picker's list the rows the terminal has to spare: the input, the hint and
    the keys, and the box's border, take about twelve."""
    options.styles.max_height = min(LIST_ROWS, max(3, dialog.app.size.height - LIST_ROWS))


async def _nothing() -> None:
    """What a second dismiss awaits: nothing."""
