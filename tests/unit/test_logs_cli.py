"""`sessiontui logs`: list, verify and prune as a user meets them."""

from __future__ import annotations

import argparse
import io
import os
from datetime import timedelta
from pathlib import Path

import pytest

from sessiontui.cli import logs
from sessiontui.core.clock import FakeClock
from sessiontui.journal import paths
from tests.unit.journal_child import START, log_bytes, sample_header

OLD = "2020-01-07T19:00:00.000Z"
NOW = START + timedelta(minutes=20)
"""The moment the tests run in: 20 minutes after the newest log started, on any day."""


def cli(*argv: str) -> int:
    """Run `sessiontui logs ARGV` through its own parser, as the main parser would, on a
    clock that says NOW (prune's ages must not depend on the day the tests run)."""
    parser = argparse.ArgumentParser(prog="sessiontui")
    logs.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["logs", *argv])
    return args.handler(args, clock=FakeClock(NOW))


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def folder() -> Path:
    """The default log folder (under the test's SESSIONTUI_STATE_DIR), with two logs."""
    target = paths.sessions_dir()
    (target / "20200107T190000Z_old_aaaa1111.jsonl").write_bytes(
        log_bytes(5, sample_header(created=OLD))
    )
    (target / "20200107T190000Z_old_aaaa1111.jsonl.roster.json").write_text("{}")
    (target / "20991231T190000Z_new_bbbb2222.jsonl").write_bytes(log_bytes(12))
    for path in target.iterdir():
        os.chmod(path, 0o600)  # as the journal makes them
    return target


def test_list_prints_an_aligned_table(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli() == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"logs in {folder}:"
    assert out[1].split() == ["started", "plan", "state", "events", "size"]
    assert "2020-01-07 19:00 GMT" in out[4] and out[5] == "  20200107T190000Z_old_aaaa1111.jsonl"
    assert "Parents' peer support" in out[2] and "interrupted" in out[2]
    assert out[2].index("interrupted") == out[4].index("interrupted") == out[1].index("state")
    assert max(len(line) for line in out[1:]) <= 80  # fits a half-screen terminal
    assert len(out) == 6  # the roster is not a log


def test_list_of_an_empty_or_missing_folder(tmp_path: Path, capsys) -> None:
    assert cli("--log-dir", str(tmp_path / "none")) == 0
    assert capsys.readouterr().out == f"no session logs in {tmp_path / 'none'}\n"


def test_list_flags_damaged_logs(tmp_path: Path, capsys) -> None:
    (tmp_path / "20261124T000000Z_x_aaaa1111.jsonl").write_bytes(log_bytes(3) + b"{torn")
    (tmp_path / "20261125T000000Z_x_bbbb2222.jsonl").write_text("hello\n")
    assert cli("--log-dir", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "damaged" in out and "unreadable" in out
    assert "2 log(s) damaged or unreadable: sessiontui logs verify FILE says where" in out


def test_verify_exit_codes(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(log_bytes(4))
    assert cli("verify", str(good)) == 0
    assert capsys.readouterr().out == "good.jsonl: ok, 4 events, interrupted\n"

    bad = tmp_path / "bad.jsonl"
    data = bytearray(log_bytes(10))
    data[-40] ^= 1
    bad.write_bytes(bytes(data))
    assert cli("verify", str(bad)) == 1
    out = capsys.readouterr().out
    assert out.startswith("bad.jsonl: damaged at byte ") and "(line 11): crc mismatch" in out
    assert out.count("\n") == 1

    (tmp_path / "notes.txt").write_text("just notes\n")
    assert cli("verify", str(tmp_path / "notes.txt")) == 2
    captured = capsys.readouterr()
    assert captured.err == "notes.txt: not a sessiontui log\n" and captured.out == ""
    assert cli("verify", str(tmp_path)) == 2
    assert cli("verify", str(tmp_path / "missing.jsonl")) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_verify_finds_a_bare_name_in_the_log_folder(folder: Path, capsys) -> None:
    assert cli("verify", "20991231T190000Z_new_bbbb2222.jsonl") == 0
    assert "ok, 12 events" in capsys.readouterr().out


def test_prune_with_yes_deletes_the_log_and_its_roster(folder: Path, capsys) -> None:
    assert cli("prune", "--older-than", "90d", "--yes") == 0
    out = capsys.readouterr().out
    assert "2 file(s) older than 90d" in out and "deleted 2 file(s)" in out
    assert sorted(p.name for p in folder.iterdir()) == ["20991231T190000Z_new_bbbb2222.jsonl"]


def test_prune_without_a_terminal_or_yes_refuses(
    folder: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert cli("prune", "--older-than", "90d") == 2
    captured = capsys.readouterr()
    assert "add --yes" in captured.err and captured.err.count("\n") == 1
    assert len(list(folder.iterdir())) == 3


def test_prune_asks_on_a_terminal(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", FakeTty("n\n"))
    assert cli("prune", "--older-than", "12h", "--log-dir", str(folder)) == 0
    assert "nothing deleted" in capsys.readouterr().out
    assert len(list(folder.iterdir())) == 3
    monkeypatch.setattr("sys.stdin", FakeTty("y\n"))
    assert cli("--log-dir", str(folder), "prune", "--older-than", "30m") == 0
    assert "Delete these 2 file(s)? [y/N]" in capsys.readouterr().out
    assert len(list(folder.iterdir())) == 1


def test_prune_with_nothing_old(folder: Path, capsys) -> None:
    os.unlink(folder / "20200107T190000Z_old_aaaa1111.jsonl")
    os.unlink(folder / "20200107T190000Z_old_aaaa1111.jsonl.roster.json")
    assert cli("prune", "--older-than", "90d") == 0
    assert capsys.readouterr().out.startswith("nothing older than 90d in ")


@pytest.mark.parametrize("age", ["90", "d", "1.5d", "-3d", "0d", "3w", "ninety days"])
def test_prune_refuses_a_bad_age_in_one_line(folder: Path, capsys, age: str) -> None:
    assert cli("prune", f"--older-than={age}", "--yes") == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "--older-than" in captured.err
    assert len(list(folder.iterdir())) == 3


def test_parse_age() -> None:
    assert logs.parse_age("90d") == 90 * 86400
    assert logs.parse_age(" 12H ") == 12 * 3600
    assert logs.parse_age("30m") == 1800
    assert logs.parse_age("0m") is None


@pytest.mark.parametrize("argv", [["--help"], ["verify", "--help"], ["prune", "--help"]])
def test_each_command_has_help(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        cli(*argv)
    assert stop.value.code == 0
    assert "usage: sessiontui logs" in capsys.readouterr().out


def test_human_size() -> None:
    assert logs.human_size(888) == "888 B"
    assert logs.human_size(1536) == "1.5 KiB"
    assert logs.human_size(15 * 1024 * 1024) == "15.0 MiB"


def test_list_warns_about_logs_others_can_read(folder: Path, capsys) -> None:
    os.chmod(folder / "20991231T190000Z_new_bbbb2222.jsonl", 0o644)
    assert cli() == 0
    err = capsys.readouterr().err
    assert err == (
        "warning: 20991231T190000Z_new_bbbb2222.jsonl can be read by other users "
        "(mode 0644); chmod 600 it\n"
    )


def test_an_unreadable_folder_is_one_line_not_a_traceback(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("sessiontui.journal.catalog.os.listdir", refuse)
    assert cli("--log-dir", str(tmp_path)) == 2
    assert capsys.readouterr().err == f"sessiontui logs: Permission denied: {tmp_path}\n"


def test_prune_takes_its_age_from_the_config_when_not_given(tmp_path, capsys) -> None:
    from sessiontui.cli import main
    from sessiontui.config import Settings, save_settings

    assert main(["logs", "prune", "--log-dir", str(tmp_path), "--yes"]) == 2
    assert "retention_days" in capsys.readouterr().err
    save_settings(Settings(retention_days=30))
    assert main(["logs", "prune", "--log-dir", str(tmp_path), "--yes"]) == 0
