"""The time budget `check` prints: each phase's start, length and running total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sessiontui.plan import models


@dataclass(frozen=True)
class BudgetRow:
    """One phase in the budget."""

    number: int
    kind: str
    title: str
    starts: datetime | None
    duration: int
    running_total: int


def plan_zone(plan: models.Plan) -> tzinfo:
    """The plan's time zone, or the machine's own."""
    from dateutil import tz

    if plan.session.timezone:
        zone = tz.gettz(plan.session.timezone)
        if zone is not None:
            return zone
    return tz.tzlocal()


def start_time(plan: models.Plan) -> datetime | None:
    """When the session starts, as an aware datetime in the plan's zone."""
    starts = plan.session.starts
    if starts is None:
        return None
    zone = plan_zone(plan)
    if starts.tzinfo is None:
        return starts.replace(tzinfo=zone)
    return starts.astimezone(zone)


def budget(plan: models.Plan) -> list[BudgetRow]:
    """Every phase with its planned start and the running total."""
    start = start_time(plan)
    rows = []
    total = 0
    for number, phase in enumerate(plan.phases, start=1):
        begins = start + timedelta(seconds=total) if start else None
        total += phase.duration
        rows.append(BudgetRow(number, phase.kind, phase.label, begins, phase.duration, total))
    return rows


def next_dates(plan: models.Plan, now: datetime, count: int = 3) -> list[datetime]:
    """The next `count` session dates after `now`, from `repeat` (empty without it)."""
    if not plan.session.repeat:
        return []
    from dateutil import rrule

    zone = plan_zone(plan)
    anchor = start_time(plan) or now.astimezone(zone).replace(second=0, microsecond=0)
    rule = rrule.rrulestr(plan.session.repeat, dtstart=anchor)
    found: list[datetime] = []
    moment = now.astimezone(zone)
    for _ in range(count):
        try:
            upcoming = rule.after(moment, inc=False)
        except (ValueError, OverflowError):
            break
        if upcoming is None:
            break
        found.append(upcoming)
        moment = upcoming
    return found
