"""Safeguarding records are private as a whole: only the facilitator's own report has
them, first among the follow-ups with the lead's contact; never an export or an
anonymised output unless asked (--include-notes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.core import commands as c
from sessiontui.journal.reader import read_log
from sessiontui.report import build_report, load_log, render
from sessiontui.report.export import export_log
from tests.unit.core_helpers import Run, example
from tests.unit.report_helpers import START, write_log

PRIVATE_TYPES = {"safeguarding.recorded", "safeguarding.offered"}


@pytest.fixture
def log(tmp_path: Path) -> Path:
    plan = example("evening-group")
    run = Run(plan, start=False)
    run.clock._wall = START
    run.send(c.StartSession())
    run.send(c.MarkAttendance("p02", "stepped-out"), after=60)
    run.tick(after=601)  # Dev has been out past the plan's 10 minutes: offered
    run.send(c.RecordSafeguarding("p02", (0, 2), prompted=True), after=5)
    run.send(c.EndSession(), after=60)
    assert {e.type for e in run.events} >= PRIVATE_TYPES
    return write_log(tmp_path, plan, run.events)


def report_of(log: Path, fmt: str, **options: bool) -> str:
    loaded = load_log(log)
    return render(build_report(loaded.contents, loaded.roster, plan=loaded.plan, **options),
                  fmt)


def test_the_facilitators_own_report_lists_it_first_with_the_lead(log: Path) -> None:
    text = report_of(log, "md", include_notes=True)
    follow = text[text.index("## Follow-ups"):]
    assert follow.index("Safeguarding (private), first") < follow.index("None flagged")
    assert "safeguarding lead Safeguarding lead (on call during sessions): 07700 900123" in follow
    assert ("- Dev (19:41), after a long time stepped out; done: Acknowledge, calmly, in the "
            "group's agreed words; Share the helplines in the chat; still to do: Message "
            "them privately in the chat; Tell the safeguarding lead before the end of today"
            ) in follow
    html = report_of(log, "html", include_notes=True)
    assert "Safeguarding (private), first." in html and "Dev" in html


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("anonymize", [False, True])
def test_without_include_notes_not_even_its_number_is_said(
        log: Path, fmt: str, anonymize: bool) -> None:
    text = report_of(log, fmt, anonymize=anonymize)
    assert "Acknowledge, calmly" not in text
    assert "after a long time stepped out" not in text
    assert "safeguarding record" not in text.casefold()
    if fmt == "json":
        data = json.loads(text)
        assert data["safeguarding"] == [] and data["safeguarding_lead"] is None


def test_an_anonymised_report_names_no_one_even_when_asked(log: Path) -> None:
    text = report_of(log, "md", include_notes=True, anonymize=True)
    assert "Dev" not in text
    assert "Participant" in text[text.index("Safeguarding (private)"):]


def test_an_export_leaves_it_out_unless_asked(log: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.jsonl"
    export_log(log, plain, anonymize=True)
    assert not {e.type for e in read_log(plain).events} & PRIVATE_TYPES
    asked = tmp_path / "asked.jsonl"
    export_log(log, asked, anonymize=True, include_notes=True)
    assert {e.type for e in read_log(asked).events} >= PRIVATE_TYPES
