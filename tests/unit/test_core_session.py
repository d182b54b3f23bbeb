"""The session's life: open, start, pause, end, interruptions; people; notes; refusals."""

from __future__ import annotations

import pytest

from sessiontui.core import commands as c
from sessiontui.core.clock import SessionClock
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide
from sessiontui.core.phases.rounds import close_view
from sessiontui.core.reduce import reduce
from sessiontui.core.views import notes_view, timer_view
from tests.unit.core_helpers import Run, example, types_of

EVENING = example("evening-group")


def test_open_and_start() -> None:
    run = Run(EVENING, start=False)
    opened = run.events[0]
    assert opened.type == "session.opened"
    assert opened.data == {
        "plan_sha256": "0" * 64, "rehearsal": False,
        "participants": ["p01", "p02", "p03", "p04", "p05", "p06"],
    }
    assert (opened.t, opened.seq) == (0.0, 1) and opened.ts.endswith("Z")
    assert run.state.status == "opened"
    assert run.types(c.StartSession(), after=30) == [
        "session.started", "phase.started", "round.started",
    ]
    assert run.state.status == "running" and run.state.phase.started == 30.0
    assert run.refused(c.StartSession()) == "The session has already started."
    assert run.refused(c.OpenSession()) == "The session is already open."


def test_events_carry_now_and_seq_zero() -> None:
    run = Run(EVENING)
    run.advance(12.5)
    now = run.session_clock.now()
    for event in decide(run.state, c.AddMarker("a moment"), now):
        assert (event.t, event.ts, event.seq) == (now.t, now.ts, 0)


def test_commands_that_need_a_running_session_are_refused_before_start() -> None:
    run = Run(EVENING, start=False)
    for command in (c.NextStep(), c.StartTurn("p01"), c.Pause(), c.OpenRooms(), c.RemindRules()):
        assert run.refused(command) == "The session has not started yet: start it first."
    run.send(c.AddParticipant())
    run.send(c.MarkAttendance("p01", "present"))
    run.send(c.AddNote("Ciara messaged she may be late"))
    assert len(run.state.book.notes) == 1


def test_pause_and_resume() -> None:
    run = Run(EVENING)
    assert run.refused(c.Resume()) == "The session is not paused."
    run.send(c.Pause("someone needs a moment"), after=60)
    assert run.state.status == "paused"
    assert run.state.session.pause_reason == "someone needs a moment"
    assert run.refused(c.Pause()) == "The session is already paused."
    assert run.refused(c.NextStep()) == "The session is paused: resume it first."
    events = run.send(c.Resume(), after=45)
    assert events[0].data == {"paused_s": 45.0}
    assert run.state.session.paused_total == 45.0


def test_end_reasons() -> None:
    early = Run(EVENING)
    assert early.types(c.EndSession(), after=60) == ["phase.ended", "session.ended"]
    assert early.state.session.end_reason == "ended-early"
    assert early.refused(c.EndSession()) == "The session has already ended."
    assert early.refused(c.NextStep()) == "The session has ended."
    assert early.send(c.Tick(), after=10) == [], "Tick never refuses"
    crash = Run(EVENING)
    crash.send(c.EndSession("interrupted"))
    assert crash.state.session.end_reason == "interrupted"
    assert "not 'bored'" in Run(EVENING).refused(c.EndSession("bored"))


def test_ending_the_close_before_everyone_had_their_go_is_ended_early() -> None:
    early = Run(EVENING)
    early.to_phase("close")
    early.send(c.NextStep(), after=5)
    early.send(c.NextStep(), after=60)
    early.send(c.EndSession(), after=60)
    assert early.state.session.end_reason == "ended-early", "4 of 12 is not completed"

    done = Run(EVENING)
    done.to_phase("close")
    while not done.state.round.completed:
        done.send(c.NextStep(), after=30)
    done.send(c.EndSession(), after=5)
    assert done.state.session.end_reason == "completed"


def test_ending_mid_turn_and_mid_rooms_closes_them_first() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    run.send(c.StartTurn("facilitator"))
    assert run.types(c.EndSession(), after=30) == [
        "turn.ended", "breakout.closed", "phase.ended", "session.ended",
    ]


def test_continuing_after_an_interruption_counts_the_gap() -> None:
    run = Run(EVENING)
    run.send(c.AddMarker("before the crash"), after=100)
    run.advance(240)  # the app was down; the call went on
    events = run.send(c.ResumeAfterInterruption())
    assert events[0].data == {"gap_s": 240.0}
    assert run.state.session.interruptions == 1
    assert timer_view(run.state, run.t).elapsed_s == 340.0, "the gap still counts"


def test_walk_ins_get_the_next_id() -> None:
    run = Run(EVENING)
    events = run.send(c.AddParticipant())
    assert events[0].data == {"participant": "p07", "status": "present"}
    run.send(c.AddParticipant())
    assert run.state.people.roster[-2:] == ("p07", "p08")
    assert run.state.people.walk_ins == ("p07", "p08")


def test_attendance() -> None:
    run = Run(EVENING)
    events = run.send(c.MarkAttendance("p02", "late"))
    assert events[0].data == {"participant": "p02", "status": "late", "previous": "expected"}
    assert run.refused(c.MarkAttendance("p02", "late")) == "Dev is already marked late."
    assert "not 'asleep'" in run.refused(c.MarkAttendance("p02", "asleep"))
    assert "no participant" in run.refused(c.MarkAttendance("p42", "present"))


def test_notes_are_private_by_default_and_corrected_by_new_events() -> None:
    run = Run(EVENING)
    events = run.send(c.AddNote("Tomasz seemed low"))
    assert events[0].data == {
        "note_id": 1, "text": "Tomasz seemed low", "private": True, "phase": 0,
    }
    run.send(c.AddNote("Good energy tonight", private=False))
    run.send(c.AmendNote(1, "Tomasz seemed tired, not low"))
    lines = notes_view(run.state)
    assert [(n.text, n.original, n.amended, n.private) for n in lines] == [
        ("Tomasz seemed tired, not low", "Tomasz seemed low", True, True),
        ("Good energy tonight", "Good energy tonight", False, False),
    ]
    assert [n.note_id for n in notes_view(run.state, run.t, newest=1)] == [2]
    assert run.refused(c.AmendNote(9, "x")) == "There is no note 9."
    assert run.refused(c.AddNote("   ")) == "The note is empty."
    assert "control character" in run.refused(c.AddNote("bell\x07"))


def test_markers_follow_ups_and_parking_lot_any_time() -> None:
    run = Run(EVENING)
    run.send(c.AddMarker("first share"))
    run.send(c.FlagFollowUp("p05", "first session, check in"))
    run.send(c.ParkItem("respite care options"))
    run.send(c.ParkItem("school meetings"))
    assert [m.label for m in run.state.book.markers] == ["first share"]
    assert [p.item_id for p in run.state.book.parked] == [1, 2]
    view = close_view(run.state, run.t)
    assert view.follow_ups == (("p05", "first session, check in"),)
    assert view.parked == ("respite care options", "school meetings")


def test_ground_rules_covered_added_and_reminded() -> None:
    run = Run(EVENING)
    run.to_phase("ground-rules")
    assert run.types(c.NextStep()) == ["rule.covered"]
    run.send(c.CoverRule(3))
    assert run.refused(c.CoverRule(3)) == "That rule is already covered."
    assert run.state.course.rules.covered == (0, 3)
    run.send(c.PreviousStep())
    assert run.state.course.rules.covered == (0,)
    events = run.send(c.AddRule("Cameras optional"))
    assert events[0].data == {"index": 6, "text": "Cameras optional"}
    run.to_phase("discussion")
    assert "ground-rules phase" in run.refused(c.AddRule("x"))
    assert run.types(c.RemindRules()) == ["rules.reminded"]
    assert run.state.course.rules.reminders == 1
    workshop = Run(example("workshop"))
    workshop.to_phase("ground-rules")
    assert "does not invite" in workshop.refused(c.AddRule("x"))


def test_quiz_steps_reveal_and_points() -> None:
    run = Run(example("workshop"))
    run.to_phase("quiz")
    assert run.state.phase.step == 0 and not run.state.phase.revealed
    assert run.types(c.NextStep()) == ["quiz.answer_revealed"]
    assert run.types(c.NextStep()) == ["quiz.question_shown"]
    run.send(c.AwardPoints("p03", 2))
    run.send(c.AwardPoints("p03", -1))
    run.send(c.AwardPoints("p01"))
    assert run.state.course.scores == {"p03": 1, "p01": 1}
    assert "does not have 2 points to take back" in run.refused(c.AwardPoints("p01", -2))
    run.send(c.AwardPoints("p01", -1))  # given by mistake
    assert "does not have 1 point to take back" in run.refused(c.AwardPoints("p01", -1))
    assert run.state.course.scores == {"p03": 1}  # nobody is listed with no points
    run.send(c.RevealAnswer())
    assert run.refused(c.RevealAnswer()) == "The answer is already showing."
    run.send(c.NextQuestion())
    assert run.refused(c.NextQuestion()) == "That was the last question."
    run.send(c.PreviousStep())
    assert run.state.phase.step == 1
    run.send(c.ShowQuestion(2))
    run.send(c.RevealAnswer())
    assert run.types(c.NextStep()) == ["phase.ended", "phase.started", "round.started"]
    assert run.refused(c.AwardPoints("p01")) == "This is not a quiz phase."


def test_feedback_and_takeaways_at_close() -> None:
    run = Run(EVENING)
    run.to_phase("close")
    run.send(c.RecordFeedback(4, "Zoom was fine", "p01"))
    run.send(c.RecordFeedback(2, "sound dropped"))
    run.send(c.AddTakeaway("asking is a strength"))
    assert "1 to 5" in run.refused(c.RecordFeedback(6))
    assert "score" in run.refused(c.RecordFeedback())
    view = close_view(run.state, run.t)
    assert view.feedback == ((4, "Zoom was fine", "p01"), (2, "sound dropped", None))
    assert view.average_score == 3.0
    assert view.takeaways == (("asking is a strength", None),)
    assert view.feedback_prompt.startswith("How did Zoom work")
    assert view.round is not None and view.round.capture == "text"


def test_unknown_command_is_refused() -> None:
    run = Run(EVENING)

    class Dance:
        pass

    with pytest.raises(CommandRefused, match="does not know"):
        decide(run.state, Dance(), run.session_clock.now())  # type: ignore[arg-type]


def test_skip_the_running_phase() -> None:
    run = Run(EVENING)
    events = run.send(c.SkipPhase(), after=20)
    assert types_of(events) == ["phase.ended", "phase.started", "rules.shown"]
    assert run.state.course.history[-1].outcome == "skipped"
    run.to_phase("close")
    assert run.refused(c.SkipPhase()) == "This is the last phase: end the session instead."


def test_resume_after_a_crash_continues_time_without_a_false_clock_jump() -> None:
    run = Run(EVENING)
    run.to_phase("discussion")
    run.send(c.AddMarker("just before the crash"), after=100)
    last = run.events[-1]
    run.advance(300)  # the app is down for five minutes; the call goes on
    state = run.refold()
    clock = SessionClock.resuming(run.clock, state.last_t, last.ts)
    now = clock.now()
    assert now.t == last.t + 300
    events = decide(state, c.ResumeAfterInterruption(), now)
    assert events[0].data == {"gap_s": 300.0}
    for event in events:
        state = reduce(state, event)
    assert decide(state, c.Tick(), clock.now()) == []
    assert timer_view(state, now.t).elapsed_s == 400.0


def test_plus_and_minus_while_rooms_are_open_adjust_the_rooms() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    assert run.types(c.AdjustTime(60)) == ["breakout.adjusted"]
    assert (run.state.rooms.adjusted, run.state.phase.adjusted) == (60, 60)
    run.send(c.CloseRooms())
    assert run.types(c.AdjustTime(60)) == ["phase.time_adjusted"]


def test_back_at_the_first_step_of_a_quiz_goes_back_into_the_phase_before() -> None:
    run = Run(example("workshop"))
    run.to_phase("quiz")
    quiz = run.state.phase.index
    events = run.send(c.PreviousStep(), after=5)
    assert types_of(events)[:2] == ["phase.ended", "phase.started"]
    # The phases between were skipped by the jump: N goes back to the last one that ran.
    assert run.state.phase.index == 0
    assert run.state.course.history[-1].index == quiz


def test_everyone_present_marks_only_those_not_marked_yet() -> None:
    run = Run(EVENING)
    run.send(c.MarkAttendance("p02", "absent"))
    run.send(c.MarkAttendance("p03", "late"))
    events = run.send(c.MarkEveryonePresent())
    assert {e.data["participant"] for e in events if e.type == "attendance.changed"} == {
        "p01", "p04", "p05", "p06"}
    assert run.state.people.status["p02"] == "absent", "an explicit mark is kept"
    assert run.state.people.status["p03"] == "late"
    assert run.refused(c.MarkEveryonePresent()) == "Everyone has an attendance mark already."


def test_a_discussion_shows_its_own_talk_shares_not_the_check_ins() -> None:
    from sessiontui.core.phases.discussion import discussion_view

    run = Run(EVENING)
    run.send(c.NextStep())  # p01's go in the check-in: a minute
    run.send(c.NextStep(), after=60)
    run.to_phase("discussion")
    view = discussion_view(run.state, run.t)
    assert view.talk.stats.total_s == 0, "the discussion opens with no talk of its own"
    assert view.talk.stats.of("p01").turns == 0
    run.send(c.StartTurn("p03"), after=5)
    run.send(c.ToggleFacilitatorTurn(), after=30)
    run.send(c.ToggleFacilitatorTurn(), after=10)
    view = discussion_view(run.state, run.t)
    assert view.talk.stats.of("p03").share == 0.75
    assert view.talk.facilitator.share == 0.25
    assert "p01" in view.talk.stats.not_spoken, "spoke in the check-in, not here"
    # The whole session: p01 60 s, p02 (on when the check-in ended) 0 s, p03 30 s, you 10 s
    assert view.talk.session_share == 0.1
