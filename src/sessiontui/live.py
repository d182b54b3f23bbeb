"""A live session: the one place where a command becomes logged events and a new state.

command -> decide(state, command, now) -> events -> journal.append (numbered at once,
saved on the writer's thread) -> reduce -> state. The UI calls `send` and renders
`state`; it never changes state itself. Plain Python: no Textual here.

Commands come from the UI's thread, and from one other: a closed terminal window
(see `sessiontui.hangup`) records the interruption from a thread of its own. A lock
keeps the two from numbering events at the same time.

The roster (the names) is written beside the log. If that write fails (a full disk),
the names stay in memory, `roster_problem` says so, and the next write tries again:
the next walk-in, the next event, or closing.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessiontui import __version__, crash
from sessiontui.core import commands
from sessiontui.core.clock import Clock, Now, ScaledClock, SessionClock
from sessiontui.core.commands import CommandRefused
from sessiontui.core.confirm import before_ending
from sessiontui.core.decide import decide
from sessiontui.core.draft import checked_text
from sessiontui.core.events import Event, parse_ts
from sessiontui.core.reduce import fold, reduce
from sessiontui.core.state import SessionState, initial_state
from sessiontui.journal import paths
from sessiontui.journal.files import SyncFn, WriteFn
from sessiontui.journal.header import LogHeader
from sessiontui.journal.roster import Names, load_roster, save_roster, text_names
from sessiontui.journal.writer import JournalWriter
from sessiontui.plan.loader import LoadedPlan
from sessiontui.plan.models import Plan
from sessiontui.plan.redact import (
    plan_from_snapshot,
    plan_snapshot,
    plan_with_names,
    roster_entries,
)
from sessiontui.plan.text import SHORT_MAX

PARTICIPANT_ID = re.compile(r"\bp\d{2,}\b")
"""A participant id in a core sentence ("p16 already has a hand up")."""

AckFn = Callable[[int], None]
ErrorFn = Callable[[str, Any], None]

MAX_SPEED = 120.0


class LiveSession:
    """A session being run now, with its log open for appending."""

    replaying = False

    def __init__(
        self,
        *,
        plan: Plan,
        state: SessionState,
        writer: JournalWriter,
        clock: SessionClock,
        names: Names,
        rehearsal: bool,
    ) -> None:
        self.plan = plan
        self.state = state
        self.writer = writer
        self.clock = clock
        self.names = names
        self.rehearsal = rehearsal
        self.stopped = False
        self.notices: list[str] = []
        """Files beside the log that were not read (another user's, or not chaining), in
        one line each: the CLI prints them and the screen shows them."""
        """True once the log is closed (interrupted or closed): nothing more is sent."""
        self.roster_problem: str | None = None
        """Why the roster file could not be written (the OS's words), while names are
        only in memory."""
        self._roster_unsaved = False
        self._roster_writer: threading.Thread | None = None
        self._lock = threading.RLock()
        crash.remember_names(names.people)
        crash.remember_names(_facilitators(plan))

    # -- starting ----------------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        loaded: LoadedPlan,
        *,
        clock: Clock,
        log_dir: Path | None = None,
        rehearsal: bool = False,
        speed: float = 1.0,
        on_ack: AckFn | None = None,
        on_error: ErrorFn | None = None,
        os_write: WriteFn | None = None,
        os_fsync: SyncFn | None = None,
    ) -> LiveSession:
        """Open a new log for the plan and record that the session opened.

        JournalError or OSError if the log cannot be created; once it exists, a roster
        that cannot be written is not an error (see `roster_problem`).
        """
        if rehearsal and speed != 1.0:
            clock = ScaledClock(clock, min(max(speed, 1.0), MAX_SPEED))
        folder = paths.ensure_private_dir(log_dir) if log_dir else paths.sessions_dir()
        session_id = paths.new_session_id()
        started = clock.wall()
        log = folder / paths.log_file_name(started, loaded.plan.session.title, session_id)
        from sessiontui.core.events import format_ts
        from sessiontui.plan.budget import plan_zone

        zone = plan_zone(loaded.plan)
        header = LogHeader(
            session_id=session_id,
            created=format_ts(started),
            tz=getattr(zone, "key", None) or loaded.plan.session.timezone or str(
                started.astimezone().tzname()),
            app_version=__version__,
            plan_sha256=loaded.sha256,
            plan_source=Path(loaded.source).name,
            plan_snapshot=plan_snapshot(loaded.plan),
            rehearsal=rehearsal,
            speed=speed if rehearsal else 1.0,
        )
        roster = roster_entries(loaded.plan)
        writer = JournalWriter.create(log, header.fields(), on_ack=on_ack, on_error=on_error,
                                      os_write=os_write, os_fsync=os_fsync, sync_later=True)
        session = cls(
            plan=loaded.plan,
            state=initial_state(loaded.plan),
            writer=writer,
            clock=SessionClock(clock),
            names=Names(roster),
            rehearsal=rehearsal,
        )
        session.send(commands.OpenSession(plan_sha256=loaded.sha256, rehearsal=rehearsal))
        # The roster is written (and fsynced) on a thread of its own: the first frame
        # need not wait for the disk. Any later command finds it written, or waits.
        session._roster_unsaved = True
        session._roster_writer = threading.Thread(
            target=session.save_roster_now, name="roster-writer", daemon=True)
        session._roster_writer.start()
        return session

    @classmethod
    def resume(
        cls,
        log: Path,
        *,
        clock: Clock,
        on_ack: AckFn | None = None,
        on_error: ErrorFn | None = None,
        os_write: WriteFn | None = None,
        os_fsync: SyncFn | None = None,
        take_over: bool = False,
    ) -> LiveSession:
        """Recover the log and continue it: the time the app was down still counts.

        JournalLocked if another sessiontui has it open (JournalHeld, saying which
        process on which machine, when its lock file says so; `take_over` sets a lock
        file aside: see journal.holder); JournalError or OSError if it cannot be
        continued. Nothing is written when it is refused.
        """
        from sessiontui.journal.reader import read_chain
        from sessiontui.journal.recovery import resume as resume_journal
        from sessiontui.journal.recovery import truncated_event_data

        writer, result = resume_journal(log, on_ack=on_ack, on_error=on_error,
                                        os_write=os_write, os_fsync=os_fsync,
                                        take_over=take_over)
        contents = read_chain(log)
        header = contents.header
        roster = load_roster(log)
        plan = plan_with_names(header.plan_snapshot, text_names(roster)) or (
            plan_from_snapshot(header.plan_snapshot))
        people = dict(roster["participants"]) if roster else {}
        rehearsal = header.rehearsal
        state = fold(plan, contents.events)
        speed = header.speed
        if rehearsal and speed != 1.0:
            # A rehearsal goes on from where it was left: its clock ran ahead of the
            # real one, and the time away was practice not taken, not a call going on.
            clock = ScaledClock(clock, speed, wall_start=_last_wall(contents.events))
        last = contents.events[-1] if contents.events else None
        session = cls(
            plan=plan,
            state=state,
            writer=writer,
            clock=SessionClock.resuming(clock, last.t if last else 0.0, last.ts if last else "",
                                        speed if rehearsal else 1.0),
            names=Names(people),
            rehearsal=rehearsal,
        )
        if roster is not None:
            crash.remember_names(dict(roster.get("facilitators") or {}))
        data = truncated_event_data(result)
        session.notices = contents.notices()
        if data is not None:
            now = session.now()
            session._record(Event("recovery.truncated", data, t=now.t, ts=now.ts))
        if result.taken_over is not None:
            now = session.now()
            session._record(Event("session.taken_over",
                                  {"elsewhere": result.taken_over.elsewhere},
                                  t=now.t, ts=now.ts))
        if state.session.ended is None:
            session.send(commands.ResumeAfterInterruption())
        return session

    # -- running -------------------------------------------------------------------------

    @property
    def log_path(self) -> Path:
        """The log's first file (what a user passes to resume, replay and report)."""
        return paths.main_log(self.writer.path)

    def now(self) -> Now:
        return self.clock.now()

    def send(self, command: Any) -> list[Event]:
        """Decide, log and apply one command. CommandRefused if it cannot happen now
        (or ever again: the log is closed)."""
        with self._lock:
            if self.stopped:
                raise CommandRefused("The session's log is closed.")
            events = decide(self.state, command, self.now())
            recorded = [self._record(event) for event in events]
        if recorded and self._roster_unsaved:
            self.save_roster_now()
        return recorded

    def with_names(self, message: str) -> str:
        """The core speaks in ids (p16); the facilitator needs names."""
        return PARTICIPANT_ID.sub(lambda m: self.names.name(m.group(0)), message)

    def quit_words(self) -> str:
        """What quitting says first, in every front end: whether the session is running
        and whether everything so far is saved."""
        started = self.state.session.started is not None
        message = ("The session is still running." if started
                   else "The session has not started yet.")
        undone = before_ending(self.state) if started else None
        if undone is not None:
            message += (f" {self.with_names(undone)}: ending now records the session as "
                        "ended early.")
        if self.writer.trouble is not None:
            return message + (" The log cannot be written now: what is not saved yet is "
                              "tried once more as you leave, and lost if that fails.")
        if self.roster_problem is not None:
            return message + (" The events are saved, but the names of people who joined "
                              "are not: they are tried once more as you leave.")
        return message + " Everything so far is saved."

    def tick(self) -> list[Event]:
        """The per-tick work of every front end (about twice a second): what has become
        due (alerts, rooms closing, clock jumps), as the core decides. Nothing before
        the session opens, while it is paused, or after it ends; a rehearsal's clock
        runs fast on purpose, and that is not a clock jump."""
        if self.stopped or self.state.status not in ("opened", "running"):
            return []
        drift = self.state.session.clock_shift if self.rehearsal else None
        try:
            return self.send(commands.Tick(drift=drift))
        except CommandRefused:
            return []

    def _record(self, event: Event) -> Event:
        with self._lock:
            numbered = self.writer.append(event)
            self.state = reduce(self.state, numbered)
            return numbered

    def add_walk_in(self, name: str, pronouns: str | None = None) -> str:
        """Add someone who joined live: the name goes to the roster, the id to the log.

        A name that is empty, too long or unsafe to show is refused (CommandRefused),
        as the core refuses typed text. The name is kept in memory even if the roster
        file cannot be written now (`roster_problem`); it is written with the next
        attempt.
        """
        name = checked_text(name, "name", limit=SHORT_MAX, multiline=False)
        with self._lock:
            events = self.send(commands.AddParticipant())
            participant = next(e.data["participant"] for e in events
                               if e.type == "participant.added")
            entry = {"name": name}
            if pronouns:
                entry["pronouns"] = pronouns
            self.names = Names({**self.names.people, participant: entry})
            crash.remember_names({participant: entry})
            self._roster_unsaved = True
        self.save_roster_now()
        return participant

    def has_name(self, name: str) -> bool:
        """Whether someone on the roster already goes by this name (case aside)."""
        key = name.strip().casefold()
        return any(self.names.name(p).casefold() == key for p in self.state.people.roster)

    def save_roster_now(self) -> bool:
        """Write the roster if it has changes not on disk. True when it is on disk."""
        with self._lock:
            if not self._roster_unsaved:
                return True
            try:
                save_roster(self.log_path, self.names.people, _facilitators(self.plan))
            except OSError as error:
                self.roster_problem = error.strerror or type(error).__name__
                return False
            self._roster_unsaved = False
            self.roster_problem = None
            return True

    def interrupt(self, cause: str = "signal", timeout: float = 10.0) -> bool:
        """The app is going away without ending the session: note it, then close the
        log. Safe from any thread and more than once. True if everything was saved."""
        if not self._lock.acquire(timeout=timeout):
            return self.writer.close(timeout)  # the other thread is stuck: save what is queued
        try:
            if not self.stopped and self.state.status in ("opened", "running", "paused"):
                with contextlib.suppress(CommandRefused):
                    self.send(commands.NoteInterruption(cause=cause))
        finally:
            self._lock.release()
        return self.close(timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Wait for every event to be saved, then close the log."""
        with self._lock:
            self.save_roster_now()
            self.stopped = True
        return self.writer.close(timeout)


def _facilitators(plan: Plan) -> dict[str, dict[str, str]]:
    return {f"f{n}": {"name": name} for n, name in enumerate(plan.session.facilitators, 1)}


def _last_wall(events: list[Event]) -> datetime | None:
    """The wall time of the last event, if it can be read."""
    try:
        return parse_ts(events[-1].ts).astimezone(UTC) if events else None
    except ValueError:
        return None

