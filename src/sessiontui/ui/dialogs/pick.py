"""Pick one of a list: type to narrow it, arrows to move, enter to choose.

For lists that are not a roster (phases, filters, comments): the items are given with
their own ids and labels; what is typed matches any part of a label.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.ui.dialogs.base import BaseDialog, fit_list


class PickDialog(BaseDialog[str | None]):
    """A filtered list; dismisses with the chosen item's id (None: cancelled)."""

    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]
    DEFAULT_CSS = """
    PickDialog OptionList { height: auto; max-height: 12; border: none; }
    """

    def __init__(self, title: str, items: list[tuple[str, str]], *, placeholder: str = "",
                 hint: str = "", highlighted: str | None = None) -> None:
        """`items` is (id, label); labels are shown literally."""
        super().__init__()
        self._title = title
        self._items = items
        self._placeholder = placeholder or "type part of it to narrow the list"
        self._hint = hint
        self._highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            yield Input(placeholder=self._placeholder, id="filter")
            yield OptionList(id="items")
            names = getattr(self.app, "key_names", None)
            cancel = names.of("dialog.cancel") if names is not None else "escape"
            keys = f"enter: choose   up/down: move   {cancel}: cancel"
            yield Static(f"{self._hint}\n{keys}" if self._hint else keys,
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        fit_list(self, self.query_one("#items", OptionList))
        self._refill("")
        options = self.query_one("#items", OptionList)
        if self._highlighted is not None:
            for index, (item_id, _) in enumerate(self._items):
                if item_id == self._highlighted:
                    options.highlighted = index
                    break
        self.query_one("#filter", Input).focus()

    def _refill(self, query: str) -> None:
        options = self.query_one("#items", OptionList)
        options.clear_options()
        wanted = query.strip().casefold()
        options.add_options([Option(Text(label), id=item_id) for item_id, label in self._items
                             if not wanted or wanted in label.casefold()])
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#items", OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#items", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
