"""The privacy corpus (tests/corpus/privacy/): a realistic session whose notes, pause
reasons, answers, feedback and comments name every roster member the way a
facilitator types quickly. No anonymised output holds any of those spellings.

See tests/corpus/privacy/README.md for the files and how to add to them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sessiontui.core import commands as c
from sessiontui.journal import paths
from sessiontui.plan import load_plan
from sessiontui.report import build_report, build_reports, build_series, load_log, render
from sessiontui.report.export import export_log
from sessiontui.spelling import fold
from tests.unit.core_helpers import Run
from tests.unit.report_helpers import START, write_log

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "privacy"
CASES = sorted(p.name.removesuffix(".typed.json") for p in CORPUS.glob("*.typed.json"))


def run_session(plan: Any, typed: dict[str, Any]) -> tuple[list[Any], dict[str, str]]:
    """The session as the app would log it, with the corpus's text typed in; returns the
    events and the walk-ins' names by id."""
    run = Run(plan, start=False)
    run.clock._wall = START
    run.advance(30)
    run.send(c.StartSession())

    def to(kind: str) -> None:
        for _ in range(30):
            if run.state.phase is not None and run.state.phase.kind == kind:
                return
            run.send(c.NextStep(), after=20)
        raise AssertionError(f"never reached {kind}")

    def go_round(answers: list[str]) -> None:
        left = list(answers)
        for _ in range(40):
            rnd = run.state.round
            if rnd is None or rnd.completed:
                return
            run.send(c.NextStep(), after=15)
            rnd = run.state.round
            if rnd is not None and rnd.current is not None and left:
                run.send(c.CaptureAnswer(left.pop(0)), after=10)

    go_round(typed["answers"])
    to("ground-rules")
    for _ in plan.ground_rules.rules:
        run.send(c.NextStep(), after=10)
    for rule in typed["rules"]:
        run.send(c.AddRule(rule), after=10)
    to("discussion")
    for reason in typed["pause_reasons"]:
        run.send(c.Pause(reason), after=60)
        run.send(c.Resume(), after=30)
    walk_ins: dict[str, str] = {}
    for name in typed["walk_ins"]:
        (event,) = [e for e in run.send(c.AddParticipant(), after=5)
                    if e.type == "participant.added"]
        walk_ins[event.data["participant"]] = name
    for text in typed["parked"]:
        run.send(c.ParkItem(text), after=10)
    for text in typed["markers"]:
        run.send(c.AddMarker(text), after=10)
    for text in typed["private_notes"]:
        run.send(c.AddNote(text), after=10)
    for text in typed["shared_notes"]:
        run.send(c.AddNote(text, private=False), after=10)
    to("breakout")
    for _ in range(5):
        if run.state.rooms is not None:
            break
        run.send(c.NextStep(), after=5)
    assert run.state.rooms is not None
    for room, text in enumerate(typed["report_backs"], 1):
        run.send(c.NoteReportBack(room, text), after=60)
    to("close")
    go_round(typed["closing_answers"])
    people = list(run.state.people.roster)
    for text in typed["takeaways"]:
        run.send(c.AddTakeaway(text, people[0]), after=10)
    for who, text in zip(people, typed["follow_ups"], strict=False):
        run.send(c.FlagFollowUp(who, text), after=10)
    for who, text in zip(people, typed["feedback"], strict=False):
        run.send(c.RecordFeedback(3, text, who), after=10)
    run.send(c.EndSession(), after=60)
    return run.events, walk_ins


def spellings_in(text: str, spellings: list[str]) -> list[str]:
    """The spellings found in `text` as whole words, compared folded (case, accents,
    apostrophes, script)."""
    folded = fold(text)
    return [s for s in spellings
            if re.search(r"(?<![a-z0-9])" + re.escape(fold(s)) + r"(?![a-z0-9])", folded)]


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, dict[str, Any]]:
    typed = json.loads((CORPUS / f"{request.param}.typed.json").read_text(encoding="utf-8"))
    plan = load_plan(CORPUS / f"{request.param}.toml").plan
    events, walk_ins = run_session(plan, typed)
    folder = tmp_path_factory.mktemp(request.param)
    return write_log(folder, plan, events, walk_ins=walk_ins), typed


def outputs(path: Path, folder: Path) -> Iterator[tuple[str, str]]:
    """Every anonymised output of the log, with the options that hold the most text."""
    log = load_log(path)
    for notes in (False, True):
        for people in (False, True):
            report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True,
                                  include_notes=notes, people=people)
            for fmt in ("md", "html", "json"):
                text = render(report, fmt)
                yield (f"report {fmt} notes={notes} people={people}",
                       html.unescape(text) if fmt == "html" else text)
    series = build_series(build_reports([log, log], anonymize=True, include_notes=True))
    yield "series md", render(series, "md")
    for number, options in enumerate([
        {}, {"include_notes": True}, {"anonymize": True},
        {"anonymize": True, "include_words": True, "include_notes": True},
    ]):
        target = folder / f"copy{number}.jsonl"
        export_log(path, target, now=START + timedelta(days=1), **options)
        yield f"export {options}", target.read_text(encoding="utf-8")
        yield f"export roster {options}", paths.roster_path(target).read_text(encoding="utf-8")
        copy = load_log(target)
        report = build_report(copy.contents, copy.roster, plan=copy.plan, include_notes=True)
        yield f"report of export {options}", render(report, "md")


def test_the_corpus_names_every_member_in_the_log(case: tuple[Path, dict[str, Any]]) -> None:
    """The test can fail: every listed spelling is really in the log or its roster."""
    path, typed = case
    raw = path.read_text(encoding="utf-8") + paths.roster_path(path).read_text(encoding="utf-8")
    assert spellings_in(raw, typed["never"]) == typed["never"]
    # and the typed text is in the log: what the outputs must scrub
    log_text = path.read_text(encoding="utf-8")
    for key in ("answers", "pause_reasons", "private_notes", "feedback", "report_backs"):
        assert all(json.dumps(text, ensure_ascii=False) in log_text for text in typed[key]), key


def test_no_anonymised_output_holds_a_name(case: tuple[Path, dict[str, Any]],
                                           tmp_path: Path) -> None:
    path, typed = case
    leaks = {what: found for what, text in outputs(path, tmp_path)
             if (found := spellings_in(text, typed["never"]))}
    assert leaks == {}


def test_the_report_says_how_many_names_it_replaced(case: tuple[Path, dict[str, Any]]) -> None:
    path, _typed = case
    log = load_log(path)
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True,
                          include_notes=True)
    assert report.about.replacements > 40
    assert f"({report.about.replacements} replacements;" in render(report, "md")
