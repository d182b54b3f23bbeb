"""The guard behind SIGHUP and SIGTERM, driven by hand: what it saves, in which order,
and that it always ends the process (the real signals are in tests/e2e/test_signals.py)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from sessiontui import hangup
from sessiontui.core.clock import FakeClock
from sessiontui.journal.reader import read_chain
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from tests.conftest import SESSIONS
from tests.ui.helpers import START


class Exited(Exception):
    pass


def guard() -> tuple[hangup.Guard, list[int]]:
    """A guard whose exit is recorded instead of ending the test process."""
    made = hangup.Guard()
    codes: list[int] = []

    def exit_(code: int) -> None:
        codes.append(code)
        raise Exited()

    made.exit = exit_
    return made, codes


def begin(tmp_path: Path) -> LiveSession:
    return LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"),
                             clock=FakeClock(START), log_dir=tmp_path / "logs")


def test_a_signal_saves_the_interruption_wakes_the_app_and_exits(tmp_path: Path) -> None:
    made, codes = guard()
    woken = []
    with made.opening() as watch:
        live = begin(tmp_path)
        watch(live)
    made.on_signal(lambda: woken.append(read_chain(live.log_path).events[-1].type))
    made._handle(signal.SIGTERM, None)
    with pytest.raises(Exited):
        made.stop()
    assert woken == ["session.interrupted"]  # saved before the app is asked to exit
    assert codes == [128 + signal.SIGTERM]
    assert live.stopped
    assert read_chain(live.log_path).status == "interrupted"


def test_nothing_is_opened_once_a_signal_came(tmp_path: Path) -> None:
    made, _ = guard()
    made._handle(signal.SIGHUP, None)
    with pytest.raises(hangup.Stopped), made.opening():
        begin(tmp_path)
    assert not (tmp_path / "logs").exists()


def test_a_signal_while_a_session_opens_waits_for_it(tmp_path: Path) -> None:
    made, codes = guard()
    opened = threading.Event()
    stopped = threading.Event()

    def stop() -> None:
        opened.wait(30)
        made._handle(signal.SIGHUP, None)
        try:
            made.stop()
        except Exited:
            stopped.set()

    thread = threading.Thread(target=stop)
    thread.start()
    with made.opening() as watch:
        opened.set()  # the signal comes now, in the middle of opening
        live = begin(tmp_path)
        watch(live)
        assert not stopped.is_set()  # the guard waits for the session to be open
    thread.join(30)
    assert stopped.is_set() and codes == [128 + signal.SIGHUP]
    assert read_chain(live.log_path).events[-1].type == "session.interrupted"


def test_only_the_first_signal_counts() -> None:
    made, _ = guard()
    made._handle(signal.SIGHUP, None)
    made._handle(signal.SIGTERM, None)
    assert made.signum == signal.SIGHUP and made.status == 129


def test_an_ended_session_is_not_marked_interrupted(tmp_path: Path) -> None:
    from sessiontui.core import commands

    live = begin(tmp_path)
    live.send(commands.StartSession())
    live.send(commands.EndSession())
    assert live.interrupt()
    assert read_chain(live.log_path).events[-1].type == "session.ended"
    assert live.interrupt()  # again: nothing more, and no error
