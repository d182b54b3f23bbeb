"""`starts`, `timezone` and `repeat`: what a plan may say, and the dates that come of it.

Every test passes its own clock: none depends on today's date.
"""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta, timezone

import pytest

from sessiontui.plan import PlanError, load_plan_bytes
from sessiontui.plan.budget import budget, next_dates, plan_zone, start_time
from sessiontui.plan.models import Plan
from sessiontui.plan.recurrence import first_date
from sessiontui.plan.redact import plan_from_snapshot, plan_snapshot
from tests.conftest import SESSIONS

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

PHASES = '\n[[phases]]\nkind = "close"\nduration = "15m"\n'
SAFEGUARDING = '\n[safeguarding]\nlead = "Safeguarding lead"\ncontact = "01632 960000"\n'
"""So that the only warnings are about times."""


def plan_text(**session: str) -> str:
    lines = ['[session]', 'title = "Tuesday group"']
    lines += [f"{key} = {value}" for key, value in session.items()]
    return "\n".join(lines) + "\n" + SAFEGUARDING + PHASES


def load(now: datetime | None = None, **session: str):
    return load_plan_bytes(plan_text(**session).encode(), "plan.toml", now=now)


def refuse(**session: str) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a raw Python warning is a failure too
        with pytest.raises(PlanError) as caught:
            load(**session)
    return [str(problem) for problem in caught.value.problems]


WEEKLY_UNTIL = {"starts": '"2026-11-24 19:30"', "timezone": '"Europe/London"'}


# --- repeat: UNTIL in both forms -------------------------------------------------


def test_until_without_zone_is_accepted_and_next_dates_work() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000"').plan
    dates = next_dates(plan, NOW)
    assert [f"{d:%a %d %b %Y %H:%M}" for d in dates] == [
        "Tue 24 Nov 2026 19:30", "Tue 01 Dec 2026 19:30", "Tue 08 Dec 2026 19:30"]
    # the close phase asks again after the rule has ended: no dates, no exception
    assert next_dates(plan, datetime(2027, 7, 1, tzinfo=UTC)) == []
    last = next_dates(plan, datetime(2027, 6, 20, tzinfo=UTC), count=5)
    assert [f"{d:%d %b}" for d in last] == ["22 Jun", "29 Jun"]


def test_until_in_utc_is_accepted_and_next_dates_work() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T183000Z"').plan
    # 18:30Z is 19:30 in London's summer time: the session that day is the last one
    last = next_dates(plan, datetime(2027, 6, 20, tzinfo=UTC), count=5)
    assert [f"{d:%d %b %H:%M}" for d in last] == ["22 Jun 19:30", "29 Jun 19:30"]


def test_until_without_zone_is_read_in_the_plans_zone() -> None:
    # 19:00 in London on 29 June is before that day's 19:30 session
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T190000"').plan
    last = next_dates(plan, datetime(2027, 6, 20, tzinfo=UTC), count=5)
    assert [f"{d:%d %b}" for d in last] == ["22 Jun"]


def test_until_as_a_date_takes_in_that_whole_day() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629"').plan
    last = next_dates(plan, datetime(2027, 6, 20, tzinfo=UTC), count=5)
    assert [f"{d:%d %b}" for d in last] == ["22 Jun", "29 Jun"]


def test_until_before_the_start_is_refused() -> None:
    [line] = refuse(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU;UNTIL=20261101T000000Z"')
    assert line.startswith("plan.toml:5:1: session: repeat: UNTIL is before the start")


def test_count_and_until_together_are_refused_without_a_raw_warning() -> None:
    [line] = refuse(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;COUNT=3;UNTIL=20270101"')
    assert "COUNT or UNTIL, not both" in line


# --- repeat: rules that never occur, or that dateutil cannot compute ------------


@pytest.mark.parametrize(("rule", "why"), [
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "February has no day 30"),
    ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "February has no day 30"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "February has no day 30"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30", "February has no day -30"),
    ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11",
     "April, June, September, November has no day 31"),
])
def test_a_month_day_that_never_exists_is_refused_at_once(rule: str, why: str) -> None:
    """Searched a day at a time, the 30th of February took `check` eleven seconds."""
    [line] = refuse(**WEEKLY_UNTIL, repeat=f'"{rule}"')
    assert f"the rule never occurs: {why}" in line


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY;INTERVAL=7;BYDAY=WE",  # every 7th day from a Tuesday is never a Wednesday
])
def test_a_rule_that_never_occurs_is_refused(rule: str) -> None:
    [line] = refuse(**WEEKLY_UNTIL, repeat=f'"{rule}"')
    assert line.startswith("plan.toml:5:1: session: repeat: the rule gives no date in the 50 "
                           "years after 24 Nov 2026")


def test_a_rule_that_never_occurs_is_given_up_on_at_the_horizon(monkeypatch) -> None:
    # dateutil searches a rule that never occurs to the year 9999 (seconds); the search
    # here is handed an end (dateutil's own UNTIL) at the horizon.
    from dateutil import rrule

    ends: list[datetime | None] = []
    real = rrule.rrule.__init__

    def noting(self, *args, **kwargs):
        ends.append(kwargs.get("until"))
        real(self, *args, **kwargs)

    monkeypatch.setattr(rrule.rrule, "__init__", noting)
    start = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
    assert first_date("FREQ=DAILY;INTERVAL=7;BYDAY=WE", start) is None
    assert ends and all(end is not None and end.year <= 2026 + 51 for end in ends)
    assert first_date("FREQ=WEEKLY;BYDAY=WE;COUNT=3", start) == datetime(
        2026, 11, 25, 19, 30, tzinfo=UTC)


def test_a_rule_that_occurs_rarely_is_accepted() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"').plan
    assert [d.year for d in next_dates(plan, NOW)] == [2044, 2072, 2112]


@pytest.mark.parametrize(("rule", "why"), [
    ("FREQ=MONTHLY;BYDAY=+99MO", "a month has at most 5 of each day"),
    ("FREQ=MONTHLY;BYDAY=6MO", "a month has at most 5 of each day"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=+53MO", "a month has at most 5 of each day"),
    ("FREQ=YEARLY;BYDAY=54MO", "a year has at most 53"),
    ("FREQ=WEEKLY;BYDAY=2TU", "needs FREQ=MONTHLY or FREQ=YEARLY"),
    ("FREQ=YEARLY;BYEASTER=9999", "not part of RFC 5545"),
    ("FREQ=HOURLY", "at most daily"),
    ("FREQ=DAILY;BYHOUR=25", "BYHOUR values run from 0 to 23"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY values run from 1 to 31"),
    ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number from 1"),
    ("FREQ=WEEKLY;BYDAY=TU;BYDAY=WE", "BYDAY is given twice"),
    ("FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS picks from"),
    ("FREQ=WEEKLY;UNTIL=2027-07-01", "UNTIL must be a date such as 20270701"),
    ("BYDAY=TU", "FREQ is missing"),
    ("FREQ=DAILY;BYHOUR=0,1,2,3,4;BYMINUTE=0,10,20,30,40,50", "30 start times a day"),
])
def test_rules_dateutil_would_fail_on_or_misread_are_refused(rule: str, why: str) -> None:
    [line] = refuse(**WEEKLY_UNTIL, repeat=f'"{rule}"')
    assert line.startswith("plan.toml:5:1: session.repeat: ") and why in line
    assert 'looks like "FREQ=WEEKLY;BYDAY=TU"' in line


def test_a_word_for_a_rule_says_what_a_rule_looks_like() -> None:
    [line] = refuse(repeat='"weekly"')
    assert line == ('plan.toml:3:1: session.repeat: "weekly" is not a rule: write '
                    '"FREQ=WEEKLY"; a recurrence rule (RFC 5545) looks like '
                    '"FREQ=WEEKLY;BYDAY=TU" (every Tuesday)')


def test_counting_needs_a_start_to_count_from() -> None:
    [line] = refuse(repeat='"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"')
    assert "INTERVAL counts from the first session: add starts" in line
    [line] = refuse(repeat='"FREQ=WEEKLY;COUNT=6;BYDAY=TU"')
    assert "COUNT counts from the first session" in line


def test_rule_prefix_and_lower_case_are_read() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"RRULE:freq=weekly;byday=tu"').plan
    assert len(next_dates(plan, NOW)) == 3


# --- next_dates: any clock, bounded ----------------------------------------------


EXTREME_NOWS = [
    datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC),
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=-23))),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=23))),
    datetime(2026, 11, 1, 12, 0),  # naive: read as UTC
    datetime(2999, 1, 1, tzinfo=UTC),
]


@pytest.mark.parametrize("now", EXTREME_NOWS, ids=str)
@pytest.mark.parametrize("rule", [
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000Z",
    "FREQ=DAILY", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=WEEKLY;COUNT=10;BYDAY=TU", "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31",
])
def test_next_dates_never_raise_whatever_the_clock(now: datetime, rule: str) -> None:
    plan = load(**WEEKLY_UNTIL, repeat=f'"{rule}"').plan
    dates = next_dates(plan, now)
    aware_now = now if now.tzinfo else now.replace(tzinfo=UTC)
    assert all(d > aware_now for d in dates)
    assert dates == sorted(dates)


def test_next_dates_of_a_series_begun_long_ago_match_the_full_walk() -> None:
    from dateutil import rrule

    plan = load(starts='"1971-03-02 19:30"', timezone='"Europe/London"',
                repeat='"FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH"').plan
    expected = rrule.rrulestr("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH",
                              dtstart=start_time(plan)).xafter(NOW, count=3)
    assert next_dates(plan, NOW) == list(expected)


def test_next_dates_keep_the_clock_time_across_a_change_to_winter_time() -> None:
    plan = load(starts='"2026-10-20 19:30"', timezone='"Europe/London"',
                repeat='"FREQ=WEEKLY;BYDAY=TU"').plan
    dates = next_dates(plan, datetime(2026, 10, 21, tzinfo=UTC))
    assert [f"{d:%d %b %H:%M %Z}" for d in dates] == [
        "27 Oct 19:30 GMT", "03 Nov 19:30 GMT", "10 Nov 19:30 GMT"]


def test_budget_counts_phase_times_across_a_change_of_the_clocks() -> None:
    text = plan_text(starts='"2026-10-25 00:30"', timezone='"Europe/London"') + PHASES
    rows = budget(load_plan_bytes(text.encode()).plan)
    # 00:30 BST + 15m + 15m = 01:00 GMT (the clocks went back at 02:00 BST)
    assert [f"{row.starts:%H:%M %Z}" for row in rows] == ["00:30 BST", "00:45 BST"]
    text = plan_text(starts='"2026-10-25 01:30"', timezone='"Europe/London"') + PHASES * 3
    rows = budget(load_plan_bytes(text.encode()).plan)
    assert [f"{row.starts:%H:%M %Z}" for row in rows][-1] == "01:15 GMT"


def test_a_plan_without_a_start_repeats_from_the_clock() -> None:
    plan = load(repeat='"FREQ=WEEKLY;BYDAY=WE;BYHOUR=12;BYMINUTE=30"',
                timezone='"Europe/London"').plan
    dates = next_dates(plan, NOW)  # Sunday 1 November 2026
    assert [f"{d:%a %d %b %H:%M}" for d in dates] == [
        "Wed 04 Nov 12:30", "Wed 11 Nov 12:30", "Wed 18 Nov 12:30"]


# --- timezone -------------------------------------------------------------------


@pytest.mark.parametrize("zone", [
    "EST5EDT,M13.9.9,M11.1.0", "../../../../etc/passwd", "GMT+1", "/etc/localtime", "",
    "Mars/Olympus", "localtime", "posixrules",
])
def test_only_iana_zone_names_are_accepted(zone: str) -> None:
    [line] = refuse(timezone=f'"{zone}"')
    assert line.startswith("plan.toml:3:1: session.timezone: ")
    assert "is not a known time zone" in line and '"Europe/London"' in line


def test_a_zone_in_the_wrong_case_is_suggested() -> None:
    [line] = refuse(timezone='"europe/london"')
    assert 'did you mean "Europe/London"?' in line


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "UTC", "Etc/GMT+1",
                                  "EST5EDT", "Asia/Kolkata"])
def test_iana_zone_names_are_accepted(zone: str) -> None:
    plan = load(timezone=f'"{zone}"', starts='"2026-11-24 19:30"').plan
    assert getattr(plan_zone(plan), "key", None) == zone


# --- starts ---------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    '"2026-11-24T19:30-25:00"', '"9999-12-31T23:59:59-23:59"', "9999-12-31T23:59:59-23:59",
    '"2026-11-24T19:30+15:00"', '"24 Nov 2026 19:30 +2300"',
])
def test_offsets_no_place_uses_are_refused(written: str) -> None:
    [line] = refuse(starts=written)
    assert line.startswith("plan.toml:3:1: session.starts: ")
    assert "offset no place uses" in line or "cannot read" in line


@pytest.mark.parametrize("written", ['"0001-01-01 00:00"', '"3000-01-01 19:00"',
                                     "1900-01-01T00:00:00"])
def test_years_no_session_could_be_in_are_refused(written: str) -> None:
    [line] = refuse(starts=written)
    assert "years 1970 to 2999" in line


def test_a_date_that_could_be_day_or_month_first_is_refused() -> None:
    [line] = refuse(starts='"03/12/2026 19:00"')
    assert line == ('plan.toml:3:1: session.starts: "03/12/2026 19:00" is ambiguous: 03/12 '
                    "could be 3 December or 12 March; write it as year-month-day and a 24-hour "
                    'time, such as "2026-11-24 19:30"')


@pytest.mark.parametrize("written", ['"19:30 EST"', '"24 Nov 2026 19:30 EST"',
                                     '"24 Nov 2026 19:30 GMT+3"'])
def test_a_zone_abbreviation_is_refused_without_a_raw_warning(written: str) -> None:
    [line] = refuse(starts=written)  # refuse() turns any Python warning into a failure
    assert line.startswith("plan.toml:3:1: session.starts: ")
    assert "timezone" in line or "full date" in line or "year-month-day" in line


@pytest.mark.parametrize("written", ['"19:30"', '"Nov 2026 19:00"', '"24 Nov 19:00"'])
def test_a_start_without_a_whole_date_is_refused(written: str) -> None:
    [line] = refuse(starts=written)
    assert "year-month-day" in line


@pytest.mark.parametrize(("written", "expected"), [
    ('"2026-11-24 19:30"', datetime(2026, 11, 24, 19, 30)),
    ('"20261124T1930"', datetime(2026, 11, 24, 19, 30)),
    ('"2026-11-24T19:30+01:00"', datetime(2026, 11, 24, 19, 30,
                                          tzinfo=timezone(timedelta(hours=1)))),
    ('"24 Nov 2026 19:30 UTC"', datetime(2026, 11, 24, 19, 30, tzinfo=UTC)),
    ("2026-11-24T19:30:00Z", datetime(2026, 11, 24, 19, 30, tzinfo=UTC)),
])
def test_iso_8601_and_month_names_are_read(written: str, expected: datetime) -> None:
    assert load(starts=written).plan.session.starts == expected


def test_a_start_in_the_past_is_warned_about_with_the_clock_given() -> None:
    loaded = load(now=NOW, starts='"2026-10-20 19:30"', timezone='"Europe/London"')
    assert [str(w) for w in loaded.warnings] == [
        "plan.toml:3:1: starts Tue 20 Oct 2026 19:30, which is in the past"]
    assert load(starts='"2026-10-20 19:30"').warnings == ()  # no clock, no opinion


def test_a_repeating_series_begun_in_the_past_is_not_warned_about() -> None:
    loaded = load(now=NOW, starts='"2026-10-20 19:30"', repeat='"FREQ=WEEKLY;BYDAY=TU"')
    assert loaded.warnings == ()
    ended = load(now=NOW, starts='"2026-10-20 19:30"', repeat='"FREQ=WEEKLY;COUNT=2"')
    assert [str(w) for w in ended.warnings] == [
        "plan.toml:4:1: starts Tue 20 Oct 2026 19:30, in the past, and repeat gives no "
        "later date"]


def test_a_start_off_the_rules_days_is_warned_about() -> None:
    loaded = load(now=NOW, starts='"2026-11-24 19:30"', repeat='"FREQ=WEEKLY;BYDAY=WE"')
    assert [str(w) for w in loaded.warnings] == [
        "plan.toml:3:1: starts Tue 24 Nov 2026 19:30 is a Tuesday, but repeat is on "
        "Wednesday: the first session by the rule is Wed 25 Nov 2026 19:30"]
    hour = load(now=NOW, starts='"2026-11-24 19:30"', repeat='"FREQ=WEEKLY;BYHOUR=12"')
    assert "is not one of the dates repeat gives" in str(hour.warnings[0])


# --- old logs -------------------------------------------------------------------


def test_an_old_log_with_a_zone_now_refused_still_replays() -> None:
    plan = load(**WEEKLY_UNTIL, repeat='"FREQ=WEEKLY;BYDAY=TU"').plan
    snapshot = plan_snapshot(plan)
    snapshot["session"]["timezone"] = "GMT+1"  # accepted by an earlier version
    snapshot["session"]["repeat"] = "FREQ=WEEKLY;BYEASTER=1"
    again = plan_from_snapshot(snapshot)
    assert isinstance(again, Plan) and again.session.timezone is None
    assert again.session.repeat is None and again.phases == plan.phases
    with pytest.raises(ValueError):
        plan_from_snapshot({**snapshot, "phases": []})  # other problems still count


def test_every_rule_the_docs_show_is_accepted_and_gives_dates() -> None:
    docs = (SESSIONS.parent / "docs" / "plan-format.md").read_text(encoding="utf-8")
    table = docs.split("| rule | means |", 1)[1].split("\n\n", 1)[0]
    rules = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    assert len(rules) >= 6
    for rule in rules:
        session = {} if "BYHOUR" in rule else WEEKLY_UNTIL
        plan = load(**session, repeat=f'"{rule}"').plan
        assert next_dates(plan, NOW), rule
