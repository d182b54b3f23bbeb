"""The shared base of the phase panels.

A panel renders its kind's view (from `core.phases`) as Rich Text. Every piece of text
a person typed or an organiser wrote goes in through `Text.append`, never as markup.
Styles are named for what they mean (muted, strong, said, flag); the board that holds
the panel fills them in from the theme's component classes (`ui.look`), so a
high-contrast theme changes them in CSS, with no rewriting of spans afterwards. Keys
named in hints come from the active bindings.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from sessiontui.journal.roster import Names
from sessiontui.ui.look import Look
from sessiontui.ui.widgets.static_text import set_static_text


class PhasePanel(Static):
    """One phase kind's panel. Subclasses set `kind` and implement `draw`."""

    kind: ClassVar[str] = ""
    DEFAULT_CSS = "PhasePanel { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._shown: Text | None = None

    def show(self, view: object, names: Names, look: Look) -> None:
        """Draw `view`; the widget is left alone when the text is the same."""
        text = self.draw(view, names, look) if view is not None else Text("")
        if text == self._shown:
            return
        before, self._shown = self._shown, text
        set_static_text(self, before, text)

    def forget(self) -> None:
        """Draw afresh next time (the theme changed)."""
        self._shown = None

    def draw(self, view: object, names: Names, look: Look) -> Text:
        raise NotImplementedError
