"""Figures for the core: fold, keyframes, seek, memory. Prints; never asserts.

    /work/venv/bin/python benchmarks/bench_core.py [--events 100000] [--seed 1]

Targets (from the design): replay's first frame well under 1 s for 100k events (so
keyframes are built lazily or fast), seek median < 20 ms, and the Timeline with the
parsed events under 150 MiB. The events come from `gen_session.generate_events`, made by
`decide` on a FakeClock, so they are a log the app could have written.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_session import generate_events, workshop_plan

from sessiontui.core.reduce import fold
from sessiontui.core.timeline import Timeline

__all__ = ["generate_events", "main"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeks", type=int, default=100)
    args = parser.parse_args()

    plan = workshop_plan()
    started = time.perf_counter()
    events = generate_events(args.events, args.seed, plan)
    made = time.perf_counter() - started
    kinds = len({event.type for event in events})
    print(f"events generated      {len(events):>9,} ({kinds} types) in {made:.1f} s (decide)")
    print(f"session length        {events[-1].t / 3600:8.1f} h of session time")

    gc.collect()
    started = time.perf_counter()
    final = fold(plan, events)
    folded = time.perf_counter() - started
    print(f"fold all events       {_ms(folded)}")
    print(f"reduce                {folded / len(events) * 1e6:8.2f} µs/event")
    assert final.bad_events == 0

    started = time.perf_counter()
    timeline = Timeline(plan, events)
    timeline.state_at(0)
    print(f"first frame (lazy)    {_ms(time.perf_counter() - started)}")

    started = time.perf_counter()
    timeline.build()
    built = time.perf_counter() - started
    print(f"keyframe build (all)  {_ms(built)} ({len(timeline.keyframes)} keyframes)")

    rng = random.Random(args.seed)
    points = [rng.randrange(len(events) + 1) for _ in range(args.seeks)]
    times = []
    for index in points:
        started = time.perf_counter()
        timeline.state_at(index)
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"seek x{args.seeks:<4} median     {_ms(statistics.median(times))}   p95 {_ms(p95)}"
          f"   max {_ms(times[-1])}")

    started = time.perf_counter()
    for _ in range(args.seeks):
        t = rng.uniform(0, events[-1].t)
        timeline.state_at(timeline.index_at_t(t))
    per_seek = (time.perf_counter() - started) / args.seeks
    print(f"seek by time (bisect) {_ms(per_seek)} mean")

    del timeline, final
    gc.collect()
    tracemalloc.start()
    events = generate_events(args.events, args.seed, plan)
    gc.collect()
    with_events = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    timeline = Timeline(plan, events)
    timeline.build()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mib = 1024 * 1024
    print(f"memory: events        {with_events / mib:8.1f} MiB")
    print(f"memory: timeline      {(current - with_events) / mib:8.1f} MiB "
          f"(peak while building {(peak - with_events) / mib:.1f} MiB)")
    print(f"memory: together      {current / mib:8.1f} MiB (target < 150 MiB)")


if __name__ == "__main__":
    main()
