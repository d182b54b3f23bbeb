"""Hostile logs through every reader, thousands of times. Prints; never asserts.

    /work/venv/bin/python benchmarks/bench_fuzz_logs.py [--cases 3000] [--seed 1]

Each case changes one thing in a real session's log (made by `decide`, format
version 2; see tests/unit/log_fuzz.py): nonsense in a CRC-valid line, a header that
makes no sense, a line copied from another session, a flipped bit, a cut. Then it
runs `logs verify`, replay (open, then seek about), the report in json (md and html
too) and the trainer export, and sorts the outcome:

- refused: a reader said in one line why it would not use the file (LogError,
  JournalError, ReportError), or verify gave exit status 2;
- damage reported: the readers used the valid part and said what was lost;
- accepted: the change left a log that reads as sound (e.g. a note's text changed);
- anything else: an exception that is not the project's own. Target: 0.

The export's fsync is switched off (it would time the disk, not the readers).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_fuzz_helpers():
    """tests/unit/log_fuzz.py, the same mutations the fuzz tests use."""
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(
        "tests.unit.log_fuzz", ROOT / "tests" / "unit" / "log_fuzz.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["tests.unit.log_fuzz"] = module
    spec.loader.exec_module(module)
    return module


def run(cases: int, seed: int) -> None:
    fuzz = _load_fuzz_helpers()
    os.fsync = lambda fd: None  # the export's fsync: see the docstring
    rng = random.Random(seed)
    counts: collections.Counter[str] = collections.Counter()
    surprises: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.chmod(folder, 0o700)
        log = fuzz.base_log(folder)
        data = log.read_bytes()
        target = folder / "export" / "copy.jsonl"
        target.parent.mkdir(mode=0o700)
        started = time.perf_counter()
        for _ in range(cases):
            mutation = fuzz.random_mutation(data, rng)
            log.write_bytes(fuzz.apply(data, mutation))
            moves = fuzz.random_moves(rng)
            began = time.perf_counter()
            try:
                outcome = fuzz.read_everything(log, target, moves)
            except Exception as error:  # the thing this benchmark counts
                frame = traceback.extract_tb(error.__traceback__)[-1]
                key = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
                surprises[key] += 1
                examples.setdefault(key, mutation.describe())
                counts["anything else"] += 1
                continue
            finally:
                spent = time.perf_counter() - began
                if spent > slowest[0]:
                    slowest = (spent, mutation.describe())
            if outcome.refused or outcome.verdict == 2:
                counts["refused"] += 1
            elif outcome.damaged or outcome.verdict == 1:
                counts["damage reported"] += 1
            else:
                counts["accepted"] += 1
        total = time.perf_counter() - started

    print(f"cases: {cases} (seed {seed}), {total:.1f} s, {total / cases * 1e3:.0f} ms a case")
    print(f"refused in one line: {counts['refused']}")
    print(f"damage reported: {counts['damage reported']}")
    print(f"accepted as sound: {counts['accepted']}")
    print(f"anything else: {counts['anything else']} (target: 0)")
    for key, number in surprises.most_common():
        print(f"   {number} x {key}; e.g. {examples[key]}")
    print(f"slowest case: {slowest[0] * 1e3:.0f} ms ({slowest[1]})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    run(args.cases, args.seed)


if __name__ == "__main__":
    main()
