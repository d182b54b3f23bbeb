"""The questions asked before a key would leave a phase's work undone: the same for
every front end, decided by the phase kind."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core import confirm
from tests.unit.core_helpers import Run, example

EVENING = example("evening-group")


def test_each_kind_says_what_moving_on_would_leave_undone() -> None:
    run = Run(EVENING)
    run.to_phase("ground-rules")
    run.advance(60)
    assert confirm.before_next(run.state, run.t) is None, "n covers a rule: no question"
    assert confirm.before_leaving(run.state, run.t, 2) == (
        "In Ground rules, some ground rules are not covered yet. "
        "Move on to This week's theme: asking for help anyway?")

    quiz = Run(example("workshop"))
    quiz.to_phase("quiz")
    quiz.advance(60)
    target = quiz.state.phase.index + 1
    assert "the answer has not been revealed" in confirm.before_leaving(quiz.state, quiz.t,
                                                                        target)


def test_closing_rooms_with_time_left_asks_and_at_their_end_does_not() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms(), after=30)
    run.advance(60)
    assert confirm.before_next(run.state, run.t).startswith("The rooms have 10 minutes left")
    run.advance(11 * 60)
    assert confirm.before_next(run.state, run.t) is None


def test_a_phase_that_began_a_moment_ago_asks_and_later_does_not() -> None:
    run = Run(EVENING)
    run.to_phase("break")
    run.advance(4)
    assert confirm.before_next(run.state, run.t) == (
        "Tea and chat began 4 seconds ago. Move on to Check out anyway?")
    run.advance(10)
    assert confirm.before_next(run.state, run.t) is None


def test_ending_names_what_is_left_and_nothing_when_all_is_done() -> None:
    run = Run(EVENING)
    run.to_phase("close")
    run.send(c.NextStep(), after=5)
    assert confirm.before_ending(run.state) == (
        "In Check out, p01 is mid-go and p02, p03, p04, p05 and p06 have not had their go")
    while not run.state.round.completed:
        run.send(c.NextStep(), after=30)
    assert confirm.before_ending(run.state) is None


def test_going_back_asks_only_across_a_phase_boundary() -> None:
    run = Run(EVENING)
    run.send(c.NextStep(), after=5)
    within = confirm.before_back(run.state, run.session_clock.now())
    assert within is None, "a step back within the round"
    run.send(c.GoToPhase(1), after=5)
    assert confirm.before_back(run.state, run.session_clock.now()).startswith(
        "Go back to Arrive and check in?")
