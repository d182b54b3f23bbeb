"""The list of logs, one-line verdicts, and which files a prune would delete."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sessiontui.core.events import Event, format_ts
from sessiontui.journal.catalog import list_logs, prune, verify
from sessiontui.journal.lines import encode_header
from tests.unit.journal_child import START, line, log_bytes, sample_header

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
DAY = 86400.0


def make_log(folder: Path, name: str, count: int, created: str, closed: bool = False) -> Path:
    path = folder / name
    data = log_bytes(count, sample_header(created=created))
    if closed:
        ts = format_ts(START + timedelta(seconds=count + 1))
        data += line(Event("session.closed", {}, ts=ts, seq=count + 1))
    path.write_bytes(data)
    return path


def age(path: Path, days: float) -> None:
    when = NOW.timestamp() - days * DAY
    os.utime(path, (when, when))


def test_list_logs_says_what_each_one_is(tmp_path: Path) -> None:
    make_log(
        tmp_path,
        "20261124T193000Z_evening_aaaa1111.jsonl",
        40,
        "2026-11-24T19:30:00.000Z",
        closed=True,
    )
    make_log(tmp_path, "20261201T193000Z_evening_bbbb2222.jsonl", 7, "2026-12-01T19:30:00.000Z")
    torn = make_log(
        tmp_path, "20261208T193000Z_evening_cccc3333.jsonl", 9, "2026-12-08T19:30:00.000Z"
    )
    with open(torn, "ab") as stream:
        stream.write(b'{"crc":"12')
    (tmp_path / "20261215T193000Z_evening_dddd4444.jsonl").write_text("not a log\n")
    (tmp_path / "20261124T193000Z_evening_aaaa1111.jsonl.roster.json").write_text("{}")
    (tmp_path / "20261201T193000Z_evening_bbbb2222.part2.jsonl").write_bytes(
        encode_header(
            sample_header(
                continues={"file": "20261201T193000Z_evening_bbbb2222.jsonl", "last_valid_seq": 7}
            )
        )
    )
    logs = list_logs(tmp_path)
    assert [log.path.name[:8] for log in logs] == ["20261215", "20261208", "20261201", "20261124"]
    unreadable, damaged, interrupted, finished = logs
    assert (unreadable.state, unreadable.events) == ("unreadable", 0)
    assert "not a sessiontui log" in (unreadable.problem or "")
    assert (damaged.state, damaged.events) == ("damaged", 9)
    assert (interrupted.state, interrupted.events) == ("interrupted", 7)
    assert interrupted.size == sum(
        p.stat().st_size for p in tmp_path.iterdir() if "bbbb2222" in p.name
    )
    assert (finished.state, finished.events) == ("finished", 41)
    assert finished.title == "Parents' peer support"
    assert finished.started == datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
    assert finished.tz == "Europe/London" and finished.rehearsal is False


def test_list_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_logs(tmp_path / "nope") == []


def test_verify_gives_one_line_and_an_exit_status(tmp_path: Path) -> None:
    good = make_log(tmp_path, "good.jsonl", 412, "2026-11-24T19:30:00.000Z", closed=True)
    verdict = verify(good)
    assert (verdict.code, verdict.text) == (0, "good.jsonl: ok, 413 events, finished")

    data = bytearray(good.read_bytes())
    line_57 = [i for i, b in enumerate(data) if b == 0x0A][55] + 1  # start of line 57
    data[line_57 + 30] ^= 0x20
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(bytes(data))
    verdict = verify(bad)
    assert verdict.code == 1
    assert verdict.text.startswith(f"bad.jsonl: damaged at byte {line_57} (line 57): crc mismatch")
    assert verdict.text.endswith("; 55 events readable")

    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(good.read_bytes()[:-5])
    verdict = verify(torn)
    assert (
        verdict.code == 1
        and "torn tail" in verdict.text
        and "412 events readable" in (verdict.text)
    )

    other = tmp_path / "notes.txt"
    other.write_text("hello\n")
    assert verify(other).code == 2
    assert verify(other).text == "notes.txt: not a sessiontui log"
    assert verify(tmp_path / "missing.jsonl").code == 2


def test_verify_mentions_warnings(tmp_path: Path) -> None:
    log = make_log(tmp_path, "w.jsonl", 3, "2026-11-24T19:30:00.000Z")
    with open(log, "ab") as stream:
        stream.write(line(Event("x", {}, ts="2026-11-20T19:30:00.000Z", seq=4)))
    verdict = verify(log)
    assert verdict.code == 0 and "1 warning(s)" in verdict.text


def test_prune_names_every_file_of_old_logs_and_nothing_else(tmp_path: Path) -> None:
    old = make_log(tmp_path, "20261101T190000Z_old_aaaa1111.jsonl", 3, "2026-11-01T19:00:00.000Z")
    new = make_log(tmp_path, "20270220T190000Z_new_bbbb2222.jsonl", 3, "2027-02-20T19:00:00.000Z")
    belongs_to_old = [
        "20261101T190000Z_old_aaaa1111.part2.jsonl",
        "20261101T190000Z_old_aaaa1111.jsonl.roster.json",
        "20261101T190000Z_old_aaaa1111.jsonl.comments.json",
        "20261101T190000Z_old_aaaa1111.jsonl.torn-812",
        "20261101T190000Z_old_aaaa1111.part2.jsonl.torn-90",
        ".20261101T190000Z_old_aaaa1111.jsonl.roster.json.x1y2.tmp",
    ]
    keep = [
        "20270220T190000Z_new_bbbb2222.jsonl.roster.json",
        "notes.txt",
        "recent-gone.jsonl.roster.json",
    ]
    for name in belongs_to_old + keep:
        (tmp_path / name).write_text("{}")
    for path in tmp_path.iterdir():
        age(path, 200)  # modification times do not decide for logs with a header
    age(tmp_path / "recent-gone.jsonl.roster.json", 10)
    (tmp_path / "gone.jsonl.roster.json").write_text("{}")  # its log was deleted by hand
    age(tmp_path / "gone.jsonl.roster.json", 100)
    unreadable = tmp_path / "20261001T000000Z_x_cccc3333.jsonl"
    unreadable.write_text("garbage")  # no header: the name gives the date

    doomed = prune(tmp_path, 90 * DAY, NOW)
    assert {p.name for p in doomed} == {
        old.name,
        *belongs_to_old,
        "gone.jsonl.roster.json",
        unreadable.name,
    }
    assert new not in doomed
    assert all(p.parent == tmp_path for p in doomed)
    assert prune(tmp_path, 1000 * DAY, NOW) == []
    assert prune(tmp_path / "nope", DAY, NOW) == []


def test_a_log_being_written_is_marked_in_use_and_never_pruned(tmp_path: Path) -> None:
    from sessiontui.journal.writer import JournalWriter

    log = tmp_path / "20200101T000000Z_live_aaaa1111.jsonl"
    writer = JournalWriter.create(log, sample_header(created="2020-01-01T00:00:00.000Z"))
    (tmp_path / f"{log.name}.roster.json").write_text("{}")
    try:
        assert list_logs(tmp_path)[0].in_use is True
        assert prune(tmp_path, DAY, NOW) == []
    finally:
        writer.close()
    assert list_logs(tmp_path)[0].in_use is False
    assert len(prune(tmp_path, DAY, NOW)) == 2


def test_privacy_warnings_name_files_others_can_read(tmp_path: Path) -> None:
    from sessiontui.journal.catalog import privacy_warnings

    os.chmod(tmp_path, 0o700)
    open_log = make_log(tmp_path, "a.jsonl", 1, "2026-11-24T19:30:00.000Z")
    roster = tmp_path / "a.jsonl.roster.json"
    roster.write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    os.chmod(open_log, 0o644)
    os.chmod(roster, 0o640)
    os.chmod(tmp_path / "notes.txt", 0o644)
    assert privacy_warnings(tmp_path) == [
        "a.jsonl can be read by other users (mode 0644); chmod 600 it",
        "a.jsonl.roster.json can be read by other users (mode 0640); chmod 600 it",
    ]
    os.chmod(tmp_path, 0o755)
    assert privacy_warnings(tmp_path)[0].endswith("(mode 0755); chmod 700 it")


def test_a_half_written_last_line_of_a_log_in_use_is_not_called_damage(tmp_path: Path) -> None:
    from sessiontui.journal.writer import JournalWriter

    log = tmp_path / "20261124T193000Z_live_aaaa1111.jsonl"
    writer = JournalWriter.create(log, sample_header())
    try:
        with open(log, "ab") as stream:  # what a reader may see mid-write
            stream.write(b'{"crc":"0123abcd","seq":1,')
        summary = list_logs(tmp_path)[0]
        assert (summary.state, summary.in_use, summary.problem) == ("interrupted", True, None)
        assert "in use by a running sessiontui" in verify(log).text
    finally:
        writer.close()
    assert list_logs(tmp_path)[0].state == "damaged"
