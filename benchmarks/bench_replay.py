"""Replay of a generated 100k-event log: open to first frame, seek latency, memory.

Targets (issue 5): replay shows its first frame in under 1 s; a seek takes under
20 ms (median).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from pathlib import Path

from bench_report import write_log
from common import percentile, user_env
from gen_session import generate_events

EVENTS = 100_000

FIRST_FRAME = textwrap.dedent("""
    import sys, time
    t0 = time.perf_counter()
    from pathlib import Path
    from sessiontui.config import Settings
    from sessiontui.ui.app import ReplayLog, SessiontuiApp
    from sessiontui.ui.screens import replay as screen
    imported = time.perf_counter()
    first = None

    class Timed(SessiontuiApp):
        def replay_log(self, log):
            super().replay_log(log)
            self.call_after_refresh(self.first_frame)

        def first_frame(self):
            global first
            first = time.perf_counter()

    use = screen.ReplayScreen._use

    def used(self, contents):
        use(self, contents)
        self.call_after_refresh(lambda: self.app.exit(time.perf_counter()))

    screen.ReplayScreen._use = used
    app = Timed(ReplayLog(Path(sys.argv[1])), settings=Settings())
    ready = app.run(headless=True, size=(100, 30))
    print(f"{first - t0:.4f} {ready - t0:.4f} {imported - t0:.4f}")
""")


def first_frame(log: Path, runs: int = 3) -> tuple[float, float, float]:
    """Best of `runs` fresh processes: (first frame, every event read and shown, imports),
    each in seconds from the start of the process's own code."""
    best = (float("inf"), float("inf"), float("inf"))
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(log)], check=True,
                             capture_output=True, text=True, env=user_env())
        first, ready, imports = map(float, out.stdout.split())
        if first < best[0]:
            best = (first, ready, imports)
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
        first, ready, imports = first_frame(log)
        print(f"   replay {EVENTS:,} events, first frame: {first:.2f} s for the whole process "
              f"(imports {imports:.2f} s) (target < 1 s); every event read and the keys "
              f"live: {ready:.2f} s")
        samples, opened, peak = seeks(log)
        print(f"   seek to 100 random points: median {statistics.median(samples):.1f} ms, "
              f"p95 {percentile(samples, 0.95):.1f} ms, first seeks build keyframes "
              f"(target median < 20 ms); open {opened:.2f} s")
        print(f"   peak memory (tracemalloc) for open + seeks: {peak:.0f} MiB "
              "(target < 150 MiB)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
