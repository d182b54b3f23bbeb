"""Refusals say where: `FILE:LINE:COL`, in line order, and quickly for any plan under 1 MiB.

What makes the parser slow (a key of 50,000 dotted parts, values nested thousands
deep, a file of tokens) is refused at the place it goes wrong, before parsing. No
test here times anything: the limits are what keep the work bounded, and
benchmarks/bench_fuzz_plan.py prints the times.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from sessiontui.plan import PlanError, load_plan, load_plan_bytes
from sessiontui.plan.models import BreakoutPhase
from sessiontui.plan.redact import redact_plan
from sessiontui.plan.scan import MAX_DEPTH, MAX_KEY_PARTS, MAX_TOKENS, scan
from tests.conftest import SESSIONS

EVENING = (SESSIONS / "evening-group.toml").read_bytes()

MINIMAL = """\
[session]
title = "Drop-in"

[[phases]]
kind = "discussion"
duration = "10m"
"""


def refuse(data: str | bytes) -> list[str]:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(PlanError) as caught:
        load_plan_bytes(raw, "plan.toml")
    return [str(problem) for problem in caught.value.problems]


# --- keys pydantic's locations used to lose -------------------------------------


def test_a_top_level_key_holding_a_bracket_is_an_unknown_key_at_its_place() -> None:
    # toml-test's valid/key/special-chars.toml: an IndexError in the loader before
    assert refuse('"x[1]" = 1\n' + MINIMAL) == ['plan.toml:1:1: unknown key "x[1]"']


def test_a_key_named_like_a_validator_is_reported_at_its_own_place() -> None:
    text = MINIMAL.replace('title = "Drop-in"', 'title = "Drop-in"\n  "function-x" = 1')
    assert refuse(text) == ['plan.toml:3:3: session: unknown key "function-x"']


def test_a_key_named_like_the_phase_kind_is_reported_as_itself() -> None:
    text = MINIMAL + "discussion = 1\n"
    assert refuse(text) == ['plan.toml:7:1: phase 1 ("discussion"): unknown key "discussion"']


def test_keys_in_inline_tables_and_quoted_dotted_keys_are_located() -> None:
    text = ('session = { title = "x", "colour.scheme" = 1 }\n'
            'phases = [ { kind = "break", duration = "5m" },\n'
            '           { kind = "break", duration = "5m", rooms = 2 } ]\n')
    assert refuse(text) == [
        'plan.toml:1:26: session: unknown key "colour.scheme"',
        'plan.toml:3:47: phase 2 ("break"): unknown key "rooms"',
    ]


# --- positions for every refusal -------------------------------------------------


def test_a_missing_key_points_at_the_table_it_is_missing_from() -> None:
    text = MINIMAL + '\n[[phases]]\nkind = "quiz"\nduration = "5m"\n'
    assert refuse(text) == ['plan.toml:8:3: phase 2 ("quiz"): missing required key "questions"']
    assert refuse('[[phases]]\nkind = "break"\nduration = "5m"\n') == [
        'plan.toml:1:1: missing required key "session"']


def test_a_document_that_is_not_a_plan_is_one_line() -> None:
    assert refuse('[tool.ruff]\nline-length = 100\n') == [
        "plan.toml:1:1: not a session plan: a plan has a [session] table and [[phases]] "
        "(see docs/plan-format.md)"]
    assert refuse(b"") == refuse(b"# nothing\n")


def test_an_error_at_the_end_of_the_file_has_line_and_column() -> None:
    [line] = refuse(MINIMAL + "notes = ")
    assert line.startswith("plan.toml:7:9: not valid TOML")


def test_a_file_over_1_mib_is_refused_where_it_goes_past() -> None:
    data = b"# " + b"x" * 100 + b"\n" + b"#" * (1024 * 1024)
    [line] = refuse(data)
    assert line == ("plan.toml:2:1048474: the file is over 1 MiB from here on: too large for "
                    "a session plan")


def test_a_file_over_1_mib_on_disk_is_refused_where_it_goes_past(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"\n" * 10 + b"#" * (1024 * 1024))
    with pytest.raises(PlanError) as caught:
        load_plan(big)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (11, 1024 * 1024 - 10 + 1)


def test_problems_are_listed_in_line_order() -> None:
    text = ('[session]\ntitle = ""\n[[phases]]\nkind = "discussion"\nduration = "0m"\n'
            'colour = "red"\n[[participants]]\nname = ""\n')
    lines = refuse(text)
    assert [int(line.split(":")[1]) for line in lines] == [2, 5, 6, 8]


def test_a_great_many_problems_are_cut_short_with_a_count() -> None:
    text = MINIMAL + "".join(f'[[participants]]\nname = ""\nx{i} = 1\n' for i in range(90))
    lines = refuse(text)
    assert len(lines) == 51
    assert lines[-1].endswith("and 130 more problems from here on")
    assert lines[-1].startswith("plan.toml:")


# --- what would make parsing slow, refused at its place -------------------------


@pytest.mark.parametrize(("first_line", "column"), [
    ("a" + ".a" * 50_000 + " = 1", 2 * MAX_KEY_PARTS + 1),
    ("[" + "a" + ".a" * 50_000 + "]", 2 * MAX_KEY_PARTS + 2),
    ("[[" + "a" + ".a" * 50_000 + "]]", 2 * MAX_KEY_PARTS + 3),
    ("x = {" + "a." * 50_000 + "a = 1}", 2 * MAX_KEY_PARTS + 6),
    ("[" + '"a".' * 50_000 + "a]", 4 * MAX_KEY_PARTS + 2),
], ids=["key", "table", "array of tables", "inline table", "quoted parts"])
def test_a_key_of_many_dotted_parts_is_refused_at_the_part_too_many(
    first_line: str, column: int
) -> None:
    [line] = refuse(first_line + "\n" + EVENING.decode())
    assert line.startswith(f"plan.toml:1:{column}: a key or table name with more than "
                           f"{MAX_KEY_PARTS} dotted parts")


def test_values_nested_too_deep_are_refused_where_they_go_too_deep() -> None:
    [line] = refuse("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert line.startswith(f"plan.toml:1:{5 + MAX_DEPTH}: values nested more than")
    [line] = refuse(MINIMAL + "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    assert line.startswith("plan.toml:7:") and "nested more than" in line


@pytest.mark.parametrize(("data", "expected"), [
    ("seats = " + "1" * 5000, "plan.toml:1:9: a value of 5,000 characters without quotes"),
    ("k" * 500 + " = 1", "plan.toml:1:1: a key of 500 characters"),
    ('t = "' + "\\u00e9" * 100_000 + '"', "plan.toml:1:5: a string of 600,002 characters"),
    ('t = "' + '\\"' * 100_000, "plan.toml:1:5: a string that is not closed, 200,001"),
    ('t = """' + '\\"""' * 100_000, "plan.toml:1:5: a string that is not closed, 400,004"),
    ("".join(f"k{i} = 1\n" for i in range(MAX_TOKENS)),
     f"plan.toml:{MAX_TOKENS // 3 + 1}:"),
    ("\n" * 60_000 + "x = 1", "plan.toml:50001:1: the file has more than 50,000 lines"),
    ("a = [" + "," * 30_000 + "]", "plan.toml:1:20003: the file holds more than 20,000"),
], ids=["long number", "long key", "long string", "unclosed string", "unclosed multi-line",
        "many tokens", "many lines", "many commas"])
def test_what_would_take_the_parser_long_is_refused_at_its_place(
    data: str, expected: str
) -> None:
    [line] = refuse(data + "\n")
    assert line.startswith(expected)


def test_a_big_real_plan_under_every_limit_is_read() -> None:
    people = "".join(f'[[participants]]\nname = "Person {i}"\nnote = "{"n" * 3000}"\n'
                     for i in range(200))
    head, tail = EVENING.decode().split("[[participants]]", 1)
    phases = "[[phases]]" + tail.split("[[phases]]", 1)[1]
    rules = tail[tail.index("[ground_rules]"):tail.index("[[phases]]")]
    plan = load_plan_bytes((head + people + rules + phases).encode()).plan
    assert len(plan.participants) == 200


# --- the scan finds what tomllib reads ------------------------------------------


def test_the_scan_locates_tables_arrays_of_tables_and_entries() -> None:
    text = ('[session]\ntitle = "x"\n\n[[phases]]\nkind = "quiz"\n'
            '[[phases.questions]]\nquestion = "q"\nchoices = ["a",\n  "b"]\n'
            '[[phases]]\n  "kind" = \'break\'\n')
    positions = scan(text).positions
    assert positions[("session",)] == (1, 2)
    assert positions[("session", "title")] == (2, 1)
    assert positions[("phases", 0)] == (4, 3)
    assert positions[("phases", 0, "questions", 0, "question")] == (7, 1)
    assert positions[("phases", 0, "questions", 0, "choices", 1)] == (9, 3)
    assert positions[("phases", 1, "kind")] == (11, 3)


def test_positions_after_a_multi_line_string_are_right() -> None:
    text = 'a = """one\ntwo\nthree"""\nb = 1\nc = \'\'\'x\n\'\'\'  # note\nd = 2\n'
    positions = scan(text).positions
    assert positions[("b",)] == (4, 1)
    assert positions[("d",)] == (7, 1)


# --- names ----------------------------------------------------------------------


def test_names_that_differ_only_in_unicode_form_or_case_are_one_person() -> None:
    composed = unicodedata.normalize("NFC", "José")
    decomposed = unicodedata.normalize("NFD", "JOSÉ")
    assert composed.casefold() != decomposed.casefold()  # the same to a reader only
    text = (MINIMAL + f'[[participants]]\nname = "{composed}"\n'
            f'[[participants]]\nname = "{decomposed}"\n')
    [line] = refuse(text)
    shown = unicodedata.normalize("NFC", decomposed)
    assert line.startswith(f'plan.toml:10:1: participant 2 ("{decomposed}"): "{shown}" is '
                           "listed twice")


def test_fixed_groups_find_names_typed_in_another_unicode_form() -> None:
    composed = unicodedata.normalize("NFC", "Zoë")
    decomposed = unicodedata.normalize("NFD", "zoë")
    text = (f'[session]\ntitle = "x"\n[[participants]]\nname = "{composed}"\n'
            '[[participants]]\nname = "Bo"\n[[phases]]\nkind = "breakout"\nduration = "10m"\n'
            f'assign = "fixed"\ngroups = [["{decomposed}", "Bo"]]\n')
    plan = load_plan_bytes(text.encode()).plan
    assert isinstance(plan.phases[0], BreakoutPhase)
    redacted = redact_plan(plan).phases[0]
    assert isinstance(redacted, BreakoutPhase) and redacted.groups == [["p01", "p02"]]
