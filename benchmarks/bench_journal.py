"""Figures for the journal, each printed beside its target. Prints; never asserts.

    python benchmarks/bench_journal.py [--kills N] [--dir DIR]

- append -> ack latency (write + fsync on the writer thread) over 2,000 appends,
  and the caller's side of append (what the UI thread pays);
- open + validate of a 100k-event log against a bare json.loads loop over its lines;
- peak memory of reading that log, in a fresh process;
- the kill -9 harness (200 kills unless --kills or SESSIONTUI_KILLS says otherwise).

The events are a real session's (gen_session.generate_events: every one made by
`decide`), under a header whose plan snapshot is the plan they were made for, and
each line is encoded for that header (format version 2: the CRC is seeded with the
session id). The readers check every known event type's data, so a log of made-up
events would stop at its first nonsense line and time nothing; each figure below
says how many events were read back, and flags a log that did not read whole.

Runs on the disk of --dir (default: a temporary folder under the system temp dir);
fsync figures mean little on tmpfs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event
from sessiontui.journal.lines import encode_event, encode_header
from sessiontui.journal.reader import LogContents, read_log
from sessiontui.journal.writer import JournalWriter
from sessiontui.plan.redact import plan_snapshot

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_session import generate_events, workshop_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = workshop_plan()


def header_fields(first_event: Event) -> dict[str, Any]:
    """The fields the app writes for the workshop plan (names already ids), created
    at the first event's wall time."""
    return {
        "session_id": "01jn4x7k9q2m5r8t0v3w6y1z4b",
        "created": first_event.ts,
        "tz": "Europe/London",
        "app": {"name": "sessiontui", "version": "bench"},
        "plan": {
            "sha256": "0" * 64,  # what generate_events' session.opened says
            "source_name": "workshop.toml",
            "snapshot": plan_snapshot(PLAN),
        },
        "rehearsal": False,
        "speed": 1.0,
    }


def read_back(path: Path, written: int) -> tuple[LogContents, str]:
    """The log read back, and a note if it did not read whole (then the figure beside
    it times a reader that stopped early and means nothing)."""
    contents = read_log(path)
    if len(contents.events) == written and contents.damage is None:
        return contents, f"all {written} events read back valid"
    reason = contents.damage.describe() if contents.damage else "no damage reported"
    return contents, (
        f"ONLY {len(contents.events)} of {written} events read back ({reason}): "
        "FIGURE NOT VALID"
    )


def bench_append(folder: Path, count: int = 2000) -> None:
    """One event at a time, as a facilitator makes them: append, then wait for the ack."""
    acked = threading.Event()
    stamps: dict[int, float] = {}
    latencies: list[float] = []

    def on_ack(seq: int) -> None:
        latencies.append(time.perf_counter() - stamps[seq])
        acked.set()

    events = generate_events(count, seed=1)
    path = folder / "append.jsonl"
    writer = JournalWriter.create(path, header_fields(events[0]), on_ack=on_ack)
    caller: list[float] = []
    for event in events:
        acked.clear()
        before = time.perf_counter()
        stamps[event.seq] = before
        writer.append(event)  # numbered again by the writer: the same seq
        caller.append(time.perf_counter() - before)
        acked.wait()
    writer.close()
    _, note = read_back(path, count)
    print(
        f"append -> ack (write + fsync), {count} appends: median {_ms(latencies, 50)} ms, "
        f"p99 {_ms(latencies, 99)} ms, max {max(latencies) * 1e3:.2f} ms "
        f"(target: p99 well under a frame, ~16 ms); {note}"
    )
    print(
        f"append() on the caller's thread: median {_ms(caller, 50)} ms, "
        f"p99 {_ms(caller, 99)} ms (target p99 < 1 ms)"
    )


def _ms(values: list[float], percentile: int) -> str:
    if percentile == 50:
        return f"{statistics.median(values) * 1e3:.3f}"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(len(ordered) * percentile / 100))] * 1e3:.3f}"


def make_big_log(path: Path, count: int = 100_000) -> int:
    """A `count`-event log of one long session, as the writer would have written it."""
    events = generate_events(count, seed=2)
    fields = header_fields(events[0])
    with open(path, "wb") as stream:
        stream.write(encode_header(fields))
        stream.writelines(encode_event(event, fields) for event in events)
    return count


def bench_read(path: Path, written: int, rounds: int = 5) -> None:
    """read_log (CRCs, envelope, every event's data) against
    `for line in file: json.loads(line)` (the standard library's parser, nothing
    checked), best of `rounds`, interleaved."""

    def bare() -> None:
        with open(path, "rb") as stream:
            for line in stream:
                json.loads(line)

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        bare()
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_log(path)
        ours.append(time.perf_counter() - start)
    _, note = read_back(path, written)
    size = path.stat().st_size
    lines = written + 1  # and the header
    print(
        f"open+validate {written // 1000}k events ({size / lines:.0f} B/line, "
        f"{size / 2**20:.1f} MiB): {min(ours):.2f} s vs json.loads loop {min(theirs):.2f} s "
        f"= {min(ours) / min(theirs):.2f}x (target <= 2x); {note}"
    )


MEMORY_PROBE = """
import resource, sys, tracemalloc

def high_water():
    # VmHWM is this process's own peak; ru_maxrss on Linux can carry the parent's
    # peak across fork and exec.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale

from sessiontui.journal.reader import read_log
before = high_water()
if sys.argv[2] == "trace":
    tracemalloc.start()
contents = read_log(sys.argv[1])
peak = tracemalloc.get_traced_memory()[1] if sys.argv[2] == "trace" else 0
print(len(contents.events), before, high_water(), peak)
"""


def bench_memory(path: Path, written: int) -> None:
    """Peak memory of reading the log in a fresh process: the OS's view, and tracemalloc's."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    runs = []
    for mode in ("rss", "trace"):
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(path), mode],
            capture_output=True, text=True, env=env,
        )
        if done.returncode:
            print(f"memory: could not measure ({done.stderr.strip()[-200:]})")
            return
        runs.append([int(x) for x in done.stdout.split()])
    events, before, after, _ = runs[0]
    peak = runs[1][3]
    short = "" if events == written else f" (ONLY {events} of {written} read: FIGURE NOT VALID)"
    print(
        f"memory reading {events // 1000}k events: process peak RSS {after / 2**20:.0f} MiB "
        f"({before / 2**20:.0f} MiB before reading: interpreter and imports); "
        f"tracemalloc peak {peak / 2**20:.0f} MiB (target < 150 MiB){short}"
    )


def bench_kills(folder: Path, kills: int) -> None:
    spec = importlib.util.spec_from_file_location(
        "journal_child", ROOT / "tests" / "unit" / "journal_child.py"
    )
    assert spec is not None and spec.loader is not None
    harness = importlib.util.module_from_spec(spec)
    sys.modules["journal_child"] = harness  # dataclasses look their module up there
    spec.loader.exec_module(harness)
    # The children append the harness's own sample events (tests/unit/journal_child.py);
    # a reader that refused them would stop early and count them lost, so say first
    # whether they read back whole under the harness's header.
    probe = folder / "probe.jsonl"
    harness.write_log(probe, 500)
    _, note = read_back(probe, 500)
    probe.unlink()
    start = time.perf_counter()
    result = harness.run_kill_harness(folder, kills=kills, seed=2026)
    took = time.perf_counter() - start
    problems = f", child failures {len(result.child_failures)}" if result.child_failures else ""
    print(
        f"kill -9 harness: {result.kills} kills, {result.acked} events acked, "
        f"{result.events} in the logs, lost {len(result.lost)} (must be 0), torn tails cut "
        f"{result.truncations}, non-idempotent recoveries {result.not_idempotent} (must be 0)"
        f"{problems}; {took:.0f} s; sample events: {note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=int(os.environ.get("SESSIONTUI_KILLS", "200")))
    parser.add_argument("--dir", type=Path, default=None, help="where to write (a real disk)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-journal-", dir=args.dir) as name:
        folder = Path(name)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, writing in {folder}")
        bench_append(folder)
        big = folder / "big.jsonl"
        written = make_big_log(big)
        bench_read(big, written)
        bench_memory(big, written)
        kills = folder / "kills"
        kills.mkdir()
        bench_kills(kills, args.kills)


if __name__ == "__main__":
    main()
