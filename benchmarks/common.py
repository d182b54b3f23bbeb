"""Helpers shared by the benchmarks: best-of-N fresh processes, percentiles."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def user_env() -> dict[str, str]:
    """The environment a user's shell has: bytecode caches on.

    A sandbox may set PYTHONDONTWRITEBYTECODE, which makes every run recompile our
    own (editable) sources while site-packages keep their installed .pyc files; that
    would time the compiler, not the program. Users' machines cache bytecode."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def frame_times(command: Sequence[str], mark: str, then: str | None = None,
                size: tuple[int, int] = (80, 24)) -> list[float]:
    """Seconds from starting `command` (a Textual program) to its first frame that
    shows `mark`, and then to the first that shows `then`: see frame_driver.py."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "frames"
        env = user_env()
        here = str(Path(__file__).resolve().parent)
        env.update(TEXTUAL_DRIVER="frame_driver:FrameDriver", FRAME_MARK=mark,
                   FRAME_THEN=then or "", FRAME_FILE=str(out), COLUMNS=str(size[0]),
                   LINES=str(size[1]),
                   PYTHONPATH=os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")])))
        started = time.time()
        done = subprocess.run(command, capture_output=True, env=env, timeout=120)
        if not out.exists():
            raise RuntimeError(f"{command[0]} showed no frame with {mark!r} "
                               f"(exit {done.returncode}): {done.stderr[-500:]!r}")
        return [float(seen) - started for seen in out.read_text().split()]


def best_frame_times(commands: Sequence[tuple[Sequence[str], str]], runs: int = 7,
                     size: tuple[int, int] = (80, 24)) -> list[float]:
    """The fastest time to first frame of each (command, mark), run in turn round by
    round so that all see the same machine load."""
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for index, (command, mark) in enumerate(commands):
            best[index] = min(best[index], frame_times(command, mark, size=size)[0])
    return best


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


def sessiontui() -> list[str]:
    """`sessiontui` as users run it: the console script beside this interpreter."""
    script = Path(sys.executable).parent / "sessiontui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sessiontui"]


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
