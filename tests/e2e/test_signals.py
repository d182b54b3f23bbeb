"""A closed window (SIGHUP) or SIGTERM at any moment ends `sessiontui run`.

The program runs as users run it, under a pseudo-terminal of 80x24. Signals are sent
at seeded random moments of start-up, on the first frame, and with a dialog open; a
"close" shuts the terminal itself (the kernel then sends SIGHUP, and writes to the
terminal fail). Each time the process must be gone well within the timeout, and a log,
if one was created, must end with `session.interrupted` and read back whole.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import signal
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from sessiontui.journal.catalog import verify
from sessiontui.journal.reader import read_chain
from tests.conftest import SESSIONS

pytestmark = pytest.mark.slow

EXIT_TIMEOUT = 10.0  # generous: "ends within a second" is the aim, never asserted
FIRST_FRAME = b"Quit"  # the footer's last key: the whole first frame is out
DIALOG = b"A label for this moment"  # the marker dialog's prompt


class Terminal:
    """A pseudo-terminal running sessiontui, read continuously (a terminal that is not
    read would stall the app, which is a different test)."""

    def __init__(self, log_dir: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("TEXTUAL_DRIVER", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sessiontui", "run",
             str(SESSIONS / "evening-group.toml"), "--log-dir", str(log_dir)],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            start_new_session=True, preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.master: int | None = master
        self.output = bytearray()
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536) if self.master is not None else b""
            except OSError:
                data = b""
            with self.changed:
                if not data:
                    self.changed.notify_all()
                    return
                self.output += data
                self.changed.notify_all()

    def wait_for(self, text: bytes, timeout: float = 30.0) -> bool:
        with self.changed:
            return self.changed.wait_for(
                lambda: text in self.output or self.process.poll() is not None, timeout)

    def type(self, keys: bytes) -> None:
        assert self.master is not None
        os.write(self.master, keys)

    def close(self) -> None:
        """What closing the window does: the terminal goes away (SIGHUP follows)."""
        if self.master is not None:
            master, self.master = self.master, None
            os.close(master)


def _take_terminal() -> None:
    """In the child, after setsid: the pty becomes its controlling terminal, so that
    closing it sends SIGHUP as a real window would."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def send(term: Terminal, how: str) -> None:
    if how == "close":
        term.close()
    else:
        term.process.send_signal(signal.SIGHUP if how == "hup" else signal.SIGTERM)


def check_ended(term: Terminal, log_dir: Path) -> None:
    try:
        term.process.wait(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        term.process.kill()
        term.process.wait()
        pytest.fail(f"still running {EXIT_TIMEOUT}s after the signal")
    finally:
        term.close()
    logs = sorted(log_dir.glob("*.jsonl")) if log_dir.exists() else []
    for log in logs:
        contents = read_chain(log)
        assert contents.events, f"{log.name} has no events"
        assert contents.events[-1].type == "session.interrupted", [
            e.type for e in contents.events]
        verdict = verify(log)
        assert verdict.code == 0, verdict.text


@pytest.mark.parametrize("how", ["close", "hup", "term"])
def test_a_signal_during_start_up_ends_the_process(tmp_path: Path, how: str) -> None:
    rng = random.Random(f"start-up {how}")
    for attempt in range(2):
        log_dir = tmp_path / f"logs{attempt}"
        term = Terminal(log_dir)
        # somewhere between Python starting and the app being up
        term.wait_for(FIRST_FRAME, timeout=rng.uniform(0.0, 1.5))
        send(term, how)
        check_ended(term, log_dir)


@pytest.mark.parametrize("how", ["close", "term"])
def test_a_signal_on_the_first_frame_or_with_a_dialog_open(tmp_path: Path, how: str) -> None:
    for moment in ("first frame", "dialog"):
        log_dir = tmp_path / moment.replace(" ", "-")
        term = Terminal(log_dir)
        assert term.wait_for(FIRST_FRAME), bytes(term.output[-500:])
        if moment == "dialog":
            term.type(b"m")
            assert term.wait_for(DIALOG), bytes(term.output[-500:])
        send(term, how)
        check_ended(term, log_dir)
        assert list(log_dir.glob("*.jsonl")), "the session had opened: its log must exist"
