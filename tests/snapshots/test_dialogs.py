"""Snapshots of every dialog a facilitator meets, help with a user's keymap, and the
end-of-session summary. Sync tests on a frozen clock (see test_screens.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.snapshots.test_screens import PHASES, saved
from tests.ui.helpers import go_to_phase, make_app

# (plan, phase to jump to or None, keys that open the dialog)
DIALOGS = {
    "pause-reason": ("evening-group", 2, ("space",)),
    "note": ("evening-group", 2, ("o",)),
    "marker": ("evening-group", 2, ("m",)),
    "raise-a-hand": ("evening-group", 2, ("h",)),
    "follow-up": ("evening-group", 2, ("f", "1", "enter")),
    "attendance": ("evening-group", 0, ("a", "2", "enter")),
    "walk-in": ("evening-group", 0, ("j",)),
    "end-the-session": ("evening-group", 2, ("E",)),
    "quit": ("evening-group", 2, ("ctrl+q",)),
    "room-help": ("workshop", PHASES["breakout"], ("n", "exclamation_mark")),
    "report-back": ("workshop", PHASES["breakout"], ("n", "g")),
    "a-point-for": ("workshop", PHASES["quiz"], ("p",)),
    "feedback": ("workshop", PHASES["close"], ("F", "down", "enter")),
    "takeaway": ("workshop", PHASES["close"], ("T",)),
    "safeguarding": ("evening-group", 2, ("S", "2", "enter", "down", "space")),
    "ready-texts": ("workshop", 2, ("C",)),
}


def opened(phase: int | None, keys: tuple[str, ...]):
    async def run_before(pilot) -> None:
        app = pilot.app
        if phase is not None:
            await go_to_phase(app, pilot, phase)
        await saved(pilot)
        app.clear_notifications()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("name", DIALOGS, ids=list(DIALOGS))
def test_dialog(snap_compare, tmp_path: Path, name: str) -> None:
    plan, phase, keys = DIALOGS[name]
    app, _ = make_app(tmp_path, plan)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened(phase, keys))


def test_help_with_a_keymap(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, "evening-group",
                      keymap={"phase.next": "right", "hand.raise": "ctrl+r"})
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"],
                        run_before=saved)


def test_end_of_session_summary(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    # The summary names the log's folder and file: both fixed here, so the picture is
    # the same on every machine.
    folder = Path("/tmp/sessiontui-snapshots/summary")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    monkeypatch.setattr("sessiontui.journal.paths.new_session_id", lambda: "0" * 24 + "5e55107a")
    app, clock = make_app(folder, "evening-group")

    async def run_before(pilot) -> None:
        await pilot.press("n", "n")
        for _ in range(3):
            clock.advance(60)
            await pilot.press("n")
        await pilot.press("x")
        clock.advance(600)
        await pilot.press("E", "y")
        await saved(pilot)
        app.clear_notifications()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
