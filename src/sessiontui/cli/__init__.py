"""The `sessiontui` command: one argparse parser, one module per subcommand.

Each subcommand module has `add_parser(subparsers)` and `run(args) -> int`. Heavy
imports (Textual, pydantic) happen inside `run`, so `--help` and `check` stay fast.
Exit status: 0 fine, 1 a failure the user should look at, 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sessiontui import __version__
from sessiontui.core.bulk import end_start_up, pause_for_start_up

EPILOG = """\
with no command, opens the home screen (plans, sessions to resume, logs to replay).

examples:
  sessiontui check sessions/evening-group.toml
  sessiontui run sessions/evening-group.toml --rehearse
  sessiontui new my-group.toml --template drop-in
  sessiontui logs
  sessiontui replay LOG
  sessiontui watch            (a co-host's read-only view of the session running now)
  sessiontui resume --take-over LOG   (a handover from a machine that is gone)
"""

SUBCOMMANDS = (
    "run", "resume", "replay", "watch", "check", "new", "logs", "report", "export", "themes",
    "config",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="sessiontui",
        description="Run an online peer-support session from a TOML plan, beside the video "
        "call, and keep a private log that trainers can replay.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sessiontui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in SUBCOMMANDS:
        module = importlib.import_module(f"sessiontui.cli.{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m sessiontui` (`argv` None: the
    program itself, which also takes over SIGHUP and SIGTERM; see sessiontui.hangup).

    Anything unexpected is one line on stderr and exit status 1; the traceback goes to
    a private crash file with names replaced by ids (see sessiontui.crash), unless
    SESSIONTUI_DEBUG is set.
    """
    if argv is None:
        from sessiontui import hangup

        hangup.install()  # first: a closed window must end us at any moment
    # Pydantic plugins see every value validated: names and notes from the plan and
    # the log. This program uses none, so it does not load third-party ones (which
    # also spares a scan of every installed package at start-up).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pause_for_start_up()  # the app ends it after its first frame; commands at exit
    command = "sessiontui"
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            from sessiontui.cli import home

            return home.run(args)
        command = f"sessiontui {args.command}"
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`sessiontui check ... | head -1`): not our failure.
        # Point stdout at /dev/null so the flush at exit cannot fail again, and exit as
        # a program stopped by SIGPIPE does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
    except Exception as error:
        if os.environ.get("SESSIONTUI_DEBUG"):
            raise  # a developer asked for the traceback
        from sessiontui import crash

        crash.print_report(error, command)
        return 1
    finally:
        end_start_up()
