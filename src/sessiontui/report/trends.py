"""A series described whole: each figure's value in every session, its direction, its range.

"From 40% to 30%" hides a session at 55% in between; a trainer needs every value. A
direction is only called when every step goes the same way (within a tolerance that
stops a second of waiting or one percent of talk from reading as a trend); anything
else is "up and down", with where it ended against where it began.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from sessiontui.report import fmt
from sessiontui.report.model import Trend

MEASURES: tuple[tuple[str, str, float, Callable[[float | None], str]], ...] = (
    ("attended", "People who came", 1.0, lambda v: "-" if v is None else f"{v:.0f}"),
    ("facilitator_share", "Your share of the talk time", 0.05, fmt.percent),
    ("gini", "Gini of members' speaking time", 0.05, fmt.ratio),
    ("median_wait_s", "Median wait for a turn", 15.0, fmt.duration),
)
"""(measure, label, tolerance, how a value reads)."""


def direction(values: Sequence[float], tolerance: float) -> str:
    """rising | falling | steady | up-and-down | too-few."""
    if len(values) < 2:
        return "too-few"
    if max(values) - min(values) < tolerance:
        return "steady"
    steps = [after - before for before, after in pairwise(values)]
    if all(step >= 0 for step in steps) and values[-1] - values[0] >= tolerance:
        return "rising"
    if all(step <= 0 for step in steps) and values[0] - values[-1] >= tolerance:
        return "falling"
    return "up-and-down"


def _words(kind: str, values: Sequence[float], tolerance: float) -> str:
    if kind == "rising":
        return "rising at every session" if len(values) > 2 else "rising"
    if kind == "falling":
        return "falling at every session" if len(values) > 2 else "falling"
    if kind == "steady":
        return "about the same each time"
    if kind == "too-few":
        return "one session: no trend yet"
    net = values[-1] - values[0]
    if abs(net) < tolerance:
        end = "ending about where it began"
    else:
        end = "ending higher than it began" if net > 0 else "ending lower than it began"
    return f"up and down, {end}"


def trend(plan: int, measure: str, label: str, tolerance: float,
          show: Callable[[float | None], str], values: Sequence[float | None],
          numbers: Sequence[int]) -> Trend:
    """One figure across the sessions `numbers` (their numbers in the report)."""
    known = [v for v in values if v is not None]
    kind = direction(known, tolerance)
    low = min(known) if known else None
    high = max(known) if known else None
    sessions = (f"session {numbers[0]}" if len(numbers) == 1
                else f"sessions {numbers[0]}\u2013{numbers[-1]}")
    text = (f"{label}: {', '.join(show(v) for v in values)} ({sessions}): "
            f"{_words(kind, known, tolerance)}")
    if known and kind not in ("too-few", "steady"):
        text += f"; range {show(low)} to {show(high)}"
    return Trend(plan, measure, label, tuple(values), kind, low, high, text + ".")


def series_trends(rows: Sequence[Any], plans: int) -> tuple[Trend, ...]:
    """Every measure for every plan's sessions (rows in report order, numbered from 1)."""
    out = []
    for plan in range(plans):
        mine = [(number, row) for number, row in enumerate(rows, 1) if row.plan == plan]
        if not mine:
            continue
        numbers = [number for number, _ in mine]
        for measure, label, tolerance, show in MEASURES:
            values = [getattr(row, measure) for _, row in mine]
            values = [float(v) if v is not None else None for v in values]
            out.append(trend(plan, measure, label, tolerance, show, values, numbers))
    return tuple(out)
