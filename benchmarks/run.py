"""Run every benchmark and print its figures: `python benchmarks/run.py [name ...]`.

Figures are informational: a wall clock on a shared machine does not gate a merge,
so nothing here asserts. Each `bench_*.py` module has a `main()` that prints lines
of the form `figure: value (target: ...)`.

Options for the benchmarks go after `--`, e.g. `python benchmarks/run.py fuzz_plan --
--cases 500`: each module's main() reads sys.argv as if it were run on its own.
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
    names, extra = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if (
        "--" in argv) else (argv, [])
    chosen = set(names)
    known = {path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py")}
    unknown = sorted(chosen - known)
    if unknown:
        print(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(sorted(known))}",
              file=sys.stderr)
        return 2
    own_argv = sys.argv
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if chosen and name not in chosen:
            continue
        print(f"== {name}")
        started = time.perf_counter()
        # The module parses sys.argv itself: give it its own name and the options
        # after "--", not the benchmark names this script was given.
        sys.argv = [str(path), *extra]
        try:
            load(path).main()
        finally:
            sys.argv = own_argv
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
