"""`repeat`: an RFC 5545 recurrence rule, read strictly and searched with bounded work.

The rule is parsed here rather than by `dateutil.rrule.rrulestr`, so that every mistake
gets a message saying what a rule looks like, and so that the parts dateutil accepts but
cannot always compute (ordinals such as +99MO, BYEASTER, sub-daily rules) are refused
first. UNTIL may be written with or without `Z`, as RFC 5545 allows: without it, it is a
time in the plan's zone. Dates are then computed by dateutil.

dateutil's search only stops at a date it can yield, at the rule's end, or at the year
9999, so a rule that never occurs (February 30th) would cost seconds to rule out, on
every call. Every search here is given an end date as well (UNTIL, through dateutil's
own API): `check` refuses a rule with no date within `HORIZON_YEARS` of the start, and
`next_dates` looks at most `SEARCH_YEARS` ahead rather than hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from dateutil import rrule

HORIZON_YEARS = 50
"""A rule must give a date within this many years of the start."""
SEARCH_YEARS = 150
"""How far ahead `dates_after` looks (rare rules, such as 29 February on a Monday,
recur every few decades)."""
MAX_TIMES_A_DAY = 24

EXAMPLE = '"FREQ=WEEKLY;BYDAY=TU" (every Tuesday)'
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY,
               "YEARLY": rrule.YEARLY}
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")

_NUMBER_LISTS: dict[str, tuple[str, int, int, bool]] = {
    # name: (dateutil keyword, lowest, highest, negatives allowed)
    "BYSECOND": ("bysecond", 0, 59, False),
    "BYMINUTE": ("byminute", 0, 59, False),
    "BYHOUR": ("byhour", 0, 23, False),
    "BYMONTHDAY": ("bymonthday", 1, 31, True),
    "BYYEARDAY": ("byyearday", 1, 366, True),
    "BYWEEKNO": ("byweekno", 1, 53, True),
    "BYMONTH": ("bymonth", 1, 12, False),
    "BYSETPOS": ("bysetpos", 1, 366, True),
}
_KNOWN = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", *_NUMBER_LISTS)
_NAME_VALUE = re.compile(r"^([A-Z]+)=(.*)$")
_NUMBER = re.compile(r"^[+-]?\d{1,4}$")
_DAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$")


class RuleError(ValueError):
    """A rule that cannot be used; the message says why and what a rule looks like."""


@dataclass(frozen=True)
class Rule:
    """A parsed rule. `until` is (date and time, whether it is UTC) or None."""

    freq: int
    interval: int
    count: int | None
    until: tuple[datetime, bool] | None
    until_is_date: bool
    wkst: int | None
    by: tuple[tuple[str, Any], ...]

    @property
    def options(self) -> dict[str, Any]:
        """The BY... parts as dateutil keywords."""
        return dict(self.by)

    @property
    def weekdays(self) -> frozenset[int]:
        """The days of the week BYDAY names (Monday is 0); empty without BYDAY."""
        return frozenset(day.weekday for day in self.options.get("byweekday", ()))


def _fail(problem: str) -> RuleError:
    return RuleError(f"{problem}; a recurrence rule (RFC 5545) looks like {EXAMPLE}")


@lru_cache(maxsize=64)
def parse_rule(text: str) -> Rule:
    """The rule, or RuleError saying what is wrong with it."""
    body = text.strip().upper()
    if body.startswith("RRULE:"):
        body = body[len("RRULE:"):]
    if "=" not in body:
        word = body.strip()
        if word in FREQUENCIES or word in _SUB_DAILY:
            raise _fail(f'"{text}" is not a rule: write "FREQ={word}"')
        raise _fail(f'"{text}" is not a recurrence rule (RFC 5545)')
    parts: dict[str, str] = {}
    for piece in body.rstrip(";").split(";"):
        match = _NAME_VALUE.match(piece.strip())
        if not match:
            raise _fail(f'"{piece}" is not a NAME=VALUE part')
        name, value = match.groups()
        if name not in _KNOWN:
            hint = " (it is not part of RFC 5545)" if name == "BYEASTER" else ""
            raise _fail(f'unknown part "{name}"{hint}; parts are {", ".join(_KNOWN)}')
        if name in parts:
            raise _fail(f"{name} is given twice")
        parts[name] = value.strip()
    return _rule_from_parts(parts)


def _rule_from_parts(parts: dict[str, str]) -> Rule:
    if "FREQ" not in parts:
        raise _fail("FREQ is missing")
    freq_name = parts["FREQ"]
    if freq_name in _SUB_DAILY:
        raise _fail(f"FREQ={freq_name} would start a session before the last one ends: a "
                    "session repeats at most daily (DAILY, WEEKLY, MONTHLY or YEARLY)")
    if freq_name not in FREQUENCIES:
        raise _fail(f'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not "{freq_name}"')
    freq = FREQUENCIES[freq_name]
    interval = _whole(parts, "INTERVAL", 1, 1000) or 1
    count = _whole(parts, "COUNT", 1, 10_000)
    if count is not None and "UNTIL" in parts:
        raise _fail("give COUNT or UNTIL, not both (RFC 5545)")
    until, until_is_date = _until(parts.get("UNTIL"))
    wkst = None
    if "WKST" in parts:
        if parts["WKST"] not in WEEKDAYS:
            raise _fail(f'WKST must be a day such as MO, not "{parts["WKST"]}"')
        wkst = WEEKDAYS.index(parts["WKST"])
    by: dict[str, Any] = {}
    for name, (keyword, low, high, negative) in _NUMBER_LISTS.items():
        if name in parts:
            by[keyword] = _numbers(name, parts[name], low, high, negative)
    if "BYDAY" in parts:
        by["byweekday"] = _days(parts["BYDAY"], freq_name, "bymonth" in by, "byweekno" in by)
    _check_combinations(freq_name, by)
    return Rule(freq, interval, count, until, until_is_date, wkst, tuple(sorted(by.items())))


def _whole(parts: dict[str, str], name: str, low: int, high: int) -> int | None:
    if name not in parts:
        return None
    value = parts[name]
    if not value.isdigit() or len(value) > 6 or not low <= int(value) <= high:
        raise _fail(f'{name} must be a whole number from {low} to {high:,}, not "{value}"')
    return int(value)


def _until(value: str | None) -> tuple[tuple[datetime, bool] | None, bool]:
    if value is None:
        return None, False
    match = _UNTIL.match(value)
    if match:
        year, month, day, hour, minute, second, utc = match.groups()
        try:
            if hour is None:
                moment = datetime(int(year), int(month), int(day), 23, 59, 59)
            else:
                moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                                  int(second))
        except ValueError:
            pass
        else:
            if moment.year >= 1900:
                return (moment, bool(utc)), hour is None
    raise _fail(f'UNTIL must be a date such as 20270701 or a time such as 20270701T190000 '
                f'(Z for UTC), not "{value}"')


def _numbers(name: str, value: str, low: int, high: int, negative: bool) -> tuple[int, ...]:
    found = []
    for item in value.split(","):
        item = item.strip()
        if not _NUMBER.match(item):
            raise _fail(f'{name} is a list of numbers such as {name}={low},{low + 1}, '
                        f'not "{value}"')
        number = int(item)
        size = abs(number) if negative else number
        if not low <= size <= high or (number < 0 and not negative):
            span = f"{low} to {high}" + (f" or -{high} to -{low}" if negative else "")
            raise _fail(f"{name} values run from {span}, not {number}")
        found.append(number)
    return tuple(sorted(set(found)))


def _days(value: str, freq: str, by_month: bool, by_week: bool) -> tuple[rrule.weekday, ...]:
    found = []
    for item in value.split(","):
        match = _DAY.match(item.strip())
        if not match:
            raise _fail(f'BYDAY is a list of days such as MO,TH or 2TU, not "{value}"')
        sign, number, day = match.groups()
        weekday = WEEKDAYS.index(day)
        if number is None:
            found.append(rrule.weekday(weekday))
            continue
        ordinal = int(number) * (-1 if sign == "-" else 1)
        if freq not in ("MONTHLY", "YEARLY") or by_week:
            raise _fail(f"BYDAY={item} (the nth {DAY_NAMES[weekday]}) needs FREQ=MONTHLY or "
                        "FREQ=YEARLY without BYWEEKNO")
        highest = 5 if freq == "MONTHLY" or by_month else 53
        if not 1 <= abs(ordinal) <= highest:
            where = "a month" if highest == 5 else "a year"
            raise _fail(f"BYDAY={item}: {where} has at most {highest} of each day "
                        f"(1 to {highest}, or -1 to -{highest} from the end)")
        found.append(rrule.weekday(weekday, ordinal))
    return tuple(found)


def _check_combinations(freq: str, by: dict[str, Any]) -> None:
    """The combinations RFC 5545 rules out, which dateutil would read in its own way."""
    if "byweekno" in by and freq != "YEARLY":
        raise _fail("BYWEEKNO only goes with FREQ=YEARLY")
    if "byyearday" in by and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        raise _fail("BYYEARDAY does not go with FREQ=DAILY, WEEKLY or MONTHLY")
    if "bymonthday" in by and freq == "WEEKLY":
        raise _fail("BYMONTHDAY does not go with FREQ=WEEKLY")
    if "bysetpos" in by and len(by) == 1:
        raise _fail("BYSETPOS picks from the dates the other BY... parts give: add one")
    _check_month_days(by)
    times = 1
    for keyword in ("byhour", "byminute", "bysecond"):
        times *= len(by.get(keyword, (0,)))
    if times > MAX_TIMES_A_DAY:
        raise _fail(f"BYHOUR, BYMINUTE and BYSECOND give {times} start times a day; a plan "
                    f"may have {MAX_TIMES_A_DAY} at most")


MONTH_LENGTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The most days each month ever has (February: in a leap year)."""
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def _check_month_days(by: dict[str, Any]) -> None:
    """A BYMONTHDAY no BYMONTH ever has (the 30th of February) never occurs: say so at
    once. Searching for it a day at a time (FREQ=DAILY) took `check` eleven seconds."""
    days = by.get("bymonthday")
    if not days:
        return
    months = by.get("bymonth") or tuple(range(1, 13))
    if any(abs(day) <= MONTH_LENGTHS[month - 1] for month in months for day in days):
        return
    named = ", ".join(MONTH_NAMES[month - 1] for month in months)
    listed = ", ".join(str(day) for day in days)
    raise _fail(f"the rule never occurs: {named} has no day {listed}")


def _build(rule: Rule, anchor: datetime, begin: datetime | None = None,
           search_until: datetime | None = None) -> rrule.rrule:
    """The rule as dateutil computes it, for a series whose first moment is `anchor`
    (the defaults for the parts the rule leaves out come from it), searched from
    `begin` on and, for a rule that does not count, no later than `search_until`. A
    rule that counts (COUNT) must begin at its anchor; its count ends its search."""
    options = rule.options
    days_given = any(k in options for k in ("byweekno", "byyearday", "bymonthday",
                                            "byweekday"))
    if not days_given:
        if rule.freq == rrule.YEARLY:
            options.setdefault("bymonth", (anchor.month,))
            options["bymonthday"] = (anchor.day,)
        elif rule.freq == rrule.MONTHLY:
            options["bymonthday"] = (anchor.day,)
        elif rule.freq == rrule.WEEKLY:
            options["byweekday"] = (rrule.weekday(anchor.weekday()),)
    options.setdefault("byhour", (anchor.hour,))
    options.setdefault("byminute", (anchor.minute,))
    options.setdefault("bysecond", (anchor.second,))
    until = _until_moment(rule, anchor) if rule.until is not None else None
    if search_until is not None and rule.count is None:
        until = min(until, search_until) if until is not None else search_until
    return rrule.rrule(rule.freq, dtstart=begin or anchor, interval=rule.interval,
                       wkst=rule.wkst, count=rule.count, until=until, **options)


def _years_after(moment: datetime, years: int) -> datetime:
    return moment + timedelta(days=366 * years)


def first_date(text: str, anchor: datetime) -> datetime | None:
    """The series' first date at or after `anchor` within the horizon, or None.

    Whether a series has a first date does not depend on its COUNT, so the search is
    made without it, and ends at the horizon."""
    rule = parse_rule(text)
    uncounted = Rule(rule.freq, rule.interval, None, rule.until, rule.until_is_date,
                     rule.wkst, rule.by)
    for moment in _build(uncounted, anchor, search_until=_years_after(anchor, HORIZON_YEARS)):
        return moment
    return None


def check_series(text: str, anchor: datetime) -> None:
    """RuleError if the series starting at `anchor` gives no date within the horizon."""
    rule = parse_rule(text)
    if first_date(text, anchor) is not None:
        return
    if rule.until is not None and _until_moment(rule, anchor) < anchor:
        raise RuleError(f"UNTIL is before the start ({anchor:%d %b %Y %H:%M}), so the rule "
                        "gives no date")
    raise RuleError(f"the rule gives no date in the {HORIZON_YEARS} years after "
                    f"{anchor:%d %b %Y}: check BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS; a "
                    f"rule looks like {EXAMPLE}")


def _until_moment(rule: Rule, anchor: datetime) -> datetime:
    """UNTIL as an aware time: UTC with Z, else in the zone of the start (RFC 5545 asks
    for Z with a zoned start; a plan is written by people, so both forms are read)."""
    assert rule.until is not None
    moment, utc = rule.until
    return moment.replace(tzinfo=UTC if utc else anchor.tzinfo)


def dates_after(text: str, anchor: datetime, now: datetime, count: int) -> list[datetime]:
    """Up to `count` dates of the series after `now`; fewer if it ends, or if the next
    one is too far ahead to find in a bounded search."""
    rule = parse_rule(text)
    begin = _begin_near(rule, anchor, now)
    found: list[datetime] = []
    if count <= 0:
        return found
    for moment in _build(rule, anchor, begin, search_until=_years_after(now, SEARCH_YEARS)):
        if moment > now:
            found.append(moment)
            if len(found) == count:
                break
    return found


def _begin_near(rule: Rule, anchor: datetime, now: datetime) -> datetime | None:
    """Where a search for dates after `now` can begin: a whole number of periods after
    the anchor, just before `now`, so that a series started years ago is not walked
    from its start. A counted series (COUNT) is walked from its start."""
    if rule.count is not None or now <= anchor:
        return None
    zone: tzinfo | None = anchor.tzinfo
    first, today = anchor.date(), now.astimezone(zone).date()
    step = rule.interval
    if rule.freq == rrule.DAILY:
        periods = (today - first).days // step - 1
        begin = first + timedelta(days=periods * step) if periods > 0 else None
    elif rule.freq == rrule.WEEKLY:
        periods = (today - first).days // (7 * step) - 1
        begin = first + timedelta(days=7 * periods * step) if periods > 0 else None
    elif rule.freq == rrule.MONTHLY:
        months = (today.year - first.year) * 12 + today.month - first.month
        periods = months // step - 1
        index = first.year * 12 + first.month - 1 + periods * step
        begin = date(index // 12, index % 12 + 1, 1) if periods > 0 else None
    else:
        periods = (today.year - first.year) // step - 1
        begin = date(first.year + periods * step, 1, 1) if periods > 0 else None
    return datetime.combine(begin, time(0), tzinfo=zone) if begin else None
