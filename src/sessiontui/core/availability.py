"""Whether an action applies now: the core's answer, so the keys can never disagree.

Every action id of the action table (`sessiontui.actions`) maps here to the commands it
would send. An action is *enabled* when `decide` accepts one of them now (a dry run:
pure, microseconds, nothing is logged); *dimmed* when it refuses them all, with the
refusal as the reason; and *hidden* when it belongs to a phase kind other than the one
running (a quiz's "point" key during a check-in). Actions that send no command (help,
copy) have a predicate instead.

The footer, the help screen, the command palette and the plain-text front end all ask
here; none of them keeps its own copy of the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sessiontui.core import commands as c
from sessiontui.core.clock import Now
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide
from sessiontui.core.phases import PHASE_ACTIONS, kind_of, next_step
from sessiontui.core.state import HERE, SessionState

PROBE_TEXT = "x"
"""Stands in for text the facilitator has yet to type, in a dry run."""


@dataclass(frozen=True, slots=True)
class Availability:
    """An action now: shown or hidden, enabled or dimmed (and why)."""

    shown: bool
    enabled: bool
    reason: str = ""

    @property
    def state(self) -> bool | None:
        """As Textual's `check_action` wants it: True, None (dimmed) or False (hidden)."""
        if not self.shown:
            return False
        return True if self.enabled else None


ENABLED = Availability(True, True)

Probe = Callable[[SessionState], Iterable[c.Command]]


def _here(state: SessionState) -> Iterator[str]:
    status = state.people.status
    return (p for p in state.people.roster if status.get(p) in HERE)


def _hands_down_first(state: SessionState) -> list[str]:
    """People here, those without a hand up first: the first is usually accepted, so a
    busy queue (40 hands up) costs one dry run, not forty."""
    raised = {hand.participant for hand in state.floor.hands}
    here = list(_here(state))
    return [p for p in here if p not in raised] + [p for p in here if p in raised]


def _next(state: SessionState) -> list[c.Command]:
    action = next_step(state).action
    if action == "start":
        return [c.StartSession()]
    if action == "end-session":
        return [c.EndSession()]
    return [c.NextStep()]


def _pause(state: SessionState) -> list[c.Command]:
    return [c.Resume()] if state.session.paused_at is not None else [c.Pause()]


def _attendance(state: SessionState) -> Iterator[c.Command]:
    for participant in state.people.roster:
        status = state.people.status.get(participant)
        yield c.MarkAttendance(participant, "present" if status != "present" else "late")


def _room_help(state: SessionState) -> Iterator[c.Command]:
    rooms = state.rooms
    if rooms is None:
        yield c.RequestHelp(1)
        return
    for room in rooms.help:
        yield c.AnswerHelp(room)
    for room in range(1, len(rooms.rooms) + 1):
        yield c.RequestHelp(room)


PROBES: dict[str, Probe] = {
    "phase.next": _next,
    "phase.back": lambda s: [c.PreviousStep()],
    "session.pause": _pause,
    "timer.add": lambda s: [c.AdjustTime(60)],
    "timer.take": lambda s: [c.AdjustTime(-60)],
    "schedule.rebalance": lambda s: [c.AcceptRebalance()],
    "session.end": lambda s: [c.EndSession()],
    "hand.raise": lambda s: (c.RaiseHand(p) for p in _hands_down_first(s)),
    "hand.lower": lambda s: (c.LowerHand(hand.participant) for hand in s.floor.hands),
    "hand.lower_all": lambda s: [c.LowerAllHands()],
    "turn.next": lambda s: [c.NextSpeaker()],
    "round.pass": lambda s: [c.Pass()],
    "turn.facilitator": lambda s: [c.ToggleFacilitatorTurn()],
    "round.answer": lambda s: [c.CaptureAnswer(PROBE_TEXT)],
    "people.attendance": _attendance,
    "people.join": lambda s: [c.AddParticipant()],
    "rules.show": lambda s: [c.RemindRules()],
    "rules.add": lambda s: [c.AddRule(PROBE_TEXT)],
    "breakout.help": _room_help,
    "breakout.report": lambda s: [c.NoteReportBack(1, PROBE_TEXT)],
    "quiz.reveal": lambda s: [c.RevealAnswer()],
    "quiz.point": lambda s: (c.AwardPoints(p) for p in _here(s)),
    "quiz.take_point": lambda s: (
        c.AwardPoints(p, -1) for p, points in s.course.scores.items() if points > 0),
    "guest.questions": lambda s: [c.StartQuestions()],
    "close.takeaway": lambda s: [c.AddTakeaway(PROBE_TEXT)],
    "close.feedback": lambda s: [c.RecordFeedback(score=3)],
    "note.add": lambda s: [c.AddNote(PROBE_TEXT)],
    "marker.add": lambda s: [c.AddMarker(PROBE_TEXT)],
    "followup.flag": lambda s: (c.FlagFollowUp(p) for p in s.people.roster),
    "parking.add": lambda s: [c.ParkItem(PROBE_TEXT)],
}
"""The commands each action would send (any one accepted enables it)."""

NOBODY = {
    "hand.raise": "Nobody is here to raise a hand: add someone who joined first.",
    "hand.lower": "No hands are up.",
    "quiz.point": "Nobody is here to give a point to.",
    "quiz.take_point": "Nobody has a point to take back.",
    "people.attendance": "Nobody is on the roster yet: add someone who joined first.",
    "followup.flag": "Nobody is on the roster yet: add someone who joined first.",
}
"""Why a person's action is dimmed when there is nobody to choose."""


def _copy(state: SessionState, now: Now) -> Availability:
    kind = kind_of(state)
    if kind is not None and kind.copy_text(state, now.t, str):
        return ENABLED
    return Availability(True, False, "Nothing to copy in this phase.")


def _texts(state: SessionState, now: Now) -> Availability:
    if state.plan.texts:
        return ENABLED
    return Availability(True, False, "The plan has no ready texts: add [[texts]] to it.")


PREDICATES: dict[str, Callable[[SessionState, Now], Availability]] = {
    "copy.now": _copy,
    "texts.copy": _texts,
}


def availability(state: SessionState, action: str, now: Now) -> Availability:
    """Whether `action` (an action id) applies now, and why not when it does not."""
    if action in PHASE_ACTIONS:
        kind = kind_of(state)
        if kind is None or not kind.offers(state, action):
            return Availability(False, False, "Not in this phase.")
    predicate = PREDICATES.get(action)
    if predicate is not None:
        return predicate(state, now)
    probe = PROBES.get(action)
    if probe is None:
        return ENABLED
    reason = ""
    for command in probe(state):
        try:
            decide(state, command, now)
        except CommandRefused as refused:
            reason = reason or refused.reason
            continue
        return ENABLED
    return Availability(True, False, reason or NOBODY.get(action, "Not now."))


def refusal(state: SessionState, action: str, now: Now) -> str | None:
    """Why `action` cannot happen now, or None when it can."""
    found = availability(state, action, now)
    return None if found.enabled else found.reason
