"""`sessiontui` with no command: the bundled default plan's time budget (for now)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime


def run(args: argparse.Namespace) -> int:
    from sessiontui.cli.check import render_budget
    from sessiontui.plan import load_plan
    from sessiontui.resources import default_plan

    loaded = load_plan(default_plan())
    print(render_budget(loaded, now=datetime.now(UTC)))
    return 0
