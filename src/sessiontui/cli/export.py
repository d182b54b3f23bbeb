"""`sessiontui export LOG -o FILE [--anonymize]`: a copy of a log to hand to a trainer.

Names are always taken out (labels instead, with a roster of labels beside the copy),
private text is left out unless --include-notes, members' words are left out of an
--anonymize copy unless --include-words, and the result is a valid log (contiguous
seq, a CRC on every line) that replays and reports with the same figures. See
sessiontui/report/export.py for exactly what changes.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessiontui.core.clock import Clock

DESCRIPTION = """\
Make a copy of a session log that a facilitator can hand to a trainer. The copy:

  - has no names: people are labels ("Participant 4", in no roster order, the same
    as in `report --anonymize`), and roster names typed into the text that is kept
    (in any spelling: case, accents, apostrophes, transliteration, the plan's
    aliases) are replaced by those labels;
  - leaves out private text (notes, follow-up notes, pause reasons) and safeguarding
    records, unless --include-notes;
  - with --anonymize, also leaves out members' words (round answers, takeaways,
    feedback comments, report-backs, the group's rules, parked topics, shared
    notes), unless --include-words: a copy for beyond the trainer;
  - is a valid log: every line has a valid CRC and seq runs 1, 2, 3 ...; it replays
    and reports with the same figures as the original;
  - has a roster of labels beside it (FILE.roster.json), so a replay shows the same
    labels; both files are created 0600 and never replace a file.

Which text is private, members' words or shareable: docs/log-format.md.
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
    parser.add_argument("--anonymize", action="store_true",
                        help="leave members' words out too (names are always taken out)")
    parser.add_argument("--include-notes", action="store_true",
                        help="keep private text: notes, follow-up notes, pause reasons, "
                             "safeguarding records (names still replaced)")
    parser.add_argument("--include-words", action="store_true",
                        help="with --anonymize, keep members' words (names still replaced)")
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

        return internal_error("export", error, [args.log])


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
    result = export_log(source, target, include_notes=args.include_notes,
                        anonymize=args.anonymize, include_words=args.include_words,
                        now=clock.wall())
    if result.damage:
        every = result.events + result.dropped + result.words_dropped
        print(f"sessiontui export: warning: {one_line(result.damage)}; exported the "
              f"{every} events before it", file=sys.stderr)
    for notice in result.notices:
        print(f"sessiontui export: warning: {one_line(notice)}", file=sys.stderr)
    if not result.scrubbed:
        print("sessiontui export: warning: no roster file beside the log, so names typed "
              "into its text could not be looked for: read the copy before sharing it",
              file=sys.stderr)
    print(f"exported {result.events} events to {one_line(str(target))}")
    if result.roster is not None:
        print(f"  labels for a replay: {one_line(str(result.roster))}")
    left = []
    if result.dropped:
        events = "event" if result.dropped == 1 else "events"
        left.append(f"{result.dropped} private {events} (notes, safeguarding; "
                    "--include-notes keeps them)")
    if result.words_dropped:
        left.append(f"{result.words_dropped} events of members' words (--include-words "
                    f"keeps them)")
    if result.blanked:
        left.append(f"the text of {result.blanked} more events")
    if left:
        print("  left out: " + "; ".join(left))
    if result.scrubbed:
        print(f"  names replaced in the text: {result.replacements} (a common word that "
              f"is also a name is replaced too; read the copy)")
    return 0
