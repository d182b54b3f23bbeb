"""Why a log cannot be opened, in one line: what the OS said, or which process has it.

The writer holds an exclusive `flock` on the file it appends to. `F_GETLK` only sees
POSIX locks, so the kernel is asked through /proc/locks (Linux), where each flock is
listed with its owner's pid and the file's device and inode. Elsewhere the answer is
None and the message simply leaves the pid out.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")


def lock_holder(path: Path, proc_locks: Path = PROC_LOCKS) -> int | None:
    """The pid of a process holding a lock on `path`, if the kernel says."""
    try:
        info = os.stat(path)
        listing = proc_locks.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    wanted = (os.major(info.st_dev), os.minor(info.st_dev), info.st_ino)
    for line in listing.splitlines():
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"; "1: -> FLOCK ..." waits
        if len(fields) < 6 or fields[1] == "->":
            continue
        try:
            pid = int(fields[4])
            major, minor, inode = fields[5].split(":")
            found = (int(major, 16), int(minor, 16), int(inode))
        except ValueError:
            continue
        if found == wanted and pid > 0:
            return pid
    return None


def locked_by(log: Path) -> tuple[Path, int | None] | None:
    """The file of `log`'s chain (the log or a segment) that a writer holds, and the
    holder's pid if the kernel says; None when no file of it is locked."""
    from sessiontui.journal import paths
    from sessiontui.journal.files import is_locked

    for path in reversed(paths.chain_paths(Path(log))):
        if is_locked(path):
            return path, lock_holder(path)
    return None


def locked_line(log: Path) -> str:
    """One line saying that `log` is open in another sessiontui, and in which process."""
    found = locked_by(log)
    who = "another process"
    if found is not None and found[1] is not None:
        who = f"process {found[1]}"
    return (f"{Path(log).name} is open in another sessiontui ({who}); "
            "it was left as it is: close it there first")


def opening_problem(error: BaseException, log: Path | None = None) -> str:
    """One line for a log that cannot be created, opened or continued (`log`: the one
    being resumed, to find who holds it)."""
    from sessiontui.journal.errors import JournalLocked
    from sessiontui.journal.holder import JournalHeld

    if isinstance(error, JournalHeld):
        return str(error)  # it says who, from the lock file
    if isinstance(error, JournalLocked) and log is not None:
        return locked_line(log)
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"cannot open the log{where}: {error.strerror or type(error).__name__}"
    return str(error)


__all__ = ["lock_holder", "locked_by", "locked_line", "opening_problem"]
