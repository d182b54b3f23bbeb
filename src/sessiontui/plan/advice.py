"""Warnings for `check`: a plan that is valid but may not work out on the day."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from sessiontui.plan import models
from sessiontui.plan.durations import format_duration
from sessiontui.plan.errors import Problem
from sessiontui.plan.scan import Scan


def plan_warnings(
    plan: models.Plan, positions: Scan, name: str, now: datetime | None = None
) -> list[Problem]:
    """What an organiser should look at again before the session. `now` (the wall
    clock) adds the warnings that depend on today's date."""
    found: list[Problem] = []

    def warn(path: tuple[str | int, ...], message: str) -> None:
        line, column = positions.find(path)
        found.append(Problem(name, message, line, column))

    _timing_warnings(plan, now, warn)

    length = plan.session.length
    if length is not None and plan.planned_seconds > length:
        over = format_duration(plan.planned_seconds - length)
        warn(("session", "length"), f"the phases add up to {format_duration(plan.planned_seconds)},"
             f" {over} over the session length {format_duration(length)}")
    roster = len(plan.participants)
    for index, phase in enumerate(plan.phases):
        where = ("phases", index)
        label = f'phase {index + 1} ("{phase.label}")'
        if isinstance(phase, models.BreakoutPhase) and phase.assign != "fixed":
            if roster == 0:
                warn(where, f"{label}: no participants are listed, so rooms are filled from "
                     "whoever joins live")
            elif phase.rooms is not None and phase.rooms > roster:
                warn((*where, "rooms"), f"{label}: {phase.rooms} rooms for {roster} "
                     "participants leaves rooms empty unless more people join")
            elif phase.group_size is not None and phase.group_size > roster:
                warn((*where, "group_size"), f"{label}: groups of {phase.group_size} but only "
                     f"{roster} participants are listed")
            elif phase.rooms is not None and math.ceil(roster / phase.rooms) < 2:
                warn((*where, "rooms"), f"{label}: {phase.rooms} rooms for {roster} people "
                     "leaves someone alone in a room")
        if isinstance(phase, models.GroundRulesPhase) and not plan.ground_rules.rules:
            warn(where, f"{label}: there is no [ground_rules] table, so no rules to read out")
        if isinstance(phase, models.BreakoutPhase) and phase.countdown >= phase.duration:
            warn((*where, "countdown"), f"{label}: the closing countdown is as long as the "
                 "rooms run")
        if (
            isinstance(phase, models.CheckInPhase | models.ClosePhase)
            and phase.per_person is not None
            and roster
            and phase.per_person * roster > phase.duration
        ):
            warn((*where, "per_person"), f"{label}: {roster} people at "
                 f"{format_duration(phase.per_person)} each need "
                 f"{format_duration(phase.per_person * roster)}, more than the phase's "
                 f"{format_duration(phase.duration)}")
    _big_group(plan, warn)
    if not any(isinstance(p, models.GroundRulesPhase) for p in plan.phases) and (
        plan.ground_rules.rules
    ):
        warn(("ground_rules",), "the ground rules are never read out: add a ground-rules phase")
    if plan.safeguarding is None:
        warn(("session",), "there is no [safeguarding] table: add the safeguarding lead's "
             "role and contact, the group's agreed words and helplines, so they are one key "
             "away when someone is in distress")
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    return found


def _big_group(plan: models.Plan, warn: Callable[[tuple[str | int, ...], str], None]) -> None:
    """More people than one room holds well (10 to 12), and no breakout to share the
    talking time out."""
    from sessiontui.plan.budget import ONE_ROOM, expected_people

    people = expected_people(plan)
    if people <= ONE_ROOM or any(isinstance(p, models.BreakoutPhase) for p in plan.phases):
        return
    where: tuple[str | int, ...] = (
        ("session", "expected") if plan.session.expected == people else ("participants",))
    warn(where, f"{people} people are expected, more than the 10 to 12 one group holds "
         "well, and there is no breakout phase: add one so that everyone gets to speak")


def _timing_warnings(
    plan: models.Plan, now: datetime | None, warn: Callable[[tuple[str | int, ...], str], None]
) -> None:
    """A start that is already past, or that is not one of the repeat rule's dates."""
    from sessiontui.plan.budget import next_dates, start_time

    start = start_time(plan)
    if start is None:
        return
    shown = f"{start:%a %d %b %Y %H:%M}"
    repeat = plan.session.repeat
    if repeat:
        from sessiontui.plan.recurrence import DAY_NAMES, first_date, parse_rule

        first = first_date(repeat, start)
        if first is not None and first != start:
            days = parse_rule(repeat).weekdays
            if days and start.weekday() not in days:
                named = " or ".join(DAY_NAMES[d] for d in sorted(days))
                why = f"is a {DAY_NAMES[start.weekday()]}, but repeat is on {named}"
            else:
                why = "is not one of the dates repeat gives"
            warn(("session", "starts"), f"starts {shown} {why}: the first session by the "
                 f"rule is {first:%a %d %b %Y %H:%M}")
    if now is None or start >= now:
        return
    if not repeat:
        warn(("session", "starts"), f"starts {shown}, which is in the past")
    elif not next_dates(plan, now, 1):
        warn(("session", "repeat"), f"starts {shown}, in the past, and repeat gives no "
             "later date")
