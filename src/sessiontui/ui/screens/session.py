"""The live session: the screen a facilitator keeps beside the video call.

It only sends commands to the LiveSession and renders the state it gets back. A
timer repaints and sends `Tick` (the core decides which alerts are due); nothing
here counts time itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from sessiontui.actions import ATTENDANCE_CHOICES, SESSION_ACTIONS, UserAction, by_id
from sessiontui.core import commands as cmd
from sessiontui.core import confirm, views
from sessiontui.core.availability import Availability, availability
from sessiontui.core.clock import Now
from sessiontui.core.commands import CommandRefused
from sessiontui.core.events import Event
from sessiontui.core.phases import KINDS, kind_of
from sessiontui.core.phases.rounds import answer_limit, feedback_prompt, round_view
from sessiontui.core.queue import hand_source_for
from sessiontui.core.state import HERE
from sessiontui.core.timers import phase_remaining
from sessiontui.core.vocabulary import who_sees
from sessiontui.live import LiveSession
from sessiontui.plan.durations import format_duration, spoken
from sessiontui.ui import dialogs
from sessiontui.ui.keys import KeyNames, binding
from sessiontui.ui.widgets.key_footer import KeyFooter
from sessiontui.ui.widgets.session_view import SessionView

MAX_TOASTS = 2
TOAST_ROOM = (80, 24)
"""The smallest screen on which a phase alert also comes as a toast."""
"""At most this many toasts at once (the app keeps to it too): at 80×24 more cover the
panel; the alert line under the status keeps the latest phase alert in view."""


SCREEN_ACTIONS: tuple[UserAction, ...] = (*SESSION_ACTIONS, by_id("view.clock"))
ACTION_IDS: dict[str, str] = {action.method: action.id for action in SCREEN_ACTIONS}
"""The screen's action methods by the action id the core knows them by."""

FOOTER_EMPHASIS: frozenset[str] = frozenset().union(*(k.footer for k in KINDS.values()))
"""General actions that earn a place in the footer only in some kinds of phase: an
80-column footer has room for what matters now, not for everything."""

FOOTER_ALWAYS = ("phase.next", "session.pause", "app.help", "app.quit")
"""Never left out of the footer, however narrow the terminal."""


def fit_footer(shown: dict[str, Any], width: int, display) -> dict[str, Any]:
    """The footer's keys that fit in `width` columns: the general keys a phase asks
    for go first, then its own keys from the last; Next, Pause, Help and Quit stay."""
    from sessiontui.ui.widgets.key_footer import PALETTE_FROM, PALETTE_WIDTH

    room = width - (PALETTE_WIDTH if width >= PALETTE_FROM else 0)

    def used(keys: dict[str, Any]) -> int:
        # A key, a space and its label, and a column to spare for each item.
        return sum(len(display(a.binding)) + 2 + len(a.binding.description)
                   for a in keys.values() if a.binding.show)

    kept = dict(shown)
    visible = [(key, a) for key, a in reversed(kept.items()) if a.binding.show]
    order = [key for key, a in visible if a.binding.id in FOOTER_EMPHASIS]
    order += [key for key, a in visible
              if a.binding.id not in FOOTER_EMPHASIS and a.binding.id not in FOOTER_ALWAYS]
    for key in order:
        if used(kept) <= room:
            break
        del kept[key]
    return kept


class SessionScreen(Screen[None]):
    """Run a session from the keyboard: the timer, the phase panel, the agenda."""

    # Priority: the facilitator's keys (and any they map, to arrows say) come before the
    # scrolling panel's own. Dialogs are screens above this one, so typing is unaffected.
    BINDINGS = [
        each for action in SCREEN_ACTIONS for each in (
            # One key, named for what the plan keeps: a word, or a short answer. The one
            # that does not apply is hidden (check_action): the footer says the right one.
            (binding(action, priority=True, action_name="write_answer('word')",
                     label="Word"),
             binding(action, priority=True, action_name="write_answer('answer')",
                     label="Answer"))
            if action.id == "round.answer" else (binding(action, priority=True),))
    ]
    DEFAULT_CSS = """
    SessionScreen { layout: vertical; }
    #banner { display: none; background: $error; color: $text; text-style: bold;
              padding: 0 1; height: auto; }
    #banner.-shown { display: block; }
    """

    def __init__(self, live: LiveSession, *, bell: bool = True,
                 window_title: bool = True) -> None:
        super().__init__()
        self.live = live
        self.bell = bell
        self.window_title = window_title
        self.saved = "✓ saved"
        self._recoveries_seen = 0
        self._banner_text = ""
        self._roster_problem_shown = False
        self._footer_signature: tuple[object, ...] | None = None
        self._answers: dict[str, Availability] = {}
        self._answers_for: tuple[object, int, Now] | None = None
        self._title = ""
        self.drafts: dict[str, str] = {}
        """Text typed into a dialog and left with escape, by dialog title."""
        self._held: list[tuple[str, Any, float | None]] = []
        """Toasts that arrived while a dialog was open."""
        self._offered: str | None = None
        """Who the safeguarding panel was last offered for (stepped out too long)."""

    # -- layout ----------------------------------------------------------------------------

    class Ended(Message):
        """The facilitator ended the session: the app shows the summary."""

    @property
    def keys(self) -> KeyNames:
        """The keys bound to action ids now, the user's keymap included."""
        return self.app.key_names  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield Static("", id="banner", markup=False)
        yield SessionView(self.live, keys=self.keys.of)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(SessionView).fit(self.app.size.width, self.app.size.height)
        self.refresh_view()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(SessionView).fit(event.size.width, event.size.height)

    @property
    def is_wide(self) -> bool:
        return self.query_one(SessionView).has_class("-wide")

    # -- time --------------------------------------------------------------------------------

    def tick(self) -> None:
        """Send Tick (alerts that are due) and repaint. Never counts time itself."""
        events = self.live.tick()  # the same per-tick work as plain mode
        for event in events:
            self._announce(event)
        if events:
            self._refresh_footer()
        self.refresh_view()

    def send(self, command: Any, *, quiet: bool = False) -> list[Event]:
        """Hand one command to the session; show a refusal as a notification."""
        try:
            saved = self.live.send(command)
        except CommandRefused as refused:
            if not quiet:
                self.notify(self._with_names(refused.reason), severity="warning", markup=False)
            return []
        for event in saved:
            self._announce(event)
        self.refresh_view()
        self._refresh_footer()
        return saved

    def _with_names(self, message: str) -> str:
        """The core speaks in ids (p16); the facilitator needs names."""
        return self.live.with_names(message)

    def _refresh_footer(self) -> None:
        """Rebuild the footer only when what it shows changed: rebuilding it creates
        every key's widget anew, which is most of the cost of a key press."""
        kind = self.live.state.phase.kind if self.live.state.phase is not None else None
        signature = (kind, tuple(self.check_action(a.method, ()) for a in SCREEN_ACTIONS))
        if signature != self._footer_signature:
            self._footer_signature = signature
            self.refresh_bindings()

    def _announce(self, event: Event) -> None:
        """Alerts for what just happened: toast, bell, and words (never colour alone)."""
        data = event.data
        if event.type == "timer.warning":
            label = self.live.plan.phases[data.get("phase", 0)].label
            # A warning crossed while rooms were open sounds when they close: say
            # what is left now, not the threshold it passed minutes ago.
            shown = data.get("threshold", 0)
            left = phase_remaining(self.live.state, event.t)
            if left < shown - 30:
                shown = round(left / 60) * 60 if left >= 90 else left
            self._alert(f"{spoken(shown)} left: {label}")
        elif event.type == "timer.expired":
            label = self.live.plan.phases[data.get("phase", 0)].label
            extra = ""
            if views.agenda_view(self.live.state, event.t).rebalance is not None:
                extra = f"  {self.keys.of('schedule.rebalance')}: rebalance the later phases"
            self._alert(f"Time is up: {label} (now counting over time){extra}",
                        severity="warning")
        elif event.type == "breakout.warning":
            text = data.get("broadcast") or ""
            self._alert(f"Broadcast to rooms now ({self.keys.of('copy.now')} copies it): {text}",
                        severity="warning", timeout=45)
        elif event.type in ("phase.ended", "phase.started"):
            self._clear_alerts()
        elif event.type == "breakout.closed":
            self._clear_alerts()  # the room warnings are history now
            if data.get("by") == "time":
                self._alert("Breakout time is over: bring everyone back to the main room")
        elif event.type == "break.nudged":
            self._alert("Tea and chat is nearly over: a gentle nudge back, when ready")
        elif event.type == "clock.jumped":
            self.notify(f"The clock jumped {format_duration(abs(round(data.get('delta_s', 0))))}"
                        " (did the laptop sleep?). Timers follow the wall clock.",
                        severity="warning", markup=False)
        elif event.type == "safeguarding.offered":
            who = data.get("participant")
            self._offered = who
            minutes = max(1, round(data.get("away_s", 0) / 60))
            self._alert(f"{self.live.names.name(who)} out {minutes}m: "
                        f"{self.keys.of('safeguarding.open')} for safeguarding",
                        severity="warning", timeout=20)
        elif event.type in ("turn.limit_reached", "round.timebox_reached"):
            self.notify("Soft time limit reached for this turn (a flag only)", markup=False)

    def _alert(self, message: str, severity: str = "information", timeout: float = 8) -> None:
        """An alert of the running phase: it stays on the line under the status until
        the phase ends (or a newer one replaces it), with a short toast and the bell to
        catch the eye."""
        view = self.query_one(SessionView)
        view.alert, view.alert_warning = message, severity != "information"
        view.show_status()
        self.app.clear_notifications()  # an older alert's toast is out of date now
        self._held.clear()
        if not self._toasts_fit:
            # Below 80x24 a toast covers the room list or the round: the alert line,
            # the bell and the clock's colour and words say it.
            if self.bell:
                self.app.bell()
            return
        self.notify(message, severity=severity, timeout=timeout,  # type: ignore[arg-type]
                    markup=False)
        if self.bell:
            self.app.bell()

    def _clear_alerts(self) -> None:
        """A phase's alerts go when it ends: "Time is up" must not follow into a quiz."""
        view = self.query_one(SessionView)
        view.alert = ""
        self._held.clear()
        self.app.clear_notifications()

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Toasts never cover an open dialog: while one is up, they wait and are shown
        when the session is back on screen (the alert line shows the latest meanwhile)."""
        if isinstance(self.app.screen, ModalScreen):
            self._held.append((message, severity, timeout))
            return
        super().notify(message, title=title, severity=severity, timeout=timeout,
                       markup=markup)

    def on_screen_suspend(self) -> None:
        """A dialog opened over the session: no toast may cover it."""
        self.app.clear_notifications()

    def on_screen_resume(self) -> None:
        held, self._held = self._held[-MAX_TOASTS:], []
        for message, severity, timeout in held:
            super().notify(message, severity=severity, timeout=timeout, markup=False)

    # -- rendering ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Repaint from the state; the title bar shows the timer too."""
        self._close_stale_dialog()
        self._update_saving()
        view = self.query_one(SessionView)
        view.saved = self.saved
        view.show()
        if self.window_title:
            from sessiontui.ui.terminal import set_window_title

            title = f"{view.digits} {view.label} - sessiontui"
            if title != self._title:
                self._title = title
                set_window_title(self.app, title)

    def _close_stale_dialog(self) -> None:
        """A dialog whose subject has gone (the rooms closed, the phase ended) closes,
        saying so, before any key in it can act on what is no longer there."""
        dialog = self.app.screen
        gone = getattr(dialog, "gone", None)
        if not isinstance(dialog, ModalScreen) or gone is None:
            return
        reason = gone()
        if reason is not None:
            dialog.dismiss(None)
            self.notify(reason, markup=False, timeout=5)

    def restyle(self) -> None:
        """The theme changed: repaint every text (dimming may now differ)."""
        self.query_one(SessionView).restyle()

    # -- which keys apply now --------------------------------------------------------------

    def availability(self, action_id: str) -> Availability:
        """The core's answer for an action now; asked once per state and second."""
        state, second = self.live.state, int(self.live.clock.t())
        # The state itself is kept and compared by identity (an id() could be reused
        # by a later state once this one is freed).
        cached = self._answers_for
        if cached is None or cached[0] is not state or cached[1] != second:
            self._answers_for = (state, second, self.live.now())
            self._answers = {}
        found = self._answers.get(action_id)
        if found is None:
            now = self._answers_for[2]
            found = self._answers[action_id] = availability(state, action_id, now)
        return found

    @property
    def active_bindings(self) -> dict[str, Any]:
        """What the footer shows: as Textual's, less general keys that matter in other
        kinds of phase.

        Only the display is filtered: the keys themselves keep working (Textual
        dispatches keys from the binding chain, not from this map).
        """
        shown = super().active_bindings
        kind = kind_of(self.live.state)
        emphasis = kind.footer if kind is not None else frozenset()
        kept = {
            key: active for key, active in shown.items()
            if active.binding.id not in FOOTER_EMPHASIS or active.binding.id in emphasis
        }
        return fit_footer(kept, self.app.size.width, self.app.get_key_display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enabled, dimmed or hidden: the core's answer (a dry run of decide)."""
        action_id = ACTION_IDS.get(action)
        if action_id is None:
            return True
        if action == "write_answer" and parameters:
            rv = round_view(self.live.state, self.live.now().t)
            wanted = "word" if rv is not None and rv.capture == "word" else "answer"
            if parameters[0] != wanted:
                return False
        return self.availability(action_id).state

    def on_key(self, event: events.Key) -> None:
        """A dimmed key does nothing by itself: say why not, in the core's words."""
        for action in SCREEN_ACTIONS:
            if event.key not in self._keys_of(action):
                continue
            found = self.availability(action.id)
            if found.shown and not found.enabled:
                event.stop()
                self.notify(self._with_names(found.reason), severity="warning", markup=False,
                            timeout=5)
            return

    def _keys_of(self, action: UserAction) -> tuple[str, ...]:
        bound = self.app.keymap_overrides.get(action.id)  # type: ignore[attr-defined]
        return tuple(k.strip() for k in (bound or action.key).split(","))

    # -- actions: moving through the session -----------------------------------------------

    def action_next_step(self) -> None:
        """What the heading's hint says: start, the next step, or (at the very end)
        ask to end the session."""
        action = views.next_view(self.live.state).action
        if action == "start":
            self.send(cmd.StartSession())
        elif action == "end-session":
            self.action_end_session()
        else:
            question = confirm.before_next(self.live.state, self.live.now().t)
            self._confirm("Move on", question, lambda: self.send(cmd.NextStep()))

    def action_previous_step(self) -> None:
        question = confirm.before_back(self.live.state, self.live.now())
        self._confirm("Go back", question, lambda: self.send(cmd.PreviousStep()))

    def _confirm(self, title: str, question: str | None, then: Callable[[], object]) -> None:
        """Do `then` now, or once the facilitator says yes to `question` (the core's
        question: confirm.py). `n` answers no, so a key pressed twice stops here."""
        if question is None:
            then()
            return

        def chosen(answer: str | None) -> None:
            if answer == "yes":
                then()

        self.app.push_screen(dialogs.ConfirmDialog(title, self._with_names(question)), chosen)

    def action_toggle_pause(self) -> None:
        if self.live.state.status == "paused":
            self.send(cmd.Resume())
            return

        # The timers stop at the key press; the reason, if any, follows as its own event.
        if not self.send(cmd.Pause()):
            return

        def explained(reason: str | None) -> None:
            if reason:
                self.send(cmd.ExplainPause(reason=reason))

        self.app.push_screen(
            dialogs.TextDialog(
                "Paused", "The timers are stopped. Why? (optional: tech trouble, someone "
                "needs a moment)", placeholder="enter with nothing to skip", max_length=200,
                allow_empty=True, who_sees=_who_sees("session.pause_explained:reason")),
            explained,
        )

    def action_adjust(self, seconds: int) -> None:
        self.send(cmd.AdjustTime(seconds=seconds))

    def action_rebalance(self) -> None:
        proposal = views.agenda_view(self.live.state, self.live.now().t).rebalance
        if proposal is None:
            self.notify("Nothing to rebalance: the session is on time.", markup=False)
            return
        changes = "\n".join(
            f"  {self.live.plan.phases[i].label}: {format_duration(old)} -> "
            f"{format_duration(new)}" for i, old, new in proposal.changes)
        rest = ""
        if proposal.unabsorbed_s:
            rest = f"\n{format_duration(proposal.unabsorbed_s)} cannot be absorbed (min lengths)."
        question = (f"Over by {format_duration(proposal.overrun_s)}. Shorten the flexible "
                    f"phases?\n{changes}{rest}")

        def chosen(answer: str | None) -> None:
            if answer == "yes":
                self.send(cmd.AcceptRebalance())

        self.app.push_screen(
            dialogs.ConfirmDialog("Rebalance", question, "Accept", "Keep the plan"), chosen)

    def action_end_session(self) -> None:
        question = self._with_names(confirm.end_question(self.live.state))

        def chosen(answer: str | None) -> None:
            if answer == "yes":
                self.send(cmd.EndSession())
                if self.live.state.status == "ended":
                    self.post_message(self.Ended())

        self.app.push_screen(dialogs.ConfirmDialog("End the session", question), chosen)

    def go_to_phase(self, index: int) -> None:
        """Jump to a phase (from the palette); before the start, start there."""
        starting = self.live.state.status == "opened"
        if starting:
            self.send(cmd.StartSession())
        running = self.live.state.phase
        question = None
        if not starting and running is not None and running.index != index:
            question = confirm.before_leaving(self.live.state, self.live.now().t, index)
        self._confirm("Go to a phase", question, lambda: self.send(cmd.GoToPhase(index=index)))

    def resume_taking_time(self) -> None:
        self.send(cmd.Resume(take_from_phase=True))

    def action_large_clock(self) -> None:
        from sessiontui.ui.screens.large_clock import LargeClockScreen

        self.app.push_screen(LargeClockScreen(self.live, self.keys))

    # -- actions: people and turns ---------------------------------------------------------

    def _people(self, *, here_only: bool = True,
                only: set[str] | None = None) -> list[tuple[int, str, str]]:
        """(roster number, id, label): the plan's people, then walk-ins, numbered the
        same way in every list."""
        state = self.live.state
        return [
            (number, pid, self.live.names.label(pid))
            for number, pid in enumerate(state.people.roster, start=1)
            if (not here_only or state.people.status.get(pid, "absent") in HERE)
            and (only is None or pid in only)
        ]

    def _pick(self, title: str, then: Callable[[str], None], *, here_only: bool = True,
              people: list[tuple[int, str, str]] | None = None, hint: str = "") -> None:
        choices = people if people is not None else self._people(here_only=here_only)
        if not choices:
            self._nobody_yet()
            return

        def picked(person: str | None) -> None:
            if person is not None:
                then(person)

        aliases = {pid: self.live.names.aliases(pid) for _n, pid, _label in choices}
        self.app.push_screen(dialogs.PersonPickerDialog(title, choices, hint, aliases), picked)

    def _nobody_yet(self) -> None:
        self.notify(f"Nobody to choose from yet: {self.keys.of('people.join')} adds "
                    "someone who joined.", markup=False)

    def _ask(self, title: str, prompt: str, then: Callable[[str], None], *, field: str,
             multiline: bool = False, max_length: int = 4000) -> None:
        """Ask for text that becomes `field` ("event.type:name") of an event: the dialog
        says who will see it, as the privacy table decides."""
        def answered(text: str | None) -> None:
            if text:
                then(text)

        self.app.push_screen(dialogs.TextDialog(
            title, prompt, multiline=multiline, max_length=max_length, drafts=self.drafts,
            who_sees=_who_sees(field)), answered)

    def action_raise_hand(self) -> None:
        """Pick the person, and say where the hand came from (their usual way first:
        someone on the phone says it aloud, someone on chat types it)."""
        choices = self._people()
        if not choices:
            self._nobody_yet()
            return
        names = self.live.names
        sources = {pid: hand_source_for(names.joins(pid)) for _n, pid, _label in choices}

        def picked(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.send(cmd.RaiseHand(participant=answer[0], via=answer[1]))

        aliases = {pid: names.aliases(pid) for _n, pid, _label in choices}
        self.app.push_screen(dialogs.HandPickerDialog(
            "Raise a hand", choices, sources, aliases=aliases), picked)

    def action_lower_hand(self) -> None:
        raised = {hand.participant for hand in self.live.state.floor.hands}
        self._pick("Lower a hand", lambda p: self.send(cmd.LowerHand(participant=p)),
                   people=self._people(here_only=False, only=raised))

    def action_lower_all_hands(self) -> None:
        self.send(cmd.LowerAllHands())

    def action_next_speaker(self) -> None:
        self.send(cmd.NextSpeaker())

    def action_pass_turn(self) -> None:
        self.send(cmd.Pass())

    def action_facilitator_turn(self) -> None:
        self.send(cmd.ToggleFacilitatorTurn())

    def action_write_answer(self, kind: str = "answer") -> None:
        rv = round_view(self.live.state, self.live.now().t)
        if rv is None or rv.current is None:
            return
        who = self.live.names.name(rv.current)
        limit = answer_limit(rv.capture)
        self._ask(f"{who}'s {'word' if rv.capture == 'word' else 'answer'}", "",
                  lambda text: self.send(cmd.CaptureAnswer(text=text)), max_length=limit,
                  field="round.answered:text")

    def action_attendance(self) -> None:
        """Attendance in few keys: `0` (or the first line) marks everyone not yet marked
        present; a person's number and a status key mark one, and the picker comes back
        for the next until escape."""
        state = self.live.state
        unmarked = sum(1 for p in state.people.roster if state.people.status.get(p) == "expected")
        everyone = ([(0, "everyone", f"Everyone not marked yet ({unmarked}): present")]
                    if unmarked else [])
        people = [(number, pid,
                   f"{label}  ({state.people.status.get(pid, 'expected').replace('-', ' ')})")
                  for number, pid, label in self._people(here_only=False)]

        def person(pid: str) -> None:
            if pid == "everyone":
                self.send(cmd.MarkEveryonePresent())
                return

            def status(value: str | None) -> None:
                if value:
                    self.send(cmd.MarkAttendance(participant=pid, status=value))
                    self.call_after_refresh(self.action_attendance)  # the next person

            self.app.push_screen(
                dialogs.ChoiceDialog("Attendance", self.live.names.label(pid),
                                     list(ATTENDANCE_CHOICES)), status)

        hint = "0: everyone not marked yet is present. " if unmarked else ""
        self._pick("Attendance: who?", person, people=everyone + people,
                   hint=f"{hint}Escape when done.")

    def action_walk_in(self) -> None:
        def named(name: str) -> None:
            same = self.live.has_name(name)
            try:
                self.live.add_walk_in(name)
            except CommandRefused as refused:
                self.notify(refused.reason, severity="warning", markup=False)
                return
            if same:
                self.notify(f"Note: someone called {name.strip()} was already on the roster",
                            severity="warning", markup=False)
            self.notify(f"Added {name.strip()} (number {len(self.live.state.people.roster)})",
                        markup=False)
            self.refresh_view()

        def asked(text: str | None) -> None:
            if text:
                named(text)

        self.app.push_screen(dialogs.TextDialog(
            "Someone joined", "Their name", max_length=200,
            who_sees="Kept in the roster file beside the log, never in the log itself."),
            asked)

    # -- actions: activities ----------------------------------------------------------------

    def action_copy_now(self) -> None:
        text = self._text_that_matters()
        if not text:
            self.notify("Nothing to copy in this phase.", markup=False)
            return
        from sessiontui.ui.terminal import copy_text

        copy_text(self.app, text)
        preview = text if len(text) <= 60 else text[:57] + "..."
        self.notify(f"Copied: {preview}  (if pasting gives nothing, your terminal blocks "
                    "clipboard access: the text is in the panel)", markup=False, timeout=10)

    def _text_that_matters(self) -> str | None:
        kind = kind_of(self.live.state)
        if kind is None:
            return None
        return kind.copy_text(self.live.state, self.live.now().t, self.live.names.name)

    def action_show_rules(self) -> None:
        self.send(cmd.RemindRules())
        rules = "\n".join(f"- {rule}" for rule in self.live.state.all_rules()) or "(none)"
        self.app.push_screen(
            dialogs.ChoiceDialog("Ground rules", rules, [("escape", "ok", "Close")]))

    def action_add_rule(self) -> None:
        self._ask("Add a ground rule", "The rule the group suggests",
                  lambda text: self.send(cmd.AddRule(text=text)), field="rule.added:text")

    def _pick_room(self, title: str, then: Callable[[int], None],
                   describe: Callable[[int], str] | None = None, *,
                   while_open: bool = False) -> None:
        """Choose a room by its number (1-9). The dialog closes, saying so, when the
        breakout ends (or, `while_open`, when the rooms close) while it is open."""
        rooms = self.live.state.rooms
        if rooms is None or not rooms.rooms:
            self.notify("The rooms are not open yet.", markup=False)
            return
        numbers = range(1, min(len(rooms.rooms), 9) + 1)
        choices = [(str(n), str(n), describe(n) if describe else f"Room {n}") for n in numbers]

        def chosen(value: str | None) -> None:
            if value:
                then(int(value))

        dialog = dialogs.ChoiceDialog(title, "Which room? Press its number.", choices)

        def gone() -> str | None:
            now = self.live.state.rooms
            if now is None or (while_open and not now.open):
                return "The rooms have closed: that dialog was closed."
            return None

        dialog.gone = gone
        self.app.push_screen(dialog, chosen)

    def action_room_help(self) -> None:
        """One dialog, one flow: press a room's number. A room waiting for help is
        marked as helped; any other room is recorded as asking for help."""
        rooms = self.live.state.rooms
        waiting = set(rooms.help) if rooms is not None and rooms.open else set()

        def describe(number: int) -> str:
            if number in waiting:
                return f"Room {number}: waiting for help. Press to mark help given"
            return f"Room {number}: asks for help"

        def chosen(number: int) -> None:
            if number in waiting:
                if self.send(cmd.AnswerHelp(room=number)):
                    self.notify(f"Room {number}: help given", markup=False, timeout=4)
            else:
                self.send(cmd.RequestHelp(room=number))

        if not waiting and (rooms is None or not rooms.open):
            self.notify("The rooms are not open.", markup=False)
            return
        self._pick_room("Room help", chosen, describe, while_open=True)

    def action_report_back(self) -> None:
        def room(number: int) -> None:
            self._ask(f"Room {number} reports back", "What they brought back",
                      lambda text: self.send(cmd.NoteReportBack(room=number, text=text)),
                      multiline=True, field="breakout.reported:text")

        self._pick_room("Report-back", room)

    def action_reveal_answer(self) -> None:
        self.send(cmd.RevealAnswer())

    def action_award_point(self) -> None:
        self._pick("A point for", lambda p: self.send(cmd.AwardPoints(participant=p)))

    def action_take_point(self) -> None:
        scored = {who for who, points in self.live.state.course.scores.items() if points > 0}
        if not scored:
            self.notify("Nobody has a point to take back.", markup=False)
            return
        self._pick("Take a point back from",
                   lambda p: self.send(cmd.AwardPoints(participant=p, points=-1)),
                   people=self._people(here_only=False, only=scored))

    def action_start_questions(self) -> None:
        self.send(cmd.StartQuestions())

    def action_takeaway(self) -> None:
        def noted(text: str) -> None:
            if self.send(cmd.AddTakeaway(text=text)):
                self.notify("Takeaway noted (listed under Takeaways)", markup=False)

        self._ask("Takeaway", "What someone is taking away from tonight (their answer in "
                  f"the round goes under {self.keys.of('round.answer')})", noted,
                  field="takeaway.added:text")

    def action_feedback(self) -> None:
        question = feedback_prompt(self.live.state) or (
            "How did the platform work for people?")
        group = [(0, "group", "The group as a whole"), *self._people()]

        def person(pid: str) -> None:
            def answered(answer: Any) -> None:
                if answer is not None:
                    self.send(cmd.RecordFeedback(
                        score=answer.score, comment=answer.comment,
                        participant=None if pid == "group" else pid))

            who = "the group" if pid == "group" else self.live.names.name(pid)
            self.app.push_screen(dialogs.FeedbackDialog(
                question, who, _who_sees("feedback.recorded:comment")), answered)

        self._pick("Feedback from", person, people=group)

    # -- actions: any time -------------------------------------------------------------------

    def action_note(self) -> None:
        def noted(text: str) -> None:
            if self.send(cmd.AddNote(text=text)):
                self.notify("Note saved (private)", markup=False, timeout=4)

        self._ask("Private note", "About someone, or for yourself", noted,
                  multiline=True, field="note.added:text")

    def action_marker(self) -> None:
        self._ask("Marker", "A label for this moment (a chapter in the replay)",
                  lambda text: self.send(cmd.AddMarker(label=text)), max_length=200,
                  field="marker.added:label")

    def action_follow_up(self) -> None:
        def person(pid: str) -> None:
            def noted(text: str | None) -> None:
                if text is not None:
                    self.send(cmd.FlagFollowUp(participant=pid, text=text))

            self.app.push_screen(dialogs.TextDialog(
                f"Follow up with {self.live.names.name(pid)}",
                "Why (optional): enter with nothing to just flag them",
                allow_empty=True, who_sees=_who_sees("followup.flagged:text")), noted)

        self._pick("Follow up with", person, here_only=False)

    def action_park(self) -> None:
        self._ask("Parking lot", "A topic to come back to later",
                  lambda text: self.send(cmd.ParkItem(text=text)), field="item.parked:text")

    def action_safeguarding(self) -> None:
        """Straight to the panel for someone offered it (stepped out too long); else
        choose who it is about first (0: no one in particular)."""
        offered = self._offered
        if offered is not None and offered in self.live.state.people.stepped_out:
            self._safeguarding_panel(offered, prompted=True)
            return
        self._choose_for_safeguarding()

    def _choose_for_safeguarding(self) -> None:
        nobody = [(0, "nobody", "No one in particular")]
        self._pick("Safeguarding: who is it about?", lambda pid: self._safeguarding_panel(
            None if pid == "nobody" else pid), people=nobody + self._people(here_only=False),
                   hint=self._safeguarding_hint())

    def _safeguarding_hint(self) -> str:
        if self.live.plan.safeguarding is None:
            return ("This plan has no [safeguarding] table: no helplines or steps to show. "
                    "0: no one in particular.")
        return ("0: no one in particular. Choosing someone makes them a safeguarding "
                "follow-up (private, no words).")

    def _safeguarding_panel(self, pid: str | None, *, prompted: bool = False) -> None:
        from sessiontui.core.care import steps_done, worth_recording
        from sessiontui.ui.terminal import copy_text

        state = self.live.state
        done = steps_done(state, pid)

        def answered(answer: Any) -> None:
            if answer is None:
                return
            steps = tuple(answer.steps)
            if worth_recording(state, pid, steps, prompted=prompted,
                               note=answer.note) and self.send(
                    cmd.RecordSafeguarding(pid, steps, prompted)):
                self._say(self._recorded_words(pid, steps))
            if pid is not None and pid == self._offered:
                self._offered = None
            if answer.someone_else:
                self._choose_for_safeguarding()
            elif answer.note:
                self.action_note()

        who = self.live.names.name(pid) if pid is not None else "no one in particular"
        self.app.push_screen(dialogs.SafeguardingDialog(
            state.plan.safeguarding, who, done, lambda text: copy_text(self.app, text)),
            answered)

    @property
    def _toasts_fit(self) -> bool:
        """80x24 or more: below, a toast covers the panel (TOAST_ROOM)."""
        width, height = self.app.size
        return width >= TOAST_ROOM[0] and height >= TOAST_ROOM[1]

    def _say(self, message: str) -> None:
        """A confirmation as a toast from 80x24; below, a toast would cover the panel,
        so the line under the status says it."""
        if not self._toasts_fit:
            view = self.query_one(SessionView)
            view.alert, view.alert_warning = message, False
            view.show_status()
            return
        self.notify(message, markup=False, timeout=6)

    def _recorded_words(self, pid: str | None, steps: tuple[int, ...]) -> str:
        care = self.live.plan.safeguarding
        who = self.live.names.name(pid) if pid is not None else "no one in particular"
        count = len(care.steps) if care is not None else 0
        done = f": {len(steps)} of {count} steps done" if count else ""
        return (f"Safeguarding recorded for {who} (private){done}. First among the "
                "follow-ups at the close.")

    def action_ready_texts(self) -> None:
        texts = self.live.plan.texts
        if not texts:
            self.notify("The plan has no ready texts: add [[texts]] to it.", markup=False)
            return
        from sessiontui.core.care import ready_text

        state, t = self.live.state, self.live.now().t

        def label(name: str) -> str:
            words = " ".join((ready_text(state, name, t) or "").split())
            line = f"{name}: {words}"
            return line if len(line) <= 56 else line[:55] + "…"

        items = [(text.name, label(text.name)) for text in texts]

        def chosen(name: str | None) -> None:
            if name is not None:
                self.copy_ready_text(name)

        self.app.push_screen(dialogs.PickDialog(
            "Copy a ready text for the chat", items,
            hint="Logged by its name, not its words."), chosen)

    def copy_ready_text(self, name: str) -> None:
        """Copy one of the plan's texts, filled for now, and log that it was (by name)."""
        from sessiontui.core.care import ready_text
        from sessiontui.ui.terminal import copy_text

        text = ready_text(self.live.state, name, self.live.now().t)
        if text is None or not self.send(cmd.CopyText(name)):
            return
        copy_text(self.app, text)
        # Whole (up to a toast's few lines): if the terminal blocks the clipboard, the
        # facilitator reads or retypes it from here.
        preview = text if len(text) <= 240 else text[:239] + "…"
        self.notify(f"Copied \u201c{name}\u201d for the chat: {preview}", markup=False,
                    timeout=10)

    def action_help(self) -> None:
        from sessiontui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Keys", SCREEN_ACTIONS, self.keys))

    # -- saving -------------------------------------------------------------------------------

    def show_saving(self) -> None:
        """The journal saved events, or could not: repaint the indicator and banner
        (only the status line: nothing else changed)."""
        self._update_saving()
        view = self.query_one(SessionView)
        if view.saved != self.saved:
            view.saved = self.saved
            view.show_status()

    def _update_saving(self) -> None:
        """The header's indicator and the banner, from the writer's own counts: "saved"
        only when every event handed to it is fsynced and nothing is failing."""
        live = self.live
        writer = live.writer
        unsaved = writer.last_seq - writer.acked_seq
        trouble = writer.trouble
        problems = []
        if trouble is not None:
            problems.append(f"Log problem: {trouble}. The session goes on; events are kept "
                            "in memory and saved to a new file as soon as possible.")
        if live.roster_problem is not None:
            problems.append(f"Roster not saved ({live.roster_problem}): the names stay on "
                            "the screen and are saved at the next chance.")
        if problems:
            self.saved = f"✗ NOT SAVED {unsaved}" if unsaved else "✗ NOT SAVED"
        elif unsaved:
            self.saved = f"saving… {unsaved}"
        else:
            self.saved = "✓ saved"
        text = "\n".join(problems)
        if text != self._banner_text:
            self._banner_text = text
            banner = self.query_one("#banner", Static)
            banner.update(text)
            banner.set_class(bool(problems), "-shown")
        recovered = writer.recovered
        if recovered is not None and recovered.number > self._recoveries_seen:
            self._recoveries_seen = recovered.number
            if trouble is None:
                count = f"{recovered.events} event{'s' if recovered.events != 1 else ''}"
                # The file's name on a line of its own: a toast cannot wrap it at a space.
                self.notify(f"Saving works again: {count} caught up. Now writing to:\n"
                            f"{recovered.path.name}", markup=False, timeout=10)
        if self._roster_problem_shown and live.roster_problem is None:
            self.notify("The roster is saved again.", markup=False, timeout=6)
        self._roster_problem_shown = live.roster_problem is not None


def _who_sees(field: str) -> str:
    """The privacy line for the text that becomes `field` ("event.type:name")."""
    event_type, name = field.split(":")
    return who_sees(event_type, name)
