"""The live screen driven by keys, with an injected clock: what a facilitator sees."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits, Static, TextArea

from sessiontui.core import commands
from sessiontui.core.reduce import fold
from sessiontui.journal.reader import read_chain
from sessiontui.ui.app import SessiontuiApp
from sessiontui.ui.dialogs import ChoiceDialog
from sessiontui.ui.widgets.phase_clock import PhaseClock
from tests.ui.helpers import advance, go_to_phase, make_app, shown, toasts


async def test_start_and_first_round(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Ready to start" in shown(app, "#heading")
        await pilot.press("n")
        assert "ARRIVE AND CHECK IN" in shown(app, "#heading")
        assert app.session_screen.query_one(Digits).value == "15:00"
        await pilot.press("n")  # the round begins with the first person
        assert "Now: Ciara (she/her)" in shown(app, "#panel")
        await pilot.press("x")  # Ciara passes: her right, recorded as a pass
        panel = shown(app, "#panel")
        assert "Ciara  (passed)" in panel
        assert "Now: Dev (he/him)" in panel


async def test_timer_counts_down_from_the_clock_not_ticks(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 61)
        assert app.session_screen.query_one(Digits).value == "13:59"
        # a stalled loop: 10 minutes pass between two repaints
        await advance(app, pilot, clock, 600)
        assert app.session_screen.query_one(Digits).value == "03:59"


async def test_warning_and_overtime_are_said_in_words(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await advance(app, pilot, clock, 13 * 60 + 1)  # 2 minutes left: the plan's warning
        clock_widget = app.session_screen.query_one(PhaseClock)
        assert clock_widget.has_class("-warning")
        assert "left" in clock_widget.caption and "⚠" in clock_widget.caption
        assert any("left: Arrive and check in" in t for t in toasts(app))
        await advance(app, pilot, clock, 2 * 60 + 20)
        assert clock_widget.has_class("-overtime")
        assert clock_widget.time_text == "+00:21"
        assert "OVER TIME" in clock_widget.caption
        assert any("Time is up" in t for t in toasts(app))


async def test_space_pauses_at_the_key_press_and_the_reason_follows(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        before = app.session_screen.query_one(Digits).value
        await pilot.press("space")
        assert app.live.state.status == "paused", "paused before a word is typed"
        dialog = app.screen
        assert "Private: only in your own report" in " ".join(
            str(w.render()) for w in dialog.query(".dialog-privacy")), "says who sees it"
        await advance(app, pilot, clock, 25)  # typing the reason takes a while
        await pilot.press(*"wifi", "enter")
        assert app.live.state.status == "paused"
        assert app.live.state.session.pause_reason == "wifi"
        assert "PAUSED" in shown(app, "#status")
        assert app.session_screen.query_one(Digits).value == before, "no time lost typing"
        await advance(app, pilot, clock, 120)
        assert app.session_screen.query_one(Digits).value == before
        await pilot.press("space")
        assert app.live.state.status == "running"


async def test_plus_and_minus_change_the_timer(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "plus", "plus", "minus")
        assert app.session_screen.query_one(Digits).value == "16:00"


async def test_hand_queue_turns_and_facilitator_share(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, "drop-in")
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_phase(app, pilot, 2)  # the discussion
        await pilot.press("j")
        await pilot.press(*"Sam [they/them]", "enter")
        await pilot.press("j")
        await pilot.press(*"Ana", "enter")
        await pilot.press("h", *"sam", "enter")
        await pilot.press("h", "2", "enter")  # by roster number
        panel = shown(app, "#panel")
        assert "1. Sam [they/them]" in panel and "2. Ana" in panel
        await pilot.press("enter")  # Sam gets the turn
        await advance(app, pilot, clock, 30)
        assert "Speaking: Sam [they/them]" in shown(app, "#panel")
        await pilot.press("t")  # the facilitator's own turn
        await advance(app, pilot, clock, 30)
        await pilot.press("t")
        panel = shown(app, "#panel")
        assert "You" in panel and "50%" in panel
        assert "Not spoken yet: Ana" in panel


async def open_the_pairs_rooms(app: SessiontuiApp, pilot) -> None:
    """The evening group's breakout ("Pairs"), with its rooms open."""
    await go_to_phase(app, pilot, 3)
    await pilot.press("n")


async def test_copy_puts_the_breakout_broadcast_on_the_clipboard(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_the_pairs_rooms(app, pilot)
        assert "Rooms open" in shown(app, "#panel")
        await pilot.press("c")  # just opened: the welcome broadcast
        assert app.clipboard == (
            "Welcome to your room. Share one small thing that helped you this week.")
        assert any(t.startswith("Copied:") for t in toasts(app))
        await advance(app, pilot, clock, 7 * 60 + 1)  # 5 minutes left: the warning is due
        assert any("Broadcast to rooms now" in t for t in toasts(app))
        assert "rooms close in" in app.session_screen.query_one(PhaseClock).caption
        await pilot.press("c")
        assert app.clipboard == "5 minutes left - start wrapping up"


async def test_closing_the_rooms_early_clears_their_warnings_and_says_the_time_left(
    tmp_path: Path,
) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_the_pairs_rooms(app, pilot)  # 12 minutes, warnings at 5m and 1m
        await advance(app, pilot, clock, 7 * 60 + 1)
        assert any("Broadcast to rooms now" in t for t in toasts(app))
        await advance(app, pilot, clock, 2 * 60)  # nearly 3 minutes left
        await pilot.press("n", "y")  # everyone is back early: yes, close the rooms
        await advance(app, pilot, clock, 1)
        assert app.live.state.rooms is not None and not app.live.state.rooms.open
        assert not any("Broadcast to rooms now" in t for t in toasts(app))
        # the phase's own 5-minute warning was crossed while the rooms were open
        assert "3 minutes left: Pairs" in toasts(app)
        assert not any(t.startswith("5 minutes left") for t in toasts(app))


async def test_a_room_asks_for_help_and_the_facilitator_marks_it_given(tmp_path: Path) -> None:
    """One dialog, one flow: `!` then the room's number. A room waiting for help is
    marked helped by the same keys that recorded its request."""
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_pairs_rooms(app, pilot)
        await pilot.press("exclamation_mark", "2")
        assert app.live.state.rooms.help == (2,)
        await pilot.press("exclamation_mark", "1")  # another room asks too
        assert set(app.live.state.rooms.help) == {1, 2}
        await pilot.press("exclamation_mark")
        assert "Room 2: waiting for help" in " ".join(
            str(w.render()) for w in app.screen.query(".choice"))
        await pilot.press("2")  # help given in room 2
        await pilot.pause()
        assert app.live.state.rooms.help == (1,)
        assert "Room 2: help given" in toasts(app)
        types = [e.type for e in read_chain(app.live.log_path).events]
        assert types.count("breakout.help_answered") == 1


async def test_a_room_dialog_closes_with_a_word_when_the_rooms_close(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_pairs_rooms(app, pilot)
        await pilot.press("exclamation_mark", "2")
        await pilot.press("exclamation_mark")  # the dialog is open ...
        await advance(app, pilot, clock, 13 * 60)  # ... when the rooms' time runs out
        assert not app.live.state.rooms.open
        assert not isinstance(app.screen, ChoiceDialog), "closed, not left to act"
        assert "The rooms have closed: that dialog was closed." in toasts(app)
        await pilot.press("2")  # a late key press acts on nothing
        types = [e.type for e in read_chain(app.live.log_path).events]
        assert "breakout.help_answered" not in types


async def test_markup_in_names_and_notes_is_shown_literally(tmp_path: Path) -> None:
    plan = """
[session]
title = "[b]Bold[/b] group"
[[participants]]
name = "[red]x[/red]"
[[phases]]
kind = "check-in"
duration = "5m"
prompt = "[link=https://x]click[/link] and [/]"
"""
    app, _clock = make_app(tmp_path, text=plan)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "[b]Bold[/b] group" in shown(app, "#alert")
        await pilot.press("n", "n")
        assert "[link=https://x]click[/link] and [/]" in shown(app, "#script")
        assert "Now: [red]x[/red]" in shown(app, "#panel")


async def test_refusal_is_explained(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, "drop-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await go_to_phase(app, pilot, 2)
        app.session_screen.action_next_speaker()  # nobody in the queue
        await pilot.pause()
        assert app.live.state.floor.turn is None
        assert toasts(app)[-1] == "No hands are up."


async def test_folding_the_log_gives_the_state_the_app_shows(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "x", "n")
        await advance(app, pilot, clock, 90)
        await pilot.press("o", *"a private note", "ctrl+s")
        await pilot.press("m", *"a chapter", "enter")
        live = app.live
        assert live.writer.flush(5)
        contents = read_chain(live.log_path)
        assert fold(live.plan, contents.events) == live.state
        types = [e.type for e in contents.events]
        assert "note.added" in types and "marker.added" in types


async def test_a_big_group_lists_the_next_hands_and_counts_the_rest(tmp_path: Path) -> None:
    people = "".join(f'[[participants]]\nname = "Person {n:02d}"\n' for n in range(1, 31))
    plan = (f'[session]\ntitle = "Big group"\n{people}'
            '[[phases]]\nkind = "discussion"\nduration = "30m"\n')
    app, _ = make_app(tmp_path, text=plan)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.session_screen
        screen.send(commands.StartSession())
        for number in range(1, 21):
            screen.send(commands.RaiseHand(participant=f"p{number:02d}"))
        await pilot.pause()
        panel = shown(app, "#panel")
        assert "12. Person 12" in panel and "13. Person 13" not in panel
        assert "...and 8 more hands up" in panel
        assert "Not spoken yet: Person 01, Person 02" in panel
        assert "Person 12 and 18 more" in panel and "Person 13," not in panel
        await pilot.press("enter")  # Person 01 speaks; the next hand moves up
        panel = shown(app, "#panel")
        assert "1. Person 02" in panel and "12. Person 13" in panel
        assert "...and 7 more hands up" in panel


async def test_escape_keeps_a_half_written_note_for_next_time(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press("o", *"Ciara asked about the carers' grant", "escape")
        assert not app.live.state.book.notes  # nothing was saved
        await pilot.press("o")
        area = app.screen.query_one("#text", TextArea)
        assert area.text == "Ciara asked about the carers' grant"
        assert "keeps a draft" in str(app.screen.query_one(".dialog-hint", Static).content)
        await pilot.press(*" - follow up", "ctrl+s")
        notes = list(app.live.state.book.notes)
        assert [n.text for n in notes] == ["Ciara asked about the carers' grant - follow up"]
        assert any(t.startswith("Note saved") for t in toasts(app))  # said, not just done
        await pilot.press("o")
        assert app.screen.query_one("#text", TextArea).text == ""  # saved: no draft left


async def test_a_quiz_point_given_by_mistake_can_be_taken_back(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, "workshop")
    async with app.run_test(size=(100, 30)) as pilot:
        kinds = [phase.kind for phase in app.live.plan.phases]
        await go_to_phase(app, pilot, kinds.index("quiz"))
        await pilot.press("P")
        assert toasts(app)[-1] == "Nobody has a point to take back."
        await pilot.press("p", "2", "enter")  # meant for someone else
        scores = app.live.state.course.scores
        assert list(scores.values()) == [1]
        await pilot.press("P", "2", "enter")  # the only one with a point
        assert app.live.state.course.scores == {}
        assert "Scores" not in shown(app, "#panel")


async def test_quitting_warns_that_a_draft_note_is_not_saved(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        said = " ".join(str(s.content) for s in app.screen.query(Static))
        assert "has not started yet" in said and "escape is not saved" not in said
        await pilot.press("escape", "n", "o", *"half a thought", "escape", "ctrl+q")
        said = " ".join(str(s.content) for s in app.screen.query(Static))
        assert "still running" in said and "escape is not saved" in said
