"""`sessiontui themes`: the themes there are, each with a one-line preview."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "themes",
        help="list the themes with a one-line preview",
        description="List the bundled themes and your own (from the themes folder beside "
        "your config file), with a preview of the timer's normal, warning and overtime "
        "looks. Choose one with --theme NAME, theme = \"NAME\" in a plan's [session], or "
        "the theme picker in the app's command palette (ctrl+p).",
    )
    parser.set_defaults(handler=run)


def swatch(text: str, foreground: str, background: str, colour: bool) -> str:
    if not colour:
        return text
    def rgb(value: str) -> str:
        value = value.lstrip("#")
        return ";".join(str(int(value[i : i + 2], 16)) for i in (0, 2, 4))
    return f"\x1b[38;2;{rgb(foreground)};48;2;{rgb(background)}m{text}\x1b[0m"


def run(args: argparse.Namespace) -> int:
    from sessiontui.config import ConfigError, load_settings, user_themes_dir
    from sessiontui.ui.themes import DEFAULT_THEME, VARIABLE_DEFAULTS, discover_themes

    try:
        chosen = load_settings().theme or DEFAULT_THEME
    except ConfigError as error:
        print(error, file=sys.stderr)
        chosen = DEFAULT_THEME
    themes, problems = discover_themes(user_themes_dir())
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = max(len(name) for name in themes) if themes else 10
    for name, theme in sorted(themes.items()):
        variables = {**VARIABLE_DEFAULTS, **theme.variables}
        background = theme.background or ("#000000" if theme.dark else "#FFFFFF")
        preview = " ".join(
            swatch(f" {label} ", variables[f"timer-{level}"], background, colour)
            for label, level in (("12:00", "normal"), ("⚠ 1:59", "warning"),
                                 ("⏰ +0:30", "overtime"))
        )
        mark = "*" if name == chosen else " "
        print(f"{mark} {name.ljust(width)}  {preview}  {theme.description}")
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"\n* in use. Your own themes go in {user_themes_dir()}")
    return 0
