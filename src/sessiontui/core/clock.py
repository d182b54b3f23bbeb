"""Clocks, injected everywhere so that tests and rehearsals control time.

Two readings: a monotonic count of seconds for durations (never goes back), and the
wall clock (UTC) for display and reports. The core never reads a clock itself: the
caller passes `Now` into `decide`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sessiontui.core.events import format_ts, parse_ts


class Clock(Protocol):
    """Anything that can tell monotonic seconds and the wall time."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes backwards."""
        ...

    def wall(self) -> datetime:
        """The current UTC time, timezone-aware."""
        ...


def _boot_clock() -> int | None:
    """CLOCK_BOOTTIME where it works (Linux): monotonic, and it keeps counting while
    the laptop sleeps, so a breakout timer does not lose the time the lid was shut."""
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return None
    try:
        time.clock_gettime(clock_id)
    except OSError:
        return None
    return clock_id


_BOOT_CLOCK = _boot_clock()


class SystemClock:
    """The real clocks."""

    def monotonic(self) -> float:
        if _BOOT_CLOCK is not None:
            return time.clock_gettime(_BOOT_CLOCK)
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to: for tests and benchmarks."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together."""
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock (a laptop that slept, or an NTP correction)."""
        self._wall += timedelta(seconds=seconds)


class ScaledClock:
    """Time that runs `speed` times faster than `base`: the rehearsal mode.

    Its wall clock runs fast too, so a rehearsal's log reads like the real session
    would. `wall_start` continues a rehearsal's own time on resume: from the base
    wall clock it would go back to the real time, behind the last event.
    """

    def __init__(self, base: Clock, speed: float, wall_start: datetime | None = None) -> None:
        self._base = base
        self._speed = speed
        self._mono0 = base.monotonic()
        self._wall0 = wall_start or base.wall()

    def monotonic(self) -> float:
        return self._mono0 + (self._base.monotonic() - self._mono0) * self._speed

    def wall(self) -> datetime:
        return self._wall0 + timedelta(seconds=self.monotonic() - self._mono0)


@dataclass(frozen=True, slots=True)
class Now:
    """The moment a command is decided: session offset `t` and wall time `ts`."""

    t: float
    ts: str
    wall: datetime


class SessionClock:
    """Session time: `t` counts seconds since the session opened and never goes back.

    `offset` continues an earlier run (resume): the caller sets it from the log's last
    `t` plus the wall-clock gap, because the call went on while the app was down.
    """

    def __init__(self, clock: Clock, offset: float = 0.0) -> None:
        self.clock = clock
        self._mono0 = clock.monotonic()
        self._wall0 = clock.wall()
        self._offset = offset

    def now(self) -> Now:
        wall = self.clock.wall()
        return Now(t=self.t(), ts=format_ts(wall), wall=wall)

    def t(self) -> float:
        """Session time alone: cheaper than `now` where the wall time is not needed."""
        return round(self._offset + (self.clock.monotonic() - self._mono0), 3)

    @classmethod
    def resuming(cls, clock: Clock, last_t: float, last_ts: str,
                 speed: float = 1.0) -> SessionClock:
        """A clock that continues a log after a crash: `t` picks up from the last event
        plus the wall-clock time since it (times `speed` in a rehearsal), because the
        call went on while the app was down. Never behind the last event, even if the
        wall clock was set back, or the last time cannot be read."""
        gap = 0.0
        if last_ts:
            try:
                gap = max(0.0, (clock.wall() - parse_ts(last_ts)).total_seconds())
            except ValueError:
                gap = 0.0
        return cls(clock, offset=last_t + gap * speed)

    def drift(self) -> float:
        """Seconds the wall clock has moved away from session time since this clock began.

        Positive when the wall clock ran ahead (a sleep the monotonic clock did not see, an
        NTP step forward), negative when it was set back. Above 2 s either way, a Tick
        notes a `clock.jumped`; `decide` can also work this out from `Now.wall` itself.
        """
        wall = (self.clock.wall() - self._wall0).total_seconds()
        return wall - (self.clock.monotonic() - self._mono0)
