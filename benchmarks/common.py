"""Helpers shared by the benchmarks: best-of-N fresh processes, percentiles."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def user_env() -> dict[str, str]:
    """The environment a user's shell has: bytecode caches on.

    A sandbox may set PYTHONDONTWRITEBYTECODE, which makes every run recompile our
    own (editable) sources while site-packages keep their installed .pyc files; that
    would time the compiler, not the program. Users' machines cache bytecode."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def best_of(command: Sequence[str], runs: int = 7, cwd: str | None = None) -> float:
    """The fastest wall time of `runs` fresh processes, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=user_env())
        best = min(best, time.perf_counter() - started)
    return best


def best_of_each(commands: Sequence[Sequence[str]], runs: int = 7) -> list[float]:
    """The fastest wall time of each command, run in turn round by round, so that
    both see the same machine load (a shared machine's speed drifts over minutes)."""
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for index, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=user_env())
            best[index] = min(best[index], time.perf_counter() - started)
    return best


def python(*code: str) -> list[str]:
    """A command that runs this interpreter on some code."""
    return [sys.executable, "-c", "; ".join(code)]


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
