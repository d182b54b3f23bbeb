"""A damaged log: the report covers its valid part and says, visibly, what was lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.report import build_report, load_log, render
from tests.unit.report_helpers import HAND_PLAN, hand_made_events, write_log


def torn(tmp_path: Path) -> Path:
    """The last line cut in half, as a crash leaves it."""
    log = write_log(tmp_path, HAND_PLAN, hand_made_events())
    data = log.read_bytes()
    log.write_bytes(data[: len(data) - 30])
    return log


def flipped(tmp_path: Path) -> Path:
    """A bit flipped in line 12 (event 11): mid-file damage, 25 sound lines after it."""
    log = write_log(tmp_path, HAND_PLAN, hand_made_events())
    lines = log.read_bytes().splitlines(keepends=True)
    lines[11] = lines[11].replace(b'"p02"', b'"p03"')
    log.write_bytes(b"".join(lines))
    return log


def test_a_torn_tail(tmp_path: Path) -> None:
    log = load_log(torn(tmp_path))
    report = build_report(log.contents, log.roster, plan=log.plan)
    assert report.about.status == "damaged" and report.about.events == 35
    assert "torn tail" in report.about.damage
    assert report.talk.total_s == 240, "everything before the cut still counts"
    md = render(report, "md")
    assert "**Part of this log could not be read:** damaged at byte" in md
    assert "covers the 35 events before it" in md


def test_mid_file_damage(tmp_path: Path) -> None:
    log = load_log(flipped(tmp_path))
    report = build_report(log.contents, log.roster, plan=log.plan)
    assert report.about.events == 10
    assert "crc mismatch" in report.about.damage
    assert "sound lines after it are not used" in report.about.damage
    # the valid part: Ciara's turn and the facilitator's; Dev's line is the bad one
    people = {p.name: p.seconds for p in report.people}
    assert (people["Ciara"], people["Dev"], report.talk.facilitator_s) == (120, 0, 60)
    assert report.phases[0].status == "running"
    html = render(report, "html")
    assert 'class="notice damage"' in html and "crc mismatch" in html
    data = json.loads(render(report, "json"))
    assert data["about"]["status"] == "damaged" and "crc mismatch" in data["about"]["damage"]


@pytest.mark.parametrize("make", [torn, flipped])
def test_cli_reports_a_damaged_log_with_a_warning(tmp_path: Path, make, capsys) -> None:
    log = make(tmp_path)
    assert main(["report", str(log)]) == 0
    out, err = capsys.readouterr()
    assert "Part of this log could not be read" in out
    assert err.startswith("sessiontui report: warning: ") and err.count("\n") == 1
