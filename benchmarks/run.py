"""Run every benchmark and print its figures: `python benchmarks/run.py [name ...]`.

Figures are informational: a wall clock on a shared machine does not gate a merge,
so nothing here asserts. Each `bench_*.py` module has a `main()` that prints lines
of the form `figure: value (target: ...)`.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    chosen = set(argv)
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if chosen and name not in chosen:
            continue
        print(f"== {name}")
        started = time.perf_counter()
        load(path).main()
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
