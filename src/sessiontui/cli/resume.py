"""`sessiontui resume LOG`: continue a session that was left or interrupted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resume",
        help="continue an unfinished session from its log",
        description="Recover the log (a torn last line is cut off and kept in a side file) "
        "and continue where the session stopped. Time spent while the app was closed still "
        "counts: the call went on. With --plain: plain lines for a screen reader, no "
        "full-screen display. A log that another process still holds (open in another "
        "window, or on another machine that shares the log folder: its LOG.lock says "
        "which) is refused, saying who holds it, and nothing is written.",
    )
    parser.add_argument("log", metavar="LOG", help="the session's log file (.jsonl)")
    parser.add_argument("--theme", metavar="NAME", help="the theme (see: sessiontui themes)")
    parser.add_argument("--plain", action="store_true",
                        help="screen-reader mode: no full-screen display, no colour, no "
                        "cursor movement; one plain line per thing that changed, the same "
                        "keys as the full app (see: sessiontui run --help)")
    parser.add_argument("--take-over", action="store_true",
                        help="continue a log whose LOG.lock names a process on another "
                        "machine (a handover: that machine is gone, and the log folder is "
                        "shared); never a log a process on this machine has open")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sessiontui import hangup
    from sessiontui.cli.launch import (
        front_end_refused,
        open_session,
        read_log_or_report,
    )
    from sessiontui.journal.holder import held_by, held_line

    refused = front_end_refused("resume", args)
    if refused is not None:
        return refused
    plain = getattr(args, "plain", False)  # a Namespace made by hand may lack it
    log = Path(args.log)
    contents = read_log_or_report(log)
    if contents is None:
        return 2
    last = contents.events[-1] if contents.events else None
    if last is not None and last.type == "session.ended":
        print(f"{log}: this session has ended; replay it with: sessiontui replay {log}",
              file=sys.stderr)
        return 2
    take_over = getattr(args, "take_over", False)
    hold = held_by(log)
    if hold is not None and (hold.flock or not take_over):  # held: touch nothing
        print(f"sessiontui: {held_line(log, hold)}", file=sys.stderr)
        return 2
    from sessiontui.cli.launch import settings_or_exit
    from sessiontui.core.clock import SystemClock
    from sessiontui.live import LiveSession

    settings = settings_or_exit()
    if settings is None:
        return 2
    live = open_session(
        lambda: LiveSession.resume(log, clock=SystemClock(), take_over=take_over), log)
    if live is None:
        return hangup.GUARD.status or 2
    if plain:  # the notices are said in the session's own lines
        from sessiontui.cli.launch import launch_plain

        return launch_plain(live, settings, resumed=True)
    for notice in live.notices:  # also on screen
        print(f"sessiontui resume: {notice}", file=sys.stderr)
    from sessiontui.cli.launch import launch
    from sessiontui.ui.starts import ShowSession

    return launch(ShowSession(live, resumed=True), theme=args.theme, settings=settings)
