"""The plan snapshot for a log header carries no participant's name, and still loads."""

from __future__ import annotations

import json

import pytest

from sessiontui.plan import load_plan
from sessiontui.plan.redact import plan_from_snapshot, plan_snapshot, roster_entries
from tests.conftest import SESSIONS


@pytest.mark.parametrize("path", sorted(SESSIONS.glob("*.toml")), ids=lambda p: p.stem)
def test_snapshot_has_no_names_and_loads_back(path) -> None:
    plan = load_plan(path).plan
    text = json.dumps(plan_snapshot(plan))
    for person in plan.participants:
        assert f'"{person.name}"' not in text
        if person.note:
            assert person.note not in text
    for name in plan.session.facilitators:
        assert name not in text
    again = plan_from_snapshot(json.loads(text))
    assert [p.name for p in again.participants] == list(plan.participant_ids().values())
    assert [p.duration for p in again.phases] == [p.duration for p in plan.phases]


def test_fixed_groups_become_ids() -> None:
    from sessiontui.plan import load_plan_bytes

    text = ('[session]\ntitle = "x"\n[[participants]]\nname = "Ana"\n[[participants]]\n'
            'name = "Bo"\n[[phases]]\nkind = "breakout"\nduration = "10m"\nassign = "fixed"\n'
            'groups = [["Bo", "Ana"]]\n')
    plan = load_plan_bytes(text.encode()).plan
    snapshot = plan_snapshot(plan)
    assert snapshot["phases"][0]["groups"] == [["p02", "p01"]]
    assert roster_entries(plan) == {"p01": {"name": "Ana"}, "p02": {"name": "Bo"}}
