"""Alerts stay out of the way: the latest one of the running phase on the line under
the status, at most two toasts at once, none over an open dialog, and a phase's alerts
gone when it ends."""

from __future__ import annotations

from pathlib import Path

from sessiontui.ui.dialogs import PersonPickerDialog
from tests.ui.helpers import advance, go_to_phase, make_app, shown, toasts


async def test_a_breakout_alert_stays_on_its_line_and_goes_with_the_phase(
        tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app, "#alert") == "Parents' peer support - Tuesday evening"
        await pilot.press("n")
        await go_to_phase(app, pilot, 3)  # Pairs
        await advance(app, pilot, clock, 30)
        await pilot.press("n")  # the rooms open: 12 minutes
        await advance(app, pilot, clock, 7 * 60 + 1)
        assert shown(app, "#alert").startswith("⚠ Broadcast to rooms now")
        await advance(app, pilot, clock, 60)  # the toast has gone; the line has not
        assert shown(app, "#alert").startswith("⚠ Broadcast to rooms now")
        await pilot.press("n", "y")  # close the rooms early
        await pilot.press("n")  # and move on to the tea break
        await pilot.pause()
        assert app.live.state.phase.index == 4
        assert shown(app, "#alert") == "Parents' peer support - Tuesday evening"
        assert not any("rooms" in t.lower() for t in toasts(app))


async def test_no_more_than_two_toasts_at_once(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(5):
            app.session_screen.notify(f"toast {n}")
        await pilot.pause()
        assert toasts(app) == ["toast 3", "toast 4"]


async def test_time_up_waits_while_a_dialog_is_open_and_never_follows_into_the_next_phase(
        tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, "workshop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        kinds = [phase.kind for phase in app.live.plan.phases]
        await go_to_phase(app, pilot, kinds.index("quiz"))
        await pilot.press("p")  # "A point for": the picker is open
        assert isinstance(app.screen, PersonPickerDialog)
        await advance(app, pilot, clock, 10 * 60 + 5)  # the quiz's time is up
        assert not any("Time is up" in t for t in toasts(app)), "nothing over the dialog"
        assert shown(app, "#alert").startswith("⚠ Time is up")
        await pilot.press("escape")
        await pilot.pause()
        assert any("Time is up" in t for t in toasts(app)), "shown once the dialog closed"
        await go_to_phase(app, pilot, kinds.index("quiz") + 1)
        assert not any("Time is up" in t for t in toasts(app))
        assert not shown(app, "#alert").startswith("⚠")


async def test_below_80x24_an_alert_is_on_its_line_and_never_a_toast(tmp_path: Path) -> None:
    """At 60x20 a toast covered the room list for eight seconds."""
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 3)  # Pairs
        await advance(app, pilot, clock, 30)
        await pilot.press("n")  # the rooms open
        await advance(app, pilot, clock, 7 * 60 + 1)
        assert shown(app, "#alert").startswith("⚠ Broadcast to rooms now")
        assert not any("Broadcast" in t for t in toasts(app))
