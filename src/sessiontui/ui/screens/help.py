"""`?`: every key of the screen underneath, grouped, from the same table as the footer.

Keys are shown as they are bound now, so a user's keymap shows here as everywhere;
the changes the keymap makes are listed in words under the table.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sessiontui.actions import UserAction
from sessiontui.ui.keys import KeyNames


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

    def __init__(self, title: str, actions: tuple[UserAction, ...], keys: KeyNames,
                 notes: str = "") -> None:
        super().__init__()
        self._title = title
        self._actions = actions
        self._keys = keys
        self._notes = notes

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            with VerticalScroll(id="keys-scroll"):
                changes = self._keys.changes()
                if changes:
                    yield Static(keymap_text(changes), id="keymap", markup=False)
                yield Static(keys_table(self._actions, self._keys), id="keys", markup=False)
                if self._notes:
                    yield Static(self._notes, id="notes", markup=False)
            keys = self._keys
            hint = (f"{keys.of('app.palette')}: command palette   {keys.of('app.quit')}: quit"
                    "   escape: close this help")
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()


def keys_table(actions: tuple[UserAction, ...], keys: KeyNames) -> Table:
    """Every key as bound now, with what it does, grouped; long help wraps."""
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
        table.add_row(Text(keys.of(action.id), style="bold"), Text(action.help))
    return table


def keymap_text(changes: list[str]) -> Text:
    text = Text("Your keymap (from the config file) changes these keys:", style="bold")
    for change in changes:
        text.append(f"\n  {change}")
    text.append("\n")
    return text
