"""Safeguarding and the chat: the panel's records, the offer after a long step-out, and
the plan's ready texts.

A safeguarding record holds no words: who (if chosen) and which of the plan's steps
were done. The event is private as a whole (core/vocabulary.py), so only the
facilitator's own outputs carry it. What is said about the person goes in a private
note, which has its own class.

Pure: no I/O, no clock. Time comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.draft import Draft, refuse
from sessiontui.core.state import HERE, SessionState
from sessiontui.core.timers import phase_remaining, rooms_remaining
from sessiontui.plan.models import BreakoutPhase, Safeguarding


class CareFollowUp(NamedTuple):
    """Someone to follow up for safeguarding, every record about them merged."""

    participant: str | None
    """Who, or None for records made without choosing anyone."""
    done: tuple[int, ...]
    """The plan's steps done, in the plan's order."""
    left: tuple[int, ...]
    """The plan's steps not done yet."""
    prompted: bool
    """Offered because they stayed stepped out."""
    t: float
    """When it was first recorded (session time)."""


def follow_ups(state: SessionState) -> tuple[CareFollowUp, ...]:
    """Safeguarding follow-ups, one per person, in the order first recorded: the list
    the close and the debrief put before every other follow-up."""
    steps = len(state.plan.safeguarding.steps) if state.plan.safeguarding else 0
    merged: dict[str | None, tuple[set[int], bool, float]] = {}
    for record in state.care.records:
        done, prompted, first = merged.get(record.participant, (set(), False, record.t))
        done = done | {s for s in record.steps if s < steps}
        merged[record.participant] = (done, prompted or record.prompted, first)
    return tuple(
        CareFollowUp(who, tuple(sorted(done)),
                     tuple(i for i in range(steps) if i not in done), prompted, first)
        for who, (done, prompted, first) in merged.items()
    )


def follow_up_words(item: CareFollowUp, steps: tuple[str, ...] | list[str],
                    name: Callable[[str], str]) -> str:
    """One safeguarding follow-up in words, as the close, the debrief and plain mode
    say it: "Dev: still to do: Tell the lead today"."""
    who = name(item.participant) if item.participant is not None else "No one in particular"
    left = [steps[i] for i in item.left if i < len(steps)]
    if left:
        return f"{who}: still to do: {'; '.join(left)}"
    return f"{who}: every step done" if steps else who


def steps_done(state: SessionState, participant: str | None) -> tuple[int, ...]:
    """The steps already recorded for someone: the panel opens with them ticked."""
    for item in follow_ups(state):
        if item.participant == participant:
            return item.done
    return ()


def worth_recording(state: SessionState, participant: str | None, steps: tuple[int, ...],
                    *, prompted: bool = False, note: bool = False) -> bool:
    """Whether closing the panel adds a record: a step ticked that was not done yet, or
    someone newly chosen. An offer (prompted) closed with nothing done and no note is
    in the log already, as the offer. Both front ends ask this."""
    if tuple(sorted(steps)) != steps_done(state, participant):
        return True
    if participant is None:
        return False
    recorded = any(item.participant == participant for item in follow_ups(state))
    return not recorded and (not prompted or note)


def lead(plan_care: Safeguarding | None) -> str | None:
    """"Safeguarding lead: role, contact", or None without a [safeguarding] table."""
    if plan_care is None:
        return None
    return f"{plan_care.lead}: {plan_care.contact}"


def overdue(state: SessionState, t: float) -> list[tuple[str, float]]:
    """People stepped out longer than the plan's `stepped_out` time and not offered the
    panel yet for this time away: (participant, seconds away)."""
    care = state.plan.safeguarding
    limit = care.stepped_out if care is not None else None
    if limit is None:
        return []
    offered = state.care.offered
    return [(who, t - since) for who, since in state.people.stepped_out.items()
            if t - since >= limit and (who, since) not in offered]


def offer_overdue(draft: Draft) -> None:
    """Tick: offer the panel, once per time away, for whoever has been out too long."""
    for who, away in overdue(draft.state, draft.t):
        draft.emit("safeguarding.offered", participant=who, away_s=round(away, 3))


def _record(draft: Draft, command: c.RecordSafeguarding) -> None:
    who = command.participant
    if who is not None:
        guards.person(draft, who)
    steps = tuple(command.steps)
    count = len(draft.state.plan.safeguarding.steps) if draft.state.plan.safeguarding else 0
    for step in steps:
        if type(step) is not int or not 0 <= step < count:
            raise refuse(f"The plan has no safeguarding step {step!r}.")
    if who is None and not steps:
        raise refuse("Choose who it is about, or tick a step, to record it.")
    draft.emit("safeguarding.recorded", participant=who, steps=sorted(set(steps)),
               prompted=bool(command.prompted))


# -- ready texts -------------------------------------------------------------------------


def ready_text(state: SessionState, name: str, t: float) -> str | None:
    """The plan's ready text called `name`, its placeholders filled for now; None when
    the plan has no such text.

    {remaining} and {minutes} are the open rooms' time left, else the running phase's;
    {task} and {room_count} come from the breakout running now, else the next one.
    """
    # Here, not at the top: the phase kinds' close view imports this module.
    from sessiontui.core.phases.breakout import compose, room_count

    found = next((x for x in state.plan.texts if x.name == name), None)
    if found is None:
        return None
    rooms = state.rooms
    if rooms is not None and rooms.open:
        left = rooms_remaining(rooms, t)
        count = len(rooms.rooms)
    else:
        left = phase_remaining(state, t) if state.phase is not None else 0
        count = 0
    breakout = _breakout_now_or_next(state)
    if breakout is not None and not count:
        here = sum(1 for p in state.people.roster if state.people.status.get(p) in HERE)
        count = len(breakout.groups) if breakout.assign == "fixed" else room_count(
            breakout, here)
    task = breakout.task if breakout is not None else None
    return compose(found.text, max(0, round(left)), task, count)


def _breakout_now_or_next(state: SessionState) -> BreakoutPhase | None:
    start = state.phase.index if state.phase is not None else 0
    for phase in state.plan.phases[start:]:
        if isinstance(phase, BreakoutPhase):
            return phase
    return None


def _copy_text(draft: Draft, command: c.CopyText) -> None:
    guards.not_ended(draft)
    name = command.name
    if not isinstance(name, str) or all(x.name != name for x in draft.state.plan.texts):
        raise refuse(f"The plan has no ready text called {name!r}.")
    draft.emit("text.copied", name=name)


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.RecordSafeguarding: _record,
    c.CopyText: _copy_text,
}
"""The commands this module decides, for core.decide's table."""
