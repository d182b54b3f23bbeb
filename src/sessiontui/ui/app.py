"""The Textual application: themes, keymap, the palette, and which screen comes first."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ScreenStackError, SystemCommand
from textual.css.query import NoMatches
from textual.message import Message
from textual.notifications import Notify
from textual.screen import Screen

from sessiontui import crash, hangup
from sessiontui.actions import APP_ACTIONS
from sessiontui.config import Settings, user_themes_dir
from sessiontui.core.bulk import end_start_up
from sessiontui.core.clock import Clock, SystemClock
from sessiontui.ui.keys import KeyNames, binding
from sessiontui.ui.starts import (
    ReplayLog,
    ResumeLog,
    RunPlan,
    ShowHome,
    ShowSession,
    Start,
    WatchLog,
)
from sessiontui.ui.themes import DEFAULT_THEME, VARIABLE_DEFAULTS, discover_themes

if TYPE_CHECKING:  # a replay never needs the live session's imports
    from sessiontui.live import LiveSession
    from sessiontui.replay import ReplaySession
    from sessiontui.ui.screens.home import HomeScreen
    from sessiontui.ui.screens.session import SessionScreen

__all__ = ["ReplayLog", "ResumeLog", "RunPlan", "SessiontuiApp", "ShowHome", "ShowSession",
           "WatchLog"]


class SessiontuiApp(App[str | None]):
    """sessiontui. Returns the log path of the session it ran (or None)."""

    TITLE = "sessiontui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [binding(action, priority=True) for action in APP_ACTIONS]

    MAX_TOASTS = 2
    """Toasts on screen at once; the oldest goes when a newer one comes."""

    def _on_notify(self, event: Notify) -> None:
        """Keep to MAX_TOASTS: four stacked toasts covered the room list at 80×24.
        (Textual adds the toast here; the oldest beyond the limit go at once.)"""
        super()._on_notify(event)
        shown = list(self._notifications)
        for old in shown[:-self.MAX_TOASTS]:
            self._unnotify(old, refresh=False)
        self._refresh_notifications()

    def __init__(
        self,
        start: Start,
        *,
        settings: Settings | None = None,
        clock: Clock | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.start = start
        self.settings = settings or Settings()
        self.clock = clock or SystemClock()
        self.requested_theme = theme
        self.live: LiveSession | None = None
        self.session_screen = None
        self.keymap_overrides = dict(self.settings.keymap)
        self.key_names = KeyNames(self, self.keymap_overrides)
        """The keys bound to action ids now: every text naming a key asks here."""
        self.theme_problems: list[str] = []
        self.theme_files: dict = {}
        self.exit_message: str | None = None
        self.error_line: str | None = None
        """One line for stderr when the app could not do what it was started for."""
        self.crash_line: str | None = None
        """Set when something unexpected ended the app: the line saying where the
        details (names replaced by ids) were saved."""
        if self.settings.reduced_motion:
            self.animation_level = "none"

    # -- start-up -------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        self._load_themes()
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if hangup.signalled() is not None:
            self._hung_up()
            return
        if isinstance(self.start, RunPlan):
            self.begin_session(self.start)
        elif isinstance(self.start, ResumeLog):
            self.resume_session(self.start.log)
        elif isinstance(self.start, ShowSession):
            self._show_session(self.start.live)
            if self.start.resumed:
                self._say_resumed(self.start.live)
        elif isinstance(self.start, ReplayLog):
            self.replay_log(self.start.log, self.start.opened)
        elif isinstance(self.start, WatchLog):
            from sessiontui.ui.screens.watch import WatchScreen

            self.push_screen(WatchScreen(self.start.opened))
            for notice in self.start.notices:
                self.notify(notice, markup=False, timeout=15)
        else:
            from sessiontui.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.start.log_dir))

    def on_ready(self) -> None:
        """The first frame is up: start-up is over (see core.bulk)."""
        end_start_up(freeze=True)

    def _load_themes(self) -> None:
        themes, problems = discover_themes(user_themes_dir())
        self.theme_files = themes
        for theme in themes.values():
            self.register_theme(theme.to_theme())
        self.theme_problems = problems
        wanted = self.requested_theme or self.settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            problems.append(f'no theme called "{wanted}"; using {DEFAULT_THEME}')
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        self._theme_loaded = True
        for problem in problems:
            self.notify(problem, severity="error", markup=False, timeout=10)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the app (the palette's picker) is kept for next time."""
        if self.session_screen is not None and self.session_screen.is_mounted:
            self.session_screen.restyle()
        if not getattr(self, "_theme_loaded", False) or theme == self.settings.theme:
            return
        from sessiontui.config import ConfigError, save_settings

        self.settings = self.settings.model_copy(update={"theme": theme})
        try:
            save_settings(self.settings)
        except (OSError, ConfigError) as error:
            self.notify(f"Could not save the theme choice: {error}", severity="warning",
                        markup=False)

    async def run_async(self, **kwargs) -> str | None:  # type: ignore[override]
        """Run, reachable by a closed window or SIGTERM from the first moment.

        The CLI's guard (sessiontui.hangup) saves the session on its own thread, then
        calls back here so that the app exits and Textual restores the terminal.
        """
        loop = asyncio.get_running_loop()

        def wake() -> None:
            loop.call_soon_threadsafe(self._hung_up)

        hangup.GUARD.on_signal(wake)
        try:
            return await super().run_async(**kwargs)
        finally:
            hangup.GUARD.on_signal(None)

    def _hung_up(self) -> None:
        """A signal came (the session is already saved by the guard): just exit."""
        self.interrupt()

    # -- when something unexpected happens -------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Never print a traceback (it may hold names, and the screen may be shared):
        save it to a private crash file, names replaced by ids, and exit with one line.
        SESSIONTUI_DEBUG=1 shows Textual's own traceback instead.
        """
        import os

        if os.environ.get("SESSIONTUI_DEBUG"):
            super()._handle_exception(error)
            return
        if hangup.signalled() is not None:
            # The terminal went away mid-start-up: widgets vanish under the code that
            # queries them. That is the hangup, not a bug: no crash file; the hangup
            # handler has saved the session and ends the process.
            self._close_messages_no_wait()
            return
        self._return_code = 1
        if self._exception is None:
            self._exception = error  # Pilot tests re-raise it
            self._exception_event.set()
        if self.crash_line is None:
            self.crash_line = crash.report(error, "running the app")
        if self.live is not None:
            with contextlib.suppress(Exception):
                # The session can be resumed: say in the log that the app went away.
                self.live.interrupt("crash", timeout=5.0)
        self._close_messages_no_wait()

    # -- sessions -----------------------------------------------------------------------

    class JournalSaved(Message):
        """The writer thread saved events (posted from that thread). Bursts coalesce
        into one: the screen reads what is saved from the writer itself."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SessiontuiApp.JournalSaved)

    class JournalFailed(Message):
        """A write failed; the writer moved to a new segment or keeps events in memory."""

    def _listen(self, live: LiveSession) -> None:
        """Journal callbacks. They run on the writer thread, so they only post messages
        (thread-safe and non-blocking: the UI thread may be waiting for that thread)."""

        def acked(_seq: int) -> None:
            self.post_message(self.JournalSaved())

        def failed(_message: str, _path: object = None) -> None:
            self.post_message(self.JournalFailed())

        live.writer.listen(on_ack=acked, on_error=failed)

    def on_sessiontui_app_journal_saved(self, _message: JournalSaved) -> None:
        if self.live is not None and not self.live.stopped:
            self.live.save_roster_now()  # a roster that failed earlier is tried again
        if self.session_screen is not None and self.session_screen.is_mounted:
            self.session_screen.show_saving()

    def on_sessiontui_app_journal_failed(self, _message: JournalFailed) -> None:
        if self.session_screen is not None and self.session_screen.is_mounted:
            self.session_screen.show_saving()

    def begin_session(self, run: RunPlan) -> None:
        """Open a log for the plan and show the session; a log that cannot be opened
        is said in one line (and nothing else happens)."""
        from sessiontui.live import LiveSession

        live = self._open(lambda: LiveSession.begin(
            run.loaded, clock=self.clock, log_dir=run.log_dir, rehearsal=run.rehearsal,
            speed=run.speed))
        if live is not None:
            self._show_session(live)

    def resume_session(self, log: Path) -> None:
        from sessiontui.journal.holder import held_by, held_line
        from sessiontui.live import LiveSession

        hold = held_by(log)
        if hold is not None:  # open in another window or machine: recovery must not touch it
            self._cannot_open(held_line(log, hold))
            return
        live = self._open(lambda: LiveSession.resume(log, clock=self.clock), log)
        if live is not None:
            self._show_session(live)
            self._say_resumed(live)

    def _say_resumed(self, live: LiveSession) -> None:
        for notice in live.notices:
            self.notify(notice, severity="warning", markup=False, timeout=20)
        if live.rehearsal:
            self.notify("Rehearsal resumed where you left it.", markup=False)
        else:
            self.notify("Resumed: the time the app was closed still counted.", markup=False)

    def _open(self, opener, log: Path | None = None) -> LiveSession | None:
        """`opener()`, guarded against signals; None after saying why it failed (as a
        notification over the home screen, or as the line the CLI prints)."""
        from sessiontui.journal.errors import JournalError

        try:
            with hangup.GUARD.opening() as watch:
                live = opener()
                watch(live)
                return live
        except hangup.Stopped:
            self.exit(None)
        except (JournalError, OSError) as error:
            from sessiontui.journal.opening import opening_problem

            self._cannot_open(opening_problem(error, log))
        return None

    def _cannot_open(self, line: str) -> None:
        """Over the home screen, a notification; at start-up, the line the CLI prints."""
        if self.screen_stack and len(self.screen_stack) > 1:
            self.notify(line, severity="error", markup=False, timeout=15)
        else:
            self.error_line = line
            self.exit(None, return_code=2)

    def replay_log(self, log: Path, opened: ReplaySession | None = None) -> None:
        """Open a log read-only and show it with the replay controls (the screen reads
        the events)."""
        from sessiontui.replay import ReplaySession
        from sessiontui.ui.screens.replay import ReplayScreen

        self.push_screen(ReplayScreen(opened or ReplaySession.begin(log)))

    def _show_session(self, live: LiveSession) -> None:
        from sessiontui.ui.screens.session import SessionScreen

        self.live = live
        hangup.GUARD.watch(live)
        self._listen(live)
        screen = SessionScreen(live, bell=self.settings.bell,
                               window_title=self.settings.window_title)
        self.session_screen = screen
        self.push_screen(screen)
        self.set_interval(0.5, self._tick, name="app-tick")

    def _tick(self) -> None:
        screen = self.session_screen
        if screen is None or not screen.is_mounted or self._exit:
            return
        # The screen is being taken down (at exit, or for the debrief): for a moment
        # there may be no screen on the stack at all.
        with contextlib.suppress(NoMatches, ScreenStackError):
            screen.tick()

    def on_session_screen_ended(self, _message: SessionScreen.Ended) -> None:
        self.show_summary()

    def on_home_screen_run_requested(self, message: HomeScreen.RunRequested) -> None:
        self.begin_session(message.run)

    def on_home_screen_resume_requested(self, message: HomeScreen.ResumeRequested) -> None:
        self.resume_session(message.log)

    def on_home_screen_replay_requested(self, message: HomeScreen.ReplayRequested) -> None:
        self.replay_log(message.log)

    def show_summary(self) -> None:
        from sessiontui.ui.screens.summary import SummaryScreen

        if self.live is not None:
            self.push_screen(SummaryScreen(self.live))

    def interrupt(self) -> None:
        """The terminal is going away: mark the session interrupted, save, exit."""
        if self.live is not None:
            self.live.interrupt("signal")
        self._finish()

    def _finish(self) -> None:
        if self.live is not None:
            self.live.close()
            hangup.GUARD.watch(None)
            self.exit(str(self.live.log_path))
        else:
            self.exit(None)

    # -- quitting ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Ask whether to end the session or leave it to resume later; never lose anything."""
        live = self.live
        if live is None or live.state.status in ("ended", "new"):
            self._finish()
            return
        from sessiontui.ui.dialogs import ChoiceDialog

        def chosen(answer: str | None) -> None:
            from sessiontui.core import commands

            if answer == "end":
                live.send(commands.EndSession())
                self.show_summary()
            elif answer == "later":
                # the moment of leaving, for the report, and for a rehearsal's own clock
                live.send(commands.NoteInterruption(cause="left to resume later"))
                self.exit_message = (
                    f"Left to resume later: sessiontui resume {live.log_path}")
                self._finish()

        message = live.quit_words()
        screen = self.session_screen
        if screen is not None and screen.drafts:
            message += " A note you left with escape is not saved: it will be lost."
        self.push_screen(
            ChoiceDialog(
                "Quit", message,
                [("e", "end", "End the session now"),
                 ("l", "later", "Leave it and resume later (timers keep counting)")],
            ),
            chosen,
        )

    # -- the command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every key's action that applies now, named with its key as
        bound now, the phases to jump to, and what has no key of its own."""
        yield from super().get_system_commands(screen)
        from sessiontui.ui.screens.session import SCREEN_ACTIONS, SessionScreen

        if not isinstance(screen, SessionScreen):
            return
        for action in SCREEN_ACTIONS:
            if not screen.availability(action.id).shown:
                continue
            yield SystemCommand(
                f"{action.label} ({self.key_names.of(action.id)})", action.help,
                lambda a=action: screen.run_action(a.action),
            )
        for text in screen.live.plan.texts:
            yield SystemCommand(
                f"Copy {text.name} ({self.key_names.of('texts.copy')})",
                "Copy this ready text from the plan for the call's chat",
                lambda name=text.name: screen.copy_ready_text(name),
            )
        for index, phase in enumerate(screen.live.plan.phases):
            yield SystemCommand(
                f"Go to phase {index + 1}: {phase.label} ({phase.kind})",
                "Jump to this phase (phases in between are recorded as skipped)",
                lambda i=index: screen.go_to_phase(i),
            )
        yield SystemCommand(
            "Resume, taking the pause out of the phase",
            "Resume; the time paused comes off the phase instead of being added back",
            screen.resume_taking_time,
        )
