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
    from sessiontui.plan.budget import budget, next_dates, plan_zone
    from sessiontui.plan.durations import format_duration

    plan = loaded.plan
    rows = budget(plan)
    with_clock = plan.session.starts is not None
    header = ["#", "kind", "title"] + (["starts"] if with_clock else []) + ["duration", "total"]
    body = [header]
    for row in rows:
        cells = [str(row.number), row.kind, _clip(row.title, 36)]
        if with_clock and row.starts is not None:
            cells.append(row.starts.strftime("%H:%M"))
        cells += [format_duration(row.duration), format_duration(row.running_total)]
        body.append(cells)
    out = [f"{loaded.source}: {plan.session.title}"]
    if with_clock and rows and rows[0].starts is not None:
        zone = rows[0].starts.tzname() or ""
        out.append(f"starts {rows[0].starts:%a %d %b %Y %H:%M} {zone}".rstrip())
    out.append(table(body, right={0, len(header) - 2, len(header) - 1}))
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


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
