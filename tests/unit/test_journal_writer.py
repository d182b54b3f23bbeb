"""The writer: seq on the caller's thread, ack only after fsync, and nothing acked lost
when writes or fsyncs fail (T5)."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from sessiontui.core.events import Event
from sessiontui.journal.errors import EncodeError, JournalError, JournalLocked
from sessiontui.journal.reader import read_chain, read_log
from sessiontui.journal.writer import JournalWriter
from tests.unit.journal_child import sample_event, sample_header, write_log


class Faults:
    """os.write / fsync stand-ins that fail at the k-th call once armed, and remember
    the files (by inode) that failed, to prove they are never touched again."""

    def __init__(
        self, op: str = "", at: int | set[int] = 0, forever: bool = False, short: bool = False
    ):
        self.op, self.forever, self.short = op, forever, short
        self.at = at if isinstance(at, set) else {at}
        self.folder: Path | None = None  # where to look up the names of failed files
        self.armed = False
        self.calls = 0
        self.failed = 0
        self.dead: set[tuple[int, str]] = set()  # (inode, name): inodes are reused
        self.fail_next = False
        self.touched_dead: list[str] = []
        self.lock = threading.Lock()

    def _kill(self, fd: int) -> None:
        inode = os.fstat(fd).st_ino
        assert self.folder is not None
        for path in self.folder.iterdir():
            if path.stat().st_ino == inode:
                self.dead.add((inode, path.name))

    def _is_dead(self, fd: int) -> bool:
        if self.folder is None:
            return False
        inode = os.fstat(fd).st_ino
        for dead_inode, name in self.dead:
            path = self.folder / name
            if inode == dead_inode and path.exists() and path.stat().st_ino == inode:
                return True
        return False

    def _due(self, op: str, fd: int) -> bool:
        with self.lock:
            if self._is_dead(fd):
                self.touched_dead.append(op)
            if not self.armed or op != self.op:
                return False
            self.calls += 1
            due = self.calls in self.at or (self.forever and self.calls >= min(self.at))
            if due and not self.short:
                self.failed += 1
                self._kill(fd)
            return due

    def write(self, fd: int, data: bytes) -> int:
        if self.fail_next:  # the rest of a short write: the disk is full
            self.fail_next = False
            self.failed += 1
            self._kill(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        if self._due("write", fd):
            if self.short:
                self.fail_next = True
                return os.write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        if self._due("fsync", fd):
            raise OSError(errno.EIO, "Input/output error")
        os.fsync(fd)


class Recorder:
    def __init__(self) -> None:
        self.acks: list[int] = []
        self.errors: list[tuple[str, Path | None]] = []
        self.threads: set[str] = set()

    def ack(self, seq: int) -> None:
        self.acks.append(seq)
        self.threads.add(threading.current_thread().name)

    def error(self, message: str, path: Path | None) -> None:
        self.errors.append((message, path))


def test_create_writes_a_synced_header_and_refuses_an_existing_file(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    writer = JournalWriter.create(log, sample_header())
    assert writer.close()
    header = read_log(log).header
    assert header.format_version == 2 and header.continues is None
    first = log.read_bytes().split(b"\n")[0]
    assert first.startswith(b'{"crc":"') and b'"format":"sessiontui/log"' in first
    with pytest.raises(JournalError, match="already exists"):
        JournalWriter.create(log, sample_header())
    with pytest.raises(JournalError, match="cannot create"):
        JournalWriter.create(tmp_path / "missing" / "b.jsonl", sample_header())


def test_append_numbers_at_once_and_acks_in_order_from_another_thread(tmp_path: Path) -> None:
    seen = Recorder()
    writer = JournalWriter.create(tmp_path / "a.jsonl", sample_header(), on_ack=seen.ack)
    opened = {"plan_sha256": "0" * 64, "rehearsal": False, "participants": ["p01"]}
    first = writer.append(Event("session.opened", opened, ts=sample_event(1).ts))
    assert first.seq == 1 and writer.last_seq == 1
    events = [writer.append(sample_event(n)) for n in range(2, 101)]
    assert [e.seq for e in events] == list(range(2, 101))
    assert writer.flush(timeout=30)
    assert seen.acks == list(range(1, 101)) and writer.acked_seq == 100
    assert seen.threads == {"journal-writer"}
    assert writer.pending() == []
    assert writer.close()
    assert read_log(tmp_path / "a.jsonl").events == [first, *events]


def test_a_bad_event_is_refused_on_the_callers_thread_and_uses_no_seq(tmp_path: Path) -> None:
    writer = JournalWriter.create(tmp_path / "a.jsonl", sample_header())
    with pytest.raises(EncodeError):
        writer.append(Event("x", {"when": object()}, ts=sample_event(1).ts))
    assert writer.append(sample_event(1)).seq == 1
    assert writer.close()


def test_append_after_close_is_an_error(tmp_path: Path) -> None:
    writer = JournalWriter.create(tmp_path / "a.jsonl", sample_header())
    writer.close()
    with pytest.raises(JournalError, match="closed"):
        writer.append(sample_event(1))


def test_a_second_writer_on_the_same_log_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    with JournalWriter.create(log, sample_header()) as writer:
        writer.append(sample_event(1))
        writer.flush()
        with pytest.raises(JournalLocked, match="another sessiontui"):
            JournalWriter.open_existing(log, 1)
    second = JournalWriter.open_existing(log, 1)  # free again once closed
    assert second.append(sample_event(2)).seq == 2
    assert second.close()


def test_open_existing_refuses_a_wrong_last_seq_or_a_damaged_log(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    data = write_log(log, 5)
    with pytest.raises(JournalError, match="ends at seq 5, not 4"):
        JournalWriter.open_existing(log, 4)
    log.write_bytes(data + b"{torn")
    with pytest.raises(JournalError, match="run recovery"):
        JournalWriter.open_existing(log, 5)
    with pytest.raises(JournalError, match="not a sessiontui log"):
        (tmp_path / "x.jsonl").write_text("hello\n")
        JournalWriter.open_existing(tmp_path / "x.jsonl", 0)


def test_callback_errors_never_stop_saving(tmp_path: Path) -> None:
    def explode(seq: int) -> None:
        raise RuntimeError("the UI is gone")

    writer = JournalWriter.create(tmp_path / "a.jsonl", sample_header(), on_ack=explode)
    for n in range(1, 6):
        writer.append(sample_event(n))
    assert writer.close()
    assert writer.callback_errors == 5
    assert len(read_log(tmp_path / "a.jsonl").events) == 5


@pytest.mark.parametrize("op", ["write", "fsync", "short-write"])
@pytest.mark.parametrize("k", range(1, 21))
def test_a_failure_at_the_kth_call_loses_nothing_acknowledged(
    tmp_path: Path, op: str, k: int
) -> None:
    faults = Faults(op="write" if op == "short-write" else op, at=k, short=op == "short-write")
    seen = Recorder()
    log = tmp_path / "f.jsonl"
    writer = JournalWriter.create(
        log,
        sample_header(),
        on_ack=seen.ack,
        on_error=seen.error,
        os_write=faults.write,
        os_fsync=faults.fsync,
    )
    faults.armed, faults.folder = True, tmp_path
    appended = []
    for n in range(1, 31):
        appended.append(writer.append(sample_event(n)))
        if n % 7 == 0:
            writer.flush(timeout=30)
    assert writer.flush(timeout=30)
    assert writer.close()

    assert faults.failed == 1
    assert faults.touched_dead == []  # never written or fsynced again
    assert seen.acks == list(range(1, 31))
    assert len(seen.errors) == 1
    message, new_path = seen.errors[0]
    assert new_path == tmp_path / "f.part2.jsonl" == writer.path
    assert "now saving to f.part2.jsonl" in message
    chain = read_chain(log)
    assert chain.events == appended  # every acknowledged event, in order, once
    assert chain.status == "interrupted" and chain.warnings == []
    segment = read_log(new_path)
    assert segment.header.continues.file == "f.jsonl"
    assert stat.S_IMODE(new_path.stat().st_mode) == 0o600


def test_a_segment_that_fails_while_being_created_is_removed_and_made_again(
    tmp_path: Path,
) -> None:
    faults = Faults(op="fsync", at={4, 5})  # event 4's fsync, then part2's header fsync
    seen = Recorder()
    log = tmp_path / "d.jsonl"
    writer = JournalWriter.create(
        log, sample_header(), on_ack=seen.ack, on_error=seen.error, os_fsync=faults.fsync
    )
    faults.armed, faults.folder = True, tmp_path
    appended = [writer.append(sample_event(n)) for n in range(1, 11)]
    assert writer.flush(timeout=30)
    assert writer.close()
    # The half-made part2 was removed and its name used again for a new file (which
    # may even get the same inode, so the touched_dead check cannot apply here).
    assert faults.failed == 2
    assert writer.path == tmp_path / "d.part2.jsonl"
    assert [p.name for p in writer.files] == ["d.jsonl", "d.part2.jsonl"]
    assert read_log(writer.path).header.continues.file == "d.jsonl"
    chain = read_chain(log)
    assert chain.events == appended and chain.status == "interrupted" and chain.warnings == []
    assert seen.acks == list(range(1, 11)) and len(seen.errors) == 1


def test_when_no_segment_can_be_written_events_wait_in_memory(tmp_path: Path) -> None:
    faults = Faults(op="fsync", at=3, forever=True)
    seen = Recorder()
    log = tmp_path / "m.jsonl"
    writer = JournalWriter.create(
        log, sample_header(), on_ack=seen.ack, on_error=seen.error, os_fsync=faults.fsync
    )
    faults.armed, faults.folder = True, tmp_path
    for n in range(1, 6):
        writer.append(sample_event(n))
    assert writer.flush(timeout=30) is False  # returns: it cannot save, and says so
    assert writer.failed
    assert seen.acks == [1, 2]
    assert [e.seq for e in writer.pending()] == [3, 4, 5]
    assert seen.errors[-1][1] is None and "kept in memory" in seen.errors[-1][0]
    reports = len(seen.errors)

    writer.append(sample_event(6))  # each new event tries again, and reports again
    assert writer.flush(timeout=30) is False
    assert len(seen.errors) == reports + 1

    assert writer.trouble is not None and "kept in memory" in writer.trouble
    assert writer.recovered is None

    faults.forever = False  # the disk has room again
    writer.append(sample_event(7))
    assert writer.flush(timeout=30)
    assert not writer.failed
    # the trouble is over, and says what was caught up: 3 to 7, once 2 was the last saved
    assert writer.trouble is None
    recovered = writer.recovered
    assert recovered is not None
    assert (recovered.events, recovered.path, recovered.number) == (5, writer.path, 1)
    assert seen.acks == list(range(1, 8))
    assert writer.close()
    chain = read_chain(log)
    assert [e.seq for e in chain.events] == list(range(1, 8))
    assert seen.errors[-1][1] == writer.path
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_close_reports_unsaved_events(tmp_path: Path) -> None:
    faults = Faults(op="write", at=1, forever=True)
    writer = JournalWriter.create(tmp_path / "c.jsonl", sample_header(), os_write=faults.write)
    faults.armed, faults.folder = True, tmp_path
    writer.append(sample_event(1))
    assert writer.close(timeout=30) is False
    assert [e.seq for e in writer.pending()] == [1]


def test_files_are_0600_and_fixed_even_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        writer = JournalWriter.create(tmp_path / "u.jsonl", sample_header())
        writer.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "u.jsonl").stat().st_mode) == 0o600


def test_trouble_lasts_until_the_segment_has_caught_up(tmp_path: Path) -> None:
    """Between the failure and the last re-written event, "saved" must not be said."""
    gate = threading.Event()
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # the first event's fsync, after the header and the folder
            raise OSError(errno.EIO, "Input/output error")
        if len(calls) > 5:  # the segment's events (after its header and folder)
            gate.wait(30)
        os.fsync(fd)

    writer = JournalWriter.create(tmp_path / "t.jsonl", sample_header(), os_fsync=fsync)
    for n in range(1, 4):
        writer.append(sample_event(n))
    trouble = None
    with writer._cond:  # wait until the segment is open and the thread is held
        writer._cond.wait_for(lambda: writer.error is not None, timeout=30)
        trouble = writer.trouble
    assert trouble is not None and "now saving to t.part2.jsonl" in trouble
    assert writer.acked_seq == 0
    gate.set()
    assert writer.flush(timeout=30)
    assert writer.trouble is None
    assert writer.recovered is not None and writer.recovered.events == 3
    assert writer.close()


def test_listen_sets_the_callbacks_of_a_writer_already_open(tmp_path: Path) -> None:
    seen = Recorder()
    writer = JournalWriter.create(tmp_path / "l.jsonl", sample_header())
    writer.append(sample_event(1))
    assert writer.flush(timeout=30)
    writer.listen(on_ack=seen.ack, on_error=seen.error)
    writer.append(sample_event(2))
    assert writer.flush(timeout=30)
    assert seen.acks == [2]  # what came before is in acked_seq
    assert writer.acked_seq == 2
    assert writer.close()
