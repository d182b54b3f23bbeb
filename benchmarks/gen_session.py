"""A long, realistic, valid session log for benchmarks: made by `decide` on a FakeClock.

    from gen_session import generate_events, workshop_plan
    events = generate_events(100_000, seed=1)     # numbered 1..n like the journal does

The workshop plan (12 people) is run again and again (GoToPhase back to its discussion
at the end) with many hands, turns, facilitator interjections, notes, markers, parked
items, attendance changes and ticks: the mix of a long day's workshop, only longer.
Every event comes from `decide`, so the log is one the app could have written.
"""

from __future__ import annotations

import random
from pathlib import Path

from sessiontui.core import commands as c
from sessiontui.core.clock import FakeClock, SessionClock
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide
from sessiontui.core.events import Event
from sessiontui.core.reduce import reduce
from sessiontui.core.state import initial_state
from sessiontui.plan import Plan, load_plan

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = ROOT / "sessions" / "workshop.toml"


def workshop_plan() -> Plan:
    """The plan the generated events belong to."""
    return load_plan(WORKSHOP).plan


def generate_events(n: int, seed: int = 0, plan: Plan | None = None) -> list[Event]:
    """`n` valid events of one long session, numbered from 1, deterministic for a seed."""
    plan = plan or workshop_plan()
    rng = random.Random(seed)
    clock = FakeClock()
    session = SessionClock(clock)
    state = initial_state(plan)
    events: list[Event] = []
    people = list(plan.participant_ids().values())
    discussion = next(i for i, p in enumerate(plan.phases) if p.kind == "discussion")

    def send(command: c.Command) -> None:
        nonlocal state
        try:
            made = decide(state, command, session.now())
        except CommandRefused:
            return
        for event in made:
            numbered = event.with_seq(len(events) + 1)
            events.append(numbered)
            state = reduce(state, numbered)

    send(c.OpenSession(plan_sha256="0" * 64))
    send(c.StartSession())
    for person in people:
        send(c.MarkAttendance(person, "present" if rng.random() < 0.85 else "late"))
    while len(events) < n:
        clock.advance(rng.uniform(0.5, 8.0))
        roll = rng.random()
        who = rng.choice(people)
        if roll < 0.22:
            send(c.RaiseHand(who))
        elif roll < 0.40:
            send(c.NextSpeaker())
        elif roll < 0.48:
            send(c.EndTurn())
        elif roll < 0.54:
            send(c.ToggleFacilitatorTurn())
        elif roll < 0.62:
            send(c.AddNote(f"note {len(events)}: {rng.choice(['quiet', 'moved', 'laughs'])}"))
        elif roll < 0.64:
            send(c.AddMarker(f"moment {len(events)}"))
        elif roll < 0.66:
            send(c.ParkItem(f"topic {len(events)}"))
        elif roll < 0.70:
            status = rng.choice(["stepped-out", "back", "present", "late"])
            send(c.MarkAttendance(who, status))
        elif roll < 0.72:
            send(c.LowerHand(who))
        elif roll < 0.73:
            send(c.FlagFollowUp(who, "check in next week"))
        elif roll < 0.74:
            send(c.AdjustTime(rng.choice([60, -60])))
        elif roll < 0.76:
            if state.phase is not None and state.phase.index == len(plan.phases) - 1:
                send(c.GoToPhase(discussion))
            else:
                send(c.NextStep())
        elif roll < 0.77:
            send(c.Pause("tech trouble"))
            clock.advance(rng.uniform(5, 60))
            send(c.Resume())
        elif roll < 0.78:
            send(c.Pass())
        else:
            send(c.Tick())
    return events[:n]
