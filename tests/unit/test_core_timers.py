"""Phase timers: warnings at the right time, once, across pauses and adjustments."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.views import timer_view
from tests.unit.core_helpers import Run, example

EVENING = example("evening-group")  # discussion = phase 2, 25m, warnings 5m and 1m
WORKSHOP = example("workshop")


def in_discussion() -> Run:
    run = Run(EVENING)
    run.to_phase("discussion")
    return run


def test_warnings_fire_once_each_at_the_right_remaining_time() -> None:
    run = in_discussion()
    assert run.tick(after=1199) == []
    assert run.tick(after=1) == [("timer.warning", {"phase": 2, "threshold": 300})]
    assert run.tick() == []
    assert run.tick(after=239) == []
    assert run.tick(after=1) == [("timer.warning", {"phase": 2, "threshold": 60})]
    assert run.tick(after=59) == []
    assert run.tick(after=1) == [("timer.expired", {"phase": 2})]
    assert run.tick(after=120) == [], "overtime goes on quietly"


def test_a_pause_does_not_count_against_the_phase() -> None:
    run = in_discussion()
    run.send(c.Pause("tech trouble"), after=1000)
    assert run.tick(after=100) == [], "no phase alerts while paused"
    run.send(c.Resume())
    assert run.tick(after=199) == []
    assert run.tick(after=1) == [("timer.warning", {"phase": 2, "threshold": 300})]
    view = timer_view(run.state, run.t)
    assert view.elapsed_s == 1200.0 and view.remaining_s == 300.0


def test_added_time_moves_the_warnings() -> None:
    run = in_discussion()
    run.send(c.AdjustTime(60), after=100)
    assert run.tick(after=1100) == []
    assert run.tick(after=59) == []
    assert run.tick(after=1) == [("timer.warning", {"phase": 2, "threshold": 300})]


def test_taking_time_off_can_make_a_warning_due_at_once() -> None:
    run = in_discussion()
    run.advance(1150)  # 350 s left
    assert run.tick() == []
    run.send(c.AdjustTime(-60))
    assert run.tick() == [("timer.warning", {"phase": 2, "threshold": 300})]


def test_adding_time_after_a_warning_rearms_it() -> None:
    run = in_discussion()
    run.tick(after=1200)
    run.tick(after=240)  # 1 minute left
    run.send(c.AdjustTime(120))  # 3 minutes left: 5m stays given, 1m is ahead again
    assert run.tick() == []
    assert run.tick(after=120) == [("timer.warning", {"phase": 2, "threshold": 60})]
    assert run.tick(after=60) == [("timer.expired", {"phase": 2})]


def test_a_late_tick_gives_only_the_most_urgent_warning() -> None:
    run = in_discussion()
    assert run.tick(after=1450) == [("timer.warning", {"phase": 2, "threshold": 60})]
    assert run.tick(after=10) == [], "the 5-minute warning counts as given"


def test_resume_can_take_the_pause_from_the_phase() -> None:
    run = in_discussion()
    run.send(c.Pause(), after=500)
    events = run.send(c.Resume(take_from_phase=True), after=100)
    assert [(e.type, e.data) for e in events] == [
        ("session.resumed", {"paused_s": 100.0}),
        ("phase.time_adjusted", {"phase": 2, "seconds": -100}),
    ]
    assert timer_view(run.state, run.t).remaining_s == 900.0


def test_a_break_ends_with_a_gentle_nudge() -> None:
    run = Run(EVENING)
    run.to_phase("break")  # 10m, default warning 1m
    assert run.tick(after=540) == [("timer.warning", {"phase": 4, "threshold": 60})]
    assert run.tick(after=60) == [("break.nudged", {"phase": 4})]
    assert run.tick(after=60) == []


def test_guest_questions_start_by_time_at_duration_minus_qa() -> None:
    run = Run(WORKSHOP)
    run.to_phase("guest-speaker")  # 25m with 10m of questions
    assert run.tick(after=899) == []
    assert run.tick(after=1) == [("guest.questions_started", {"by": "time"})]
    assert run.tick(after=1) == []
    assert "already started" in run.refused(c.StartQuestions())


def test_clock_jumps_are_noted_once() -> None:
    run = Run(EVENING)
    run.tick(after=10)
    run.clock.jump_wall(30)
    assert run.tick() == [("clock.jumped", {"delta_s": 30.0})]
    assert run.tick(after=1) == []
    run.clock.jump_wall(-45)
    assert run.tick() == [("clock.jumped", {"delta_s": -45.0})]
    run.clock.jump_wall(1.5)
    assert run.tick() == [], "under 2 s is not a jump"
    assert run.session_clock.drift() == -13.5


def test_tick_can_carry_a_measured_drift() -> None:
    run = Run(EVENING)
    assert run.tick() == []
    assert [e.data for e in run.send(c.Tick(drift=12.0))] == [{"delta_s": 12.0}]
    assert run.send(c.Tick(drift=13.0)) == []
    assert run.state.session.clock_shift == 12.0


def test_timer_view_levels_say_normal_warning_overtime() -> None:
    run = in_discussion()
    assert timer_view(run.state, run.t).level == "normal"
    run.advance(1200)
    assert timer_view(run.state, run.t).level == "warning"
    run.advance(330)
    view = timer_view(run.state, run.t)
    assert (view.level, view.remaining_s, view.overtime_s) == ("overtime", -30.0, 30.0)
    assert view.label == "This week's theme: asking for help"


def test_phase_outcomes_depend_on_time_left() -> None:
    run = Run(EVENING)  # check-in 15m
    run.send(c.GoToPhase(1), after=300)
    assert run.state.course.history[-1].outcome == "moved-on-early"
    run.send(c.GoToPhase(2), after=330)  # ground rules 5m: 30 s over
    assert run.state.course.history[-1].outcome == "completed"
    run.send(c.SkipPhase(), after=1600)
    assert run.state.course.history[-1].outcome == "skipped"
    run.send(c.NextStep(), after=900)  # breakout 12m: rooms open 15 minutes in...
    run.send(c.NextStep())  # ...close...
    run.send(c.NextStep())  # ...and the phase ends 3 minutes over
    assert run.state.course.history[-1].outcome == "ran-over"


def test_adjust_time_refusals() -> None:
    run = in_discussion()
    assert "zero" in run.refused(c.AdjustTime(0))
    assert "less than no time" in run.refused(c.AdjustTime(-1560))
    assert "at most an hour" in run.refused(c.AdjustTime(7200))
