"""Hostile logs for the readers' fuzz tests and for benchmarks/bench_fuzz_logs.py.

A real session's log (made by `decide`, in format version 2), changed in one way a
person, a bug or another tool could change it: a field of a CRC-valid line set to
nonsense, a header that makes no sense, a line copied from another session's log, a
flipped bit, a cut. Every line but the changed one keeps its valid CRC, and the
changed one gets a valid CRC too unless the change is to the bytes themselves: the
reader has to judge what the line says, not only whether it was damaged in transit.

`read_everything` then runs every reader on the file: `logs verify`, replay (open and
seek about), the report in md, html and json, and the trainer export. What may come
out is a result, or the project's own refusal (LogError, JournalError, ReportError);
anything else is a bug the fuzz tests report.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessiontui.journal.lines import decode_json, dumps, line_seed

LOG_NAME = "20261124T193000Z_fuzz_3f9a1c2b.jsonl"
OTHER_SESSION = "0123456789abcdef0123456789abcdef"
RAW = "\x00raw:"
"""A string value starting with this is written into the line as the JSON text after
it (1e400 reads as infinity, which json.dumps would refuse to write)."""

HOSTILE: list[Any] = [
    None, True, False, 0, 1, -1, 2, 7, 99, 999, -(2**63), 2**63 - 1, 2**70, 10**18,
    0.5, -0.0, 1e18, -1e18, 1e308, f"{RAW}1e400", f"{RAW}-1e400", "", "x", "p01", "p99",
    "facilitator", "completed", "\u202e\u0000bidi", "9" * 300, "2026-11-24T19:30:00.000Z",
    [], [1], ["p01"], [["p01"]], [None], [[1, 2]], {}, {"a": 1}, {"phase": 1},
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
]
TS_VALUES = [
    "", "x", "2026-11-24T19:30:00Z", "2026-13-45T99:99:99.999Z", "0001-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z", "2026-11-24 19:30:00.000Z", "2026-11-24T19:30:00.000+",
]
TZ_VALUES = ["", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "UTC", "CEST",
             "Europe/London\x00", "x" * 300, 5, None, ["Europe/London"]]
HEADER_KEYS = ["tz", "created", "session_id", "plan", "plan.snapshot",
               "plan.snapshot.phases", "plan.snapshot.session", "phase", "continues",
               "format_version", "rehearsal", "speed", "format"]
ENVELOPE_KEYS = ["seq", "t", "ts", "type", "v", "data"]
KINDS = ["data", "drop", "envelope", "header", "copy", "swap-type", "bytes"]


@dataclass(frozen=True)
class Mutation:
    """One change to a log: what kind, to which line (0 is the header), and how."""

    kind: str
    line: int = 1
    key: str = ""
    value: Any = None
    other: int = 1  # copy / swap-type: the line taken from
    offset: int = 0  # bytes: where
    bits: int = 1  # bytes: which bit to flip, or 0 to cut there

    def describe(self) -> str:
        value = repr(self.value)
        value = value if len(value) <= 60 else value[:57] + "..."
        return f"{self.kind} line {self.line} {self.key} {value}".strip()


def reseal(record: dict[str, Any], seed: int) -> bytes:
    """The record as a log line with a valid CRC from `seed` (whatever it says)."""
    record = {k: v for k, v in record.items() if k != "crc"}
    body = dumps(record)[1:]
    marker = '"' + RAW.replace("\x00", "\\u0000")  # as json.dumps writes it
    while marker in body:
        start = body.index(marker)
        end = body.index('"', start + 1)
        body = body[:start] + body[start + len(marker) : end] + body[end + 1 :]
    raw = body.encode("utf-8", "surrogatepass")
    return b'{"crc":"%08x",' % zlib.crc32(raw, seed) + raw + b"\n"


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    node: Any = target
    for key in keys[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return
        node = node[key]
    if isinstance(node, dict):
        node[keys[-1]] = value


def apply(data: bytes, mutation: Mutation) -> bytes:
    """The log `data` with `mutation` made to it."""
    lines = data.splitlines(keepends=True)
    header = decode_json(lines[0])
    seed = line_seed(header["session_id"], header["format_version"])
    index = max(0, min(mutation.line, len(lines) - 1))
    if mutation.kind == "bytes":
        offset = len(lines[0]) + mutation.offset % max(1, len(data) - len(lines[0]))
        if mutation.bits == 0:
            return data[:offset]
        changed = bytearray(data)
        changed[offset] ^= 1 << (mutation.bits % 8)
        return bytes(changed)
    if mutation.kind == "header" or index == 0:
        record = dict(header)
        key = mutation.key if mutation.kind == "header" else "tz"
        if key == "phase":
            phases = record["plan"]["snapshot"]["phases"]
            if phases:
                phase = phases[mutation.other % len(phases)]
                phase[sorted(phase)[mutation.offset % len(phase)]] = mutation.value
        else:
            _set_path(record, key, mutation.value)
        lines[0] = reseal(record, 0)  # the header's CRC is never seeded
        return b"".join(lines)
    record = decode_json(lines[index])
    other = decode_json(lines[max(1, min(mutation.other, len(lines) - 1))])
    if mutation.kind == "data":
        keys = sorted(record["data"]) or ["x"]
        record["data"][mutation.key or keys[mutation.offset % len(keys)]] = mutation.value
    elif mutation.kind == "drop":
        if record["data"]:
            del record["data"][sorted(record["data"])[mutation.offset % len(record["data"])]]
    elif mutation.kind == "envelope":
        record[mutation.key or "t"] = mutation.value
    elif mutation.kind == "swap-type":
        record["type"] = other["type"]
    elif mutation.kind == "copy":
        # The same seq, from another session's log: its CRC is that session's.
        other["seq"] = record["seq"]
        lines[index] = reseal(other, line_seed(OTHER_SESSION, 2))
        return b"".join(lines)
    lines[index] = reseal(record, seed)
    return b"".join(lines)


def random_mutation(data: bytes, rng: random.Random) -> Mutation:
    """A mutation of `data` chosen by `rng` (the benchmark's way; the tests draw theirs
    with Hypothesis)."""
    count = data.count(b"\n")
    kind = rng.choice(KINDS)
    line = rng.randrange(1, count)
    if kind == "header":
        key = rng.choice(HEADER_KEYS)
        pool = TZ_VALUES if key == "tz" else TS_VALUES if key == "created" else HOSTILE
        return Mutation(kind, 0, key, rng.choice(pool), other=rng.randrange(20),
                        offset=rng.randrange(20))
    if kind == "envelope":
        key = rng.choice(ENVELOPE_KEYS)
        return Mutation(kind, line, key, rng.choice(TS_VALUES if key == "ts" else HOSTILE))
    if kind == "bytes":
        return Mutation(kind, line, offset=rng.randrange(len(data)), bits=rng.randrange(9))
    return Mutation(kind, line, "", rng.choice(HOSTILE), other=rng.randrange(1, count),
                    offset=rng.randrange(20))


# -- running every reader ------------------------------------------------------------


@dataclass
class Outcome:
    """What the readers made of one file."""

    verdict: int = -1  # logs verify's exit status
    refused: list[str] = field(default_factory=list)  # readers that refused, cleanly
    damaged: bool = False  # the reader reported damage
    accepted: list[str] = field(default_factory=list)  # readers that gave a result


def verify_reader(path: Path, outcome: Outcome) -> None:
    from sessiontui.journal.catalog import verify

    verdict = verify(path)
    assert verdict.code in (0, 1, 2) and "\n" not in verdict.text
    outcome.verdict = verdict.code
    outcome.damaged = outcome.damaged or verdict.code == 1


def replay_reader(path: Path, outcome: Outcome, moves: list[tuple[str, float]]) -> None:
    """Open for replay and move about: seek to times and events, chapters, play."""
    from sessiontui.journal.errors import JournalError
    from sessiontui.replay import ReplaySession

    try:
        replay = ReplaySession.open(path)
    except JournalError:
        outcome.refused.append("replay")
        return
    replay.segments()
    replay.ticks()
    assert replay.damage_note is None or "\n" not in replay.damage_note
    for move, amount in moves:
        if move == "t":
            replay.seek_t(amount * (replay.end_t + 10) - 5)
        elif move == "index":
            replay.seek_index(int(amount * (len(replay.events) + 2)))
        elif move == "step":
            replay.step(1 if amount > 0.5 else -1)
        elif move == "fraction":
            replay.seek_fraction(amount)
        elif move == "next":
            replay.next_chapter()
        elif move == "previous":
            replay.previous_chapter()
        else:
            replay.playing = True
            replay.idle_cap = amount > 0.5
            replay.advance(amount * 30)
        replay.now()
        replay.clock(replay.t)
        replay.comments_near()
    outcome.accepted.append("replay")


def report_reader(path: Path, outcome: Outcome) -> None:
    from sessiontui.report import ReportError, build_report, load_log, render

    try:
        log = load_log(path)
    except ReportError:
        outcome.refused.append("report")
        return
    outcome.damaged = outcome.damaged or log.contents.damage is not None
    for anonymize in (False, True):
        report = build_report(log.contents, log.roster, plan=log.plan, anonymize=anonymize)
        for fmt in ("md", "html", "json"):
            text = render(report, fmt)
            if fmt == "json":
                json.loads(text)
    outcome.accepted.append("report")


def export_reader(path: Path, outcome: Outcome, target: Path) -> None:
    """Export, then read the export back: whatever was readable makes a sound log."""
    from sessiontui.journal.paths import roster_path
    from sessiontui.journal.reader import read_log
    from sessiontui.report import ReportError
    from sessiontui.report.export import export_log

    for old in (target, roster_path(target)):  # the copy and its roster of labels
        if old.exists():
            old.unlink()
    try:
        export_log(path, target)
    except ReportError:
        outcome.refused.append("export")
        return
    copy = read_log(target)
    assert copy.damage is None, copy.damage
    outcome.accepted.append("export")


READERS: dict[str, Callable[..., None]] = {
    "verify": verify_reader,
    "replay": replay_reader,
    "report": report_reader,
    "export": export_reader,
}


def read_everything(path: Path, target: Path, moves: list[tuple[str, float]]) -> Outcome:
    """Every reader on `path`; exceptions other than the project's refusals propagate."""
    outcome = Outcome()
    verify_reader(path, outcome)
    replay_reader(path, outcome, moves)
    report_reader(path, outcome)
    export_reader(path, outcome, target)
    return outcome


def random_moves(rng: random.Random, count: int = 8) -> list[tuple[str, float]]:
    kinds = ["t", "index", "step", "fraction", "next", "previous", "play"]
    return [(rng.choice(kinds), rng.random()) for _ in range(count)]


# -- the base log --------------------------------------------------------------------


def base_log(folder: Path) -> Path:
    """A real session's log (format version 2) with its roster, written into `folder`."""
    from sessiontui.journal.lines import encode_event, encode_header
    from sessiontui.journal.roster import save_roster
    from sessiontui.plan.redact import roster_entries
    from tests.unit.report_helpers import driven_session, header_for

    plan, events = driven_session()
    header = header_for(plan)
    sealed = {**header, "format_version": 2}
    data = encode_header(header, 2) + b"".join(
        encode_event(event.with_seq(seq), sealed) for seq, event in enumerate(events, 1)
    )
    path = folder / LOG_NAME
    path.write_bytes(data)
    path.chmod(0o600)
    save_roster(path, roster_entries(plan), {"f1": {"name": plan.session.facilitators[0]}}
                if plan.session.facilitators else {})
    return path
