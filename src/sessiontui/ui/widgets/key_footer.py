"""The footer of keys, fitted to narrow terminals."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_FROM = 80
PALETTE_WIDTH = 16
"""Columns the command-palette hint takes at the footer's right ("▏^p Commands")."""
"""Columns from which the footer also shows ctrl+p. Below that its room goes to the
screen's own keys, which would otherwise be cut off; ctrl+p still works, and the help
screen lists it."""


class KeyFooter(Footer):
    """Textual's footer, giving up the command-palette hint when the terminal is narrow."""

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= PALETTE_FROM
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self.refresh(recompose=True)
