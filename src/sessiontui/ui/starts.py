"""What the app is started to do: run a plan, resume or show a session, replay, home.

The CLI builds one of these; the home screen asks for one with a message. They live
apart from the app so that screens can name them without importing the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a replay never needs the live session's imports
    from sessiontui.live import LiveSession
    from sessiontui.plan.loader import LoadedPlan
    from sessiontui.replay import ReplaySession
    from sessiontui.watch import WatchSession


class RunPlan(NamedTuple):
    """Start a new session from a plan."""

    loaded: LoadedPlan
    log_dir: Path | None = None
    rehearsal: bool = False
    speed: float = 10.0


class ResumeLog(NamedTuple):
    """Continue an unfinished session."""

    log: Path


class ShowSession(NamedTuple):
    """A session whose log the CLI already opened (so that a log that cannot be opened
    is one line on the terminal, before the app takes it over)."""

    live: LiveSession
    resumed: bool = False


class ReplayLog(NamedTuple):
    """Watch a logged session again (`opened`: its header already read, by the CLI)."""

    log: Path
    opened: ReplaySession | None = None


class WatchLog(NamedTuple):
    """Follow a session being run, read-only (`opened`: its header read by the CLI)."""

    opened: WatchSession
    notices: tuple[str, ...] = ()
    """Lines to show once the screen is up (other sessions being written now)."""


class ShowHome(NamedTuple):
    """The home screen: plans, sessions to resume, logs to replay."""

    log_dir: Path | None = None


Start = RunPlan | ResumeLog | ShowSession | ReplayLog | WatchLog | ShowHome
