"""What plain mode says: events as they are recorded, and the status on request.

A line per thing that changed ("Sam's turn, 1 minute 30 seconds. Next: Dev."), made
from the events the LiveSession records (`event_words` says most of them, as the
replay's event list does) and from the core's views: the next step is the very value
`decide` applies. Only milestones are said: a timer is never read out each second.

Private text (notes, pause reasons, follow-up reasons) is never read back: the line
says that it was saved, not what it says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sessiontui.core import views
from sessiontui.core.events import Event
from sessiontui.core.phases import kind_of
from sessiontui.core.phases.breakout import breakout_view
from sessiontui.core.phases.quiz import quiz_view
from sessiontui.core.phases.rounds import round_view
from sessiontui.core.queue import SOURCE_WORDS, ordered_hands
from sessiontui.core.state import FACILITATOR, SessionState
from sessiontui.core.timers import phase_remaining
from sessiontui.core.vocabulary import TEXT_FIELDS
from sessiontui.event_words import EventWords, one_line
from sessiontui.live import LiveSession
from sessiontui.plain.keys import Keymap
from sessiontui.plan.durations import format_duration, spoken
from sessiontui.step_words import step_said

QUIET = frozenset({
    "session.opened",  # said as the session opens
    "session.started",  # the first phase's start says it
    "phase.ended",  # the next phase's start (or the end) says it
    "round.started",  # the next step says who is first
    "participant.added",  # the walk-in's own line says it, with their number
    "rules.shown",  # the next step reads the first rule
})
"""Events said by another line of the same moment."""


SPAN = re.compile(r"\b(?:(\d+)h (\d{2})m|(\d+)m (\d{2})s|(\d+)s)\b")
"""A length as `format_span` writes it for a table ("2m 05s"): a reader says "2 m 0 5 s"."""


def speakable(text: str) -> str:
    """Lengths in words ("2 minutes 5 seconds"), for text with no typed words in it."""

    def said(match: re.Match[str]) -> str:
        h, hm, m, ms, sec = match.groups()
        if h is not None:
            return spoken(int(h) * 3600 + int(hm) * 60)
        if m is not None:
            return spoken(int(m) * 60 + int(ms))
        return spoken(int(sec))

    return SPAN.sub(said, text)


def sentence(text: str) -> str:
    """A line ending as a sentence does."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else text + "."


def on_time(behind_s: float) -> str:
    """"on time", "3 minutes behind": as `ahead_behind` rounds it, in words."""
    if abs(behind_s) < 30:
        return "on time"
    minutes = max(60, round(abs(behind_s) / 60) * 60)
    return f"{spoken(minutes)} {'behind' if behind_s > 0 else 'ahead'}"


def waiting(state: SessionState) -> str:
    count = len(state.floor.hands)
    return "nobody waiting" if count == 0 else f"{count} waiting"


class Words:
    """Says one live session's events and state in lines."""

    def __init__(self, live: LiveSession, keymap: Keymap) -> None:
        self.live = live
        self.keymap = keymap

    @property
    def state(self) -> SessionState:
        return self.live.state

    def tagged(self, who: object) -> str:
        """A name, and how they join when it is not by video: "Bríd (on the phone)"."""
        tag = self.live.names.tag(who, symbols=False) if isinstance(who, str) else ""
        return f"{self.name(who)} ({tag})" if tag else self.name(who)

    def name(self, person: str | None) -> str:
        if person == FACILITATOR:
            return "you"
        return self.live.names.name(person) if person else "someone"

    def whose(self, person: str | None) -> str:
        if person == FACILITATOR:
            return "your"
        name = self.name(person)
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    def phase_label(self, index: object) -> str:
        phases = self.live.plan.phases
        return phases[index].label if type(index) is int and 0 <= index < len(phases) else ""

    # -- what comes next ---------------------------------------------------------------

    def next_words(self, nxt: views.NextView | None = None) -> str:
        """"Dev", "next phase, Pairs", "mark this rule covered: No recording"."""
        nxt = nxt or views.next_view(self.state)
        if nxt.action == "start":
            return f"start with {nxt.phase_label}"
        if nxt.action == "next-person":
            return self.name(nxt.participant)
        words, stressed, after = step_said(nxt, self.name)
        said = words + stressed + after
        if nxt.text and nxt.action not in ("next-phase", "next-question", "reveal-answer"):
            # (an answer is said when it is revealed, not before)
            said += f": {one_line(nxt.text)}"
        return said

    def next_line(self) -> str:
        return f"Next ({self.keymap.say('phase.next')}): {sentence(self.next_words())}"

    # -- events ------------------------------------------------------------------------

    def events(self, events: Sequence[Event], before: views.NextView | None) -> list[str]:
        """Lines for what one key or one tick recorded; then the next step, when it
        changed."""
        said = EventWords(self.live.plan, self.live.names, ())
        types = {event.type for event in events}
        lines = []
        for event in events:
            line = self.event(event, types, said)
            if line:
                lines.append(sentence(line))
        state = self.state
        if state.status in ("running", "paused") and before is not None:
            nxt = views.next_view(state)
            if nxt.step != before.step or "phase.started" in types:
                step = f"Next: {sentence(self.next_words(nxt))}"
                if lines and len(lines[-1]) + len(step) < 100:
                    lines[-1] = f"{lines[-1]} {step}"
                else:
                    lines.append(step)
        return lines

    def event(self, event: Event, types: set[str], said: EventWords) -> str | None:
        kind, data = event.type, event.data
        if kind in QUIET:
            return None
        state = self.state
        if kind == "phase.started":
            index = data.get("phase", 0)
            phase = self.live.plan.phases[index]
            line = (f"{phase.label} started, {spoken(data.get('planned_s', 0))} "
                    f"(phase {index + 1} of {len(self.live.plan.phases)}).")
            prompt = getattr(phase, "prompt", None)
            if prompt and phase.kind != "breakout":
                line += f"\nSay: {one_line(prompt)}"
            return line
        if kind == "turn.started":
            if data.get("source") == "round" or "round.moved" in types:
                return None
            speaker = data.get("speaker")
            if speaker == FACILITATOR:
                return "Your turn (the facilitator)"
            return f"{self.whose(speaker)} turn, {waiting(state)}"
        if kind == "turn.ended":
            if types & {"turn.started", "round.moved", "phase.started", "phase.ended",
                        "session.ended", "session.paused", "round.passed", "round.completed"}:
                return None
            return self.said(said, event)
        if kind == "round.moved":
            who = data.get("participant")
            if who is None:
                return self.said(said, event)
            per = getattr(state.phase_plan(), "per_person", None)
            return f"{self.whose(who)} turn, {spoken(per)}" if per else f"{self.whose(who)} turn"
        if kind == "hand.raised":
            who = data.get("participant")
            via = data.get("via")
            came = f" {SOURCE_WORDS[via]}" if via in ("chat", "voice") else ""
            return f"Hand raised{came}: {self.tagged(who)}, {waiting(state)}"
        if kind in ("hand.lowered", "hands.cleared"):
            return f"{self.said(said, event)}, {waiting(state)}"
        if kind == "timer.warning":
            shown = data.get("threshold", 0)
            left = phase_remaining(state, event.t)
            if left < shown - 30:  # crossed while rooms were open: what is left now
                shown = round(left / 60) * 60 if left >= 90 else left
            return f"{spoken(shown)} left in {self.phase_label(data.get('phase'))}"
        if kind == "timer.expired":
            line = f"Time is up in {self.phase_label(data.get('phase'))}: now counting over time"
            if views.agenda_view(state, event.t).rebalance is not None:
                line += f". {self.keymap.say('schedule.rebalance')}: rebalance the later phases"
            return line
        if kind == "breakout.opened":
            return (f"{self.said(said, event)}. {self.keymap.say('copy.now')} says who is in "
                    "which room")
        if kind == "breakout.warning":
            return f"Broadcast to the rooms now: {one_line(data.get('broadcast'))}"
        if kind == "breakout.closed" and data.get("by") == "time":
            return "Breakout time is over: bring everyone back to the main room"
        if kind == "break.nudged":
            return "Tea and chat is nearly over: a gentle nudge back, when ready"
        if kind == "clock.jumped":
            return (f"The clock jumped {format_duration(abs(round(data.get('delta_s', 0))))} "
                    "(did the laptop sleep?). Timers follow the wall clock")
        if kind in ("turn.limit_reached", "round.timebox_reached"):
            who = data.get("speaker") or data.get("participant")
            return f"Soft time limit reached for {self.whose(who)} turn (a flag only)"
        if kind == "session.paused":
            reason = " (the reason is noted, privately)" if data.get("reason") else ""
            return f"Paused{reason}. {self.keymap.say('session.pause')} resumes"
        if kind == "session.pause_explained":
            return "The reason is noted, privately"
        if kind == "note.added":
            if data.get("private") is not False:
                return "Note saved (private)"
            return "Note saved"
        if kind == "followup.flagged":
            why = " (the reason is noted, privately)" if data.get("text") else ""
            return f"Follow-up flagged for {self.name(data.get('participant'))}{why}"
        if kind == "prompt.shown":
            prompts = getattr(state.phase_plan(), "prompts", None) or []
            index = data.get("index", 0)
            text = prompts[index] if 0 <= index < len(prompts) else ""
            return f"Prompt {index + 1} of {len(prompts)}. Say: {one_line(text)}"
        if kind == "quiz.question_shown":
            quiz = quiz_view(state, event.t)
            if quiz is not None:
                return f"Question {quiz.index + 1} of {quiz.total}: {one_line(quiz.question)}"
        if kind == "quiz.answer_revealed":
            quiz = quiz_view(state, event.t)
            if quiz is not None and quiz.answer:
                return f"Answer: {one_line(quiz.answer)}"
        if kind == "phase.time_adjusted":
            left = phase_remaining(state, event.t)
            where = self.phase_label(data.get("phase"))
            return (f"{self.said(said, event)}: {spoken(abs(left))} "
                    f"{'left' if left >= 0 else 'over time'} in {where}")
        if kind == "session.interrupted":
            return None  # the way out says it
        return self.said(said, event)

    def said(self, said: EventWords, event: Event) -> str:
        """The event as the replay's list says it; lengths in words where no typed text
        is in the line (typed text is said as typed: "in their 20s" stays)."""
        text = said.say(event).text
        typed = [f for f in TEXT_FIELDS.get(event.type, ()) if f != "plan_sha256"]
        return text if typed else speakable(text)

    # -- the status, on request ----------------------------------------------------------

    def status(self, saving: str) -> list[str]:
        """Where things stand: the phase and its time, the session against its plan,
        who has the floor, who waits, the next step, and saving."""
        state, now = self.state, self.live.now()
        t = now.t
        timer = views.timer_view(state, t)
        lines = []
        plan = self.live.plan
        if timer.phase is None:
            if timer.status == "ended":
                lines.append("Session ended.")
            else:
                lines.append(f"Not started: {len(plan.phases)} phases, "
                             f"{spoken(timer.planned_s)} planned.")
        else:
            left = timer.remaining_s
            where = f"Phase {timer.phase + 1} of {len(plan.phases)}, {timer.label}: "
            if left >= 0:
                where += f"{spoken(left)} left of {spoken(timer.planned_s)}"
            else:
                where += f"over time by {spoken(-left)}"
            if timer.paused:
                where += ", PAUSED"
            lines.append(sentence(where))
        schedule = views.agenda_view(state, t)
        if state.session.started is not None and state.session.ended is None:
            left = schedule.left_s
            lines.append(f"Session: {spoken(abs(left))} {'left' if left >= 0 else 'over'}, "
                         f"{on_time(schedule.behind_s)}.")
        if self.live.rehearsal:
            lines.append("This is a rehearsal.")
        lines.extend(self.floor(t))
        if state.status in ("opened", "running", "paused"):
            lines.append(self.next_line())
        lines.append(saving)
        return lines

    def floor(self, t: float) -> list[str]:
        """Who has the floor and who waits; a round's person; the rooms."""
        state = self.state
        lines = []
        rnd = round_view(state, t)
        if rnd is not None and rnd.current is not None:
            of = f" of {spoken(rnd.per_person_s)}" if rnd.per_person_s else ""
            lines.append(f"Round: {self.name(rnd.current)} is on, {spoken(rnd.current_s)}{of}.")
        turn = state.floor.turn
        if turn is not None:
            lines.append(f"Floor: {self.name(turn.speaker)}.")
        elif state.status in ("running", "paused"):
            lines.append("Floor: nobody.")
        hands = ordered_hands(state)
        if hands:
            names = ", ".join(self.tagged(hand.participant) for hand in hands)
            lines.append(f"Waiting: {names}.")
        elif state.status in ("running", "paused"):
            lines.append("Waiting: nobody.")
        rooms = breakout_view(state, t) if kind_of(state) is not None else None
        if rooms is not None and state.rooms is not None and state.rooms.open:
            line = f"Rooms close in {spoken(max(0, rooms.remaining_s))}"
            if state.rooms.help:
                line += "; waiting for help: room " + ", ".join(str(n) for n in state.rooms.help)
            lines.append(sentence(line))
        return lines
