"""The validator the reader uses: every event decide writes passes it; nonsense does not."""

from __future__ import annotations

import pytest

from sessiontui.core.validate import event_problem
from sessiontui.core.vocabulary import EVENTS
from tests.unit.core_helpers import EXAMPLES, example
from tests.unit.test_core_vocabulary import full_run


@pytest.mark.parametrize("stem", EXAMPLES)
def test_every_event_decide_writes_makes_sense(stem: str) -> None:
    run = full_run(stem)
    phases = len(example(stem).phases)
    problems = [(e.type, event_problem(e.type, e.v, e.data, phases)) for e in run.events]
    assert [p for p in problems if p[1] is not None] == []
    assert {e.type for e in run.events} >= {"phase.started", "turn.ended", "round.moved"}


def test_a_long_generated_session_makes_sense() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from gen_session import generate_events, workshop_plan

    phases = len(workshop_plan().phases)
    events = generate_events(3000, seed=5)
    assert [e for e in events if event_problem(e.type, e.v, e.data, phases)] == []


BAD = "with a bad"
NONSENSE = [
    ("phase.started", {"phase": "x", "kind": "discussion", "planned_s": 60}, f"{BAD} phase"),
    ("phase.started", {"phase": 7, "kind": "discussion", "planned_s": 60}, f"{BAD} phase"),
    ("phase.started", {"phase": -1, "kind": "discussion", "planned_s": 60}, f"{BAD} phase"),
    ("phase.started", {"phase": True, "kind": "discussion", "planned_s": 60}, f"{BAD} phase"),
    ("phase.started", {"phase": 1, "kind": "discussion"}, "without planned_s"),
    ("phase.started", {"phase": 1, "kind": "discussion", "planned_s": -5}, f"{BAD} planned_s"),
    ("phase.ended", {"phase": 1, "outcome": "done", "active_s": 3.0}, f"{BAD} outcome"),
    ("phase.ended", {"phase": 1, "outcome": "completed", "active_s": 1e18}, f"{BAD} active_s"),
    ("turn.ended", {"speaker": "p01", "duration_s": -1.0}, f"{BAD} duration_s"),
    ("turn.ended", {"speaker": 5, "duration_s": 1.0}, f"{BAD} speaker"),
    ("turn.started", {"speaker": ["p01"], "source": "queue"}, f"{BAD} speaker"),
    ("session.opened", {"plan_sha256": "0", "rehearsal": False, "participants": "p01"},
     f"{BAD} participants"),
    ("breakout.opened", {"phase": 1, "rooms": ["p01"], "method": "random", "seed": 1,
                         "duration_s": 60, "repeated_pairs": 0}, f"{BAD} rooms"),
    ("breakout.joined", {"participant": "p01", "room": 0}, f"{BAD} room"),
    ("schedule.rebalanced", {"durations": [60, 60]}, f"{BAD} durations"),
    ("feedback.recorded", {"score": 6, "comment": "", "participant": None}, f"{BAD} score"),
    ("round.moved", {"phase": 1, "position": -2, "participant": None}, f"{BAD} position"),
    ("note.added", {"note_id": 1, "text": 5, "private": True, "phase": None}, f"{BAD} text"),
    ("hand.raised", {"participant": "p01\n"}, f"{BAD} participant"),
    ("clock.jumped", {"delta_s": float("inf")}, f"{BAD} delta_s"),
]


@pytest.mark.parametrize(("kind", "data", "reason"), NONSENSE)
def test_nonsense_is_named(kind: str, data: dict, reason: str) -> None:
    assert event_problem(kind, 1, data, phases=3) == f"{kind} {reason}"


def test_what_the_reader_skips_is_not_judged() -> None:
    assert event_problem("future.thing", 1, {"phase": "x"}, 3) is None
    newer = EVENTS["phase.started"].version + 1
    assert event_problem("phase.started", newer, {"phase": "x"}, 3) is None
    assert event_problem("phase.started", 1, {"phase": 2, "kind": "break", "planned_s": 0,
                                               "extra": [1]}, 3) is None  # extra keys are fine
    assert event_problem("phase.started", 1, {"phase": 99, "kind": "break", "planned_s": 0},
                         None) is None  # no plan known: any phase a list could hold
