"""The time budget `check` prints: each phase's start, length and running total; and
the next dates of a repeating session, which `check`, the close phase and the summary
show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

from sessiontui.plan import models
from sessiontui.plan.when import aware_start, zone_or_local


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
    return zone_or_local(plan.session.timezone)


def start_time(plan: models.Plan) -> datetime | None:
    """When the session starts, as an aware datetime in the plan's zone."""
    starts = plan.session.starts
    if starts is None:
        return None
    return aware_start(starts, plan_zone(plan))


def budget(plan: models.Plan) -> list[BudgetRow]:
    """Every phase with its planned start and the running total. Clock times are
    counted in UTC, so a phase after a change to or from summer time shows the time
    the clocks will say."""
    start = start_time(plan)
    zone = plan_zone(plan)
    rows = []
    total = 0
    for number, phase in enumerate(plan.phases, start=1):
        begins = None
        if start is not None:
            begins = (start.astimezone(UTC) + timedelta(seconds=total)).astimezone(zone)
        total += phase.duration
        rows.append(BudgetRow(number, phase.kind, phase.label, begins, phase.duration, total))
    return rows


ONE_ROOM = 12
"""Guides put a group's ideal at 10 to 12: past that, `check` asks for a breakout."""


def expected_people(plan: models.Plan) -> int:
    """How many members are expected: the participants listed, or the plan's
    `expected` when more are coming than are listed."""
    return max(len(plan.participants), plan.session.expected or 0)


def speaking_time(phase: models.Phase, people: int) -> int | None:
    """The most one member could speak in `phase`, in whole seconds, if its talking time
    were shared evenly among `people` and the facilitator said nothing: a round's or a
    discussion's time over everyone, a guest's Q&A over everyone, a breakout's over
    the people in one room. None for phases where members do not take turns."""
    if people <= 0:
        return None
    if isinstance(phase, models.CheckInPhase | models.ClosePhase | models.DiscussionPhase):
        return phase.duration // people
    if isinstance(phase, models.GuestSpeakerPhase):
        return phase.qa // people if phase.qa else None
    if isinstance(phase, models.BreakoutPhase):
        if phase.groups:
            size = max(len(group) for group in phase.groups)
        elif phase.group_size is not None:
            size = min(phase.group_size, people)
        else:
            size = -(-people // (phase.rooms or 1))
        return phase.duration // max(1, size)
    return None


def next_dates(plan: models.Plan, now: datetime, count: int = 3) -> list[datetime]:
    """The next `count` session dates after `now`, from `repeat` (empty without it).

    Never raises, and the work is bounded whatever the rule and `now`: the close phase
    asks on every repaint. Fewer dates (or none) come back when the rule ends, or when
    the next date is too far ahead to search for.
    """
    repeat = plan.session.repeat
    if not repeat or count <= 0:
        return []
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    try:
        minute = now.astimezone(UTC).replace(second=0, microsecond=0)
        found = _dates_after(repeat, plan.session.starts, plan.session.timezone, minute,
                             count + 1)
    except (ValueError, OverflowError, ArithmeticError):
        return []  # a rule or a time this version cannot use, say from an old log
    return [moment for moment in found if moment > now][:count]


@lru_cache(maxsize=32)
def _dates_after(repeat: str, starts: datetime | None, zone_name: str | None,
                 minute: datetime, count: int) -> tuple[datetime, ...]:
    """Dates after `minute`: the same answer for every repaint within a minute."""
    from sessiontui.plan.recurrence import dates_after

    zone = zone_or_local(zone_name)
    anchor = minute.astimezone(zone) if starts is None else aware_start(starts, zone)
    return tuple(dates_after(repeat, anchor, minute, count))
