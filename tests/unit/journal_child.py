"""Helpers for the journal tests, and the kill -9 harness (child and parent).

Run as a script, this is the child: it appends events to a log as fast as it can and
writes each seq to stdout only after the writer acknowledged it (after fsync). The
parent (`run_kill_harness`) SIGKILLs it at seeded random moments, recovers the log
like a resuming app would, starts the next child from the recovered last seq, and at
the end checks that no acknowledged event was lost and that seq is unbroken.

    python tests/unit/journal_child.py LOG create
    python tests/unit/journal_child.py LOG resume LAST_SEQ
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event, format_ts
from sessiontui.journal.lines import encode_event, encode_header

START = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
CHILD = Path(__file__).resolve()


SNAPSHOT: dict[str, Any] = {
    "session": {"title": "Parents' peer support", "platform": "Zoom"},
    "participants": [{"name": f"p{n:02d}"} for n in range(1, 13)],
    "phases": [
        {"kind": "discussion", "title": f"Part {n}", "duration": "10m"} for n in range(1, 8)
    ],
}
"""A plan snapshot that validates: 12 people and 7 phases, as sample events need."""


def sample_header(**overrides: Any) -> dict[str, Any]:
    """A header as the app would pass it (the plan snapshot already without names)."""
    header: dict[str, Any] = {
        "session_id": "01jn4x7k9q2m5r8t0v3w6y1z4b",
        "created": format_ts(START),
        "tz": "Europe/London",
        "app": {"name": "sessiontui", "version": "0.1.0"},
        "plan": {
            "sha256": "9f2c" * 16,
            "source_name": "evening-group.toml",
            "snapshot": SNAPSHOT,
        },
        "rehearsal": False,
        "continues": None,
    }
    header.update(overrides)
    return header


_KINDS = (
    "speaker.turn.started",
    "speaker.turn.ended",
    "phase.started",
    "timer.started",
    "note.added",
    "marker.added",
)


def sample_event(seq: int) -> Event:
    """A realistic event whose content follows from `seq`, so a reader can check it."""
    kind = _KINDS[seq % len(_KINDS)]
    person = f"p{seq % 12 + 1:02d}"
    data: dict[str, Any]
    if kind.startswith("speaker"):
        data = {"participant": person}
    elif kind == "phase.started":
        data = {"phase": seq % 7, "kind": "discussion", "planned_s": 600}
    elif kind == "timer.started":  # a type this version does not know: readers skip it
        data = {"duration_s": 300, "ends_at": format_ts(START + timedelta(seconds=seq + 300))}
    elif kind == "note.added":
        data = {
            "note_id": seq,
            "text": f"Follow up with {person} — café ☕ next week",
            "private": True,
            "phase": None,
        }
    else:
        data = {"label": f"marker {seq}", "phase": seq % 7}
    return Event(kind, data, t=round(seq * 0.731, 3), ts=format_ts(START + timedelta(seconds=seq)))


V1 = {"session_id": "01jn4x7k9q2m5r8t0v3w6y1z4b", "format_version": 1}
"""What encode_event needs to write a version 1 line (a plain CRC)."""


def line(event: Event, header: dict[str, Any] | None = None) -> bytes:
    """`event`'s line for a log with `header` (the sample header, in the version the
    writer writes, unless told otherwise)."""
    return encode_event(event, header or sample_header())


def log_bytes(count: int, header: dict[str, Any] | None = None, first: int = 1) -> bytes:
    """A whole valid log as bytes (no fsync: for tests that only read)."""
    fields = header or sample_header()
    parts = [encode_header(fields)]
    parts.extend(
        encode_event(sample_event(seq).with_seq(seq), fields)
        for seq in range(first, first + count)
    )
    return b"".join(parts)


def write_log(path: Path, count: int, header: dict[str, Any] | None = None) -> bytes:
    """Write a valid log of `count` sample events to `path`; return its bytes."""
    data = log_bytes(count, header)
    path.write_bytes(data)
    return data


# -- the child ----------------------------------------------------------------------


def child_main(argv: list[str]) -> int:
    """Append sample events forever; print each seq once it is acknowledged."""
    from sessiontui.journal.writer import JournalWriter

    log = Path(argv[0])
    rng = random.Random(os.getpid())

    def acknowledged(seq: int) -> None:
        os.write(1, b"%d\n" % seq)

    if argv[1] == "create":
        writer = JournalWriter.create(log, sample_header(), on_ack=acknowledged)
    else:
        writer = JournalWriter.open_existing(log, int(argv[2]), on_ack=acknowledged)
    while True:
        for _ in range(rng.randint(1, 4)):
            writer.append(sample_event(writer.last_seq + 1))
        writer.flush()


# -- the parent ---------------------------------------------------------------------


@dataclass
class HarnessResult:
    """What the kill -9 harness saw."""

    kills: int = 0
    acked: int = 0  # distinct seqs the children reported as saved
    events: int = 0  # events in the log at the end
    lost: list[int] = field(default_factory=list)  # acknowledged but missing or changed
    truncations: int = 0  # torn tails recovery had to cut
    not_idempotent: int = 0  # recoveries that changed bytes when run a second time
    child_failures: list[str] = field(default_factory=list)


FORKING = threading.Lock()
"""Held while a child is started and while a log is recovered or written. A child
forked by one chain's thread inherits, until it execs, the file locks another chain's
thread holds at that moment; recovery would then find its log locked by "another
process". Popen returns once the child has exec'd, so holding this around both keeps
the chains out of each other's way."""


def run_kill_harness(folder: Path, kills: int, seed: int, chains: int = 2) -> HarnessResult:
    """SIGKILL `kills` children at seeded random moments; check nothing acked was lost.

    The kills are shared out over `chains` logs written side by side (one thread
    each drives its children), which halves the wall time on two cores and makes the
    disk busier, as on a real laptop.
    """
    results = [HarnessResult() for _ in range(chains)]
    shares = [kills // chains + (1 if i < kills % chains else 0) for i in range(chains)]
    threads = [
        threading.Thread(
            target=_run_chain_reporting,
            args=(folder / f"killed-{i}.jsonl", shares[i], seed + i, results[i]),
        )
        for i in range(chains)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = HarnessResult()
    for part in results:
        total.kills += part.kills
        total.acked += part.acked
        total.events += part.events
        total.lost += part.lost
        total.truncations += part.truncations
        total.not_idempotent += part.not_idempotent
        total.child_failures += part.child_failures
    return total


def _run_chain_reporting(log: Path, kills: int, seed: int, result: HarnessResult) -> None:
    """_run_chain, with an exception in its thread made a failure the test sees (a
    thread's exception is otherwise only printed, and the test saw fewer kills)."""
    try:
        _run_chain(log, kills, seed, result)
    except Exception as error:  # any of them is the failure to report
        result.child_failures.append(f"{type(error).__name__}: {error}")


def _run_chain(log: Path, kills: int, seed: int, result: HarnessResult) -> None:
    """One log: start, kill, recover, continue, `kills` times; then check every ack."""
    from sessiontui.journal.reader import read_chain

    if kills == 0:
        return
    rng = random.Random(seed)
    acked: set[int] = set()
    recovery_seqs: set[int] = set()
    last_seq = 0
    for round_number in range(kills):
        command = [sys.executable, str(CHILD), str(log)]
        command += ["create"] if round_number == 0 else ["resume", str(last_seq)]
        with FORKING:  # see FORKING
            child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert child.stdout is not None
        # The moment of the kill: after a random number of acks (at least one for the
        # first child, so that the log exists), while the child keeps writing.
        wait_for = rng.randint(1 if round_number == 0 else 0, 40)
        seen: list[int] = []
        for _ in range(wait_for):
            line = child.stdout.readline()
            if not line:
                break
            seen.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate()
        seen.extend(int(line) for line in rest.split())
        if child.returncode != -signal.SIGKILL:
            result.child_failures.append(errors.decode(errors="replace")[-500:])
            return
        result.kills += 1
        acked.update(seen)

        with FORKING:
            last_seq = _recover_once(log, round_number, result, recovery_seqs)

    contents = read_chain(log)
    by_seq = {event.seq: event for event in contents.events}
    result.acked = len(acked)
    result.events = len(contents.events)
    for seq in sorted(acked):
        event = by_seq.get(seq)
        expected = sample_event(seq)
        if event is None or (event.type, event.data) != (expected.type, expected.data):
            result.lost.append(seq)
    seqs = [event.seq for event in contents.events]
    if seqs != list(range(1, len(seqs) + 1)) or contents.status == "damaged":
        result.lost.append(-1)  # a gap or damage: reported as a loss
    for seq, event in by_seq.items():
        expected = sample_event(seq)
        if seq not in recovery_seqs and (event.type, event.data) != (expected.type, expected.data):
            result.lost.append(seq)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(child_main(sys.argv[1:]))


def _recover_once(log: Path, round_number: int, result: HarnessResult,
                  recovery_seqs: set[int]) -> int:
    """Recover after a kill (twice every tenth round, which must give the same bytes);
    append `recovery.truncated` after a cut. Returns the last seq."""
    from sessiontui.journal.recovery import recover, truncated_event_data
    from sessiontui.journal.writer import JournalWriter

    before = log.read_bytes()
    recovery = recover(log)
    if round_number % 10 == 0:  # recovery run twice must give the same bytes
        after_once = log.read_bytes()
        again = recover(log)
        if log.read_bytes() != after_once or again.last_seq != recovery.last_seq:
            result.not_idempotent += 1
    data = truncated_event_data(recovery)
    last_seq = recovery.last_seq
    if data is not None:
        result.truncations += 1
        assert len(before) - recovery.offset == recovery.torn_bytes
        writer = JournalWriter.open_existing(log, last_seq)
        event = writer.append(Event("recovery.truncated", data, t=0.0, ts=format_ts(START)))
        assert writer.close(timeout=10)
        recovery_seqs.add(event.seq)
        last_seq = event.seq

    return last_seq
