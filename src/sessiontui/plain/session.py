"""A live session in plain mode: keys in, lines out, for a screen reader.

The same keys as the full app (the action table, the user's keymap), the same core
answers (whether a key applies now is a dry run of `decide`), the same per-tick work
(`LiveSession.tick`), the same questions (quitting, ending, rebalancing) and the same
safeguards: a line saying what happened is said once its events are saved, "saving…"
and "NOT SAVED" only when that changes, and a closed terminal or SIGTERM saves the
interruption (`sessiontui.hangup`). Time comes from the session's clock: tests inject
one, and nothing here sleeps.

Where the full app opens a dialog, plain mode asks on a line of its own: a single key
for a choice (escape cancels), a line of text for a note or a name (an empty line
cancels, as an empty dialog does). Announcements that come while a person types wait
until the line is in.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import Any

from sessiontui import crash, hangup
from sessiontui.actions import (
    APP_ACTIONS,
    ATTENDANCE_CHOICES,
    PLAIN_ACTIONS,
    SESSION_ACTIONS,
    UserAction,
    by_id,
)
from sessiontui.core import commands as cmd
from sessiontui.core import confirm, views
from sessiontui.core.availability import availability
from sessiontui.core.care import follow_up_words
from sessiontui.core.commands import CommandRefused
from sessiontui.core.events import Event
from sessiontui.core.phases import kind_of
from sessiontui.core.phases.rounds import answer_limit, close_view, feedback_prompt, round_view
from sessiontui.core.queue import SOURCE_WORDS, hand_source_for
from sessiontui.core.state import HERE
from sessiontui.core.stats import talk_view
from sessiontui.core.vocabulary import who_sees
from sessiontui.live import LiveSession
from sessiontui.plain.keys import Keymap, key_of_char, say_key
from sessiontui.plain.terminal import EndOfInput, Keys, Lines
from sessiontui.plain.words import Words, sentence
from sessiontui.plan.durations import spoken
from sessiontui.spelling import roster_match

PLAIN_KEYS: tuple[UserAction, ...] = (
    *SESSION_ACTIONS, by_id("view.clock"), *APP_ACTIONS, *PLAIN_ACTIONS)
"""Every action plain mode answers: the live session's, the app's, and its own."""

CHECKED = frozenset(action.id for action in SESSION_ACTIONS)
"""Actions whose availability the core answers (the others always apply)."""

TICK = 0.5
"""Seconds between ticks while no key comes: the full app's timer interval."""

SAVE_WAIT = 2.0
"""Seconds to wait for a key's events to be saved before saying "saving…"."""

HAND_SOURCE_KEYS = (("v", "video"), ("c", "chat"), ("a", "voice"))
"""Where a hand came from, by key: v on video, c in the chat, a aloud (by voice)."""


PLAIN_HELP = {
    "copy.now": "Say the text that matters now (the next broadcast, the room list), to "
                "copy from the terminal or read out",
    "view.clock": "Say the timer: the phase and its time left",
}
"""What a key does where plain mode does it differently from the full app's table."""

QUIT_CAUSE = "left to resume later"

HANGUP_WAIT = 2.0
"""Seconds to wait, once the terminal has gone, for the hangup signal that follows."""


class PlainSession:
    """Runs one live session in plain mode until it ends, is left, or is interrupted."""

    def __init__(self, live: LiveSession, keys: Keys, lines: Lines, *,
                 keymap: dict[str, str] | None = None, resumed: bool = False,
                 save_wait: float = SAVE_WAIT) -> None:
        self.live = live
        self.keys = keys
        self.out = lines
        self.keymap = Keymap(PLAIN_KEYS, keymap or {})
        self.words = Words(live, self.keymap)
        self.resumed = resumed
        self.save_wait = save_wait
        self.finished = False
        self.status = 0
        self.exit_message: str | None = None
        self.hung_up = False
        self._saving = "saved"
        self._recoveries = 0
        self._roster_problem = False
        self._handlers: dict[str, Callable[[], None]] = {
            "phase.next": self.next_step,
            "phase.back": self.previous_step,
            "session.pause": self.pause,
            "timer.add": lambda: self.send(cmd.AdjustTime(seconds=60)),
            "timer.take": lambda: self.send(cmd.AdjustTime(seconds=-60)),
            "schedule.rebalance": self.rebalance,
            "session.end": self.end_session,
            "hand.raise": self.raise_hand,
            "hand.lower": self.lower_hand,
            "hand.lower_all": lambda: self.send(cmd.LowerAllHands()),
            "turn.next": lambda: self.send(cmd.NextSpeaker()),
            "round.pass": lambda: self.send(cmd.Pass()),
            "turn.facilitator": lambda: self.send(cmd.ToggleFacilitatorTurn()),
            "round.answer": self.write_answer,
            "people.attendance": self.attendance,
            "people.join": self.walk_in,
            "copy.now": self.copy_now,
            "rules.show": self.show_rules,
            "rules.add": lambda: self.text_command(
                "Add a ground rule", "The rule the group suggests",
                lambda text: cmd.AddRule(text=text), field="rule.added:text"),
            "breakout.help": self.room_help,
            "breakout.report": self.report_back,
            "quiz.reveal": lambda: self.send(cmd.RevealAnswer()),
            "quiz.point": self.award_point,
            "quiz.take_point": self.take_point,
            "guest.questions": lambda: self.send(cmd.StartQuestions()),
            "close.takeaway": lambda: self.text_command(
                "Takeaway", "What someone is taking away from tonight (their answer in the "
                f"round goes under {self.keymap.say('round.answer')})",
                lambda text: cmd.AddTakeaway(text=text), field="takeaway.added:text"),
            "close.feedback": self.feedback,
            "note.add": lambda: self.text_command(
                "Private note", "About someone, or for yourself",
                lambda text: cmd.AddNote(text=text), field="note.added:text"),
            "marker.add": lambda: self.text_command(
                "Marker", "A label for this moment (a chapter in the replay)",
                lambda text: cmd.AddMarker(label=text), max_length=200,
                field="marker.added:label"),
            "followup.flag": self.follow_up,
            "parking.add": lambda: self.text_command(
                "Parking lot", "A topic to come back to later",
                lambda text: cmd.ParkItem(text=text), field="item.parked:text"),
            "safeguarding.open": self.safeguarding,
            "texts.copy": self.ready_texts,
            "app.help": self.help,
            "view.clock": self.clock,
            "app.quit": self.quit,
            "app.palette": self.palette,
            "app.status": self.say_status,
        }

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> int:
        """Until the session ends or is left: 0, 1 if the keys ran out first, 128 + N
        after signal N (the session saved by the signal's guard)."""
        hangup.GUARD.on_signal(self.wake)
        try:
            if hangup.signalled() is not None:
                return self.stop_for_signal()
            self.opening()
            while not self.finished:
                if self.hung_up:
                    return self.stop_for_signal()
                try:
                    key = self.keys.key(TICK)
                    if self.hung_up:
                        continue
                    if key is not None:
                        self.press(key)
                    if not self.finished:
                        self.tick()
                except EndOfInput:
                    self.input_ended()
                    if self.hung_up:
                        return self.stop_for_signal()
            return self.status
        except KeyboardInterrupt:  # ctrl+c where keys come from a pipe, not the terminal
            self.finished = True
            if not self.live.stopped:
                self.live.interrupt("signal")  # SIGINT, as the full app names SIGTERM
            hangup.GUARD.watch(None)
            self.out.say("Interrupted: the session is saved. Continue it with: "
                         f"sessiontui resume {self.live.log_path}")
            return 130
        except Exception as error:  # one line, the details in a private crash file
            if self.hung_up:
                return hangup.GUARD.status
            line = crash.report(error, "running plain mode")
            if not self.live.stopped:
                with contextlib.suppress(Exception):
                    self.live.interrupt("crash", timeout=5.0)
            with contextlib.suppress(OSError, ValueError):
                print(line, file=sys.stderr)
            self.finished = True
            return 1
        finally:
            hangup.GUARD.on_signal(None)

    def wake(self) -> None:
        """A signal came (the guard has saved the session): stop at once. Called from
        the guard's thread."""
        self.hung_up = True
        source = self.keys.source
        for name in ("restore", "wake"):
            with contextlib.suppress(Exception):
                getattr(source, name, lambda: None)()

    def stop_for_signal(self) -> int:
        self.finished = True
        self.out.say(f"Interrupted by a signal: the session is saved. Continue it with: "
                     f"sessiontui resume {self.live.log_path}")
        return hangup.GUARD.status or 1

    def opening(self) -> None:
        """The first lines: what this is, how to get about, and where things stand."""
        plan = self.live.plan
        self.out.say(f"sessiontui, plain mode: {plan.session.title}.")
        k = self.keymap.say
        self.out.say(f"Keys: {k('phase.next')} next step, {k('app.status')} status, "
                     f"{k('app.help')} the keys that apply now, {k('app.quit')} quit.")
        for change in self.keymap.changes(PLAIN_KEYS):
            self.out.say(f"Your keymap: {change}.")
        for notice in self.live.notices:
            self.out.say(sentence(notice))
        if self.resumed:
            self.out.say("Resumed: the time the app was closed still counted."
                         if not self.live.rehearsal else "Rehearsal resumed where you left it.")
        elif self.live.rehearsal:
            self.out.say("This is a rehearsal: time runs faster, and the log says so.")
        self.live.writer.flush(self.save_wait)
        for line in self.words.status(self.saving_line()):
            self.out.say(line)
        self._saving = self.saving_state()

    def tick(self) -> None:
        """The full app's per-tick work, after every key and whenever no key came for
        TICK seconds: milestones are said, nothing else."""
        before = views.next_view(self.live.state)
        events = self.live.tick()
        if events:
            self.live.writer.flush(self.save_wait)
            self.say_events(events, before)
        self.check_saving()

    def idle(self) -> None:
        """While a person types: the clock goes on (what is said waits for the line)."""
        self.tick()

    def input_ended(self) -> None:
        """The keys ran out (a pipe closed) before the session ended: save it to be
        resumed, and say how. A terminal that ends has been closed: the hangup signal
        follows at once, and its guard saves the session as the full app's does."""
        woken = getattr(self.keys.source, "woken", None)
        if getattr(self.keys.source, "tty", False) and woken is not None:
            woken.wait(HANGUP_WAIT)
            if self.hung_up:
                return
        self.finished = True
        if self.live.state.status == "ended" or self.live.stopped:
            self.finish()
            return
        self.live.interrupt("input ended")
        hangup.GUARD.watch(None)
        self.out.say("The keys ended before the session did. It is saved: continue it with: "
                     f"sessiontui resume {self.live.log_path}")
        self.status = 1

    def finish(self) -> None:
        self.finished = True
        if not self.live.stopped:
            self.live.close()
        hangup.GUARD.watch(None)

    # -- keys ------------------------------------------------------------------------------

    def press(self, key: str) -> None:
        action = self.keymap.action(key)
        if action is None:
            if key == "ctrl+c":
                self.out.say(f"To quit, press {self.keymap.say('app.quit')}.")
            else:
                self.out.say(f"{say_key(key)} does nothing here. {self.keymap.say('app.help')} "
                             "says the keys that apply now.")
            return
        if action.id in CHECKED:
            found = availability(self.live.state, action.id, self.live.now())
            if not found.shown:
                self.out.say(f"{action.label}: not in this phase.")
                return
            if not found.enabled:
                self.out.say(sentence(self.with_names(found.reason)))
                return
        self._handlers[action.id]()

    def send(self, command: Any) -> list[Event]:
        """Hand one command to the session; say what it recorded once it is saved, or
        why it was refused."""
        before = views.next_view(self.live.state)
        try:
            events = self.live.send(command)
        except CommandRefused as refused:
            self.out.say(sentence(self.with_names(refused.reason)))
            return []
        self.live.writer.flush(self.save_wait)
        self.say_events(events, before)
        self.check_saving()
        return events

    def say_events(self, events: list[Event], before: views.NextView | None) -> None:
        for line in self.words.events(events, before):
            self.out.say(line)

    def with_names(self, message: str) -> str:
        """The core speaks in ids (p16); the facilitator needs names."""
        return self.live.with_names(message)

    # -- asking ----------------------------------------------------------------------------

    def choose(self, title: str, question: str,
               choices: list[tuple[str, str, str]]) -> str | None:
        """One key from a few (escape cancels); the clock goes on meanwhile."""
        options = "; ".join(f"{say_key(key)}: {label}" for key, _, label in choices)
        self.out.ask(f"{title}: {question}")
        self.out.ask(f"Press {options}; escape: cancel.")
        with self.out.hold():
            while True:
                key = self.keys.key(TICK)
                if key is None:
                    self.idle()
                    continue
                if key in ("escape", "ctrl+c"):
                    self.out.ask("Cancelled.")
                    return None
                for choice, value, _ in choices:
                    if key == choice or (len(choice) == 1 and key == key_of_char(choice)):
                        return value
                self.out.ask(f"Press {options}; escape: cancel.")

    def confirm(self, title: str, question: str, yes: str = "Yes", no: str = "No") -> bool:
        return self.choose(title, question, [("y", "yes", yes), ("n", "no", no)]) == "yes"

    def ask_line(self, title: str, prompt: str = "", *, allow_empty: bool = False,
                 max_length: int = 4000, field: str = "", sees: str = "") -> str | None:
        """A line of text; None when cancelled (an empty line, unless `allow_empty`:
        then an empty line is "", and escape then enter cancels). `field` ("event:name")
        or `sees` says who will read it, as the full app's dialogs do."""
        empty = ("an empty line goes ahead without one, escape then enter cancels"
                 if allow_empty else "an empty line cancels")
        lead = f"{title}: {prompt}" if prompt else title
        if field:
            event_type, name = field.split(":")
            sees = who_sees(event_type, name)
        if sees:
            lead = f"{sentence(lead)} {sees}"
        with self.out.hold():
            typed = self.keys.line(TICK, self.idle, lambda: self.out.ask(
                f"{sentence(lead)} Type it, then enter ({empty})."))
        if typed is None:
            self.out.ask("Cancelled.")
            return None
        text = typed.strip()[:max_length]
        if not text and not allow_empty:
            self.out.ask("Cancelled.")
            return None
        return text

    def text_command(self, title: str, prompt: str, make: Callable[[str], Any], *,
                     max_length: int = 4000, field: str = "") -> None:
        text = self.ask_line(title, prompt, max_length=max_length, field=field)
        if text:
            self.send(make(text))

    def people(self, *, here_only: bool = True,
               only: set[str] | None = None) -> list[tuple[int, str, str]]:
        """(roster number, id, label), numbered as in every list of the full app."""
        state = self.live.state
        return [
            (number, pid, self.live.names.label(pid, symbols=False))
            for number, pid in enumerate(state.people.roster, start=1)
            if (not here_only or state.people.status.get(pid, "absent") in HERE)
            and (only is None or pid in only)
        ]

    def pick(self, title: str, *, here_only: bool = True,
             people: list[tuple[int, str, str]] | None = None) -> str | None:
        """A person, by roster number or part of a name. Where several names fit, they
        are read out and the question is asked again (the full app would take the
        first: here nobody can see which that is)."""
        choices = people if people is not None else self.people(here_only=here_only)
        if not choices:
            self.out.say(f"Nobody to choose from yet: {self.keymap.say('people.join')} adds "
                         "someone who joined.")
            return None
        while True:
            typed = self.ask_line(title, "a roster number or part of a name")
            if typed is None:
                return None
            found = [c for c in choices
                     if roster_match(typed, c[0], c[2], self.live.names.aliases(c[1]))]
            exact = [c for c in found if str(c[0]) == typed.strip()]
            found = exact or found
            if len(found) == 1:
                return found[0][1]
            if not found:
                listed = "; ".join(f"{n} {label}" for n, _, label in choices[:12])
                self.out.ask(f"Nobody fits {typed!r}. The choices: {listed}.")
            else:
                listed = "; ".join(f"{n} {label}" for n, _, label in found[:12])
                self.out.ask(f"Several fit: {listed}. Type the number.")

    # -- actions: moving through the session -----------------------------------------------

    def next_step(self) -> None:
        action = views.next_view(self.live.state).action
        if action == "start":
            self.send(cmd.StartSession())
        elif action == "end-session":
            self.end_session()
        else:
            self.asking_first("Move on", confirm.before_next(self.live.state, self.live.now().t),
                              lambda: self.send(cmd.NextStep()))

    def previous_step(self) -> None:
        self.asking_first("Go back", confirm.before_back(self.live.state, self.live.now()),
                          lambda: self.send(cmd.PreviousStep()))

    def asking_first(self, title: str, question: str | None, then: Callable[[], Any]) -> None:
        """The full app's question before a step that leaves work undone (core/confirm)."""
        if question is None or self.confirm(title, self.with_names(question)):
            then()

    def pause(self) -> None:
        """The timers stop at the key press; the reason (private) can follow."""
        if self.live.state.status == "paused":
            self.send(cmd.Resume())
            return
        if not self.send(cmd.Pause()):
            return
        reason = self.ask_line("Paused", "The timers are stopped. Why? (optional: tech "
                               "trouble, someone needs a moment)", allow_empty=True,
                               max_length=200, field="session.pause_explained:reason")
        if reason:
            self.send(cmd.ExplainPause(reason=reason))

    def rebalance(self) -> None:
        proposal = views.agenda_view(self.live.state, self.live.now().t).rebalance
        if proposal is None:
            self.out.say("Nothing to rebalance: the session is on time.")
            return
        changes = "; ".join(
            f"{self.live.plan.phases[i].label}: {spoken(old)} to {spoken(new)}"
            for i, old, new in proposal.changes)
        rest = ""
        if proposal.unabsorbed_s:
            rest = f" {spoken(proposal.unabsorbed_s)} cannot be absorbed (min lengths)."
        question = (f"Over by {spoken(proposal.overrun_s)}. Shorten the flexible "
                    f"phases? {changes}.{rest}")
        if self.confirm("Rebalance", question, "Accept", "Keep the plan"):
            self.send(cmd.AcceptRebalance())

    def end_session(self) -> None:
        question = self.with_names(confirm.end_question(self.live.state))
        if self.confirm("End the session", question):
            self.send(cmd.EndSession())
            if self.live.state.status == "ended":
                self.summary()
                self.finish()

    def summary(self) -> None:
        """The end, in a few lines: length against the plan, who spoke, who to follow up."""
        state = self.live.state
        started = state.session.started or 0.0
        ended = state.session.ended if state.session.ended is not None else self.live.now().t
        length = ended - started
        planned = self.live.plan.planned_seconds
        diff = length - planned
        line = (f"Session {(state.session.end_reason or 'ended').replace('-', ' ')}: "
                f"{spoken(length)} against {spoken(planned)} planned")
        if abs(diff) >= 60:
            line += f" ({spoken(abs(diff))} {'over' if diff > 0 else 'under'})"
        self.out.say(sentence(line))
        talk = talk_view(state, ended)
        spoke = [f"{self.live.names.name(row.speaker)} {row.turns} "
                 f"turn{'s' if row.turns != 1 else ''}, {round(row.share * 100)}%"
                 for row in talk.rows if row.turns]
        self.out.say(f"Who spoke: {'; '.join(spoke)}." if spoke else "Who spoke: no timed turns.")
        self.out.say(f"You: {round(talk.stats.facilitator_share * 100)}% of talk time.")
        close = close_view(state, ended)
        for item in close.safeguarding:
            self.out.say(sentence("Safeguarding, first: " + follow_up_words(
                item, close.steps, self.live.names.name)))
        if close.safeguarding and close.lead:
            self.out.say(sentence(f"Safeguarding lead: {close.lead}"))
        follow = close.follow_ups
        if follow:
            names = ", ".join(self.live.names.name(who) for who, _ in follow)
            self.out.say(f"Follow up with: {names}.")

    def clock(self) -> None:
        """The large clock's figure, said."""
        timer = views.timer_view(self.live.state, self.live.now().t)
        if timer.phase is None:
            self.out.say(f"{timer.label}: {spoken(timer.planned_s)} planned.")
        elif timer.remaining_s >= 0:
            self.out.say(f"{timer.label}: {spoken(timer.remaining_s)} left.")
        else:
            self.out.say(f"{timer.label}: over time by {spoken(-timer.remaining_s)}.")

    # -- actions: people and turns ---------------------------------------------------------

    def raise_hand(self) -> None:
        """As in the full app, the hand comes the way its owner joins (on the phone: by
        voice; on chat only: in the chat). Where anyone on the roster joins by phone or
        chat, a key says where this hand came from (enter: the usual way)."""
        who = self.pick("Raise a hand")
        if who is None:
            return
        names = self.live.names
        via = hand_source_for(names.joins(who))
        if any(names.joins(p) != "video" for p in self.live.state.people.roster):
            usual = f"{SOURCE_WORDS[via]} (usual for {names.name(who)})"
            choices = [("enter", via, usual)] + [
                (key, source, SOURCE_WORDS[source])
                for key, source in HAND_SOURCE_KEYS if source != via]
            picked = self.choose("Raise a hand", "Where did the hand come from?", choices)
            if picked is None:
                return
            via = picked
        self.send(cmd.RaiseHand(participant=who, via=via))

    def lower_hand(self) -> None:
        raised = {hand.participant for hand in self.live.state.floor.hands}
        who = self.pick("Lower a hand", people=self.people(here_only=False, only=raised))
        if who is not None:
            self.send(cmd.LowerHand(participant=who))

    def write_answer(self) -> None:
        rv = round_view(self.live.state, self.live.now().t)
        if rv is None or rv.current is None:
            return
        who = self.live.names.name(rv.current)
        title = f"{who}'s {'word' if rv.capture == 'word' else 'answer'}"
        text = self.ask_line(title, max_length=answer_limit(rv.capture),
                             field="round.answered:text")
        if text:
            self.send(cmd.CaptureAnswer(text=text))

    def attendance(self) -> None:
        """As in the full app: 0 marks everyone not yet marked present; a person and a
        status key mark one, and the question comes back for the next until cancelled."""
        while True:
            state = self.live.state
            unmarked = sum(1 for p in state.people.roster
                           if state.people.status.get(p) == "expected")
            everyone = ([(0, "everyone", f"Everyone not marked yet ({unmarked}): present")]
                        if unmarked else [])
            title = ("Attendance (0: everyone not marked yet is present; an empty line "
                     "when done)" if unmarked else "Attendance (an empty line when done)")
            who = self.pick(title, people=everyone + self.people(here_only=False))
            if who is None:
                return
            if who == "everyone":
                self.send(cmd.MarkEveryonePresent())
                return
            status = self.choose("Attendance", self.live.names.label(who, symbols=False),
                                 list(ATTENDANCE_CHOICES))
            if not status:
                return
            self.send(cmd.MarkAttendance(participant=who, status=status))

    def walk_in(self) -> None:
        name = self.ask_line("Someone joined", "Their name", max_length=200,
                             sees="Kept in the roster file beside the log, never in the "
                                  "log itself.")
        if not name:
            return
        same = self.live.has_name(name)
        try:
            self.live.add_walk_in(name)
        except CommandRefused as refused:
            self.out.say(sentence(refused.reason))
            return
        self.live.writer.flush(self.save_wait)
        if same:
            self.out.say(f"Note: someone called {name} was already on the roster.")
        self.out.say(f"Added {name} (number {len(self.live.state.people.roster)}).")
        self.check_saving()

    # -- actions: activities ----------------------------------------------------------------

    def copy_now(self) -> None:
        """The text that matters now, said: plain mode has no clipboard (that would take
        an escape sequence); copy it from the terminal, or read it out."""
        kind = kind_of(self.live.state)
        text = kind.copy_text(self.live.state, self.live.now().t, self.live.names.name) \
            if kind is not None else None
        if not text:
            self.out.say("Nothing to copy in this phase.")
            return
        self.out.say("Text to copy or read out:")
        for line in text.splitlines():
            self.out.say(line)

    def show_rules(self) -> None:
        if self.send(cmd.RemindRules()):
            for number, rule in enumerate(self.live.state.all_rules(), 1):
                self.out.say(f"{number}. {rule}")

    def pick_room(self, title: str) -> int | None:
        rooms = self.live.state.rooms
        if rooms is None or not rooms.rooms:
            self.out.say("The rooms are not open yet.")
            return None
        choices = [(str(n), str(n), f"Room {n}") for n in range(1, min(len(rooms.rooms), 9) + 1)]
        chosen = self.choose(title, "Which room?", choices)
        return int(chosen) if chosen else None

    def room_help(self) -> None:
        """As in the full app: one question, the room's number. A room waiting for help
        is marked helped; any other room is recorded as asking."""
        rooms = self.live.state.rooms
        if rooms is None or not rooms.open:
            self.out.say("The rooms are not open.")
            return
        waiting = set(rooms.help)
        choices = [(str(n), str(n), f"Room {n}: waiting for help, press to mark help given"
                    if n in waiting else f"Room {n}: asks for help")
                   for n in range(1, min(len(rooms.rooms), 9) + 1)]
        chosen = self.choose("Room help", "Which room? Press its number.", choices)
        if not chosen:
            return
        number = int(chosen)
        if number in waiting:
            self.send(cmd.AnswerHelp(room=number))
        else:
            self.send(cmd.RequestHelp(room=number))

    def report_back(self) -> None:
        number = self.pick_room("Report-back")
        if number is None:
            return
        text = self.ask_line(f"Room {number} reports back", "What they brought back",
                             field="breakout.reported:text")
        if text:
            self.send(cmd.NoteReportBack(room=number, text=text))

    def award_point(self) -> None:
        who = self.pick("A point for")
        if who is not None:
            self.send(cmd.AwardPoints(participant=who))

    def take_point(self) -> None:
        scored = {who for who, points in self.live.state.course.scores.items() if points > 0}
        if not scored:
            self.out.say("Nobody has a point to take back.")
            return
        who = self.pick("Take a point back from",
                        people=self.people(here_only=False, only=scored))
        if who is not None:
            self.send(cmd.AwardPoints(participant=who, points=-1))

    def feedback(self) -> None:
        question = feedback_prompt(self.live.state) or "How did the platform work for people?"
        who = self.pick("Feedback from (0: the group as a whole)",
                        people=[(0, "group", "The group as a whole"), *self.people()])
        if who is None:
            return
        name = "the group" if who == "group" else self.live.names.name(who)
        score = self.choose(f"Feedback: {name}", sentence(question),
                            [("1", "1", "1 (poor)"), ("2", "2", "2"), ("3", "3", "3"),
                             ("4", "4", "4"), ("5", "5", "5 (great)")])
        if score is None:
            return
        comment = self.ask_line("Comment (optional)", allow_empty=True,
                                field="feedback.recorded:comment")
        if comment is None:
            return
        self.send(cmd.RecordFeedback(score=int(score), comment=comment,
                                     participant=None if who == "group" else who))

    def follow_up(self) -> None:
        who = self.pick("Follow up with", here_only=False)
        if who is None:
            return
        why = self.ask_line(f"Follow up with {self.live.names.name(who)}",
                            "Why (optional)", allow_empty=True,
                            field="followup.flagged:text")
        if why is not None:
            self.send(cmd.FlagFollowUp(participant=who, text=why))

    def safeguarding(self) -> None:
        """As the full app's panel, said: the lead, the words and helplines to copy from
        the terminal, then each step asked as yes or no. Recorded without words."""
        from sessiontui.core.care import steps_done, worth_recording

        state = self.live.state
        who = self.pick("Safeguarding: who is it about (0: no one in particular)",
                        people=[(0, "nobody", "No one in particular"),
                                *self.people(here_only=False)])
        if who is None:
            return
        pid = None if who == "nobody" else who
        about = self.live.names.name(pid) if pid is not None else "no one in particular"
        self.out.say(f"Safeguarding: about {about}.")
        care = state.plan.safeguarding
        if care is None:
            self.out.say("This plan has no [safeguarding] table: ask your organisation for "
                         "its lead, words and helplines, and add them.")
        else:
            self.out.say(sentence(f"Safeguarding lead: {care.lead}: {care.contact}"))
            if care.wording:
                self.out.say("Our words, to copy or read out:")
                self.out.say(care.wording)
            for helpline in care.helplines:
                self.out.say(sentence(f"Helpline: {helpline.line}"))
        done = steps_done(state, pid)
        ticked = list(done)
        for index, step in enumerate(care.steps if care is not None else ()):
            if index in done:
                self.out.say(sentence(f"Done already: {step}"))
                continue
            answer = self.choose("Safeguarding step", sentence(step),
                                 [("y", "yes", "done"), ("n", "no", "not yet")])
            if answer is None:
                break
            if answer == "yes":
                ticked.append(index)
        steps = tuple(sorted(ticked))
        if worth_recording(state, pid, steps) and self.send(
                cmd.RecordSafeguarding(pid, steps)):
            self.out.say("Safeguarding recorded (private, no words): listed first among "
                         "the follow-ups.")

    def ready_texts(self) -> None:
        """A ready text from the plan, said to copy from the terminal; logged by name."""
        from sessiontui.core.care import ready_text

        texts = self.live.plan.texts
        if not texts:
            self.out.say("The plan has no ready texts: add [[texts]] to it.")
            return
        choices = [(str(n), text.name, text.name) for n, text in enumerate(texts[:9], 1)]
        name = self.choose("Ready texts", "Which one?", choices)
        if name is None:
            return
        text = ready_text(self.live.state, name, self.live.now().t)
        if text is not None and self.send(cmd.CopyText(name)):
            self.out.say("Text to copy into the chat:")
            for line in text.splitlines():
                self.out.say(line)

    # -- any time ---------------------------------------------------------------------------

    def help(self) -> None:
        """The keys that apply now (the core's answer for each), then those dimmed."""
        state, now = self.live.state, self.live.now()
        enabled, dimmed = [], []
        for action in PLAIN_KEYS:
            if action.id in ("app.palette",):
                continue
            if action.id in CHECKED:
                found = availability(state, action.id, now)
                if not found.shown:
                    continue
                if not found.enabled:
                    dimmed.append(action)
                    continue
            enabled.append(action)
        self.out.say(f"Keys that apply now ({len(enabled)}):")
        for action in enabled:
            what = PLAIN_HELP.get(action.id, action.help)
            self.out.say(f"{self.keymap.say(action.id)}: {action.label}. {sentence(what)}")
        if dimmed:
            listed = ", ".join(f"{self.keymap.say(a.id)} {a.label}" for a in dimmed)
            self.out.say(f"Not now: {listed}.")

    def say_status(self) -> None:
        for line in self.words.status(self.saving_line()):
            self.out.say(line)

    def palette(self) -> None:
        """The full app's palette, as far as it holds what has no key: go to a phase,
        and resume taking the pause out of the phase."""
        phases = self.live.plan.phases
        self.out.ask("Commands: " + "; ".join(
            f"{n}: go to phase {n}, {phase.label}" for n, phase in enumerate(phases, 1))
            + "; r: resume, taking the pause out of the phase.")
        typed = self.ask_line("Command", "its number, or r")
        if not typed:
            return
        if typed.lower() == "r":
            self.send(cmd.Resume(take_from_phase=True))
        elif typed.isdigit() and 1 <= int(typed) <= len(phases):
            target = int(typed) - 1
            if self.live.state.status == "opened":
                self.send(cmd.StartSession())
                self.send(cmd.GoToPhase(index=target))
                return
            running = self.live.state.phase
            question = (confirm.before_leaving(self.live.state, self.live.now().t, target)
                        if running is not None and running.index != target else None)
            self.asking_first("Go to a phase", question,
                              lambda: self.send(cmd.GoToPhase(index=target)))
        else:
            self.out.say(f"No command {typed!r}.")

    def quit(self) -> None:
        """The full app's question: end the session, or leave it to resume later."""
        live = self.live
        if live.state.status in ("ended", "new"):
            self.finish()
            return
        answer = self.choose("Quit", live.quit_words(),
                             [("e", "end", "End the session now"),
                              ("l", "later", "Leave it and resume later (timers keep counting)")])
        if answer == "end":
            self.send(cmd.EndSession())
            if live.state.status == "ended":
                self.summary()
            self.finish()
        elif answer == "later":
            self.send(cmd.NoteInterruption(cause=QUIT_CAUSE))
            self.exit_message = f"Left to resume later: sessiontui resume {live.log_path}"
            self.finish()

    # -- saving ------------------------------------------------------------------------------

    def saving_state(self) -> str:
        """saved | saving | not-saved, from the writer's own counts."""
        writer = self.live.writer
        if writer.trouble is not None or self.live.roster_problem is not None:
            return "not-saved"
        return "saving" if writer.last_seq > writer.acked_seq else "saved"

    def saving_line(self) -> str:
        writer = self.live.writer
        unsaved = writer.last_seq - writer.acked_seq
        problems = []
        if writer.trouble is not None:
            problems.append(f"log problem: {writer.trouble}. The session goes on; events are "
                            "kept in memory and saved to a new file as soon as possible")
        if self.live.roster_problem is not None:
            problems.append(f"roster not saved ({self.live.roster_problem}): the names are "
                            "saved at the next chance")
        if problems:
            count = f" ({unsaved} event{'s' if unsaved != 1 else ''})" if unsaved else ""
            return f"NOT SAVED{count}: " + "; ".join(problems) + "."
        if unsaved:
            return f"Saving… {unsaved} event{'s' if unsaved != 1 else ''} not on disk yet."
        return "Everything so far is saved."

    def check_saving(self) -> None:
        """Say the saving state when it changes: "saving…", "NOT SAVED", then "saved"."""
        live = self.live
        if live.stopped:
            return
        if live.roster_problem is not None:
            live.save_roster_now()  # tried again, as the full app does on each save
        state = self.saving_state()
        if state != self._saving:
            self._saving = state
            self.out.say(self.saving_line() if state != "saved" else "Saved: everything so "
                         "far is on disk.")
        recovered = live.writer.recovered
        if recovered is not None and recovered.number > self._recoveries:
            self._recoveries = recovered.number
            if live.writer.trouble is None:
                count = f"{recovered.events} event{'s' if recovered.events != 1 else ''}"
                self.out.say(f"Saving works again: {count} caught up, now in "
                             f"{recovered.path.name}.")
        if self._roster_problem and live.roster_problem is None:
            self.out.say("The roster is saved again.")
        self._roster_problem = live.roster_problem is not None

