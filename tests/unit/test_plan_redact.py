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


def test_how_someone_joins_goes_to_the_roster_not_the_snapshot() -> None:
    from sessiontui.journal.roster import Names
    from sessiontui.plan import load_plan_bytes

    text = ('[session]\ntitle = "x"\n[[participants]]\nname = "Ana"\njoins = "phone"\n'
            '[[participants]]\nname = "Bo"\njoins = "chat"\n[[participants]]\nname = "Cy"\n'
            '[[phases]]\nkind = "discussion"\nduration = "10m"\n')
    plan = load_plan_bytes(text.encode()).plan
    assert [p.joins for p in plan.participants] == ["phone", "chat", "video"]
    assert "joins" not in json.dumps(plan_snapshot(plan))
    entries = roster_entries(plan)
    assert entries == {"p01": {"name": "Ana", "joins": "phone"},
                       "p02": {"name": "Bo", "joins": "chat"}, "p03": {"name": "Cy"}}
    names = Names(entries)
    assert [names.label(p) for p in entries] == ["Ana  ☎ phone", "Bo  ✉ chat", "Cy"]
    assert [names.tag(p) for p in entries] == ["☎ phone", "✉ chat", ""]
    assert names.joins("p99") == "video", "an id the roster does not know joins by video"


def test_a_way_of_joining_the_plan_does_not_know_is_refused() -> None:
    from sessiontui.plan import PlanError, load_plan_bytes

    text = ('[session]\ntitle = "x"\n[[participants]]\nname = "Ana"\njoins = "fax"\n'
            '[[phases]]\nkind = "discussion"\nduration = "10m"\n')
    with pytest.raises(PlanError) as raised:
        load_plan_bytes(text.encode())
    assert "joins" in str(raised.value) and "phone" in str(raised.value)


def test_names_typed_into_the_plans_text_become_ids_in_the_snapshot() -> None:
    """Names never go into a log: not in a phase note, a prompt, a ready text or the
    safeguarding words either, in any spelling the anonymiser knows."""
    from sessiontui.plan.loader import load_plan_bytes

    text = """
[session]
title = "Thursday group"
facilitators = ["Aoife"]

[[participants]]
name = "Bríd"
aliases = ["Bridie"]

[[participants]]
name = "Dev"

[safeguarding]
lead = "Safeguarding lead"
contact = "01632 960000"
wording = "Aoife will message you privately."

[[texts]]
name = "welcome"
text = "Welcome! BRID, your mic is on."

[[phases]]
kind = "discussion"
duration = "20m"
notes = "Check in with Bridie; Dev's first time."
prompts = ["What helped Dev's family this week?"]
"""
    plan = load_plan_bytes(text.encode(), "plan.toml").plan
    snapshot = plan_snapshot(plan)
    dumped = json.dumps(snapshot, ensure_ascii=False)
    for name in ("Bríd", "BRID", "Bridie", "Dev", "Aoife"):
        assert name not in dumped, name
    assert snapshot["phases"][0]["notes"] == "Check in with p01; p02's first time."
    assert snapshot["safeguarding"]["wording"] == "Facilitator 1 will message you privately."
    assert snapshot["texts"][0]["text"] == "Welcome! p01, your mic is on."
    assert plan_from_snapshot(snapshot).texts[0].name == "welcome"


def test_the_facilitators_own_screens_put_the_names_back(tmp_path) -> None:
    """Resume and replay read the plan from the log; with the roster beside it, the
    names in the plan's text are put back (the log itself keeps ids)."""
    from sessiontui.core import commands
    from sessiontui.core.clock import FakeClock
    from sessiontui.live import LiveSession
    from sessiontui.plan.loader import load_plan_bytes
    from sessiontui.replay import ReplaySession
    from tests.ui.helpers import START

    text = ('[session]\ntitle = "T"\nfacilitators = ["Aoife"]\n'
            '[[participants]]\nname = "Bríd"\n[[participants]]\nname = "Dev"\n'
            '[[phases]]\nkind = "discussion"\nduration = "20m"\n'
            'notes = "Aoife: check in with Bríd and Dev."\n')
    loaded = load_plan_bytes(text.encode(), "plan.toml")
    live = LiveSession.begin(loaded, clock=FakeClock(START), log_dir=tmp_path)
    live.send(commands.StartSession())
    log = live.log_path
    live.close()
    assert "Bríd" not in log.read_text(encoding="utf-8")
    resumed = LiveSession.resume(log, clock=FakeClock(START))
    try:
        assert resumed.plan.phases[0].notes == "Aoife: check in with Bríd and Dev."
        assert resumed.plan.participants[0].name == "p01"  # ids where ids belong
    finally:
        resumed.close()
    replay = ReplaySession.open(log)
    assert replay.plan.phases[0].notes == "Facilitator 1: check in with Bríd and Dev."
    (log.parent / f"{log.name}.roster.json").unlink()
    assert ReplaySession.open(log).plan.phases[0].notes == (
        "Facilitator 1: check in with p01 and p02.")
