"""The large clock: the current timer filling the screen, for a second screen or a
co-facilitator across the room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from sessiontui.actions import CLOCK_ACTIONS, by_id
from sessiontui.core import views
from sessiontui.live import LiveSession
from sessiontui.ui import render
from sessiontui.ui.keys import KeyNames, binding
from sessiontui.ui.widgets.phase_clock import PhaseClock


class LargeClockScreen(Screen[None]):
    """Only the timer and its phase, as big as the terminal allows."""

    BINDINGS = [binding(by_id("clock.close")),
                binding(by_id("view.clock"), action_name="app.pop_screen")]
    DEFAULT_CSS = """
    LargeClockScreen { align: center middle; }
    LargeClockScreen #label { text-style: bold; width: auto; }
    LargeClockScreen #back { color: $text-muted; width: auto; }
    LargeClockScreen PhaseClock Digits { text-style: bold; }
    """

    def __init__(self, live: LiveSession, keys: KeyNames) -> None:
        super().__init__()
        self.live = live
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static("", id="label", markup=False)
        with Center():
            yield PhaseClock()
        with Center():
            back = " or ".join(self.keys.of(a.id) for a in CLOCK_ACTIONS)
            yield Static(f"{back}: back to the session", id="back", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(0.5, self.refresh_view, name="large-clock")

    def refresh_view(self) -> None:
        timer = views.timer_view(self.live.state, self.live.now().t)
        digits, level, caption = render.clock_caption(timer)
        self.query_one("#label", Static).update(timer.label)
        self.query_one(PhaseClock).show(digits, level, caption)
