"""The workshop plan: a guest speaker, a quiz, a rebalance and a skip, with their reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.core import commands as c
from sessiontui.report import build_report, load_log, render
from sessiontui.report.export import export_log
from sessiontui.report.model import SessionReport
from tests.unit.core_helpers import Run, example
from tests.unit.report_helpers import names_found, write_log

WORKSHOP = example("workshop")
GUEST = ("Nuala", "Byrne")


def workshop_events() -> list:
    run = Run(WORKSHOP)
    run.send(c.GoToPhase(1), after=700)  # check-in ran 100 s over
    run.send(c.GoToPhase(2), after=400)  # so did the ground rules
    run.tick(after=15 * 60)  # the talk's time is up: questions start by time
    run.send(c.RaiseHand("p01"), after=30)
    run.send(c.NextSpeaker(), after=20)
    run.send(c.EndTurn(), after=90)
    run.advance(10 * 60 + 300)  # the guest runs 5 minutes over
    run.send(c.AcceptRebalance())  # absorb the overrun from the later flex phases
    run.send(c.NextStep(), after=10)  # to the discussion
    run.send(c.SkipPhase(4), after=5)  # no tea today
    run.send(c.AddMarker("Nuala's story landed"), after=5)
    run.send(c.GoToPhase(6), after=8 * 60)  # to the quiz (the breakout is passed over)
    run.send(c.AwardPoints("p03", 2), after=30)
    run.send(c.RevealAnswer(), after=10)
    run.send(c.NextQuestion(), after=10)
    run.send(c.AwardPoints("p05"), after=30)
    run.send(c.EndSession(), after=60)
    return run.events


@pytest.fixture(scope="module")
def log_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_log(tmp_path_factory.mktemp("workshop"), WORKSHOP, workshop_events())


def report_of(path: Path, **options: bool) -> SessionReport:
    log = load_log(path)
    return build_report(log.contents, log.roster, plan=log.plan, **options)


def test_quiz_and_guest(log_path: Path) -> None:
    report = report_of(log_path)
    (quiz,) = report.quizzes
    assert [(q.shown, q.revealed) for q in quiz.questions] == [
        (True, True), (True, False), (False, False),
    ]
    assert report.scores == (("Chidi", 2), ("Eilidh", 1))
    people = {p.name: p.points for p in report.people}
    assert people["Chidi"] == 2 and people["Aled"] == 0
    (guest,) = report.guests
    assert guest.speaker == "Dr Nuala Byrne" and guest.questions_started
    md = render(report, "md")
    assert "- Chidi: 2 points\n- Eilidh: 1 point\n" in md  # not "Chidi 2, Eilidh 1"
    assert "What should a facilitator do first in every session? (answer: Go over the " \
           "ground rules; answer shown)" in md


def test_rebalance_and_skip_reasons(log_path: Path) -> None:
    report = report_of(log_path)
    rows = {row.title: row for row in report.phases}
    assert rows["Virtual tea"].status == "skipped"
    assert rows["Virtual tea"].why[0].startswith("marked to skip at ")
    assert rows["Design your first session"].status == "skipped"  # passed over by GoToPhase
    discussion = rows["What has worked for you"]
    (why,) = discussion.why
    assert why.startswith("shortened from 20m 00s to ") and "by a rebalance accepted at " in why
    assert "during Why peer support works, to absorb an overrun" in why
    assert discussion.given_s < discussion.planned_s == 1200
    guest = rows["Why peer support works"]
    assert guest.over_s == guest.actual_s - guest.given_s and guest.over_s > 300
    assert guest.outcome == "ran-over"


def test_the_guest_speakers_name_is_anonymized_too(log_path: Path, tmp_path: Path) -> None:
    report = report_of(log_path, anonymize=True)
    assert report.guests[0].speaker == "the guest speaker"
    for fmt in ("md", "html", "json"):
        assert names_found(render(report, fmt), GUEST) == [], fmt
    target = tmp_path / "copy.jsonl"
    export_log(log_path, target)
    assert names_found(target.read_text(encoding="utf-8"), GUEST) == []
    assert load_log(target).plan.phases[2].speaker == "the guest speaker"
