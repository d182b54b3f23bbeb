"""A long log read by a second process gives exactly what reading it here gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sessiontui.journal.errors import LogError
from sessiontui.journal.reader import read_chain
from sessiontui.prefetch import Prefetch
from sessiontui.replay import ReplaySession

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def long_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(BENCHMARKS))
    from bench_report import write_log
    from gen_session import generate_events

    folder = tmp_path_factory.mktemp("long")
    folder.chmod(0o700)
    return write_log(folder, generate_events(2000, seed=2))


def same(a, b) -> None:
    assert a.events == b.events
    assert [type(e) for e in a.events[:3]] == [type(e) for e in b.events[:3]]
    for field in ("header", "status", "damage", "valid_end", "size", "lost_bytes",
                  "warnings", "writable", "header_end", "files", "ignored", "path"):
        assert getattr(a, field) == getattr(b, field), field


def test_the_child_reads_what_the_reader_reads(long_log: Path) -> None:
    prefetch = Prefetch.start(long_log)
    assert prefetch is not None
    same(prefetch.result(), read_chain(long_log))
    assert prefetch.pid == 0 and prefetch.fd == -1  # reaped, closed


def test_a_damaged_log_is_read_as_damaged_by_the_child(long_log: Path, tmp_path: Path) -> None:
    lines = long_log.read_bytes().splitlines(keepends=True)
    broken = tmp_path / long_log.name
    broken.write_bytes(b"".join(lines[:900]) + b"not a line\n" + b"".join(lines[901:]))
    prefetch = Prefetch.start(broken)
    assert prefetch is not None
    got = prefetch.result()
    assert got is not None and got.damage is not None and len(got.events) == 899
    same(got, read_chain(broken))


def test_a_log_the_child_cannot_read_is_read_here_and_refused_the_same(
    long_log: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed.jsonl"
    changed.write_bytes(long_log.read_bytes())
    replay = ReplaySession.begin(changed)  # the header was a log's...
    changed.write_bytes(b"no longer a log\n")  # ...and then it was not
    replay.prefetch = Prefetch.start(changed)
    with pytest.raises(LogError) as caught:
        replay.read()
    with pytest.raises(LogError) as here:
        read_chain(changed)
    assert str(caught.value) == str(here.value)


def test_a_replay_left_early_ends_the_child(long_log: Path) -> None:
    prefetch = Prefetch.start(long_log)
    assert prefetch is not None
    pid = prefetch.pid
    prefetch.close()  # never collected
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already
    assert prefetch.result() is None


def test_a_replay_takes_the_prefetched_events(long_log: Path) -> None:
    replay = ReplaySession.begin(long_log)
    replay.prefetch = Prefetch.start(long_log)
    replay.use(replay.read())
    assert replay.prefetch is None
    assert replay.events == read_chain(long_log).events


@pytest.mark.parametrize(("idle", "cores", "free"), [
    (900.0, 2, True),  # one core idle beside ours
    (100.0, 2, False),  # both busy: a second process would slow the start-up
    (900.0, 1, False),  # one core: nothing to run it on
])
def test_a_second_process_only_where_a_core_is_free(
    monkeypatch: pytest.MonkeyPatch, idle: float, cores: int, free: bool
) -> None:
    from sessiontui import prefetch

    monkeypatch.setattr(prefetch, "cpu_times", lambda: (1000.0 + idle, 3000.0))
    monkeypatch.setattr(prefetch, "cores", lambda: cores)
    assert prefetch.core_free(since=(1000.0, 1000.0)) is free
    monkeypatch.setattr(prefetch.os, "getloadavg", lambda: (3.9, 3.0, 2.0))
    assert prefetch.core_free() is False  # no sample: the load average decides
    monkeypatch.setattr(prefetch, "cpu_times", lambda: None)
    assert prefetch.core_free(since=(1000.0, 1000.0)) is False
