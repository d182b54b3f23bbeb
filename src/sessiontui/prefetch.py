"""Reading a long log in a second process while the first one starts its screen.

Opening a 100,000-event log for replay is half start-up (Python, Textual, the first
frame) and half reading the log (`journal.reader.read_chain`: a CRC, a JSON parse and
the checks for each line). Both are CPU work, and a thread cannot run beside the
start-up in Python. A child process can, on a core nobody else is using:
`Prefetch.start` forks one as soon as the log's header is known (if a core is free);
it reads the log with the same reader and the same checks, and sends back what it
found through a pipe: the log's condition (pickled) and the events as plain tuples
(marshal, the fastest format Python has for plain data). The screen collects them on
a thread once its first frame is up, and the events are rebuilt with the reader's
own fast constructor.

Nothing here is trusted more than the reader: the child runs `read_chain` itself, and
only this process's own child writes to the pipe. Where there is no `fork`, or
anything goes wrong on the way (the child fails, the pipe breaks, the data does not
decode), `result()` says so with None and the caller reads the log itself, as before:
the same events, or the same error.

Plain Python: no Textual here, and none is imported before the fork.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import signal
import struct
import warnings
from dataclasses import replace
from pathlib import Path

from sessiontui.core.bulk import collector_paused
from sessiontui.journal.lines import make_event
from sessiontui.journal.reader import LogContents, read_chain

_LENGTH = struct.Struct("<Q")
_FAILED = b"F"
_READ = b"R"
CHUNK = 1 << 20
OFF_SWITCH = "SESSIONTUI_NO_PREFETCH"


CpuTimes = tuple[float, float]
"""Jiffies the machine's cores were idle, and in all, since boot (/proc/stat)."""


def cpu_times() -> CpuTimes | None:
    """The machine's idle and total CPU time so far, where the system says (Linux)."""
    try:
        with open("/proc/stat", "rb") as stat_file:
            fields = stat_file.readline().split()
    except OSError:
        return None
    if len(fields) < 5 or fields[0] != b"cpu":
        return None
    try:
        numbers = [float(field) for field in fields[1:9]]
    except ValueError:
        return None
    return numbers[3] + (numbers[4] if len(numbers) > 4 else 0.0), sum(numbers)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS has no affinity
        return os.cpu_count() or 1


def core_free(since: CpuTimes | None = None) -> bool:
    """Whether a core is free for a second process. On a machine whose cores are all
    busy it would only take time from the first one's start-up (and the whole costs
    a little more: the events cross a pipe).

    With `since` (`cpu_times()` taken as this process began), it is how idle the
    machine was while this process started: half a core or more, beside the one this
    process used (on two cores, a second process still paid off with another program
    using half a core, and cost time with both cores taken). Without it, or where the
    system does not say, the load average (which counts this process) must be under
    the cores less one half."""
    count = cores()
    if count < 2:
        return False
    now = cpu_times() if since is not None else None
    if since is not None and now is not None and now[1] > since[1]:
        idle_cores = (now[0] - since[0]) / (now[1] - since[1]) * count
        return idle_cores >= 0.5
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average: assume a quiet machine
        return True
    return load < count - 0.5


class Prefetch:
    """A log being read by a child process; `result()` waits for what it read."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self._done = False

    @classmethod
    def start(cls, log: Path, *, only_if_idle: bool = False,
              since: CpuTimes | None = None) -> Prefetch | None:
        """Fork a child that reads `log`; None where that is not possible, where
        SESSIONTUI_NO_PREFETCH is set (the benchmarks compare with and without), or,
        with `only_if_idle`, where no core is free for it (`core_free(since)`)."""
        if not hasattr(os, "fork") or os.environ.get(OFF_SWITCH):  # pragma: no cover
            return None
        if only_if_idle and not core_free(since):
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        with warnings.catch_warnings():  # 3.12+ warns of forking beside threads: the
            warnings.simplefilter("ignore", DeprecationWarning)  # child only reads
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                return None
        if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
            _child(Path(log), read_end, write_end)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> LogContents | None:
        """What the child read (blocks until it is done: call it on a thread), or None
        if it could not say (then read the log here)."""
        if self._done:
            return None
        self._done = True
        try:
            data = self._receive()
        finally:
            self.close()
        if not data or data[:1] != _READ:
            return None
        try:
            (meta_length,) = _LENGTH.unpack_from(data, 1)
            start = 1 + _LENGTH.size
            with collector_paused():  # 100k new tuples and dicts: nothing to collect
                contents: LogContents = pickle.loads(data[start:start + meta_length])
                rows = marshal.loads(data[start + meta_length:])
                contents.events = [make_event(*row) for row in rows]
        except Exception:  # anything odd: the caller reads the log itself
            return None
        return contents

    def _receive(self) -> bytes:
        parts = []
        with contextlib.suppress(OSError):
            while True:
                part = os.read(self.fd, CHUNK)
                if not part:
                    break
                parts.append(part)
        return b"".join(parts)

    def close(self) -> None:
        """Stop waiting: close the pipe, end the child if it is still reading (the
        replay was left before its events were needed), and reap it."""
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        if self.pid > 0:
            if not self._done:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGTERM)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def _child(log: Path, read_end: int, write_end: int) -> None:  # pragma: no cover
    """Read the log, send it, and leave at once (no atexit, no Textual, no flushing of
    buffers the parent owns)."""
    status = 0
    try:
        os.close(read_end)
        # The parent's signal handling (sessiontui.hangup) must not run here: its
        # wake-up pipe is the parent's. A closed window ends this child as well.
        signal.set_wakeup_fd(-1)
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGPIPE):
            signal.signal(number, signal.SIG_DFL)
        try:
            contents = read_chain(log)
            with collector_paused():
                rows = marshal.dumps([(e.type, e.data, e.t, e.ts, e.seq, e.v)
                                      for e in contents.events])
                meta = pickle.dumps(replace(contents, events=[]))
            payload = [_READ, _LENGTH.pack(len(meta)), meta, rows]
        except Exception:  # the parent reads it again and says why
            payload = [_FAILED]
        for part in payload:
            view = memoryview(part)
            while view:
                view = view[os.write(write_end, view):]
    except BaseException:  # a closed pipe: the parent has gone
        status = 1
    finally:
        os._exit(status)
