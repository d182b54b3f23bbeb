"""Attendance is quick and visible: everyone present in one choice, each exception in a
few keys with the picker coming back for the next, and a line that shows the result."""

from __future__ import annotations

from pathlib import Path

from sessiontui.ui.dialogs import PersonPickerDialog
from tests.ui.helpers import make_app, shown


async def test_marking_attendance_takes_few_keys_and_shows_on_screen(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert shown(app, "#people") == "People: 6 on the roster, none marked yet (a marks)"
        await pilot.press("a", "0", "enter")  # everyone not marked yet: present
        assert shown(app, "#people") == "People: 6 here"
        await pilot.press("a", "3", "enter", "l")  # Sam came late
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerDialog), "back for the next person"
        await pilot.press("4", "enter", "s")  # Margaret stepped out
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "#people") == "People: 5 here (1 late) · stepped out: Margaret"
        status = app.live.state.people.status
        assert (status["p03"], status["p04"]) == ("late", "stepped-out")
