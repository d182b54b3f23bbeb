"""A log that cannot be created or continued is one line and exit status 2, said before
the app takes over the terminal; and a log open in another window is left untouched."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.core.clock import FakeClock
from sessiontui.journal.writer import JournalWriter
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from tests.conftest import SESSIONS
from tests.ui.helpers import START

PLAN = str(SESSIONS / "evening-group.toml")


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_run_with_a_log_folder_that_is_a_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("a file, not a folder\n")
    assert main(["run", PLAN, "--log-dir", str(target)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("sessiontui: ")
    assert "Not a directory" in line or "not a folder" in line.lower()
    assert target.read_text() == "a file, not a folder\n"


@pytest.mark.parametrize(("code", "words"), [(errno.EACCES, "Permission denied"),
                                             (errno.ENOSPC, "No space left on device"),
                                             (errno.EROFS, "Read-only file system")])
def test_run_when_the_log_cannot_be_created(tmp_path: Path, capsys, monkeypatch,
                                            code: int, words: str) -> None:
    from sessiontui.journal import writer

    def refuse(path, *_args, **_kwargs):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(writer, "create_file", refuse)  # root ignores modes: inject it
    assert main(["run", PLAN, "--log-dir", str(tmp_path / "logs")]) == 2
    line = one_line(capsys.readouterr().err)
    assert words in line
    assert not list((tmp_path / "logs").glob("*.jsonl"))


def left_open(tmp_path: Path) -> tuple[Path, int]:
    """A log whose session was left to resume later: (its path, its last seq)."""
    live = LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"),
                             clock=FakeClock(START), log_dir=tmp_path / "logs")
    assert live.interrupt("left to resume later")
    return live.log_path, live.writer.last_seq


def test_a_second_resume_of_an_open_log_says_who_has_it(tmp_path: Path, capsys) -> None:
    log, last_seq = left_open(tmp_path)
    with JournalWriter.open_existing(log, last_seq):  # the session, open in a window
        before = snapshot(log.parent)
        assert main(["resume", str(log)]) == 2
        after = snapshot(log.parent)
    line = one_line(capsys.readouterr().err)
    assert "open in another sessiontui" in line
    assert f"process {os.getpid()}" in line
    assert after == before  # nothing written, cut, or added beside it


def test_a_resume_that_loses_the_race_for_the_lock_says_so_too(tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    """The lock is taken between the check and the opening: recovery refuses."""
    from sessiontui.journal import opening

    log, last_seq = left_open(tmp_path)
    monkeypatch.setattr(opening, "locked_by", lambda _log: None)
    import sessiontui.cli.resume as resume_cli

    with JournalWriter.open_existing(log, last_seq):
        before = snapshot(log.parent)
        assert resume_cli.run(type("Args", (), {"log": str(log), "theme": None})()) == 2
        after = snapshot(log.parent)
    line = one_line(capsys.readouterr().err)
    assert "open in another sessiontui" in line
    assert after == before
