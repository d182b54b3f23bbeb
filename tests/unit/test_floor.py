"""Who held the floor: turns as spans of time, by the fold's own rules."""

from __future__ import annotations

import contextlib
import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontui.core import commands as c
from sessiontui.core.commands import CommandRefused
from sessiontui.core.stats import talk_stats
from sessiontui.floor import FACILITATOR, Floor, Span, coverage
from tests.unit.core_helpers import Run, example


def round_with_facilitator_interjection() -> Run:
    """A check-in round: Ciara speaks, the facilitator cuts in for 3 minutes, Ciara
    passes when the round comes back to her... as the app writes it."""
    run = Run(example("workshop"))
    run.send(c.NextStep(), after=10)  # the round begins: the first person is on
    return run


def test_a_facilitator_turn_during_a_round_is_the_facilitators() -> None:
    run = round_with_facilitator_interjection()
    first = run.state.floor.turn
    assert first is not None and first.source == "round"
    member = first.speaker
    run.send(c.ToggleFacilitatorTurn(), after=40)  # the facilitator cuts in
    run.send(c.ToggleFacilitatorTurn(), after=180)
    run.send(c.NextStep(), after=5)
    floor = Floor.of(run.events)
    member_turns = floor.turns_of(member)
    assert [round(s.length) for s in member_turns] == [40, 5]  # the floor came back
    assert [round(s.length) for s in floor.turns_of(FACILITATOR)] == [180]
    assert floor.next_turn(FACILITATOR, 0.0, longer_than=120) is not None
    assert floor.next_turn(FACILITATOR, 0.0, longer_than=181) is None


def test_a_pass_drops_the_round_turn_as_the_fold_does() -> None:
    run = round_with_facilitator_interjection()
    member = run.state.floor.turn.speaker
    run.send(c.Pass(), after=20)  # their right: a pass, not talk
    floor = Floor.of(run.events)
    assert floor.turns_of(member) == ()
    assert floor.totals.get(member, 0.0) == pytest.approx(run.state.talk.seconds.get(member, 0))


COMMANDS = (
    lambda r, who: c.RaiseHand(who), lambda r, who: c.NextSpeaker(),
    lambda r, who: c.NextSpeaker(), lambda r, who: c.EndTurn(),
    lambda r, who: c.ToggleFacilitatorTurn(), lambda r, who: c.NextStep(),
    lambda r, who: c.Pass(), lambda r, who: c.Pause("tea"), lambda r, who: c.Resume(),
    lambda r, who: c.GoToPhase(r.randrange(8)), lambda r, who: c.Tick(),
    lambda r, who: c.MarkAttendance(who, r.choice(["stepped-out", "back", "left"])),
)


@settings(max_examples=40)
@given(seed=st.integers(0, 10_000), length=st.integers(5, 400))
def test_each_speakers_floor_time_is_the_folds_talk_time(seed: int, length: int) -> None:
    rng = random.Random(seed)
    run = Run(example("workshop"))
    people = list(run.plan.participant_ids().values())
    for _ in range(length):
        command = rng.choice(COMMANDS)(rng, rng.choice(people))
        with contextlib.suppress(CommandRefused):
            run.send(command, after=rng.uniform(0.5, 90))
    floor = Floor.of(run.events)
    stats = talk_stats(run.state, floor.end_t)
    for row in stats.speakers:
        assert floor.totals.get(row.speaker, 0.0) == pytest.approx(row.seconds, abs=1e-6)
        assert len(floor.turns_of(row.speaker)) == row.turns
    spans = floor.spans
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(spans))


def test_next_and_previous_turns_step_through_them_in_order() -> None:
    spans = [Span("p01", 10, 20, 1), Span(FACILITATOR, 20, 200, 2), Span("p02", 200, 230, 3),
             Span(FACILITATOR, 230, 260, 4), Span(FACILITATOR, 300, 500, 5)]
    floor = Floor(spans, 600)
    long = [floor.next_turn(FACILITATOR, 0, 120)]
    long.append(floor.next_turn(FACILITATOR, long[0].start, 120))
    assert [s.index for s in long] == [2, 5]
    assert floor.next_turn(FACILITATOR, 300, 120) is None
    assert floor.previous_turn(FACILITATOR, 300, 120).index == 2
    assert floor.previous_turn(FACILITATOR, 20, 120) is None
    assert floor.holder_at(210).speaker == "p02" and floor.holder_at(270) is None
    assert floor.share(FACILITATOR) == pytest.approx(410 / 450)
    assert floor.speakers()[0] == FACILITATOR


def test_coverage_splits_a_span_across_columns() -> None:
    cells = coverage([Span("p01", 5, 25, 1)], 0, 40, 4)
    assert cells == pytest.approx([0.5, 1.0, 0.5, 0.0])
    assert coverage([], 0, 0, 3) == [0.0, 0.0, 0.0]
