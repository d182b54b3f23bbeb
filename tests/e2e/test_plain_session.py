"""Plain mode (`--plain`, issue 17): the main example plan run start to close by a
scripted key stream, said in plain lines (a golden file), logged as the full app logs
the same keys; no escape sequence ever; a timer never read out each second."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sessiontui.core.reduce import fold
from sessiontui.journal.reader import read_chain
from tests.e2e.plain_script import Note, PlainOnly, Wait, press_script, run_plain
from tests.ui.helpers import make_app

GOLDEN = Path(__file__).parent / "golden" / "plain-evening-group.txt"
UPDATE = os.environ.get("SESSIONTUI_UPDATE_GOLDEN") == "1"

SCRIPT = [
    PlainOnly("s"), PlainOnly("?"), "n",
    # Arrive and check in: a word, a pass, a turn that runs over its 90 seconds, and at
    # the end the round comes back to Dev, who passed: he passes again
    "n", "w", "Calm\n", Wait(60), "n", "x", Wait(100), "n", "n", "n", "n", "x", "n",
    # Ground rules: six covered, one the group adds, covered too
    "n", "n", "n", "n", "n", "n", "A", "Be kind\n", "n", Wait(240), "n",
    # Discussion: two hands, turns from the queue, the facilitator's own, a parked topic
    "h", "1\n", "h", "2\n", "\r", Wait(60), "\r", Wait(40), "t", Wait(20), "t",
    "k", "money worries\n", "n", Wait(20 * 60), PlainOnly("s"), "+", "n", Wait(240), "n",
    # Pairs: rooms open, the broadcast said, closed by time
    "n", "c", Wait(13 * 60), "n",
    # Tea and chat: a pause with a (private) reason
    Wait(300), " ", "tech trouble\n", Wait(60), " ", "n",
    # Check out: a pass, a takeaway, feedback, a follow-up, a note, a marker, the end
    "n", "x", Wait(45), "T", "Keep going\n", "F", "0\n", "4", "fine on Zoom\n",
    "f", "1\n", "check in\n", "o", Note("a private thought"), "m", "after close\n",
    # the round comes back to Ciara, who passed: she passes again; then the end
    "n", "n", "n", "n", "n", "x", "n", "y",
]


def test_the_example_plan_start_to_close_in_plain_lines(tmp_path: Path) -> None:
    plain, said = run_plain(tmp_path, SCRIPT)
    assert plain.status == 0
    assert plain.live.state.status == "ended"
    text = "\n".join(said) + "\n"
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "plain mode's lines changed: check the difference, then regenerate "
        f"{GOLDEN.name} with SESSIONTUI_UPDATE_GOLDEN=1")


def test_no_line_holds_an_escape_sequence(tmp_path: Path) -> None:
    steps = [*SCRIPT[:3], "j", "\x1b[31mRed\x1b[0m Ann\n", "j", "Bo\x07b\n", "o",
             Note("\x1b]52;c;aGk=\x07 copied?"), "\x1b[A", "\x1b", "\x11", "l"]
    plain, said = run_plain(tmp_path, steps)
    assert said and not any("\x1b" in line for line in said)
    assert not any(ord(c) < 32 for line in said for c in line if c != "\t")
    assert plain.exit_message is not None and "resume" in plain.exit_message


def test_a_timer_is_not_read_out_each_second(tmp_path: Path) -> None:
    """25 minutes of discussion, ticked every second: only the plan's warnings and the
    end of time are said."""
    to_discussion = SCRIPT[:SCRIPT.index("h")]
    _, said = run_plain(tmp_path, [*to_discussion, Wait(26 * 60), "\x11", "l"], step_s=1.0)
    start = said.index("Next: next prompt: What makes asking for help hard?") + 1
    end = next(i for i, line in enumerate(said) if line.startswith("Quit:"))
    during = said[start:end]
    timed = [line for line in during if "left" in line or "Time is up" in line]
    assert timed == [
        "5 minutes left in This week's theme: asking for help.",
        "1 minute left in This week's theme: asking for help.",
        "Time is up in This week's theme: asking for help: now counting over time.",
    ], during
    assert during == timed, during  # and nothing else


@pytest.mark.parametrize("plan", ["evening-group"])
async def test_the_full_app_logs_the_same_session_for_the_same_keys(
        tmp_path: Path, plan: str) -> None:
    plain, _ = run_plain(tmp_path / "plain", SCRIPT, plan)
    plain_events = read_chain(plain.live.log_path).events

    app, clock = make_app(tmp_path / "app", plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_script(app, pilot, clock, SCRIPT)
        assert app.live.state.status == "ended"
        assert app.live.writer.flush(5)
        app_events = read_chain(app.live.log_path).events

    assert [e.type for e in plain_events] == [e.type for e in app_events]
    assert [e.data for e in plain_events] == [e.data for e in app_events]
    assert fold(plain.live.plan, plain_events) == fold(app.live.plan, app_events)


def test_the_users_keymap_holds_in_plain_mode(tmp_path: Path) -> None:
    """[keymap] phase.next = "right": the right arrow is Next, n does nothing, and the
    lines name the right arrow."""
    _, said = run_plain(tmp_path, ["\x1b[C", "n", "\x1b[C", "\x11", "l"],
                            keymap={"phase.next": "right"})
    assert "Your keymap: Next: right arrow (instead of n)." in said
    assert "Next (right arrow): start with Arrive and check in." in said
    assert "n does nothing here. question mark says the keys that apply now." in said
    assert "Ciara's turn, 1 minute 30 seconds. Next: Dev." in said


def test_question_mark_reads_the_keys_that_apply_now(tmp_path: Path) -> None:
    _, said = run_plain(tmp_path, ["n", "n", "?", "\x11", "l"])
    start = next(i for i, line in enumerate(said) if line.startswith("Keys that apply now"))
    keys = said[start + 1:]
    assert any(line.startswith("x: Pass.") for line in keys)  # a round is on: pass applies
    assert any(line.startswith("w: Word.") for line in keys)
    assert not any(line.startswith("y: Reveal.") for line in keys)  # a quiz key: hidden
    dimmed = next(line for line in keys if line.startswith("Not now:"))
    assert "shift+l Lower all" in dimmed  # no hands are up


def test_something_unexpected_is_one_line_and_the_session_is_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from sessiontui.plain.session import PlainSession

    def broken(self) -> None:
        raise RuntimeError("a bug, with p01 in it")

    monkeypatch.setattr(PlainSession, "say_status", broken)
    plain, _ = run_plain(tmp_path, ["n", "s", "n"])
    assert plain.status == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    events = read_chain(plain.live.log_path).events
    assert events[-1].type == "session.interrupted" and events[-1].data["cause"] == "crash"


def test_ctrl_c_from_a_pipe_saves_the_session_to_resume(tmp_path: Path) -> None:
    from tests.e2e.plain_script import Do

    def interrupt() -> None:
        raise KeyboardInterrupt

    plain, said = run_plain(tmp_path, ["n", Do(interrupt)])
    assert plain.status == 130
    assert said[-1].startswith("Interrupted: the session is saved. Continue it with: "
                               "sessiontui resume ")
    assert read_chain(plain.live.log_path).events[-1].type == "session.interrupted"


def test_the_palette_goes_to_a_phase_and_b_rebalances_after_an_overrun(tmp_path: Path) -> None:
    steps = ["\x10", "2\n", Wait(40 * 60), "b", "y", "\x10", "9\n", "\x11", "e"]
    plain, said = run_plain(tmp_path, steps)
    assert "Commands: 1: go to phase 1, Arrive and check in;" in " ".join(said)
    assert "Ground rules started, 5 minutes (phase 2 of 6)." in said
    question = next(line for line in said if line.startswith("Rebalance: Over by"))
    assert "Shorten the flexible phases?" in question
    assert "The later phases were rebalanced." in said
    assert "No command '9'." in said
    types = [e.type for e in read_chain(plain.live.log_path).events]
    assert "schedule.rebalanced" in types
    assert plain.live.state.status == "ended"


def test_attendance_and_room_help_take_the_full_apps_keys(tmp_path: Path) -> None:
    """a then 0 marks everyone present; a, a number and a status key mark one and ask for
    the next; text prompts say who will read the text, as the full app's dialogs do."""
    plain, said = run_plain(tmp_path, ["n", "a", "0\n", "a", "3\n", "l", "\n", "o",
                                       Note("a thought"), "\x11", "l"])
    status = plain.live.state.people.status
    assert status["p03"] == "late"
    assert all(status[p] == "present" for p in status if p != "p03")
    assert any("Private: only in your own report, with --include-notes." in line
               for line in said)
