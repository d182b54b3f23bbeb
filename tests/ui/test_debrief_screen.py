"""The end-of-session debrief, as the facilitator reads it at 80x24 right after the call.

Sessions are driven through the core (the live session's commands) on a fake clock,
and ended by keys, as a facilitator ends them.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text

from sessiontui.core import commands as c
from sessiontui.core.commands import CommandRefused
from sessiontui.ui.screens.summary import DebriefScroll, SummaryScreen, hanging
from tests.ui.helpers import make_app, screen_text, shown_on

# The evening group's roster, by id.
CIARA, DEV, SAM, MARGARET, TOMASZ, YEMI = "p01", "p02", "p03", "p04", "p05", "p06"
CHECK_OUT = 5


def debrief(app) -> str:
    """Everything the debrief says, scrolled into view or not."""
    assert isinstance(app.screen, SummaryScreen)
    return shown_on(app.screen, "#summary")


def end_early_in_the_close(app, clock) -> str:
    """A session ended (by keys, next) in the close after three of the group had their
    go: an absent, a late, a leaver and a walk-in, an answer and a follow-up typed with
    markup-like text. Returns the walk-in's id."""
    live = app.live

    def send(command, after: float = 0.0) -> None:
        clock.advance(after)
        live.send(command)

    jo = live.add_walk_in("Jo [b]x[/b]")
    send(c.MarkAttendance(MARGARET, "absent"))
    send(c.MarkAttendance(SAM, "late"))
    send(c.StartSession(), after=60)
    send(c.NextStep(), after=5)  # the check-in: Ciara on
    send(c.CaptureAnswer("[red]tired[/red]"), after=30)
    send(c.GoToPhase(CHECK_OUT), after=60)
    send(c.NextStep(), after=5)  # Ciara on
    send(c.NextStep(), after=60)  # Dev on
    send(c.Pass(), after=10)  # Dev passes: Sam on
    send(c.FlagFollowUp(DEV, "ask how the move went"), after=20)
    send(c.MarkAttendance(YEMI, "left"), after=5)
    clock.advance(40)
    return jo


async def test_an_ended_early_close_says_who_had_not_had_their_go(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.live
        jo = end_early_in_the_close(app, clock)
        await pilot.press("ctrl+q", "e")  # end the session now
        await pilot.pause()
        said = debrief(app)
        lines = said.splitlines()

        assert lines[0] == "Parents' peer support - Tuesday evening · debrief"
        # the facilitator's own follow-ups first, private
        assert lines[2] == "Follow up (private: only you see these)"
        assert lines[3] == "  ⚑ Dev - ask how the move went"
        timing = said[said.index("\nTiming\n"):said.index("\nAttendance\n")]
        assert timing.splitlines()[1:] == [
            "Timing",
            "  Session ended early, in Check out (phase 6 of 6)",
            "  Ran 3m 55s (19:31-19:34) against 1h 22m planned",
            "  At the end: 1h 05m ahead of the plan",  # the close was due at 1h 07m
            "  Had not had their go in Check out: Tomasz, Jo [b]x[/b]",
            "  Having their go when it ended: Sam",
            "  Skipped: Ground rules, This week's theme: asking for help, Pairs, Tea and",
            "    chat",  # wrapped to the screen, under its line
        ]
        assert "  Came 5 of 6 expected, and 1 walk-in (3 never marked: counted as here)" \
            in lines
        assert "  Absent: Margaret" in lines and "  Late: Sam" in lines
        assert "  Left early: Yemi" in lines and "  Walk-ins: Jo [b]x[/b]" in lines
        assert "  Dev          no turns  passed" in lines
        assert "  Ciara        2 turns   2m 30s  70%" in lines
        assert "  Sam          1 turn    1m 05s  30%" in lines
        assert "  You (facilitator): 0% of all talk time" in lines
        assert "  Ciara: [red]tired[/red]" in lines  # typed text, never markup
        assert "Next session: Tuesday 01 December 2026, 19:30 GMT" in lines
        assert f"  {live.log_path.name}" in lines
        assert "    sessiontui replay LOG   watch the session again" in lines
        # names from the roster, never the log's ids
        assert not any(f"p0{n}" in said for n in range(1, 8)) and jo not in said

        # At 80x24 the first screen has the follow-up and how it ended.
        first = screen_text(app)
        assert "⚑ Dev - ask how the move went" in first
        assert "Session ended early, in Check out" in first
        assert "pgup pgdn Scroll" in first and "q Done" in first


async def test_the_debrief_scrolls_by_keys_and_q_leaves(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.live.send(c.StartSession())
        clock.advance(600)
        await pilot.press("ctrl+q", "e")
        await pilot.pause()
        scroll = app.screen.query_one(DebriefScroll)
        assert app.focused is scroll and scroll.max_scroll_y > 0
        assert "sessiontui replay LOG" not in screen_text(app)
        await pilot.press("down")
        assert scroll.scroll_y == 1
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "sessiontui replay LOG" in screen_text(app)
        await pilot.press("pageup", "home")
        assert scroll.scroll_y == 0
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == str(app.live.log_path)


async def test_a_session_run_to_its_end_is_completed_with_who_spoke(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.live
        live.send(c.StartSession())
        for _ in range(100):  # n every four minutes, to the last step of the plan
            clock.advance(240)
            try:
                live.send(c.NextStep())
            except CommandRefused:
                break
        live.send(c.ToggleFacilitatorTurn())
        clock.advance(60)
        live.send(c.ToggleFacilitatorTurn())
        await pilot.press("ctrl+q", "e")
        await pilot.pause()
        said = debrief(app)
        lines = said.splitlines()
        assert "  Session completed" in lines
        assert "  Ran 2h 01m (19:30-21:31) against 1h 22m planned" in lines
        assert "  At the end: 39m behind the plan" in lines
        assert "Follow up" not in said  # nothing flagged, no heading
        assert not any(line.startswith("  Had not had their go") for line in lines)
        for name in ("Ciara", "Dev", "Sam", "Margaret", "Tomasz", "Yemi"):
            assert f"  {name.ljust(10)}2 turns   8m 00s  16%" in lines, name
        assert "  You (facilitator): 1 turn, 1m 00s: 2% of all talk time" in lines


def test_long_lines_wrap_under_their_own_line_keeping_every_word_and_style() -> None:
    text = Text("Heading (a note)\n")
    text.append("  Absent: ")
    text.append("Ciara, Dev, Sam, Margaret, Tomasz, Yemi, Jo [b]x[/b]", style="bold")
    path = "/a/folder/with/a/very/long/name/that/has/no/spaces/at/all/"
    text.append(f"\n\n  {path} and more")
    wrapped = hanging(text, 30)
    lines = wrapped.plain.splitlines()
    assert lines[:4] == ["Heading (a note)", "  Absent: Ciara, Dev, Sam,",
                         "    Margaret, Tomasz, Yemi, Jo", "    [b]x[/b]"]
    assert all(cell_len(line) <= 30 for line in lines if path not in line)
    # a path is never cut: the terminal folds it, and it is still one piece to copy
    assert lines[4:] == ["", f"  {path}", "    and more"]
    assert "".join(wrapped.plain.split()) == "".join(text.plain.split())
    assert any(span.style == "bold" for span in wrapped.spans)
    assert hanging(text, None) is text


def test_the_close_words_and_private_notes_read_as_typed() -> None:
    from datetime import UTC, datetime

    from sessiontui.debrief import build_debrief
    from sessiontui.ui.screens.summary import debrief_text
    from tests.unit.core_helpers import Run, example

    names = {"p01": "Ciara", "p02": "Dev", "p03": "Sam"}
    run = Run(example("evening-group"))
    run.send(c.ParkItem("[i]childcare[/i] costs"), after=60)
    run.to_phase("close")
    run.send(c.NextStep(), after=5)  # Ciara on
    run.send(c.CaptureAnswer("Being listened to"), after=30)
    run.send(c.AddTakeaway("Ask sooner", participant="p01"), after=5)
    run.send(c.RecordFeedback(score=4, comment="Sound dropped twice"), after=5)
    run.send(c.FlagFollowUp("p02", "Call on Friday\nabout the school"), after=5)
    run.send(c.EndSession(), after=5)
    said = debrief_text(build_debrief(run.state, wall=datetime(2026, 11, 24, 21, 0, tzinfo=UTC),
                                      log=Path("/logs/x.jsonl")),
                        lambda who: names.get(who, who)).plain
    lines = said.splitlines()
    follow = lines.index("Follow up (private: only you see these)")
    assert lines[follow + 1:follow + 3] == ["  ⚑ Dev - Call on Friday", "    about the school"]
    assert lines[follow + 4:follow + 6] == ["To come back to (the parking lot)",
                                           "  - [i]childcare[/i] costs"]
    assert follow < lines.index("Timing")  # the facilitator's own first
    answers = lines.index("Check out (answers)")
    assert lines[answers + 1] == "  Ciara: Being listened to"
    assert "  - Ask sooner (Ciara)" in lines
    assert "Feedback on the platform (average 4.0 of 5)" in lines
    assert "  The group: 4/5 - Sound dropped twice" in lines
