"""`sessiontui check` on the largest example plan, against importing textual alone.

Target (issue 2): check takes at most 0.8x the time the interpreter takes to import
textual, and does not import textual at all.
"""

from __future__ import annotations

from pathlib import Path

from common import best_of_each, python, sessiontui

ROOT = Path(__file__).resolve().parents[1]


def largest_plan() -> Path:
    return max((ROOT / "sessions").glob("*.toml"), key=lambda p: p.stat().st_size)


def main() -> None:
    plan = largest_plan()
    runs = 15
    # The floor: pydantic as validating any model loads it (its plugin loader brings
    # importlib.metadata), before a single plan model is built.
    floor = python("from pydantic import BaseModel, Field", "import pydantic.plugin._loader")
    empty, bare, pydantic, check = best_of_each(
        [python("pass"), python("import textual.app"), floor,
         [*sessiontui(), "check", str(plan)]], runs)
    print(f"   interpreter start alone: {empty * 1000:.0f} ms (best of {runs})")
    print(f"   import textual.app:      {bare * 1000:.0f} ms")
    print(f"   import pydantic (what validation loads): {pydantic * 1000:.0f} ms = "
          f"{pydantic / bare:.2f}x textual")
    print(f"   sessiontui check {plan.name}: {check * 1000:.0f} ms")
    print(f"   ratio check / import textual: {check / bare:.2f}x (target <= 0.80x)")


if __name__ == "__main__":
    main()
