"""Stats on a hand-made sequence whose answers were worked out by hand (see comments)."""

from __future__ import annotations

import pytest

from sessiontui.core.reduce import fold
from sessiontui.core.stats import (
    breakout_stats,
    gini,
    phase_stats,
    talk_stats,
    talk_view,
    turn_taking_index,
)
from tests.unit.core_helpers import ev, plan_from

PLAN = plan_from(
    '[[phases]]\nkind = "check-in"\nduration = "5m"\n'
    '[[phases]]\nkind = "discussion"\nduration = "10m"\n'
    '[[phases]]\nkind = "breakout"\nduration = "10m"\nrooms = 2\n',
    people=("A", "B", "C", "D", "F"),
)

EVENTS = [
    ev("session.opened", 0, plan_sha256="x", rehearsal=False,
       participants=["p01", "p02", "p03", "p04", "p05"]),
    ev("attendance.changed", 0, participant="p05", status="absent", previous="expected"),
    ev("session.started", 0),
    ev("phase.started", 0, phase=0, kind="check-in", planned_s=300),
    ev("round.started", 0, phase=0, order=["p01", "p02", "p03", "p04"], method="plan", seed=None),
    ev("round.moved", 10, phase=0, position=0, participant="p01"),
    ev("turn.started", 10, speaker="p01", source="round"),
    ev("turn.ended", 40, speaker="p01", duration_s=30),          # p01 30 s
    ev("round.moved", 40, phase=0, position=1, participant="p02"),
    ev("turn.started", 40, speaker="p02", source="round"),
    ev("round.passed", 45, participant="p02"),                   # dropped: a pass
    ev("round.moved", 45, phase=0, position=2, participant="p03"),
    ev("turn.started", 45, speaker="p03", source="round"),
    ev("turn.ended", 105, speaker="p03", duration_s=60),         # p03 60 s
    ev("round.moved", 105, phase=0, position=3, participant="p04"),
    ev("turn.started", 105, speaker="p04", source="round"),
    ev("turn.ended", 125, speaker="p04", duration_s=20),         # p04 20 s
    ev("round.completed", 125, phase=0),
    ev("phase.ended", 130, phase=0, outcome="completed", active_s=130),
    ev("phase.started", 130, phase=1, kind="discussion", planned_s=600),
    ev("participant.added", 135, participant="p06", status="present"),  # a walk-in
    ev("hand.raised", 140, participant="p01"),
    ev("hand.raised", 150, participant="p02"),
    ev("turn.started", 160, speaker="p01", source="queue"),      # p01 waited 20 s
    ev("turn.ended", 220, speaker="p01", duration_s=60),         # p01 60 s
    ev("turn.started", 220, speaker="facilitator", source="facilitator"),
    ev("turn.ended", 250, speaker="facilitator", duration_s=30),  # facilitator 30 s
    ev("turn.started", 250, speaker="p02", source="queue"),      # p02 waited 100 s
    ev("turn.ended", 280, speaker="p02", duration_s=30),         # p02 30 s
    ev("turn.started", 280, speaker="p02", source="direct"),     # p02 again, in a row
    ev("turn.ended", 300, speaker="p02", duration_s=20),         # p02 20 s
]


@pytest.fixture(scope="module")
def state():
    folded = fold(PLAN, EVENTS)
    assert folded.bad_events == 0 and folded.unknown_events == 0
    return folded


def test_talk_time_and_turns_per_person(state) -> None:
    stats = talk_stats(state, 300)
    seconds = {row.speaker: row.seconds for row in stats.speakers}
    turns = {row.speaker: row.turns for row in stats.speakers}
    # p05 is absent: left out. p06 (walk-in) never spoke: in, with zero.
    assert seconds == {"p01": 90, "p02": 50, "p03": 60, "p04": 20, "p06": 0, "facilitator": 30}
    assert turns == {"p01": 2, "p02": 2, "p03": 1, "p04": 1, "p06": 0, "facilitator": 1}
    assert stats.total_s == 250 and stats.participants_s == 220


def test_facilitator_share(state) -> None:
    assert talk_stats(state, 300).facilitator_share == pytest.approx(30 / 250)  # 0.12


def test_gini_among_people_who_were_there(state) -> None:
    # times [0, 20, 50, 60, 90], n = 5, Σ = 220:
    # Σ(2i − n − 1)·x = −4·0 − 2·20 + 0·50 + 2·60 + 4·90 = 440 → 440 / (5·220) = 0.4
    assert talk_stats(state, 300).gini == pytest.approx(0.4)


def test_turn_taking_index(state) -> None:
    # chats: p01 p03 p04 p01 facilitator p02 p02 → 7; runs: p01 p03 p04 p01 f p02 → 6
    stats = talk_stats(state, 300)
    assert (stats.chats, stats.runs) == (7, 6)
    assert stats.turn_taking == pytest.approx(5 / 6)


def test_waits_from_hand_to_turn(state) -> None:
    stats = talk_stats(state, 300)
    assert stats.waits == (20.0, 100.0)
    assert stats.median_wait_s == 60.0


def test_not_spoken_passed_and_quiet(state) -> None:
    stats = talk_stats(state, 300)
    assert stats.not_spoken == ("p06",)
    assert stats.passed == ("p02",), "p02 passed in the round, and spoke later"
    # median of [90, 50, 60, 20, 0] is 50: below 25 s are p04 (20) and p06 (0)
    assert stats.quiet == ("p04", "p06")


def test_the_turn_in_progress_counts_up_to_now(state) -> None:
    from sessiontui.core.reduce import reduce

    live = reduce(state, ev("turn.started", 300, speaker="p06", source="direct"))
    stats = talk_stats(live, 312)
    assert stats.of("p06").seconds == 12 and stats.of("p06").turns == 1
    assert stats.not_spoken == ()
    assert stats.chats == 8 and stats.runs == 7
    view = talk_view(live, 312)
    assert view.rows[0].speaker == "p01" and [r.speaking for r in view.rows].count(True) == 1


def test_planned_against_actual_per_phase(state) -> None:
    rows = phase_stats(state, 330)
    assert [(r.index, r.planned_s, r.actual_s, r.outcome) for r in rows] == [
        (0, 300, 130, "completed"),
        (1, 600, 200, None),
    ]
    assert rows[0].over_s == -170


def test_breakout_durations() -> None:
    extra = [
        ev("phase.ended", 400, phase=1, outcome="completed", active_s=270),
        ev("phase.started", 400, phase=2, kind="breakout", planned_s=600),
        ev("breakout.opened", 420, phase=2, rooms=[["p01", "p02"], ["p03", "p04"]],
           method="random", seed=1, duration_s=540, repeated_pairs=0),
        ev("breakout.adjusted", 700, seconds=60),
        ev("breakout.closed", 1000, by="facilitator"),
    ]
    state = fold(PLAN, EVENTS + extra)
    (rooms,) = breakout_stats(state, 1100)
    assert (rooms.rooms, rooms.sizes, rooms.planned_s, rooms.actual_s, rooms.closed_by) == (
        2, (2, 2), 600, 580, "facilitator",
    )


def test_formulas_at_their_edges() -> None:
    assert gini([]) == 0 and gini([5]) == 0 and gini([0, 0, 0]) == 0
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)  # one voice of four: (n − 1) / n
    assert gini([3, 3, 3]) == 0
    assert turn_taking_index(0, 0) == 0 and turn_taking_index(1, 1) == 0
    assert turn_taking_index(5, 1) == 0, "a monologue"
    assert turn_taking_index(5, 5) == 1, "the floor changed hands every time"
    assert turn_taking_index(20, 5) == pytest.approx(4 / 19)  # the featurizer's own example
