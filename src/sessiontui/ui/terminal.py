"""What Textual 8.2.8 has no API for: the terminal window title (OSC 2).

The countdown in the window title stays visible while the facilitator looks at the
video call's window. Titles are saved before the app starts and restored after it,
with xterm's title stack (CSI 22;2t / 23;2t); terminals that lack it ignore both.
"""

from __future__ import annotations

import sys
import unicodedata

from textual.app import App

SAVE_TITLE = "\x1b[22;2t"
RESTORE_TITLE = "\x1b[23;2t"


def printable(text: str) -> str:
    """Text with control characters removed, so it cannot end the OSC sequence early."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


CLIPBOARD_COMMANDS = (
    ("wl-copy",), ("xclip", "-selection", "clipboard"), ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)


def copy_text(app: App, text: str) -> None:
    """Copy with OSC 52 (works over SSH and in most terminals) and, where the desktop
    has a clipboard command, with that too: some terminals and tmux block OSC 52."""
    import shutil
    import subprocess
    import threading

    app.copy_to_clipboard(text)
    if app.is_headless:
        return
    found = [command for command in CLIPBOARD_COMMANDS if shutil.which(command[0])]

    def copy() -> None:  # off the UI thread: a clipboard tool may take a moment
        for command in found:
            try:
                done = subprocess.run(command, input=text.encode(), timeout=3, check=False,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if done.returncode == 0:
                return

    if found:
        threading.Thread(target=copy, name="clipboard", daemon=True).start()


def set_window_title(app: App, title: str) -> None:
    """Show `title` in the terminal's title bar (no-op when headless)."""
    driver = app._driver  # Textual has no public API for this: kept in one place.
    if driver is not None and not app.is_headless:
        driver.write(f"\x1b]2;{printable(title)}\x07")


def save_title() -> None:
    """Push the current window title, before the app takes over the terminal."""
    if sys.stdout.isatty():
        sys.stdout.write(SAVE_TITLE)
        sys.stdout.flush()


def restore_title() -> None:
    """Pop the window title saved by save_title."""
    if sys.stdout.isatty():
        sys.stdout.write(RESTORE_TITLE)
        sys.stdout.flush()
