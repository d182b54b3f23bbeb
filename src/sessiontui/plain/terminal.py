"""Plain mode's input and output: keys a byte at a time, lines for text, lines out.

Input is the same from a terminal and from a pipe: bytes, named as keys (`keys.py`).
From a terminal, keys are read in cbreak mode (no echo, no line editing; ctrl+c
arrives as a key, as in the full app), and a line of text is read in the terminal's
own line mode, echoed and editable, as a screen reader expects. The terminal is put
back as it was on exit, on a signal, and after anything unexpected.

Output is lines, appended: never a colour, never a cursor movement. Control
characters in a line (an escape in a name, say) are shown as `^[`, never sent.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import select
import threading
from collections.abc import Callable, Iterator
from typing import Protocol, TextIO

from sessiontui.plain.keys import next_key

ESCAPE_WAIT = 0.05
"""Seconds to wait for the rest of an escape sequence before a lone escape is the key."""


CANCEL = frozenset("\x1b\x04\x03")
"""A line holding escape, ctrl+d or ctrl+c is cancelled."""


class EndOfInput(Exception):
    """The keys ended (a pipe closed): nobody can answer any more."""


class Source(Protocol):
    """Where bytes come from."""

    def read(self, timeout: float) -> bytes | None:
        """Bytes, b"" at the end, or None if nothing came within `timeout` seconds."""
        ...

    def line_mode(self) -> contextlib.AbstractContextManager[None]:
        """While reading a line of text: the terminal's own echo and line editing."""
        ...


class FileSource:
    """A file descriptor: a terminal (cbreak while in use) or a pipe."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.tty = os.isatty(fd)
        self._saved: list | None = None
        self._wake_r, self._wake_w = os.pipe()
        self._closed = False
        self._lock = threading.Lock()
        self.woken = threading.Event()

    # -- the terminal's modes ----------------------------------------------------------

    def __enter__(self) -> FileSource:
        if self.tty:
            import termios
            import tty

            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd, termios.TCSANOW)
            mode = termios.tcgetattr(self.fd)
            mode[3] &= ~termios.ISIG  # ctrl+c is a key (it says how to quit), as in the app
            mode[0] &= ~termios.IXON  # ctrl+s is a key, never "freeze the terminal"
            termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.restore()
        with self._lock:  # a late wake must not write to a number reused by another file
            self._closed = True
            for fd in (self._wake_r, self._wake_w):
                with contextlib.suppress(OSError):
                    os.close(fd)

    def restore(self) -> None:
        """Put the terminal back as it was (safe from another thread, and twice)."""
        saved, self._saved = self._saved, None
        if saved is not None:
            import termios

            with contextlib.suppress(OSError, termios.error):
                termios.tcsetattr(self.fd, termios.TCSANOW, saved)

    @contextlib.contextmanager
    def line_mode(self) -> Iterator[None]:
        if not self.tty or self._saved is None:
            yield
            return
        import termios

        keys = termios.tcgetattr(self.fd)
        line = list(self._saved)
        line[3] = (line[3] | termios.ICANON | termios.ECHO) & ~termios.ISIG
        line[0] &= ~termios.IXON
        line[6] = list(line[6])
        line[6][termios.VEOF] = b"\x00"  # ctrl+d cancels the line; it never ends the input
        termios.tcsetattr(self.fd, termios.TCSANOW, line)
        try:
            yield
        finally:
            if self._saved is not None:
                with contextlib.suppress(OSError, termios.error):
                    termios.tcsetattr(self.fd, termios.TCSANOW, keys)

    # -- reading ---------------------------------------------------------------------------

    def wake(self) -> None:
        """Stop waiting for input now (a signal came): callable from any thread."""
        self.woken.set()
        with self._lock, contextlib.suppress(OSError):
            if not self._closed:
                os.write(self._wake_w, b"!")

    def read(self, timeout: float) -> bytes | None:
        if self.woken.is_set():
            return None
        try:
            ready, _, _ = select.select([self.fd, self._wake_r], [], [], max(0.0, timeout))
        except (OSError, ValueError):
            return b""
        if self.fd not in ready:
            return None
        try:
            return os.read(self.fd, 1024)
        except OSError:
            return b""  # the terminal has gone


class Keys:
    """Keys and lines from a source, sharing one buffer: keys typed ahead of a prompt
    are not lost, and a line ends at enter as a key press does."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._text = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._ended = False
        self._drop_newline = False

    def _fill(self, timeout: float) -> bool:
        """Read once; True if anything new came (or the input ended)."""
        if self._ended:
            return False
        data = self.source.read(timeout)
        if data is None:
            return False
        if not data:
            self._ended = True
            self._text += self._decoder.decode(b"", final=True)
            return True
        self._text += self._decoder.decode(data)
        if self._drop_newline and self._text.startswith("\n"):
            self._text = self._text[1:]
        self._drop_newline = False
        return True

    def key(self, timeout: float) -> str | None:
        """The next key, or None if none came within `timeout`. EndOfInput at the end."""
        if not self._text:
            self._fill(timeout)
        while True:
            key, used = next_key(self._text, final=self._ended)
            if key is not None:
                self._text = self._text[used:]
                return key
            if not self._text:
                if self._ended:
                    raise EndOfInput()
                return None
            # An escape sequence cut short: its rest follows at once, or it was escape.
            if not self._fill(ESCAPE_WAIT):
                key, used = next_key(self._text, final=True)
                self._text = self._text[used:]
                return key

    def line(self, tick: float, idle: Callable[[], None],
             prompt: Callable[[], None] | None = None) -> str | None:
        """A line of text (without its end); None if it held an escape (cancelled).
        `prompt` runs once the terminal echoes (so nothing typed after it goes unseen);
        `idle` every `tick` seconds while the person types. EndOfInput at the end of the
        input with nothing typed."""
        with self.source.line_mode():
            if prompt is not None:
                prompt()
            while True:
                for end, char in enumerate(self._text):
                    if char in "\r\n":
                        text, self._text = self._text[:end], self._text[end + 1:]
                        if char == "\r":
                            if self._text.startswith("\n"):
                                self._text = self._text[1:]
                            elif not self._text:
                                self._drop_newline = True
                        return None if CANCEL & set(text) else text
                if self._ended:
                    text, self._text = self._text, ""
                    if not text:
                        raise EndOfInput()
                    return None if CANCEL & set(text) else text
                if not self._fill(tick):
                    idle()


# -- output ---------------------------------------------------------------------------


def visible(text: str) -> str:
    """`text` with control characters shown (`^[` for escape), never sent to the
    terminal: a name or a note cannot move the cursor or colour the screen."""
    out = []
    for char in text:
        code = ord(char)
        if (code < 32 and char != "\t") or code == 127:
            out.append("^" + chr(code ^ 64))
        elif 0x80 <= code < 0xA0:
            out.append(f"<{code:02x}>")
        else:
            out.append(char)
    return "".join(out)


class Lines:
    """Lines out, one at a time, flushed, never redrawn. While a person types a line
    of text, announcements wait (`hold`) and are said once the line is in."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._held: list[str] | None = None
        self.said: list[str] = []
        """Every line said, in order (for tests and the status)."""

    def say(self, line: str) -> None:
        if self._held is not None:
            self._held.append(line)
            return
        self._write(line)

    def ask(self, line: str) -> None:
        """A prompt: said now, even while other lines wait."""
        self._write(line)

    def _write(self, line: str) -> None:
        for typed in line.split("\n"):
            part = visible(typed)
            self.said.append(part)
            with contextlib.suppress(OSError, ValueError):  # the terminal may have gone
                self.stream.write(part + "\n")
                self.stream.flush()

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            for line in held:
                self._write(line)
