"""`sessiontui logs`: list session logs, verify one, prune old ones.

    sessiontui logs [--log-dir DIR]
    sessiontui logs verify LOG
    sessiontui logs prune --older-than 90d [--yes] [--log-dir DIR]

Only `prune` deletes, and only after a yes (typed, or --yes). Nothing here prints
what is inside a log: file names, counts and states only.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessiontui.core.clock import Clock

DESCRIPTION = """\
List the session logs in the log folder (newest first) with their plan, state
(finished, interrupted, damaged), number of events and size.

  verify LOG   check one log line by line; exit 0 intact, 1 damaged, 2 not a log
  prune        delete logs older than an age, with their roster, segments and
               side files, after asking
"""

_AGE = re.compile(r"^\s*([0-9]+)\s*([dhm])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "logs",
        help="list, verify and prune session logs",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--log-dir",
        metavar="DIR",
        help="the folder of logs (default: sessions/ in the sessiontui state folder)",
    )
    actions = parser.add_subparsers(dest="logs_command", metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check one log; exit 0 intact, 1 damaged, 2 not a log",
        description="Check every line of a log (and its .partN segments): CRC, JSON, fields "
        "and unbroken seq. Prints one line. Exit 0 when intact, 1 when damaged, 2 when the "
        "file is not a sessiontui log or cannot be read. Never changes the file.",
    )
    verify.add_argument("log", metavar="LOG", help="a log file (a bare name is looked up in DIR)")
    verify.add_argument("--log-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    prune = actions.add_parser(
        "prune",
        help="delete logs older than an age (asks first)",
        description="Delete the logs that started longer ago than AGE, each with its roster "
        "(the names), segments, trainer comments and torn-tail side files; also leftovers "
        "of logs already deleted. Lists the files, then asks y/N unless --yes is given. "
        "Without a terminal to ask on, refuses unless --yes.",
    )
    prune.add_argument(
        "--older-than",
        metavar="AGE",
        help="a whole number of days, hours or minutes: 90d, 12h, 30m (default: "
        "retention_days from the config file)",
    )
    prune.add_argument("--yes", action="store_true", help="delete without asking")
    prune.add_argument("--log-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    parser.set_defaults(handler=run, logs_command=None)


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    """`clock`: where prune's "now" comes from; the real one unless a test gives one."""
    from sessiontui.core.clock import SystemClock
    from sessiontui.journal.errors import JournalError

    clock = clock or SystemClock()
    try:
        folder = _folder(args)
        if args.logs_command == "verify":
            return verify_log(args.log, folder)
        if args.logs_command == "prune":
            age = args.older_than or _retention()
            if age is None:
                print("sessiontui logs prune: give --older-than AGE (e.g. 90d), or set "
                      "retention_days in the config file", file=sys.stderr)
                return 2
            return prune_logs(folder, age, assume_yes=args.yes, now=clock.wall())
        return list_logs(folder)
    except (JournalError, OSError) as error:
        # A folder that cannot be read, a file that vanished: one line, no traceback.
        where = f": {_one_line(str(error.filename))}" if getattr(error, "filename", None) else ""
        reason = getattr(error, "strerror", None) or str(error)
        print(f"sessiontui logs: {_one_line(reason)}{where}", file=sys.stderr)
        return 2


def _retention() -> str | None:
    """The organisation's retention period from the config file, as an AGE."""
    from sessiontui.config import ConfigError, load_settings

    try:
        days = load_settings().retention_days
    except ConfigError:
        return None
    return f"{days}d" if days else None


def _folder(args: argparse.Namespace) -> Path:
    if getattr(args, "log_dir", None):
        return Path(args.log_dir).expanduser()
    from sessiontui.config import ConfigError, load_settings

    try:
        configured = load_settings().log_dir
    except ConfigError:
        configured = None
    if configured:
        return Path(configured).expanduser()
    from sessiontui.journal.paths import sessions_dir

    return sessions_dir(create=False)


def list_logs(folder: Path) -> int:
    """Print the table of logs; 0 even when some are damaged (verify says more)."""
    from sessiontui.cli.output import table
    from sessiontui.journal.catalog import list_logs as summaries
    from sessiontui.journal.catalog import privacy_warnings

    if folder.exists() and not folder.is_dir():
        print(f"sessiontui logs: {_show(folder)} is not a folder", file=sys.stderr)
        return 2
    _check_folder(folder)
    logs = summaries(folder)
    if not logs:
        print(f"no session logs in {_show(folder)}")
        return 0
    rows = [["started", "plan", "state", "events", "size"]]
    for log in logs:
        state = log.state + (", rehearsal" if log.rehearsal else "")
        state += ", in use" if log.in_use else ""
        rows.append(
            [
                _when(log.started, log.tz),
                _clip(log.title or "-", 36),
                state,
                str(log.events) if log.state != "unreadable" else "-",
                human_size(log.size),
            ]
        )
    print(f"logs in {_show(folder)}:")
    # Each log's file name on a line of its own, so the table fits 80 columns.
    lines = table(rows, right={3, 4}).splitlines()
    print(lines[0])
    for line, log in zip(lines[1:], logs, strict=True):
        print(line)
        print(f"  {_show(Path(log.path.name))}")
    attention = [log for log in logs if log.state in ("damaged", "unreadable")]
    if attention:
        print(
            f"{len(attention)} log(s) damaged or unreadable: sessiontui logs verify FILE says where"
        )
    ignored = [log for log in logs if log.ignored]
    if ignored:
        print(
            f"{len(ignored)} log(s) have files beside them that were not read as part of "
            f"them: sessiontui logs verify FILE says which"
        )
    for warning in privacy_warnings(folder):
        print(f"warning: {_one_line(warning)}", file=sys.stderr)
    return 0


def verify_log(name: str, folder: Path) -> int:
    """Print the one-line verdict; return its exit status."""
    from sessiontui.journal.catalog import verify

    path = Path(name).expanduser()
    if not path.exists() and not path.is_absolute() and (folder / name).exists():
        path = folder / name
    verdict = verify(path)
    stream = sys.stdout if verdict.code < 2 else sys.stderr
    print(_one_line(verdict.text), file=stream)
    return verdict.code


def prune_logs(folder: Path, age: str, assume_yes: bool, now: datetime) -> int:
    """List what is older than `age` at `now`, ask, delete."""
    from sessiontui.journal.catalog import prune

    seconds = parse_age(age)
    if seconds is None:
        print(
            f"sessiontui logs prune: --older-than must be a whole number of days, hours or "
            f"minutes greater than 0, like 90d, 12h or 30m (got {_one_line(repr(age))})",
            file=sys.stderr,
        )
        return 2
    if folder.exists() and not folder.is_dir():
        print(f"sessiontui logs prune: {_show(folder)} is not a folder", file=sys.stderr)
        return 2
    _check_folder(folder)
    doomed = prune(folder, seconds, now)
    if not doomed:
        print(f"nothing older than {age.strip()} in {_show(folder)}")
        return 0
    print(f"{len(doomed)} file(s) older than {age.strip()} in {_show(folder)}:")
    for path in doomed:
        print(f"  {_show(Path(path.name))}")
    if not assume_yes:
        if not sys.stdin.isatty():
            print(
                "sessiontui logs prune: not deleting: no terminal to ask on; "
                "add --yes to delete these files",
                file=sys.stderr,
            )
            return 2
        try:
            answer = input(f"Delete these {len(doomed)} file(s)? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 0
    failed = 0
    for path in doomed:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError as error:
            failed += 1
            print(
                f"sessiontui logs prune: cannot delete {_show(Path(path.name))}: "
                f"{error.strerror or error}",
                file=sys.stderr,
            )
    print(f"deleted {len(doomed) - failed} file(s)")
    return 1 if failed else 0


def _check_folder(folder: Path) -> None:
    """A log folder others can change is not read (UntrustedFile); a missing one is
    just empty."""
    from sessiontui.journal.paths import check_private_dir

    if os.path.lexists(folder):
        check_private_dir(folder)


def parse_age(text: str) -> int | None:
    """`90d`, `12h`, `30m` -> seconds; None if it is not that shape or is zero."""
    match = _AGE.match(text)
    if match is None:
        return None
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    return seconds or None


def human_size(size: int) -> str:
    """1536 -> `1.5 KiB`."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


def _when(started: datetime | None, tz: str | None) -> str:
    """The start in the session's own time zone, e.g. `2026-11-24 19:30 GMT`."""
    if started is None:
        return "-"
    moment = started
    if tz:
        try:
            from zoneinfo import ZoneInfo

            moment = started.astimezone(ZoneInfo(tz))
        except (ValueError, KeyError, OSError):
            moment = started
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname() or ''}".rstrip()


def _clip(text: str, width: int) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(path: Path) -> str:
    return _one_line(str(path))


def _one_line(text: str) -> str:
    """Control and bidi characters escaped: a title or file name cannot drive the terminal."""
    from sessiontui.plan.errors import one_line

    return one_line(text)
