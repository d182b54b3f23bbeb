"""Golden files: the Markdown, HTML and JSON reports of a fixed log, compared exactly, so
that every change of wording is seen and reviewed in a diff.

After a deliberate change, regenerate them and read the diff before committing:

    SESSIONTUI_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_report_golden.py -n 0

A test that regenerates a file fails, saying so, so that a run with the variable set by
mistake never passes silently.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.journal.comments import Comment, save_comments
from sessiontui.journal.roster import load_roster, save_roster
from tests.unit.report_helpers import HAND_PLAN, hand_made_events, write_log

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SESSIONTUI_UPDATE_GOLDEN") == "1"


def check(name: str, text: str) -> None:
    """`text` must be exactly the golden file `name` (regenerated when asked)."""
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        pytest.fail(f"regenerated {path.name}: read its diff, then run again without "
                    "SESSIONTUI_UPDATE_GOLDEN")
    assert path.exists(), f"no golden file {path.name}: run with SESSIONTUI_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{path.name} differs from what the report now writes: if the change is meant, "
        "regenerate with SESSIONTUI_UPDATE_GOLDEN=1 and review the diff")


def with_ways_of_joining(path: Path) -> None:
    """Dev joins by phone and Sam by chat only (in the roster, as a plan's `joins`
    puts them): the reports say whether they got the floor."""
    roster = load_roster(path)
    people = dict(roster["participants"])
    people["p02"] = {**people["p02"], "joins": "phone"}
    people["p03"] = {**people["p03"], "joins": "chat"}
    save_roster(path, people, roster["facilitators"])


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    with_ways_of_joining(path)
    save_comments(path, [
        Comment("c1", 150.0, "Here you might have brought Sam in", "2026-11-29T18:49:39.651Z"),
    ])
    return path


def report(log: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main(["report", str(log), *options]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_session_report_text(log: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    check(f"session.{fmt}", report(log, capsys, "--format", fmt, "--include-comments"))


def test_session_report_json(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = report(log, capsys, "--format", "json", "--include-comments")
    data = json.loads(out)
    # the golden file is laid out for reading; the output is exactly its compact form
    assert out == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    check("session.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def test_anonymized_report_text(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check("session-anonymized.md", report(log, capsys, "--anonymize"))


def test_series_report_text(log: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    later = write_log(tmp_path, HAND_PLAN, hand_made_events(),
                      name="20261201T193000Z_test_4a0b2d3c.jsonl",
                      session_id="4a0b2d3cf18e4b7aad62e3f9a5b8c1d4",
                      created=datetime(2026, 12, 1, 19, 30, tzinfo=UTC))
    check("series.md", report(log, capsys, str(later)))
