"""Figures for the journal, each printed beside its target. Prints; never asserts.

    python benchmarks/bench_journal.py [--kills N] [--dir DIR]

- append -> ack latency (write + fsync on the writer thread) over 2,000 appends,
  and the caller's side of append (what the UI thread pays);
- open + validate of a 100k-event log against a bare json.loads loop over its lines;
- peak memory of reading that log, in a fresh process;
- the kill -9 harness (200 kills unless --kills or SESSIONTUI_KILLS says otherwise).

Runs on the disk of --dir (default: a temporary folder under the system temp dir);
fsync figures mean little on tmpfs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event, format_ts
from sessiontui.journal.lines import encode_event, encode_header
from sessiontui.journal.reader import read_log
from sessiontui.journal.writer import JournalWriter

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
HEADER: dict[str, Any] = {
    "session_id": "01jn4x7k9q2m5r8t0v3w6y1z4b",
    "created": format_ts(START),
    "tz": "Europe/London",
    "app": {"name": "sessiontui", "version": "bench"},
    "plan": {"sha256": "0" * 64, "source_name": "bench.toml", "snapshot": {}},
    "rehearsal": False,
    "continues": None,
}


def realistic_event(rng: random.Random, seq: int) -> Event:
    """An event like the ones a 2-hour circle produces (about 150-250 bytes a line)."""
    person = f"p{rng.randint(1, 14):02d}"
    kind = rng.choices(
        [
            "speaker.turn.started",
            "speaker.turn.ended",
            "timer.started",
            "timer.paused",
            "phase.started",
            "note.added",
            "marker.added",
            "participant.joined",
            "breakout.opened",
        ],
        weights=[30, 30, 6, 4, 3, 8, 4, 5, 2],
    )[0]
    data: dict[str, Any]
    if kind.startswith("speaker.turn"):
        data = {"participant": person, "phase": f"ph{rng.randint(1, 8)}"}
        if kind.endswith("ended"):
            data["spoke_s"] = round(rng.uniform(5, 400), 3)
    elif kind.startswith("timer"):
        ends = START + timedelta(seconds=seq + 300)
        data = {"timer": "phase", "duration_s": 300, "ends_at": format_ts(ends)}
    elif kind == "phase.started":
        data = {"phase": f"ph{rng.randint(1, 8)}", "kind": "discussion", "planned_s": 900}
    elif kind == "note.added":
        data = {"text": "Check pacing with the group before the next round", "by": "f01"}
    elif kind == "marker.added":
        data = {"label": "good reflective question", "by": "f01"}
    elif kind == "participant.joined":
        data = {"participant": person, "late_by_s": round(rng.uniform(0, 600), 1)}
    else:
        data = {"rooms": [[f"p0{i}", f"p1{i}"] for i in range(1, 4)], "duration_s": 600}
    wall = START + timedelta(seconds=seq * 0.07)
    return Event(kind, data, t=round(seq * 0.07, 3), ts=format_ts(wall), seq=seq)


def bench_append(folder: Path, count: int = 2000) -> None:
    """One event at a time, as a facilitator makes them: append, then wait for the ack."""
    acked = threading.Event()
    stamps: dict[int, float] = {}
    latencies: list[float] = []

    def on_ack(seq: int) -> None:
        latencies.append(time.perf_counter() - stamps[seq])
        acked.set()

    rng = random.Random(1)
    writer = JournalWriter.create(folder / "append.jsonl", HEADER, on_ack=on_ack)
    caller: list[float] = []
    for seq in range(1, count + 1):
        event = realistic_event(rng, seq)
        acked.clear()
        before = time.perf_counter()
        stamps[seq] = before
        writer.append(event)
        caller.append(time.perf_counter() - before)
        acked.wait()
    writer.close()
    print(
        f"append -> ack (write + fsync), {count} appends: median {_ms(latencies, 50)} ms, "
        f"p99 {_ms(latencies, 99)} ms, max {max(latencies) * 1e3:.2f} ms "
        f"(target: p99 well under a frame, ~16 ms)"
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


def make_big_log(path: Path, count: int = 100_000) -> None:
    rng = random.Random(2)
    with open(path, "wb") as stream:
        stream.write(encode_header(HEADER))
        for seq in range(1, count + 1):
            stream.write(encode_event(realistic_event(rng, seq)))


def bench_read(path: Path, rounds: int = 5) -> None:
    """read_log against `for line in file: json.loads(line)`, best of `rounds`, interleaved."""

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
        contents = read_log(path)
        ours.append(time.perf_counter() - start)
    size = path.stat().st_size
    lines = len(contents.events)
    print(
        f"open+validate {lines // 1000}k ({size / lines:.0f} B/line, {size / 2**20:.1f} MiB): "
        f"{min(ours):.2f} s vs json.loads {min(theirs):.2f} s = "
        f"{min(ours) / min(theirs):.2f}x (target <= 2x)"
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


def bench_memory(path: Path) -> None:
    """Peak memory of reading the log in a fresh process: the OS's view, and tracemalloc's."""
    runs = []
    for mode in ("rss", "trace"):
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(path), mode], capture_output=True, text=True
        )
        if done.returncode:
            print(f"memory: could not measure ({done.stderr.strip()[-200:]})")
            return
        runs.append([int(x) for x in done.stdout.split()])
    events, before, after, _ = runs[0]
    peak = runs[1][3]
    print(
        f"memory reading {events // 1000}k events: process peak RSS {after / 2**20:.0f} MiB "
        f"({before / 2**20:.0f} MiB before reading: interpreter and imports); "
        f"tracemalloc peak {peak / 2**20:.0f} MiB (target < 150 MiB)"
    )


def bench_kills(folder: Path, kills: int) -> None:
    spec = importlib.util.spec_from_file_location(
        "journal_child", ROOT / "tests" / "unit" / "journal_child.py"
    )
    assert spec is not None and spec.loader is not None
    harness = importlib.util.module_from_spec(spec)
    sys.modules["journal_child"] = harness  # dataclasses look their module up there
    spec.loader.exec_module(harness)
    start = time.perf_counter()
    result = harness.run_kill_harness(folder, kills=kills, seed=2026)
    took = time.perf_counter() - start
    problems = f", child failures {len(result.child_failures)}" if result.child_failures else ""
    print(
        f"kill -9 harness: {result.kills} kills, {result.acked} events acked, "
        f"{result.events} in the logs, lost {len(result.lost)} (must be 0), torn tails cut "
        f"{result.truncations}, non-idempotent recoveries {result.not_idempotent} (must be 0)"
        f"{problems}; {took:.0f} s"
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
        make_big_log(big)
        bench_read(big)
        bench_memory(big)
        kills = folder / "kills"
        kills.mkdir()
        bench_kills(kills, args.kills)


if __name__ == "__main__":
    main()
