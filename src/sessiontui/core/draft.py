"""A draft of the events one command produces, applied as they are made.

`decide` often answers with several events (a turn ends, a phase ends, the next starts,
its round begins). Folding each into the draft state as soon as it is made lets the
next decision see the world as it will be, so the events always agree with `reduce`.
A refusal raises before the draft is returned, so a refused command gives no event.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

from sessiontui.core.clock import Now
from sessiontui.core.events import Event
from sessiontui.core.reduce import reduce
from sessiontui.core.state import SessionState
from sessiontui.plan.text import LONG_MAX, text_problem

if TYPE_CHECKING:  # views import this module; a replay never needs the commands
    from sessiontui.core.commands import CommandRefused


class Draft:
    """The state as it will be, and the events that make it so."""

    __slots__ = ("events", "now", "state")

    def __init__(self, state: SessionState, now: Now) -> None:
        self.state = state
        self.now = now
        self.events: list[Event] = []

    @property
    def t(self) -> float:
        return self.now.t

    def emit(self, type: str, **data: Any) -> None:
        """Make an event at `now`, and fold it into the draft state."""
        event = Event(type=type, data=data, t=self.now.t, ts=self.now.ts)
        self.events.append(event)
        self.state = reduce(self.state, event)

    def who(self, participant: str) -> str:
        """How to name someone in a refusal: the plan's name when it has one, else the id."""
        if participant == "facilitator":
            return "The facilitator"
        for name, pid in self.state.plan.participant_ids().items():
            if pid == participant and name != pid:
                return name
        return participant


def derive_seed(now: Now) -> int:
    """A seed from the moment, for shuffles the plan gave no seed for (then recorded,
    so a replay deals the same order and rooms)."""
    return zlib.crc32(f"{now.ts}|{now.t!r}".encode())


def refuse(reason: str) -> CommandRefused:
    """The exception to raise: `raise refuse("...")` reads as what it does."""
    from sessiontui.core.commands import CommandRefused

    return CommandRefused(reason)


def checked_text(
    text: str, what: str, *, limit: int = LONG_MAX, multiline: bool = True, optional: bool = False
) -> str:
    """Typed text, stripped; refused when empty (unless optional), too long or unsafe."""
    if not isinstance(text, str):
        raise refuse(f"The {what} must be text.")
    value = text.strip()
    if not value:
        if optional:
            return ""
        raise refuse(f"The {what} is empty.")
    problem = text_problem(value, multiline=multiline, limit=limit)
    if problem:
        raise refuse(f"The {what} {problem}.")
    return value
