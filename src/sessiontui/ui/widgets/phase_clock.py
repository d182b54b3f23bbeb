"""The current timer in big digits, with its state in words and symbols as well as colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from sessiontui.ui.widgets.static_text import set_static_text

LEVELS = ("normal", "warning", "overtime", "paused")


class PhaseClock(Vertical):
    """Big digits for the timer that matters now, and a one-line caption under them."""

    DEFAULT_CSS = """
    PhaseClock { width: auto; height: auto; align-horizontal: center; }
    PhaseClock Digits { width: auto; color: $timer-normal; }
    PhaseClock .caption { width: auto; color: $text-muted; }
    PhaseClock.-warning Digits { color: $timer-warning; }
    PhaseClock.-warning .caption { color: $timer-warning; text-style: bold; }
    PhaseClock.-overtime Digits { color: $timer-overtime; }
    PhaseClock.-overtime .caption { color: $timer-overtime; text-style: bold reverse; }
    PhaseClock.-paused Digits { color: $text-muted; }
    PhaseClock.-paused .caption { text-style: bold; }
    PhaseClock.-small Digits { display: none; }
    PhaseClock.-small .big-text { display: block; }
    PhaseClock .big-text { display: none; text-style: bold; }
    """

    _shown: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="digits")
        yield Static("", classes="big-text", markup=False)
        yield Static("", classes="caption", markup=False)

    def show(self, time_text: str, level: str, caption: str) -> None:
        """Display `time_text` ("04:32", "+01:20") at `level` with a caption in words."""
        before = self._shown or (None, None, None)
        if (time_text, level, caption) == before:
            return
        self._shown = (time_text, level, caption)
        self.query_one(Digits).update(time_text)
        set_static_text(self.query_one(".big-text", Static), before[0], time_text)
        set_static_text(self.query_one(".caption", Static), before[2], caption)
        for name in LEVELS:
            self.set_class(name == level, f"-{name}")

    @property
    def time_text(self) -> str:
        return self.query_one(Digits).value

    @property
    def caption(self) -> str:
        return str(self.query_one(".caption", Static).content)
