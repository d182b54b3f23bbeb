"""Replay for trainers: every key, exact seeking both ways, comments, names, damage."""

from __future__ import annotations

import random
import stat
import threading
from pathlib import Path

import pytest

from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.core.reduce import fold
from sessiontui.journal import paths
from sessiontui.journal.errors import LogError
from sessiontui.journal.reader import LogContents
from sessiontui.replay import ReplaySession
from sessiontui.ui.app import ReplayLog, SessiontuiApp
from sessiontui.ui.screens import replay as replay_screen
from sessiontui.ui.screens.help import HelpScreen
from sessiontui.ui.screens.replay import JsonDialog, ReplayScreen
from tests.ui.helpers import START, advance, go_to_phase, make_app, shown_on


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short evening-group session: a round, turns, the facilitator's own minute,
    markers, a follow-up and a private note."""
    import asyncio

    tmp_path = tmp_path_factory.mktemp("recorded")

    async def record() -> Path:
        app, clock = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", "n")
            for _ in range(6):
                await advance(app, pilot, clock, 40)
                await pilot.press("n")
            await pilot.press("m", *"check-in done", "enter")
            await pilot.press("f", "1", "enter", *"seemed low", "enter")
            await go_to_phase(app, pilot, 2)
            await pilot.press("h", "2", "enter", "enter")
            await advance(app, pilot, clock, 120)
            await pilot.press("t")
            await advance(app, pilot, clock, 60)
            await pilot.press("t", "m", *"good balance", "enter")
            await pilot.press("o", *"Ciara looked tired", "ctrl+s")  # a private note
            await advance(app, pilot, clock, 300)
            await pilot.press("ctrl+q", "e")
            await pilot.pause()
        return app.live.log_path

    return asyncio.run(record())


def replay_app(log: Path) -> tuple[SessiontuiApp, FakeClock]:
    clock = FakeClock(START)
    app = SessiontuiApp(ReplayLog(log), clock=clock,
                        settings=Settings(bell=False, window_title=False))
    return app, clock


def test_seeking_either_way_gives_the_full_fold(recorded: Path) -> None:
    replay = ReplaySession.open(recorded)
    events = replay.events
    rng = random.Random(7)
    points = [rng.randrange(len(events) + 1) for _ in range(40)]
    for index in points + sorted(points, reverse=True):
        replay.seek_index(index)
        assert replay.state == fold(replay.plan, events[:index])
    replay.seek_t(replay.end_t / 2)
    assert replay.state == fold(replay.plan, [e for e in events if e.t <= replay.end_t / 2])


async def test_every_key_of_the_replay(recorded: Path) -> None:
    app, clock = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        replay = screen.replay
        assert replay.index == 0 and "Ready to start" in shown_in(app, "#heading")
        await pilot.press("space")  # play
        assert replay.playing
        clock.advance(3)
        screen.frame()
        assert replay.t == pytest.approx(3.0)
        await pilot.press("greater_than_sign")  # 2x
        clock.advance(2)
        screen.frame()
        assert replay.speed == 2.0 and replay.t == pytest.approx(7.0)
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign", "less_than_sign")
        assert replay.speed == 0.25  # never slower than that
        await pilot.press("space")
        assert not replay.playing
        await pilot.press("right")
        assert replay.t == pytest.approx(12.0)
        await pilot.press("left", "left", "left")
        assert replay.t == 0.0  # clamped at the start
        await pilot.press("shift+right")
        assert replay.t == pytest.approx(replay.end_t * 0.1)
        await pilot.press("shift+left")
        assert replay.t == pytest.approx(0.0)
        await pilot.press("5")
        assert replay.t == pytest.approx(replay.end_t * 0.5)
        await pilot.press("0")
        at_start = replay.index  # every event logged at t = 0
        await pilot.press("full_stop", "full_stop")
        assert replay.index == at_start + 2
        await pilot.press("comma")
        assert replay.index == at_start + 1
        await pilot.press("right_square_bracket")  # the next phase start or marker
        assert replay.events[replay.index - 1].type in ("phase.started", "marker.added")
        for _ in range(8):
            await pilot.press("right_square_bracket")
        labels = [e.data.get("label") for e in replay.events[: replay.index]
                  if e.type == "marker.added"]
        assert "check-in done" in labels
        before = replay.t
        await pilot.press("left_square_bracket")
        assert replay.t < before
        await pilot.press("i")
        assert replay.idle_cap
        await pilot.press("e")
        assert app.screen.query_one("#events").display
        await pilot.press("v")  # the highlighted event as it is in the log
        assert isinstance(app.screen, JsonDialog)
        await pilot.press("escape", "e")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
    assert app.return_value is None


def shown_in(app: SessiontuiApp, selector: str) -> str:
    return shown_on(app.screen, selector)


async def test_playing_shows_the_session_as_it_was(recorded: Path) -> None:
    app, clock = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        replay = app.screen.replay
        final = fold(replay.plan, replay.events)
        await pilot.press("9")
        await pilot.press("space")
        for _ in range(200):
            clock.advance(1)
            app.screen.frame()
        await pilot.pause()
        assert replay.index == len(replay.events) and not replay.playing
        assert replay.state == final
        assert "Session ended" in shown_in(app, "#heading")
        assert "seemed low" in shown_in(app, "#panel") or final.book.follow_ups


async def test_comments_go_beside_the_log_and_show_next_time(recorded: Path) -> None:
    before = recorded.read_bytes()
    app, _ = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "c", *"Lovely pacing", "ctrl+s")
        await pilot.pause()
    assert recorded.read_bytes() == before  # replay never writes to the log
    sidecar = paths.comments_path(recorded)
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    again = ReplaySession.open(recorded)
    assert [c.text for c in again.comments] == ["Lovely pacing"]
    assert any(t.kind == "comment" for t in again.ticks())
    app, _ = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        assert "✎" in shown_in(app, "#transport")
        assert "Lovely pacing" in shown_in(app, "#comments")


async def test_names_come_from_the_roster_or_stay_pseudonyms(recorded: Path,
                                                            tmp_path: Path) -> None:
    with_names = ReplaySession.open(recorded)
    assert with_names.names.name("p01") == "Ciara"
    copy = tmp_path / recorded.name
    copy.write_bytes(recorded.read_bytes())  # a log handed over without its roster
    app, _ = replay_app(copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        assert "pseudonyms" in shown_in(app, "#transport")
        everything = " ".join(shown_in(app, s) for s in ("#panel", "#heading", "#status"))
        assert "Ciara" not in everything


async def test_a_damaged_log_replays_its_valid_part(recorded: Path, tmp_path: Path) -> None:
    lines = recorded.read_bytes().splitlines(keepends=True)
    broken = tmp_path / recorded.name
    middle = len(lines) // 2
    broken.write_bytes(b"".join(lines[:middle]) + b"garbage\n" + b"".join(lines[middle + 1:]))
    app, _ = replay_app(broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("9")
        note = shown_in(app, "#damage")
        assert "damaged" in note and f"{middle - 1} events" in note
        assert len(app.screen.replay.events) == middle - 1


async def test_a_long_log_shows_its_start_while_the_events_are_read(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay_screen, "READ_FIRST_BYTES", 0)  # read as a long log is
    still_reading = threading.Event()
    read = ReplaySession.read

    def held(replay: ReplaySession) -> LogContents:
        still_reading.wait(10)  # the test says when the read may finish
        return read(replay)

    monkeypatch.setattr(ReplaySession, "read", held)
    app, _ = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        replay = app.screen.replay
        assert "reading the log" in shown_in(app, "#transport")
        assert "Ready to start" in shown_in(app, "#heading")
        assert "␣ plays" in shown_in(app, "#panel")  # the replay key, not the facilitator's n
        assert "next: start with" in shown_in(app, "#heading")
        await pilot.press("5")  # jump to 50%: not yet
        assert replay.index == 0
        still_reading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert replay.ready and "reading" not in shown_in(app, "#transport")
        assert f"event 0/{len(replay.events)}" in shown_in(app, "#transport")
        await pilot.press("5")
        assert replay.index > 0


async def test_a_log_that_cannot_be_read_says_so_on_screen(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_replay: ReplaySession) -> None:
        raise LogError(f"{recorded.name}: permission denied")

    monkeypatch.setattr(ReplaySession, "read", refuse)
    app, _ = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "could not be read" in shown_in(app, "#damage")
        assert "permission denied" in shown_in(app, "#damage")
        await pilot.press("space")
        assert not app.screen.replay.playing


async def test_on_a_narrow_terminal_the_event_list_takes_the_width(recorded: Path) -> None:
    from sessiontui.ui.widgets.session_view import SessionView

    app, _ = replay_app(recorded)
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.screen.query_one(SessionView)
        await pilot.press("e")
        assert not view.display  # 60 columns cannot hold both readably
        assert app.screen.query_one("#events").size.width >= 50
        await pilot.press("e")
        assert view.display
    wide, _ = replay_app(recorded)
    async with wide.run_test(size=(120, 30)) as pilot:
        await pilot.press("e")
        assert wide.screen.query_one(SessionView).display  # side by side


async def test_the_replay_counts_time_from_the_session_start_like_its_heading(
    tmp_path: Path,
) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(app, pilot, clock, 138)  # waiting for people on "Ready to start"
        await pilot.press("n")
        await advance(app, pilot, clock, 600)
        await pilot.press("ctrl+q", "e")
        await pilot.pause()
    app, clock = replay_app(app.live.log_path)
    async with app.run_test(size=(100, 30)) as pilot:
        transport = shown_in(app, "#transport")
        assert "-02:18 / 10:00" in transport  # before the start it counts down to it
        await pilot.press("9")  # near the end
        await pilot.pause()
        heading = shown_in(app, "#status")
        position = app.screen.replay.clock(app.screen.replay.t)
        assert f"{position} in" in heading.replace("  ", " ")
        assert f"{position} / 10:00" in shown_in(app, "#transport")
