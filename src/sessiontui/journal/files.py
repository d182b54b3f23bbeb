"""Durable file operations shared by the writer, recovery and the roster.

The rules (research/reliability.md §3): create with O_EXCL and mode 0600, check the
bits with fstat, fsync the file and then its folder; rewrite small files by the
atomic-replace pattern; F_FULLFSYNC on macOS, where fsync stops at the drive cache.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, no directory fsync
    fcntl = None  # type: ignore[assignment]

import contextlib

from sessiontui.journal import paths
from sessiontui.journal.errors import JournalLocked

WriteFn = Callable[[int, Any], int]
SyncFn = Callable[[int], None]

_FULLFSYNC_UNSUPPORTED = {errno.ENOTSUP, errno.ENOTTY, errno.EINVAL}


def full_fsync(fd: int) -> None:
    """Push a file to the disk: F_FULLFSYNC where it exists (macOS), else os.fsync."""
    if fcntl is not None and hasattr(fcntl, "F_FULLFSYNC"):
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError as error:
            if error.errno not in _FULLFSYNC_UNSUPPORTED:
                raise
    os.fsync(fd)


def write_all(write: WriteFn, fd: int, data: bytes) -> None:
    """One write call normally; loop if the kernel takes fewer bytes than offered."""
    written = write(fd, data)
    if written == len(data):
        return
    view = memoryview(data)
    while True:
        if written <= 0:
            raise OSError(errno.EIO, "write wrote nothing")
        view = view[written:]
        if not view:
            return
        written = write(fd, view)


def fsync_dir(folder: Path, sync: SyncFn = full_fsync) -> None:
    """fsync a folder so that a new or renamed name in it survives a crash."""
    if fcntl is None:  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        sync(fd)
    finally:
        os.close(fd)


def lock(fd: int, path: Path) -> None:
    """Take an exclusive flock, or JournalLocked: a second writer would interleave lines."""
    if fcntl is None:  # pragma: no cover
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        raise JournalLocked(
            f"{path.name} is being written by another sessiontui "
            f"(is the session open in another window?)"
        ) from error


def is_locked(path: Path) -> bool:
    """True while a writer (in any process) holds the log: a session is being recorded."""
    if fcntl is None:  # pragma: no cover
        return False
    try:
        # O_NONBLOCK: a FIFO planted under a log's name must not hang the caller.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also drops the shared lock, if it was taken
    return False


def create_file(path: Path, first_line: bytes, write: WriteFn, sync: SyncFn,
                *, durable: bool = True) -> int:
    """A new file (never an existing one), 0600, locked, holding `first_line`, synced
    with its folder (unless `durable` is False: the caller syncs both before relying on
    them, as the journal writer does on its own thread).

    Returns the open fd. On failure the half-made file is removed and the error
    (FileExistsError, OSError, JournalLocked) raised.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, paths.FILE_MODE)
    try:
        lock(fd, path)
        paths.fix_fd_mode(fd)
        write_all(write, fd, first_line)
        if durable:
            sync(fd)
            fsync_dir(path.parent, sync)
    except BaseException:
        close_quietly(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return fd


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` (0600) so that a crash leaves the old or the new file.

    Temp file in the same folder, fsync, os.replace, fsync the folder.
    """
    import tempfile  # here, not at the top: it costs start-up time and is rarely needed

    target = Path(target)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        paths.fix_fd_mode(fd)
        write_all(os.write, fd, data)
        full_fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp, target)
    except BaseException:
        if fd >= 0:
            close_quietly(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(target.parent)


def close_quietly(fd: int) -> None:
    """Close an fd whose errors no longer matter (it is being abandoned)."""
    with contextlib.suppress(OSError):
        os.close(fd)
