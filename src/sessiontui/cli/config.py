"""`sessiontui config`: where the settings file is and what is in effect."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "config",
        help="show where the settings file is and what is in effect",
        description="Show the settings file's path and every setting in effect (the file's "
        "values, or the defaults). The file is TOML; the theme picker in the app saves "
        "your choice there.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import tomli_w

    from sessiontui.config import ConfigError, Settings, config_path, load_settings
    from sessiontui.journal import paths

    path = config_path()
    try:
        settings = load_settings(path)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    state = "exists" if path.exists() else "not created yet: these are the defaults"
    print(f"config file: {path} ({state})")
    log_dir = settings.log_dir or str(paths.sessions_dir(create=False))
    print(f"logs go to: {log_dir}")
    shown = settings.model_dump(exclude_none=True)
    defaults = Settings().model_dump(exclude_none=True)
    print()
    print(tomli_w.dumps(shown).rstrip() or "# (no settings)")
    changed = sorted(k for k in shown if shown[k] != defaults.get(k))
    if changed:
        print(f"\n# set in the file: {', '.join(changed)}")
    return 0
