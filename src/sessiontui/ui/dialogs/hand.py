"""Raise a hand for someone, saying where the hand came from: video, chat or voice.

People on the phone or on chat only cannot use the platform's raise-hand: they say
"Hello, this is Sam" or type in the chat. The picker starts from the way the
highlighted person joins (phone: voice, chat: chat, else video); tab (shift+tab back)
changes it. The line says it in words, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static

from sessiontui.core.queue import SOURCE_WORDS
from sessiontui.core.state import HAND_SOURCES
from sessiontui.ui.dialogs.person import PersonPickerDialog


def source_line(via: str) -> str:
    """"Hand came by voice   tab: video/chat/voice": short enough for 60 columns."""
    return f"Hand came {SOURCE_WORDS.get(via, via)}   tab: {'/'.join(HAND_SOURCES)}"


class HandPickerDialog(PersonPickerDialog):
    """A person picker that answers (id, where the hand came from)."""

    BINDINGS = [
        Binding("tab", "source(1)", "Where from", show=False, priority=True),
        Binding("shift+tab", "source(-1)", "Where from", show=False, priority=True),
    ]

    def __init__(self, title: str, people: list[tuple[int, str, str]],
                 sources: Mapping[str, str], hint: str = "",
                 aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        """`sources` gives each person's usual hand source (from how they join)."""
        super().__init__(title, people, hint, aliases)
        self._sources = sources
        self._chosen: str | None = None
        """The source the facilitator picked with tab; None: the person's usual one."""

    def compose_more(self) -> ComposeResult:
        yield Static("", id="via", markup=False)

    @property
    def source(self) -> str:
        """Where the hand came from, as enter would record it now."""
        if self._chosen is not None:
            return self._chosen
        person = self.highlighted_person()
        return self._sources.get(person, "video") if person else "video"

    def action_source(self, step: int) -> None:
        index = HAND_SOURCES.index(self.source) if self.source in HAND_SOURCES else 0
        self._chosen = HAND_SOURCES[(index + step) % len(HAND_SOURCES)]
        self._show_source()

    def _show_source(self) -> None:
        self.query_one("#via", Static).update(source_line(self.source))

    def _refill(self, query: str) -> None:
        super()._refill(query)
        self._show_source()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_source()

    def choose(self, person_id: str | None) -> None:
        if person_id is None:
            self.dismiss(None)
            return
        self.dismiss((person_id, self.source))  # type: ignore[arg-type]
