"""`sessiontui run --plain` as people run it: under a pseudo-terminal (keys one at a
time, text typed on an echoed line, the terminal put back at the end), through a pipe,
and ended by SIGTERM. Without Textual: the plain path never imports it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from sessiontui.journal.reader import read_chain
from tests.conftest import ROOT, SESSIONS

pytestmark = pytest.mark.slow

EXIT_TIMEOUT = 20.0  # generous; never a measured duration
PLAN = str(SESSIONS / "evening-group.toml")
PROGRAM = (
    "import sys\n"
    "from sessiontui.cli import main\n"
    "status = main()\n"
    "try:\n"
    "    print('textual imported' if 'textual' in sys.modules else 'no textual',\n"
    "          file=sys.stderr)\n"
    "except OSError:\n"
    "    pass  # the terminal has gone\n"
    "sys.exit(status)\n"
)


def environment() -> dict[str, str]:
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("TEXTUAL_DRIVER", None)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", PROGRAM, *args]


def _take_terminal() -> None:
    """In the child: the pty becomes its controlling terminal, so that closing it sends
    SIGHUP as closing a window does."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PlainTerminal:
    """sessiontui --plain under a pseudo-terminal, read continuously."""

    def __init__(self, log_dir: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.before = termios.tcgetattr(slave)
        self.process = subprocess.Popen(
            command("run", PLAN, "--plain", "--log-dir", str(log_dir)),
            stdin=slave, stdout=slave, stderr=slave, env=environment(), close_fds=True,
            start_new_session=True, preexec_fn=_take_terminal)
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.changed = threading.Condition()
        self.closing = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        """Read until the end, or until the test closes the terminal (a read blocked
        on the master would keep it open: the child would never see the hangup)."""
        while not self.closing:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            with self.changed:
                if data:
                    self.output += data
                self.changed.notify_all()
                if not data:
                    return

    def close(self) -> None:
        """What closing the window does: the terminal goes away (SIGHUP follows)."""
        self.closing = True
        self.reader.join()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def wait_for(self, text: bytes, timeout: float = 30.0) -> bool:
        with self.changed:
            return self.changed.wait_for(
                lambda: text in self.output or self.process.poll() is not None, timeout)

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def end(self) -> int:
        try:
            return self.process.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"still running {EXIT_TIMEOUT}s on")


def test_keys_one_at_a_time_text_on_an_echoed_line_and_the_terminal_put_back(
        tmp_path: Path) -> None:
    term = PlainTerminal(tmp_path / "logs")
    try:
        assert term.wait_for(b"Everything so far is saved."), bytes(term.output)
        term.type(b"n")
        assert term.wait_for(b"Next: Ciara."), bytes(term.output)
        during = termios.tcgetattr(term.master)
        assert not during[3] & termios.ICANON and not during[3] & termios.ECHO
        term.type(b"m")
        assert term.wait_for(b"Type it, then enter"), bytes(term.output)
        term.type(b"first words\r")
        assert term.wait_for(b"Marker: first words."), bytes(term.output)
        term.type(b"o")
        assert term.wait_for(b"Private note"), bytes(term.output)
        term.type(b"never mind\x04\r")  # ctrl+d cancels a line; it does not end the keys
        assert term.wait_for(b"Cancelled."), bytes(term.output)
        term.type(b"\x11")
        assert term.wait_for(b"escape: cancel."), bytes(term.output)
        term.type(b"l")
        assert term.end() == 0
        assert term.wait_for(b"no textual"), bytes(term.output)
        after = termios.tcgetattr(term.master)
    finally:
        term.close()
    out = bytes(term.output)
    assert b"\x1b" not in out
    assert out.count(b"first words") == 2  # echoed as typed, then said
    assert b"saved.\r\nArrive and check in started" in out  # the key n is not echoed
    assert after[3] == term.before[3], "the terminal's modes were not put back"
    assert b"Left to resume later" in out


def test_keys_from_a_pipe_and_resume_from_a_pipe(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    first = subprocess.run(command("run", PLAN, "--plain", "--log-dir", str(logs)),
                           input=b"n\x11l", capture_output=True, env=environment(),
                           timeout=60)
    assert first.returncode == 0, first.stderr
    assert b"no textual" in first.stderr
    assert b"Next: Ciara." in first.stdout and b"\x1b" not in first.stdout
    log = next(logs.glob("*.jsonl"))
    again = subprocess.run(command("resume", str(log), "--plain"), input=b"n\x11e",
                           capture_output=True, env=environment(), timeout=60)
    assert again.returncode == 0, again.stderr
    assert b"no textual" in again.stderr
    said = again.stdout.decode()
    assert "Resumed: the time the app was closed still counted." in said
    assert "Ciara's turn" in said and "Session ended (ended early)." in said
    assert read_chain(log).events[-1].type == "session.ended"


def test_keys_that_run_out_leave_the_session_to_resume(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    done = subprocess.run(command("run", PLAN, "--plain", "--log-dir", str(logs)),
                          input=b"nn", capture_output=True, env=environment(), timeout=60)
    assert done.returncode == 1
    assert b"The keys ended before the session did" in done.stdout
    events = read_chain(next(logs.glob("*.jsonl"))).events
    assert events[-1].type == "session.interrupted"


def test_bad_input_is_one_line_and_status_2(tmp_path: Path) -> None:
    for args in (["run", str(tmp_path / "none.toml"), "--plain"],
                 ["run", PLAN, "--plain", "--theme", "dark"]):
        done = subprocess.run(command(*args), input=b"", capture_output=True,
                              env=environment(), timeout=60)
        assert done.returncode == 2
        lines = [line for line in done.stderr.decode().splitlines() if line != "no textual"]
        assert len(lines) == 1, lines


@pytest.mark.parametrize("how", ["term", "close"])
def test_a_signal_saves_the_interruption_and_ends(tmp_path: Path, how: str) -> None:
    """SIGTERM, or the window closed (the kernel sends SIGHUP), as in the full app."""
    logs = tmp_path / "logs"
    term = PlainTerminal(logs)
    try:
        assert term.wait_for(b"Everything so far is saved."), bytes(term.output)
        term.type(b"n")
        assert term.wait_for(b"Next: Ciara."), bytes(term.output)
        if how == "term":
            term.process.send_signal(signal.SIGTERM)
            assert term.end() == 128 + signal.SIGTERM
            after = termios.tcgetattr(term.master)
            assert after[3] == term.before[3], "the terminal's modes were not put back"
        else:
            term.close()
            assert term.end() == 128 + signal.SIGHUP
    finally:
        term.close()
    events = read_chain(next(logs.glob("*.jsonl"))).events
    assert events[-1].type == "session.interrupted"


def test_help_says_it() -> None:
    done = subprocess.run(command("run", "--help"), capture_output=True, env=environment(),
                          timeout=60)
    assert b"--plain" in done.stdout and b"screen-reader" in done.stdout
