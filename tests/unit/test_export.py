"""`sessiontui export`: a valid log, without names or private notes, with the same figures."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.core.reduce import fold
from sessiontui.core.schedule import schedule
from sessiontui.core.stats import talk_stats
from sessiontui.journal import paths
from sessiontui.journal.reader import read_log
from sessiontui.journal.writer import JournalWriter
from sessiontui.report import ReportError, build_report, load_log, render
from sessiontui.report.export import export_log
from tests.unit.report_helpers import (
    HAND_PLAN,
    driven_session,
    hand_made_events,
    header_for,
    names_found,
    write_log,
)

NAMES = ("Ciara", "Dev", "Sam", "Margaret", "Tomasz", "Yemi", "Aoife", "Zoë", "Quill")


def labels(path: Path) -> dict[str, str]:
    """id -> label, from the roster of labels beside an export."""
    roster = json.loads(paths.roster_path(path).read_text(encoding="utf-8"))
    assert roster["labels"] is True
    return {pid: entry["name"] for pid, entry in roster["participants"].items()}


@pytest.fixture
def evening(tmp_path: Path) -> Path:
    plan, events = driven_session()
    return write_log(tmp_path, plan, events, walk_ins={"p07": "Zoë Quill"})


def test_the_export_is_a_valid_log_without_names(evening: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "for-trainer.jsonl"
    target.parent.mkdir()
    result = export_log(evening, target)
    contents = read_log(target)
    assert contents.damage is None and contents.status == "finished"
    assert [e.seq for e in contents.events] == list(range(1, len(contents.events) + 1))
    assert result.events == len(contents.events) and result.dropped == 1
    text = target.read_text(encoding="utf-8")
    assert names_found(text, NAMES) == []
    assert "PRIVATE-NOTE" not in text and "FOLLOWUP-NOTE" not in text
    assert "someone needs a moment" not in text  # a pause reason is private
    label = labels(target)
    assert f"{label['p01']} and {label['p02']} shared what helped" in text
    assert f"{label['p07']} joined via {label['p01']}, SHARED-NOTE" in text
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    roster = paths.roster_path(target)
    assert result.roster == roster and stat.S_IMODE(os.stat(roster).st_mode) == 0o600
    assert names_found(roster.read_text(encoding="utf-8"), NAMES) == []
    assert contents.header.export["private_notes"] == "removed"
    assert contents.header.export["members_words"] == "included"
    assert contents.header.continues is None


def test_the_export_has_the_same_figures(evening: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.jsonl"
    export_log(evening, target)
    original, copy = load_log(evening), load_log(target)
    before = fold(original.plan, original.contents.events)
    after = fold(copy.plan, copy.contents.events)
    t = before.session.ended
    assert after.session.ended == t and after.bad_events == 0
    assert talk_stats(after, t) == talk_stats(before, t)
    assert schedule(after, t) == schedule(before, t)
    assert after.course.history == before.course.history
    mine = build_report(original.contents, original.roster, plan=original.plan, anonymize=True)
    theirs = build_report(copy.contents, copy.roster, plan=copy.plan, anonymize=True)
    assert theirs.talk == mine.talk and theirs.people == mine.people  # the same labels
    assert theirs.breakouts == mine.breakouts

    def without_reasons(report):
        return [replace(row, why=()) for row in report.phases]

    assert without_reasons(theirs) == without_reasons(mine)
    assert "(the reason is private: left out)" in mine.phases[2].why[0]
    assert "(no reason in this copy: private text was left out of it)" in theirs.phases[2].why[0]
    assert theirs.about.exported and not mine.about.exported
    assert "a trainer export" in render(theirs, "md")


def test_include_notes_keeps_private_notes_without_names(evening: Path, tmp_path: Path) -> None:
    target = tmp_path / "with-notes.jsonl"
    result = export_log(evening, target, include_notes=True)
    assert result.dropped == 0
    text = target.read_text(encoding="utf-8")
    assert "Participant 6 and Participant 2 clashed a little, PRIVATE-NOTE" in text
    assert "FOLLOWUP-NOTE" in text
    assert names_found(text, NAMES) == []
    assert read_log(target).damage is None


def test_private_notes_and_their_corrections_are_dropped(tmp_path: Path) -> None:
    log = write_log(tmp_path, HAND_PLAN, hand_made_events())
    target = tmp_path / "copy.jsonl"
    export_log(log, target)
    types = [e.type for e in read_log(target).events]
    assert types.count("note.added") == 1 and "note.amended" not in types
    followup = next(e for e in read_log(target).events if e.type == "followup.flagged")
    assert followup.data == {"participant": "p02", "text": ""}


def test_an_export_never_replaces_a_file(evening: Path, tmp_path: Path) -> None:
    target = tmp_path / "exists.jsonl"
    target.write_text("precious")
    with pytest.raises(ReportError, match="already exists"):
        export_log(evening, target)
    assert target.read_text() == "precious"


def test_a_chain_of_segments_exports_as_one_file(tmp_path: Path) -> None:
    events = hand_made_events()
    log = write_log(tmp_path, HAND_PLAN, events[:20], name="chain.jsonl")
    # a segment continuing at seq 21, as the writer makes after a failed fsync
    header = header_for(HAND_PLAN)
    digest = hashlib.sha256(log.read_bytes()).hexdigest()
    header["continues"] = {"file": log.name, "last_valid_seq": 20,
                           "sha256_of_valid_prefix": digest}
    writer = JournalWriter.create(paths.segment_path(log, 2), header, os_fsync=lambda fd: None)
    for event in events[20:]:
        writer.append(event)
    assert writer.close(10)
    assert len(load_log(log).contents.events) == len(events)
    target = tmp_path / "one.jsonl"
    export_log(log, target)
    contents = read_log(target)
    assert contents.damage is None and contents.files == (target,)
    assert len(contents.events) == len(events) - 2  # a private note and its correction


def test_a_damaged_log_exports_its_readable_part(tmp_path: Path, capsys) -> None:
    log = write_log(tmp_path, HAND_PLAN, hand_made_events())
    lines = log.read_bytes().splitlines(keepends=True)
    lines[11] = lines[11].replace(b"turn", b"tuRn")  # a bad CRC on event 10
    log.write_bytes(b"".join(lines))
    target = tmp_path / "copy.jsonl"
    assert main(["export", str(log), "-o", str(target), "--anonymize"]) == 0
    err = capsys.readouterr().err
    assert "warning: damaged at byte" in err and "crc mismatch" in err
    contents = read_log(target)
    assert contents.damage is None and len(contents.events) == 10
    assert "crc mismatch" in contents.header.export["damage"]
    report = build_report(contents, None, plan=load_log(target).plan)
    assert report.about.damage and "crc mismatch" in report.about.damage


def test_cli_export(evening: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "cli.jsonl"
    assert main(["export", str(evening), "-o", str(target), "--anonymize"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"exported {len(read_log(target).events)} events to {target}\n"
        f"  labels for a replay: {target}.roster.json\n"
        "  left out: 1 private event (notes, safeguarding; --include-notes keeps them); "
        "9 events of members' words (--include-words keeps them); the text of 5 more events\n"
        "  names replaced in the text: 1 (a common word that is also a name is replaced "
        "too; read the copy)\n")
    assert err == ""
    assert main(["export", str(evening), "-o", str(target)]) == 2
    assert capsys.readouterr().err.strip().endswith("already exists; choose a new file name")
    assert main(["export", str(evening)]) == 2
    assert "-o FILE" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err and not (tmp_path / "x").exists()


def test_export_without_a_roster_warns(tmp_path: Path, capsys) -> None:
    log = write_log(tmp_path, HAND_PLAN, hand_made_events(), roster=False)
    assert main(["export", str(log), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert "no roster file beside the log" in capsys.readouterr().err


def test_the_export_header_plan_loads_and_has_no_names(evening: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.jsonl"
    export_log(evening, target)
    header = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert names_found(json.dumps(header, ensure_ascii=False), NAMES) == []
    assert load_log(target).plan.phases[0].title == "Arrive and check in"


def test_cli_export_dates_the_copy_by_the_clock_it_is_given(evening: Path, tmp_path: Path) -> None:
    import argparse
    from datetime import UTC, datetime

    from sessiontui.cli import export
    from sessiontui.core.clock import FakeClock

    parser = argparse.ArgumentParser(prog="sessiontui")
    export.add_parser(parser.add_subparsers(dest="command"))
    target = tmp_path / "dated.jsonl"
    args = parser.parse_args(["export", str(evening), "-o", str(target)])
    moment = datetime(2031, 6, 1, 12, 0, 5, 250000, tzinfo=UTC)
    assert args.handler(args, clock=FakeClock(moment)) == 0
    assert read_log(target).header.export["created"] == "2031-06-01T12:00:05.250Z"


def test_a_version_2_log_exports_as_a_version_2_log_bound_to_its_session(
    tmp_path: Path,
) -> None:
    """The copy keeps the session id, and its lines' CRCs are seeded with it."""
    from sessiontui.journal.lines import encode_event, encode_header
    from tests.unit.report_helpers import START

    plan, events = driven_session()
    header = header_for(plan)
    sealed = {**header, "format_version": 2}
    source = tmp_path / "20261124T193000Z_v2_3f9a1c2b.jsonl"
    source.write_bytes(encode_header(header, 2) + b"".join(
        encode_event(e.with_seq(n), sealed) for n, e in enumerate(events, 1)))
    source.chmod(0o600)
    target = tmp_path / "copy.jsonl"
    result = export_log(source, target, now=START)
    copy = read_log(target)
    assert copy.damage is None and copy.format_version == 2
    assert copy.header.session_id == header["session_id"]
    assert len(copy.events) == result.events > 0
