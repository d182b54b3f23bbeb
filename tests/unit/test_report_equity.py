"""Figures that mean what they say: turn-taking, bridging, equity per phase, first-turn
waits, the thresholds behind the words, and a session ended early.

The log below was worked out by hand (see `equity_events`); the report must print
exactly these figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.core.stats import bridges, speaker_changes, turn_taking_index, turn_taking_of
from sessiontui.report import SessionReport, build_report, load_log, render
from tests.unit.report_helpers import HAND_PLAN, ev, write_log


def _turn(speaker: str, start: float, end: float, source: str = "direct") -> list:
    return [ev("turn.started", start, speaker=speaker, source=source),
            ev("turn.ended", end, speaker=speaker, duration_s=float(end - start))]


def equity_events() -> list:
    """By hand:

    Open discussion (0-400): p01 10-70, facilitator 70-100, p02 100-160, p02 160-190,
      facilitator 190-200, p01 200-260; Sam (p03) marked late at 120, speaks 300-330.
      members: Ciara 120, Dev 90, Sam 30 -> Gini [30, 90, 120]: (−2·30 + 0 + 2·120) /
      (3·240) = 0.25; facilitator 40 of 280 = 14%.
    Check out (400-520), a round p01, p02, p03: Ciara 410-440, Dev 450-510; the session
      is ended early at 520 before Sam's go. members: [30, 60, 0] -> Gini
      (−2·0 + 0 + 2·60) / (3·90) = 0.444; facilitator 0%.
    Whole session, speakers: p01 f p02 p02 f p01 p03 p01 p02: 9 turns, the speaker
      changed in 7 of the 8 after the first -> 0.875 (not 1: Dev's two turns in a row
      are one run).
    Bridging: member turns p01 p02 p02 p01 p03 p01 p02 -> 6 handovers; the facilitator
      spoke between p01→p02 and p02→p01: 2 of 6.
    First turn: Ciara 10 s after the start, Dev 100 s, Sam 300 − 120 (arrived late) =
      180 s.
    """
    p = ["p01", "p02", "p03"]
    return [
        ev("session.opened", 0, plan_sha256="0" * 64, rehearsal=False, participants=p),
        ev("session.started", 0),
        ev("phase.started", 0, phase=0, kind="discussion", planned_s=600),
        *_turn("p01", 10, 70),
        *_turn("facilitator", 70, 100, "facilitator"),
        *_turn("p02", 100, 160),
        ev("attendance.changed", 120, participant="p03", status="late", previous="expected"),
        *_turn("p02", 160, 190),
        *_turn("facilitator", 190, 200, "facilitator"),
        *_turn("p01", 200, 260),
        *_turn("p03", 300, 330),
        ev("phase.ended", 400, phase=0, outcome="moved-on-early", active_s=400.0),
        ev("phase.started", 400, phase=1, kind="close", planned_s=300),
        ev("round.started", 400, phase=1, order=p, method="plan", seed=None),
        ev("round.moved", 405, phase=1, position=0, participant="p01"),
        *_turn("p01", 410, 440, "round"),
        ev("round.moved", 445, phase=1, position=1, participant="p02"),
        *_turn("p02", 450, 510, "round"),
        ev("phase.ended", 520, phase=1, outcome="moved-on-early", active_s=120.0),
        ev("session.ended", 520, reason="ended-early"),
    ]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path, HAND_PLAN, equity_events())


@pytest.fixture
def report(log: Path) -> SessionReport:
    loaded = load_log(log)
    return build_report(loaded.contents, loaded.roster, plan=loaded.plan)


def test_turn_taking_by_the_published_definition() -> None:
    assert speaker_changes(["a", "f", "b", "b", "f", "a"]) == 4
    assert turn_taking_of(["a", "f", "b", "b", "f", "a"]) == pytest.approx(4 / 5)
    assert turn_taking_of(["a", "a", "a"]) == 0, "one voice: the floor never changed hands"
    assert turn_taking_of(["a", "b", "a", "b"]) == 1
    assert turn_taking_of(["a"]) == 0
    # the same figure as the core's chats/runs form: 6 turns, 5 runs
    assert turn_taking_index(6, 5) == turn_taking_of(["a", "f", "b", "b", "f", "a"])


def test_bridging_counts_member_facilitator_member() -> None:
    f = "facilitator"
    assert bridges(["p1", f, "p2", "p2", f, f, "p1", "p3"]) == (2, 4)
    assert bridges([f, "p1", f]) == (0, 0), "no handover between two members"
    assert bridges(["p1", "p2", "p3"]) == (0, 2)


def test_the_report_counts_a_members_turns_in_a_row_once(report: SessionReport) -> None:
    talk = report.talk
    assert (talk.chats, talk.speaker_changes) == (9, 7)
    assert talk.turn_taking == pytest.approx(7 / 8)
    assert (talk.bridged, talk.handovers) == (2, 6)
    md = render(report, "md")
    assert ("0.88; the speaker changed in 7 of the 8 turns after the first (9 turns in all)"
            in md)
    assert ("You spoke between two members' turns in 2 of 6 handovers from one member to "
            "the next (33%)") in md


def test_equity_per_phase(report: SessionReport) -> None:
    phases = {row.title: row for row in report.phases}
    assert phases["Open discussion"].gini == pytest.approx(0.25)
    assert phases["Open discussion"].facilitator_share == pytest.approx(40 / 280)
    assert phases["Check out"].gini == pytest.approx(4 / 9)
    assert phases["Check out"].facilitator_share == 0
    md = render(report, "md")
    assert "| Open discussion |    4m 40s |        14% | 0.25 |" in md
    assert "| Check out       |    1m 30s |         0% | 0.44 |" in md
    html = render(report, "html")
    assert ('<td class="wrap">Open discussion</td><td class="num">4m 40s</td>'
            '<td class="num">14%</td><td class="num">0.25</td>') in html


def test_each_persons_wait_for_a_first_turn(report: SessionReport) -> None:
    waits = {p.name: p.first_turn_wait_s for p in report.people}
    assert waits == {"Ciara": 10.0, "Dev": 100.0, "Sam": 180.0}, "Sam counted from arriving"
    data = json.loads(render(report, "json"))
    assert [p["first_turn_wait_s"] for p in data["people"]] == [10.0, 100.0, 180.0]
    assert "| Sam               |       30s |" in render(report, "md")


def test_the_thresholds_behind_the_words_are_stated_once(report: SessionReport) -> None:
    md = render(report, "md")
    html = render(report, "html")
    for text in (md, html):
        assert text.count("How the words are chosen") == 1
        assert "\u201cfairly spread\u201d between 0.20 and 0.40" in text
        assert "\u201cuneven\u201d at 0.40 or more" in text
    data = json.loads(render(report, "json"))
    assert data["thresholds"]["gini_uneven"] == 0.4 and data["thresholds"]["gini_even"] == 0.2


def test_a_session_ended_early_says_so_and_who_was_waiting(report: SessionReport) -> None:
    assert report.about.end_reason == "ended-early"
    check_out = report.rounds[-1]
    assert not check_out.completed and check_out.waiting == ("Sam",)
    md = render(report, "md")
    assert " · ended early · " in md.splitlines()[2]
    assert "- The session ended early, before the round finished: not yet had their go: Sam" \
        in md
    assert "finished (ended-early)" not in md
    assert any(p.topic == "ended-early" and "before Sam had their go" in p.text
               for p in report.prompts)
    html = render(report, "html")
    assert "ended early" in html and "not yet had their go: Sam" in html
    data = json.loads(render(report, "json"))
    assert data["rounds"][-1]["waiting"] == ["Sam"]


def test_ending_early_names_those_waiting_in_the_last_round_once(tmp_path) -> None:
    """A check-in left unfinished on the way, then a close ended early: the question
    names the close's waiting people, each once (not the check-in's as well)."""
    from sessiontui.core import commands as c
    from sessiontui.report import build_report, load_log
    from tests.unit.core_helpers import Run, example
    from tests.unit.report_helpers import START, write_log

    plan = example("evening-group")
    run = Run(plan, start=False)
    run.clock._wall = START
    run.send(c.StartSession())
    run.send(c.NextStep(), after=30)  # Ciara's go; the rest of the check-in never comes
    run.send(c.GoToPhase(len(plan.phases) - 1), after=30)
    run.send(c.NextStep(), after=30)
    run.send(c.NextStep(), after=30)  # two have had their go in the close
    run.send(c.EndSession(), after=30)
    loaded = load_log(write_log(tmp_path, plan, run.events))
    report = build_report(loaded.contents, loaded.roster, plan=loaded.plan)
    [prompt] = [p for p in report.prompts if p.topic == "ended-early"]
    waiting = report.rounds[-1].waiting
    assert len(waiting) == 4 and len(set(waiting)) == 4
    for name in waiting:
        assert prompt.text.count(name) == 1


def test_a_round_moved_on_from_is_not_said_to_be_cut_by_the_end(tmp_path) -> None:
    from sessiontui.core import commands as c
    from sessiontui.report import build_report, load_log, render
    from tests.unit.core_helpers import Run, example
    from tests.unit.report_helpers import START, write_log

    plan = example("evening-group")
    run = Run(plan, start=False)
    run.clock._wall = START
    run.send(c.StartSession())
    run.send(c.NextStep(), after=30)
    run.send(c.GoToPhase(len(plan.phases) - 1), after=30)  # the check-in left unfinished
    run.send(c.NextStep(), after=30)
    run.send(c.EndSession(), after=30)
    loaded = load_log(write_log(tmp_path, plan, run.events))
    md = render(build_report(loaded.contents, loaded.roster, plan=loaded.plan), "md")
    assert md.count("The session ended early, before the round finished") == 1
    assert "The round did not finish: not yet had their go: Dev" in md
