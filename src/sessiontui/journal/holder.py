"""Who is writing a log: a small file beside it naming the writer's machine and process.

The writer's `flock` says it all on one machine, but a log folder on a shared drive
(a co-facilitator's copy, for a handover) does not show another machine's locks. So
the writer also leaves `<log>.lock` (0600, JSON: host, pid, when it started; never a
name of anyone in the session) while it holds the log, and removes it when it closes.

A lock file is a claim, not proof: on this machine a claim whose process is gone
(a crash) is stale and blocks nothing; a claim from another machine cannot be checked
here, so it blocks until someone who knows that machine is gone says so
(`resume --take-over`). A flock seen on this machine is never overridden: two writers
would interleave their lines.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sessiontui.core.events import format_ts, parse_ts
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalLocked, UntrustedFile

LOCK_SUFFIX = ".lock"
MAX_LOCK_BYTES = 4096
START_SLACK_S = 5.0
"""A process that started this much after the claim's time is not the one that made it
(its pid was reused)."""

AliveFn = Callable[[int, "datetime | None"], bool]


@dataclass(frozen=True, slots=True)
class Claim:
    """What a lock file says: which process on which machine holds the log, since when."""

    host: str
    pid: int
    started: str
    """UTC, as the log writes times (2026-11-24T19:02:00.000Z)."""

    def since(self) -> str:
        """When the claim was made, as a person reads it: "19:02 UTC"."""
        try:
            when = parse_ts(self.started)
        except ValueError:
            return "an unknown time"
        return when.strftime("%H:%M UTC")


@dataclass(frozen=True, slots=True)
class Hold:
    """Someone holds a log now, and how we know."""

    pid: int | None
    host: str | None
    """None: this machine."""
    started: str | None
    flock: bool
    """True when this machine's kernel says a process holds the file's lock: never
    overridden."""

    @property
    def elsewhere(self) -> bool:
        return self.host is not None


class JournalHeld(JournalLocked):
    """Another process (here or on another machine) holds the log; the message says which."""


def lock_path(log: Path) -> Path:
    """`<log>.lock` beside the log's first file (one for the whole chain)."""
    first = paths.main_log(Path(log))
    return first.with_name(first.name + LOCK_SUFFIX)


def this_host() -> str:
    return socket.gethostname() or "localhost"


def claim(log: Path, *, now: datetime | None = None, host: str | None = None,
          pid: int | None = None) -> Path | None:
    """Write the lock file for `log` (replacing any earlier one); its path, or None if
    it could not be written (it is advice for others: the log is written all the same).

    Written whole to a temp file and renamed, so that a reader never sees half of one.
    Not fsynced: after a crash a lost lock file only loses advice, never an event.
    """
    target = lock_path(log)
    record = {
        "host": host or this_host(),
        "pid": os.getpid() if pid is None else pid,
        "started": format_ts(now or datetime.now(UTC)),
    }
    data = json.dumps(record, sort_keys=True).encode("utf-8") + b"\n"
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     paths.FILE_MODE)
        try:
            paths.fix_fd_mode(fd)
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return None
    return target


def release(log: Path, *, host: str | None = None, pid: int | None = None) -> None:
    """Remove the lock file if it is still ours (a take-over elsewhere replaces it)."""
    found = read_claim(log)
    if found is None:
        return
    if found.host == (host or this_host()) and found.pid == (os.getpid() if pid is None
                                                             else pid):
        with contextlib.suppress(OSError):
            os.unlink(lock_path(log))


def read_claim(log: Path) -> Claim | None:
    """The lock file's claim; None if there is none, or it is garbled, or it is another
    user's file (never trusted: it could be planted to block a resume)."""
    try:
        fd = paths.open_trusted(lock_path(log))
    except (UntrustedFile, OSError):
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            data = stream.read(MAX_LOCK_BYTES)
        record = json.loads(data)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    host, pid, started = record.get("host"), record.get("pid"), record.get("started")
    if not isinstance(host, str) or type(pid) is not int or pid <= 0 \
            or not isinstance(started, str):
        return None
    return Claim(host=host[:255], pid=pid, started=started[:40])


def process_alive(pid: int, since: datetime | None = None) -> bool:
    """Whether process `pid` runs on this machine and could be the one that claimed a
    log at `since` (a process that started well after that reused the pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, as another user
    except OSError:
        return False
    started = _process_start(pid)
    return not (started is not None and since is not None
                and started > since + timedelta(seconds=START_SLACK_S))


def _process_start(pid: int) -> datetime | None:
    """When process `pid` started (Linux: /proc), or None where that cannot be told."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        per_second = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    booted = datetime.now(UTC) - timedelta(seconds=uptime)
    return booted + timedelta(seconds=ticks / per_second)


def held_by(log: Path, *, host: str | None = None,
            alive: AliveFn = process_alive) -> Hold | None:
    """Who holds `log` now, or None when nobody does (as far as can be told from here).

    A flock on any file of its chain (this machine) holds it; so does a lock file naming
    a live process on this machine, or any process on another machine. A lock file left
    by a process of this machine that is gone is stale: it holds nothing.
    """
    from sessiontui.journal.opening import locked_by

    me = host or this_host()
    found = locked_by(log)
    held = read_claim(log)
    if found is not None:
        pid = found[1]
        started = held.started if held is not None and held.host == me \
            and (pid is None or held.pid == pid) else None
        if pid is None and started is not None and held is not None:
            pid = held.pid
        return Hold(pid=pid, host=None, started=started, flock=True)
    if held is None:
        return None
    if held.host == me:
        try:
            since: datetime | None = parse_ts(held.started)
        except ValueError:
            since = None
        if not alive(held.pid, since):
            return None  # a crash left it: stale
        return Hold(pid=held.pid, host=None, started=held.started, flock=False)
    return Hold(pid=held.pid, host=held.host, started=held.started, flock=False)


def held_line(log: Path, hold: Hold) -> str:
    """One line saying who holds `log` and that nothing was changed; how to take it over
    when that is possible (never over a lock this machine's kernel shows)."""
    name = Path(log).name
    since = ""
    if hold.started is not None:
        since = f" since {Claim('', 0, hold.started).since()}"
    who = f"process {hold.pid}" if hold.pid is not None else "another process"
    if hold.elsewhere:
        return (f"{name} is held by {who} on {hold.host}{since}; it was left as it is. If "
                f"that machine is gone, continue it with: sessiontui resume --take-over "
                f"{log}")
    # On this machine: a flock, or the lock file of a process that is alive here.
    return (f"{name} is open in another sessiontui ({who}){since}; it was left as it is: "
            "close it there first")


def check_not_held(log: Path, *, take_over: bool = False, host: str | None = None,
                   alive: AliveFn = process_alive) -> Hold | None:
    """JournalHeld (saying who) if someone holds `log`; `take_over` sets aside a lock
    file, never a flock seen here, and answers the hold it set aside (None: none)."""
    hold = held_by(log, host=host, alive=alive)
    if hold is not None and (hold.flock or not take_over):
        raise JournalHeld(held_line(log, hold))
    return hold


__all__ = ["Claim", "Hold", "JournalHeld", "check_not_held", "claim", "held_by", "held_line",
           "lock_path", "process_alive", "read_claim", "release", "this_host"]
