"""`check`, `new`, `--help` and `--version` as a user meets them."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessiontui import __version__
from sessiontui.cli import main
from sessiontui.plan import load_plan
from tests.conftest import SESSIONS


def test_check_prints_budget_with_clock_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SESSIONS / "evening-group.toml")]) == 0
    out = capsys.readouterr().out
    assert "Parents' peer support - Tuesday evening" in out
    assert "4  breakout      Pairs" in out and "20:15" in out
    assert "total 1h22m of 1h30m: 8m to spare" in out
    assert out.count("Tue ") >= 3  # the next three dates of a weekly Tuesday group


def test_a_command_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # main() pauses the collector while the program starts; a caller that runs a
    # command in process (a script, a test) must get it back running.
    import gc

    assert gc.isenabled()
    assert main(["check", str(SESSIONS / "drop-in.toml")]) == 0
    assert gc.isenabled()
    assert main(["check", "no-such-plan.toml"]) == 2
    assert gc.isenabled()
    capsys.readouterr()


def test_check_reports_bad_plan_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[session]\ntitle = "x"\n[[phases]]\nkind = "quiz"\nduration = "5m"\n')
    good = SESSIONS / "drop-in.toml"
    assert main(["check", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "Carers' lunchtime drop-in" in captured.out
    assert captured.err == f'{bad}:3:3: phase 1 ("quiz"): missing required key "questions"\n'


def test_check_warns_but_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "long.toml"
    plan.write_text('[session]\ntitle = "x"\nlength = "10m"\n'
                    '[[phases]]\nkind = "discussion"\nduration = "15m"\n')
    assert main(["check", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "over by 5m" in out
    assert f"warning: {plan}:3:1: the phases add up to 15m, 5m over" in out


@pytest.mark.parametrize("template", ["evening-group", "workshop", "drop-in"])
def test_new_writes_a_plan_that_checks_and_reads_back(tmp_path: Path, template: str) -> None:
    target = tmp_path / f"{template}.toml"
    assert main(["new", str(target), "--template", template]) == 0
    assert load_plan(target).plan == load_plan(SESSIONS / f"{template}.toml").plan
    assert main(["check", str(target)]) == 0


def test_new_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("keep me")
    assert main(["new", str(target)]) == 2
    assert target.read_text() == "keep me"
    assert "use --force" in capsys.readouterr().err
    assert main(["new", str(target), "--force"]) == 0
    assert "keep me" not in target.read_text()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sessiontui", *args],
                          capture_output=True, text=True, timeout=60)


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.strip() == f"sessiontui {__version__}"
    top = run_cli("--help").stdout
    for command in ("check", "new"):
        assert command in top
        assert run_cli(command, "--help").returncode == 0


def test_check_does_not_import_textual() -> None:
    code = ("import sys; from sessiontui.cli import main; "
            f"main(['check', {str(SESSIONS / 'workshop.toml')!r}]); "
            "assert 'textual' not in sys.modules, 'check imported textual'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_help_answers_without_loading_the_plan_validator() -> None:
    # --help, --version and a mistyped command are answered at once: pydantic (a
    # fifth of a second) loads only for a command that reads a plan or a log.
    code = ("import sys; from sessiontui.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'pydantic' not in sys.modules, 'help imported pydantic'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "check" in result.stdout


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    for data in (b"\xff\xfe\x00", b"a = [" * 3000, b"\x00", b"[session]\ntitle = 1\n"):
        path = tmp_path / "x.toml"
        path.write_bytes(data)
        result = run_cli("check", str(path))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(str(path))


GOOD_SESSION = '[session]\ntitle = "Tuesday group"\n'
ONE_PHASE = '[[phases]]\nkind = "close"\nduration = "15m"\n'
SAFEGUARDING = '[safeguarding]\nlead = "Safeguarding lead"\ncontact = "01632 960000"\n'
BAD_PLANS = {
    "posix-zone": GOOD_SESSION + 'timezone = "EST5EDT,M13.9.9,M11.1.0"\n' + ONE_PHASE,
    "path-zone": GOOD_SESSION + 'timezone = "../../../../etc/passwd"\n' + ONE_PHASE,
    "offset": GOOD_SESSION + 'starts = "2026-11-24T19:30-25:00"\n' + ONE_PHASE,
    "overflow": GOOD_SESSION + 'starts = "9999-12-31T23:59:59-23:59"\n' + ONE_PHASE,
    "never": GOOD_SESSION + 'starts = "2026-11-24 19:30"\n'
             'repeat = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"\n' + ONE_PHASE,
    "easter": GOOD_SESSION + 'repeat = "FREQ=YEARLY;BYEASTER=9999"\n' + ONE_PHASE,
    "bracket-key": '"x[1]" = 1\n' + GOOD_SESSION + ONE_PHASE,
    "day-month": GOOD_SESSION + 'starts = "03/12/2026 19:00"\n' + ONE_PHASE,
    "zone-word": GOOD_SESSION + 'starts = "24 Nov 2026 19:30 EST"\n' + ONE_PHASE,
    "word-rule": GOOD_SESSION + 'repeat = "weekly"\n' + ONE_PHASE,
    "dotted": "a" + ".a" * 50_000 + " = 1\n" + GOOD_SESSION + ONE_PHASE,
    "validator-key": GOOD_SESSION + '"function-x" = 1\n' + ONE_PHASE,
    "twice": GOOD_SESSION + ONE_PHASE + '[[participants]]\nname = "Jos\u00e9"\n'
             '[[participants]]\nname = "JOSE\u0301"\n',
    "not-a-plan": '[tool.ruff]\nline-length = 100\n',
}


def test_check_refuses_bad_plans_one_located_line_each_and_no_traceback(
    tmp_path: Path,
) -> None:
    paths = []
    for name, text in BAD_PLANS.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = run_cli("check", *map(str, paths))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(paths), result.stderr
    for path, line in zip(paths, lines, strict=True):
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", line), line
    assert result.stdout == ""


def test_check_accepts_until_with_or_without_z_and_shows_next_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sessiontui.cli.check import check

    paths = []
    for suffix in ("", "Z"):
        path = tmp_path / f"until{suffix or '-local'}.toml"
        path.write_text(GOOD_SESSION + 'starts = "2026-11-24 19:30"\ntimezone = "Europe/London"\n'
                        f'repeat = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T000000{suffix}"\n'
                        + ONE_PHASE)
        paths.append(str(path))
    assert check(paths, now=datetime(2026, 11, 1, tzinfo=UTC)) == 0
    out = capsys.readouterr().out
    assert out.count("next: Tue 24 Nov 2026 19:30, Tue 01 Dec 2026 19:30, "
                     "Tue 08 Dec 2026 19:30") == 2
    assert check(paths, now=datetime(2027, 7, 2, tzinfo=UTC)) == 0
    out = capsys.readouterr().out
    assert out.count("next: no more dates (the repeat rule has ended)") == 2


def test_check_warns_against_the_clock_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sessiontui.cli.check import check

    path = tmp_path / "once.toml"
    path.write_text(GOOD_SESSION + 'starts = "2026-11-24 19:30"\n' + SAFEGUARDING + ONE_PHASE)
    assert check([str(path)], now=datetime(2026, 11, 1, tzinfo=UTC)) == 0
    assert "warning" not in capsys.readouterr().out
    assert check([str(path)], now=datetime(2026, 12, 1, tzinfo=UTC)) == 0
    assert (f"warning: {path}:3:1: starts Tue 24 Nov 2026 19:30, which is in the past"
            in capsys.readouterr().out)


@pytest.mark.parametrize("command", [["run", str(SESSIONS / "evening-group.toml")], []])
def test_the_screen_commands_need_a_terminal(command, monkeypatch, tmp_path, capsys) -> None:
    from sessiontui.cli import launch

    monkeypatch.setattr(launch, "has_terminal", lambda: False)
    assert main([*command, *(["--log-dir", str(tmp_path / "logs")] if command else [])]) == 2
    err = capsys.readouterr().err
    assert "needs a terminal" in err and err.count("\n") == 1
    assert not (tmp_path / "logs").exists()  # nothing was opened or created


def big_group(tmp_path: Path, extra: str = "", people: int = 0, expected: int | None = None
              ) -> str:
    text = '[session]\ntitle = "Big"\n'
    if expected is not None:
        text += f"expected = {expected}\n"
    text += "".join(f'[[participants]]\nname = "Person {n}"\n' for n in range(1, people + 1))
    text += '[[phases]]\nkind = "check-in"\nduration = "14m"\n'
    text += '[[phases]]\nkind = "discussion"\nduration = "42m"\n' + extra
    plan = tmp_path / "big.toml"
    plan.write_text(text)
    return str(plan)


def test_check_warns_when_more_than_one_room_holds_and_no_breakout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = big_group(tmp_path, people=14)
    assert main(["check", plan]) == 0
    out = capsys.readouterr().out
    assert (f"warning: {plan}:3:3: 14 people are expected, more than the 10 to 12 one group "
            "holds well, and there is no breakout phase") in out


def test_expected_counts_people_the_plan_does_not_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = big_group(tmp_path, people=2, expected=13)
    assert main(["check", plan]) == 0
    assert f"warning: {plan}:3:1: 13 people are expected" in capsys.readouterr().out


@pytest.mark.parametrize(("people", "extra"), [
    (12, ""),
    (14, '[[phases]]\nkind = "breakout"\nduration = "20m"\ngroup_size = 4\n'),
])
def test_no_big_group_warning_for_twelve_or_with_a_breakout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], people: int, extra: str
) -> None:
    assert main(["check", big_group(tmp_path, extra, people=people)]) == 0
    assert "people are expected" not in capsys.readouterr().out


def test_the_budget_says_how_long_each_member_could_speak(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = '[[phases]]\nkind = "break"\nduration = "10m"\n' \
            '[[phases]]\nkind = "breakout"\nduration = "20m"\ngroup_size = 4\n'
    assert main(["check", big_group(tmp_path, extra, people=14)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].endswith("per person")
    # 14m and 42m over 14 people; the break has no turns; 20m over a room of 4
    assert [line.split()[-1] for line in lines[2:6]] == ["1m", "3m", "-", "5m"]
    assert ("speaking: with 14 people, each could speak 9m at most (10% of 1h26m),\n"
            "  if talking time were shared evenly and the facilitator said nothing") in out


def test_the_budget_has_no_per_person_column_without_people(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(SESSIONS / "evening-group.toml")]) == 0
    assert "each could speak" in capsys.readouterr().out  # six are listed
    plan = load_plan(SESSIONS / "drop-in.toml").plan
    assert plan.session.expected == 8  # the drop-in lists nobody, and says how many come


def test_a_reader_that_stops_early_is_no_crash(tmp_path: Path) -> None:
    """`sessiontui check A B C | head -1`: the pipe closes under the writer; that is the
    reader's choice, not a failure to report (or to write a crash file about)."""
    import os
    import subprocess
    import sys

    plans = [str(SESSIONS / "workshop.toml")] * 300  # far more than a pipe holds
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    child = subprocess.Popen([sys.executable, "-m", "sessiontui", "check", *plans],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    assert b"workshop.toml: Peer-support networks" in child.stdout.readline()
    child.stdout.close()
    error = child.stderr.read()
    assert child.wait(timeout=120) == 141
    assert b"went wrong" not in error
    assert not (tmp_path / "state").exists()  # no crash file
