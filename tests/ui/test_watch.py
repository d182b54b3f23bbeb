"""`sessiontui watch` on screen: the live end followed as the facilitator's app writes
the log, seeking back pauses following and End goes live again, the end of the session
is said and the screen stays; nothing is ever written."""

from __future__ import annotations

from pathlib import Path

from sessiontui.config import Settings
from sessiontui.core import commands
from sessiontui.core.clock import FakeClock
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from sessiontui.ui.app import SessiontuiApp, WatchLog
from sessiontui.ui.screens.watch import WatchScreen
from sessiontui.watch import WatchSession
from tests.conftest import SESSIONS
from tests.ui.helpers import START, screen_text, shown_on


def facilitator(tmp_path: Path, clock: FakeClock) -> LiveSession:
    live = LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"), clock=clock,
                             log_dir=tmp_path / "logs")
    live.send(commands.StartSession())
    assert live.writer.flush(5)
    return live


def watch_app(log: Path, clock: FakeClock) -> SessiontuiApp:
    return SessiontuiApp(WatchLog(WatchSession.begin(log)), clock=clock,
                         settings=Settings(bell=False, window_title=False))


def transport(app: SessiontuiApp) -> str:
    return shown_on(app.screen, "#transport")


async def saved(live: LiveSession, command, app: SessiontuiApp, pilot) -> None:
    """The facilitator does something; the watch looks at the log (as its timer would)."""
    live.send(command)
    assert live.writer.flush(5)
    app.screen.poll()
    await pilot.pause()


async def test_the_watch_follows_the_live_end(tmp_path: Path) -> None:
    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    app = watch_app(live.log_path, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WatchScreen)
            assert "LIVE" in transport(app) and "read-only" in transport(app)
            assert "ARRIVE AND CHECK IN" in shown_on(screen, "#heading")
            clock.advance(90)
            screen.poll()
            await pilot.pause()
            assert "00:01 in" not in shown_on(screen, "#status")
            assert "01:30 in" in shown_on(screen, "#status")  # counted, with no event
            await saved(live, commands.GoToPhase(1), app, pilot)
            assert "GROUND RULES" in shown_on(screen, "#heading")
            assert screen.watch.index == live.writer.last_seq
    finally:
        live.close()


async def test_seeking_back_pauses_following_and_end_goes_live(tmp_path: Path) -> None:
    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    app = watch_app(live.log_path, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            clock.advance(120)
            screen.poll()
            await pilot.press("left", "left")
            assert "10s behind live: End goes live" in transport(app)
            await saved(live, commands.GoToPhase(1), app, pilot)
            assert "ARRIVE AND CHECK IN" in shown_on(screen, "#heading")  # held back
            await pilot.press("end")
            assert "LIVE" in transport(app) and "behind" not in transport(app)
            assert "GROUND RULES" in shown_on(screen, "#heading")
            await pilot.press("space")  # play, at the live moment: nothing to play
            assert screen.watch.following and "Already at the live moment" in transport(app)
    finally:
        live.close()


async def test_the_end_of_the_session_is_said_and_the_screen_stays(tmp_path: Path) -> None:
    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    app = watch_app(live.log_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(60)
        await saved(live, commands.EndSession(), app, pilot)
        live.close()
        app.screen.poll()
        await pilot.pause()
        assert "the session ended" in transport(app)
        assert isinstance(app.screen, WatchScreen)
        clock.advance(600)
        app.screen.poll()
        await pilot.pause()
        assert "the session ended" in transport(app)


async def test_a_log_nobody_writes_opens_at_its_end_and_watch_writes_nothing(
        tmp_path: Path) -> None:
    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    live.interrupt("left to resume later")
    before = sorted(p.name for p in live.log_path.parent.iterdir())
    app = watch_app(live.log_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "not being written now" in transport(app)
        assert app.screen.watch.index == len(app.screen.watch.events)
        await pilot.press("c")  # the replay's comment key: not in a watch
        assert isinstance(app.screen, WatchScreen)
        assert "Comment" not in screen_text(app).splitlines()[-1]
    assert sorted(p.name for p in live.log_path.parent.iterdir()) == before


async def test_the_json_of_a_private_event_is_not_shown_to_a_co_host(tmp_path: Path) -> None:
    from sessiontui.ui.screens.replay import JsonDialog

    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    app = watch_app(live.log_path, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await saved(live, commands.RecordSafeguarding("p02", (0,)), app, pilot)
            await pilot.press("e")  # the event list, at the live end: the record
            await pilot.pause()
            await pilot.press("v")
            await pilot.pause()
            assert not isinstance(app.screen, JsonDialog)
            assert "p02" not in screen_text(app)
            assert "Private: not shown here" in " ".join(
                n.message for n in app._notifications)
    finally:
        live.close()
