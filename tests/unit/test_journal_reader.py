"""Reading keeps exactly the valid prefix, tells torn tails from mid-file damage, never writes."""

from __future__ import annotations

import hashlib
import io
import os
import random
import zlib
from pathlib import Path

import pytest

from sessiontui.core.events import Event
from sessiontui.journal.errors import LogError
from sessiontui.journal.lines import WRITE_VERSION, encode_event, encode_header, line_seed
from sessiontui.journal.reader import read_chain, read_log, scan
from sessiontui.journal.writer import JournalWriter
from tests.unit.journal_child import line, log_bytes, sample_event, sample_header, write_log


def parse(data: bytes):
    return scan(io.BytesIO(data), Path("mem.jsonl"))


def line_starts(data: bytes) -> list[int]:
    """Offset of the start of each line."""
    starts = [0]
    for index, byte in enumerate(data):
        if byte == 0x0A and index + 1 < len(data):
            starts.append(index + 1)
    return starts


def test_writer_then_reader_gives_the_same_events(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    writer = JournalWriter.create(log, sample_header())
    appended = [writer.append(sample_event(n)) for n in range(1, 201)]
    assert writer.close()
    contents = read_log(log)
    assert contents.events == appended
    assert [e.seq for e in contents.events] == list(range(1, 201))
    assert contents.status == "interrupted" and contents.damage is None
    assert contents.valid_end == contents.size == log.stat().st_size
    assert contents.header.session_id == sample_header()["session_id"]
    assert contents.writable and contents.lost_bytes == 0


def test_finished_after_session_closed_or_ended(tmp_path: Path) -> None:
    for kind, data in (("session.closed", {}), ("session.ended", {"reason": "completed"})):
        log = tmp_path / f"{kind}.jsonl"
        data = log_bytes(3) + line(Event(kind, data, ts=sample_event(1).ts, seq=4))
        log.write_bytes(data)
        assert read_log(log).status == "finished"


def test_reading_never_writes(tmp_path: Path) -> None:
    log = tmp_path / "torn.jsonl"
    data = log_bytes(20) + b'{"crc":"1234'
    log.write_bytes(data)
    os.chmod(log, 0o400)
    before = log.stat()
    assert read_log(log).status == "damaged"
    assert read_chain(log).status == "damaged"
    assert log.read_bytes() == data and log.stat().st_mtime_ns == before.st_mtime_ns


def test_every_single_bit_flip_is_detected_and_exactly_the_prefix_kept() -> None:
    """T3: 2,000 random single-bit flips after the header; none slips through."""
    count = 250
    data = log_bytes(count)
    clean = parse(data).events
    starts = line_starts(data)
    header_end = starts[1]
    rng = random.Random(20261124)
    kinds = {"torn-tail": 0, "mid-file": 0}
    for _ in range(2000):
        position = rng.randrange(header_end, len(data))
        flipped = bytearray(data)
        flipped[position] ^= 1 << rng.randrange(8)
        contents = parse(bytes(flipped))
        line_index = max(i for i, start in enumerate(starts) if start <= position)
        assert contents.damage is not None, f"flip at byte {position} not detected"
        assert contents.status == "damaged"
        assert contents.events == clean[: line_index - 1]
        assert contents.damage.offset == starts[line_index]
        last_line = line_index == len(starts) - 1
        kinds[contents.damage.kind] += 1
        assert contents.damage.kind == ("torn-tail" if last_line else "mid-file")
    assert kinds["mid-file"] > 1900


@pytest.mark.parametrize("seed", range(4))
def test_torn_tails_are_told_apart_from_mid_file_damage(seed: int) -> None:
    """T2 in memory: a cut, zeros or garbage at the end is a torn tail; complete lines
    before the cut are all kept."""
    rng = random.Random(seed)
    data = log_bytes(120)
    starts = [*line_starts(data), len(data)]
    for _ in range(500):
        cut = rng.randrange(starts[1], len(data) + 1)
        tail = data[:cut]
        style = rng.choice(["cut", "zeros", "garbage"])
        if style == "zeros":
            tail += b"\0" * rng.randint(1, 4096)
        elif style == "garbage":
            tail += bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        contents = parse(tail)
        complete = sum(1 for end in starts[2:] if end <= cut)
        assert len(contents.events) == complete
        if len(tail) == starts[complete + 1]:
            assert contents.damage is None  # cut exactly at a line end
        else:
            assert contents.damage is not None and contents.damage.kind == "torn-tail"
            assert contents.damage.offset == starts[complete + 1]
            assert contents.lost_bytes == len(tail) - starts[complete + 1]


def test_mid_file_damage_counts_sound_lines_after() -> None:
    data = log_bytes(50)
    starts = line_starts(data)
    broken = data[: starts[10] + 30] + b"X" + data[starts[10] + 31 :]
    contents = parse(broken)
    assert contents.damage is not None
    assert contents.damage.kind == "mid-file" and contents.damage.line == 11
    assert contents.damage.sound_lines_after == 50 - 9 - 1
    assert contents.damage.reason == "crc mismatch"
    assert len(contents.events) == 9
    assert "damaged at byte" in contents.damage.describe()


def test_a_sound_line_with_the_wrong_seq_is_mid_file_damage_never_a_torn_tail() -> None:
    data = log_bytes(10) + line(sample_event(10).with_seq(10))  # duplicate seq
    contents = parse(data)
    assert contents.damage is not None and contents.damage.kind == "mid-file"
    assert contents.damage.reason == "seq 10 where 11 was expected"
    assert len(contents.events) == 10


def test_a_sound_crc_on_a_record_without_the_fields_is_mid_file_damage() -> None:
    rest = b'"seq":4,"t":1.0}'
    seed = line_seed(sample_header()["session_id"], WRITE_VERSION)
    data = log_bytes(3) + b'{"crc":"%08x",' % zlib.crc32(rest, seed) + rest + b"\n"
    contents = parse(data)
    assert contents.damage is not None and contents.damage.kind == "mid-file"
    assert contents.damage.reason == "bad or missing ts"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\0\0\0", "not a sessiontui log"),
        (b'{"name": "x", "version": "1.0"}\n', "not a sessiontui log"),
        (b"hello\nworld\n", "not a sessiontui log"),
        (b'{"crc":"00000000","format":"sessiontui/log"}\n', "bad header: crc mismatch"),
        (encode_header(sample_header())[:40], "header line is incomplete"),
    ],
)
def test_not_a_log_is_a_clear_log_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "thing.jsonl"
    path.write_bytes(data)
    with pytest.raises(LogError, match=message):
        read_log(path)
    with pytest.raises(LogError, match=message):
        read_chain(path)


def test_missing_file_and_folder_are_log_errors(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="no such file"):
        read_log(tmp_path / "nope.jsonl")
    with pytest.raises(LogError, match="no such file"):
        read_chain(tmp_path / "nope.jsonl")
    with pytest.raises(LogError, match="folder"):
        read_log(tmp_path)


def test_newer_format_version_is_readable_but_not_writable() -> None:
    fields = sample_header()
    header = encode_header(fields, format_version=3)
    newer = {**fields, "format_version": 3}  # read with version 2's line CRCs
    body = b"".join(encode_event(sample_event(n).with_seq(n), newer) for n in range(1, 6))
    contents = parse(header + body)
    assert len(contents.events) == 5 and contents.damage is None
    assert contents.writable is False and contents.format_version == 3
    assert "read-only" in contents.warnings[0]


def test_wall_time_going_back_more_than_two_seconds_is_a_warning_not_damage() -> None:
    events = [
        Event("a", {}, t=0.0, ts="2026-11-24T19:30:10.000Z", seq=1),
        Event("a", {}, t=1.0, ts="2026-11-24T19:30:09.000Z", seq=2),  # 1 s back: fine
        Event("a", {}, t=2.0, ts="2026-11-24T19:29:00.000Z", seq=3),  # 69 s back
        Event("a", {}, t=3.0, ts="2026-11-24T19:29:01.000Z", seq=4),
    ]
    data = encode_header(sample_header()) + b"".join(line(e) for e in events)
    contents = parse(data)
    assert len(contents.events) == 4 and contents.damage is None
    assert contents.warnings == ["seq 3: wall time goes back 69.0 s"]


def test_segment_read_alone_starts_after_its_continues_seq(tmp_path: Path) -> None:
    header = sample_header(continues={"file": "x.jsonl", "last_valid_seq": 7})
    data = encode_header(header) + b"".join(
        line(sample_event(n).with_seq(n), header) for n in range(8, 12)
    )
    contents = parse(data)
    assert [e.seq for e in contents.events] == [8, 9, 10, 11] and contents.damage is None
    empty = parse(encode_header(header))
    assert empty.last_seq == 7


def test_chain_uses_the_segments_copy_of_rewritten_events(tmp_path: Path) -> None:
    """After a failed fsync the old file may hold events the segment rewrote."""
    log = tmp_path / "s.jsonl"
    write_log(log, 12)
    old = log.read_bytes()
    prefix_end = line_starts(old)[11]  # end of seq 10
    continues = {
        "file": "s.jsonl",
        "last_valid_seq": 10,
        "sha256_of_valid_prefix": hashlib.sha256(old[:prefix_end]).hexdigest(),
    }
    with open(log, "ab") as stream:
        stream.write(b'{"crc":"abc')  # and a torn write after the failure
    segment = tmp_path / "s.part2.jsonl"
    segment.write_bytes(
        encode_header(sample_header(continues=continues))
        + b"".join(line(sample_event(n).with_seq(n)) for n in range(11, 16))
    )
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == list(range(1, 16))
    assert contents.status == "interrupted" and contents.damage is None
    assert contents.warnings == []
    assert contents.files == (log, segment)
    assert read_chain(segment).events == contents.events  # any file of the chain


def test_chain_ignores_a_segment_whose_prefix_checksum_does_not_match(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    write_log(log, 5)
    continues = {"file": "g.jsonl", "last_valid_seq": 5, "sha256_of_valid_prefix": "0" * 64}
    segment = tmp_path / "g.part2.jsonl"
    segment.write_bytes(
        encode_header(sample_header(continues=continues))
        + line(sample_event(6).with_seq(6))
    )
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == [1, 2, 3, 4, 5]
    assert contents.files == (log,) and contents.damage is None
    assert contents.notices() == [
        "g.part2.jsonl ignored: g.jsonl up to seq 5 is not what it continues (SHA-256 differs)"
    ]


def test_chain_reports_seqs_its_segment_continues_from_but_the_reader_cannot_use(
    tmp_path: Path,
) -> None:
    """The writer acknowledged seq 6..8, but seq 6 now reads as nonsense (an older
    version's line, say): the segment still chains, and the gap is damage."""
    events = [sample_event(n).with_seq(n) for n in range(1, 9)]
    events[5] = Event("phase.started", {"phase": 99, "kind": "x", "planned_s": 1}, t=4.0,
                      ts=events[5].ts, seq=6)
    data = encode_header(sample_header()) + b"".join(line(e) for e in events)
    log = tmp_path / "g.jsonl"
    log.write_bytes(data)
    continues = {"file": "g.jsonl", "last_valid_seq": 8,
                 "sha256_of_valid_prefix": hashlib.sha256(data).hexdigest()}
    (tmp_path / "g.part2.jsonl").write_bytes(
        encode_header(sample_header(continues=continues))
        + line(sample_event(9).with_seq(9))
    )
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == [1, 2, 3, 4, 5, 9]
    assert contents.status == "damaged" and contents.ignored == ()
    assert contents.damage is not None and contents.damage.kind == "mid-file"
    assert contents.damage.reason == "seq 6: phase.started with a bad phase"


def test_chain_keeps_mid_file_damage_of_an_earlier_file_visible(tmp_path: Path) -> None:
    log = tmp_path / "m.jsonl"
    data = log_bytes(10)
    starts = line_starts(data)
    log.write_bytes(data[: starts[5] + 20] + b"?" + data[starts[5] + 21 :])
    prefix = hashlib.sha256(data[: starts[5]]).hexdigest()  # the header and seq 1..4
    continues = {"file": "m.jsonl", "last_valid_seq": 4, "sha256_of_valid_prefix": prefix}
    (tmp_path / "m.part2.jsonl").write_bytes(
        encode_header(sample_header(continues=continues))
        + line(Event("session.closed", {}, ts=sample_event(1).ts, seq=5))
    )
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == [1, 2, 3, 4, 5]
    assert contents.status == "damaged" and contents.damage is not None
    assert contents.damage.kind == "mid-file" and contents.damage.file == log


def test_unreadable_segment_is_reported(tmp_path: Path) -> None:
    log = tmp_path / "u.jsonl"
    write_log(log, 3)
    (tmp_path / "u.part2.jsonl").write_bytes(b'{"crc":"00')
    contents = read_chain(log)
    assert len(contents.events) == 3
    assert contents.damage is not None and contents.damage.kind == "bad-segment"
