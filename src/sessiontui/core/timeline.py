"""Replay and seek: keyframes (state snapshots) and fold forward from the nearest one.

A keyframe is kept every 256 events and after every `phase.started`. Because states
share everything they did not change, a keyframe costs only the parts that differ, so
keeping hundreds is cheap. Keyframes are built lazily, as far as a seek needs, or in
chunks with `build(budget)` (for a worker), so a 100k-event log shows its first frame
at once: `state_at(0)` is the initial state and needs no fold at all.

Positions count events applied: `state_at(0)` is before the first event, `state_at(n)`
the state after the first n, `state_at(len(timeline))` the end.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from sessiontui.core.bulk import collector_paused
from sessiontui.core.events import Event
from sessiontui.core.reduce import reduce
from sessiontui.core.state import SessionState, initial_state
from sessiontui.plan.models import Plan

KEYFRAME_EVERY = 256


class Timeline:
    """Events of one session, with snapshot-then-fold seeking."""

    def __init__(
        self, plan: Plan, events: Sequence[Event], every: int = KEYFRAME_EVERY
    ) -> None:
        self.plan = plan
        self.events = events
        self.every = max(1, every)
        self._positions: list[int] = [0]
        self._states: list[SessionState] = [initial_state(plan)]
        self._built = 0
        self._frontier = self._states[0]
        self._times: list[float] | None = None

    def __len__(self) -> int:
        return len(self.events)

    @property
    def built(self) -> int:
        """How far keyframes have been built (events folded once)."""
        return self._built

    @property
    def complete(self) -> bool:
        return self._built >= len(self.events)

    @property
    def keyframes(self) -> list[int]:
        """Positions with a snapshot, so far."""
        return list(self._positions)

    def build(self, budget: int | None = None) -> bool:
        """Fold up to `budget` more events into keyframes; True once all are built."""
        end = len(self.events) if budget is None else min(len(self.events), self._built + budget)
        self._advance(end)
        return self.complete

    def _advance(self, end: int) -> SessionState:
        """Fold from the frontier to `end`, keeping keyframes on the way."""
        state = self._frontier
        position = self._built
        events = self.events
        every = self.every
        positions = self._positions
        states = self._states
        with collector_paused():
            while position < end:
                event = events[position]
                state = reduce(state, event)
                position += 1
                if (position % every == 0 or event.type == "phase.started") and (
                    positions[-1] != position
                ):
                    positions.append(position)
                    states.append(state)
        self._built = position
        self._frontier = state
        return state

    def state_at(self, index: int) -> SessionState:
        """The state after the first `index` events (clamped to the log)."""
        index = max(0, min(index, len(self.events)))
        if index >= self._built:
            return self._advance(index)
        slot = bisect_right(self._positions, index) - 1
        state = self._states[slot]
        for position in range(self._positions[slot], index):
            state = reduce(state, self.events[position])
        return state

    def final(self) -> SessionState:
        return self.state_at(len(self.events))

    def times(self) -> list[float]:
        """Each event's session time `t`, for bisecting (computed once)."""
        if self._times is None or len(self._times) != len(self.events):
            self._times = [event.t for event in self.events]
        return self._times

    def index_at_t(self, t: float) -> int:
        """How many events happened at or before session time `t`."""
        return bisect_right(self.times(), t)

    def positions_of(self, *types: str) -> list[int]:
        """Positions just after events of these types: chapters for `[` and `]`."""
        wanted = set(types)
        return [i + 1 for i, event in enumerate(self.events) if event.type in wanted]

    def chapters(self) -> list[int]:
        """Phase starts and markers, the places replay jumps between."""
        return self.positions_of("phase.started", "marker.added")
