"""`--salvage` for report and replay: the sound lines after a damaged one are used, and
the gap is said (when, and that events in it may be missing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.journal.reader import read_chain, read_log
from tests.unit.report_helpers import HAND_PLAN, hand_made_events, write_log


def damage_line(path: Path, number: int) -> None:
    """Flip one character inside line `number` (1-based; the header is 1): its CRC fails."""
    lines = path.read_bytes().splitlines(keepends=True)
    line = bytearray(lines[number - 1])
    at = line.index(b'"type"') + 9
    line[at] = ord("X") if line[at] != ord("X") else ord("Y")
    lines[number - 1] = bytes(line)
    path.write_bytes(b"".join(lines))


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    damage_line(path, 12)  # event 11: Dev's turn starting at 210 s (19:33.30)
    return path


def test_a_salvaging_read_uses_the_sound_lines_after_the_damage(log: Path) -> None:
    plain = read_log(log)
    assert len(plain.events) == 10 and plain.damage is not None
    assert plain.damage.sound_lines_after == len(hand_made_events()) - 11
    salvaged = read_chain(log, salvage=True)
    assert len(salvaged.events) == len(hand_made_events()) - 1
    assert [s.line for s in salvaged.skipped] == [12]
    assert salvaged.skipped[0].reason == "crc mismatch"
    assert salvaged.skipped[0].after_t == 210.0, "the last sound event before it"
    assert salvaged.status == "damaged" and salvaged.damage is None
    assert log.read_bytes().count(b"\n") == len(hand_made_events()) + 1, "never written"


def test_report_salvage_says_the_gap(log: Path, capsys) -> None:
    assert main(["report", str(log)]) == 0
    out = capsys.readouterr().out
    assert "This report covers the 10 events before it" in out
    assert "Check out" in out and "| Check out       | 19:40      | -" in out, "not reached"
    assert main(["report", str(log), "--salvage"]) == 0
    out, err = capsys.readouterr()
    assert "**1 damaged line skipped at 19:33; events in the gap may be missing" in out
    assert "could not be read" not in out
    assert "| Check out       | 19:40      | 19:43" in out, "the events after the gap count"
    assert err == (f"sessiontui report: warning: {log.name}: 1 damaged line skipped (line 12); "
                   "events in the gap may be missing\n")


def test_report_salvage_in_html_and_json(log: Path, capsys) -> None:
    assert main(["report", str(log), "--salvage", "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "1 damaged line skipped at 19:33" in html
    assert '>gap</text>' in html, "the gap is drawn on the timeline"
    assert main(["report", str(log), "--salvage", "--format", "json"]) == 0
    about = json.loads(capsys.readouterr().out)["about"]
    assert about["skipped_lines"] == [
        {"line": 12, "after_s": 210.0, "clock": "19:33", "reason": "crc mismatch"}]
    assert about["damage"] is None and about["status"] == "damaged"


def test_replay_salvage_reads_on_and_says_where(log: Path) -> None:
    from sessiontui.replay import ReplaySession

    plain = ReplaySession.open(log)
    assert len(plain.events) == 10 and "--salvage reads on" in (plain.damage_note or "")
    replay = ReplaySession.begin(log)
    replay.salvage = True
    replay.use(replay.read())
    assert len(replay.events) == len(hand_made_events()) - 1
    note = replay.damage_note or ""
    assert note.startswith("1 damaged line skipped at 03:30; events in the gap may be missing")
    assert any("gap: damaged line 12 skipped" in label for _, _, label in replay.chapters())
