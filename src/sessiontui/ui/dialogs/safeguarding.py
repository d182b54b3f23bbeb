"""The safeguarding panel: the group's agreed words and the helplines to copy into the
call's chat, the plan's steps as a checklist, and a private note to follow.

It sends nothing itself: it answers with the steps ticked (and whether a note should
follow), and the session screen records them. The record holds no words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from sessiontui.plan.models import Safeguarding
from sessiontui.ui.dialogs.base import BaseDialog

PRIVACY = ("Private: recorded without words (who, and the steps done); only in your own "
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
    ]
    DEFAULT_CSS = """
    SafeguardingDialog > .dialog-box { width: 76; }
    SafeguardingDialog VerticalScroll { height: auto; max-height: 14; }
    SafeguardingDialog SelectionList { height: auto; max-height: 8; border: none;
                                       padding: 0; }
    SafeguardingDialog .heading { text-style: bold; margin-top: 1; }
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
                    yield Static(f"Safeguarding lead: {care.lead}: {care.contact}",
                                 markup=False)
                    if care.wording:
                        yield Static("Our words (w copies them)", classes="heading",
                                     markup=False)
                        yield Static(care.wording, markup=False)
                    if care.helplines:
                        yield Static("Helplines (a number copies one)", classes="heading",
                                     markup=False)
                        for number, line in enumerate(care.helplines[:9], 1):
                            yield Static(f" {number}  {line.line}", markup=False)
                    if care.steps:
                        yield Static("Steps (space or enter ticks one)", classes="heading",
                                     markup=False)
            if care is not None and care.steps:
                yield SelectionList[int](*(
                    Selection(step, index, index in self._done, disabled=index in self._done)
                    for index, step in enumerate(care.steps)), id="steps")
            yield Static(PRIVACY, classes="dialog-privacy", markup=False)
            yield Static("o: a private note after   p: someone else   escape: done",
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        steps = self.query("#steps")
        if steps:
            steps.first().focus()

    def _ticked(self) -> tuple[int, ...]:
        found = self.query("#steps")
        if not found:
            return ()
        return tuple(sorted(found.first(SelectionList).selected))

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
            self.notify("The plan has no safeguarding wording to copy.", markup=False)

    def _copied(self, text: str, what: str) -> None:
        self._copy(text)
        self.notify(f"Copied {what}: paste it into the call's chat (if nothing pastes, "
                    "your terminal blocks the clipboard: read it from here)", markup=False,
                    timeout=6)

    def action_done(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), False))

    def action_cancel(self) -> None:
        """Escape is done too: what was ticked is kept, never thrown away."""
        self.action_done()

    def action_note(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), True))

    def action_someone_else(self) -> None:
        self.dismiss(SafeguardingAnswer(self._ticked(), False, someone_else=True))
