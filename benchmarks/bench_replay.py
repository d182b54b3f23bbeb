"""Replay of a generated 100k-event log: open to first frame, seek latency, memory.

Targets (issue 5): replay shows its first frame in under 1 s; a seek takes under
20 ms (median).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench_report import write_log
from common import frame_times, percentile, sessiontui
from gen_session import generate_events

EVENTS = 100_000

def first_frame(log: Path, runs: int = 3) -> tuple[float, float]:
    """Best of `runs` runs of `sessiontui replay LOG` at 100x30, from process start:
    (first frame, the first frame with every event read and the keys live)."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        first, ready = frame_times([*sessiontui(), "replay", str(log)], "Ready to start",
                                   then=f"event 0/{EVENTS}", size=(100, 30))
        best = min(best, (first, ready))
    return best


def seeks(log: Path, count: int = 100) -> tuple[list[float], float, float]:
    from sessiontui.replay import ReplaySession

    tracemalloc.start()
    started = time.perf_counter()
    replay = ReplaySession.open(log)
    opened = time.perf_counter() - started
    rng = random.Random(3)
    samples = []
    for _ in range(count):
        target = rng.uniform(0, replay.end_t)
        begin = time.perf_counter()
        replay.seek_t(target)
        samples.append((time.perf_counter() - begin) * 1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return samples, opened, peak / 2**20


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SESSIONTUI_STATE_DIR"] = folder
        os.environ["SESSIONTUI_CONFIG_DIR"] = folder
        log = write_log(Path(folder), generate_events(EVENTS, seed=1))
        first, ready = first_frame(log)
        print(f"   sessiontui replay, {EVENTS:,} events: first frame {first:.2f} s from "
              f"process start (target < 1 s); every event read and the keys live: "
              f"{ready:.2f} s")
        samples, opened, peak = seeks(log)
        print(f"   seek to 100 random points: median {statistics.median(samples):.1f} ms, "
              f"p95 {percentile(samples, 0.95):.1f} ms, first seeks build keyframes "
              f"(target median < 20 ms); open {opened:.2f} s")
        print(f"   peak memory (tracemalloc) for open + seeks: {peak:.0f} MiB "
              "(target < 150 MiB)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
