"""Loading plans: the examples are valid, and every mistake is one located line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.plan import PlanError, load_plan, load_plan_bytes
from sessiontui.plan.models import BreakoutPhase
from sessiontui.plan.writer import plan_to_toml
from tests.conftest import SESSIONS

EXAMPLES = sorted(SESSIONS.glob("*.toml"))

MINIMAL = """\
[session]
title = "Drop-in"

[[phases]]
kind = "discussion"
duration = "10m"
"""


def refuse(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(PlanError) as caught:
        load_plan_bytes(data, "plan.toml")
    return [str(p) for p in caught.value.problems]


def test_there_are_at_least_three_examples() -> None:
    assert {p.stem for p in EXAMPLES} >= {"evening-group", "workshop", "drop-in"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_loads_without_warnings(path: Path) -> None:
    loaded = load_plan(path)
    assert loaded.plan.phases
    assert loaded.warnings == ()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_written_plan_reads_back_equal(path: Path) -> None:
    plan = load_plan(path).plan
    assert load_plan_bytes(plan_to_toml(plan).encode()).plan == plan


def test_a_minimal_plan_gets_default_titles_and_warnings() -> None:
    phase = load_plan_bytes(MINIMAL.encode()).plan.phases[0]
    assert phase.label == "Discussion"
    assert phase.alerts == (300, 60)


def test_bom_is_accepted() -> None:
    assert load_plan_bytes(b"\xef\xbb\xbf" + MINIMAL.encode()).plan.session.title == "Drop-in"


def test_unknown_key_names_line_and_suggests() -> None:
    lines = refuse(MINIMAL.replace('duration = "10m"', 'duration = "10m"\nturn_limt = "2m"'))
    assert lines == [
        'plan.toml:7:1: phase 1 ("discussion"): unknown key "turn_limt" '
        '(did you mean "turn_limit"?)'
    ]


def test_unknown_kind_suggests_the_nearest() -> None:
    (line,) = refuse(MINIMAL.replace('"discussion"', '"discusion"'))
    assert line.startswith("plan.toml:5:1:")
    assert 'did you mean "discussion"' in line


def test_bare_number_duration_gets_a_hint() -> None:
    (line,) = refuse(MINIMAL.replace('"10m"', "10"))
    assert line.startswith("plan.toml:6:1:")
    assert 'write "10m"' in line


def test_several_errors_are_all_listed() -> None:
    text = MINIMAL.replace('title = "Drop-in"', 'title = ""\ncolour = "red"').replace(
        '"10m"', '"0m"'
    )
    lines = refuse(text)
    assert len(lines) == 3
    assert any("must not be empty" in line for line in lines)
    assert any('unknown key "colour"' in line for line in lines)
    assert any("zero" in line for line in lines)


def test_toml_syntax_error_has_line_and_column() -> None:
    (line,) = refuse('[session]\ntitle = "x\n')
    assert line.startswith("plan.toml:2:")
    assert "not valid TOML" in line


def test_invalid_utf8_has_position() -> None:
    (line,) = refuse(b'[session]\ntitle = "caf\xe9"\n')
    assert line.startswith("plan.toml:2:13:")
    assert "UTF-8" in line


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("x" * 201, "limit is 200"),
        ("a\x00b", "NUL"),
        ("a\u202eb", "bidi"),
        ("a\x1b[31mb", "control character"),
    ],
)
def test_unsafe_titles_are_refused(text: str, why: str) -> None:
    body = MINIMAL.replace('"Drop-in"', json.dumps(text))
    (line,) = refuse(body)
    assert why in line


def test_notes_allow_newlines_but_not_over_4000_chars() -> None:
    ok = MINIMAL + 'notes = """line one\n\tline two"""\n'
    assert load_plan_bytes(ok.encode()).plan.phases[0].notes == "line one\n\tline two"
    (line,) = refuse(MINIMAL + f'notes = "{"n" * 4001}"\n')
    assert "limit is 4000" in line


def test_numbers_are_bounded() -> None:
    text = MINIMAL.replace('"discussion"', '"breakout"') + "rooms = 18446744073709551616\n"
    (line,) = refuse(text)
    assert "rooms" in line and "less than or equal to 50" in line


def test_duplicate_participants_are_refused_case_insensitively() -> None:
    text = MINIMAL + '[[participants]]\nname = "Sam"\n[[participants]]\nname = "sam"\n'
    (line,) = refuse(text)
    assert line.startswith('plan.toml:10:1: participant 2 ("sam"): "sam" is listed twice')


def test_fixed_groups_must_name_listed_participants_once() -> None:
    head = '[session]\ntitle = "x"\n[[participants]]\nname = "Ana"\n[[participants]]\nname = "Bo"\n'
    phase = '[[phases]]\nkind = "breakout"\nduration = "10m"\nassign = "fixed"\n'
    assert '"Cy" in groups is not one' in refuse(head + phase + 'groups = [["Ana", "Cy"]]\n')[0]
    assert '"ana" is in two groups' in refuse(head + phase + 'groups = [["Ana"], ["ana"]]\n')[0]
    plan = load_plan_bytes((head + phase + 'groups = [["Ana", "Bo"]]\n').encode()).plan
    assert isinstance(plan.phases[0], BreakoutPhase)


def test_breakout_needs_rooms_or_group_size_not_both() -> None:
    base = MINIMAL.replace('"discussion"', '"breakout"')
    assert "one of the two" in refuse(base)[0]
    assert "one of the two" in refuse(base + "rooms = 2\ngroup_size = 3\n")[0]


def test_breakout_template_placeholders_are_checked() -> None:
    base = MINIMAL.replace('"discussion"', '"breakout"') + "rooms = 2\n"
    (line,) = refuse(base + 'message = "{remainig} left"\n')
    assert "unknown placeholder {remainig}" in line


@pytest.mark.parametrize("written", [
    '"2026-11-24 19:00"', '"2026-11-24T19:00:00"', '"24 November 2026 7pm"',
    '"Tue 24 Nov 2026 19:00"', "2026-11-24T19:00:00",  # the last a TOML date-time
])
def test_start_time_is_read_however_an_organiser_writes_it(written: str) -> None:
    from datetime import datetime

    plan = load_plan_bytes(MINIMAL.replace('"Drop-in"', f'"Drop-in"\nstarts = {written}')
                           .encode()).plan
    assert plan.session.starts == datetime(2026, 11, 24, 19, 0)


def test_an_unreadable_start_time_is_refused() -> None:
    [line] = refuse(MINIMAL.replace('"Drop-in"', '"Drop-in"\nstarts = "next tuesday-ish"'))
    assert line.startswith("plan.toml:3:") and 'cannot read "next tuesday-ish"' in line


def test_bad_zone_and_rule_are_refused() -> None:
    text = MINIMAL.replace('title = "Drop-in"', 'title = "x"\ntimezone = "Mars/Olympus"')
    assert "not a known time zone" in refuse(text)[0]
    text = MINIMAL.replace('title = "Drop-in"', 'title = "x"\nrepeat = "FREQ=SOMETIMES"')
    assert "recurrence rule" in refuse(text)[0]


def test_warnings_for_overrun_and_small_roster() -> None:
    text = MINIMAL.replace('title = "Drop-in"', 'title = "x"\nlength = "5m"').replace(
        '"discussion"', '"breakout"'
    ) + "rooms = 3\n"
    warnings = [str(w) for w in load_plan_bytes(text.encode(), "plan.toml").warnings]
    assert any("over the session length" in w and w.startswith("plan.toml:3:") for w in warnings)
    assert any("no participants are listed" in w for w in warnings)


def test_file_problems_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "missing.toml")
    with pytest.raises(PlanError, match="is a folder"):
        load_plan(tmp_path)
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(PlanError, match="over 1 MiB"):
        load_plan(big)


def test_deep_nesting_is_refused_cleanly() -> None:
    lines = refuse("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(lines) == 1
