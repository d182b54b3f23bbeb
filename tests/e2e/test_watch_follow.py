"""`sessiontui watch` follows a log that another process is writing: every event the
writer saves is seen by the watcher, across the move to a new segment, to the end.

No timing is asserted: each step waits for the writer to say the event is saved, then
polls the watcher until it shows it, with a generous deadline ("within a second" is
measured by benchmarks/bench_watch.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sessiontui.journal.files import is_locked
from sessiontui.journal.reader import read_chain
from sessiontui.watch import WatchSession
from tests.unit.journal_child import sample_event, sample_header

WRITER = Path(__file__).with_name("watch_writer.py")
DEADLINE = 30.0
EVENTS = 24
FAIL_AT = 10


def seen(watch: WatchSession, seq: int) -> bool:
    watch.poll(datetime.now(UTC))
    return bool(watch.events) and watch.events[-1].seq >= seq


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"the watcher never saw {what}"
        time.sleep(0.01)


def test_the_watcher_sees_every_event_another_process_writes(tmp_path: Path) -> None:
    assert sample_header()  # the writer's header: a plan the watcher can rebuild
    log = tmp_path / "s.jsonl"
    writer = subprocess.Popen([sys.executable, str(WRITER), str(log), str(FAIL_AT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              bufsize=1)
    try:
        assert writer.stdin is not None and writer.stdout is not None
        wait_for(lambda: log.exists() and is_locked(log), "the log created")
        watch = WatchSession.begin(log)
        watch.use(watch.read())
        watch.poll(datetime.now(UTC))
        assert watch.condition == "live" and watch.following
        files = set()
        for seq in range(1, EVENTS + 1):
            writer.stdin.write("next\n")
            said = writer.stdout.readline().split()
            assert said and int(said[0]) == seq, said  # saved (fsynced) by the writer
            files.add(said[1])
            wait_for(lambda s=seq: seen(watch, s), f"event {seq}")
            assert watch.following and watch.index == seq
            assert watch.events[-1] == sample_event(seq).with_seq(seq)
        assert files == {"s.jsonl", "s.part2.jsonl"}  # the segment change happened
        assert watch.follower is not None and watch.follower.tip.name == "s.part2.jsonl"
        writer.stdin.close()
        assert writer.wait(DEADLINE) == 0
        wait_for(lambda: watch.poll(datetime.now(UTC)) or watch.condition != "live",
                 "the writer gone")
        assert watch.condition == "quiet"
        assert [e.seq for e in watch.events] == list(range(1, EVENTS + 1))
        assert watch.events == read_chain(log).events
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
