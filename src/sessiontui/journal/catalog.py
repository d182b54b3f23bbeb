"""The logs in a folder: what each one is, whether it is sound, and which are old.

Used by `sessiontui logs` and the home screen. Everything here only reads; `prune`
names the files to delete and leaves the deleting to the caller, after it asks.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sessiontui.core.events import parse_ts
from sessiontui.journal import paths
from sessiontui.journal.errors import LogError
from sessiontui.journal.files import is_locked
from sessiontui.journal.lines import decode_header
from sessiontui.journal.reader import LogContents, plan_of, read_chain, status_of

UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class LogSummary:
    """One line of the list of logs."""

    path: Path
    started: datetime | None  # UTC
    tz: str | None
    title: str
    state: str  # finished, interrupted, damaged, or unreadable
    events: int
    size: int  # bytes, all files of the log's chain
    rehearsal: bool
    problem: str | None = None  # why it is damaged or unreadable
    in_use: bool = False  # a sessiontui is writing it now (it holds the lock)
    ignored: tuple[str, ...] = ()  # files named like its segments that were not read


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer of `verify`: an exit status and one line to print."""

    path: Path
    code: int  # 0 intact, 1 damaged, 2 not a log or unreadable
    text: str


def log_files(folder: Path) -> list[Path]:
    """The logs in `folder` (not their segments or side files), newest first."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [
        folder / name
        for name in names
        if name.endswith(paths.LOG_SUFFIX)
        and not name.startswith(".")
        and not paths.is_segment(Path(name))
        and (folder / name).is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def summarize(path: Path) -> LogSummary:
    """Read the log (and its segments) and say what it is, never raising for bad files."""
    chain = paths.chain_paths(path)
    size = sum(_size(p) for p in chain)
    in_use = any(is_locked(p) for p in chain)
    try:
        contents = read_chain(path)
    except LogError as error:
        return LogSummary(
            path=path,
            started=paths.time_from_name(path),
            tz=None,
            title="",
            state=UNREADABLE,
            events=0,
            size=size,
            rehearsal=False,
            problem=str(error),
            in_use=in_use,
        )
    state: str = contents.status
    problem = contents.damage.describe() if contents.damage else None
    if in_use and contents.damage is not None and contents.damage.recoverable:
        # Read while a line was being written: not damage, just not finished yet.
        state, problem = status_of(contents.events, None), None
    return LogSummary(
        path=path,
        started=_started(contents),
        tz=contents.header.tz,
        title=plan_title(contents),
        state=state,
        events=len(contents.events),
        size=size,
        rehearsal=contents.header.rehearsal,
        problem=problem,
        in_use=in_use,
        ignored=tuple(contents.notices()),
    )


def list_logs(folder: Path) -> list[LogSummary]:
    """A summary of every log in `folder`, newest first."""
    return list(iter_logs(folder))


def iter_logs(folder: Path) -> Iterator[LogSummary]:
    """Summaries newest first, each read only when asked for: a screen that shows the
    latest few need not read a year of logs."""
    return (summarize(path) for path in log_files(folder))


def being_written(folder: Path) -> list[Path]:
    """The logs in `folder` that a writer holds now (a flock here, or a lock file naming
    a live process here or one on another machine), the most recently written first."""
    from sessiontui.journal.holder import held_by

    found = [log for log in log_files(folder) if held_by(log) is not None]

    def written_at(log: Path) -> float:
        return max((_mtime_or_zero(p) for p in paths.chain_paths(log)), default=0.0)

    return sorted(found, key=written_at, reverse=True)


def _mtime_or_zero(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def plan_title(contents: LogContents) -> str:
    """The plan snapshot's session title, or "" if the header has none."""
    node: object = contents.header.plan_snapshot or {}
    for key in ("session", "title"):
        if not isinstance(node, dict):
            return ""
        node = node.get(key)
    return node if isinstance(node, str) else ""


def verify(path: Path) -> Verdict:
    """Check a log end to end; one line such as `x.jsonl: ok, 412 events, finished`.

    Exit code 0 intact, 1 damaged or with a file beside it that claims to continue it
    but was ignored (another user's, or not chaining), 2 not a usable log (its header,
    or the plan in it, cannot be read).
    """
    path = Path(path)
    try:
        contents = read_chain(path)
        plan_of(contents.header, paths.main_log(path).name)
    except LogError as error:
        return Verdict(path, 2, str(error))
    count = len(contents.events)
    notes = ""
    if contents.newer:
        notes += f", read-only (format_version {contents.format_version})"
    warnings = [w for w in contents.warnings if "read-only" not in w]
    if warnings:
        notes += f", {len(warnings)} warning(s) (wall time going back, or a changed file)"
    if len(contents.files) > 1:
        notes += f", {len(contents.files)} files"
    if any(is_locked(p) for p in contents.files):
        notes += ", in use by a running sessiontui"
    ignored = "".join(f"; {notice}" for notice in contents.notices())
    damage = contents.damage
    if damage is None and not ignored:
        return Verdict(path, 0, f"{path.name}: ok, {count} events, {contents.status}{notes}")
    if damage is None:
        return Verdict(path, 1, f"{path.name}: {count} events, {contents.status}{notes}{ignored}")
    hint = "; the torn tail is cut off when the session is resumed" if damage.recoverable else ""
    return Verdict(
        path,
        1,
        f"{path.name}: {damage.describe()}; {count} events readable{notes}{hint}{ignored}",
    )


def prune(folder: Path, older_than_seconds: float, now: datetime) -> list[Path]:
    """Every file of every log that started more than `older_than_seconds` before `now`.

    A log's files are the log, its segments, roster, trainer comments and torn-tail
    side files (any `<log>.*`). Files left behind by a log that is already gone (a
    roster holds names) are included when their own modification time is that old.
    A log being written right now (locked) is never included.
    """
    folder = Path(folder)
    cutoff = now.astimezone(UTC).timestamp() - older_than_seconds
    doomed: list[Path] = []
    busy: set[Path] = set()
    for log in log_files(folder):
        if any(is_locked(p) for p in paths.chain_paths(log)):
            busy.add(log)
        elif _log_started(log) < cutoff:
            doomed.append(log)
            doomed.extend(paths.side_files(log))
    claimed = set(doomed)
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return doomed
    for name in names:
        candidate = folder / name
        if candidate in claimed or not candidate.is_file():
            continue
        owner = paths.owner_log(candidate)
        if owner is None or owner.exists() or owner in busy:
            continue
        if _mtime(candidate) < cutoff:
            doomed.append(candidate)
    return doomed


def privacy_warnings(folder: Path) -> list[str]:
    """Logs, rosters and side files that others on this computer could read, and the
    folder itself if it is open: copied in, or made before the bits were fixed."""
    folder = Path(folder)
    warnings: list[str] = []
    try:
        folder_mode = stat.S_IMODE(folder.stat().st_mode)
        names = sorted(os.listdir(folder))
    except OSError:
        return warnings
    if folder_mode & 0o077:
        warnings.append(
            f"{folder} can be opened by other users (mode {folder_mode:04o}); chmod 700 it"
        )
    for name in names:
        candidate = folder / name
        if not (name.endswith(paths.LOG_SUFFIX) or paths.owner_log(candidate) is not None):
            continue
        try:
            mode = stat.S_IMODE(candidate.lstat().st_mode)
        except OSError:
            continue
        if mode & 0o077:
            warnings.append(f"{name} can be read by other users (mode {mode:04o}); chmod 600 it")
    return warnings


def _log_started(log: Path) -> float:
    """When the session started: header `created`, else the file name, else mtime."""
    try:
        with open(log, "rb") as stream:
            first = stream.readline(1 << 20)
        return parse_ts(decode_header(first)["created"]).timestamp()
    except (OSError, ValueError, KeyError, TypeError):
        pass
    named = paths.time_from_name(log)
    if named is not None:
        return named.timestamp()
    return _mtime(log)


def _started(contents: LogContents) -> datetime | None:
    try:
        return contents.header.created_at
    except ValueError:
        pass
    return paths.time_from_name(contents.path)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
