"""Pick a person: type their roster number or part of their name, then enter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.spelling import roster_match as matches
from sessiontui.ui.dialogs.base import BaseDialog, fit_list


class PersonPickerDialog(BaseDialog[str | None]):
    """A filtered roster; dismisses with the chosen person's id."""

    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]
    DEFAULT_CSS = """
    PersonPickerDialog OptionList { height: auto; max-height: 12; border: none; }
    """

    def __init__(self, title: str, people: list[tuple[int, str, str]], hint: str = "",
                 aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        """`people` is (roster number, id, label): the same number for a person in every
        list, so a facilitator can learn it. `aliases` (id -> other names from the plan)
        are matched too, never shown."""
        super().__init__()
        self._title = title
        self._people = people
        self._hint = hint
        self._aliases = aliases or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            yield Input(placeholder="number or part of a name", id="filter")
            yield OptionList(id="people")
            yield Static("", id="none", markup=False)
            yield from self.compose_more()
            hint = "enter: choose   up/down: move   escape: cancel"
            yield Static(f"{self._hint}\n{hint}" if self._hint else hint,
                         classes="dialog-hint", markup=False)

    def compose_more(self) -> ComposeResult:
        """Widgets a subclass shows under the list (none here)."""
        return iter(())

    def on_mount(self) -> None:
        fit_list(self, self.query_one("#people", OptionList))
        self._refill("")
        self.query_one("#filter", Input).focus()

    def _refill(self, query: str) -> None:
        options = self.query_one("#people", OptionList)
        options.clear_options()
        for number, person_id, label in self._people:
            if matches(query, number, label, self._aliases.get(person_id, ())):
                options.add_option(Option(Text(f"{number:>3}  {label}"), id=person_id))
        if options.option_count:
            options.highlighted = 0
        none = self.query_one("#none", Static)
        none.update("" if options.option_count else f"No one matches \u201c{query.strip()}\u201d")
        none.display = not options.option_count
        self._typed = bool(query.strip())

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#people", OptionList)
        if not self._typed and not self._moved:
            self.notify("Type a number or part of a name first (or use the arrows)",
                        markup=False)
            return
        if options.highlighted is not None and options.option_count:
            self.choose(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id)

    def choose(self, person_id: str | None) -> None:
        """Answer with the chosen person (a subclass may answer with more)."""
        self.dismiss(person_id)

    def highlighted_person(self) -> str | None:
        """The id of the person enter would choose now, if any."""
        options = self.query_one("#people", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    _typed = False
    _moved = False

    def action_move(self, step: int) -> None:
        self._moved = True
        options = self.query_one("#people", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
