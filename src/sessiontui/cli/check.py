"""`sessiontui check PLAN...`: validate plans and print their time budget."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, datetime

from sessiontui.cli.output import print_plan_error, table


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate plans and print their time budget",
        description="Validate one or more session plans. Prints each phase with its planned "
        "start, duration and running total, the total against the session length, warnings, "
        "and the next dates when the plan repeats. Exit 0 when every plan is valid "
        "(warnings allowed), 2 when any is not.",
    )
    parser.add_argument("plans", nargs="+", metavar="PLAN", help="a plan file (TOML)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return check(args.plans, now=datetime.now(UTC))


def check(paths: Sequence[str], now: datetime) -> int:
    """Check each plan against the wall clock `now` (aware): print its budget, or its
    problems on stderr. 0 when every plan is valid, 2 when any is not."""
    from sessiontui.plan import PlanError, load_plan

    status = 0
    shown = 0
    for path in paths:
        try:
            loaded = load_plan(path, now=now)
        except PlanError as error:
            status = print_plan_error(error)
            continue
        if shown:
            print()  # a blank line between budgets, none for plans that were refused
        print(render_budget(loaded, now=now))
        shown += 1
    return status


def render_budget(loaded, now: datetime) -> str:
    """The budget as text: header, table, total, warnings and next dates."""
    from sessiontui.plan.budget import (
        budget,
        expected_people,
        next_dates,
        plan_zone,
        speaking_time,
    )
    from sessiontui.plan.durations import format_duration

    plan = loaded.plan
    rows = budget(plan)
    people = expected_people(plan)
    with_clock = plan.session.starts is not None
    header = ["#", "kind", "title"] + (["starts"] if with_clock else []) + ["duration", "total"]
    if people:
        header.append("per person")
    body = [header]
    most = 0
    for row, phase in zip(rows, plan.phases, strict=True):
        cells = [str(row.number), row.kind, _clip(row.title, 36)]
        if with_clock and row.starts is not None:
            cells.append(row.starts.strftime("%H:%M"))
        cells += [format_duration(row.duration), format_duration(row.running_total)]
        if people:
            each = speaking_time(phase, people)
            most += each or 0
            cells.append(format_duration(each) if each else "-")
        body.append(cells)
    out = [f"{loaded.source}: {plan.session.title}"]
    if with_clock and rows and rows[0].starts is not None:
        zone = rows[0].starts.tzname() or ""
        out.append(f"starts {rows[0].starts:%a %d %b %Y %H:%M} {zone}".rstrip())
    right = {0, *range(len(header) - (3 if people else 2), len(header))}
    out.append(table(body, right=right))
    total = plan.planned_seconds
    length = plan.session.length
    if length is None:
        out.append(f"total {format_duration(total)}")
    elif total > length:
        out.append(f"total {format_duration(total)} of {format_duration(length)}: "
                   f"over by {format_duration(total - length)}")
    elif total < length:
        out.append(f"total {format_duration(total)} of {format_duration(length)}: "
                   f"{format_duration(length - total)} to spare")
    else:
        out.append(f"total {format_duration(total)}: exactly the session length")
    if people:
        out.append(_speaking_line(people, most, total))
    for warning in loaded.warnings:
        out.append(f"warning: {warning}")
    dates = next_dates(plan, now)
    if dates:
        zone = plan_zone(plan)
        shown = ", ".join(f"{d.astimezone(zone):%a %d %b %Y %H:%M}" for d in dates)
        out.append(f"next: {shown}")
    elif plan.session.repeat:
        out.append("next: no more dates (the repeat rule has ended)")
    return "\n".join(out)


def _speaking_line(people: int, most: int, total: int) -> str:
    """"speaking: with 12 people, each could speak 11m40s at most (10% of 2h)", and
    on what terms: the "per person" column is the same, phase by phase."""
    from sessiontui.plan.durations import format_duration

    if not most:
        return f"speaking: no phase has time for {people} people to take turns"
    share = f" ({most / total:.0%} of {format_duration(total)})" if total else ""
    return (f"speaking: with {people} people, each could speak {format_duration(most)} at "
            f"most{share},\n  if talking time were shared evenly and the facilitator said "
            "nothing")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
