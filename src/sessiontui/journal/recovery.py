"""Make a log fit to continue after a crash, keeping every byte somewhere.

Only the live recorder repairs, and only when resuming; replay and reports never
write. A torn tail (the last line cut short, or zeros or garbage after the last
sound line) is copied to `<log>.torn-<offset>` and cut off. Damage in the middle
(sound lines after a bad one) is never cut: the session continues in a new segment
whose header names the old file. Recovery can itself be killed at any point and
run again with the same result.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError, JournalLocked, LogError, UntrustedFile
from sessiontui.journal.files import SyncFn, WriteFn, atomic_write, fsync_dir, full_fsync, lock
from sessiontui.journal.header import LogHeader
from sessiontui.journal.holder import AliveFn, Hold, check_not_held, process_alive
from sessiontui.journal.reader import Damage, LogContents, read_chain, read_log, status_of
from sessiontui.journal.writer import AckFn, ErrorFn, JournalWriter

Action = Literal["none", "truncated", "new-segment"]


@dataclass(frozen=True, slots=True)
class RecoveryResult:
    """What recovery found and did, and where the session continues."""

    path: Path  # the file examined: the last segment of the chain
    action: Action
    last_seq: int  # the session continues with last_seq + 1
    header: LogHeader
    offset: int  # end of the valid prefix of `path`
    torn_bytes: int = 0
    side_file: Path | None = None
    segment_path: Path | None = None  # for "new-segment": where to continue
    continues: dict[str, Any] | None = None  # for "new-segment": its header's continues
    damage: Damage | None = None
    finished: bool = False  # the last event closes the session
    taken_over: Hold | None = None  # resume --take-over set this holder's lock file aside

    @property
    def needs_segment(self) -> bool:
        """Mid-file damage: continue in `segment_path`, never in `path`."""
        return self.action == "new-segment"


def recover(path: Path | str) -> RecoveryResult:
    """Check the log's last file and repair a torn tail; say how to continue.

    The last file is the last one of the chain as read_chain reads it: a segment it
    ignores (another user's, or one that does not continue the log) is never
    continued or repaired. Takes the writer's lock for the duration (JournalLocked if
    the session is open elsewhere). Raises LogError if the file is not a log,
    JournalError if it may not be continued (newer format, or a segment whose header
    is damaged).
    """
    main = paths.main_log(Path(path))
    if not main.exists():
        raise LogError(f"{main.name}: no such file")
    from sessiontui.journal.opening import locked_by, locked_line

    if locked_by(main) is not None:  # before anything is moved: a writer is at work
        raise JournalLocked(locked_line(main))
    _drop_unborn_segments(main)
    tip = read_chain(main).files[-1]
    flags = os.O_RDWR if tip == main else os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tip, flags)
    except OSError as error:
        raise JournalError(f"cannot open {tip.name}: {error.strerror or error}") from error
    try:
        lock(fd, tip)
        contents = read_log(tip, trusted=tip != main)
        if contents.newer:
            raise JournalError(
                f"{tip.name} was written by a newer sessiontui (format_version "
                f"{contents.format_version}); it can be read but not continued"
            )
        damage = contents.damage
        if not contents.writable:
            # An older layout than the writer's: it goes on in a new segment, so that
            # no file mixes two kinds of line.
            return _plan_segment(contents, damage)
        if damage is None:
            return _intact(contents)
        if damage.recoverable:
            return _cut_torn_tail(fd, contents, damage)
        return _plan_segment(contents, damage)
    finally:
        os.close(fd)


def truncated_event_data(result: RecoveryResult) -> dict[str, Any] | None:
    """The data of the `recovery.truncated` event to append after a cut, else None."""
    if result.action != "truncated" or result.side_file is None:
        return None
    return {"bytes": result.torn_bytes, "offset": result.offset, "side_file": result.side_file.name}


def resume(
    path: Path | str,
    *,
    on_ack: AckFn | None = None,
    on_error: ErrorFn | None = None,
    os_write: WriteFn | None = None,
    os_fsync: SyncFn | None = None,
    take_over: bool = False,
    host: str | None = None,
    alive: AliveFn = process_alive,
) -> tuple[JournalWriter, RecoveryResult]:
    """Recover, then open a writer where the session continues (same file or a segment).

    JournalHeld (nothing written) if another process holds the log: a flock here, or
    a lock file naming a live process here or any process on another machine
    (`take_over` sets the lock file aside; `host`, `alive`: see journal.holder).
    The caller appends `recovery.truncated` (see truncated_event_data) and
    `session.resumed` next, with its own clock.
    """
    taken = check_not_held(Path(path), take_over=take_over, host=host, alive=alive)
    result = recover(path)
    if taken is not None:
        result = replace(result, taken_over=taken)
    options: dict[str, Any] = {
        "on_ack": on_ack,
        "on_error": on_error,
        "os_write": os_write,
        "os_fsync": os_fsync,
    }
    if result.needs_segment:
        assert result.segment_path is not None
        fields = result.header.fields()
        fields["continues"] = result.continues
        writer = JournalWriter.create(result.segment_path, fields, **options)
    else:
        writer = JournalWriter.open_existing(result.path, result.last_seq, **options)
    return writer, result


def _finished(contents: LogContents) -> bool:
    return status_of(contents.events, None) == "finished"


def _intact(contents: LogContents) -> RecoveryResult:
    """No damage. A side file ending exactly here means an earlier recovery cut the
    tail and was stopped before its event was appended: report that cut again."""
    side = _latest_side_file(contents.path, contents.valid_end)
    if side is not None:
        return RecoveryResult(
            path=contents.path,
            action="truncated",
            last_seq=contents.last_seq,
            header=contents.header,
            offset=contents.valid_end,
            torn_bytes=side.stat().st_size,
            side_file=side,
            finished=_finished(contents),
        )
    return RecoveryResult(
        path=contents.path,
        action="none",
        last_seq=contents.last_seq,
        header=contents.header,
        offset=contents.valid_end,
        finished=_finished(contents),
    )


def _cut_torn_tail(fd: int, contents: LogContents, damage: Damage) -> RecoveryResult:
    """Copy the torn bytes to a side file (synced), then truncate the log to the prefix."""
    offset = damage.offset
    torn = os.pread(fd, damage.lost_bytes, offset)
    side = _side_file_for(contents.path, offset, torn)
    if not side.exists():
        atomic_write(side, torn)
    os.ftruncate(fd, offset)
    full_fsync(fd)
    return RecoveryResult(
        path=contents.path,
        action="truncated",
        last_seq=contents.last_seq,
        header=contents.header,
        offset=offset,
        torn_bytes=len(torn),
        side_file=side,
        damage=damage,
        finished=_finished(contents),
    )


def _plan_segment(contents: LogContents, damage: Damage | None) -> RecoveryResult:
    """Mid-file damage (or an older layout): leave the file exactly as it is; name the
    segment to continue in."""
    digest = hashlib.sha256()
    with open(contents.path, "rb") as stream:
        digest.update(stream.read(contents.valid_end))
    continues = {
        "file": contents.path.name,
        "last_valid_seq": contents.last_seq,
        "sha256_of_valid_prefix": digest.hexdigest(),
    }
    return RecoveryResult(
        path=contents.path,
        action="new-segment",
        last_seq=contents.last_seq,
        header=contents.header,
        offset=contents.valid_end,
        segment_path=paths.next_segment_path(contents.path),
        continues=continues,
        damage=damage,
        finished=_finished(contents),
    )


def _side_files_at(log: Path, offset: int) -> list[Path]:
    """`<log>.torn-<offset>` and its numbered siblings (`.2`, `.3`), oldest first."""
    first = paths.torn_path(log, offset)
    pattern = re.compile(re.escape(first.name) + r"(?:\.([0-9]+))?$")
    found: list[tuple[int, Path]] = []
    for name in os.listdir(log.parent):
        match = pattern.fullmatch(name)
        if match:
            found.append((int(match.group(1) or 1), log.parent / name))
    return [p for _, p in sorted(found)]


def _latest_side_file(log: Path, offset: int) -> Path | None:
    found = _side_files_at(log, offset)
    return found[-1] if found else None


def _side_file_for(log: Path, offset: int, torn: bytes) -> Path:
    """The side file that holds exactly `torn`, or a fresh name that overwrites nothing.

    An existing side file at the same offset with other bytes comes from an earlier
    cut (say, of a recovery event that was itself torn): it is kept, never replaced.
    """
    existing = _side_files_at(log, offset)
    for side in existing:
        try:
            if side.read_bytes() == torn:
                return side
        except OSError:
            continue
    first = paths.torn_path(log, offset)
    if not existing:
        return first
    number = 2
    while first.with_name(f"{first.name}.{number}").exists():
        number += 1
    return first.with_name(f"{first.name}.{number}")


def _drop_unborn_segments(main: Path) -> None:
    """Segments at the end of the chain whose header never got written whole (a crash
    while one was being created) hold no events: each is moved to `<segment>.torn-0`
    and the file before it continues. Only this user's own segments are touched; a
    file another user planted is left where it is (read_chain ignores it).
    """
    for segment in reversed([p for p in paths.chain_paths(main) if p != main]):
        try:
            fd = paths.open_trusted(segment)
        except (UntrustedFile, OSError):
            continue
        with os.fdopen(fd, "rb") as stream:
            data = stream.read()
        try:
            read_log(segment, trusted=True)
            return
        except LogError:
            if b"\n" in data:
                raise JournalError(
                    f"segment {segment.name} has a damaged header; it cannot be continued"
                ) from None
        side = _side_file_for(segment, 0, data)
        if not side.exists():
            atomic_write(side, data)
        segment.unlink()
        fsync_dir(segment.parent)


__all__ = [
    "RecoveryResult",
    "recover",
    "resume",
    "truncated_event_data",
]
