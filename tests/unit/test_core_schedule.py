"""The schedule: ahead/behind, projected end, skipping, and rebalancing flex phases."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.schedule import flex_floor, propose_rebalance, schedule
from tests.unit.core_helpers import Run, example, plan_from

# check-in 900, ground rules 300, discussion 1500 (flex, min 900),
# breakout 720 (flex, min 480), break 600, close 900: 4920 s planned
EVENING = example("evening-group")


def test_on_time_there_is_nothing_to_rebalance() -> None:
    run = Run(EVENING)
    run.advance(600)
    plan = schedule(run.state, run.t)
    assert plan.planned_end_s == 4920 and plan.projected_end_s == 4920
    assert plan.behind_s == 0 and plan.rebalance is None
    assert "on time" in run.refused(c.AcceptRebalance())


def test_overrun_is_absorbed_proportionally_from_later_flex_phases() -> None:
    run = Run(EVENING)
    run.advance(1200)  # check-in runs 5 minutes over
    plan = schedule(run.state, run.t)
    assert plan.behind_s == 300
    proposal = plan.rebalance
    # slack: discussion 600, breakout 240 → 300 × 600/840 = 214.3, × 240/840 = 85.7;
    # the spare second goes to the larger remainder (breakout)
    assert proposal.changes == ((2, 1500, 1286), (3, 720, 634))
    assert proposal.durations == (900, 300, 1286, 634, 600, 900)
    assert proposal.absorbed_s == 300 and proposal.unabsorbed_s == 0


def test_rebalance_never_goes_below_min() -> None:
    run = Run(EVENING)
    run.advance(900 + 1000)  # 1000 s over; only 840 s of flex to give
    proposal = propose_rebalance(run.state, run.t)
    assert proposal.durations == (900, 300, 900, 480, 600, 900)
    assert proposal.absorbed_s == 840 and proposal.unabsorbed_s == 160
    for index, phase in enumerate(EVENING.phases):
        if phase.flex:
            assert proposal.durations[index] >= phase.min


def test_accepted_rebalance_changes_later_timers_and_the_projection() -> None:
    run = Run(EVENING)
    run.advance(1200)
    events = run.send(c.AcceptRebalance())
    assert [(e.type, e.data) for e in events] == [
        ("schedule.rebalanced", {"durations": [900, 300, 1286, 634, 600, 900]}),
    ]
    assert schedule(run.state, run.t).behind_s == 0
    run.send(c.GoToPhase(2))
    assert run.state.phase.planned == 1286
    assert "on time" in run.refused(c.AcceptRebalance())


def test_when_flex_phases_are_at_their_minimum_the_refusal_says_so() -> None:
    run = Run(EVENING)
    run.advance(2000)
    run.send(c.AcceptRebalance())
    run.advance(600)
    assert "minimum" in run.refused(c.AcceptRebalance())


def test_flex_without_min_may_shrink_to_half() -> None:
    plan = plan_from('[[phases]]\nkind = "discussion"\nduration = "20m"\nflex = true\n')
    assert flex_floor(plan.phases[0]) == 600


def test_rows_show_planned_and_actual_starts() -> None:
    run = Run(EVENING)
    run.send(c.GoToPhase(1), after=1200)
    plan = schedule(run.state, run.t + 60)
    first, second, third = plan.rows[:3]
    assert (first.status, first.actual_start_s, first.delta_s, first.actual_s) == (
        "done", 0.0, 0.0, 1200.0,
    )
    assert first.outcome == "ran-over"
    assert (second.status, second.planned_start_s, second.actual_start_s, second.delta_s) == (
        "current", 900, 1200.0, 300.0,
    )
    assert second.actual_s == 60.0
    assert (third.status, third.planned_start_s, third.actual_start_s) == ("next", 1200, None)
    assert plan.started_at == 0.0


def test_skipped_phases_leave_the_projection_and_are_passed_over() -> None:
    run = Run(EVENING)
    run.send(c.SkipPhase(4))  # the break
    plan = schedule(run.state, run.t)
    assert plan.projected_end_s == 4920 - 600 and plan.behind_s == -600
    assert plan.rows[4].status == "skipped"
    assert "already skipped" in run.refused(c.SkipPhase(4))
    run.send(c.GoToPhase(3))
    run.send(c.OpenRooms())
    run.send(c.CloseRooms())
    run.send(c.NextStep())
    assert run.state.phase.index == 5, "NextStep passes over the skipped break"


def test_jumping_ahead_skips_the_phases_in_between_that_never_ran() -> None:
    run = Run(EVENING)
    events = run.send(c.GoToPhase(3), after=60)
    assert [e.data["phase"] for e in events if e.type == "phase.skipped"] == [1, 2]
    run.send(c.GoToPhase(1))
    assert 1 not in run.state.course.skipped, "running a skipped phase un-skips it"
    run.send(c.UnskipPhase(2))
    assert run.state.course.skipped == frozenset()


def test_next_step_at_the_end_of_the_last_phase_is_refused() -> None:
    run = Run(example("drop-in"))
    run.send(c.GoToPhase(3))
    # Nobody has joined this drop-in's round, so there is no step left in it.
    assert run.refused(c.NextStep()) == (
        "This is the last step of the last phase: end the session instead."
    )
    assert run.types(c.EndSession()) == ["phase.ended", "session.ended"]
    assert run.state.session.end_reason == "completed"


def test_accepting_applies_exactly_the_lengths_shown_not_a_later_proposal() -> None:
    run = Run(EVENING)
    run.advance(1200)
    shown = propose_rebalance(run.state, run.t)
    run.advance(20)  # the facilitator reads the dialog; the overrun grows meanwhile
    assert propose_rebalance(run.state, run.t).durations != shown.durations
    events = run.send(c.AcceptRebalance(durations=shown.durations))
    assert events[0].data == {"durations": list(shown.durations)}


def test_lengths_shown_that_no_longer_fit_are_refused_with_a_reason() -> None:
    run = Run(EVENING)
    run.advance(1200)
    shown = list(propose_rebalance(run.state, run.t).durations)
    bad_floor = [*shown[:2], 100, *shown[3:]]  # below the discussion's minimum
    assert "minimum" in run.refused(c.AcceptRebalance(durations=tuple(bad_floor)))
    grown = [*shown[:4], 900, *shown[5:]]  # the break is not flexible
    assert "not a flexible phase" in run.refused(c.AcceptRebalance(durations=tuple(grown)))
    run.send(c.GoToPhase(2))  # the discussion has started: its length is not the dialog's
    run.advance(2200)  # and runs over, so there is something to absorb
    assert "already started" in run.refused(c.AcceptRebalance(durations=tuple(shown)))


def test_left_is_the_phase_timer_plus_the_phases_to_come() -> None:
    from sessiontui.core.timers import phase_remaining

    run = Run(EVENING)
    run.advance(7)
    view = schedule(run.state, run.t)
    assert view.left_s == EVENING.planned_seconds - 7  # no ready-screen time taken off
    run.send(c.GoToPhase(5))  # the close, last
    run.advance(15 * 60 + 120)  # two minutes into overtime: 'left' keeps running down
    view = schedule(run.state, run.t)
    assert view.left_s == phase_remaining(run.state, run.t) == -120
