"""An event of a session log in words, for the replay's event list: who and what.

"Dana's turn ended (2m 12s)", "Phase 3 began: Open discussion", "Private note: …".
Names come from the roster file when it is there (pseudonymous ids otherwise); text
people typed is returned as typed (one line), for the screen to show literally, and
private text (notes marked private, follow-ups, pause reasons) comes back marked.

Also the two ways the list is filtered: by the people an event is about, and by the
kind of thing it records. Plain Python: no Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sessiontui.core.events import Event
from sessiontui.core.queue import SOURCE_WORDS
from sessiontui.core.state import FACILITATOR
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_span
from sessiontui.plan.models import Plan

KINDS: dict[str, str] = {
    "turns": "Turns and hands",
    "notes": "Markers, notes and follow-ups",
    "phases": "Phases, prompts and timers",
    "rounds": "Rounds",
    "people": "Attendance",
    "activities": "Rules, rooms, quiz, guest, close",
    "session": "Session: start, pauses, end",
}
"""The kinds the event list can be filtered to, with their names."""

_PREFIX_KIND = {
    "turn": "turns", "hand": "turns", "hands": "turns", "item": "notes",
    "note": "notes", "marker": "notes", "followup": "notes", "safeguarding": "notes",
    "text": "activities",
    "phase": "phases", "prompt": "phases", "timer": "phases", "schedule": "phases",
    "round": "rounds", "attendance": "people", "participant": "people",
    "rules": "activities", "rule": "activities", "breakout": "activities",
    "guest": "activities", "quiz": "activities", "break": "activities",
    "takeaway": "activities", "feedback": "activities",
    "session": "session", "clock": "session", "recovery": "session",
}


def kind_of(event_type: str) -> str:
    """Which of KINDS an event type belongs to ("session" for types not known)."""
    return _PREFIX_KIND.get(event_type.split(".", 1)[0], "session")


def people_in(event: Event) -> set[str]:
    """The people an event is about (ids, and "facilitator" for the facilitator's turns):
    who spoke, raised a hand, passed, joined a room; not everyone a list names in passing
    (the roster the log opened with, a round's whole order)."""
    data = event.data
    found: set[str] = set()
    for key in ("participant", "speaker"):
        value = data.get(key)
        if type(value) is str:
            found.add(value)
    value = data.get("participants")  # whose hands were lowered (not the whole roster
    if type(value) is list and event.type != "session.opened":  # the log opened with)
        found.update(item for item in value if type(item) is str)
    rooms = data.get("rooms")
    if type(rooms) is list:
        for room in rooms:
            if type(room) is list:
                found.update(item for item in room if type(item) is str)
    return found


@dataclass(frozen=True, slots=True)
class Said:
    """An event in words; `private` when it holds private text."""

    text: str
    private: bool = False


def upper_first(text: str) -> str:
    """The first letter a capital, the rest as it is ("Phase 5, Virtual tea")."""
    return text[:1].upper() + text[1:]


def one_line(text: object) -> str:
    """Typed text on one line (the list has one row per event)."""
    return " ".join(str(text).split()) if text is not None else ""


class EventWords:
    """Says events in words, with the names and phase titles of one log."""

    def __init__(self, plan: Plan, names: Names, events: Sequence[Event], *,
                 hide_private: bool = False) -> None:
        """`hide_private`: private events and text come back as one word, "Private",
        for a view that is not the facilitator's own (a co-host's `watch`)."""
        self.plan = plan
        self.names = names
        self.events = events
        self.hide_private = hide_private
        self._private_notes: dict[int, bool] | None = None

    def who(self, person: object) -> str:
        if person == FACILITATOR:
            return "The facilitator"
        return self.names.name(str(person)) if person is not None else "someone"

    def whose(self, person: object) -> str:
        name = self.who(person)
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    def phase(self, index: object) -> str:
        if type(index) is int and 0 <= index < len(self.plan.phases):
            return f"phase {index + 1}, {self.plan.phases[index].label}"
        return "a phase"

    def note_is_private(self, note_id: object) -> bool:
        """Whether note `note_id` was written private (corrections stay as private)."""
        if self._private_notes is None:
            self._private_notes = {
                e.data.get("note_id"): e.data.get("private") is not False
                for e in self.events if e.type == "note.added"}
        return self._private_notes.get(note_id, True)  # type: ignore[arg-type]

    def say(self, event: Event) -> Said:
        """The event in a few words."""
        if event.v > 1:
            return Said(f"{event.type} (a newer version of this event: not shown)")
        saying = _SAYINGS.get(event.type)
        if saying is None:
            return Said(f"{event.type} (not known to this version)")
        try:
            said = saying(self, event.data)
        except (KeyError, TypeError, ValueError, IndexError):
            return Said(event.type)
        if said.private and self.hide_private:
            return Said("Private: not shown here (the facilitator's own report has it)",
                        True)
        return said


def _hand_source(via: object) -> str:
    """" in the chat", " by voice"; "" on video (the usual way) or when not said."""
    if not isinstance(via, str) or via == "video" or via not in SOURCE_WORDS:
        return ""
    return f" {SOURCE_WORDS[via]}"


def _said(text: str) -> Callable[[EventWords, dict[str, Any]], Said]:
    return lambda _w, _d: Said(text)


def _turn_started(w: EventWords, d: dict[str, Any]) -> Said:
    how = {"queue": " (from the queue)", "round": " (round)", "direct": ""}
    if d["speaker"] == FACILITATOR:
        return Said("The facilitator took the floor")
    return Said(f"{w.whose(d['speaker'])} turn began{how.get(d['source'], '')}")


def _note(w: EventWords, d: dict[str, Any]) -> Said:
    private = d.get("private") is not False
    label = "Private note" if private else "Note"
    return Said(f"{label}: {one_line(d['text'])}", private)


def _amended(w: EventWords, d: dict[str, Any]) -> Said:
    private = w.note_is_private(d["note_id"])
    label = "Private note" if private else "Note"
    return Said(f"{label} {d['note_id']} corrected: {one_line(d['text'])}", private)


def _follow_up(w: EventWords, d: dict[str, Any]) -> Said:
    why = one_line(d.get("text"))
    return Said(f"Follow-up for {w.who(d['participant'])}" + (f" (private): {why}" if why
                                                              else ""), bool(why))


def _safeguarding(w: EventWords, d: dict[str, Any]) -> Said:
    care = w.plan.safeguarding
    names = care.steps if care is not None else []
    steps = [names[i] if i < len(names) else f"step {i + 1}" for i in d["steps"]]
    who = w.who(d["participant"]) if d["participant"] is not None else "no one chosen"
    done = f"; done: {'; '.join(steps)}" if steps else ""
    return Said(f"Safeguarding (private): {who}{done}", True)


def _paused(w: EventWords, d: dict[str, Any]) -> Said:
    why = one_line(d.get("reason"))
    return Said("Paused" + (f" (private reason): {why}" if why else ""), bool(why))


def _phase_ended(w: EventWords, d: dict[str, Any]) -> Said:
    outcome = str(d["outcome"]).replace("-", " ")
    return Said(f"End of {w.phase(d['phase'])}: {outcome} ({format_span(d['active_s'])})")


def _round_moved(w: EventWords, d: dict[str, Any]) -> Said:
    if d.get("participant") is None:
        return Said("Round: back before the first person")
    return Said(f"Round: {w.who(d['participant'])} is on")


def _breakout_opened(w: EventWords, d: dict[str, Any]) -> Said:
    rooms = d["rooms"]
    return Said(f"{len(rooms)} breakout rooms opened for {format_span(d['duration_s'])}")


def _feedback(w: EventWords, d: dict[str, Any]) -> Said:
    score = f" {d['score']}/5" if d.get("score") is not None else ""
    comment = one_line(d.get("comment"))
    who = w.who(d["participant"]) if d.get("participant") else "the group"
    return Said(f"Feedback from {who}{score}" + (f": {comment}" if comment else ""))


_SAYINGS: dict[str, Callable[[EventWords, dict[str, Any]], Said]] = {
    "session.opened": _said("The log was opened"),
    "session.started": _said("Session started"),
    "session.paused": _paused,
    "session.pause_explained": lambda w, d: Said(
        f"Why the pause (private reason): {one_line(d['reason'])}", True),
    "session.resumed": lambda w, d: Said(f"Resumed after {format_span(d['paused_s'])}"),
    "session.ended": lambda w, d: Said(f"Session ended ({str(d['reason']).replace('-', ' ')})"),
    "session.interrupted": lambda w, d: Said(f"The app was closed ({one_line(d['cause'])})"),
    "session.continued": lambda w, d: Said(
        f"The app came back ({format_span(d['gap_s'])} later)"),
    "recovery.truncated": lambda w, d: Said(f"A torn line was cut off ({d['bytes']} bytes)"),
    "clock.jumped": lambda w, d: Said(f"The wall clock jumped {format_span(d['delta_s'])}"),
    "phase.started": lambda w, d: Said(
        f"Start of {w.phase(d['phase'])} ({format_span(d['planned_s'])} planned)"),
    "phase.ended": _phase_ended,
    "phase.skipped": lambda w, d: Said(f"{upper_first(w.phase(d['phase']))} will be skipped"),
    "phase.unskipped": lambda w, d: Said(f"{upper_first(w.phase(d['phase']))} is back"),
    "phase.time_adjusted": lambda w, d: Said(
        f"{'Added' if d['seconds'] >= 0 else 'Took off'} {format_span(abs(d['seconds']))}"),
    "schedule.rebalanced": _said("The later phases were rebalanced"),
    "timer.warning": lambda w, d: Said(f"{format_span(d['threshold'])} left"),
    "timer.expired": _said("Time is up (overtime)"),
    "prompt.shown": lambda w, d: Said(f"Prompt {d['index'] + 1} shown"),
    "participant.added": lambda w, d: Said(f"{w.who(d['participant'])} joined (walk-in)"),
    "attendance.changed": lambda w, d: Said(
        f"{w.who(d['participant'])}: {d['previous']} → {d['status']}"),
    "round.started": lambda w, d: Said(f"Round began ({len(d['order'])} people)"),
    "round.moved": _round_moved,
    "round.skipped": lambda w, d: Said(
        f"Round skipped {w.who(d['participant'])} ({one_line(d['reason'])})"),
    "round.passed": lambda w, d: Said(f"{w.who(d['participant'])} passed"),
    "round.answered": lambda w, d: Said(
        f"{w.whose(d['participant'])} word: {one_line(d['text'])}"),
    "round.timebox_reached": lambda w, d: Said(
        f"{w.who(d['participant'])} reached {format_span(d['per_person_s'])}"),
    "round.came_back": lambda w, d: Said(
        f"Came back to {w.who(d['participant'])}, who had passed"),
    "round.resumed": _said("Back into the round, where it was"),
    "round.completed": _said("Round complete"),
    "rules.shown": lambda w, d: Said(f"Ground rules shown ({d['count']})"),
    "rule.covered": lambda w, d: Said(f"Rule {d['index'] + 1} covered"),
    "rule.uncovered": lambda w, d: Said(f"Rule {d['index'] + 1} not covered after all"),
    "rule.added": lambda w, d: Said(f"Rule added: {one_line(d['text'])}"),
    "rules.reminded": _said("Ground rules shown again"),
    "hand.raised": lambda w, d: Said(f"{w.who(d['participant'])} raised a hand"
                                     + _hand_source(d.get("via"))),
    "hand.lowered": lambda w, d: Said(
        f"{w.whose(d['participant'])} hand went down ({d['reason']})"),
    "hands.cleared": lambda w, d: Said(f"Every hand lowered ({len(d['participants'])})"),
    "turn.started": _turn_started,
    "turn.ended": lambda w, d: Said(
        f"{w.whose(d['speaker'])} turn ended ({format_span(d['duration_s'])})"),
    "turn.limit_reached": lambda w, d: Said(
        f"{w.who(d['speaker'])} passed the {format_span(d['limit_s'])} turn limit"),
    "item.parked": lambda w, d: Said(f"Parked: {one_line(d['text'])}"),
    "breakout.opened": _breakout_opened,
    "breakout.joined": lambda w, d: Said(f"{w.who(d['participant'])} joined room {d['room']}"),
    "breakout.warning": lambda w, d: Said(f"Rooms: {format_span(d['threshold'])} left"),
    "breakout.adjusted": lambda w, d: Said(f"Rooms changed by {format_span(d['seconds'])}"),
    "breakout.help_requested": lambda w, d: Said(f"Room {d['room']} asked for help"),
    "breakout.help_answered": lambda w, d: Said(f"Room {d['room']} was helped"),
    "breakout.closed": lambda w, d: Said(f"Rooms closed (by {d['by']})"),
    "breakout.reported": lambda w, d: Said(f"Room {d['room']} reported: {one_line(d['text'])}"),
    "guest.questions_started": _said("Questions to the guest began"),
    "quiz.question_shown": lambda w, d: Said(f"Quiz question {d['index'] + 1}"),
    "quiz.answer_revealed": lambda w, d: Said(f"Answer {d['index'] + 1} revealed"),
    "quiz.points_awarded": lambda w, d: Said(
        f"{w.who(d['participant'])}: {d['points']:+d} point{'s' if abs(d['points']) != 1 else ''}"),
    "break.nudged": _said("The break is over"),
    "takeaway.added": lambda w, d: Said(
        f"Takeaway{' from ' + w.who(d['participant']) if d.get('participant') else ''}: "
        f"{one_line(d['text'])}"),
    "feedback.recorded": _feedback,
    "note.added": _note,
    "note.amended": _amended,
    "marker.added": lambda w, d: Said(f"Marker: {one_line(d['label'])}"),
    "followup.flagged": _follow_up,
    "safeguarding.recorded": _safeguarding,
    "safeguarding.offered": lambda w, d: Said(
        f"Safeguarding panel offered (private): {w.who(d['participant'])} stepped out "
        f"{format_span(d['away_s'])}", True),
    "session.taken_over": lambda w, d: Said(
        "Taken over with resume --take-over: the log was held "
        + ("on another machine" if d["elsewhere"] else "by another process here")),
    "text.copied": lambda w, d: Said(f"Ready text for the chat: {one_line(d['name'])}"),
}
