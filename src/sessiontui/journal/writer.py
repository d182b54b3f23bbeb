"""The one writer of a live log: numbered on the caller's thread, saved on its own.

`append` gives the event its seq at once (so the caller can reduce it straight away)
and queues its bytes. A single writer thread does one `os.write` and one fsync per
event and only then acknowledges it (`on_ack(seq)`, `acked_seq`): "saved" means on
disk. If a write or fsync fails, that file descriptor is finished with (a failed
fsync cannot be retried: the kernel may have dropped the pages); the events not yet
acknowledged go into a new segment file beside it whose header `continues` the old
one. If no segment can be written either, events stay in memory (`pending()`) and
every later append tries again and reports again.

A failure starts a spell of trouble (`trouble`) that lasts until every event is saved
again in a working file; then `recovered` says how many events were caught up. A UI
reads these (and `last_seq`, `acked_seq`) rather than counting callbacks, so that
callbacks may be coalesced or arrive late without the screen ever saying "saved" too
soon.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sessiontui.core.events import Event
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError, JournalLocked, LogError
from sessiontui.journal.files import (
    SyncFn,
    WriteFn,
    close_quietly,
    create_file,
    fsync_dir,
    full_fsync,
    lock,
    write_all,
)
from sessiontui.journal.header import LogHeader
from sessiontui.journal.holder import claim, release
from sessiontui.journal.lines import encode_event, encode_header
from sessiontui.journal.reader import read_log

AckFn = Callable[[int], None]
ErrorFn = Callable[[str, "Path | None"], None]

SEGMENT_ATTEMPTS = 2


@dataclass(frozen=True)
class Recovery:
    """A spell of trouble that ended: `events` were caught up into `path`."""

    events: int
    path: Path
    number: int  # 1 for the first recovery of this writer, then 2, ...


class JournalWriter:
    """Appends events to a log (and its segments) from one background thread.

    Callbacks run on the writer thread: a UI must hop back to its own loop
    (Textual: `app.call_from_thread`). An exception in a callback is swallowed so
    that it can never stop events being saved.
    """

    def __init__(
        self,
        path: Path,
        fd: int,
        fields: dict[str, Any],
        next_seq: int,
        saved: hashlib._Hash,
        *,
        on_ack: AckFn | None = None,
        on_error: ErrorFn | None = None,
        os_write: WriteFn | None = None,
        os_fsync: SyncFn | None = None,
        unsynced_folder: Path | None = None,
    ) -> None:
        """Use `create` or `open_existing`; this takes an fd that is already locked."""
        self._path = path
        self._files = [path]
        self._fd: int | None = fd
        self._fields = fields
        self._next_seq = next_seq
        self._acked_seq = next_seq - 1
        self._saved = saved  # sha256 of the acknowledged bytes of the current file
        self._on_ack = on_ack
        self._on_error = on_error
        self._write = os_write or os.write
        self._sync = os_fsync or full_fsync
        self._unsynced_folder = unsynced_folder
        """A new file whose header and folder entry are synced before its first event."""
        self._queue: deque[tuple[int, Event, bytes]] = deque()
        self._cond = threading.Condition()
        self._closing = False
        self._closed = False
        self._retry = False  # a new segment should be tried (after a failure or an append)
        self._error: str | None = None  # the last message given to on_error
        self._cause = ""  # what last went wrong, in a few words
        self._trouble_from: int | None = None  # acked_seq when the current trouble began
        self._recovered: Recovery | None = None
        self.callback_errors = 0
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)
        self._thread.start()
        _open_writers.add(self)
        # Said beside the log too, for a machine that cannot see this one's flock (a
        # shared drive): see journal.holder.
        self._claimed = claim(path) is not None

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        header: dict[str, Any],
        *,
        on_ack: AckFn | None = None,
        on_error: ErrorFn | None = None,
        os_write: WriteFn | None = None,
        os_fsync: SyncFn | None = None,
        sync_later: bool = False,
    ) -> JournalWriter:
        """Start a new log (or a segment, if `header` has `continues`) at `path`.

        `header` holds session_id, created, tz, app, plan, rehearsal, continues; the
        journal adds format, format_version and crc. Raises JournalError if the file
        exists or cannot be written, EncodeError if the header is not plain JSON.

        `sync_later`: the header is written now but synced (with the folder's entry for
        the file) on the writer's thread, before the first event: a session's first
        frame need not wait for a slow disk. Nothing is acknowledged before that sync.
        """
        path = Path(path)
        fields = dict(header)
        fields.setdefault("continues", None)
        line = encode_header(fields)
        write = os_write or os.write
        sync = os_fsync or full_fsync
        try:
            fd = create_file(path, line, write, sync, durable=not sync_later)
        except FileExistsError as error:
            raise JournalError(f"{path.name} already exists: a log is never overwritten") from error
        except JournalLocked:
            raise
        except OSError as error:
            raise JournalError(f"cannot create {path}: {error.strerror or error}") from error
        return cls(
            path,
            fd,
            fields,
            LogHeader.from_record(fields).first_seq,
            hashlib.sha256(line),
            on_ack=on_ack,
            on_error=on_error,
            os_write=os_write,
            os_fsync=os_fsync,
            unsynced_folder=path.parent if sync_later else None,
        )

    @classmethod
    def open_existing(
        cls,
        path: Path | str,
        last_seq: int,
        *,
        on_ack: AckFn | None = None,
        on_error: ErrorFn | None = None,
        os_write: WriteFn | None = None,
        os_fsync: SyncFn | None = None,
    ) -> JournalWriter:
        """Keep appending to an intact log (after `recover`) whose last seq is `last_seq`.

        Refuses (JournalError) a damaged file, a newer format, or a different last seq:
        appending after any of those would make a log that does not read back.
        """
        path = Path(path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError as error:
            raise JournalError(f"cannot open {path.name}: {error.strerror or error}") from error
        try:
            lock(fd, path)
            contents = read_log(path)
            if not contents.writable:
                raise JournalError(
                    f"{path.name} was written by a newer sessiontui (format_version "
                    f"{contents.format_version}); it can be read but not continued"
                )
            if contents.damage is not None:
                raise JournalError(f"{path.name} is damaged: run recovery before resuming")
            if contents.last_seq != last_seq:
                raise JournalError(f"{path.name} ends at seq {contents.last_seq}, not {last_seq}")
            if os.fstat(fd).st_size != contents.valid_end:
                raise JournalError(f"{path.name} changed while it was being opened")
            paths.fix_fd_mode(fd)
            saved = hashlib.sha256()
            with open(path, "rb") as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    saved.update(chunk)
        except LogError as error:
            os.close(fd)
            raise JournalError(str(error)) from error
        except BaseException:
            os.close(fd)
            raise
        fields = contents.header.fields()
        return cls(
            path,
            fd,
            fields,
            last_seq + 1,
            saved,
            on_ack=on_ack,
            on_error=on_error,
            os_write=os_write,
            os_fsync=os_fsync,
        )

    # -- the caller's side -------------------------------------------------------------

    def append(self, event: Event) -> Event:
        """Number the event, queue it for saving, and return it numbered (no I/O here).

        EncodeError (a ValueError) if it cannot be written as JSON; the seq is then
        not used up.
        """
        with self._cond:
            if self._closing:
                raise JournalError("the log is closed")
            numbered = event.with_seq(self._next_seq)
            line = encode_event(numbered, self._fields)
            self._next_seq += 1
            self._queue.append((numbered.seq, numbered, line))
            if self._fd is None:
                self._retry = True
            self._cond.notify_all()
        return numbered

    def listen(self, on_ack: AckFn | None = None, on_error: ErrorFn | None = None) -> None:
        """Replace the callbacks (a UI that starts after the log was opened).

        Whatever happened before is in `acked_seq`, `trouble` and `recovered`.
        """
        with self._cond:
            self._on_ack = on_ack
            self._on_error = on_error

    @property
    def acked_seq(self) -> int:
        """The last seq known to be on disk."""
        return self._acked_seq

    @property
    def last_seq(self) -> int:
        """The last seq handed out by `append` (saved or not)."""
        return self._next_seq - 1

    @property
    def path(self) -> Path:
        """The file being written now (a segment after a failure)."""
        return self._path

    @property
    def files(self) -> list[Path]:
        """Every file this writer has written to, in order."""
        return list(self._files)

    @property
    def failed(self) -> bool:
        """True while no file can be written: events are only in memory."""
        return self._fd is None and not self._closed

    @property
    def error(self) -> str | None:
        """The last write problem reported, if any."""
        return self._error

    @property
    def trouble(self) -> str | None:
        """While a write has failed and not every event is saved again: what went wrong
        (the last message given to on_error). None when all is well."""
        with self._cond:
            return self._error if self._trouble_from is not None else None

    @property
    def recovered(self) -> Recovery | None:
        """The last spell of trouble that ended, if any."""
        return self._recovered

    def pending(self) -> list[Event]:
        """Events appended but not yet saved, oldest first (for an export from memory)."""
        with self._cond:
            return [event for _, event, _ in self._queue]

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every appended event is saved. False on timeout, or when saving
        has failed and events are held in memory."""
        with self._cond:
            self._cond.wait_for(self._settled, timeout)
            return not self._queue

    def close(self, timeout: float | None = None) -> bool:
        """Save what is queued, stop the thread, release the file. True if all saved."""
        with self._cond:
            if not self._closing:
                self._closing = True
                if self._fd is None and self._queue:
                    self._retry = True
            self._cond.notify_all()
        self._thread.join(timeout)
        if self._thread.is_alive():
            return False
        with self._cond:
            if self._fd is not None:
                close_quietly(self._fd)
                self._fd = None
            self._closed = True
            _open_writers.discard(self)
            if self._claimed:
                self._claimed = False
                release(self._path)
            return not self._queue

    def __enter__(self) -> JournalWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- the writer thread ---------------------------------------------------------

    def _settled(self) -> bool:
        """Nothing left that the thread could still do without a new append."""
        return (
            not self._queue or (self._fd is None and not self._retry) or not self._thread.is_alive()
        )

    def _run(self) -> None:
        try:
            self._loop()
        except Exception as error:  # a bug here must not pass for "saving"
            with self._cond:
                self._error = f"log writer stopped ({type(error).__name__}); events kept in memory"
                if self._trouble_from is None:
                    self._trouble_from = self._acked_seq
                message = self._error
                self._cond.notify_all()
            self._call(self._on_error, message, None)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not (
                    (self._queue and (self._fd is not None or self._retry))
                    or (self._closing and not (self._queue and self._fd is not None))
                ):
                    self._cond.wait()
                if not (self._queue and (self._fd is not None or self._retry)):
                    return  # closing, and nothing more can be saved
                fd = self._fd
                seq, _, line = self._queue[0]
            if fd is None:
                self._new_segment(reason=self._cause)
                continue
            try:
                if self._unsynced_folder is not None:
                    fsync_dir(self._unsynced_folder, self._sync)  # the file's entry
                    self._unsynced_folder = None
                write_all(self._write, fd, line)
                self._sync(fd)
            except Exception as error:  # OSError, or anything an injected fault raises
                self._abandon(fd, error)
                continue
            with self._cond:
                self._queue.popleft()
                self._saved.update(line)
                self._acked_seq = seq
                if self._trouble_from is not None and not self._queue:
                    number = self._recovered.number + 1 if self._recovered else 1
                    self._recovered = Recovery(seq - self._trouble_from, self._path, number)
                    self._trouble_from = None
                on_ack = self._on_ack
                self._cond.notify_all()
            self._call(on_ack, seq)

    def _abandon(self, fd: int, error: BaseException) -> None:
        """A write or fsync failed: never touch this fd again, move to a new segment."""
        close_quietly(fd)
        with self._cond:
            self._fd = None
            self._retry = True
            if self._trouble_from is None:
                self._trouble_from = self._acked_seq
        self._new_segment(reason=_describe(error))

    def _new_segment(self, reason: str) -> None:
        """Start the next `.part<n>.jsonl`, continuing from the last acknowledged seq."""
        continues = {
            "file": self._path.name,
            "last_valid_seq": self._acked_seq,
            "sha256_of_valid_prefix": self._saved.hexdigest(),
        }
        fields = {**self._fields, "continues": continues}
        line = encode_header(fields)
        failure = reason
        self._cause = reason
        for _ in range(SEGMENT_ATTEMPTS):
            target = paths.next_segment_path(self._path)
            try:
                fd = create_file(target, line, self._write, self._sync)
            except Exception as error:
                failure = self._cause = _describe(error)
                continue
            with self._cond:
                self._fd = fd
                self._path = target
                self._files.append(target)
                self._fields = fields
                self._saved = hashlib.sha256(line)
                self._retry = False
                self._error = f"log write failed ({reason}); now saving to {target.name}"
                message = self._error
                self._cond.notify_all()
            self._call(self._on_error, message, target)
            return
        with self._cond:
            self._retry = False
            count = len(self._queue)
            self._error = (
                f"log not saved ({failure}): {count} events kept in memory only; "
                f"will try again on the next event"
            )
            message = self._error
            self._cond.notify_all()
        self._call(self._on_error, message, None)

    def _call(self, callback: Callable[..., None] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            self.callback_errors += 1


def _describe(error: BaseException) -> str:
    """A short cause for a banner: the OS message, never event data."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


_open_writers: weakref.WeakSet[JournalWriter] = weakref.WeakSet()


@atexit.register
def _flush_at_exit() -> None:
    """The thread is a daemon (a hung disk must not hang exit), so give it a moment."""
    for writer in list(_open_writers):
        writer.flush(timeout=5.0)


__all__ = ["AckFn", "ErrorFn", "JournalWriter", "Recovery"]
