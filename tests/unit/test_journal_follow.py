"""Following a log as it is written (`sessiontui watch`): only new complete lines are
read, a line still being written is waited for (never called damage), a new segment is
followed into, and the end of the session is seen."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event
from sessiontui.journal.follow import LogFollower
from sessiontui.journal.lines import encode_event, encode_header
from sessiontui.journal.reader import read_chain
from tests.unit.journal_child import line, sample_event, sample_header, write_log


def follower_of(log: Path) -> LogFollower:
    return LogFollower(log, read_chain(log))


def event(seq: int) -> Event:
    return sample_event(seq).with_seq(seq)


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as stream:
        stream.write(data)


def seqs(events: list[Event]) -> list[int]:
    return [e.seq for e in events]


def test_only_new_complete_lines_are_read(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    write_log(log, 3)
    follower = follower_of(log)
    assert not follower.poll()  # nothing new
    third = line(event(6))
    append(log, line(event(4)) + line(event(5)) + third[:20])
    assert seqs(follower.poll().events) == [4, 5]
    assert not follower.poll() and follower.damage is None  # half a line: wait for it
    append(log, third[20:-1])
    assert not follower.poll()  # all but its newline
    append(log, b"\n")
    assert seqs(follower.poll().events) == [6]
    assert follower.last_seq == 6


def test_a_whole_line_that_does_not_check_is_not_read_again_and_again(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    write_log(log, 2)
    follower = follower_of(log)
    bad = bytearray(line(event(3)))
    bad[30] ^= 1  # a flipped bit: the CRC fails
    append(log, bytes(bad))
    assert not follower.poll()
    assert follower.last_seq == 2
    reads = []
    import sessiontui.journal.follow as follow

    real = follow.read_chain
    follow.read_chain = lambda path: reads.append(path) or real(path)  # type: ignore[assignment]
    try:
        assert not follower.poll()
    finally:
        follow.read_chain = real  # type: ignore[assignment]
    assert reads == []  # the same bytes are not judged twice


def segment_header(log: Path, data: bytes) -> dict[str, Any]:
    """The header of a segment that continues `log` after its seq 2 (its seq 3 was
    written but the writer's fsync failed)."""
    prefix = data[: data.index(line(event(3)))]
    return sample_header(continues={
        "file": log.name, "last_valid_seq": 2,
        "sha256_of_valid_prefix": hashlib.sha256(prefix).hexdigest()})


def test_a_new_segment_is_followed_into(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    data = write_log(log, 3)
    follower = follower_of(log)
    # The writer's fsync failed after seq 3 was written but not acknowledged as such:
    # seq 3 is written again into the segment, which continues from seq 2.
    header = segment_header(log, data)
    segment = tmp_path / "s.part2.jsonl"
    segment.write_bytes(encode_header(header) + encode_event(event(3), header)
                        + encode_event(event(4), header))
    update = follower.poll()
    assert update.reset is None and seqs(update.events) == [4]  # 3 was the same event
    assert follower.tip == segment
    append(segment, encode_event(event(5), header))
    assert seqs(follower.poll().events) == [5]


def test_a_segment_that_replaces_events_starts_again(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    data = write_log(log, 3)
    follower = follower_of(log)
    header = segment_header(log, data)
    other = Event("marker.added", {"label": "instead", "phase": 0}, t=9.0,
                  ts=event(3).ts).with_seq(3)
    (tmp_path / "s.part2.jsonl").write_bytes(encode_header(header)
                                             + encode_event(other, header))
    update = follower.poll()
    assert update.reset is not None
    assert update.reset.events[-1].data["label"] == "instead"
    assert follower.resets == 1


def test_the_end_of_the_session_is_seen(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    write_log(log, 2)
    follower = follower_of(log)
    assert not follower.ended
    end = Event("session.ended", {"reason": "completed"}, t=5.0, ts=event(2).ts).with_seq(3)
    append(log, line(end))
    assert seqs(follower.poll().events) == [3]
    assert follower.ended
    assert not follower.poll()


def test_a_log_cut_short_by_a_resume_is_read_again(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    data = write_log(log, 3)
    follower = follower_of(log)
    log.write_bytes(data[: data.index(line(event(3)))])  # a recovery cut seq 3 off
    update = follower.poll()
    assert update.reset is not None and seqs(update.reset.events) == [1, 2]
    append(log, line(event(3)))
    assert seqs(follower.poll().events) == [3]
