"""One line of the log: events and the header as CRC-prefixed JSON, and back.

Every line is `{"crc":"xxxxxxxx",` followed by the rest of a JSON object and `\\n`.
The CRC-32 covers the UTF-8 bytes after that 18-byte prefix, up to (not including)
the newline, so a reader checks it on the raw bytes with no re-serialisation, and
every line stays plain JSON for jq, Toolong and lnav.

Format version 2 binds each event line to its session: the CRC starts from the CRC
of the session id (`zlib.crc32(rest, zlib.crc32(session_id))`, which is the CRC of
the session id's bytes followed by the rest of the line). A line copied from another
session's log, even with the right seq, then fails its check. The header's own CRC
is the plain one in every version (it names the session itself). Version 1 logs,
with plain CRCs throughout, are still read.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import zlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import orjson

from sessiontui.core.events import Event, parse_ts
from sessiontui.journal.errors import EncodeError, LineError

FORMAT = "sessiontui/log"
FORMAT_VERSION = 2
"""The newest file layout this reader knows (1: plain CRCs; 2: event CRCs seeded with
the session id)."""

WRITE_VERSION = 2
"""The layout `encode_header` writes unless told otherwise, and so the one the live
writer appends in. It becomes 2 once the writer passes its header fields to
`encode_event` (see encode_event); until then the writer's lines carry plain CRCs and
its header must say 1. Exports, and anything else that passes the header, write 2."""

CRC_OPEN = b'{"crc":"'
PREFIX_LEN = len(b'{"crc":"xxxxxxxx",')  # 18
RESERVED_HEADER_KEYS = frozenset({"crc", "format", "format_version"})

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""Integers a log may hold: what every JSON reader keeps exact (orjson among them)."""

_TS_LEN = len("2026-11-24T19:30:00.000Z")


def _reject_constant(name: str) -> Any:
    """json accepts NaN and Infinity by default; they are not JSON and never written."""
    raise ValueError(f"{name} is not JSON")


_std_decode = json.JSONDecoder(parse_constant=_reject_constant).decode


def decode_json(data: bytes) -> Any:
    """The JSON value of one line's bytes.

    orjson reads the lines the journal writes about five times faster than json, and
    reading is most of the cost of opening a long log. What orjson refuses goes to json
    (NaN is refused by both), so a line counts or not whichever parser ran. The one
    value the two read differently, an integer past 64 bits, is never written
    (`check_json`); in a hand-edited log it reads as a float and `reduce` skips it.
    """
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return decode_json_refused(data)


def decode_json_refused(data: bytes) -> Any:
    """What json makes of a line orjson refused (the definition; usually also an error).

    A lone surrogate escape (`"\\ud800"`) is valid JSON but no text: nothing can write
    it out again as UTF-8 (a report, an export), so it is refused here like any other
    line that makes no sense."""
    value = _std_decode(data.decode("utf-8"))
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("a text holds a lone surrogate, which is not text") from error
    return value


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII kept as is: the one serialisation the journal uses."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def check_json(value: Any, where: str) -> None:
    """Refuse anything that would not read back as the same value.

    json.dumps would quietly turn tuples into lists and int keys into strings, so the
    state folded from the log would differ from the live one; integers past 64 bits
    would read back as floats (orjson, the fast reader, and most JSON tools outside
    Python do that). Messages name the place and the type, never the value: payloads
    may hold private words.
    """
    if value is None or isinstance(value, str | bool):
        return
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise EncodeError(f"{where}: integer outside the 64-bit range")
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EncodeError(f"{where}: {value!r} is not a JSON number")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise EncodeError(f"{where}: key of type {type(key).__name__} is not a string")
            check_json(item, f"{where}.{key}")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, f"{where}[{index}]")
        return
    raise EncodeError(f"{where}: a {type(value).__name__} is not a JSON value")


def _seal(body: str, what: str, seed: int = 0) -> bytes:
    """`body` is a JSON object without its `{`; prefix it with its CRC and end the line."""
    try:
        raw = body.encode("utf-8")
    except UnicodeEncodeError as error:
        raise EncodeError(f"{what}: text is not valid Unicode (lone surrogate)") from error
    return b'{"crc":"%08x",' % zlib.crc32(raw, seed) + raw + b"\n"


def line_seed(session_id: str, format_version: int) -> int:
    """What an event line's CRC starts from: 0 (a plain CRC) in version 1, the CRC of
    the session id from version 2 on."""
    if format_version < 2:
        return 0
    return zlib.crc32(session_id.encode("utf-8", "surrogatepass"))


def header_seed(header: Mapping[str, Any]) -> int:
    """The seed of the event lines under `header` (a decoded header, or the fields a
    writer passes, whose version is then WRITE_VERSION)."""
    version = header.get("format_version", WRITE_VERSION)
    session_id = header.get("session_id")
    if type(version) is not int or not isinstance(session_id, str):
        raise EncodeError("header: session_id and format_version decide the line CRCs")
    return line_seed(session_id, version)


def check_ts(ts: Any, what: str = "ts") -> None:
    """`ts` must be the UTC millisecond form of format_ts: Toolong and lnav read it."""
    if not isinstance(ts, str) or len(ts) != _TS_LEN or not ts.endswith("Z"):
        raise EncodeError(f"{what}: expected UTC time like 2026-11-24T19:30:00.000Z")
    try:
        parse_ts(ts)
    except ValueError as error:
        raise EncodeError(f"{what}: expected UTC time like 2026-11-24T19:30:00.000Z") from error


def encode_event(event: Event, header: Mapping[str, Any] | None = None) -> bytes:
    """The event's line, keys in the order crc, seq, t, ts, type, v, data.

    `header` is the log's header, or the fields a writer keeps for it: its session id
    (and format_version, WRITE_VERSION if absent) seed the CRC. Without it the line
    has a plain CRC, which only a version 1 log accepts.
    """
    if header is not None:
        seed = header_seed(header)
    elif WRITE_VERSION >= 2:
        raise EncodeError("event: a version 2 line needs its log's header (session id)")
    else:
        seed = 0
    what = f"event seq {event.seq} ({event.type!r})" if isinstance(event.type, str) else "event"
    if not isinstance(event.type, str) or not event.type:
        raise EncodeError(f"{what}: type must be a non-empty string")
    if type(event.seq) is not int or event.seq < 1:
        raise EncodeError(f"{what}: seq must be an integer >= 1")
    if type(event.v) is not int or event.v < 1:
        raise EncodeError(f"{what}: v must be an integer >= 1")
    if isinstance(event.t, bool) or not isinstance(event.t, int | float):
        raise EncodeError(f"{what}: t must be a number")
    t = float(event.t)
    if not math.isfinite(t):
        raise EncodeError(f"{what}: t must be finite")
    check_ts(event.ts, f"{what}: ts")
    if not isinstance(event.data, dict):
        raise EncodeError(f"{what}: data must be a dict")
    check_json(event.data, f"{what}: data")
    record = {
        "seq": event.seq,
        "t": t,
        "ts": event.ts,
        "type": event.type,
        "v": event.v,
        "data": event.data,
    }
    return _seal(dumps(record)[1:], what, seed)


def encode_header(fields: dict[str, Any], format_version: int = WRITE_VERSION) -> bytes:
    """Line 1: `format` and `format_version` first, then the caller's fields in their order.

    The caller owns the content (session id, created, tz, app, plan snapshot without
    names, rehearsal, continues); this function owns the framing.
    """
    clash = RESERVED_HEADER_KEYS & fields.keys()
    if clash:
        raise EncodeError(f"header: {', '.join(sorted(clash))} is set by the journal")
    for key in ("session_id", "created"):
        if not isinstance(fields.get(key), str) or not fields[key]:
            raise EncodeError(f"header: {key} must be a non-empty string")
    check_json(fields, "header")
    record = {"format": FORMAT, "format_version": format_version, **fields}
    return _seal(dumps(record)[1:], "header")


def decode_line(line: bytes, seed: int = 0) -> dict[str, Any]:
    """The JSON object of one complete line, or LineError if it is not a sound record.

    Checks, in order of cost: the newline, the CRC prefix, the CRC on the raw bytes
    (from `seed`: see line_seed), then UTF-8 and JSON. The hex digits are compared as
    bytes, so `A` for `a` (one flipped bit) is caught.
    """
    if not line.endswith(b"\n"):
        raise LineError("line does not end with a newline")
    if not line.startswith(CRC_OPEN) or line[16:18] != b'",':
        raise LineError("no crc prefix")
    if b"%08x" % zlib.crc32(line[PREFIX_LEN:-1], seed) != line[8:16]:
        raise LineError("crc mismatch")
    try:
        record = decode_json(line)
    except UnicodeDecodeError as error:
        raise LineError("not UTF-8") from error
    except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
        raise LineError("not JSON") from error
    if not isinstance(record, dict):
        raise LineError("not a JSON object")
    return record


def event_from_record(record: dict[str, Any]) -> Event:
    """An Event from a decoded line, or LineError naming the first missing or bad field."""
    seq = record.get("seq")
    if type(seq) is not int or seq < 1:
        raise LineError("bad or missing seq")
    t = record.get("t")
    if type(t) is not float and type(t) is not int:
        raise LineError("bad or missing t")
    ts = record.get("ts")
    if type(ts) is not str:
        raise LineError("bad or missing ts")
    kind = record.get("type")
    if type(kind) is not str or not kind:
        raise LineError("bad or missing type")
    v = record.get("v")
    if type(v) is not int or v < 1:
        raise LineError("bad or missing v")
    data = record.get("data")
    if type(data) is not dict:
        raise LineError("bad or missing data")
    problem = envelope_problem(t, ts)
    if problem is not None:
        raise LineError(problem)
    return Event(type=kind, data=data, t=t, ts=ts, seq=seq, v=v)


MAX_T = 10**8
"""Session time never comes near this (about three years): a bigger `t` is nonsense
that would make charts and clocks run away."""

MIN_YEAR, MAX_YEAR = 1900, 9000
"""Wall times outside these years are nonsense; inside them, years of session time
can be added to any of them and still be a date."""


def envelope_problem(t: Any, ts: Any) -> str | None:
    """Why an event's session time `t` or wall time `ts` makes no sense, or None."""
    kind = type(t)
    if not (kind is int or (kind is float and math.isfinite(t))) or not 0 <= t <= MAX_T:
        return "t out of range"
    return ts_problem(ts, "ts")


def ts_problem(ts: Any, what: str) -> str | None:
    """`ts` must be the UTC millisecond form (2026-11-24T19:30:00.000Z) of a real
    moment in a plausible year; None if it is."""
    if (
        type(ts) is not str
        or len(ts) != _TS_LEN
        or ts[23] != "Z"
        or ts[10] != "T"
        or ts[19] != "."
        or not ts[20:23].isdigit()
    ):
        return f"{what} is not a UTC time"
    try:
        year = _from_iso(ts[:23]).year
    except ValueError:
        return f"{what} is not a UTC time"
    return None if MIN_YEAR <= year <= MAX_YEAR else f"{what} is out of range"


def ts_ok(ts: str) -> bool:
    """ts_problem(ts) is None, for a string: the reader's per-line check."""
    try:
        return (
            len(ts) == _TS_LEN
            and ts[23] == "Z"
            and ts[10] == "T"
            and ts[19] == "."
            and ts[20:23].isdigit()
            and MIN_YEAR <= _from_iso(ts[:23]).year <= MAX_YEAR
        )
    except ValueError:
        return False


_from_iso = datetime.fromisoformat


EventFactory = Callable[[str, dict[str, Any], float, str, int, int], Event]


def _event_factory() -> EventFactory:
    """Build Events from checked fields at about half the cost of Event(...).

    A frozen dataclass sets each field through object.__setattr__; the reader makes
    100k of them when opening a long log, and that is a third of its time budget.
    Setting the slots directly is the same result, so it is used only while Event is
    exactly the slotted, six-field dataclass this was written for; otherwise the
    ordinary constructor.
    """
    names = ("type", "data", "t", "ts", "seq", "v")
    fields = tuple(f.name for f in dataclasses.fields(Event))
    slots = getattr(Event, "__slots__", ())
    if fields != names or tuple(slots) != names or hasattr(Event, "__post_init__"):
        return Event  # pragma: no cover - only if core/events.py changes shape

    setters = [Event.__dict__[name].__set__ for name in names]
    set_type, set_data, set_t, set_ts, set_seq, set_v = setters
    new = object.__new__

    def make(kind: str, data: dict[str, Any], t: float, ts: str, seq: int, v: int) -> Event:
        event = new(Event)
        set_type(event, kind)
        set_data(event, data)
        set_t(event, t)
        set_ts(event, ts)
        set_seq(event, seq)
        set_v(event, v)
        return event

    return make


make_event: EventFactory = _event_factory()


def decode_event(line: bytes, seed: int = 0) -> Event:
    """One event line back to its Event (structure only: unknown types are fine)."""
    return event_from_record(decode_line(line, seed))


MAX_SESSION_ID = 200
MAX_TZ = 64
MAX_SPEED = 1000
_FILE_NAME = re.compile(r"[^/\\\x00-\x1f]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def decode_header(line: bytes) -> dict[str, Any]:
    """The header object (with its `crc` key removed), or LineError saying why not ours
    or why it makes no sense (see header_problem)."""
    if not line.startswith(CRC_OPEN):
        raise LineError("not a sessiontui log (the first line has no crc prefix)")
    record = decode_line(line)
    if record.get("format") != FORMAT:
        raise LineError("not a sessiontui log (format is not sessiontui/log)")
    problem = header_problem(record)
    if problem is not None:
        raise LineError(problem)
    del record["crc"]
    return record


def header_problem(record: dict[str, Any]) -> str | None:
    """Why a header with a good CRC still cannot be used, or None.

    Every reader trusts these fields once the header is accepted: the session id (it
    seeds the line CRCs and binds segments), `created`, a `tz` that may be a zone name
    and is not a path (an unknown zone shows times in UTC), the plan snapshot's list of
    phases if it has one (events point into it), and `continues` in a segment. Keys a
    reader does not know are ignored. Whether the snapshot is a valid plan is checked
    where the plan is rebuilt (reader.plan_of).
    """
    version = record.get("format_version")
    if type(version) is not int or version < 1:
        return "bad format_version in header"
    session_id = record.get("session_id")
    if (
        type(session_id) is not str
        or not 0 < len(session_id) <= MAX_SESSION_ID
        or not session_id.isprintable()
    ):
        return "bad or missing session_id in header"
    if type(record.get("created")) is not str:
        return "bad or missing created in header"
    if ts_problem(record["created"], "created") is not None:
        return "created in header is not a UTC time"
    tz = record.get("tz")
    if tz is not None and not _zone_name_like(tz):
        return "tz in header is not a time zone name"
    plan = record.get("plan", {})
    snapshot = plan.get("snapshot", {}) if type(plan) is dict else None
    if type(snapshot) is not dict:
        return "bad plan in header"
    if type(snapshot.get("phases", [])) is not list:
        return "its plan snapshot has no list of phases"
    rehearsal = record.get("rehearsal")
    if rehearsal is not None and type(rehearsal) is not bool:
        return "bad rehearsal in header"
    speed = record.get("speed")
    if speed is not None and (
        type(speed) not in (int, float) or not math.isfinite(speed) or not 0 < speed <= MAX_SPEED
    ):
        return "bad speed in header"
    continues = record.get("continues")
    if continues is not None and not _is_continues(continues):
        return "bad continues in header"
    return None


def _zone_name_like(tz: Any) -> bool:
    """Text that may name a zone (`Europe/London`, or what the system called it:
    `CET`, `+04`, `W. Europe Standard Time`), and is never a path: zone libraries
    read a file for a name, and `../../etc/passwd` or a FIFO must not be one."""
    return (
        type(tz) is str
        and len(tz) <= MAX_TZ
        and tz.isprintable()
        and not tz.startswith("/")
        and "\\" not in tz
        and ".." not in tz
    )


def phase_count(header: dict[str, Any]) -> int | None:
    """How many phases the header's plan has; None if it does not say (then no plan
    can be rebuilt from it either: see reader.plan_of)."""
    phases = header.get("plan", {}).get("snapshot", {}).get("phases")
    return len(phases) if type(phases) is list else None


def _is_continues(value: Any) -> bool:
    """`continues` names the file before this segment (a bare file name), the last
    seq kept from it, and (optionally here; a chain needs it) the SHA-256 of that
    file up to the end of that seq's line."""
    if type(value) is not dict:
        return False
    name = value.get("file")
    last = value.get("last_valid_seq")
    digest = value.get("sha256_of_valid_prefix", "0" * 64)
    return (
        type(name) is str
        and _FILE_NAME.fullmatch(name) is not None
        and name not in (".", "..")
        and type(last) is int
        and 0 <= last <= INT_MAX
        and type(digest) is str
        and _SHA256.fullmatch(digest) is not None
    )
