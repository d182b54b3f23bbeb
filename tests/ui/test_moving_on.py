"""Moving out of a phase with its work undone asks first, and `N` goes back across a
phase boundary: six quick `n` presses can no longer race from open rooms into the close."""

from __future__ import annotations

from pathlib import Path

from sessiontui.core.reduce import fold
from sessiontui.journal.reader import read_chain
from sessiontui.ui.dialogs import ConfirmDialog
from tests.ui.helpers import advance, go_to_phase, make_app, screen_text, shown


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog), type(app.screen)
    return " ".join(str(w.render()) for w in app.screen.query("Static"))


async def test_quick_n_presses_stop_at_open_rooms(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 3)  # Pairs
        await advance(app, pilot, clock, 30)
        await pilot.press("n")  # the rooms open
        await advance(app, pilot, clock, 30)
        await pilot.press("n", "n", "n", "n", "n")
        assert app.live.state.phase.index == 3, "still in the breakout"
        assert app.live.state.rooms is not None and app.live.state.rooms.open
        await pilot.press("n")  # close the rooms: a step of the phase itself
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("escape")
        assert app.live.state.phase.index == 3


async def test_moving_on_with_people_waiting_asks_and_says_who_is_left(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 60)
        await pilot.press("n")  # the first person's go
        await advance(app, pilot, clock, 60)
        await pilot.press("ctrl+p", *"go to phase 2", "enter")
        await pilot.pause()
        words = question(app)
        assert "have not had their go" in words and "Move on to Ground rules anyway?" in words
        await pilot.press("n")
        assert app.live.state.phase.index == 0, "no means stay"


async def test_a_phase_left_a_moment_after_it_began_asks_first(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 4)  # Tea and chat: no steps of its own
        await advance(app, pilot, clock, 3)
        await pilot.press("n")
        assert "Tea and chat began 3 seconds ago" in question(app)
        await pilot.press("y")
        assert app.live.state.phase.index == 5
        await advance(app, pilot, clock, 30)


async def test_n_back_at_a_phase_start_returns_to_the_round_where_it_was(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press("n")  # Ciara's go
        await advance(app, pilot, clock, 30)
        await pilot.press("n")  # Dev's go
        await advance(app, pilot, clock, 30)
        await go_to_phase(app, pilot, 1)  # a key too many: the ground rules
        await pilot.press("N")
        assert "Go back to Arrive and check in?" in question(app)
        await pilot.press("y")
        assert app.live.state.phase.index == 0
        assert "Now: Dev (he/him)" in shown(app, "#panel"), "Dev has the floor again"


async def test_ending_the_close_before_everyone_had_their_go_is_ended_early(
        tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 5)  # Check out
        await advance(app, pilot, clock, 30)
        await pilot.press("n")
        await advance(app, pilot, clock, 60)
        await pilot.press("E")
        words = question(app)
        assert "Ciara is mid-go and Dev, Sam, Margaret, Tomasz and Yemi have not had their " \
            "go" in words, "who, by name, not only how many"
        assert "recorded as ended early" in words
        await pilot.press("y")
        await pilot.pause()
        log = app.live.log_path
    state = fold(app.live.plan, read_chain(log).events)
    assert state.session.end_reason == "ended-early"


async def test_two_keys_in_one_read_answer_a_question_once(tmp_path: Path) -> None:
    """`n n` arriving together (a busy machine, a key's auto-repeat) once crashed the app:
    the dialog was dismissed twice and the session screen beneath it popped."""
    from textual import events

    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 30)
        await pilot.press("E")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        dialog.on_key(events.Key("n", "n"))
        dialog.on_key(events.Key("n", "n"))  # the second key, before the dialog has gone
        await pilot.pause()
        assert app.screen is app.session_screen, "back on the session, not a blank screen"
        assert app.live.state.status == "running"
        await pilot.press("n")
        assert "Now: Ciara" in shown(app, "#panel"), "the keys still work"


async def test_quitting_mid_round_says_who_is_left_before_ending(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 5)  # Check out
        await advance(app, pilot, clock, 30)
        await pilot.press("n")
        await pilot.press("ctrl+q")
        words = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Ciara is mid-go" in words and "records the session as ended early" in words


async def test_an_empty_round_never_offers_to_begin_what_n_would_not(tmp_path: Path) -> None:
    """A drop-in with no roster: the header's "n:" and the panel say the same thing."""
    app, _clock = make_app(tmp_path, "drop-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        panel = shown(app, "#panel")
        assert "begin the round" not in panel and "No one in the round yet" in panel
        assert "n: next phase" in screen_text(app)
        await pilot.press("j", *"Robin", "enter")
        await pilot.pause()
        assert "n: begin the round" in shown(app, "#panel")
        assert "n: next phase" not in screen_text(app)
