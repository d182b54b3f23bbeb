"""Who held the floor, over time: each speaking turn of a session as a span of time.

Read from the log's `turn.started` and `turn.ended` events by the fold's own rules
(core.reduce): a turn starts with `turn.started` and ends with the next turn's start
or with a `turn.ended` of the same speaker; a round turn its speaker passes is dropped
(it is a pass, not talk). So a facilitator who takes the floor during a round holds
it as the facilitator, and each speaker's total here is the fold's talk time.

Built once per log, in one pass over the events; the replay draws its floor lanes and
finds the facilitator's long turns and anyone's next turn from it. Plain Python.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from sessiontui.core.events import Event
from sessiontui.core.state import FACILITATOR

__all__ = ["FACILITATOR", "Floor", "Span", "coverage"]

_FLOOR_TYPES = frozenset({"turn.started", "turn.ended", "round.passed", "session.paused",
                          "session.resumed", "session.ended"})


@dataclass(frozen=True, slots=True)
class Span:
    """One turn: `speaker` held the floor from `start` to `end` (session times)."""

    speaker: str
    start: float
    end: float
    index: int
    """Position just after its `turn.started` event (where a seek lands on it)."""
    paused: float = 0.0
    """Seconds of it the session was paused (a pause suspends a turn: not talk)."""

    @property
    def length(self) -> float:
        """How long the speaker held the floor: its span less any pause in it."""
        return self.end - self.start - self.paused


class Floor:
    """Every turn of a session, by start time, and by speaker."""

    def __init__(self, spans: Sequence[Span], end_t: float) -> None:
        self.spans = tuple(sorted(spans, key=lambda s: (s.start, s.index)))
        self.end_t = end_t
        self.by_speaker: dict[str, tuple[Span, ...]] = {}
        grouped: dict[str, list[Span]] = {}
        for span in self.spans:
            grouped.setdefault(span.speaker, []).append(span)
        self.by_speaker = {who: tuple(found) for who, found in grouped.items()}
        self.totals = {who: sum(s.length for s in found) for who, found in grouped.items()}
        self.total = sum(self.totals.values())
        self._starts = {who: [s.start for s in found] for who, found in grouped.items()}
        self._all_starts = [s.start for s in self.spans]

    @classmethod
    def of(cls, events: Sequence[Event]) -> Floor:
        """The turns in a session's events (one pass; other events cost a type check)."""
        spans: list[Span] = []
        # speaker, start, index, source, paused time before the start
        current: tuple[str, float, int, str, float] | None = None
        end_t = events[-1].t if events else 0.0
        paused_total = 0.0  # seconds paused so far, finished pauses
        paused_at: float | None = None

        def paused_by(t: float) -> float:
            return paused_total + (max(0.0, t - paused_at) if paused_at is not None else 0.0)

        def closed(turn: tuple[str, float, int, str, float], t: float) -> Span:
            return Span(turn[0], turn[1], t, turn[2], paused_by(t) - turn[4])

        for position, event in enumerate(events):
            kind = event.type
            if kind not in _FLOOR_TYPES or event.v > 1:
                continue
            data = event.data
            if kind == "session.paused":
                if paused_at is None:
                    paused_at = event.t
            elif kind in ("session.resumed", "session.ended"):
                if paused_at is not None:
                    paused_total += max(0.0, event.t - paused_at)
                    paused_at = None
            elif kind == "turn.started":
                speaker, source = data.get("speaker"), data.get("source")
                if type(speaker) is not str or type(source) is not str:
                    continue  # reduce skips what it cannot read
                if current is not None:
                    spans.append(closed(current, event.t))
                current = (speaker, event.t, position + 1, source, paused_by(event.t))
            elif kind == "turn.ended":
                if current is not None and data.get("speaker") == current[0]:
                    spans.append(closed(current, event.t))
                    current = None
            elif (kind == "round.passed" and current is not None and current[3] == "round"
                  and data.get("participant") == current[0]):
                current = None  # the pass replaces the turn: not talk
        if current is not None:
            spans.append(closed(current, max(end_t, current[1])))
        return cls(spans, end_t)

    # -- questions a trainer asks ------------------------------------------------------------

    def speakers(self) -> list[str]:
        """Everyone who spoke, the most floor time first."""
        return sorted(self.totals, key=lambda who: (-self.totals[who], who))

    def share(self, speaker: str) -> float:
        """`speaker`'s part of all talk (0 to 1)."""
        return self.totals.get(speaker, 0.0) / self.total if self.total else 0.0

    def turns_of(self, speaker: str, longer_than: float = 0.0) -> tuple[Span, ...]:
        found = self.by_speaker.get(speaker, ())
        if longer_than <= 0:
            return found
        return tuple(s for s in found if s.length >= longer_than)

    def next_turn(self, speaker: str, after: float, longer_than: float = 0.0,
                  ) -> Span | None:
        """`speaker`'s first turn that starts after session time `after` (and lasts at
        least `longer_than` seconds)."""
        found = self.by_speaker.get(speaker, ())
        for span in found[bisect_right(self._starts.get(speaker, []), after + 1e-6):]:
            if span.length >= longer_than:
                return span
        return None

    def previous_turn(self, speaker: str, before: float, longer_than: float = 0.0,
                      ) -> Span | None:
        """`speaker`'s last turn that starts before session time `before`."""
        found = self.by_speaker.get(speaker, ())
        for span in reversed(found[: bisect_left(self._starts.get(speaker, []),
                                                 before - 1e-6)]):
            if span.length >= longer_than:
                return span
        return None

    def holder_at(self, t: float) -> Span | None:
        """The turn in progress at session time `t`, if any."""
        index = bisect_right(self._all_starts, t) - 1
        if index >= 0 and self.spans[index].start <= t < self.spans[index].end:
            return self.spans[index]
        return None


def coverage(spans: Sequence[Span], start: float, end: float, columns: int) -> list[float]:
    """How much of each of `columns` equal slices of [start, end] the spans cover
    (0 to 1): a lane drawn `columns` cells wide."""
    width = (end - start) / columns if columns > 0 and end > start else 0.0
    cells = [0.0] * max(0, columns)
    if width <= 0:
        return cells
    for span in spans:
        a = max(span.start, start)
        b = min(span.end, end)
        if b <= a:
            continue
        first = min(columns - 1, int((a - start) / width))
        last = min(columns - 1, int((b - start) / width))
        for column in range(first, last + 1):
            left = start + column * width
            covered = min(b, left + width) - max(a, left)
            if covered > 0:
                cells[column] += covered / width
    return [min(1.0, cell) for cell in cells]
