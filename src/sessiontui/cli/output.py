"""Small helpers for what the commands print."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # building the parser (for --help) must not load pydantic
    from sessiontui.plan.errors import PlanError


def print_plan_error(error: PlanError) -> int:
    """Print each problem on its own line to stderr; return exit status 2."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return 2


def table(rows: list[list[str]], right: set[int] | None = None) -> str:
    """Plain aligned columns, for terminals and for pasting into an email."""
    right = right or set()
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
