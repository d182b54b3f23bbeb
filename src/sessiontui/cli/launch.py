"""Start the Textual app: shared by run, resume and the home screen."""

from __future__ import annotations

import sys
from pathlib import Path


def settings_or_exit():
    """The user's settings, or None after printing one line (exit status 2)."""
    from sessiontui.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return None


def launch(start, *, theme: str | None = None) -> int:
    """Run the app until it exits; print where the log is."""
    from sessiontui.journal.errors import JournalError
    from sessiontui.ui.app import SessiontuiApp
    from sessiontui.ui.terminal import restore_title, save_title

    settings = settings_or_exit()
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


def read_log_or_report(log: Path, *, header_only: bool = False):
    """The log's contents (its plan snapshot checked), or None after one line on stderr.

    resume and replay both refuse a missing, unreadable or foreign file this way,
    before the app takes over the terminal. Replay needs only the header here (the
    screen reads the events itself, after its first frame); it returns the header.
    """
    from sessiontui.journal.errors import JournalError, LogError
    from sessiontui.journal.reader import read_chain, read_header
    from sessiontui.plan.redact import plan_from_snapshot

    try:
        found = read_header(log) if header_only else read_chain(log)
        header = found if header_only else found.header
        plan_from_snapshot(header["plan"]["snapshot"])
    except (LogError, JournalError) as error:
        print(f"{log}: {str(error).removeprefix(log.name + ': ')}", file=sys.stderr)
    except (KeyError, TypeError, ValueError):
        print(f"{log}: the plan in its header cannot be read", file=sys.stderr)
    except OSError as error:
        print(f"{log}: cannot be read: {error.strerror or error}", file=sys.stderr)
    else:
        return found
    return None
