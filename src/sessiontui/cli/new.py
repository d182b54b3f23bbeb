"""`sessiontui new PATH`: start a plan from a built-in template."""

from __future__ import annotations

import argparse
import os
import sys

TEMPLATES = {
    "evening-group": "evening-group.toml",
    "workshop": "workshop.toml",
    "drop-in": "drop-in.toml",
}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a new plan from a template",
        description="Write a new session plan from a built-in template, ready to edit and "
        "check. Templates: " + ", ".join(TEMPLATES) + ".",
    )
    parser.add_argument("path", metavar="PATH", help="where to write the plan (.toml)")
    parser.add_argument(
        "--template", "-t", choices=sorted(TEMPLATES), default="evening-group",
        help="which template to start from (default: evening-group)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    parser.set_defaults(handler=run)


def template_text(name: str) -> str:
    """The TOML of a template, written fresh with tomli-w from the bundled example."""
    from sessiontui.plan import load_plan
    from sessiontui.plan.writer import plan_to_toml
    from sessiontui.resources import sessions_dir

    plan = load_plan(sessions_dir() / TEMPLATES[name]).plan
    intro = (
        f"# A sessiontui plan, started from the {name} template.\n"
        "# Edit it, then: sessiontui check THIS_FILE   (docs/plan-format.md lists every key)\n"
        "# Someone who cannot raise a hand on video: add joins = \"phone\" (or \"chat\", for\n"
        "# chat only) to their [[participants]] entry. More people coming than you list:\n"
        "# expected = 14 under [session].\n\n"
    )
    return intro + plan_to_toml(plan)


def run(args: argparse.Namespace) -> int:
    text = template_text(args.template)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if args.force else os.O_EXCL)
    try:
        fd = os.open(args.path, flags, 0o644)
    except FileExistsError:
        print(f"{args.path}: already exists; use --force to overwrite it", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"{args.path}: is a folder; give a file name such as my-group.toml",
              file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{args.path}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 2
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {args.path} from the {args.template} template; "
          f"next: sessiontui check {args.path}")
    return 0
