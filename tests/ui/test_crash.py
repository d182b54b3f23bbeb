"""Anything unexpected is one short line on stderr: the traceback goes to a private crash
file, every name in it replaced by its id (a facilitator may be sharing the screen)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sessiontui import crash
from sessiontui.cli import main
from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.journal.reader import read_chain
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from sessiontui.ui.app import SessiontuiApp, ShowSession
from sessiontui.ui.screens.session import SessionScreen
from tests.conftest import SESSIONS
from tests.ui.helpers import START

PLAN = SESSIONS / "evening-group.toml"


def crash_file(err: str, names: list[str]) -> str:
    """Check what the user saw; return what the crash file holds."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for name in names:
        assert name not in err
    assert lines[0].startswith("sessiontui: something went wrong; details were saved to ")
    path = Path(lines[0].rsplit(" ", 1)[1])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    return path.read_text()


def test_an_error_inside_the_app_is_a_line_and_a_private_file(tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    from sessiontui.cli.launch import launch

    live = LiveSession.begin(load_plan(PLAN), clock=FakeClock(START), log_dir=tmp_path / "logs")
    ids = {live.names.name(pid): pid for pid in live.names.people}
    assert {"Ciara", "Margaret"} <= set(ids)

    def broken(self: SessionScreen) -> None:
        raise RuntimeError("cannot seat Ciara beside margaret")

    monkeypatch.setattr(SessionScreen, "on_mount", broken)
    run = SessiontuiApp.run
    monkeypatch.setattr(SessiontuiApp, "run",
                        lambda self: run(self, headless=True, size=(80, 24)))
    status = launch(ShowSession(live), settings=Settings(bell=False, window_title=False))
    assert status == 1
    captured = capsys.readouterr()
    assert "Ciara" not in captured.out
    text = crash_file(captured.err, ["Ciara", "Margaret", "margaret"])
    assert "Ciara" not in text and "argaret" not in text
    assert f"cannot seat {ids['Ciara']} beside {ids['Margaret']}" in text
    assert "RuntimeError" in text and "Traceback" in text
    assert live.stopped  # the log was closed, everything queued saved
    assert read_chain(live.log_path).events


def test_an_error_in_a_command_is_a_line_and_a_private_file(tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    import sessiontui.cli.launch as launch_module

    def broken(*_args, **_kwargs) -> int:
        raise KeyError("Tomasz (he/him)")

    monkeypatch.setattr(launch_module, "launch", broken)
    status = main(["run", str(PLAN), "--log-dir", str(tmp_path / "logs")])
    assert status == 1
    text = crash_file(capsys.readouterr().err, ["Tomasz"])
    assert "Tomasz" not in text
    assert "KeyError: 'p05 (he/him)'" in text
    assert "while: sessiontui run" in text


def test_names_are_replaced_in_every_spelling_a_traceback_uses() -> None:
    names = {"Zoë Brontë": "p07", "Sam": "p03", "Sam Lee": "p04", "Jo": "p09"}
    text = ("Zoë Brontë; 'Zo\\xeb Bront\\xeb'; \"Zo\\u00eb Bront\\u00eb\"; SAM LEE; sam; "
            "p_Jo; json journal Samuel")
    assert crash.scrub(text, names) == (
        "p07; 'p07'; \"p07\"; p04; p03; p_p09; json journal Samuel")


def test_a_crash_file_that_cannot_be_written_still_prints_no_traceback(monkeypatch) -> None:
    def refuse() -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(crash, "crash_dir", refuse)
    try:
        raise ValueError("Ciara")
    except ValueError as error:
        line = crash.report(error)
    assert line == ("sessiontui: something went wrong (ValueError); the details could not "
                    "be saved (Permission denied)")


@pytest.fixture(autouse=True)
def forget_names(monkeypatch) -> None:
    """Each test starts with no names known (the registry is per process)."""
    monkeypatch.setattr(crash, "_names", {})


def test_an_alias_from_the_plan_is_scrubbed_from_a_crash_report() -> None:
    crash.remember_names({"p31": {"name": "Ζωή Παπαδοπούλου", "aliases": ["Zozo"]}})
    assert crash.scrub("KeyError: 'Zozo'") == "KeyError: 'p31'"
