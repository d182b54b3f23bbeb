"""`?`: every key of the screen underneath, grouped, from the same table as the footer."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sessiontui.actions import UserAction


class HelpScreen(ModalScreen[None]):
    """The key table, searchable by eye; escape or ? closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90; max-width: 100%; height: 90%;
        border: round $primary; background: $surface;
    }
    HelpScreen VerticalScroll { height: 1fr; padding: 0 1; }
    HelpScreen .dialog-hint { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, title: str, actions: tuple[UserAction, ...], extra: str = "") -> None:
        super().__init__()
        self._title = title
        self._actions = actions
        self._extra = extra

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            with VerticalScroll(id="keys-scroll"):
                yield Static(keys_text(self._actions), id="keys", markup=False)
            hint = "ctrl+p: command palette   ctrl+q: quit   escape: close this help"
            yield Static(f"{self._extra}\n{hint}" if self._extra else hint,
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()


def keys_text(actions: tuple[UserAction, ...]) -> Table:
    """Every key with what it does, grouped; long help wraps within its own column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    group = None
    for action in actions:
        if action.group != group:
            if group is not None:
                table.add_row("", "")
            group = action.group
            table.add_row(Text(group, style="bold underline"), "")
        table.add_row(Text(action.key_display or action.key, style="bold"), Text(action.help))
    return table
