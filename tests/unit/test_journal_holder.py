"""Who holds a log: the writer says so beside it (LOG.lock), for a machine that cannot
see its flock (a shared drive), and resume refuses a held log, saying who holds it,
without writing anything; a stale claim from a crash here blocks nothing, and a claim
from a machine that is gone is set aside only when asked (--take-over)."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.core.clock import FakeClock
from sessiontui.journal import holder
from sessiontui.journal.errors import JournalLocked
from sessiontui.journal.holder import (
    JournalHeld,
    check_not_held,
    claim,
    held_by,
    lock_path,
    read_claim,
)
from sessiontui.journal.reader import read_chain
from sessiontui.journal.recovery import resume as resume_journal
from sessiontui.journal.writer import JournalWriter
from sessiontui.live import LiveSession
from tests.ui.helpers import START
from tests.unit.test_cli_open_errors import left_open, one_line, snapshot

AT_1902 = datetime(2026, 11, 24, 19, 2, tzinfo=UTC)


def test_the_writer_says_who_holds_the_log_while_it_is_open(tmp_path: Path) -> None:
    log, last_seq = left_open(tmp_path)
    assert not lock_path(log).exists()  # closed cleanly: the claim went with it
    with JournalWriter.open_existing(log, last_seq):
        info = lock_path(log).stat()
        assert stat.S_IMODE(info.st_mode) == 0o600
        record = json.loads(lock_path(log).read_text())
        assert set(record) == {"host", "pid", "started"}  # nobody's name
        assert record["pid"] == os.getpid() and record["host"] == holder.this_host()
        assert lock_path(log).name == log.name + ".lock"
    assert not lock_path(log).exists()


def test_resume_of_a_log_held_on_another_machine_says_who_and_writes_nothing(
        tmp_path: Path, capsys) -> None:
    log, _ = left_open(tmp_path)
    claim(log, host="laptop-a", pid=4242, now=AT_1902)
    before = snapshot(log.parent)
    assert main(["resume", str(log)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "held by process 4242 on laptop-a since 19:02 UTC" in line
    assert f"sessiontui resume --take-over {log}" in line
    assert snapshot(log.parent) == before


def test_take_over_continues_a_log_held_by_a_machine_that_is_gone(tmp_path: Path) -> None:
    log, _ = left_open(tmp_path)
    claim(log, host="laptop-a", pid=4242, now=AT_1902)
    with pytest.raises(JournalHeld):
        LiveSession.resume(log, clock=FakeClock(START + timedelta(minutes=5)))
    live = LiveSession.resume(log, clock=FakeClock(START + timedelta(minutes=5)),
                              take_over=True)
    try:
        taken = read_claim(log)
        assert taken is not None and taken.pid == os.getpid()
        assert taken.host == holder.this_host()
    finally:
        live.close()
    events = read_chain(log).events
    assert [e.type for e in events[-2:]] == ["session.taken_over", "session.continued"]
    assert events[-2].data == {"elsewhere": True}  # no machine name in the log


def test_a_live_process_on_this_machine_blocks_and_a_crashed_one_does_not(
        tmp_path: Path) -> None:
    log, _ = left_open(tmp_path)
    claim(log, host="here", pid=4242, now=AT_1902)
    before = snapshot(log.parent)
    with pytest.raises(JournalHeld, match="open in another sessiontui"):
        resume_journal(log, host="here", alive=lambda pid, since: True)
    assert snapshot(log.parent) == before
    hold = held_by(log, host="here", alive=lambda pid, since: True)
    assert hold is not None and hold.pid == 4242 and not hold.elsewhere
    asked = []
    assert held_by(log, host="here",
                   alive=lambda pid, since: asked.append((pid, since)) or False) is None
    assert asked == [(4242, AT_1902)]
    writer, _ = resume_journal(log, host="here", alive=lambda pid, since: False)
    writer.close()


def test_take_over_never_sets_aside_a_lock_this_machine_sees(tmp_path: Path, capsys) -> None:
    log, last_seq = left_open(tmp_path)
    with JournalWriter.open_existing(log, last_seq):
        claim(log, host="laptop-a", pid=4242, now=AT_1902)  # a claim that says otherwise
        before = snapshot(log.parent)
        with pytest.raises(JournalLocked, match="open in another sessiontui"):
            check_not_held(log, take_over=True)
        with pytest.raises(JournalLocked):
            LiveSession.resume(log, clock=FakeClock(START), take_over=True)
        assert main(["resume", "--take-over", str(log)]) == 2
        assert snapshot(log.parent) == before
    assert f"process {os.getpid()}" in one_line(capsys.readouterr().err)


def test_a_claim_another_user_could_have_planted_is_not_trusted(tmp_path: Path) -> None:
    log, _ = left_open(tmp_path)
    claim(log, host="laptop-a", pid=4242, now=AT_1902)
    os.chown(lock_path(log), 65534, 65534)
    assert read_claim(log) is None and held_by(log) is None
    lock_path(log).unlink()
    lock_path(log).write_text("not json")
    os.chmod(lock_path(log), 0o600)
    assert read_claim(log) is None


def test_a_segment_names_the_same_lock_file_as_its_log(tmp_path: Path) -> None:
    log = tmp_path / "x.jsonl"
    assert lock_path(tmp_path / "x.part3.jsonl") == lock_path(log) == tmp_path / "x.jsonl.lock"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_reused_pid_is_not_the_process_that_claimed_the_log() -> None:
    assert holder.process_alive(os.getpid(), datetime.now(UTC))
    assert not holder.process_alive(os.getpid(), datetime(2000, 1, 1, tzinfo=UTC))
    assert not holder.process_alive(2**22 + 12345)  # above any pid_max: no such process
