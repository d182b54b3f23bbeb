"""Fuzz the plan loader as `sessiontui check` runs it, and print what came of each case.

Targets (issue 11): every case is either a clean refusal (PlanError, one
`FILE:LINE:COL: message` line per problem) or an accepted plan whose budget and next
dates work for any wall clock; anything else: 0; the slowest check under 1 s.

    python benchmarks/run.py fuzz_plan -- --cases 5000 --seed 7
    python benchmarks/bench_fuzz_plan.py --cases 500

Cases are mutations of the example plans in sessions/ (bytes, tokens, deep keys, huge
lines and nesting, random values for starts, timezone and repeat), the cases issue 11
lists, and the toml-test corpora when they are there. Each is checked in this process
(parse, validate, warnings, budget, next dates); the slowest is then run again through
the real command in a fresh process.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from common import percentile, sessiontui, user_env

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
CLOCKS = [NOW, datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC),
          datetime(2999, 6, 1, tzinfo=timezone(timedelta(hours=14))),
          datetime(1970, 1, 1, tzinfo=timezone(timedelta(hours=-12)))]

Case = tuple[str, bytes]  # (what it is, the plan's bytes)

SESSION = '[session]\ntitle = "Tuesday group"\n'
PHASE = '[[phases]]\nkind = "close"\nduration = "15m"\n'
ISSUE_CASES: list[tuple[str, str]] = [
    ("UNTIL without Z", SESSION + 'starts = "2026-11-24 19:30"\ntimezone = "Europe/London"\n'
     'repeat = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000"\n' + PHASE),
    ("UNTIL with Z", SESSION + 'starts = "2026-11-24 19:30"\ntimezone = "Europe/London"\n'
     'repeat = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000Z"\n' + PHASE),
    ("POSIX zone", SESSION + 'timezone = "EST5EDT,M13.9.9,M11.1.0"\n' + PHASE),
    ("path as zone", SESSION + 'timezone = "../../../../etc/passwd"\n' + PHASE),
    ("GMT+1", SESSION + 'timezone = "GMT+1"\n' + PHASE),
    ("offset -25:00", SESSION + 'starts = "2026-11-24T19:30-25:00"\n' + PHASE),
    ("year 9999", SESSION + 'starts = "9999-12-31T23:59:59-23:59"\n' + PHASE),
    ("BYEASTER", SESSION + 'repeat = "FREQ=YEARLY;BYEASTER=9999"\n' + PHASE),
    ("+99MO", SESSION + 'repeat = "FREQ=MONTHLY;BYDAY=+99MO"\n' + PHASE),
    ("30 February", SESSION + 'starts = "2026-11-24 19:30"\n'
     'repeat = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"\n' + PHASE),
    ("30 February, daily", SESSION + 'starts = "2026-11-24 19:30"\n'
     'repeat = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"\n' + PHASE),
    ('"x[1]" key', '"x[1]" = 1\n' + SESSION + PHASE),
    ("03/12/2026", SESSION + 'starts = "03/12/2026 19:00"\n' + PHASE),
    ("19:30 EST", SESSION + 'starts = "19:30 EST"\n' + PHASE),
    ("weekly", SESSION + 'repeat = "weekly"\n' + PHASE),
    ("function-x key", SESSION + '"function-x" = 1\n' + PHASE),
    ("NFC twins", SESSION + PHASE + '[[participants]]\nname = "Jos\u00e9"\n'
     '[[participants]]\nname = "JOSE\u0301"\n'),
]


def seeds() -> list[bytes]:
    return [path.read_bytes() for path in sorted((ROOT / "sessions").glob("*.toml"))]


def corpus_cases() -> Iterator[Case]:
    for parent in ROOT.parents:
        base = parent / "shared" / "corpora"
        if base.is_dir():
            for path in sorted(base.rglob("*.toml")):
                yield f"corpus {path.relative_to(base)}", path.read_bytes()
            return


def at_line(text: str, rng: random.Random, insert: str) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines) + 1)
    return "".join(lines[:at]) + insert + "".join(lines[at:])


TOKENS = ['"', "=", "[", "]", "[[", "]]", "\n", "0", "-1", "1e400", "nan", "true", '"10m"',
          "99999999999999999999", '"\\u202e"', "{", "}", ",", "kind", "rooms", ".", "#",
          "'''", '"""', "\r", "x.y.z", '"a.b"', "\\", "'", "2026-11-24T19:30:00-23:59"]
ZONES = ["Europe/London", "America/New_York", "UTC", "Etc/GMT+12", "EST5EDT", "GMT+1",
         "europe/london", "../etc/passwd", "EST5EDT,M3.2.0,M11.1.0", "", "Asia/Kathmandu"]
RULE_PARTS = ["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=HOURLY",
              "BYDAY=TU", "BYDAY=-1FR", "BYDAY=+99MO", "BYDAY=5SU", "BYMONTH=2",
              "BYMONTHDAY=30", "BYMONTHDAY=-1", "BYSETPOS=-1", "INTERVAL=3", "COUNT=4",
              "UNTIL=20270701T000000", "UNTIL=20270701T000000Z", "UNTIL=19991231",
              "BYWEEKNO=53", "BYYEARDAY=366", "BYEASTER=1", "BYHOUR=12", "WKST=SU"]


def mutate(rng: random.Random, seed: bytes) -> Case:
    kind = rng.choice(["bytes", "tokens", "deep key", "huge line", "nesting", "timing"])
    text = seed.decode()
    if kind == "bytes":
        data = bytearray(seed)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data) + 1)
            data[at : at + rng.randint(0, 40)] = rng.randbytes(rng.randint(0, 12))
        return "byte mutations", bytes(data)
    if kind == "tokens":
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        return "token insertions", text.encode("utf-8", "surrogatepass")
    if kind == "deep key":
        parts = rng.choice([2, 10, 11, 100, 5_000, 50_000])
        name = ".".join(["a"] * parts)
        shape = rng.choice([f"{name} = 1\n", f"[{name}]\n", f"[[{name}]]\n",
                            f"x = {{ {name} = 1 }}\n"])
        return f"key of {parts:,} parts", at_line(text, rng, shape).encode()
    if kind == "huge line":
        size = rng.choice([1_000, 50_000, 500_000])
        shape, insert = rng.choice([
            ("string", 'notes = "' + "n" * size + '"\n'),
            ("escapes", 'notes = "' + "\\u00e9" * (size // 6) + '"\n'),
            ("number", "seed = " + "9" * size + "\n"),
            ("array", "x = [" + "1," * (size // 2) + "]\n"),
            ("unclosed string", 'notes = "' + '\\"' * (size // 2) + "\n"),
            ("blank lines", "\n" * size),
            ("comment lines", "#\n" * (size // 2)),
            ("keys", "".join(f"k{i} = {i}\n" for i in range(size // 10))),
        ])
        data = at_line(text, rng, insert).encode()[: 1024 * 1024]
        return f"{shape} of {size:,}", data
    if kind == "nesting":
        depth = rng.choice([3, 11, 1_000, 100_000])
        insert = rng.choice(["x = " + "[" * depth + "]" * depth + "\n",
                             "x = " + "{a=" * depth + "1" + "}" * depth + "\n"])
        return f"nesting {depth:,} deep", at_line(text, rng, insert).encode()[: 1024 * 1024]
    starts = rng.choice([f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-"
                         f"{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:30",
                         "2026-11-24 19:30", "03/12/2026 19:00", "19:30 EST",
                         "2026-11-24T19:30-25:00", "24 Nov 2026 7pm", "now"])
    rule = ";".join(rng.sample(RULE_PARTS, rng.randint(1, 4)))
    zone = rng.choice(ZONES)
    session = (f'[session]\ntitle = "fuzz"\nstarts = "{starts}"\ntimezone = "{zone}"\n'
               f'repeat = "{rule}"\n')
    return f"starts {starts!r}, timezone {zone!r}, repeat {rule!r}", with_session(
        text, session).encode()


def with_session(text: str, session: str) -> str:
    """The plan with its [session] table replaced."""
    head, rest = text.split("[session]", 1)
    after = rest.split("\n[", 1)
    return head + session + ("\n[" + after[1] if len(after) > 1 else "")


def check_one(data: bytes, name: str) -> tuple[str, str]:
    """What became of one case: ("refused" | "refused without position" | "accepted" |
    "other", detail)."""
    from sessiontui.cli.check import render_budget
    from sessiontui.plan import PlanError, load_plan_bytes
    from sessiontui.plan.budget import budget, next_dates

    try:
        loaded = load_plan_bytes(data, name, now=NOW)
        render_budget(loaded, now=NOW)
        budget(loaded.plan)
        for clock in CLOCKS:
            next_dates(loaded.plan, clock)
    except PlanError as error:
        if any(problem.line is None or "\n" in str(problem) for problem in error.problems):
            return "refused without position", str(error.problems[0])
        return "refused", str(error.problems[0])
    except Exception as error:  # counting these is the point
        return "other", f"{type(error).__name__}: {error}"
    return "accepted", ""


def run_cases(cases: list[Case], on_each: Callable[[int], None] | None = None):
    outcomes: dict[str, int] = {}
    others: list[tuple[str, str]] = []
    times: list[tuple[float, str, bytes]] = []
    for index, (what, data) in enumerate(cases):
        started = time.perf_counter()
        outcome, detail = check_one(data, "fuzz.toml")
        took = time.perf_counter() - started
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome in ("other", "refused without position"):
            others.append((what, detail))
        times.append((took, what, data))
        if on_each:
            on_each(index)
    return outcomes, others, times


def cli_seconds(data: bytes) -> float:
    """One run of `sessiontui check` on the plan, in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slowest.toml"
        path.write_bytes(data)
        started = time.perf_counter()
        subprocess.run([*sessiontui(), "check", str(path)], capture_output=True,
                       env=user_env(), timeout=120)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="mutated plans (default 3000)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    plans = seeds()
    cases: list[Case] = [(what, text.encode()) for what, text in ISSUE_CASES]
    cases += list(corpus_cases())
    cases += [mutate(rng, rng.choice(plans)) for _ in range(args.cases)]
    for what, text in ISSUE_CASES[:2]:  # imports and first-use caches are not the plan's
        check_one(text.encode(), what)
    outcomes, others, times = run_cases(cases)
    refused = outcomes.get("refused", 0)
    print(f"   cases: {len(cases):,} ({len(ISSUE_CASES)} from the issue, "
          f"{len(cases) - len(ISSUE_CASES) - args.cases:,} from the toml-test corpora, "
          f"{args.cases:,} mutations, seed {args.seed})")
    print(f"   clean refusals: {refused:,}")
    print(f"   accepted: {outcomes.get('accepted', 0):,}")
    print(f"   anything else: {len(others)} (target 0)")
    for what, detail in others[:10]:
        print(f"     {what}: {detail[:160]}")
    seconds = sorted(took for took, _, _ in times)
    print(f"   check per plan: median {percentile(seconds, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(seconds, 0.99) * 1000:.1f} ms")
    took, what, data = max(times, key=lambda item: item[0])
    print(f"   slowest check: {took * 1000:.0f} ms in this process (target < 1 s): {what} "
          f"({len(data):,} bytes)")
    example = (ROOT / "sessions" / "evening-group.toml").read_bytes()
    slowest, plain = min(cli_seconds(data) for _ in range(3)), min(
        cli_seconds(example) for _ in range(3))
    print(f"   the same plan through `sessiontui check` in a fresh process: {slowest * 1000:.0f} "
          f"ms (best of 3), against {plain * 1000:.0f} ms for sessions/evening-group.toml")


if __name__ == "__main__":
    main()
