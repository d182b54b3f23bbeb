"""Start the Textual app: shared by run, resume and the home screen."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def settings_or_exit():
    """The user's settings, or None after printing one line (exit status 2)."""
    from sessiontui.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return None


def launch(start, *, theme: str | None = None, settings=None) -> int:
    """Run the app until it exits; print where the log is. `settings`: those the
    command already read, if it needed them first (else they are read here)."""
    from sessiontui.journal.errors import JournalError
    from sessiontui.ui.app import SessiontuiApp
    from sessiontui.ui.terminal import restore_title, save_title

    settings = settings or settings_or_exit()
    if settings is None:
        return 2
    app = SessiontuiApp(start, settings=settings, theme=theme)
    save_title()
    try:
        log = app.run()
    except JournalError as error:
        print(f"sessiontui: {error}", file=sys.stderr)
        return 1
    finally:
        restore_title()
    if app.exit_message:
        print(app.exit_message)
    if log:
        print(f"The log is at {log}")
    return app.return_code or 0


def log_dir_arg(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def read_log_or_report(log: Path):
    """The log's contents (its plan snapshot checked), or None after one line on stderr."""
    from sessiontui.journal.reader import read_chain
    from sessiontui.plan.redact import plan_from_snapshot

    def read_checked(log: Path):
        found = read_chain(log)
        plan_from_snapshot(found.header["plan"]["snapshot"])
        return found

    return opened_or_report(log, read_checked)


def opened_or_report(log: Path, opener: Callable[[Path], T]) -> T | None:
    """`opener(log)`, or None after one line on stderr saying why the log cannot be used.

    resume and replay both refuse a missing, unreadable or foreign file this way,
    before the app takes over the terminal.
    """
    from sessiontui.journal.errors import JournalError, LogError

    try:
        return opener(log)
    except (LogError, JournalError) as error:
        print(f"{log}: {str(error).removeprefix(log.name + ': ')}", file=sys.stderr)
    except (KeyError, TypeError, ValueError):
        print(f"{log}: the plan in its header cannot be read", file=sys.stderr)
    except OSError as error:
        print(f"{log}: cannot be read: {error.strerror or error}", file=sys.stderr)
    return None
