"""`sessiontui export LOG -o FILE --anonymize`: a copy of a log to hand to a trainer.

Names are always taken out (that is what an export is for; --anonymize says so
explicitly), private notes are left out unless --include-notes, and the result is a
valid log (contiguous seq, a CRC on every line) that replays and reports with the
same figures. See sessiontui/report/export.py for exactly what changes.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessiontui.core.clock import Clock

DESCRIPTION = """\
Make a copy of a session log that a facilitator can hand to a trainer. The copy:

  - has no names: roster names typed into notes, answers, takeaways, report-backs
    and plan text are replaced by the pseudonyms reports use ("Participant 1");
    people already appear in logs only by id;
  - leaves out private notes (dropped, with the events renumbered) and the private
    text of follow-up flags, unless --include-notes;
  - is a valid log: every line has a valid CRC and seq runs 1, 2, 3 ...; it replays
    and reports with the same figures as the original;
  - is created 0600, never replaces a file, and has no roster file beside it.

A damaged log exports its readable part, with a warning.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="copy a log for a trainer, without names or private notes",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", metavar="LOG", help="the session log (.jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="the new file to write (required; never replaced)")
    parser.add_argument("--anonymize", action="store_true", default=True,
                        help="take names out (always done; accepted for clarity)")
    parser.add_argument("--include-notes", action="store_true",
                        help="keep private notes and follow-up notes (names still removed)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    """`clock`: when the export says it was made; the real one unless a test gives one."""
    from sessiontui.core.clock import SystemClock
    from sessiontui.plan.errors import one_line
    from sessiontui.report import ReportError

    try:
        return _run(args, clock or SystemClock())
    except ReportError as error:
        print(f"sessiontui export: {one_line(str(error))}", file=sys.stderr)
        return 2
    except Exception as error:  # a log no test foresaw: one line, never a traceback
        from sessiontui.cli.report import internal_error

        return internal_error("export", error)


def _run(args: argparse.Namespace, clock: Clock) -> int:
    from pathlib import Path

    from sessiontui.cli.report import find_log
    from sessiontui.journal.paths import main_log
    from sessiontui.plan.errors import one_line
    from sessiontui.report import ReportError
    from sessiontui.report.export import export_log

    if not args.output:
        raise ReportError("say where to write the copy: -o FILE")
    target = Path(args.output)
    if target.exists():
        raise ReportError(f"{args.output}: already exists; choose a new file name")
    source = find_log(args.log)
    if source.exists() and main_log(source).resolve() == main_log(target).resolve():
        raise ReportError("the copy must be a new file, not the log itself")
    result = export_log(source, target, include_notes=args.include_notes, now=clock.wall())
    if result.damage:
        print(f"sessiontui export: warning: {one_line(result.damage)}; exported the "
              f"{result.events + result.dropped} events before it", file=sys.stderr)
    for notice in result.notices:
        print(f"sessiontui export: warning: {one_line(notice)}", file=sys.stderr)
    if not result.scrubbed:
        print("sessiontui export: warning: no roster file beside the log, so names typed "
              "into its text could not be looked for: read the copy before sharing it",
              file=sys.stderr)
    dropped = f", {result.dropped} private note events left out" if result.dropped else ""
    print(f"exported {result.events} events to {one_line(str(target))}{dropped}")
    return 0
