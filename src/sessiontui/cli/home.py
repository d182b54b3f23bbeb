"""`sessiontui` with no command: the home screen."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from sessiontui.cli.launch import launch
    from sessiontui.ui.app import ShowHome

    return launch(ShowHome())
