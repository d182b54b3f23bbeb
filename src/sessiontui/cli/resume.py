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
        "counts: the call went on.",
    )
    parser.add_argument("log", metavar="LOG", help="the session's log file (.jsonl)")
    parser.add_argument("--theme", metavar="NAME", help="the theme (see: sessiontui themes)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sessiontui.cli.launch import launch, read_log_or_report
    from sessiontui.ui.app import ResumeLog

    log = Path(args.log)
    contents = read_log_or_report(log)
    if contents is None:
        return 2
    last = contents.events[-1] if contents.events else None
    if last is not None and last.type == "session.ended":
        print(f"{log}: this session has ended; replay it with: sessiontui replay {log}",
              file=sys.stderr)
        return 2
    return launch(ResumeLog(log), theme=args.theme)
