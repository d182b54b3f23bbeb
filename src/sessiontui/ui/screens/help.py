"""`?`: every key of the screen underneath, grouped, from the same table as the footer."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from sessiontui.ui.actions import UserAction, shown_key


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
    HelpScreen DataTable { height: 1fr; }
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
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            hint = "ctrl+p: command palette   ctrl+q: quit   escape: close this help"
            yield Static(f"{self._extra}\n{hint}" if self._extra else hint,
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_column("key", key="key")
        table.add_column("what it does", key="help")
        group = None
        for action in self._actions:
            if action.group != group:
                group = action.group
                table.add_row(Text(""), Text(group, style="bold"))
            table.add_row(Text(shown_key(action), style="bold"), Text(action.help))
        table.focus()
