"""When a session happens: its start time as written in a plan, and its time zone.

A plan is read by people in a hurry and on the day, so both are strict where a wrong
guess would go unnoticed: a date such as 03/12/2026 is refused (3 December or 12 March?)
rather than read one way, a zone abbreviation such as EST is refused rather than
dropped, and a zone must be an IANA name such as Europe/London (not a POSIX rule, a path
or "GMT+1", whose sign is the reverse of what it looks like).
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

EARLIEST_YEAR = 1970
LATEST_YEAR = 2999
MOST_BEHIND = timedelta(hours=-12)
MOST_AHEAD = timedelta(hours=14)
"""The offsets in use anywhere on Earth: UTC-12:00 to UTC+14:00."""

ZONE_HINT = 'an IANA zone name such as "Europe/London" or "America/New_York"'
START_HINT = 'write it as year-month-day and a 24-hour time, such as "2026-11-24 19:30"'

_MONTH_NAME = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\b")
_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})
_NAME_WITH_OFFSET = re.compile(r"\b(UTC|GMT|UT)\s*[+-]\s*\d", re.IGNORECASE)


class _ZoneAbbreviation(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def parse_start(value: object) -> datetime:
    """The start time of a plan, or ValueError with a message saying how to write it."""
    if isinstance(value, datetime):
        return _checked(value, str(value))
    if isinstance(value, date):
        return _checked(datetime(value.year, value.month, value.day), str(value))
    if not isinstance(value, str):
        raise ValueError(f"starts is a date and time; {START_HINT}")
    text = value.strip()
    try:  # ISO 8601, which the docs show: "2026-11-24 19:30", "2026-11-24T19:30+01:00"
        iso = datetime.fromisoformat(text)
    except ValueError as error:
        if "offset must be" in str(error):
            raise ValueError(f'"{value}" has an offset no place uses; offsets run from '
                             "-12:00 to +14:00") from None
    else:
        return _checked(iso, value)
    if not _MONTH_NAME.search(text):
        raise ValueError(_numeric_hint(value, text))
    return _checked(_parse_words(value, text), value)


def _numeric_hint(value: str, text: str) -> str:
    found = _NUMERIC_DATE.search(text)
    if found:
        first, second = int(found.group(1)), int(found.group(2))
        if 1 <= first <= 12 and 1 <= second <= 12 and first != second:
            return (f'"{value}" is ambiguous: {first:02d}/{second:02d} could be '
                    f"{_day_month(first, second)} or {_day_month(second, first)}; {START_HINT}")
    return f'cannot read "{value}" as a date and time; {START_HINT}'


def _day_month(day: int, month: int) -> str:
    return f"{day} {date(2000, month, 1):%B}"


def _parse_words(value: str, text: str) -> datetime:
    """A date with its month in words ("Tue 24 Nov 2026 7pm"), read by dateutil."""
    import warnings

    from dateutil import parser

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        if name and name.upper() not in _UTC_NAMES:
            raise _ZoneAbbreviation(name)  # "EST" could be one of several zones
        if not name and offset is None:
            return None
        return timezone(timedelta(seconds=offset or 0))

    if found := _NAME_WITH_OFFSET.search(text):
        # dateutil reads "GMT+3" the POSIX way, three hours *behind*
        raise ValueError(
            f'"{value}" has an offset after {found.group(1)}, which programs read with '
            "opposite signs; write the offset as +03:00 or set timezone to "
            f"{ZONE_HINT}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # dateutil warns of what it ignores
            first = parser.parse(text, default=datetime(2001, 1, 1), tzinfos=zone)
            second = parser.parse(text, default=datetime(2002, 2, 2), tzinfos=zone)
    except _ZoneAbbreviation as error:
        raise ValueError(
            f'"{value}" names the zone "{error.name}", which could mean several; leave it '
            f'out and set timezone to {ZONE_HINT}'
        ) from None
    except (ValueError, OverflowError, TypeError, ArithmeticError, Warning):
        raise ValueError(f'cannot read "{value}" as a date and time; {START_HINT}') from None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise ValueError(f'"{value}" needs a full date (day, month and year); {START_HINT}')
    return first


def _checked(moment: datetime, value: str) -> datetime:
    offset = moment.utcoffset()
    if offset is not None and not MOST_BEHIND <= offset <= MOST_AHEAD:
        raise ValueError(f'"{value}" has an offset no place uses; offsets run from '
                         "-12:00 to +14:00")
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f'"{value}" is not a date a session could start on (years '
                         f"{EARLIEST_YEAR} to {LATEST_YEAR})")
    if offset is not None:
        moment = moment.replace(tzinfo=timezone(offset))
    return moment.replace(microsecond=0)  # a session starts on the second at the finest


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every IANA zone name: from the tzdata package's list, or the system's."""
    try:
        import tzdata

        with open(os.path.join(os.path.dirname(tzdata.__file__), "zones"),
                  encoding="utf-8") as handle:
            return frozenset(handle.read().split())
    except (ImportError, OSError):
        import zoneinfo

        return frozenset(zoneinfo.available_timezones())


def check_zone(value: str) -> str:
    """The zone name if it is an IANA name that loads, or ValueError with a hint."""
    names = zone_names()
    if value in names and load_zone(value) is not None:
        return value
    lowered = {name.lower(): name for name in names}
    if value.strip().lower() in lowered:
        guess = lowered[value.strip().lower()]
    else:
        import difflib

        close = difflib.get_close_matches(value, sorted(names), n=1, cutoff=0.8)
        guess = close[0] if close else ""
        if any(char.isdigit() for char in value + guess):
            # An offset ("GMT+1") is near another offset ("GMT+0"), which is a
            # different time: no guess, only the way to write it.
            guess = ""
    hint = f'did you mean "{guess}"? ' if guess else ""
    raise ValueError(f'"{value}" is not a known time zone; {hint}write {ZONE_HINT}')


@lru_cache(maxsize=16)
def load_zone(name: str) -> tzinfo | None:
    """The zone, or None if its data cannot be loaded."""
    import zoneinfo

    if name not in zone_names():
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_or_local(name: str | None) -> tzinfo:
    """The plan's zone, or the machine's own when the plan names none (or an old log
    named one this version does not accept)."""
    if name:
        zone = load_zone(name)
        if zone is not None:
            return zone
    from dateutil import tz

    return tz.tzlocal()


def aware_start(starts: datetime, zone: tzinfo) -> datetime:
    """The start as an aware time in the plan's zone (a time without an offset is read
    in that zone)."""
    if starts.tzinfo is None:
        return starts.replace(tzinfo=zone)
    return starts.astimezone(zone)
