"""The schedule: planned against actual, ahead or behind, and a rebalance proposal.

Offsets are seconds from the session's start. "Planned" is the plan as written; the
projected end adds the running phase's time left and the lengths of the phases still to
come (after any accepted rebalance), leaving out skipped ones.

"Left" (the status line's figure) is the time to the end of the session as it is now
given: the running phase's time left (its planned length with adjustments, less the
active time it has run; negative once it runs over) plus the lengths of the phases
still to come. It runs down with the phase timer, stands still in a pause (a pause is
given back), keeps running down in overtime (the overrun eats into what is left), and
goes below zero when the session runs past its end. Ahead/behind compares the
projected end with the plan; `left - phase timer == later phases` always holds.

Rebalance: when the session runs a minute or more behind, the overrun can be absorbed
from the later phases marked `flex`, never below their `min` (a flex phase without
`min` may shrink to half its planned length). The cut is shared out **proportionally**
to each phase's room to shrink (its length minus its floor), in whole seconds, the
remainders going to the phases with the largest fractions. The facilitator may accept
(`schedule.rebalanced`) or ignore it; nothing changes until they accept.
"""

from __future__ import annotations

from typing import NamedTuple

from sessiontui.core.state import SessionState
from sessiontui.core.timers import phase_elapsed, phase_remaining
from sessiontui.plan.models import PhaseBase

REBALANCE_MIN_S = 60
"""Below this overrun no proposal is made: seconds are not worth a decision."""

FLEX_FLOOR_SHARE = 0.5
"""A flex phase without `min` may shrink to this share of its planned length."""


class ScheduleRow(NamedTuple):
    """One phase in the agenda."""

    index: int
    label: str
    kind: str
    planned_s: int
    """Its length now (after any rebalance)."""
    original_s: int
    """Its length in the plan."""
    planned_start_s: int
    actual_start_s: float | None
    actual_s: float | None
    """Active seconds it ran (all runs; live for the running phase)."""
    delta_s: float | None
    """Actual start minus planned start: positive is later than planned."""
    projected_start_s: float | None
    """When it starts (started), or will if the phases before it run as now given; None
    for a skipped phase."""
    status: str
    """done | current | next | pending | skipped."""
    outcome: str | None
    flex: bool
    floor_s: int | None


class Rebalance(NamedTuple):
    """A proposal: new lengths for every phase, absorbing (part of) the overrun."""

    overrun_s: int
    absorbed_s: int
    durations: tuple[int, ...]
    changes: tuple[tuple[int, int, int], ...]
    """(phase, old length, new length) for each phase that would change."""

    @property
    def unabsorbed_s(self) -> int:
        return self.overrun_s - self.absorbed_s


class Schedule(NamedTuple):
    rows: tuple[ScheduleRow, ...]
    planned_end_s: int
    projected_end_s: float
    behind_s: float
    """Projected minus planned end: positive is behind, negative ahead."""
    started_at: float | None
    """Session time `t` at the start, to turn offsets into times."""
    rebalance: Rebalance | None
    left_s: float
    """The time to the end of the session as now given (see the module's docstring)."""


def next_index(state: SessionState) -> int | None:
    """The phase NextStep moves to after the running one: the next one not skipped."""
    current = state.phase.index if state.phase is not None else _last_run(state)
    for index in range(current + 1, len(state.plan.phases)):
        if index not in state.course.skipped:
            return index
    return None


def _last_run(state: SessionState) -> int:
    history = state.course.history
    return history[-1].index if history else -1


def flex_floor(phase: PhaseBase) -> int:
    """The least a flex phase may shrink to."""
    if phase.min is not None:
        return phase.min
    return int(phase.duration * FLEX_FLOOR_SHARE)


def later_s(state: SessionState) -> int:
    """The lengths of the phases after the running one (or, between phases, after the
    last one that ran), skipped ones left out."""
    durations = state.durations
    skipped = state.course.skipped
    current = state.phase.index if state.phase is not None else _last_run(state)
    return sum(durations[i] for i in range(current + 1, len(durations)) if i not in skipped)


def left_s(state: SessionState, t: float) -> float:
    """The time to the end of the session as now given: the running phase's time left
    (negative once over) plus the phases still to come."""
    session = state.session
    if session.started is None:
        return float(sum(d for i, d in enumerate(state.durations)
                         if i not in state.course.skipped))
    if session.ended is not None:
        return 0.0
    here = phase_remaining(state, t) if state.phase is not None else 0.0
    return here + later_s(state)


def projected_end(state: SessionState, t: float) -> float:
    """When the session will end, in seconds from its start, if the rest runs to plan."""
    durations = state.durations
    skipped = state.course.skipped
    session = state.session
    if session.started is None:
        return float(sum(d for i, d in enumerate(durations) if i not in skipped))
    if session.ended is not None:
        return session.ended - session.started
    left = max(0.0, phase_remaining(state, t)) if state.phase is not None else 0.0
    return (t - session.started) + left + later_s(state)


def schedule(state: SessionState, t: float) -> Schedule:
    """The agenda with planned and actual times, and the overall offset."""
    plan = state.plan
    started = state.session.started
    first_start: dict[int, float] = {}
    ran: dict[int, float] = {}
    outcome: dict[int, str] = {}
    for record in state.course.history:
        first_start.setdefault(record.index, record.started)
        ran[record.index] = ran.get(record.index, 0.0) + record.active
        outcome[record.index] = record.outcome
    current = state.phase.index if state.phase is not None else None
    if state.phase is not None:
        first_start.setdefault(state.phase.index, state.phase.started)
        ran[state.phase.index] = ran.get(state.phase.index, 0.0) + phase_elapsed(state, t)
    upcoming = next_index(state) if state.session.ended is None else None
    rows = []
    offset = 0
    # Where the phases still to come would start: from now, after the running phase's
    # time left (or from the start, before it).
    if started is None:
        upcoming_at = 0.0
    elif state.session.ended is not None:
        upcoming_at = state.session.ended - started
    else:
        upcoming_at = (t - started) + (
            max(0.0, phase_remaining(state, t)) if state.phase is not None else 0.0)
    for index, phase in enumerate(plan.phases):
        if index == current:
            status = "current"
        elif index in state.course.skipped:
            status = "skipped"
        elif index == upcoming:
            status = "next"
        elif index in outcome:
            status = "done"
        else:
            status = "pending"
        actual_start = None
        delta = None
        if index in first_start and started is not None:
            actual_start = first_start[index] - started
            delta = actual_start - offset
        if status == "skipped":
            projected = None
        elif status in ("current", "done") and actual_start is not None:
            projected = actual_start
        elif status in ("next", "pending"):
            projected = upcoming_at
            upcoming_at += state.durations[index]
        else:
            projected = float(offset)
        rows.append(
            ScheduleRow(
                index=index,
                label=phase.label,
                kind=phase.kind,
                planned_s=state.durations[index],
                original_s=phase.duration,
                planned_start_s=offset,
                actual_start_s=actual_start,
                actual_s=ran.get(index),
                delta_s=delta,
                projected_start_s=projected,
                status=status,
                outcome=outcome.get(index),
                flex=phase.flex,
                floor_s=flex_floor(phase) if phase.flex else None,
            )
        )
        offset += phase.duration
    planned_end = plan.planned_seconds
    projected = projected_end(state, t)
    return Schedule(
        rows=tuple(rows),
        planned_end_s=planned_end,
        projected_end_s=projected,
        behind_s=projected - planned_end,
        started_at=started,
        rebalance=propose_rebalance(state, t),
        left_s=left_s(state, t),
    )


def rebalance_problem(state: SessionState, durations: tuple[int, ...]) -> str | None:
    """Why lengths shown to the facilitator can no longer be applied, or None: only
    later flex phases may change, only shorter, and never below their floor."""
    current = state.phase.index if state.phase is not None else _last_run(state)
    if len(durations) != len(state.durations):
        return "the plan's phases differ"
    for index, (old, new) in enumerate(zip(state.durations, durations, strict=True)):
        if new == old:
            continue
        phase = state.plan.phases[index]
        if index <= current or index in state.course.skipped:
            return f'"{phase.label}" has already started or is skipped'
        if not phase.flex or not isinstance(new, int) or new > old:
            return f'"{phase.label}" is not a flexible phase with time to give'
        if new < flex_floor(phase):
            return f'"{phase.label}" would go below its minimum'
    return None


def propose_rebalance(state: SessionState, t: float) -> Rebalance | None:
    """How to absorb the overrun from later flex phases, or None when there is nothing to do."""
    session = state.session
    if session.started is None or session.ended is not None or state.phase is None:
        return None
    overrun = int(projected_end(state, t) - state.plan.planned_seconds)
    if overrun < REBALANCE_MIN_S:
        return None
    durations = list(state.durations)
    slack: dict[int, int] = {}
    for index in range(state.phase.index + 1, len(durations)):
        phase = state.plan.phases[index]
        if index in state.course.skipped or not phase.flex:
            continue
        room = durations[index] - flex_floor(phase)
        if room > 0:
            slack[index] = room
    total = sum(slack.values())
    if total == 0:
        return None
    absorb = min(overrun, total)
    cuts = {index: absorb * room // total for index, room in slack.items()}
    short = absorb - sum(cuts.values())
    by_fraction = sorted(slack, key=lambda i: (-(absorb * slack[i] % total), i))
    for index in by_fraction[:short]:
        cuts[index] += 1
    changes = []
    for index in sorted(cuts):
        if cuts[index]:
            old = durations[index]
            durations[index] = old - cuts[index]
            changes.append((index, old, durations[index]))
    return Rebalance(
        overrun_s=overrun,
        absorbed_s=absorb,
        durations=tuple(durations),
        changes=tuple(changes),
    )
