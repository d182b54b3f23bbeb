"""`sessiontui run PLAN`: run a live session from a plan."""

from __future__ import annotations

import argparse
import sys

from sessiontui.cli.output import print_plan_error


def speed(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 1 <= number <= 120:
        raise argparse.ArgumentTypeError("speed is from 1 to 120")
    return number


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a live session from a plan",
        description="Run a live session from a plan, beside the video call. Every event goes "
        "to a private log (0600) in the per-user state folder unless --log-dir says "
        "otherwise; its path is printed when the app exits. ctrl+q asks whether to end "
        "the session or leave it to resume later. With --plain: no full-screen display; "
        "plain lines for a screen reader or a braille display, the same keys.",
    )
    parser.add_argument("plan", metavar="PLAN", help="the plan file (TOML)")
    parser.add_argument("--log-dir", metavar="DIR", help="where to write the log")
    parser.add_argument("--theme", metavar="NAME", help="the theme (see: sessiontui themes)")
    parser.add_argument("--rehearse", action="store_true",
                        help="a dry run in which session time runs faster; the log is marked "
                        "as a rehearsal")
    parser.add_argument("--speed", type=speed, default=10.0, metavar="N",
                        help="with --rehearse: how many times faster (1-120, default 10)")
    parser.add_argument("--plain", action="store_true",
                        help="screen-reader mode: no full-screen display, no colour, no "
                        "cursor movement; one plain line per thing that changed (turns, "
                        "phases, warnings), the same keys as the full app, s says the status "
                        "and ? the keys that apply now; works in a pipe and with TERM=dumb")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sessiontui.cli.launch import front_end_refused, log_dir_arg
    from sessiontui.plan import PlanError, load_plan

    refused = front_end_refused("run", args)
    if refused is not None:
        return refused
    plain = getattr(args, "plain", False)  # a Namespace made by hand may lack it
    if args.speed != 10.0 and not args.rehearse:
        print("sessiontui run: --speed only applies with --rehearse", file=sys.stderr)
        return 2
    if args.plan.endswith(".jsonl"):
        print(f"{args.plan}: this is a session log, not a plan: continue it with "
              "sessiontui resume, or watch it with sessiontui replay", file=sys.stderr)
        return 2
    try:
        loaded = load_plan(args.plan)
    except PlanError as error:
        return print_plan_error(error)
    from sessiontui.cli.launch import settings_or_exit

    settings = settings_or_exit()
    if settings is None:
        return 2
    from sessiontui import crash, hangup
    from sessiontui.cli.launch import open_session
    from sessiontui.core.clock import SystemClock
    from sessiontui.live import LiveSession
    from sessiontui.plan.redact import roster_entries

    crash.remember_names(roster_entries(loaded.plan))
    folder = log_dir_arg(args.log_dir or settings.log_dir)
    live = open_session(lambda: LiveSession.begin(
        loaded, clock=SystemClock(), log_dir=folder, rehearsal=args.rehearse,
        speed=args.speed if args.rehearse else 1.0))
    if live is None:
        return hangup.GUARD.status or 2
    if plain:
        from sessiontui.cli.launch import launch_plain

        return launch_plain(live, settings)
    from sessiontui.cli.launch import launch
    from sessiontui.ui.starts import ShowSession

    return launch(ShowSession(live), theme=args.theme or loaded.plan.session.theme,
                  settings=settings)
