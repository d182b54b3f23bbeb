"""Start the Textual app: shared by run, resume and the home screen."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def has_terminal() -> bool:
    """Whether the screen can run here: a terminal on stdin and stdout (or a Textual
    driver chosen for it, as the benchmarks do). Without one the app would draw into a
    pipe and wait for keys that never come."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def no_terminal(command: str) -> int:
    """Say in one line that `command` needs a terminal; exit status 2."""
    name = f"sessiontui {command}" if command else "sessiontui"
    print(f"{name}: needs a terminal (its screen is interactive); run it in a terminal "
          "window", file=sys.stderr)
    return 2


def front_end_refused(command: str, args: Any) -> int | None:
    """Exit status 2 after one line when `run`/`resume` cannot start as asked (no
    terminal for the full screen, a theme with --plain); None when it can."""
    plain = getattr(args, "plain", False)  # a Namespace made by hand may lack it
    if not plain and not has_terminal():
        return no_terminal(command)
    if plain and args.theme:
        print(f"sessiontui {command}: --theme does not apply with --plain (it has no "
              "colours)", file=sys.stderr)
        return 2
    return None


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
    command already read, if it needed them first (else they are read here).

    Exit status: what the app says, 2 when it could not open what it was asked to,
    1 after something unexpected (its one line printed, the details in a crash file),
    128 + N after signal N.
    """
    from sessiontui import hangup
    from sessiontui.ui.app import SessiontuiApp
    from sessiontui.ui.starts import ShowSession
    from sessiontui.ui.terminal import restore_title, save_title

    try:
        settings = settings or settings_or_exit()
        if settings is None:
            return 2
        app = SessiontuiApp(start, settings=settings, theme=theme)
        save_title()
        try:
            log = app.run()
        finally:
            with contextlib.suppress(OSError):  # the terminal may have gone
                restore_title()
    finally:
        if isinstance(start, ShowSession) and not start.live.stopped:
            start.live.close()  # the app ended before it could (say, a crash)
    if hangup.signalled() is not None:
        return hangup.GUARD.status
    if app.crash_line:
        say(app.crash_line, sys.stderr)
        return 1
    if app.error_line:
        say(f"sessiontui: {app.error_line}", sys.stderr)
        return 2
    status = app.return_code or 0
    if app.live is not None and not lost_nothing(app.live):
        status = status or 1
    if app.exit_message:
        say(app.exit_message)
    if log:
        say(f"The log is at {log}")
    return status


def lost_nothing(live) -> bool:
    """After the app: say in one line each what could not be saved (never a name)."""
    from sessiontui.journal.paths import roster_path

    fine = True
    unsaved = len(live.writer.pending())
    if unsaved:
        cause = live.writer.error or "the log could not be written"
        say(f"sessiontui: {unsaved} event{'s' if unsaved != 1 else ''} could not be saved "
            f"({cause})", sys.stderr)
        fine = False
    if live.roster_problem is not None:
        say(f"sessiontui: the roster could not be saved ({live.roster_problem}): the names "
            f"of people who joined are not in {roster_path(live.log_path).name}", sys.stderr)
        fine = False
    return fine


def say(line: str, stream=None) -> None:
    """Print a line, quietly doing nothing if the terminal has gone."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=stream or sys.stdout)


def open_session(opener: Callable[[], T], log: Path | None = None) -> T | None:
    """Open the session's log before the app takes over the terminal, so that a log
    that cannot be created or continued is one line on stderr (exit status 2), never
    a traceback inside the app. None after that line, or after a signal."""
    from sessiontui import hangup
    from sessiontui.journal.errors import JournalError
    from sessiontui.journal.opening import opening_problem

    try:
        with hangup.GUARD.opening() as watch:
            live = opener()
            watch(live)  # type: ignore[arg-type]
            return live
    except hangup.Stopped:
        return None
    except (JournalError, OSError) as error:
        say(f"sessiontui: {opening_problem(error, log)}", sys.stderr)
        return None


def log_dir_arg(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def read_log_or_report(log: Path):
    """The log's contents (its plan snapshot checked), or None after one line on stderr."""
    from sessiontui.journal.reader import read_chain
    from sessiontui.plan.redact import plan_from_snapshot

    def read_checked(log: Path):
        found = read_chain(log)
        plan_from_snapshot(found.header.plan_snapshot)
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


def launch_plain(live, settings, *, resumed: bool = False) -> int:
    """Run a session in plain mode (`--plain`) on this process's stdin and stdout, then
    say where the log is, as `launch` does. No Textual is imported on this path."""
    from sessiontui.plain.session import PlainSession
    from sessiontui.plain.terminal import FileSource, Keys, Lines

    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError):
        live.close()
        say("sessiontui: --plain reads keys from stdin, and there is none", sys.stderr)
        return 2
    try:
        with FileSource(fd) as source:
            plain = PlainSession(live, Keys(source), Lines(sys.stdout),
                                 keymap=dict(settings.keymap), resumed=resumed)
            status = plain.run()
    except BaseException:
        if not live.stopped:  # the terminal could not be set up: resumable, and said so
            live.interrupt("crash", timeout=5.0)
        raise
    if not live.stopped:
        live.close()
    from sessiontui import hangup

    if hangup.signalled() is not None:
        return hangup.GUARD.status
    if not lost_nothing(live):
        status = status or 1
    if plain.exit_message:
        say(plain.exit_message)
    say(f"The log is at {live.log_path}")
    return status
