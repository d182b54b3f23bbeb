"""Go-arounds: order, the right to pass, absent people skipped, answers, timebox."""

from __future__ import annotations

import random

from sessiontui.core import commands as c
from sessiontui.core.phases.rounds import round_view
from sessiontui.core.reduce import fold
from sessiontui.core.stats import talk_stats
from tests.unit.core_helpers import Run, ev, example, plan_from, types_of

# Ciara p01, Dev p02, Sam p03, Margaret p04, Tomasz p05, Yemi p06
EVENING = example("evening-group")


def test_round_order_is_recorded_when_the_check_in_starts() -> None:
    run = Run(EVENING)
    started = next(e for e in run.events if e.type == "round.started")
    assert started.data == {
        "phase": 0, "order": ["p01", "p02", "p03", "p04", "p05", "p06"],
        "method": "plan", "seed": None,
    }
    assert run.state.round is not None and not run.state.round.begun


def test_next_step_gives_each_person_a_turn_in_order() -> None:
    run = Run(EVENING)
    assert run.types(c.NextStep(), after=5) == ["round.moved", "turn.started"]
    assert run.state.round.current == "p01"
    assert run.state.floor.turn.speaker == "p01"
    assert run.types(c.NextStep(), after=40) == [
        "turn.ended", "round.moved", "turn.started",
    ]
    assert run.state.round.current == "p02"
    assert run.state.talk.seconds == {"p01": 40.0}


def test_pass_is_recorded_as_a_pass_and_the_round_moves_on() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    events = run.send(c.Pass(), after=3)
    assert types_of(events) == ["round.passed", "round.moved", "turn.started"]
    assert events[0].data == {"participant": "p01"}
    assert run.state.round.current == "p02"
    stats = talk_stats(run.state, run.t)
    assert stats.passed == ("p01",)
    assert "p01" in stats.not_spoken, "a pass is not speaking"
    assert stats.of("p01").seconds == 0.0 and stats.of("p01").turns == 0
    assert run.state.talk.chats == 0, "the passed round turn is dropped, not counted"


def test_absent_people_are_skipped_automatically() -> None:
    run = Run(EVENING)
    run.send(c.MarkAttendance("p02", "absent"))
    run.send(c.MarkAttendance("p03", "left"))
    run.send(c.NextStep())
    events = run.send(c.NextStep(), after=30)
    assert types_of(events) == [
        "turn.ended", "round.skipped", "round.skipped", "round.moved", "turn.started",
    ]
    assert events[1].data == {"participant": "p02", "reason": "absent"}
    assert events[2].data == {"participant": "p03", "reason": "left"}
    assert run.state.round.current == "p04"
    seats = {s.participant: s.state for s in round_view(run.state, run.t).seats}
    assert seats == {
        "p01": "spoke", "p02": "skipped", "p03": "skipped", "p04": "current",
        "p05": "next", "p06": "waiting",
    }


def test_people_already_away_are_left_out_of_the_order() -> None:
    run = Run(EVENING, start=False)
    run.send(c.MarkAttendance("p05", "absent"))
    run.send(c.StartSession())
    assert run.state.round.order == ("p01", "p02", "p03", "p04", "p06")


def test_pass_when_no_round_is_running_is_refused() -> None:
    run = Run(EVENING)
    run.to_phase("discussion")
    assert "No round is running" in run.refused(c.Pass())


def test_pass_before_the_round_begins_needs_a_name() -> None:
    run = Run(EVENING)
    assert "has not begun" in run.refused(c.Pass())


def test_passing_in_advance_skips_them_when_their_turn_comes() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    assert run.types(c.Pass("p02")) == ["round.passed"]
    assert run.state.round.current == "p01", "the person on keeps the floor"
    events = run.send(c.NextStep(), after=20)
    assert events[1].type == "round.skipped"
    assert events[1].data == {"participant": "p02", "reason": "passed"}
    assert run.state.round.current == "p03"
    assert "already passed" in run.refused(c.Pass("p02"))
    assert "already had their turn" in run.refused(c.Pass("p01"))


def test_last_person_completes_the_round_then_next_step_ends_the_phase() -> None:
    run = Run(EVENING)
    for _ in range(6):
        run.send(c.NextStep(), after=60)
    assert run.state.round.current == "p06"
    assert run.types(c.NextStep(), after=60) == ["turn.ended", "round.completed"]
    assert run.state.round.completed
    assert run.types(c.NextStep()) == ["phase.ended", "phase.started", "rules.shown"]
    assert run.state.phase.kind == "ground-rules"
    assert run.state.course.rounds[-1].spoke == ("p01", "p02", "p03", "p04", "p05", "p06")


def test_previous_step_goes_back_to_the_last_person() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.NextStep(), after=10)
    events = run.send(c.PreviousStep(), after=10)
    assert types_of(events) == ["turn.ended", "round.moved", "turn.started"]
    assert run.state.round.current == "p01"
    run.send(c.PreviousStep())
    assert run.state.round.position == -1 and run.state.floor.turn is None
    assert "first step" in run.refused(c.PreviousStep())


def test_alphabetical_order_is_resolved_from_names_and_recorded_as_ids() -> None:
    plan = plan_from(
        '[[phases]]\nkind = "check-in"\nduration = "10m"\norder = "alphabetical"\n',
        people=("Zoe", "Émile", "adam", "Bea"),
    )
    run = Run(plan)
    assert run.state.round.order == ("p03", "p04", "p02", "p01")  # adam, Bea, Émile, Zoe


def test_random_order_uses_the_plan_seed() -> None:
    plan = plan_from(
        '[[phases]]\nkind = "check-in"\nduration = "10m"\norder = "random"\nseed = 7\n',
        people=("A", "B", "C", "D", "E"),
    )
    run = Run(plan)
    expected = ["p01", "p02", "p03", "p04", "p05"]
    random.Random(7).shuffle(expected)
    assert run.state.round.order == tuple(expected)
    assert run.state.round.seed == 7


def test_random_order_without_a_seed_records_the_one_it_made() -> None:
    plan = example("drop-in")  # order = "random", no seed, no roster
    run = Run(plan, start=False)
    for _ in range(5):
        run.send(c.AddParticipant())
    run.send(c.StartSession())
    rnd = run.state.round
    assert rnd.seed is not None and sorted(rnd.order) == ["p01", "p02", "p03", "p04", "p05"]
    expected = ["p01", "p02", "p03", "p04", "p05"]
    random.Random(rnd.seed).shuffle(expected)
    assert rnd.order == tuple(expected)
    assert run.refold() == run.state, "replay gives the same order from the log"


def test_walk_in_joins_the_end_of_a_round_in_progress() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.AddParticipant())
    assert run.state.round.order[-1] == "p07"


def test_answers_are_kept_only_where_the_plan_allows() -> None:
    run = Run(EVENING)  # check-in: capture = "word"
    run.send(c.NextStep())
    assert run.types(c.CaptureAnswer("  hopeful ")) == ["round.answered"]
    assert run.state.round.answers == {"p01": "hopeful"}
    assert "one word" in run.refused(c.CaptureAnswer("it has been a really long week"))
    run.send(c.CaptureAnswer("up and down", participant="p01"))
    assert run.state.round.answers == {"p01": "up and down"}, "a later answer replaces"
    workshop = Run(example("workshop"))  # check-in: capture = "none"
    workshop.send(c.NextStep())
    assert "does not keep answers" in workshop.refused(c.CaptureAnswer("hello"))


def test_soft_timebox_is_flagged_once_per_person() -> None:
    run = Run(EVENING)  # per_person = 90s
    run.send(c.NextStep())
    assert run.tick(after=89) == []
    assert run.tick(after=1) == [
        ("round.timebox_reached", {"participant": "p01", "per_person_s": 90}),
    ]
    assert run.tick(after=30) == []
    run.send(c.NextStep())
    assert run.tick(after=90)[0][1]["participant"] == "p02"


def test_a_round_nobody_has_joined_is_passed_over_and_walk_ins_join_it_later() -> None:
    """A drop-in starts with no roster: pressing n must not close the round on nobody."""
    from sessiontui.core import commands as cmd
    from tests.unit.core_helpers import Run, example

    run = Run(example("drop-in"))
    assert run.state.phase.kind == "check-in"
    run.send(cmd.NextStep())  # nobody here yet: on to the next phase
    assert run.state.phase.index == 1
    run.send(cmd.GoToPhase(0))
    run.send(cmd.AddParticipant())
    run.send(cmd.AddParticipant())
    run.send(cmd.NextStep())
    assert run.state.round.current == "p01"


# Aled p01, Bríd p02, Chidi p03, Dana p04, Eilidh p05, ... (plan order)
WORKSHOP = example("workshop")


def _seats(run: Run) -> dict[str, str]:
    return {s.participant: s.state for s in round_view(run.state, run.t).seats}


def test_going_back_to_someone_who_passed_lets_their_go_replace_the_pass() -> None:
    """The user's steps: n n n (Chidi on), x (Chidi passes), N (back to Chidi), n."""
    run = Run(WORKSHOP)
    run.send(c.NextStep())
    run.send(c.NextStep(), after=30)
    run.send(c.NextStep(), after=30)
    run.send(c.Pass(), after=3)
    run.send(c.PreviousStep(), after=2)
    assert run.state.round.current == "p03"
    assert run.state.round.passed == (), "back on, Chidi's pass is taken back"
    run.send(c.NextStep(), after=24.466)
    rnd = run.state.round
    assert rnd.current == "p04"
    assert "p03" in rnd.spoke and "p03" not in rnd.passed
    assert _seats(run)["p03"] == "spoke"
    stats = talk_stats(run.state, run.t)
    assert stats.passed == () and stats.of("p03").turns == 1
    assert "p03" not in stats.not_spoken
    assert run.refold() == run.state


def test_passing_again_after_going_back_is_still_a_pass() -> None:
    run = Run(WORKSHOP)
    for _ in range(3):
        run.send(c.NextStep(), after=10)
    run.send(c.Pass(), after=3)
    run.send(c.PreviousStep(), after=2)
    assert run.types(c.Pass(), after=2)[:2] == ["round.passed", "round.moved"]
    assert run.state.round.passed == ("p03",)
    assert run.state.talk.passes == {"p03": 1}, "one pass, not two"
    assert _seats(run)["p03"] == "passed"


def test_the_folded_log_of_a_pass_then_a_second_go_counts_the_go() -> None:
    """The same events as the user's log, folded: the report reads this state."""
    order = [f"p{n:02}" for n in range(1, 13)]
    events = [
        ev("session.opened", 0, plan_sha256="0" * 64, rehearsal=False, participants=order),
        ev("session.started", 0),
        ev("phase.started", 0, phase=0, kind="check-in", planned_s=600),
        ev("round.started", 0, phase=0, order=order, method="plan", seed=None),
        ev("round.moved", 1, phase=0, position=2, participant="p03"),
        ev("turn.started", 1, speaker="p03", source="round"),
        ev("round.passed", 4, participant="p03"),
        ev("round.moved", 4, phase=0, position=3, participant="p04"),
        ev("turn.started", 4, speaker="p04", source="round"),
        ev("turn.ended", 6, speaker="p04", duration_s=2.0),
        ev("round.moved", 6, phase=0, position=2, participant="p03"),
        ev("turn.started", 6, speaker="p03", source="round"),
        ev("turn.ended", 30.466, speaker="p03", duration_s=24.466),
        ev("round.moved", 30.466, phase=0, position=3, participant="p04"),
        ev("turn.started", 30.466, speaker="p04", source="round"),
    ]
    rnd = fold(WORKSHOP, events).round
    assert rnd is not None
    assert rnd.spoke == ("p03",) and rnd.passed == ()
    assert rnd.current == "p04"


def test_after_going_back_next_is_the_next_person_who_has_not_had_their_go() -> None:
    run = Run(WORKSHOP)
    for _ in range(3):
        run.send(c.NextStep(), after=10)
    run.send(c.Pass(), after=3)  # Dana is on
    run.send(c.PreviousStep(), after=2)  # back to Chidi: Dana has not had her go
    view = round_view(run.state, run.t)
    assert view.next == "p04"
    assert _seats(run)["p04"] == "next", "'Next: Dana' and her seat agree"
    run.send(c.NextStep(), after=20)
    assert run.state.round.current == "p04"
    run.send(c.NextStep(), after=40)  # Dana had her go; Eilidh is on
    run.send(c.PreviousStep(), after=5)
    run.send(c.PreviousStep(), after=5)  # two back: Chidi again
    view = round_view(run.state, run.t)
    assert view.next == "p05", "Dana already had her go: next is Eilidh, cut short"
    assert _seats(run)["p04"] == "spoke" and _seats(run)["p05"] == "next"
    events = run.send(c.NextStep(), after=15)
    assert types_of(events) == ["turn.ended", "round.moved", "turn.started"]
    assert run.state.round.current == "p05"
    assert run.state.round.spoke == ("p01", "p02", "p03", "p04")


def test_the_facilitator_speaking_in_a_round_is_their_turn_and_the_go_resumes() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())  # p01 on
    run.send(c.NextStep(), after=20)  # p02 on
    run.send(c.ToggleFacilitatorTurn(), after=30)  # the facilitator steps in
    view = round_view(run.state, run.t + 90)
    assert (view.speaker, view.current) == ("facilitator", "p02")
    assert (view.speaker_s, view.current_s) == (90, 30)  # her time stands still
    made = run.send(c.ToggleFacilitatorTurn(), after=90)
    assert [e.type for e in made] == ["turn.ended", "turn.started"]
    assert made[1].data == {"speaker": "p02", "source": "round"}  # the floor goes back
    view = round_view(run.state, run.t + 15)
    assert (view.speaker, view.current_s) == ("p02", 45)
    assert run.state.talk.seconds["facilitator"] == 90  # the facilitator's own time
    assert run.state.talk.seconds["p02"] == 30


def test_a_pause_in_a_round_keeps_the_person_on() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.Pause(), after=10)
    run.send(c.Resume(), after=300)
    view = round_view(run.state, run.t + 5)
    assert (view.speaker, view.current, view.current_s) == ("p01", "p01", 15)


def test_at_the_end_the_round_comes_back_once_to_each_who_passed() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.Pass("p03"))  # in advance
    for _ in range(3):
        run.send(c.NextStep(), after=30)  # Dev, Margaret, Tomasz
    assert views_next(run) == ("next-person", "p06")
    run.send(c.NextStep(), after=30)
    events = run.send(c.Pass(), after=3)  # Yemi passes on their go: back to Sam
    assert types_of(events) == ["round.passed", "round.came_back", "turn.started"]
    assert events[1].data == {"phase": 0, "position": 2, "participant": "p03"}
    assert run.state.round.current == "p03"
    seats = {s.participant: s.state for s in round_view(run.state, run.t).seats}
    assert seats["p03"] == "current" and seats["p06"] == "next"
    assert views_next(run) == ("come-back", "p06")
    run.send(c.CaptureAnswer("better now"), after=40)
    assert run.types(c.NextStep()) == ["turn.ended", "round.came_back", "turn.started"]
    assert run.send(c.Pass())[-1].type == "round.completed", "a second pass ends it"
    rnd = run.state.round
    assert "p03" in rnd.spoke and "p03" not in rnd.passed
    assert rnd.passed == ("p06",) and rnd.came_back == ("p03", "p06")
    assert fold(run.plan, run.events).round == rnd, "the log says the same"


def test_coming_back_is_offered_once_and_not_to_those_who_left() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.Pass(), after=3)  # Ciara passes
    run.send(c.Pass("p03"))
    run.send(c.MarkAttendance("p03", "left"))
    while views_next(run)[0] == "next-person":
        run.send(c.NextStep(), after=30)
    run.send(c.NextStep(), after=30)
    assert run.state.round.current == "p01", "back to Ciara; Sam has left"
    run.send(c.Pass())
    assert run.state.round.completed
    assert run.state.round.came_back == ("p01",)


def views_next(run: Run) -> tuple[str, str | None]:
    from sessiontui.core.views import next_view

    hint = next_view(run.state)
    return hint.action, hint.participant


def test_back_from_the_next_phase_returns_to_the_round_where_it_was() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.NextStep(), after=10)
    run.send(c.NextStep(), after=10)  # p03 is on; two have had their go
    run.send(c.GoToPhase(1), after=5)  # a quick n too many: into the ground rules
    assert types_of(run.send(c.PreviousStep(), after=5)) == [
        "phase.ended", "phase.started", "round.resumed", "turn.started"]
    assert run.state.phase.index == 0
    assert run.state.round.spoke == ("p01", "p02") and run.state.round.current == "p03"
    assert run.state.floor.turn.speaker == "p03", "the person on gets the floor back"
    assert len(run.state.course.rounds) == 0, "one round, not an abandoned copy"
    assert views_next(run) == ("next-person", "p04")


def test_back_at_the_first_step_of_the_first_phase_is_refused_saying_so() -> None:
    run = Run(EVENING)
    assert run.refused(c.PreviousStep()) == (
        "This is the first step of the first phase: there is nothing to go back to.")


def test_back_into_a_phase_its_timer_goes_on_with_the_time_it_had_left() -> None:
    from sessiontui.core.timers import phase_remaining

    run = Run(EVENING)  # the check-in: 15 minutes
    run.send(c.NextStep(), after=5)
    run.send(c.GoToPhase(1), after=240)  # four minutes in, a key too many
    run.send(c.PreviousStep(), after=5)
    assert phase_remaining(run.state, run.t) == 15 * 60 - 245, "not a fresh 15 minutes"
