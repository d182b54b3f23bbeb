"""Read a log: the header, the longest valid prefix of events, and what is wrong after it.

Reading never writes (replay and reports open logs read-only; only recovery repairs).
A line counts if it ends in a newline, its CRC matches (seeded with the session id
from format version 2), it is a JSON object with the event fields, its seq follows
the last one, and what it says makes sense: a `t` and `ts` in range and, for a type
this version knows, data of the kinds the vocabulary gives (core/validate.py). The
first line that fails ends the prefix. What follows decides the kind of damage: if no
sound line comes after it, the tail was torn by a crash and recovery may cut it off;
if sound lines follow (or the failing line's own CRC checks), the middle of the file
is damaged and nothing may be cut.

Salvaging (`report --salvage`, `replay --salvage`) reads on past a damaged line: each
line that fails is skipped and listed in `skipped` (its line number, why, and the time
of the last sound event before it), and every later sound line whose seq comes after
the last one kept is used. Salvaging never changes a file: it only reads.

A chain's segments are read only if they are this user's own files that nobody else
can write, and only if they continue the file before them: the same session id, that
file's name, and the SHA-256 of its bytes up to the seq they continue from. Anything
else is listed in `ignored` and never read into the session.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar

import orjson
from orjson import JSONDecodeError as FastJSONError

from sessiontui.core.bulk import collector_paused
from sessiontui.core.events import Event, parse_ts
from sessiontui.journal import paths
from sessiontui.journal.errors import LineError, LogError, UntrustedFile
from sessiontui.journal.header import LogHeader
from sessiontui.journal.lines import (
    CRC_OPEN,
    FORMAT_VERSION,
    MAX_T,
    PREFIX_LEN,
    WRITE_VERSION,
    decode_header,
    decode_json_refused,
    decode_line,
    event_from_record,
    line_seed,
    make_event,
    ts_ok,
)

Status = Literal["finished", "interrupted", "damaged"]
DamageKind = Literal["torn-tail", "mid-file", "gap", "bad-segment"]

R = TypeVar("R")

FINAL_TYPES = frozenset({"session.ended", "session.closed"})
HEADER_LIMIT = 8 * 1024 * 1024
TS_BACK_LIMIT_S = 2.0
MAX_WARNINGS = 50


@dataclass(frozen=True, slots=True)
class Damage:
    """Where a file stops being valid, and whether recovery may cut it there."""

    file: Path
    kind: DamageKind
    offset: int  # byte offset of the start of the first invalid line
    line: int  # its 1-based line number (the header is line 1)
    reason: str
    lost_bytes: int  # bytes from `offset` to the end of the file
    sound_lines_after: int = 0  # lines after it whose CRC still checks

    @property
    def recoverable(self) -> bool:
        """A torn tail can be cut off (after saving it); anything else must stay."""
        return self.kind == "torn-tail"

    def describe(self) -> str:
        """One phrase, e.g. `damaged at byte 10234 (line 57): crc mismatch`."""
        if self.kind == "gap":
            return f"{self.file.name}: {self.reason}"
        if self.kind == "bad-segment":
            return f"segment {self.file.name} unreadable: {self.reason}"
        where = f"damaged at byte {self.offset} (line {self.line}): {self.reason}"
        if self.kind == "torn-tail":
            return f"{where} (torn tail, {self.lost_bytes} bytes)"
        return f"{where} ({self.sound_lines_after} sound lines after it are not used)"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A damaged line a salvaging read passed over."""

    file: Path
    line: int
    """1-based line number (the header is line 1)."""
    reason: str
    after_t: float | None
    """Session time of the last sound event before it (None: none before it)."""


@dataclass(slots=True)
class LogContents:
    """What a log holds: header, events (seq-contiguous valid prefix) and its condition."""

    path: Path
    header: LogHeader
    events: list[Event]
    status: Status
    damage: Damage | None
    valid_end: int  # byte offset just after the last valid line (of the last file)
    size: int  # bytes on disk (all files of a chain)
    lost_bytes: int
    warnings: list[str] = field(default_factory=list)
    writable: bool = True  # False unless the writer appends in this file's format_version
    header_end: int = 0  # byte offset after the header line (of the last file)
    files: tuple[Path, ...] = ()  # the files read as the session, in order
    ignored: tuple[tuple[Path, str], ...] = ()  # files beside it that were not read, and why
    skipped: tuple[Skipped, ...] = ()  # damaged lines passed over by a salvaging read

    @property
    def last_seq(self) -> int:
        """The seq of the last valid event (the one before the first, if there is none)."""
        if self.events:
            return self.events[-1].seq
        return self.header.first_seq - 1

    @property
    def format_version(self) -> int:
        return self.header.format_version

    @property
    def newer(self) -> bool:
        """Written by a newer sessiontui: read as far as it has the known shape, never
        continued."""
        return self.format_version > FORMAT_VERSION

    def notices(self) -> list[str]:
        """One line per file that looked like part of the log but was not read."""
        return [f"{path.name} ignored: {reason}" for path, reason in self.ignored]


def read_log(path: Path | str, *, trusted: bool = False, salvage: bool = False) -> LogContents:
    """Read and check one file. LogError if it is missing, unreadable, or not a log;
    with `trusted`, UntrustedFile (a LogError) if another user owns it or can write it.
    `salvage`: read on past damaged lines (see the module docstring)."""
    return _reading(Path(path), salvaging_scan if salvage else scan, trusted=trusted)


def read_header(path: Path | str) -> LogHeader:
    """Only the header of a log (the plan snapshot, when it was made): one line, so a
    command can refuse a foreign file at once, before reading a long log."""
    return _reading(Path(path), lambda stream, where: _header(stream.readline(HEADER_LIMIT), where))


def _reading(path: Path, read: Callable[[BinaryIO, Path], R], *, trusted: bool = False) -> R:
    """`read` on the open file, with every way of failing to open it as a LogError.

    `trusted`: the file must pass paths.open_trusted (a segment beside a log);
    otherwise any regular file will do (the log a user named). Neither a folder nor a
    FIFO is ever read: a FIFO would block.
    """
    try:
        if trusted:
            fd = paths.open_trusted(path)
        else:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                os.close(fd)
                raise
            if stat.S_ISDIR(mode):
                os.close(fd)
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                os.close(fd)
                raise LogError(f"{path.name}: not a regular file")
        with os.fdopen(fd, "rb") as stream:
            return read(stream, path)
    except FileNotFoundError as error:
        raise LogError(f"{path.name}: no such file") from error
    except IsADirectoryError as error:
        raise LogError(f"{path.name}: is a folder, not a log") from error
    except PermissionError as error:
        raise LogError(f"{path.name}: permission denied") from error
    except OSError as error:
        raise LogError(f"{path.name}: cannot read ({error.strerror or error})") from error


def scan(stream: BinaryIO, path: Path) -> LogContents:
    """Validate a stream of log bytes: one pass, one CRC and one JSON parse per line."""
    from sessiontui.core.validate import CHECKS  # the vocabulary: only to read

    first = stream.readline(HEADER_LIMIT)
    header = _header(first, path)
    version = header.format_version
    seed = line_seed(header.session_id, min(version, FORMAT_VERSION))
    phases = header.phases
    expected = header.first_seq
    events: list[Event] = []
    warnings: list[str] = []
    keep = events.append
    interned: dict[str, str] = {}
    intern = interned.setdefault
    prev_ts = ""
    damage_at: tuple[str, bool] | None = None  # reason, whether the CRC checked
    line = b""
    crc32 = zlib.crc32
    fast_loads = orjson.loads
    refused = decode_json_refused
    make = make_event
    checks = CHECKS
    good_ts = ts_ok
    # The checks are decode_line's and event_from_record's, written out inline
    # because this loop is the budget of opening a long log (<= 2x a bare
    # json.loads loop); the slow path asks those functions for the reason.
    with collector_paused():
        for line in stream:
            if (
                line[-1:] != b"\n"
                or line[:8] != CRC_OPEN
                or line[16:18] != b'",'
                or b"%08x" % crc32(line[PREFIX_LEN:-1], seed) != line[8:16]
            ):
                damage_at = (_line_reason(line), False)
                break
            try:
                try:
                    record = fast_loads(line)
                except FastJSONError:
                    record = refused(line)  # json decides what orjson refuses
                seq = record["seq"]
                t = record["t"]
                ts = record["ts"]
                kind = record["type"]
                v = record["v"]
                data = record["data"]
                sound = (
                    type(seq) is int
                    and (type(t) is float or type(t) is int)
                    and type(ts) is str
                    and type(kind) is str
                    and kind != ""
                    and type(v) is int
                    and v >= 1
                    and type(data) is dict
                    and 0 <= t <= MAX_T
                    and (ts == prev_ts or good_ts(ts))
                )
            except (ValueError, TypeError, KeyError, RecursionError):  # deep nesting
                sound = False
            if not sound:
                damage_at = (_record_reason(line, seed), True)
                break
            if seq != expected:
                damage_at = (f"seq {seq} where {expected} was expected", True)
                break
            known = checks.get(kind)
            if known is not None and v <= known[0]:
                problem = known[1](data, phases)
                if problem is not None:
                    damage_at = (f"seq {seq}: {problem}", True)
                    break
            if ts < prev_ts:
                _check_ts_back(prev_ts, ts, seq, warnings)
            prev_ts = ts
            keep(make(intern(kind, kind), data, t, ts, seq, v))
            expected += 1

    # Offsets come from tell(), not from summing line lengths in the loop above.
    offset = size = stream.tell()
    damage = None
    if damage_at is not None:
        reason, sound = damage_at
        offset -= len(line)
        number = len(events) + 2  # 1-based, after the header and the valid events
        sound_after = 0
        for rest in stream:
            size += len(rest)
            if crc_ok(rest, seed):
                sound_after += 1
        damage_kind: DamageKind = "mid-file" if sound or sound_after else "torn-tail"
        damage = Damage(path, damage_kind, offset, number, reason, size - offset, sound_after)

    if len(warnings) > MAX_WARNINGS:
        warnings[MAX_WARNINGS:] = [f"... and {len(warnings) - MAX_WARNINGS} more time warnings"]
    if version > FORMAT_VERSION:
        warnings.insert(
            0,
            f"format_version {version} is newer than this sessiontui ({FORMAT_VERSION}): read-only",
        )
    return LogContents(
        path=path,
        header=header,
        events=events,
        status=status_of(events, damage),
        damage=damage,
        valid_end=offset,
        size=size,
        lost_bytes=damage.lost_bytes if damage else 0,
        warnings=warnings,
        writable=version == WRITE_VERSION,
        header_end=len(first),
        files=(path,),
    )


def salvaging_scan(stream: BinaryIO, path: Path) -> LogContents:
    """`scan`, then on past each damaged line: the sound lines after it are used."""
    from sessiontui.core.validate import CHECKS

    contents = scan(stream, path)
    damage = contents.damage
    if damage is None:
        return contents
    header = contents.header
    seed = line_seed(header.session_id, min(header.format_version, FORMAT_VERSION))
    events = contents.events
    skipped: list[Skipped] = []
    number = damage.line

    def last_t() -> float | None:
        return events[-1].t if events else None

    stream.seek(damage.offset)
    for line in stream:
        try:
            event = event_from_record(decode_line(line, seed))
        except LineError as error:
            skipped.append(Skipped(path, number, error.reason, last_t()))
            number += 1
            continue
        expected = events[-1].seq + 1 if events else header.first_seq
        known = CHECKS.get(event.type)
        problem = (known[1](event.data, header.phases)
                   if known is not None and event.v <= known[0] else None)
        if event.seq < expected:
            skipped.append(Skipped(path, number, f"seq {event.seq} repeats an earlier one",
                                   last_t()))
        elif problem is not None:
            skipped.append(Skipped(path, number, f"seq {event.seq}: {problem}", last_t()))
        else:
            if event.seq > expected and (not skipped or skipped[-1].line != number - 1):
                skipped.append(Skipped(path, number, f"seqs {expected}..{event.seq - 1} "
                                       "are missing", last_t()))
            events.append(make_event(event.type, event.data, event.t, event.ts, event.seq,
                                     event.v))
        number += 1
    contents.damage = None
    contents.skipped = tuple(skipped)
    contents.status = "damaged" if skipped else status_of(events, None)
    contents.lost_bytes = 0
    contents.valid_end = contents.size
    contents.writable = False  # never continued: what was skipped is not recovered
    return contents


def _header(first: bytes, path: Path) -> LogHeader:
    """The header from a log's first line, or LogError saying why this is not a log."""
    if not first:
        raise LogError(f"{path.name}: empty file, not a sessiontui log")
    if not first.startswith(CRC_OPEN):
        raise LogError(f"{path.name}: not a sessiontui log")
    if not first.endswith(b"\n"):
        raise LogError(f"{path.name}: header line is incomplete (file cut short at creation?)")
    try:
        return LogHeader.from_record(decode_header(first))
    except LineError as error:
        raise LogError(f"{path.name}: bad header: {error.reason}") from error


def status_of(events: list[Event], damage: Damage | None) -> Status:
    """damaged if anything is unreadable, finished after a closing event, else interrupted
    (a log left open, killed, or closed from outside with `session.interrupted`)."""
    if damage is not None:
        return "damaged"
    if events and events[-1].type in FINAL_TYPES:
        return "finished"
    return "interrupted"


def crc_ok(line: bytes, seed: int = 0) -> bool:
    """A complete line whose CRC checks: something a writer finished, not a torn write."""
    return (
        line[-1:] == b"\n"
        and line[:8] == CRC_OPEN
        and line[16:18] == b'",'
        and b"%08x" % zlib.crc32(line[PREFIX_LEN:-1], seed) == line[8:16]
    )


def _line_reason(line: bytes) -> str:
    """Why a line failed the byte-level checks, for the damage report."""
    if not line.endswith(b"\n"):
        return "line does not end with a newline"
    if not line.startswith(CRC_OPEN) or line[16:18] != b'",':
        return "no crc prefix"
    return "crc mismatch"


def _record_reason(line: bytes, seed: int) -> str:
    """Why a line with a good CRC is still not an event."""
    try:
        event_from_record(decode_line(line, seed))
    except LineError as error:
        return error.reason
    return "not an event"


def _check_ts_back(prev_ts: str, ts: str, seq: int, warnings: list[str]) -> None:
    """Warn (never reject) when wall time goes back by more than 2 s: NTP or a bad clock."""
    try:
        back = (parse_ts(prev_ts) - parse_ts(ts)).total_seconds()
    except ValueError:
        warnings.append(f"seq {seq}: ts is not a UTC time")
        return
    if back > TS_BACK_LIMIT_S:
        warnings.append(f"seq {seq}: wall time goes back {back:.1f} s")


def read_chain(path: Path | str, *, salvage: bool = False) -> LogContents:
    """Read a log and its `.part<n>.jsonl` segments as one stream of events.

    Each segment's header says which file it continues, up to which seq, and the
    SHA-256 of that file's bytes up to there (`continues`); a segment is read only if
    all of that holds for the file read before it, its session id is the log's, and
    it is this user's file that nobody else can write (see module docstring). Events
    of the file before it with a higher seq were rewritten into the segment (a write
    or fsync failed before they were acknowledged), so the segment's copy wins.
    Damage in an earlier file counts only if it cost events: a torn tail after the
    continued seq does not; mid-file damage or missing seqs do. `salvage` reads each
    file on past its damaged lines (see the module docstring).
    """
    first = paths.main_log(Path(path))
    head = read_log(first, salvage=salvage)
    segment_files = [p for p in paths.chain_paths(first) if p != first]
    if not segment_files:
        return head
    events = list(head.events)
    warnings = list(head.warnings)
    real: list[Damage] = []
    ignored: list[tuple[Path, str]] = []
    files = [first]
    skipped: list[Skipped] = []
    pending = head.damage  # damage of the previous file, unless a segment supersedes it
    tip = head
    size = head.size
    for segment_file in segment_files:
        try:
            segment = _reading(segment_file, salvaging_scan if salvage else scan, trusted=True)
        except UntrustedFile as error:
            ignored.append((segment_file, error.reason))
            continue
        except LogError as error:
            size += _size(segment_file)
            reason = str(error).split(": ", 1)[-1]
            real.append(Damage(segment_file, "bad-segment", 0, 1, reason, _size(segment_file)))
            continue
        problem = _chain_problem(head, tip, segment)
        if problem is not None:
            ignored.append((segment_file, problem))
            continue
        size += segment.size
        assert segment.header.continues is not None  # it chains: _chain_problem said so
        last = segment.header.continues.last_valid_seq
        have = events[-1].seq if events else head.header.first_seq - 1
        if pending is not None and (pending.kind != "torn-tail" or have < last):
            real.append(pending)
        if have < last:
            real.append(
                Damage(segment_file, "gap", 0, 1, f"seqs {have + 1}..{last} are missing", 0)
            )
        elif have > last:
            keep = len(events) - (have - last)
            del events[keep:]
        events.extend(segment.events)
        warnings.extend(segment.warnings)
        skipped.extend(segment.skipped)
        pending = segment.damage
        tip = segment
        files.append(segment_file)
    if pending is not None:
        real.append(pending)
    damage = real[0] if real else None
    return LogContents(
        path=first,
        header=head.header,
        events=events,
        status=status_of(events, damage),
        damage=damage,
        valid_end=tip.valid_end,
        size=size,
        lost_bytes=sum(d.lost_bytes for d in real),
        warnings=warnings,
        writable=tip.writable,
        header_end=tip.header_end,
        files=tuple(files),
        ignored=tuple(ignored),
        skipped=(*head.skipped, *skipped),
    )


def _chain_problem(head: LogContents, previous: LogContents, segment: LogContents) -> str | None:
    """Why `segment` does not continue `previous` (the last file read of the log whose
    first file is `head`), or None if it does."""
    if segment.header.session_id != head.header.session_id:
        return "not part of this session (its session id differs)"
    continues = segment.header.continues
    if continues is None:
        return "its header does not say what it continues"
    if continues.file != previous.path.name:
        return f"it continues {continues.file!r}, not {previous.path.name}"
    expected = continues.sha256_of_valid_prefix
    if not isinstance(expected, str):
        return "its header has no SHA-256 of what it continues"
    last = continues.last_valid_seq
    lines = last - previous.header.first_seq + 1
    if lines < 0:
        return f"it continues from before the start of {previous.path.name}"
    digest = _prefix_sha256(previous.path, lines, trusted=previous.path != head.path)
    if digest is None:
        return f"{previous.path.name} has no seq {last} to continue from"
    if digest != expected:
        return f"{previous.path.name} up to seq {last} is not what it continues (SHA-256 differs)"
    return None


def _prefix_sha256(path: Path, lines: int, *, trusted: bool) -> str | None:
    """SHA-256 of the file's header line and the `lines` lines after it, as the writer
    hashed them; None if the file has fewer complete lines (or cannot be read)."""

    def digest(stream: BinaryIO, _: Path) -> str | None:
        sha = hashlib.sha256()
        for _count in range(lines + 1):
            line = stream.readline()
            if not line.endswith(b"\n"):
                return None
            sha.update(line)
        return sha.hexdigest()

    try:
        return _reading(path, digest, trusted=trusted)
    except LogError:
        return None


def plan_of(header: LogHeader, name: str) -> Any:
    """The Plan rebuilt from the header's snapshot (names are ids), or LogError.

    A header whose plan does not validate makes the log unusable for replay and
    reports; saying so here keeps every reader's refusal the same one line. Loads
    pydantic, so the reader itself does not call it.
    """
    from pydantic import ValidationError

    from sessiontui.plan.redact import plan_from_snapshot

    snapshot = header.plan_snapshot
    if not isinstance(snapshot, dict):
        raise LogError(f"{name}: the header holds no plan snapshot")
    try:
        plan = plan_from_snapshot(snapshot)
    except ValidationError as error:
        raise LogError(
            f"{name}: the plan in its header cannot be read ({error.error_count()} problems)"
        ) from error
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise LogError(f"{name}: the plan in its header cannot be read") from error
    if len(plan.phases) != len(snapshot.get("phases") or ()):
        raise LogError(f"{name}: the plan in its header cannot be read (its phases)")
    return plan


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
