"""How the session's texts are drawn: a style per meaning, and the keys to name.

Styles are named for what they mean (muted, strong, said, flag), not how they look;
the widgets fill them in from the theme's component classes, so a high-contrast theme
changes them in CSS. Keys named in hints come from the active bindings (`key`), or
are left out where keys do not apply (a replay).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

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


MUTED_STYLES = {
    True: {"muted-text-style": "dim", "struck-text-style": "dim strike",
           "label-text-style": "dim bold"},
    False: {"muted-text-style": "none", "struck-text-style": "strike",
            "label-text-style": "bold"},
}
"""The theme variables behind the muted styles: dimmed, or (in themes whose secondary
text stays at full strength, such as high contrast) not."""


def look_css(widget: str) -> str:
    """The CSS giving a widget's component classes their meaning."""
    return f"""
    {widget} > .look--muted {{ text-style: $muted-text-style; }}
    {widget} > .look--strong {{ text-style: bold; }}
    {widget} > .look--said {{ text-style: italic; }}
    {widget} > .look--flag {{ text-style: bold reverse; }}
    {widget} > .look--struck {{ text-style: $struck-text-style; }}
    {widget} > .look--label {{ text-style: $label-text-style; }}
    """


COMPONENT_CLASSES = {f"look--{name}" for name in STYLE_NAMES}


def themed(widget, key: Callable[[str], str] | None) -> Look:
    """The look of a widget that declares COMPONENT_CLASSES and `look_css`: its theme's
    styles, and the keys to name (None in a replay)."""
    styles = {name: widget.get_component_rich_style(f"look--{name}", partial=True)
              for name in STYLE_NAMES}
    return Look(key=key, **styles)
