"""The report says what the log supports: a second go replaces a pass, and a help
request counts as answered only when the log marks it answered."""

from __future__ import annotations

import json
from pathlib import Path

from sessiontui.core import commands as c
from sessiontui.core.events import Event
from sessiontui.report import build_report, load_log, render
from sessiontui.report.model import SessionReport
from tests.unit.core_helpers import Run, example
from tests.unit.report_helpers import write_log

# Aled p01, Bríd p02, Chidi p03, Dana p04, ... (plan order)
WORKSHOP = example("workshop")
BREAKOUT = next(i for i, p in enumerate(WORKSHOP.phases) if p.kind == "breakout")


def report_of(folder: Path, events: list[Event]) -> SessionReport:
    log = load_log(write_log(folder, WORKSHOP, events))
    return build_report(log.contents, log.roster, plan=log.plan)


def _rooms_with_help(*, answered: bool) -> list[Event]:
    run = Run(WORKSHOP)
    run.send(c.GoToPhase(BREAKOUT), after=60)
    run.send(c.NextStep(), after=5)  # opens the rooms
    assert run.state.rooms is not None and run.state.rooms.open
    run.send(c.RequestHelp(2), after=120)
    if answered:
        run.send(c.AnswerHelp(2), after=30)
    run.send(c.CloseRooms(), after=300)
    run.send(c.EndSession(), after=60)
    return run.events


def test_a_help_request_never_marked_answered_is_not_reported_as_answered(
    tmp_path: Path,
) -> None:
    report = report_of(tmp_path, _rooms_with_help(answered=False))
    md = render(report, "md")
    assert "Help requests: 1 (room 2); not marked answered" in md
    assert "all answered" not in md
    assert "all answered" not in render(report, "html")
    (breakout,) = json.loads(render(report, "json"))["breakouts"]
    assert (breakout["help_requests"], breakout["help_unanswered"]) == (1, 1)


def test_a_help_request_marked_answered_is_reported_as_answered(tmp_path: Path) -> None:
    report = report_of(tmp_path, _rooms_with_help(answered=True))
    assert "Help requests: 1 (room 2); all answered" in render(report, "md")
    (breakout,) = report.breakouts
    assert (breakout.help_requests, breakout.help_unanswered) == (1, 0)


def _chidi_passes(*, goes_back: bool) -> list[Event]:
    """n n n, x (Chidi passes), then maybe N (back to Chidi, who speaks) and n."""
    run = Run(WORKSHOP)
    run.send(c.NextStep())
    run.send(c.NextStep(), after=30)
    run.send(c.NextStep(), after=30)
    run.send(c.Pass(), after=3)
    if goes_back:
        run.send(c.PreviousStep(), after=2)
        run.send(c.NextStep(), after=24.466)
    run.send(c.EndSession(), after=60)
    return run.events


def test_a_pass_is_reported_as_a_pass(tmp_path: Path) -> None:
    report = report_of(tmp_path, _chidi_passes(goes_back=False))
    (rnd,) = report.rounds
    assert rnd.passed == ("Chidi",) and "Chidi" not in rnd.spoke
    md = render(report, "md")
    assert "- Passed: Chidi" in md and "Passed in a round: Chidi" in md


def test_going_back_to_someone_who_passed_reports_their_go_not_a_pass(
    tmp_path: Path,
) -> None:
    report = report_of(tmp_path, _chidi_passes(goes_back=True))
    (rnd,) = report.rounds
    assert "Chidi" in rnd.spoke and rnd.passed == ()
    md = render(report, "md")
    assert "- Had their go: Aled, Bríd, Chidi and Dana" in md
    assert "Passed: Chidi" not in md
    assert "Passed in a round" not in md
    people = {p.name: p for p in report.people}
    assert people["Chidi"].passes == 0 and people["Chidi"].spoke
