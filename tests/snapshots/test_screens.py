"""Snapshots of what a facilitator sees: every phase kind, at a roomy and a narrow size.

Sync `def` tests (snap_compare runs its own event loop), a frozen clock, no toasts.
Update after a deliberate change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.config import Settings
from sessiontui.ui.app import SessiontuiApp, ShowHome
from tests.ui.helpers import go_to_phase, make_app

# The workshop plan has one phase of every kind.
PHASES = {
    "check-in": 0, "ground-rules": 1, "guest-speaker": 2, "discussion": 3, "break": 4,
    "breakout": 5, "quiz": 6, "close": 7,
}
SIZES = {"100x30": (100, 30), "60x20": (60, 20)}


async def saved(pilot) -> None:
    """Wait for the disk: the header says "✓ saved" only once every event is fsynced,
    and a snapshot must not depend on how fast the disk is."""
    app = pilot.app
    if app.live is not None:
        assert app.live.writer.flush(timeout=30)
    await pilot.pause()


def at_phase(index: int, *keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await go_to_phase(app, pilot, index)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        app.clear_notifications()
        await saved(pilot)

    return run_before


# After jumping to each phase, one step that shows its panel at work.
STEP = {"check-in": ("n",), "guest-speaker": (), "discussion": (), "ground-rules": ("n",),
        "break": (), "breakout": ("n",), "quiz": (), "close": ("n",)}


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("kind", PHASES, ids=list(PHASES))
def test_phase_screens(snap_compare, tmp_path: Path, kind: str, size: str) -> None:
    app, _ = make_app(tmp_path, "workshop")
    assert snap_compare(app, terminal_size=SIZES[size],
                        run_before=at_phase(PHASES[kind], *STEP[kind]))


def test_ready_screen(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, "evening-group")
    assert snap_compare(app, terminal_size=(80, 24), run_before=saved)


def test_help_screen(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, "evening-group")
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"],
                        run_before=saved)


def test_home_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./sessions here: only the bundled examples
    app = SessiontuiApp(ShowHome(tmp_path / "logs"),
                        settings=Settings(bell=False, window_title=False))
    assert snap_compare(app, terminal_size=(80, 24))


THEMES = ["calm", "daylight", "high-contrast", "colour-safe"]


@pytest.mark.parametrize("theme", THEMES)
def test_live_screen_in_every_theme(snap_compare, tmp_path: Path, theme: str) -> None:
    """The discussion at 80x24 in warning state, in each shipped theme."""
    app, clock = make_app(tmp_path, "evening-group", theme=theme)

    async def run_before(pilot) -> None:
        await go_to_phase(app, pilot, 2)
        await pilot.press("h", "2", "enter", "h", "3", "enter", "enter")
        clock.advance(21 * 60)  # into the 5-minute warning
        app.session_screen.tick()
        await pilot.pause()
        app.clear_notifications()
        await saved(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("kind", ["breakout", "quiz"])
def test_alerts_pending_at_80x24(snap_compare, tmp_path: Path, kind: str) -> None:
    """Alerts due in a breakout (a broadcast, then a time warning) and in a quiz (time
    is up while the point picker is open): the latest on the line under the status, at
    most two toasts, and none over the dialog."""
    app, clock = make_app(tmp_path, "workshop")

    async def run_before(pilot) -> None:
        await go_to_phase(app, pilot, PHASES[kind])
        if kind == "breakout":
            await pilot.press("n")  # the rooms open
            steps = (15 * 60 + 1, 4 * 60)
        else:
            await pilot.press("p")  # "A point for" is open when the time runs out
            steps = (8 * 60 + 1, 2 * 60 + 5)
        for seconds in steps:
            clock.advance(seconds)
            app.session_screen.tick()
            await pilot.pause()
        await saved(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_a_rehearsal_at_40x12(snap_compare, tmp_path: Path) -> None:
    """The smallest screen: REHEARSAL and Quit still in view."""
    app, _ = make_app(tmp_path, "evening-group", rehearsal=True)
    assert snap_compare(app, terminal_size=(40, 12), press=["n", "n"], run_before=saved)


def test_queue_with_phone_and_chat_hands_at_80x24(snap_compare, tmp_path: Path) -> None:
    """The discussion's queue says in words how people join and where each hand came
    from: Bríd is on the phone (by voice), Hamza on chat only, Aled's hand in the chat."""
    async def run_before(pilot) -> None:
        app = pilot.app
        await go_to_phase(app, pilot, PHASES["discussion"])
        for keys in (("h", "2", "enter"), ("h", "8", "enter"), ("h", "1", "tab", "enter")):
            await pilot.press(*keys)
            await pilot.pause()
        app.clear_notifications()
        await saved(pilot)

    app, _ = make_app(tmp_path, "workshop")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
