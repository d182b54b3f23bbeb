"""Helpers for the core tests: example plans, small plans from TOML, and a driven session.

`Run` is what the app does minus the UI: it sends commands to `decide` at a FakeClock's
time, numbers the events like the journal, and folds them with `reduce`. Time moves
only when a test says so.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sessiontui.core import commands as c
from sessiontui.core.clock import FakeClock, SessionClock
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide
from sessiontui.core.events import Event
from sessiontui.core.reduce import fold, reduce
from sessiontui.core.state import SessionState, initial_state
from sessiontui.plan import Plan, load_plan, load_plan_bytes

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
EXAMPLES = ("drop-in", "evening-group", "workshop")


@cache
def example(stem: str) -> Plan:
    """One of the plans in sessions/."""
    return load_plan(SESSIONS / f"{stem}.toml").plan


def plan_from(body: str, people: tuple[str, ...] = (), rules: tuple[str, ...] = ()) -> Plan:
    """A plan from TOML phases, with a title, participants and rules filled in."""
    text = '[session]\ntitle = "Test"\nplatform = "Zoom"\n'
    for name in people:
        text += f'[[participants]]\nname = "{name}"\n'
    if rules:
        text += "[ground_rules]\nrules = [" + ", ".join(f'"{r}"' for r in rules) + "]\n"
    return load_plan_bytes((text + body).encode()).plan


def ev(type: str, t: float, **data: Any) -> Event:
    """A hand-made event at session time t."""
    return Event(type=type, data=data, t=t)


class Run:
    """A session driven by commands on a FakeClock."""

    def __init__(self, plan: Plan, *, start: bool = True) -> None:
        self.plan = plan
        self.clock = FakeClock()
        self.session_clock = SessionClock(self.clock)
        self.state: SessionState = initial_state(plan)
        self.events: list[Event] = []
        self.send(c.OpenSession(plan_sha256="0" * 64))
        if start:
            self.send(c.StartSession())

    @property
    def t(self) -> float:
        return self.session_clock.now().t

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    def at(self, t: float) -> None:
        """Move the clock forward to session time `t`."""
        assert t >= self.t, f"time goes forward only ({t} < {self.t})"
        self.clock.advance(t - self.t)

    def send(self, command: c.Command, after: float = 0.0) -> list[Event]:
        """Decide and apply; returns the new events."""
        if after:
            self.advance(after)
        made = decide(self.state, command, self.session_clock.now())
        for event in made:
            numbered = event.with_seq(len(self.events) + 1)
            self.events.append(numbered)
            self.state = reduce(self.state, numbered)
        return made

    def types(self, command: c.Command, after: float = 0.0) -> list[str]:
        return [event.type for event in self.send(command, after)]

    def refused(self, command: c.Command) -> str:
        """The reason a command is refused; checks it made no event and changed nothing."""
        before = self.state
        count = len(self.events)
        with pytest.raises(CommandRefused) as caught:
            self.send(command)
        assert len(self.events) == count
        assert self.state is before
        reason = caught.value.reason
        assert reason and not reason[0].isspace() and reason.endswith("."), reason
        return reason

    def tick(self, after: float = 0.0) -> list[tuple[str, dict[str, Any]]]:
        return [(e.type, e.data) for e in self.send(c.Tick(), after)]

    def refold(self) -> SessionState:
        return fold(self.plan, self.events)

    def to_phase(self, kind: str) -> None:
        """Jump to the first phase of this kind."""
        index = next(i for i, p in enumerate(self.plan.phases) if p.kind == kind)
        if self.state.phase is None or self.state.phase.index != index:
            self.send(c.GoToPhase(index))


def types_of(events: list[Event]) -> list[str]:
    return [event.type for event in events]
