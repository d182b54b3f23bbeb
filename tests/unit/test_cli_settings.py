"""`sessiontui themes` and `sessiontui config`: what a user sees."""

from __future__ import annotations

import pytest

from sessiontui.cli import main
from sessiontui.config import Settings, config_path, save_settings


def test_themes_lists_each_with_a_preview_and_marks_the_one_in_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    save_settings(Settings(theme="daylight"))
    assert main(["themes"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[1] if line.startswith("*") else line.split()[0]: line
            for line in out if line.strip() and not line.startswith("\n")}
    for name in ("calm", "daylight", "high-contrast", "colour-safe"):
        assert name in rows
        assert "⚠ 1:59" in rows[name] and "⏰ +0:30" in rows[name]
    assert rows["daylight"].startswith("* ")


def test_config_shows_the_file_and_what_is_in_effect(capsys) -> None:
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert f"config file: {config_path()} (not created yet" in out
    assert "bell = true" in out
    save_settings(Settings(bell=False, keymap={"phase.next": "right"}))
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "bell = false" in out and '"phase.next" = "right"' in out


def test_a_broken_config_is_one_line_and_exit_2(capsys) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('theme = 3\n')
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "theme" in err


@pytest.mark.parametrize("command", ["resume", "replay"])
def test_resume_and_replay_refuse_what_is_not_a_log_in_one_line(command, tmp_path,
                                                                 capsys) -> None:
    missing = tmp_path / "none.jsonl"
    assert main([command, str(missing)]) == 2
    assert capsys.readouterr().err == f"{missing}: no such file\n"
    other = tmp_path / "notes.jsonl"
    other.write_text("hello\n")
    assert main([command, str(other)]) == 2
    assert capsys.readouterr().err == f"{other}: not a sessiontui log\n"


def test_run_given_a_log_points_to_resume_and_replay(tmp_path, capsys) -> None:
    log = tmp_path / "20261124T193000Z_group_ab12cd34.jsonl"
    log.write_text('{"crc":"00000000","format":"sessiontui/log"}\n')
    assert main(["run", str(log)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a session log, not a plan" in err and "sessiontui resume" in err
