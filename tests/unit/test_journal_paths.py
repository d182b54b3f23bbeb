"""Where logs live, what they are called, and owner-only folders even under umask 000."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest

from sessiontui.journal import paths


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_dir_comes_from_the_environment_or_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SESSIONTUI_STATE_DIR", str(tmp_path / "s"))
    assert paths.state_dir() == tmp_path / "s"
    assert paths.sessions_dir(create=False) == tmp_path / "s" / "sessions"
    assert not (tmp_path / "s").exists()
    monkeypatch.delenv("SESSIONTUI_STATE_DIR")
    assert paths.state_dir() == platformdirs.user_state_path("sessiontui")


def test_every_new_level_is_0700_under_umask_000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    monkeypatch.setenv("SESSIONTUI_STATE_DIR", str(tmp_path / "a" / "b" / "state"))
    folder = paths.sessions_dir()
    assert folder == tmp_path / "a" / "b" / "state" / "sessions"
    for level in (folder, folder.parent, folder.parent.parent, folder.parent.parent.parent):
        assert mode(level) == 0o700, level


def test_an_existing_open_sessions_folder_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    base = tmp_path / "state"
    (base / "sessions").mkdir(parents=True)
    os.chmod(base, 0o755)
    os.chmod(base / "sessions", 0o777)
    monkeypatch.setenv("SESSIONTUI_STATE_DIR", str(base))
    paths.sessions_dir()
    assert mode(base / "sessions") == 0o700
    assert mode(base) == 0o755  # named by the user: left alone


def test_the_platform_state_folder_is_ours_and_closed_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    base = tmp_path / "xdg" / "sessiontui"
    base.mkdir(parents=True)
    os.chmod(base.parent, 0o755)  # the user's state folder (made here under umask 000)
    os.chmod(base, 0o775)
    monkeypatch.delenv("SESSIONTUI_STATE_DIR")
    monkeypatch.setattr(platformdirs, "user_state_path", lambda name: tmp_path / "xdg" / name)
    folder = paths.sessions_dir()
    assert mode(folder) == 0o700 and mode(base) == 0o700


def test_log_file_name_sorts_by_utc_start() -> None:
    started = datetime(2026, 11, 24, 19, 30, 5, tzinfo=timezone(timedelta(hours=1)))
    name = paths.log_file_name(started, "Parents' peer support — Tuesday", "01JN4X7K9Q2M5R8T")
    assert name == "20261124T183005Z_parents-peer-support-tuesday_9q2m5r8t.jsonl"
    assert paths.time_from_name(Path(name)) == datetime(2026, 11, 24, 18, 30, 5, tzinfo=UTC)
    assert paths.log_file_name(started, "☕☕", "ab") == "20261124T183005Z_session_ab.jsonl"
    assert len(paths.slugify("x" * 100)) == 40
    assert len(paths.new_session_id()) == 32


def test_names_of_the_files_that_belong_to_a_log(tmp_path: Path) -> None:
    log = tmp_path / "20261124T183005Z_evening_ab12cd34.jsonl"
    assert paths.roster_path(log).name == log.name + ".roster.json"
    assert paths.comments_path(log).name == log.name + ".comments.json"
    assert paths.torn_path(log, 1234).name == log.name + ".torn-1234"
    part3 = paths.segment_path(log, 3)
    assert part3.name == "20261124T183005Z_evening_ab12cd34.part3.jsonl"
    assert paths.main_log(part3) == log and paths.segment_number(part3) == 3
    assert paths.segment_number(log) == 1 and paths.segment_path(part3, 1) == log
    assert paths.roster_path(part3) == paths.roster_path(log)
    assert paths.is_segment(part3) and not paths.is_segment(log)


def test_chain_and_side_files_are_found_by_name(tmp_path: Path) -> None:
    log = tmp_path / "x.jsonl"
    names = [
        "x.jsonl",
        "x.part2.jsonl",
        "x.part10.jsonl",
        "x.jsonl.roster.json",
        "x.jsonl.comments.json",
        "x.jsonl.torn-99",
        "x.part2.jsonl.torn-5",
        ".x.jsonl.roster.json.k3j9.tmp",
        "xy.jsonl",
        "xy.jsonl.roster.json",
        "x.jsonl.notes.txt.bak",
        "notes.txt",
    ]
    for name in names:
        (tmp_path / name).write_text("")
    assert paths.chain_paths(log) == [log, tmp_path / "x.part2.jsonl", tmp_path / "x.part10.jsonl"]
    assert paths.next_segment_path(log) == tmp_path / "x.part11.jsonl"
    side = {p.name for p in paths.side_files(log)}
    assert side == {
        "x.part2.jsonl",
        "x.part10.jsonl",
        "x.jsonl.roster.json",
        "x.jsonl.comments.json",
        "x.jsonl.torn-99",
        "x.part2.jsonl.torn-5",
        ".x.jsonl.roster.json.k3j9.tmp",
        "x.jsonl.notes.txt.bak",
    }
    assert paths.owner_log(tmp_path / "notes.txt") is None
    assert paths.owner_log(log) is None
    assert paths.owner_log(tmp_path / "xy.jsonl.roster.json") == tmp_path / "xy.jsonl"
