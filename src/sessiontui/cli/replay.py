"""`sessiontui replay LOG`: watch a logged session again, at your own pace."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="watch a logged session again (for trainers)",
        description="Replay a session log on the live screen, read-only, driven by the "
        "log's own times. space plays, arrows seek, [ and ] jump between markers, phases "
        "and comments, f goes to the facilitator's next long turn, l shows who held the "
        "floor, e lists the events in words, c adds your comment (kept in "
        "LOG.comments.json, never in the log), ctrl+p finds any command, ? shows every "
        "key. Names come from the roster file beside the log; without it, pseudonyms. A "
        "long log shows its start at once and the keys work when every event is read. "
        "Never writes to the log.",
    )
    parser.add_argument("log", metavar="LOG", help="the session's log file (.jsonl)")
    parser.add_argument("--at", metavar="TIME",
                        help="start at this time from the session's start: 46:34, 1:02:03 "
                        "or 46m (as the replay's clock counts)")
    parser.add_argument("--theme", metavar="NAME", help="the theme (see: sessiontui themes)")
    parser.add_argument("--salvage", action="store_true",
                        help="read on past damaged lines (skipping them); the gaps are "
                        "said on screen and [ ] jump to them")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from sessiontui.prefetch import cpu_times

    began = cpu_times()  # how busy the machine is while we start decides the prefetch
    from sessiontui.replay import PositionError, parse_position

    start_at = None
    if args.at is not None:
        try:
            start_at = parse_position(args.at)
        except PositionError as error:
            print(f"sessiontui replay: --at: {error}", file=sys.stderr)
            return 2

    from sessiontui.cli.launch import launch, opened_or_report
    from sessiontui.plan.errors import one_line
    from sessiontui.replay import ReplaySession
    from sessiontui.ui.starts import ReplayLog

    log = Path(args.log)
    opened = opened_or_report(log, ReplaySession.begin)  # the header; events come later
    if opened is None:
        return 2
    opened.start_at = start_at  # taken once the events are read
    opened.salvage = args.salvage
    opened.start_prefetch(began)  # a long log is read beside the start-up, not after it
    try:
        for notice in opened.notices:  # a roster or comments file not read; also on screen
            print(f"sessiontui replay: warning: {one_line(notice)}", file=sys.stderr)
        return launch(ReplayLog(log, opened), theme=args.theme)
    finally:
        opened.stop_prefetch()
