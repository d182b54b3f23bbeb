"""`sessiontui watch [LOG]`: follow a session while it is run, read-only (a co-host's view)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Follow a session while the facilitator's sessiontui runs it: the replay screen kept at
the live moment, read-only, moving on within a second of each saved event, its clock
counting between events (time left in the phase, the current turn). For a co-host who
keeps the queue, the chat and the time: from a second terminal on the same machine, or
over SSH. No server; watch writes nothing at all (no comments either: use replay).

Every replay key works: seeking back pauses following (the status line says how far
behind), End goes back to the live moment. The watch survives the log moving to a new
segment, and the end of the session (it says so and stays). A log nobody is writing
opens at its end, saying "not being written now". Private text (notes, pause reasons,
safeguarding records) shows only as "Private" unless --include-notes: the co-host sees
that something private happened, not what.

Without LOG: the session being written now in the log folder (as `sessiontui logs`
lists it). If none is, one line and exit status 2; if several are, the one written most
recently is shown, and the others are named.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="follow a session being run now, read-only (for a co-host)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", metavar="LOG", nargs="?",
                        help="the session's log file (.jsonl); default: the one being "
                        "written now in the log folder")
    parser.add_argument("--log-dir", metavar="DIR",
                        help="the folder of logs to look in without LOG (default: "
                        "sessions/ in the sessiontui state folder, or log_dir in the "
                        "config file)")
    parser.add_argument("--theme", metavar="NAME", help="the theme (see: sessiontui themes)")
    parser.add_argument("--include-notes", action="store_true",
                        help="show private text (notes, pause reasons, safeguarding) in "
                        "the event list; without it, a private entry says only that it is "
                        "private")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sessiontui.cli.launch import has_terminal, no_terminal

    if not has_terminal():
        return no_terminal("watch")
    notices: tuple[str, ...] = ()
    if args.log is not None:
        log = Path(args.log)
    else:
        found = live_log(args)
        if isinstance(found, int):
            return found
        log, notices = found
    from sessiontui.cli.launch import launch, opened_or_report
    from sessiontui.plan.errors import one_line
    from sessiontui.ui.starts import WatchLog
    from sessiontui.watch import WatchSession

    opened = opened_or_report(log, WatchSession.begin)
    if opened is None:
        return 2
    opened.include_notes = args.include_notes
    for notice in opened.notices:  # a roster or comments file not read; also on screen
        print(f"sessiontui watch: warning: {one_line(notice)}", file=sys.stderr)
    return launch(WatchLog(opened, notices), theme=args.theme)


def live_log(args: argparse.Namespace) -> tuple[Path, tuple[str, ...]] | int:
    """The log being written now in the log folder, and a line naming any others; or
    exit status 2 after one line when none is."""
    from sessiontui.cli.logs import _folder
    from sessiontui.journal.catalog import being_written

    folder = _folder(args)
    found = being_written(folder)
    if not found:
        print(f"sessiontui watch: no session is being written now in {folder}; give a "
              "LOG (see: sessiontui logs)", file=sys.stderr)
        return 2
    others = found[1:]
    if not others:
        return found[0], ()
    names = ", ".join(p.name for p in others)
    line = (f"Also being written now: {names} (watch one with: sessiontui watch LOG)")
    print(f"sessiontui watch: showing {found[0].name}. {line}", file=sys.stderr)
    return found[0], (line,)
