"""Starting, leaving, resuming, interruptions, help, palette and the home screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.journal.catalog import list_logs
from sessiontui.journal.reader import read_chain
from sessiontui.ui.app import ResumeLog, SessiontuiApp, ShowHome
from sessiontui.ui.screens.help import HelpScreen
from sessiontui.ui.screens.session import SessionScreen
from tests.ui.helpers import START, advance, make_app, screen_text, shown, toasts


async def leave_for_later(tmp_path: Path, minutes_in: int) -> tuple[Path, FakeClock]:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, minutes_in * 60)
        await pilot.press("ctrl+q")
        await pilot.press("l")  # leave it and resume later
        await pilot.pause()
    assert app.return_value == str(app.live.log_path)
    assert "sessiontui resume" in (app.exit_message or "")
    return app.live.log_path, clock


async def test_leave_and_resume_counts_the_time_away(tmp_path: Path) -> None:
    log, clock = await leave_for_later(tmp_path, 3)
    assert read_chain(log).status == "interrupted"
    assert [s.state for s in list_logs(log.parent)] == ["interrupted"]
    clock.advance(120)  # the call went on for two minutes while the app was closed
    app = SessiontuiApp(ResumeLog(log), settings=Settings(bell=False, window_title=False),
                        clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "ARRIVE AND CHECK IN" in shown(app, "#heading")
        assert app.session_screen.query_one(Digits).value == "10:00"  # 15 - 3 - 2
        await pilot.press("n")
        assert app.live.state.round is not None
    types = [e.type for e in read_chain(log).events]
    assert "session.continued" in types


async def test_a_resumed_rehearsal_goes_on_from_where_it_was_left(tmp_path: Path) -> None:
    from sessiontui.core.events import parse_ts
    from sessiontui.plan import load_plan
    from sessiontui.ui.app import RunPlan
    from tests.conftest import SESSIONS

    clock = FakeClock(START)
    settings = Settings(bell=False, window_title=False)
    start = RunPlan(load_plan(SESSIONS / "evening-group.toml"), tmp_path / "logs",
                    rehearsal=True, speed=10.0)
    app = SessiontuiApp(start, settings=settings, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 60)  # ten minutes of rehearsal time
        await pilot.press("ctrl+q", "l")
        await pilot.pause()
    log = app.live.log_path
    before = read_chain(log).events[-1]
    clock.advance(30)  # half a minute away
    app = SessiontuiApp(ResumeLog(log), settings=settings, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Rehearsal resumed where you left it." in toasts(app)
        assert app.session_screen.query_one(Digits).value == "05:00"  # 15 - 10
    after = read_chain(log).events
    resumed = after[len(after) - 1]
    assert resumed.type == "session.continued"
    # the log's own clock never runs backwards, and the session time goes on
    assert parse_ts(resumed.ts) >= parse_ts(before.ts)
    assert resumed.t >= before.t
    assert [e.ts for e in after] == sorted(e.ts for e in after)


async def test_torn_last_line_is_cut_and_kept_on_resume(tmp_path: Path) -> None:
    log, clock = await leave_for_later(tmp_path, 1)
    with log.open("ab") as handle:
        handle.write(b'{"crc":"00000000","seq":99,"t":1')  # a line cut off by a crash
    app = SessiontuiApp(ResumeLog(log), settings=Settings(bell=False, window_title=False),
                        clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    contents = read_chain(log)
    assert contents.damage is None
    assert "recovery.truncated" in [e.type for e in contents.events]
    assert list(log.parent.glob("*.torn-*"))


async def test_sigterm_marks_the_session_interrupted_and_resumable(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.interrupt()  # what SIGHUP and SIGTERM call
        await pilot.pause()
    contents = read_chain(app.live.log_path)
    assert contents.events[-1].type == "session.interrupted"
    assert contents.status == "interrupted"
    resumed = SessiontuiApp(ResumeLog(app.live.log_path), clock=clock,
                            settings=Settings(bell=False, window_title=False))
    async with resumed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert resumed.live.state.status == "running"


async def test_quit_can_end_the_session_with_a_summary(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 300)
        await pilot.press("ctrl+q", "e")
        await pilot.pause()
        assert app.live.state.status == "ended"
        summary = str(app.screen.query_one("#summary").render())
        assert "Session ended early" in summary
        # the folder and the file each on a line of its own, so neither folds mid-word
        lines = summary.splitlines()
        assert f"  {app.live.log_path.name}" in lines
        assert any(line.strip().endswith(f"{app.live.log_path.parent.name}/") for line in lines)
        assert "Next session:" in summary


async def test_help_lists_every_key_and_closes(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (("n", "Next step"), ("N", "Back one step"), ("␣", "Pause"),
                           ("+", "Add one minute"), ("h", "Raise a hand")):
            assert any(line.lstrip("│ ").startswith(f"{key} ") and words in line
                       for line in text.splitlines()), (key, words)
        assert "^p: command palette" in text and "^q: quit" in text
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_palette_offers_phases_and_actions(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.session_screen)]
        assert "Go to phase 4: Pairs (breakout)" in titles
        assert any(t.startswith("Next (n)") for t in titles)
        assert any(t.startswith("Theme") or "theme" in t.lower() for t in titles)
        await pilot.press("ctrl+p", *"go to phase 4", "enter")
        await pilot.pause()
        assert app.live.state.phase.index == 3


async def test_keymap_from_settings_moves_a_key(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    app.settings = Settings(bell=False, window_title=False, keymap={"phase.next": "right"})
    app.keymap_overrides = dict(app.settings.keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.live.state.status == "opened"
        await pilot.press("right")
        assert app.live.state.status == "running"


async def test_tiny_and_narrow_terminals_keep_working(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, "workshop")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n")
        assert "WELCOME" in shown(app, "#heading")
        await pilot.resize_terminal(40, 12)
        await advance(app, pilot, clock, 5)
        await pilot.press("n", "x")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.session_screen.is_wide
        assert app.session_screen.query_one("#agenda").display


async def test_home_screen_opens_the_default_plan(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = SessiontuiApp(ShowHome(tmp_path / "logs"), clock=FakeClock(START),
                        settings=Settings(bell=False, window_title=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the highlighted default plan
        await pilot.press("h")  # rehearse it
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.live.rehearsal
        assert app.live.plan.session.title == "Parents' peer support - Tuesday evening"
    assert not toasts(app) or all("error" not in t for t in toasts(app))


async def test_theme_chosen_in_the_app_is_kept_for_next_time(tmp_path: Path) -> None:
    from sessiontui.config import load_settings

    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "calm"
        assert load_settings().theme is None  # starting up saves nothing
        app.theme = "high-contrast"  # what the palette's theme picker does
        await pilot.pause()
    assert load_settings().theme == "high-contrast"
    again, _ = make_app(tmp_path)
    again.settings = load_settings()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "high-contrast"


async def test_a_broken_theme_file_is_reported_and_the_default_used(tmp_path: Path) -> None:
    from sessiontui.config import user_themes_dir

    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "not a colour"\n')
    app, _ = make_app(tmp_path, theme="mine")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "calm"
        assert any("mine.toml" in t and "not a colour" in t for t in toasts(app))
        assert any('no theme called "mine"' in t for t in toasts(app))


async def test_no_color_is_honoured(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)):
        assert app.no_color


async def test_home_lists_finished_sessions_to_replay(tmp_path: Path, monkeypatch) -> None:
    from sessiontui.ui.screens.replay import ReplayScreen

    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+q", "e")
        await pilot.pause()
    monkeypatch.chdir(tmp_path)
    home = SessiontuiApp(ShowHome(tmp_path / "logs"), clock=FakeClock(START),
                         settings=Settings(bell=False, window_title=False))
    async with home.run_test(size=(80, 24)) as pilot:
        screen = home.screen
        replays = [key for key in screen.entries if key.startswith("replay:")]
        assert len(replays) == 1
        options = screen.query_one("#choices")
        index = next(i for i in range(options.option_count)
                     if options.get_option_at_index(i).id == replays[0])
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(home.screen, ReplayScreen)


async def test_large_clock_fills_the_screen_and_goes_back(tmp_path: Path) -> None:
    from sessiontui.ui.screens.large_clock import LargeClockScreen

    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+l")
        assert isinstance(app.screen, LargeClockScreen)
        await advance(app, pilot, clock, 60)
        app.screen.refresh_view()
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "14:00"
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_focus_follows_reading_order_and_is_visible(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "tab")
        focused = app.focused
        assert focused is not None and focused.id == "panel-scroll"  # the phase's panel
        assert focused.styles.border_left[0] == "tall"  # a visible mark, not colour only
        await pilot.press("h")
        assert app.focused is not None and app.focused.id == "filter"  # the dialog's field
        await pilot.press("escape")
        assert app.focused is not None and app.focused.id == "panel-scroll"


async def test_home_lists_the_ten_newest_unfinished_sessions(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from tests.unit.journal_child import log_bytes

    logs = tmp_path / "logs"
    logs.mkdir()
    for hour in range(12):  # the name carries the start: 08:00 to 19:00
        (logs / f"20261124T{8 + hour:02d}0000Z_group_{hour:08x}.jsonl").write_bytes(
            log_bytes(3))
    app = SessiontuiApp(ShowHome(logs), clock=FakeClock(START),
                        settings=Settings(bell=False, window_title=False))
    async with app.run_test(size=(80, 24)):
        options = app.screen.query_one(OptionList)
        ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        resumable = [i for i in ids if i.startswith("resume:")]
        assert len(resumable) == 10
        assert resumable[0].endswith("T190000Z_group_0000000b.jsonl")  # newest first
        assert not any("T080000Z" in i or "T090000Z" in i for i in resumable)


async def test_home_says_in_one_line_why_a_session_cannot_start(tmp_path: Path,
                                                                monkeypatch) -> None:
    from sessiontui.ui.screens.home import HomeScreen

    monkeypatch.chdir(tmp_path)
    not_a_folder = tmp_path / "logs"
    not_a_folder.write_text("a file\n")
    app = SessiontuiApp(ShowHome(not_a_folder), clock=FakeClock(START),
                        settings=Settings(bell=False, window_title=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r")  # run the default plan
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # still there, nothing crashed
        assert app.live is None
        problems = [t for t in toasts(app) if "is not a folder" in t]
        assert len(problems) == 1 and "\n" not in problems[0]


async def test_home_resume_of_a_log_open_elsewhere_says_which_process(tmp_path: Path) -> None:
    import os

    from sessiontui.journal.writer import JournalWriter
    from sessiontui.ui.screens.home import HomeScreen

    log, clock = await leave_for_later(tmp_path, 1)
    last = read_chain(log).events[-1].seq
    before = log.read_bytes()
    with JournalWriter.open_existing(log, last):  # the session is open in another window
        app = SessiontuiApp(ShowHome(log.parent), clock=clock,
                            settings=Settings(bell=False, window_title=False))
        async with app.run_test(size=(80, 24)) as pilot:
            app.resume_session(log)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert any(f"open in another sessiontui (process {os.getpid()})" in t
                       for t in toasts(app))
    assert log.read_bytes() == before



async def test_an_app_started_on_a_log_open_elsewhere_ends_with_one_line(tmp_path: Path) -> None:
    from sessiontui.journal.writer import JournalWriter

    log, clock = await leave_for_later(tmp_path, 1)
    last = read_chain(log).events[-1].seq
    with JournalWriter.open_existing(log, last):
        app = SessiontuiApp(ResumeLog(log), clock=clock,
                            settings=Settings(bell=False, window_title=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    assert app.return_code == 2 and app.live is None
    assert app.error_line is not None and "open in another sessiontui" in app.error_line
