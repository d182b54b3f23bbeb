"""A trainer finding the moments that matter: who held the floor, jumps from keys and
from the palette, the event list in words, comments edited and deleted, --at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.floor import FACILITATOR
from sessiontui.journal import paths
from sessiontui.journal.comments import load_comments
from sessiontui.replay import ReplaySession
from sessiontui.ui.app import ReplayLog, SessiontuiApp
from sessiontui.ui.dialogs.pick import PickDialog
from sessiontui.ui.screens.replay import JsonDialog, ReplayScreen
from sessiontui.ui.widgets.event_list import EventList
from sessiontui.ui.widgets.lanes import FloorLanes
from sessiontui.ui.widgets.session_view import SessionView
from tests.ui.helpers import shown_on
from tests.ui.test_replay import recorded, replay_app  # noqa: F401  (a fixture)


def said(app: SessiontuiApp) -> str:
    """The transport's third line: where the last jump landed."""
    return shown_on(app.screen, "#transport").splitlines()[2]


def lanes_text(app: SessiontuiApp) -> str:
    return shown_on(app.screen, "#lanes")


def facilitator_start(replay: ReplaySession) -> float:
    return replay.floor.turns_of(FACILITATOR)[0].start


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_floor_lanes_show_who_held_the_floor(recorded: Path,  # noqa: F811
                                                       size: tuple[int, int]) -> None:
    app, _ = replay_app(recorded)
    async with app.run_test(size=size) as pilot:
        replay = app.screen.replay
        await pilot.press("l")
        await pilot.pause()
        lanes = app.screen.query_one(FloorLanes)
        assert lanes.display and not app.screen.query_one(SessionView).display
        text = lanes_text(app)
        rows = text.splitlines()
        assert len(rows) <= lanes.size.height
        assert all(len(row) <= lanes.size.width for row in rows)
        assert rows[2].startswith("Facilitator")  # their lane first, under phases and marks
        for person in ("Ciara", "Dev", "Margaret", "Yemi"):
            assert person in text
        share = round(replay.floor.share(FACILITATOR) * 100)
        assert f"{share}%" in rows[2]
        assert "▲" in rows[1]  # the markers above the lanes
        # the facilitator's one-minute turn counts as long once N is 1 minute
        assert "█" not in rows[2]
        await pilot.press("n", "1")
        await pilot.pause()
        assert "█" in lanes_text(app).splitlines()[2]
        assert "≥ 1m" in lanes_text(app)
        await pilot.press("l")
        assert app.screen.query_one(SessionView).display


async def test_the_lanes_group_people_when_there_are_many(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_report import write_log
    from gen_session import generate_events

    log = write_log(tmp_path, generate_events(1500, seed=4))  # 12 people, a workshop
    app = SessiontuiApp(ReplayLog(log), settings=replay_app(log)[0].settings)
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        lanes = app.screen.query_one(FloorLanes)
        text = lanes_text(app)
        assert lanes.mode == "paired" or "others" in text
        assert "▀" in text.splitlines()[-1] or "others" in text  # the key says what ▀ means
        assert len(text.splitlines()) <= lanes.size.height


async def test_jumps_land_where_a_trainer_asks_and_say_so(recorded: Path) -> None:  # noqa: F811
    app, _ = replay_app(recorded)
    async with app.run_test(size=(80, 24)) as pilot:
        replay = app.screen.replay
        await pilot.press("m")  # the next marker, with its label
        assert replay.events[replay.index - 1].type == "marker.added"
        assert "check-in done" in said(app) and "marker 1 of 2" in said(app)
        await pilot.press("m")
        assert "good balance" in said(app)
        await pilot.press("M")
        assert "check-in done" in said(app)
        await pilot.press("0")
        at_start = replay.index
        await pilot.press("f")  # no facilitator turn of 2 minutes or more: no move
        assert replay.index == at_start and "No facilitator turn of 2m" in said(app)
        await pilot.press("n", "1")  # N = 1 minute, and go to the first such turn
        assert replay.t == pytest.approx(facilitator_start(replay))
        assert "Long facilitator turn 1 of 1" in said(app)
        await pilot.press("p")  # whose turns: a picker
        assert isinstance(app.screen, PickDialog)
        await pilot.press(*"dev", "enter")
        turn = replay.floor.next_turn(replay.person or "", 0.0)
        assert replay.person is not None and replay.who(replay.person) == "Dev"
        assert replay.state.floor.turn is not None
        assert replay.state.floor.turn.speaker == replay.person
        assert "Dev's turn" in said(app) and turn is not None
        await pilot.press("W", "w")
        assert replay.state.floor.turn.speaker == replay.person
        await pilot.press("j")  # go to a phase
        await pilot.press(*"theme", "enter")
        phase = replay.state.phase
        assert phase is not None and replay.plan.phases[phase.index].kind == "discussion"
        assert replay.events[replay.index - 1].type == "phase.started"
        await pilot.press("g", *"3:00", "enter")  # go to a time, from the session's start
        assert replay.clock(replay.t) == "03:00"
        await pilot.press("g", *"soon", "enter")
        assert replay.clock(replay.t) == "03:00"  # a time that cannot be read moves nothing


async def test_the_palette_offers_the_replays_commands(recorded: Path) -> None:  # noqa: F811
    app, _ = replay_app(recorded)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        titles = [title for title, _, _ in screen.palette_commands()]
        for wanted in ("Next facilitator turn of N minutes or more (f)",
                       "Who held the floor (l)", "Go to phase 3: This week's theme",
                       "Turns of Dev", "Events: only Ciara", "Marker "):
            assert any(t.startswith(wanted) for t in titles), wanted
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"turns of dev")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        replay = screen.replay
        assert replay.person is not None and replay.who(replay.person) == "Dev"
        assert replay.state.floor.turn is not None


async def test_the_event_list_says_who_and_what_and_moves_the_replay(
    recorded: Path,  # noqa: F811
) -> None:
    app, _ = replay_app(recorded)
    async with app.run_test(size=(99, 30)) as pilot:  # the list takes the width
        replay = app.screen.replay
        await pilot.press("9", "e")
        table = app.screen.query_one(EventList)
        rows = ["  ".join(str(cell) for cell in table.get_row_at(n))
                for n in range(table.row_count)]
        text = "\n".join(rows)
        assert "Ciara's turn ended (" in text  # names from the roster, lengths in words
        assert "Marker: good balance" in text
        assert "Private note: Ciara looked tired" in text  # shown, and marked private
        assert "Follow-up for Ciara (private): seemed low" in text
        assert "turn.ended" not in text
        await pilot.press("slash", *"ciara", "enter")  # only Ciara
        rows = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
        assert rows and all("Ciara" in row for row in rows)
        assert "Ciara" in shown_on(app.screen, "#events-head")
        await pilot.press("slash", *"kind: turns", "enter")  # and only turns and hands
        rows = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
        assert rows and all("turn" in row or "hand" in row for row in rows)
        await pilot.press("home", "enter")  # the first of them: the replay goes there
        position = table.position_at_cursor()
        assert position is not None and replay.index == position + 1
        await pilot.press("v")
        assert isinstance(app.screen, JsonDialog)
        await pilot.press("escape", "slash", *"everything", "enter")
        assert table.row_count == len(replay.events)


async def test_private_notes_show_beside_the_board_marked_private(
    recorded: Path,  # noqa: F811
) -> None:
    app, _ = replay_app(recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        replay = app.screen.replay
        note = next(i for i, e in enumerate(replay.events) if e.type == "note.added")
        replay.seek_index(note + 1)
        app.screen.refresh_view()
        await pilot.pause()
        beside = shown_on(app.screen, "#comments")
        assert "Private note: Ciara looked tired" in beside and "🔒" in beside


async def test_comments_are_edited_and_deleted_from_the_replay(
    recorded: Path, tmp_path: Path,  # noqa: F811
) -> None:
    log = tmp_path / recorded.name
    log.write_bytes(recorded.read_bytes())
    app, _ = replay_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "c", *"Pace was good", "ctrl+s")
        await pilot.press("7", "c", *"Invite quieter ones", "ctrl+s")
        assert [c.text for c in load_comments(log)] == ["Pace was good",
                                                        "Invite quieter ones"]
        await pilot.press("C")  # the nearest first
        await pilot.press("enter", "e", "ctrl+a", "ctrl+k")  # edit: clear, retype
        await pilot.press(*"Invite Dev in", "ctrl+s")
        assert [c.text for c in load_comments(log)] == ["Pace was good", "Invite Dev in"]
        assert "changed" in said(app)
        await pilot.press("C", *"pace", "enter", "d")
        assert [c.text for c in load_comments(log)] == ["Invite Dev in"]
        assert "deleted" in said(app)


async def test_a_damaged_comments_file_is_said_and_never_overwritten(
    recorded: Path, tmp_path: Path,  # noqa: F811
) -> None:
    log = tmp_path / recorded.name
    log.write_bytes(recorded.read_bytes())
    comments = paths.comments_path(log)
    damaged = b'{"format": "sessiontui/comments", "comments": [{"t": 1, "text": "a"},'
    comments.write_bytes(damaged)
    comments.chmod(0o600)
    app, _ = replay_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        banner = shown_on(app.screen, "#damage")
        assert "not valid JSON" in banner and comments.name in banner
        await pilot.press("5", "c", *"would overwrite", "ctrl+s")
        await pilot.pause()
        assert any("not saved" in str(n.message) for n in app._notifications)
    assert comments.read_bytes() == damaged


async def test_at_opens_the_replay_at_that_time(recorded: Path) -> None:  # noqa: F811
    opened = ReplaySession.begin(recorded)
    opened.start_at = 120.0
    app, _ = replay_app(recorded)
    app.start = ReplayLog(recorded, opened)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        replay = app.screen.replay
        assert replay.clock(replay.t) == "02:00"
        assert "02:00 in" in shown_on(app.screen, "#status")
        assert "Started at 02:00" in said(app)
    late = ReplaySession.begin(recorded)
    late.start_at = 99 * 3600
    app, _ = replay_app(recorded)
    app.start = ReplayLog(recorded, late)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert late.t == late.end_t and "after the end of the log" in said(app)


@pytest.mark.parametrize("bad", ["soon", "12:75", "-", "1:2:3:4"])
def test_at_that_cannot_be_read_is_one_line_and_exit_2(recorded: Path, bad: str,  # noqa: F811
                                                       capsys) -> None:
    assert main(["replay", str(recorded), "--at", bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--at" in err and "46:34" in err


def test_comments_file_stays_json_a_report_can_read(recorded: Path, tmp_path: Path,  # noqa: F811
                                                    ) -> None:
    from datetime import UTC, datetime

    log = tmp_path / recorded.name
    log.write_bytes(recorded.read_bytes())
    replay = ReplaySession.open(log)
    replay.seek_fraction(0.5)
    replay.add_comment("Half way", datetime(2026, 11, 24, 21, tzinfo=UTC))
    data = json.loads(paths.comments_path(log).read_text("utf-8"))
    assert data["comments"][0]["t"] == pytest.approx(replay.t, abs=1e-3)
    assert load_comments(log)[0].text == "Half way"


async def test_the_heading_names_the_rounds_next_step_and_the_clock_the_sessions(
    recorded: Path,  # noqa: F811
) -> None:
    app, _ = replay_app(recorded)
    async with app.run_test(size=(80, 24)) as pilot:
        replay = app.screen.replay
        moved = next(i for i, e in enumerate(replay.events) if e.type == "round.moved")
        replay.seek_index(moved + 1)
        app.screen.refresh_view()
        await pilot.pause()
        heading = shown_on(app.screen, "#heading")
        following = replay.state.round.order[1]
        assert f"next: next person, {replay.who(following)}" in heading
        assert "next phase" not in heading
        started = next(e.t for e in replay.events if e.type == "session.started")
        assert replay.clock(started) == "00:00"
        assert f"{replay.clock(replay.t)} in" in shown_on(app.screen, "#status")


async def test_a_keymap_shows_in_the_replays_own_texts(recorded: Path) -> None:  # noqa: F811
    from sessiontui.config import Settings

    app, clock = replay_app(recorded)
    app = SessiontuiApp(ReplayLog(recorded), clock=clock, settings=Settings(
        bell=False, window_title=False,
        keymap={"replay.long_length": "L", "replay.filter": "F4", "replay.lanes": "y"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")  # the lanes on their new key
        await pilot.pause()
        assert "(L)" in lanes_text(app).splitlines()[-1]
        await pilot.press("e")
        await pilot.pause()
        assert "F4 filter" in shown_on(app.screen, "#events-head")
