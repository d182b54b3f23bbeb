"""Durations: read as people write them in a plan ("90s", "10m", "1h30m", "1h 30m"), and
written for people, in one place, so the screen, the alerts and the reports say the
same length the same way:

- `format_duration` "1h30m": the plan's own spelling (budgets, agenda, planned lengths);
- `format_span` "2m 05s": a measured length, exact to the second (reports, summaries);
- `format_clock` / `format_elapsed` "04:32": timers counting down, stopwatches up;
- `spoken` "1 minute 30 seconds": said aloud or broadcast (alerts, room messages);
- `ahead_behind`, `over_under`, `early_late`: how a length compares with the plan."""

from __future__ import annotations

import math
import re

MAX_SECONDS = 24 * 3600

_PART = re.compile(r"(\d+)\s*([hms])", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+\s*[hms]\s*)+$", re.IGNORECASE)
_UNIT = {"h": 3600, "m": 60, "s": 1}


class DurationError(ValueError):
    """A duration that cannot be read; the message says how to write it."""


def parse_duration(value: object) -> int:
    """Return whole seconds, or raise DurationError with a hint.

    A bare number is refused: "10" could mean seconds or minutes, and a plan read
    aloud in a hurry must not be ambiguous.
    """
    if isinstance(value, bool):
        raise DurationError('a duration is text such as "10m", not true/false')
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise DurationError('a duration is text such as "10m"')
        hint = f'"{int(value)}m"' if isinstance(value, int) and 0 < value < 10_000 else '"10m"'
        raise DurationError(f"a bare number is ambiguous: write {hint} (or s/h)")
    if not isinstance(value, str):
        raise DurationError('a duration is text such as "90s", "10m" or "1h30m"')
    text = value.strip()
    if text.startswith("-"):
        raise DurationError(f'"{value}" is negative: durations are positive, such as "10m"')
    if not _WHOLE.match(text):
        raise DurationError(f'cannot read "{value}" as a duration: write "90s", "10m" or "1h30m"')
    units = [unit.lower() for _, unit in _PART.findall(text)]
    if len(set(units)) != len(units) or units != sorted(units, key="hms".index):
        raise DurationError(f'cannot read "{value}": give hours, minutes, seconds in that order')
    seconds = sum(int(n) * _UNIT[u.lower()] for n, u in _PART.findall(text))
    if seconds <= 0:
        raise DurationError(f'"{value}" is zero: a duration must be longer than that')
    if seconds > MAX_SECONDS:
        raise DurationError(f'"{value}" is over 24h: too long for one session')
    return seconds


def format_duration(seconds: int) -> str:
    """The shortest plan spelling of a whole number of seconds ("1h30m", "90s")."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return "".join(parts)


def format_elapsed(seconds: float) -> str:
    """mm:ss (or h:mm:ss) for time gone by: rounds down, as a stopwatch does."""
    total = max(0, math.floor(seconds + 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_clock(seconds: float) -> str:
    """mm:ss (or h:mm:ss) for a timer; a countdown rounds up, overtime shows as +mm:ss."""
    if seconds >= 0:
        total, sign = math.ceil(seconds - 1e-9), ""
    else:
        total, sign = math.floor(-seconds), "+"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_span(seconds: float | None) -> str:
    """45s, 2m 05s, 1h 02m: short enough for a table cell, exact enough to coach on."""
    if seconds is None:
        return "-"
    total = round(abs(seconds))
    sign = "-" if seconds < 0 and total else ""
    if total < 60:
        return f"{sign}{total}s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{sign}{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours}h {minutes:02d}m"


def over_under(seconds: float | None) -> str:
    """2m 05s over, 1m 00s under; "on time" within a second."""
    if seconds is None:
        return "-"
    if abs(seconds) < 1:
        return "on time"
    word = "over" if seconds > 0 else "under"
    return f"{format_span(abs(seconds))} {word}"


def early_late(seconds: float | None) -> str:
    """2m 05s late / 1m 00s early, against the planned start; "as planned"."""
    if seconds is None:
        return "-"
    if abs(seconds) < 1:
        return "as planned"
    word = "late" if seconds > 0 else "early"
    return f"{format_span(abs(seconds))} {word}"


def ahead_behind(seconds: float) -> str:
    """The session against its plan, to the nearest minute: "on time", "3m behind"."""
    if abs(seconds) < 30:
        return "on time"
    word = "behind" if seconds > 0 else "ahead"
    return f"{format_duration(max(60, round(abs(seconds) / 60) * 60))} {word}"


def spoken(seconds: float) -> str:
    """A length as it is said or broadcast: "5 minutes", "1 minute 30 seconds"."""
    seconds = max(0, round(seconds))
    minutes, secs = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if secs or not minutes:
        parts.append(f"{secs} second" + ("" if secs == 1 else "s"))
    return " ".join(parts)
