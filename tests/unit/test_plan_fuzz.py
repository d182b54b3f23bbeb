"""The plan loader under fuzzing: only PlanError comes out, and what it accepts works.

Properties, for any bytes:
- loading raises nothing but the project's own PlanError;
- every refusal has a line and a column (the input is a file, so it has them);
- a plan that is accepted gives its budget, its warnings and its next dates for
  any wall clock (`now` is drawn, from the year 1 to 9999, in zones either side of
  UTC), without raising.

Examples are bounded so that the suite stays fast; benchmarks/bench_fuzz_plan.py
runs thousands and prints the slowest. Nothing here measures time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessiontui.cli.check import render_budget
from sessiontui.plan import LoadedPlan, PlanError, load_plan_bytes
from sessiontui.plan.budget import budget, next_dates
from tests.conftest import SESSIONS

SEEDS = [p.read_bytes() for p in sorted(SESSIONS.glob("*.toml"))]
EVENING = (SESSIONS / "evening-group.toml").read_text()

ZONES = [UTC, timezone(timedelta(hours=-12)), timezone(timedelta(hours=14)),
         timezone(timedelta(hours=23, minutes=59)), ZoneInfo("Europe/London"),
         ZoneInfo("Pacific/Kiritimati"), ZoneInfo("America/St_Johns")]
NOWS = st.one_of(
    st.datetimes(timezones=st.sampled_from(ZONES)),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1),
                 timezones=st.sampled_from(ZONES)),
    st.sampled_from([datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)]),
)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def load_or_refuse(data: bytes, now: datetime | None = None) -> LoadedPlan | None:
    """The property every test here checks."""
    try:
        loaded = load_plan_bytes(data, "fuzz.toml", now=now)
    except PlanError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in str(problem)
            assert problem.line is not None and problem.column is not None, str(problem)
            assert str(problem).startswith(f"fuzz.toml:{problem.line}:{problem.column}: ")
        return None
    plan = loaded.plan
    budget(plan)
    for moment in (now, datetime(2026, 11, 1, tzinfo=UTC)):
        if moment is None:
            continue
        dates = next_dates(plan, moment)
        assert dates == sorted(dates) and all(d > moment for d in dates)
        assert len(dates) <= 3
        render_budget(loaded, now=moment)
    return loaded


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 40), st.binary(max_size=12)), max_size=6
    ),
)
def test_byte_mutations(seed: bytes, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray(seed)
    for where, cut, insert in edits:
        at = int(where * len(data))
        data[at : at + cut] = insert
    load_or_refuse(bytes(data))


TOKENS = ['"', "=", "[", "]", "[[", "]]", "\n", "0", "-1", "1e400", "nan", "true", '"10m"',
          "99999999999999999999", '"\\u202e"', '"\\u0000"', "{", "}", ",", "kind", "rooms",
          "duration", "#", "'''", '"""', "\r", ".", "x.y.z", '"a.b"', "{a={b=[1]}}",
          "\\", "'", "2026-11-24T19:30:00-23:59", '"x[1]"', '"function-after[x]"']


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    where=st.lists(st.floats(0, 1), min_size=1, max_size=5),
    tokens=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5),
)
def test_token_mutations(seed: bytes, where: list[float], tokens: list[str]) -> None:
    text = seed.decode()
    for fraction, token in zip(where, tokens, strict=False):
        at = int(fraction * len(text))
        text = text[:at] + token + text[at:]
    load_or_refuse(text.encode("utf-8", "surrogatepass"))


def at_a_line_start(text: str, fraction: float, insert: str) -> str:
    lines = text.splitlines(keepends=True)
    at = int(fraction * len(lines))
    return "".join(lines[:at]) + insert + "".join(lines[at:])


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    fraction=st.floats(0, 1),
    parts=st.integers(1, 3000),
    shape=st.sampled_from(["key", "table", "array", "inline", "quoted"]),
)
def test_deep_keys(seed: bytes, fraction: float, parts: int, shape: str) -> None:
    name = ".".join(["a"] * parts)
    insert = {
        "key": f"{name} = 1\n",
        "table": f"[{name}]\n",
        "array": f"[[{name}]]\n",
        "inline": f"x = {{ {name} = 1 }}\n",
        "quoted": ".".join(['"a"'] * parts) + " = 1\n",
    }[shape]
    load_or_refuse(at_a_line_start(seed.decode(), fraction, insert).encode())


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    fraction=st.floats(0, 1),
    size=st.integers(1, 200_000),
    shape=st.sampled_from(["string", "escapes", "number", "commas", "arrays", "tables",
                           "comment", "unclosed", "blank"]),
)
def test_huge_lines_and_nesting(seed: bytes, fraction: float, size: int, shape: str) -> None:
    insert = {
        "string": 'notes = "' + "n" * size + '"\n',
        "escapes": 'notes = "' + "\\n" * (size // 2) + '"\n',
        "number": "seed = " + "9" * size + "\n",
        "commas": "x = [" + "1," * (size // 2) + "]\n",
        "arrays": "x = " + "[" * min(size, 20_000) + "]" * min(size, 20_000) + "\n",
        "tables": "x = " + "{a=" * min(size, 20_000) + "1" + "}" * min(size, 20_000) + "\n",
        "comment": "# " + "c" * size + "\n",
        "unclosed": 'notes = "' + '\\"' * (size // 2) + "\n",
        "blank": "\n" * size,
    }[shape]
    load_or_refuse(at_a_line_start(seed.decode(), fraction, insert).encode())


def iso_text(moment: datetime) -> str:
    return moment.isoformat(sep=" ")


PLAUSIBLE = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 30))
STARTS = st.one_of(
    PLAUSIBLE.map(iso_text),
    PLAUSIBLE.map(lambda moment: f"{moment:%a %d %b %Y %H:%M}"),
    st.datetimes(timezones=st.none() | st.sampled_from(ZONES[:4])).map(iso_text),
    st.sampled_from(["2026-11-24 19:30", "03/12/2026 19:00", "19:30 EST",
                     "2026-11-24T19:30-25:00", "9999-12-31T23:59:59-23:59", "24 Nov 2026 7pm",
                     "Tue 24 Nov 2026 19:00 GMT+3", "2026-W48-2T19:30", "20261124T1930",
                     "1969-12-31 23:59", "2999-12-31 23:59", "", "now", "24/11/2026"]),
    st.text(alphabet="0123456789-/:. TZ+apmJanNovESTGMTue", max_size=25),
)
TIMEZONES = st.one_of(
    st.sampled_from(["Europe/London", "America/New_York", "Pacific/Kiritimati", "UTC",
                     "Etc/GMT+12", "Etc/GMT-14", "EST5EDT", "Australia/Lord_Howe",
                     "America/St_Johns", "Asia/Kathmandu"]),
    st.sampled_from(["EST5EDT,M13.9.9,M11.1.0", "../../../../etc/passwd", "GMT+1",
                     "europe/london", "localtime", ""]),
    st.text(max_size=20),
)
FREQUENCY = st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY",
                             "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=HOURLY", "freq=weekly"])
PARTS = st.one_of(
    st.sampled_from(["BYDAY=MO,WE", "BYDAY=TU", "BYDAY=-1FR", "BYDAY=2TU", "BYDAY=5SU",
                     "BYMONTHDAY=13", "BYMONTHDAY=-1", "BYMONTHDAY=29,30,31", "BYMONTH=2",
                     "BYMONTH=6,12", "BYSETPOS=-1", "BYSETPOS=2", "INTERVAL=2", "INTERVAL=3",
                     "COUNT=5", "COUNT=1", "UNTIL=20270701T000000", "UNTIL=20270701T000000Z",
                     "UNTIL=20270701", "UNTIL=99991231T235959", "UNTIL=19700101", "BYHOUR=12",
                     "BYHOUR=9,18", "BYMINUTE=30", "BYSECOND=0", "WKST=SU", "BYWEEKNO=1",
                     "BYWEEKNO=53", "BYYEARDAY=100", "BYYEARDAY=-1"]),
    st.sampled_from(["BYEASTER=9999", "BYDAY=+99MO", "BYDAY=53MO", "COUNT=0", "BYSECOND=60",
                     "INTERVAL=1000", "BYSETPOS=400", "weekly", "", "FREQ=DAILY"]),
    st.builds(lambda name, value: f"{name}={value}",
              st.sampled_from(["BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS",
                               "BYHOUR", "BYMINUTE", "INTERVAL", "COUNT"]),
              st.integers(-400, 400).map(str)),
)
REAL_RULES = st.sampled_from([
    "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000Z", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;BYDAY=WE;BYHOUR=12;BYMINUTE=30", "FREQ=DAILY",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY",
    "RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=SU,SA", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
])
RULES = st.one_of(
    REAL_RULES,
    st.builds(lambda rule, part: f"{rule};{part}", REAL_RULES, PARTS),
    st.builds(lambda freq, parts: ";".join([freq, *parts]), FREQUENCY,
              st.lists(PARTS, max_size=3)),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(starts=st.none() | STARTS, zone=st.none() | TIMEZONES, rule=st.none() | RULES,
       now=NOWS)
def test_random_starts_zones_and_rules(
    starts: str | None, zone: str | None, rule: str | None, now: datetime
) -> None:
    session = {"title": "x"}
    for key, value in (("starts", starts), ("timezone", zone), ("repeat", rule)):
        if value is not None:
            session[key] = value
    document = {"session": session, "phases": [{"kind": "close", "duration": "15m"}]}
    load_or_refuse(tomli_w.dumps(document).encode(), now=now)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=RULES, starts=PLAUSIBLE, now=NOWS)
def test_accepted_rules_give_dates_for_any_clock(rule: str, starts: datetime,
                                                 now: datetime) -> None:
    written = tomli_w.dumps({"repeat": rule}).strip()
    text = EVENING.replace('repeat = "FREQ=WEEKLY;BYDAY=TU"', written)
    text = text.replace('starts = "2026-11-24 19:30"', f'starts = "{starts:%Y-%m-%d %H:%M}"')
    load_or_refuse(text.encode(), now=now)


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                       st.booleans(), st.lists(st.integers(), max_size=3)))
def test_any_value_for_any_key(value: object) -> None:
    for key in ("duration", "rooms", "group_size", "seed", "warnings", "min", "per_person",
                "turn_limit", "queue", "order", "prompts"):
        phase = {"kind": "breakout" if key in ("rooms", "group_size", "seed") else "discussion",
                 "duration": "10m", key: value}
        if key in ("rooms", "group_size", "seed") and key != "rooms":
            phase["rooms"] = 2
        document = {"session": {"title": "x"}, "phases": [phase]}
        try:
            data = tomli_w.dumps(document).encode()
        except (TypeError, ValueError):
            continue
        load_or_refuse(data)
