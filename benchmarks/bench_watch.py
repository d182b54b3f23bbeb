"""How soon `sessiontui watch` shows an event after the facilitator's app saved it.
Prints; never asserts.

    python benchmarks/bench_watch.py [--events 50] [--dir DIR]

A writer in a process of its own appends a real session's events (gen_session) at
irregular moments (0.05 to 0.6 s apart, so that they fall anywhere between two looks)
and notes CLOCK_MONOTONIC, which both processes share, once each fsync is done. The
watcher runs the watch screen's loop without drawing: a frame every 0.1 s, a look at
the log when POLL_EVERY has passed, as ui/screens/watch.py does. The figure is the
time from the writer's fsync to the frame whose state shows the event (target: within
1 s), median and p95. A screen paints that frame within Textual's next refresh.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from common import median, percentile  # noqa: E402

FRAME = 0.1
TARGET_S = 1.0

WRITER = r"""
import json, os, random, sys, time
sys.path[:0] = [sys.argv[3], sys.argv[4]]
from gen_session import generate_events, workshop_plan
from sessiontui.journal.writer import JournalWriter
from sessiontui.plan.redact import plan_snapshot
events = generate_events(int(sys.argv[2]))
header = {"session_id": "bench0000watch", "created": events[0].ts, "tz": "Europe/London",
          "app": {"name": "sessiontui", "version": "0"},
          "plan": {"sha256": "0" * 64, "source_name": "workshop.toml",
                   "snapshot": plan_snapshot(workshop_plan())},
          "rehearsal": False, "continues": None}
writer = JournalWriter.create(sys.argv[1], header)
rng = random.Random(7)
out = open(sys.argv[1] + ".acks", "w")
sys.stdin.readline()  # the watcher is ready
for event in events:
    time.sleep(rng.uniform(0.05, 0.6))
    numbered = writer.append(event)
    writer.flush()
    out.write(json.dumps([numbered.seq, time.monotonic()]) + "\n"); out.flush()
writer.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    from sessiontui.journal.files import is_locked
    from sessiontui.watch import POLL_EVERY, WatchSession

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        log = Path(folder) / "bench.jsonl"
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(log), str(args.events), str(HERE),
             str(ROOT / "src")], stdin=subprocess.PIPE, text=True)
        while not (log.exists() and is_locked(log)):
            time.sleep(0.01)
        watch = WatchSession.begin(log)
        watch.use(watch.read())
        shown: dict[int, float] = {}
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        polled = float("-inf")
        while child.poll() is None or len(shown) < args.events:
            now = time.monotonic()
            if now - polled >= POLL_EVERY:
                polled = now
                before = len(watch.events)
                watch.poll(datetime.now(UTC))
                for event in watch.events[before:]:
                    shown.setdefault(event.seq, now)
            if child.poll() is not None and len(shown) >= args.events:
                break
            if child.poll() is not None and time.monotonic() - polled > 5:
                break
            time.sleep(FRAME)
        acks = dict(json.loads(line) for line in Path(f"{log}.acks").read_text().splitlines())
        # The log's first events (opening, at seq 1..) are before the watcher read it.
        latency = [shown[seq] - at for seq, at in acks.items() if seq in shown]
    missing = len(acks) - len(latency)
    print(f"events followed: {len(latency)} of {len(acks)}"
          + (f" ({missing} never seen)" if missing else ""))
    if latency:
        print(f"fsync -> watcher's state shows it: median {median(latency) * 1000:.0f} ms, "
              f"p95 {percentile(latency, 0.95) * 1000:.0f} ms, max {max(latency) * 1000:.0f} "
              f"ms (target: within {TARGET_S:.0f} s)")


if __name__ == "__main__":
    main()
