"""`sessiontui` with no command: the home screen."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sessiontui.cli.launch import has_terminal, launch, no_terminal, settings_or_exit
    from sessiontui.ui.starts import ShowHome

    if not has_terminal():
        return no_terminal("")
    settings = settings_or_exit()
    if settings is None:
        return 2
    folder = Path(settings.log_dir).expanduser() if settings.log_dir else None
    return launch(ShowHome(folder), settings=settings)
