"""Recovery: torn tails cut after saving them, mid-file damage never cut, and idempotent."""

from __future__ import annotations

import hashlib
import os
import random
import stat
from pathlib import Path

import pytest

from sessiontui.core.events import Event
from sessiontui.journal import files, recovery
from sessiontui.journal.errors import JournalError, JournalLocked
from sessiontui.journal.lines import encode_event, encode_header
from sessiontui.journal.reader import read_chain, read_log
from sessiontui.journal.recovery import recover, resume, truncated_event_data
from sessiontui.journal.writer import JournalWriter
from tests.unit.journal_child import line, log_bytes, sample_event, sample_header, write_log

TS = "2026-11-24T20:00:00.000Z"


class Killed(BaseException):
    """Stands for SIGKILL at a chosen point inside recovery."""


def torn_case(rng: random.Random, data: bytes, line_ends: list[int]) -> tuple[bytes, int]:
    """A valid log cut at a random byte, with zeros or garbage perhaps after; and the
    number of complete event lines before the damage."""
    cut = rng.randrange(line_ends[0], len(data))
    style = rng.choice(["cut", "zeros", "garbage"])
    tail = data[:cut]
    if style == "zeros":
        tail += b"\0" * rng.randint(1, 4096)
    elif style == "garbage":
        tail += bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    if len(tail) == cut and cut in line_ends:
        tail += b"{"  # make sure something is torn
    complete = sum(1 for end in line_ends[1:] if end <= cut)
    return tail, complete


def test_torn_tails_on_disk_are_saved_then_cut_and_recovery_is_idempotent(
    tmp_path: Path,
) -> None:
    """T2 on disk: 300 cases (2,000 more run in memory in test_journal_reader)."""
    data = log_bytes(40)
    ends = [len(encode_header(sample_header()))]
    for seq in range(1, 41):
        ends.append(ends[-1] + len(line(sample_event(seq).with_seq(seq))))
    rng = random.Random(7)
    for case in range(300):
        log = tmp_path / f"c{case}.jsonl"
        torn, complete = torn_case(rng, data, ends)
        log.write_bytes(torn)
        result = recover(log)
        good_end = ends[complete]
        assert result.action == "truncated"
        assert result.last_seq == complete and result.offset == good_end
        assert log.read_bytes() == data[:good_end]
        assert result.side_file == tmp_path / f"c{case}.jsonl.torn-{good_end}"
        assert result.side_file.read_bytes() == torn[good_end:]
        assert result.torn_bytes == len(torn) - good_end
        assert stat.S_IMODE(result.side_file.stat().st_mode) == 0o600
        again = recover(log)  # run twice: same bytes, same report
        assert log.read_bytes() == data[:good_end]
        assert again == result.__class__(**{**_fields(result), "damage": None})
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(log.name)) == [
            log.name,
            result.side_file.name,
        ]


def _fields(result: recovery.RecoveryResult) -> dict:
    return {name: getattr(result, name) for name in result.__slots__}


def test_recovery_event_data_names_the_side_file(tmp_path: Path) -> None:
    log = tmp_path / "e.jsonl"
    data = write_log(log, 5)
    log.write_bytes(data + b'{"crc":"99')
    result = recover(log)
    assert truncated_event_data(result) == {
        "bytes": 10,
        "offset": len(data),
        "side_file": f"e.jsonl.torn-{len(data)}",
    }
    writer, resumed = resume(log)
    assert resumed.action == "truncated"  # not yet recorded in the log
    event = writer.append(Event("recovery.truncated", truncated_event_data(resumed), ts=TS))
    assert event.seq == 6
    assert writer.close()
    assert recover(log).action == "none"  # recorded: no longer reported
    assert read_log(log).events[-1].data["side_file"] == f"e.jsonl.torn-{len(data)}"


def test_killed_between_side_file_and_truncate_then_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """T6: the compound failure; the second run ends where one clean run would."""
    data = log_bytes(30)
    torn = data + b'{"crc":"deadbeef","seq":31,"t":'
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(torn)
    expected = recover(clean)

    log = tmp_path / "killed.jsonl"
    log.write_bytes(torn)

    def killed(*args: object) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(os, "ftruncate", killed)
        with pytest.raises(Killed):
            recover(log)
    side = tmp_path / f"killed.jsonl.torn-{len(data)}"
    assert log.read_bytes() == torn  # not cut yet
    assert side.read_bytes() == torn[len(data) :]  # but saved
    result = recover(log)
    assert log.read_bytes() == clean.read_bytes() == data
    assert result.side_file == side and side.read_bytes() == expected.side_file.read_bytes()
    assert result.torn_bytes == expected.torn_bytes and result.last_seq == 30


def test_killed_while_writing_the_side_file_leaves_the_log_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "k.jsonl"
    data = log_bytes(8)
    log.write_bytes(data + b"\0" * 100)

    def killed(*args: object) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(files.os, "replace", killed)
        with pytest.raises(Killed):
            recover(log)
    assert log.read_bytes() == data + b"\0" * 100
    assert not (tmp_path / f"k.jsonl.torn-{len(data)}").exists()
    result = recover(log)
    assert log.read_bytes() == data and result.side_file.read_bytes() == b"\0" * 100


def test_a_torn_recovery_event_gets_its_own_side_file(tmp_path: Path) -> None:
    """Recovery cut the tail, then the append of recovery.truncated was torn: the first
    side file is kept as it was, the second cut goes to a new name."""
    log = tmp_path / "t.jsonl"
    data = log_bytes(6)
    log.write_bytes(data + b"first torn bytes")
    first = recover(log)
    log.write_bytes(data + b'{"crc":"0badf00d","seq":7')
    second = recover(log)
    assert first.side_file.read_bytes() == b"first torn bytes"
    assert second.side_file == first.side_file.with_name(first.side_file.name + ".2")
    assert second.side_file.read_bytes() == b'{"crc":"0badf00d","seq":7'
    assert recover(log).side_file == second.side_file  # still idempotent
    assert log.read_bytes() == data


def test_mid_file_damage_is_never_cut_and_resume_goes_to_a_new_segment(tmp_path: Path) -> None:
    log = tmp_path / "mid.jsonl"
    data = bytearray(write_log(log, 20))
    start_of_seq_8 = data.index(b'"seq":8,') - 18
    data[start_of_seq_8 + 40] ^= 0x04
    log.write_bytes(bytes(data))
    result = recover(log)
    assert result.action == "new-segment" and result.needs_segment
    assert log.read_bytes() == bytes(data)  # untouched
    assert result.last_seq == 7
    assert result.segment_path == tmp_path / "mid.part2.jsonl"
    assert result.continues == {
        "file": "mid.jsonl",
        "last_valid_seq": 7,
        "sha256_of_valid_prefix": hashlib.sha256(bytes(data[:start_of_seq_8])).hexdigest(),
    }
    assert recover(log) == result  # and again: still nothing written

    writer, _resumed = resume(log)
    assert writer.path == tmp_path / "mid.part2.jsonl"
    event = writer.append(Event("session.continued", {"gap_s": 60.0}, ts=TS))
    assert event.seq == 8
    assert writer.close()
    assert log.read_bytes() == bytes(data)
    segment = read_log(tmp_path / "mid.part2.jsonl")
    assert segment.header.continues.file == "mid.jsonl"
    assert segment.header.session_id == sample_header()["session_id"]
    chain = read_chain(log)
    assert [e.seq for e in chain.events] == list(range(1, 9))
    assert chain.status == "damaged"  # the unreadable lines stay visible
    assert chain.warnings == []  # the prefix hash matched

    # the next resume continues the segment, not the damaged file
    writer, again = resume(log)
    assert again.path == tmp_path / "mid.part2.jsonl" and again.action == "none"
    assert writer.append(Event("phase.started", {}, ts=TS)).seq == 9
    assert writer.close()


def test_segment_cut_off_while_being_created_is_set_aside(tmp_path: Path) -> None:
    log = tmp_path / "c.jsonl"
    data = write_log(log, 4)
    segment = tmp_path / "c.part2.jsonl"
    segment.write_bytes(b'{"crc":"0000')  # the crash came mid-header
    result = recover(log)
    assert result.path == log and result.last_seq == 4 and result.action == "none"
    assert not segment.exists()
    assert (tmp_path / "c.part2.jsonl.torn-0").read_bytes() == b'{"crc":"0000'
    assert log.read_bytes() == data


def test_segment_with_a_damaged_header_and_lines_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "d.jsonl"
    write_log(log, 2)
    (tmp_path / "d.part2.jsonl").write_bytes(b'{"crc":"00000000","x":1}\n{"crc":"1"}\n')
    with pytest.raises(JournalError, match="damaged header"):
        recover(log)


def test_recovery_waits_for_no_one_a_log_in_use_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "busy.jsonl"
    writer = JournalWriter.create(log, sample_header())
    try:
        with pytest.raises(JournalLocked, match="another sessiontui"):
            recover(log)
    finally:
        writer.close()
    assert recover(log).action == "none"


def test_newer_format_is_never_continued(tmp_path: Path) -> None:
    log = tmp_path / "new.jsonl"
    log.write_bytes(encode_header(sample_header(), format_version=3))
    with pytest.raises(JournalError, match="newer sessiontui"):
        recover(log)
    with pytest.raises(JournalError, match="newer sessiontui"):
        JournalWriter.open_existing(log, 0)


def test_finished_log_is_reported_as_finished(tmp_path: Path) -> None:
    log = tmp_path / "f.jsonl"
    log.write_bytes(log_bytes(2) + line(Event("session.closed", {}, ts=TS, seq=3)))
    result = recover(log)
    assert result.finished and result.action == "none" and result.last_seq == 3


def test_side_files_and_segments_are_0600_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        torn = tmp_path / "torn.jsonl"
        torn.write_bytes(log_bytes(3) + b"\0" * 64)
        side = recover(torn).side_file
        mid = tmp_path / "mid.jsonl"
        data = bytearray(log_bytes(6))
        data[len(encode_header(sample_header())) + 30] ^= 1
        mid.write_bytes(bytes(data))
        writer, result = resume(mid)
        writer.close()
    finally:
        os.umask(old)
    assert side is not None and stat.S_IMODE(side.stat().st_mode) == 0o600
    assert result.segment_path is not None
    assert stat.S_IMODE(result.segment_path.stat().st_mode) == 0o600


def test_a_log_in_another_layout_goes_on_in_a_segment_of_the_writers(tmp_path: Path) -> None:
    """Appending lines of one version to a file of another would make it unreadable:
    the session continues in a new segment, the old file stays as it was."""
    from sessiontui.journal.lines import WRITE_VERSION

    other = 2 if WRITE_VERSION == 1 else 1
    header = sample_header()
    sealed = {**header, "format_version": other}
    log = tmp_path / "old.jsonl"
    data = encode_header(header, other) + b"".join(
        encode_event(sample_event(n).with_seq(n), sealed) for n in range(1, 6)
    )
    log.write_bytes(data + b'{"crc":"12')  # and a torn tail, which is not cut either
    writer, result = resume(log)
    try:
        assert result.action == "new-segment" and writer.path == tmp_path / "old.part2.jsonl"
        assert writer.append(Event("session.continued", {"gap_s": 5.0}, ts=TS)).seq == 6
        assert writer.flush(timeout=30)
    finally:
        writer.close()
    assert log.read_bytes() == data + b'{"crc":"12'
    chain = read_chain(log)
    assert [e.seq for e in chain.events] == [1, 2, 3, 4, 5, 6] and chain.ignored == ()
    assert read_log(writer.path).format_version == WRITE_VERSION
