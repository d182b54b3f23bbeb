"""Safeguarding records, the offer after a long step-out, and ready texts for the chat."""

from __future__ import annotations

import pytest

from sessiontui.core import commands as c
from sessiontui.core.care import follow_ups, overdue, ready_text, steps_done
from sessiontui.core.commands import CommandRefused
from sessiontui.core.vocabulary import EVENTS, PRIVATE_EVENTS, TEXT_FIELDS
from sessiontui.plan.errors import PlanError
from sessiontui.plan.loader import load_plan_bytes
from tests.unit.core_helpers import Run, example, plan_from

CARE = """
[safeguarding]
lead = "Safeguarding lead"
contact = "01632 960000"
wording = "Thank you for telling us."
steps = ["Acknowledge", "Message them privately", "Tell the lead today"]
stepped_out = "10m"

[[safeguarding.helplines]]
name = "Samaritans"
contact = "116 123"
region = "UK"

[[texts]]
name = "rooms"
text = "Rooms for {remaining}: {task} ({room_count} rooms)"

[[texts]]
name = "welcome"
text = "Welcome, everyone."
"""

PHASES = """
[[phases]]
kind = "discussion"
duration = "20m"

[[phases]]
kind = "breakout"
duration = "15m"
rooms = 2
task = "Share one idea"
"""


def offers(ticked: list[tuple[str, dict]]) -> list[str]:
    return [data["participant"] for kind, data in ticked if kind == "safeguarding.offered"]


def run(body: str = CARE + PHASES) -> Run:
    return Run(plan_from(body, people=("Ann", "Bo", "Cy", "Di")))


def test_a_record_holds_who_and_the_steps_and_no_words() -> None:
    session = run()
    [event] = session.send(c.RecordSafeguarding("p02", (2, 0)))
    assert event.type == "safeguarding.recorded"
    assert event.data == {"participant": "p02", "steps": [0, 2], "prompted": False}
    assert TEXT_FIELDS["safeguarding.recorded"] == ()  # nothing typed can reach it
    assert {"safeguarding.recorded", "safeguarding.offered"} <= PRIVATE_EVENTS
    assert "text.copied" not in PRIVATE_EVENTS


def test_records_about_one_person_merge_and_say_the_steps_left() -> None:
    session = run()
    session.send(c.RecordSafeguarding("p02", (0,)))
    session.send(c.RecordSafeguarding("p04", ()), after=5)
    session.send(c.RecordSafeguarding("p02", (2,)), after=5)
    found = follow_ups(session.state)
    assert [(f.participant, f.done, f.left) for f in found] == [
        ("p02", (0, 2), (1,)), ("p04", (), (0, 1, 2))]
    assert steps_done(session.state, "p02") == (0, 2)
    assert steps_done(session.state, "p01") == ()
    assert session.refold() == session.state


@pytest.mark.parametrize(("command", "reason"), [
    (c.RecordSafeguarding("p09", (0,)), "no participant"),
    (c.RecordSafeguarding("p01", (3,)), "no safeguarding step 3"),
    (c.RecordSafeguarding("p01", (-1,)), "no safeguarding step -1"),
    (c.RecordSafeguarding(None, ()), "Choose who"),
])
def test_a_record_that_says_nothing_true_is_refused(command, reason) -> None:
    session = run()
    with pytest.raises(CommandRefused, match=reason):
        session.send(command)


def test_without_a_safeguarding_table_a_record_names_someone_and_no_step() -> None:
    session = run(PHASES)
    session.send(c.RecordSafeguarding("p01"))
    assert [f.left for f in follow_ups(session.state)] == [()]
    with pytest.raises(CommandRefused):
        session.send(c.RecordSafeguarding("p01", (0,)))


def test_the_panel_is_offered_once_per_time_stepped_out_past_the_plans_time() -> None:
    session = run()
    session.send(c.MarkAttendance("p03", "stepped-out"))
    session.tick(after=599)
    assert overdue(session.state, session.session_clock.now().t) == []
    offered = session.tick(after=2)
    assert [(kind, data["participant"]) for kind, data in offered] == [
        ("safeguarding.offered", "p03")]
    assert offers(session.tick(after=60)) == []  # once for this time away
    session.send(c.MarkAttendance("p03", "back"))
    session.send(c.MarkAttendance("p03", "stepped-out"), after=5)
    assert offers(session.tick(after=300)) == []
    assert offers(session.tick(after=300)) == ["p03"]
    assert session.refold() == session.state


def test_the_offer_waits_for_no_one_when_the_plan_sets_no_time() -> None:
    session = run(CARE.replace('stepped_out = "10m"\n', "") + PHASES)
    session.send(c.MarkAttendance("p03", "stepped-out"))
    assert offers(session.tick(after=7200)) == []


def test_leaving_or_coming_back_is_not_stepping_out() -> None:
    session = run()
    session.send(c.MarkAttendance("p03", "left"))
    session.send(c.MarkAttendance("p04", "stepped-out"))
    session.send(c.MarkAttendance("p04", "present"), after=30)
    assert offers(session.tick(after=3600)) == []


def test_a_ready_text_is_filled_for_now_and_logged_by_name_only() -> None:
    session = run()
    text = ready_text(session.state, "rooms", session.session_clock.now().t)
    assert text == "Rooms for 20 minutes: Share one idea (2 rooms)"
    session.send(c.NextStep(), after=60)
    session.send(c.OpenRooms())
    session.tick(after=120)
    now = session.session_clock.now().t
    assert ready_text(session.state, "rooms", now).startswith("Rooms for 13 minutes")
    [event] = session.send(c.CopyText("welcome"))
    assert event.data == {"name": "welcome"}
    assert "Welcome" not in str(event.data)


def test_a_text_the_plan_does_not_have_is_refused() -> None:
    session = run()
    assert ready_text(session.state, "nope", 0.0) is None
    with pytest.raises(CommandRefused, match="no ready text"):
        session.send(c.CopyText("nope"))


@pytest.mark.parametrize(("extra", "message", "where"), [
    ('[safeguarding]\nlead = "Ann"\ncontact = "1"\n', 'names "Ann", a participant', ":6:1:"),
    ('[safeguarding]\nlead = "ANN (safeguarding lead)"\ncontact = "1"\n', "participant",
     ":6:1:"),
    ('[safeguarding]\nlead = "Lead"\ncontact = "ask Ann\'s phone"\n', "contact names",
     ":7:1:"),
    ('[safeguarding]\nlead = "L"\ncontact = "1"\n' + '[[safeguarding.helplines]]\n'
     'name = "h"\ncontact = "1"\n' * 10, "at most 9", ":8:"),
    ('[[texts]]\nname = "a"\ntext = "x"\n[[texts]]\nname = "A"\ntext = "y"\n',
     "two texts are named", ":9:1:"),
    ('[[texts]]\nname = "a"\ntext = "{when}"\n', "unknown placeholder {when}", ":7:"),
    ('[safeguarding]\nlead = "L"\n', "missing required key", ":5:"),
])
def test_a_plan_with_a_bad_table_is_refused_with_its_place(extra, message, where) -> None:
    text = '[session]\ntitle = "T"\n[[participants]]\nname = "Ann"\n' + extra + PHASES
    with pytest.raises(PlanError) as caught:
        load_plan_bytes(text.encode(), "plan.toml")
    line = str(caught.value.problems[0])
    assert message in line and where in line, line


def test_check_warns_when_a_plan_has_no_safeguarding_table() -> None:
    bare = load_plan_bytes(b'[session]\ntitle = "T"\n' + PHASES.encode(), "plan.toml")
    assert any("no [safeguarding] table" in str(w) for w in bare.warnings)
    for stem in ("drop-in", "evening-group", "workshop"):
        assert example(stem).safeguarding is not None


def test_the_vocabulary_lists_the_new_events() -> None:
    assert EVENTS["text.copied"].privacy["name"][0] == "shareable"


@pytest.mark.parametrize("value", ["true", '"20"', "12.0"])
def test_expected_is_a_whole_number_not_a_word_or_a_truth(value: str) -> None:
    text = f'[session]\ntitle = "T"\nexpected = {value}\n' + PHASES
    with pytest.raises(PlanError) as caught:
        load_plan_bytes(text.encode(), "plan.toml")
    assert ":3:" in str(caught.value.problems[0])


def test_closing_the_panel_records_only_what_is_new() -> None:
    """The rule both front ends ask: a step newly ticked, or someone newly chosen; an
    offer closed with nothing done is in the log already."""
    from sessiontui.core.care import worth_recording

    session = run()
    state = session.state
    assert not worth_recording(state, None, ())  # looked at the helplines only
    assert worth_recording(state, None, (1,))
    assert worth_recording(state, "p02", ())  # chosen: a follow-up
    assert not worth_recording(state, "p02", (), prompted=True)  # the offer says it
    assert worth_recording(state, "p02", (), prompted=True, note=True)
    session.send(c.RecordSafeguarding("p02", (0,)))
    assert not worth_recording(session.state, "p02", (0,))  # nothing new
    assert worth_recording(session.state, "p02", (0, 2))
