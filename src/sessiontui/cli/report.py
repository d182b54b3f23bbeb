"""`sessiontui report LOG...`: a trainer's report of one session, or of a series.

    sessiontui report LOG [--format md|html|json] [-o FILE] [--anonymize] [--include-notes]
                          [--no-people] [--include-comments] [--salvage]
    sessiontui report LOG LOG LOG ...           a series view, then each session

Never writes to a log. Exit 0 with the report written (a damaged log gives its
readable part, with a note on stderr and in the report), 2 on bad input: not a log, a
missing file, an unknown format, an output file that already exists, a comments file
that cannot be read when --include-comments asks for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Write a report of a session log for a trainer: the plan against what happened
(with the reasons the facilitator gave), attendance, talk time and turns, who did
not speak, waits for a turn, rounds, ground rules, breakouts, quiz, takeaways,
feedback, parking lot, follow-ups, markers and shared notes, as reflective
questions rather than scores. Given several logs of the same group, it starts with
a series view: one row per session, and each person across the sessions.

Names come from the roster file beside each log; without one, people appear as
pseudonyms. --anonymize uses labels ("Participant 4", in no roster order; the same
as in the log's export) everywhere and replaces roster names typed into notes,
answers and other text, in any spelling (case, accents, apostrophes,
transliteration, the plan's aliases), saying how many it replaced. Private text
(notes, follow-up notes, pause reasons, safeguarding records) is left out unless
--include-notes, and
the report says how much. --include-comments puts in the trainer's replay comments
(LOG.comments.json, private like notes), each at its moment of the session; a comments
file that cannot be read is refused (exit 2) rather than left out in silence.
--salvage reads on past a damaged line (skipping it) and says where the gap is.
--no-people leaves out the per-person table, for a copy
that goes beyond the trainer: in a small group, people can be recognised from
patterns. Which text is private: docs/log-format.md.

formats: md (terminal and email), html (one self-contained file with charts),
json (documented in docs/report-schema.md). Without --format, the -o file's
suffix chooses; otherwise md.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a report of one session log, or a series of them",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("logs", nargs="+", metavar="LOG",
                        help="a session log (.jsonl); several make a series report")
    parser.add_argument("--format", metavar="FORMAT", default=None,
                        help="md, html or json (default: from -o's suffix, else md)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (created 0600, never replaced) instead of stdout")
    parser.add_argument("--anonymize", action="store_true",
                        help="pseudonyms for every name, and roster names removed from text")
    parser.add_argument("--include-notes", action="store_true",
                        help="include private text: notes, follow-up notes, pause reasons, "
                        "safeguarding records")
    parser.add_argument("--no-people", action="store_true",
                        help="leave out the per-person table (and quiz points)")
    parser.add_argument("--include-comments", action="store_true",
                        help="include the trainer's replay comments (LOG.comments.json)")
    parser.add_argument("--salvage", action="store_true",
                        help="read on past damaged lines (skipping them), saying where")
    parser.set_defaults(handler=run)


def choose_format(requested: str | None, output: str | None) -> str | None:
    """The format asked for, or the one -o's suffix implies; None if unknown."""
    from sessiontui.report import FORMATS

    if requested is not None:
        value = requested.strip().lower()
        value = {"markdown": "md", "htm": "html"}.get(value, value)
        return value if value in FORMATS else None
    if output:
        suffix = Path(output).suffix.lower()
        return {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "md")
    return "md"


def find_log(name: str) -> Path:
    """A path as given, or a bare name found in the log folder (as `logs verify` does)."""
    path = Path(name).expanduser()
    if path.exists() or path.is_absolute():
        return path
    from sessiontui.journal.paths import sessions_dir

    candidate = sessions_dir(create=False) / name
    return candidate if candidate.exists() else path


def run(args: argparse.Namespace) -> int:
    from sessiontui.plan.errors import one_line
    from sessiontui.report import ReportError

    try:
        return _run(args)
    except ReportError as error:
        print(f"sessiontui report: {one_line(str(error))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except Exception as error:  # a log no test foresaw: one line, never a traceback
        return internal_error("report", error, args.logs)


def internal_error(command: str, error: Exception, logs: list[str] | None = None) -> int:
    """A bug met on the way: one line, exit 1, and the traceback in a private crash
    file with the roster names of `logs` replaced by their ids (its message may quote
    private text). SESSIONTUI_DEBUG=1 shows the traceback instead."""
    import os
    from pathlib import Path

    from sessiontui import crash

    if os.environ.get("SESSIONTUI_DEBUG"):
        raise error
    for log in logs or ():
        try:
            from sessiontui.journal.roster import load_roster

            roster = load_roster(Path(log))
        except Exception:  # a roster that cannot be read holds no names to hide
            continue
        if roster is not None:
            crash.remember_names(dict(roster.get("participants") or {}))
            crash.remember_names(dict(roster.get("facilitators") or {}))
    crash.print_report(error, f"sessiontui {command}")
    return 1


def with_comments(log: Any) -> Any:
    """The log with its trainer's comments; ReportError (exit 2) if the comments file
    cannot be read: a report asked to hold them must not leave them out in silence."""
    from dataclasses import replace

    from sessiontui.journal.comments import load_comments
    from sessiontui.journal.errors import JournalError
    from sessiontui.report import ReportError

    try:
        comments = load_comments(log.path)
    except JournalError as error:
        raise ReportError(f"{error} (asked for by --include-comments)") from error
    return replace(log, comments=tuple(comments))


def _run(args: argparse.Namespace) -> int:
    from sessiontui.journal.paths import main_log
    from sessiontui.plan.errors import one_line
    from sessiontui.report import (
        ReportError,
        build_report,
        build_reports,
        build_series,
        load_log,
        render,
    )

    chosen = choose_format(args.format, args.output)
    if chosen is None:
        raise ReportError(f"unknown format {args.format!r}: use md, html or json")
    if args.output and Path(args.output).exists():
        raise ReportError(f"{args.output}: already exists; choose a new file name")

    paths: list[Path] = []
    seen: set[Path] = set()
    for name in args.logs:
        path = find_log(name)
        key = main_log(path).resolve()
        if key in seen:
            continue  # the same log twice, or a log and its own segment
        seen.add(key)
        paths.append(path)
    logs = [load_log(path, salvage=args.salvage) for path in paths]
    if args.include_comments:
        logs = [with_comments(log) for log in logs]
    for log in logs:
        damage = log.contents.damage
        if damage is not None:
            print(
                f"sessiontui report: warning: {one_line(log.path.name)}: "
                f"{one_line(damage.describe())}; reporting the {len(log.contents.events)} "
                f"events before it",
                file=sys.stderr,
            )
        skipped = log.contents.skipped
        if skipped:
            lines = ", ".join(str(s.line) for s in skipped[:10])
            print(
                f"sessiontui report: warning: {one_line(log.path.name)}: "
                f"{len(skipped)} damaged line{'s' if len(skipped) != 1 else ''} skipped "
                f"(line{'s' if len(skipped) != 1 else ''} {lines}); events in the gap may be "
                f"missing",
                file=sys.stderr,
            )
        for notice in log.contents.notices():
            print(f"sessiontui report: warning: {one_line(log.path.name)}: {one_line(notice)}",
                  file=sys.stderr)
        for warning in log.roster_warnings:
            print(f"sessiontui report: warning: {one_line(warning)}", file=sys.stderr)
        if args.anonymize and log.roster is None:
            print(
                f"sessiontui report: warning: {one_line(log.path.name)} has no roster file, "
                f"so names typed into its text could not be looked for",
                file=sys.stderr,
            )

    if len(logs) == 1:
        log = logs[0]
        report = build_report(
            log.contents, log.roster, anonymize=args.anonymize,
            include_notes=args.include_notes, plan=log.plan, people=not args.no_people,
            comments=log.comments, consume=True,
        )
        text = render(report, chosen)
    else:
        reports = build_reports(logs, anonymize=args.anonymize, include_notes=args.include_notes,
                                people=not args.no_people, consume=True)
        text = render(build_series(reports), chosen)

    if args.output:
        from sessiontui.report.output import write_new

        write_new(args.output, text.encode("utf-8"))
        print(f"wrote {one_line(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
