"""Build the app for tests: a frozen clock, a private log folder, no real time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import ContentSwitcher

from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.plan import load_plan, load_plan_bytes
from sessiontui.ui.app import RunPlan, SessiontuiApp
from tests.conftest import SESSIONS

START = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)


def make_app(
    tmp_path: Path, plan: str = "evening-group", *, text: str | None = None,
    rehearsal: bool = False, theme: str | None = None, keymap: dict[str, str] | None = None,
) -> tuple[SessiontuiApp, FakeClock]:
    """An app running `plan` (a sessions/ name, or TOML `text`) on a fake clock, with
    the user's `keymap` (action id -> keys) if given."""
    clock = FakeClock(START)
    loaded = load_plan_bytes(text.encode(), "test.toml") if text else load_plan(
        SESSIONS / f"{plan}.toml")
    start = RunPlan(loaded, tmp_path / "logs", rehearsal=rehearsal, speed=1.0)
    settings = Settings(bell=False, window_title=False, keymap=keymap or {})
    return SessiontuiApp(start, settings=settings, clock=clock, theme=theme), clock


async def advance(app: SessiontuiApp, pilot, clock: FakeClock, seconds: float) -> None:
    """Move time on and let the app notice, as its own timer would."""
    clock.advance(seconds)
    app.session_screen.tick()
    await pilot.pause()


def shown(app: SessiontuiApp, selector: str) -> str:
    """The plain text a Static of the session screen shows ("#panel": the phase's
    panel shown now)."""
    return shown_on(app.session_screen, selector)


def shown_on(screen, selector: str) -> str:
    """The plain text a Static on `screen` shows ("#panel": the panel shown now)."""
    if selector == "#panel":
        switcher = screen.query_one("#panels", ContentSwitcher)
        widget = switcher.query_one(f"#{switcher.current}")
    else:
        widget = screen.query_one(selector)
    content = widget.render()
    return str(getattr(content, "plain", content))


def toasts(app: SessiontuiApp) -> list[str]:
    return [n.message for n in app._notifications]


def screen_text(app: SessiontuiApp) -> str:
    """Every line the top screen shows now, as plain text (what a user reads)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def go_to_phase(app: SessiontuiApp, pilot, index: int) -> None:
    """Jump to a phase as the palette does, saying yes when the app asks first (a phase
    whose work is unfinished, or that began a moment ago)."""
    from sessiontui.ui.dialogs import ConfirmDialog

    app.session_screen.go_to_phase(index)
    await pilot.pause()
    if isinstance(app.screen, ConfirmDialog):
        await pilot.press("y")
