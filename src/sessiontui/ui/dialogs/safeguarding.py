"""The safeguarding panel: the group's agreed words and the helplines to copy into the
call's chat, the plan's steps as a checklist, and a private note to follow.

It sends nothing itself: it answers with the steps ticked (and whether a note should
follow), and the session screen records them. The record holds no words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.plan.models import Safeguarding
from sessiontui.ui.dialogs.base import BaseDialog

PRIVACY = ("Private: who and the steps are recorded, never words; only in your own "
           "report, with --include-notes.")


class SafeguardingAnswer(NamedTuple):
    """What the facilitator did in the panel."""

    steps: tuple[int, ...]
    """Every step ticked (those done before included)."""
    note: bool
    """A private note should follow."""
    someone_else: bool = False
    """The panel is about someone else: choose them again."""


class SafeguardingDialog(BaseDialog[SafeguardingAnswer | None]):
    """The panel for one person (or no one in particular). Escape closes it, keeping
    what was ticked."""

    BINDINGS = [
        Binding("ctrl+s", "done", "Done", show=False),
        Binding("w", "copy_words", "Copy words", show=False),
        Binding("o", "note", "Note", show=False),
        Binding("p", "someone_else", "Someone else", show=False),
        Binding("pageup", "scroll(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll(1)", "Scroll down", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    SafeguardingDialog > .dialog-box { width: 76; height: auto; max-height: 100%; }
    SafeguardingDialog VerticalScroll { height: auto; max-height: 40vh; }
    SafeguardingDialog OptionList, SafeguardingDialog OptionList:focus {
        height: auto; max-height: 25vh; border: none; padding: 0; background: $surface; }
    SafeguardingDialog .heading { text-style: bold; }
    SafeguardingDialog .dialog-hint { margin-top: 0; }
    SafeguardingDialog #copied { display: none; text-style: bold; }
    """

    def __init__(self, care: Safeguarding | None, who: str, done: tuple[int, ...],
                 copy: Callable[[str], None]) -> None:
        """`who` is the person's name or "no one in particular"; `done` the steps already
        recorded for them; `copy(text)` copies text for the chat."""
        super().__init__()
        self._care = care
        self._who = who
        self._done = done
        self._copy = copy

    def compose(self) -> ComposeResult:
        care = self._care
        with Vertical(classes="dialog-box") as box:
            box.border_title = f"Safeguarding: {self._who}"
            with VerticalScroll():
                if care is None:
                    yield Static("This plan has no [safeguarding] table: ask your "
                                 "organisation for its lead, words and helplines, and add "
                                 "them (docs/plan-format.md).", markup=False)
                else:
                    yield Static(f"Lead: {care.lead}: {care.contact}", markup=False)
                    if care.helplines:
                        yield Static("Helplines (a number copies one):", classes="heading",
                                     markup=False)
                        for number, line in enumerate(care.helplines[:9], 1):
                            yield Static(f" {number}  {line.line}", markup=False)
                    if care.wording:
                        yield Static("Our words (w copies them):", classes="heading",
                                     markup=False)
                        yield Static(care.wording, markup=False)
            if care is not None and care.steps:
                yield Static("Steps (space or enter ticks one):", classes="heading",
                             markup=False)
                yield OptionList(*(Option(self._step(index), id=str(index))
                                   for index in range(len(care.steps))), id="steps")
            yield Static("", id="copied", markup=False)
            yield Static(PRIVACY, classes="dialog-privacy", markup=False)
            yield Static("esc done · o note · p someone else · pgup/pgdn scroll",
                         classes="dialog-hint", markup=False)

    def _step(self, index: int) -> Text:
        """A step as a line of the checklist: ticked or not in words, not colour."""
        assert self._care is not None
        if index in self._done:
            mark = "[x] "
            tail = " (done before)"
        else:
            mark = "[x] " if index in self._ticked_now else "[ ] "
            tail = ""
        return Text(mark + self._care.steps[index] + tail)

    def on_mount(self) -> None:
        steps = self.query("#steps")
        if steps:
            steps.first().focus()

    _ticked_now: frozenset[int] = frozenset()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Space or enter ticks a step, or unticks it (a step done before stays done)."""
        event.stop()
        index = int(event.option.id or 0)
        if index in self._done:
            return
        self._ticked_now = self._ticked_now ^ {index}
        event.option_list.replace_option_prompt_at_index(event.option_index, self._step(index))

    def key_space(self) -> None:
        found = self.query("#steps")
        if found and found.first().has_focus:
            found.first(OptionList).action_select()

    def action_scroll(self, direction: int) -> None:
        """The lead, helplines and words scroll while the checklist keeps the keys
        (priority bindings: the checklist would take page keys for itself)."""
        area = self.query_one(VerticalScroll)
        area.scroll_relative(y=direction * max(1, area.size.height - 1), animate=False)

    def _ticked(self) -> tuple[int, ...]:
        return tuple(sorted(set(self._done) | self._ticked_now))

    def on_key(self, event: events.Key) -> None:
        care = self._care
        if care is not None and event.character and event.character in "123456789":
            index = int(event.character) - 1
            if index < len(care.helplines):
                event.stop()
                helpline = care.helplines[index]
                self._copied(helpline.line, helpline.name)

    def action_copy_words(self) -> None:
        if self._care is not None and self._care.wording:
            self._copied(self._care.wording, "our words")
        else:
            line = self.query_one("#copied", Static)
            line.update("The plan has no safeguarding wording to copy.")
            line.display = True

    def _copied(self, text: str, what: str) -> None:
        """Said on a line of the panel, not a toast: a toast would cover the steps."""
        self._copy(text)
        line = self.query_one("#copied", Static)
        line.update(f"Copied {what}: paste it into the call's chat.")
        line.display = True

    def action_done(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), False))

    def action_cancel(self) -> None:
        """Escape is done too: what was ticked is kept, never thrown away."""
        self.action_done()

    def action_note(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), True))

    def action_someone_else(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), False, someone_else=True))
