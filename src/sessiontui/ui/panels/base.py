"""The shared base of the phase panels, and the look they draw with.

A panel renders its kind's view (from `core.phases`) as Rich Text. Every piece of text
a person typed or an organiser wrote goes in through `Text.append`, never as markup.
Styles are named for what they mean (muted, strong, said, flag) and come from the
theme through component classes, so a high-contrast theme changes them in CSS, with
no rewriting of spans afterwards. Keys named in hints come from the active bindings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from sessiontui.journal.roster import Names
from sessiontui.ui.widgets.static_text import set_static_text

STYLE_NAMES = ("muted", "strong", "said", "flag", "struck", "label")
_MUTED, _STRONG, _SAID = Style(dim=True), Style(bold=True), Style(italic=True)
_FLAG, _STRUCK, _LABEL = Style(bold=True, reverse=True), Style(dim=True, strike=True), Style(
    dim=True, bold=True)


@dataclass(frozen=True)
class Look:
    """How a panel draws: a style per meaning, and the key bound to an action id now.

    `key` is None where keys do not apply (a replay): hints are left out then.
    """

    muted: Style = _MUTED
    strong: Style = _STRONG
    said: Style = _SAID
    flag: Style = _FLAG
    struck: Style = _STRUCK
    label: Style = _LABEL
    key: Callable[[str], str] | None = None

    def hint(self, action_id: str, words: str) -> str | None:
        """"n: begin the round", with the key bound now; None in a replay."""
        if self.key is None:
            return None
        return f"{self.key(action_id)}: {words}"


PLAIN = Look()
"""The look without a theme (tests, exports of the screen's text)."""


def lines(*parts: Text | str | None) -> Text:
    """Join the parts that are not empty, one per line."""
    out = Text()
    first = True
    for part in parts:
        if part is None or not str(part):
            continue
        if not first:
            out.append("\n")
        out.append(part if isinstance(part, Text) else Text(part))
        first = False
    return out


class PhasePanel(Static):
    """One phase kind's panel. Subclasses set `kind` and implement `draw`."""

    kind: ClassVar[str] = ""
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"panel--{name}" for name in STYLE_NAMES}
    DEFAULT_CSS = """
    PhasePanel { height: auto; }
    PhasePanel > .panel--muted { text-style: $muted-text-style; }
    PhasePanel > .panel--strong { text-style: bold; }
    PhasePanel > .panel--said { text-style: italic; }
    PhasePanel > .panel--flag { text-style: bold reverse; }
    PhasePanel > .panel--struck { text-style: $muted-text-style strike; }
    PhasePanel > .panel--label { text-style: $muted-text-style bold; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._shown: Text | None = None

    def look(self, key: Callable[[str], str] | None) -> Look:
        """The theme's styles for this panel, and the keys (None in a replay)."""
        styles = {name: self.get_component_rich_style(f"panel--{name}", partial=True)
                  for name in STYLE_NAMES}
        return Look(key=key, **styles)

    def show(self, view: object, names: Names, look: Look) -> None:
        """Draw `view`; the widget is left alone when the text is the same."""
        text = self.draw(view, names, look) if view is not None else Text("")
        if text == self._shown:
            return
        before, self._shown = self._shown, text
        set_static_text(self, before, text)

    def draw(self, view: object, names: Names, look: Look) -> Text:
        raise NotImplementedError
