"""A closed terminal window (SIGHUP) or SIGTERM: save the interruption, then be gone.

Either signal may come at any moment: before the app exists, while Textual starts, on
the first frame, with a dialog open. The CLI installs the handler first thing, with
plain `signal.signal`. The handler only writes the signal's number to a pipe that a
thread started beforehand is reading: a handler runs between two bytecodes of whatever
the main thread was doing, so it must not touch the log or even start a thread (the
main thread may hold the very lock that needs). The same pipe is the process's signal
wakeup fd, so the kernel-level handler wakes the thread even while the main thread is
stuck in C code and cannot run Python handlers.

That thread then:
1. waits (a bounded time) for a session that is being opened to be open;
2. records `session.interrupted` and closes the log (the session's own lock keeps it
   from numbering an event while the screen does);
3. asks the app to exit, so that Textual can put the terminal back as it was;
4. if the process is still there a moment later, ends it with `os._exit`: a terminal
   that has gone away can leave Textual blocked for ever writing to it.

Plain Python, and inert until `install` is called (tests of the app never call it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))

OPEN_WAIT = 5.0
"""Seconds to wait for a session being opened (its header fsynced) before giving up."""
SAVE_WAIT = 3.0
"""Seconds to wait for the interruption (and anything queued) to be fsynced."""
EXIT_WAIT = {"SIGHUP": 0.3, "SIGTERM": 0.8}
"""Seconds the app has to exit by itself (restoring the terminal) once the session is
saved. After a hangup the terminal has usually gone: nothing to restore."""


class Interruptible(Protocol):
    def interrupt(self, cause: str = "signal", timeout: float = 10.0) -> bool: ...


class Stopped(Exception):
    """A signal came: do not open a session now (the process is ending)."""


class Guard:
    """Turns SIGHUP and SIGTERM into: save, let the app exit, and exit for sure."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._pipe: tuple[int, int] | None = None
        self._cond = threading.Condition()
        self._opening = 0
        self._stopping = False
        self._session: Interruptible | None = None
        self._wake: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None
        self.exit: Callable[[int], Any] = os._exit  # replaced in tests

    # -- set-up (main thread) ----------------------------------------------------------

    def install(self) -> None:
        """Start the thread, then take over the signals. Main thread only."""
        if self._thread is None:
            read, write = os.pipe()
            os.set_blocking(write, False)
            self._pipe = (read, write)
            self._thread = threading.Thread(target=self._run, name="sessiontui-hangup",
                                            daemon=True)
            self._thread.start()
            with contextlib.suppress(ValueError, OSError):
                signal.set_wakeup_fd(write, warn_on_full_buffer=False)
        for number in SIGNALS:
            signal.signal(number, self._handle)

    @property
    def installed(self) -> bool:
        return self._thread is not None

    def _handle(self, signum: int, _frame: object) -> None:
        """The handler: note the first signal and wake the thread, nothing more."""
        if self.signum is None:
            self.signum = signum
        if self._pipe is not None:
            with contextlib.suppress(OSError):  # full: the thread is awake already
                os.write(self._pipe[1], bytes([signum]))

    # -- what the program tells the guard ---------------------------------------------

    @contextlib.contextmanager
    def opening(self) -> Iterator[Callable[[Interruptible], None]]:
        """Around opening a session: `with guard.opening() as watch: watch(open())`.

        Raises Stopped if a signal already came (nothing is opened then). A signal
        that comes while the session opens waits for it, then interrupts it.
        """
        with self._cond:
            if self._stopping or self.signum is not None:
                raise Stopped()
            self._opening += 1

        def watch(session: Interruptible) -> None:
            with self._cond:
                self._session = session

        try:
            yield watch
        finally:
            with self._cond:
                self._opening -= 1
                self._cond.notify_all()

    def watch(self, session: Interruptible | None) -> None:
        """The session to save on a signal (None: it was closed the ordinary way)."""
        with self._cond:
            self._session = session

    def on_signal(self, wake: Callable[[], None] | None) -> None:
        """How to ask the running app to exit; called from the guard's thread, so it
        must be thread-safe (`loop.call_soon_threadsafe`). None: no app now."""
        with self._cond:
            self._wake = wake

    @property
    def status(self) -> int:
        """The exit status for the signal that came (128 + its number), else 0."""
        return 128 + self.signum if self.signum is not None else 0

    # -- the guard's thread ------------------------------------------------------------

    def _run(self) -> None:
        """Wait for SIGHUP or SIGTERM. Other signals' numbers come through the wakeup
        fd too (a window resize sends SIGWINCH): those are not ours."""
        assert self._pipe is not None
        while True:
            try:
                data = os.read(self._pipe[0], 64)
            except InterruptedError:
                continue
            if not data:
                return
            mine = [number for number in data if number in SIGNALS]
            if mine:
                if self.signum is None:
                    self.signum = mine[0]
                self.stop()
                return

    def stop(self) -> None:
        """Save the interruption, let the app exit, then end the process."""
        with self._cond:
            self._stopping = True
            self._cond.wait_for(lambda: self._opening == 0, OPEN_WAIT)
            session = self._session
            wake = self._wake
        if session is not None:
            with contextlib.suppress(Exception):
                session.interrupt("signal", SAVE_WAIT)
        if wake is not None:
            with contextlib.suppress(Exception):
                wake()
            name = signal.Signals(self.signum).name if self.signum else ""
            threading.Event().wait(EXIT_WAIT.get(name, 0.8))
        self.exit(self.status or 1)


GUARD = Guard()
"""The process's one guard (signal handlers are per process)."""


def install() -> None:
    GUARD.install()


def signalled() -> int | None:
    """The signal that came, if one did."""
    return GUARD.signum


__all__ = ["GUARD", "Guard", "Stopped", "install", "signalled"]
