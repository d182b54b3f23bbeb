"""Go-arounds: the check-in and the close. Order, who is on, the right to pass, answers.

The order is fixed when the phase starts and recorded in `round.started`: the plan's
order, alphabetical by name, or shuffled with a seed (the plan's, or one derived from
the moment, recorded so a replay gives the same order). People already away are left
out; anyone away when their turn comes is skipped, and so is anyone who passed in
advance. Walk-ins join the end of a round that has not finished.

PreviousStep gives someone another go: it replaces their pass (they spoke after all),
and the person stepped back from has not had their go yet. NextStep then goes on to the
next person who has not had their go.

Alphabetical order needs names, which the log never holds: it is resolved here, once,
from the plan, and only the ids go into the event. Walk-ins (whose names the core
never sees) follow in the order they arrived.

The close is a round too, with takeaways and feedback on how the platform worked.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.care import CareFollowUp, lead
from sessiontui.core.care import follow_ups as care_follow_ups
from sessiontui.core.clock import Now
from sessiontui.core.draft import Draft, checked_text, derive_seed, refuse
from sessiontui.core.phases.base import PhaseKind, Step
from sessiontui.core.queue import end_turn
from sessiontui.core.state import AWAY, ROUND_KINDS, RoundRun, SessionState
from sessiontui.core.timers import go_elapsed, turn_elapsed
from sessiontui.plan.models import ClosePhase, RoundPhase
from sessiontui.plan.text import SHORT_MAX

WORD_MAX_CHARS = 40
WORD_MAX_WORDS = 3


def answer_limit(capture: str) -> int:
    """How many characters the round keeps for one answer (a word, or a short text)."""
    return WORD_MAX_CHARS if capture == "word" else SHORT_MAX


# -- the order ------------------------------------------------------------------------


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def round_order(
    state: SessionState, phase: RoundPhase, now: Now
) -> tuple[tuple[str, ...], str, int | None]:
    """The order for a round starting now: (ids, method, seed)."""
    people = state.people
    eligible = [p for p in people.roster if people.status.get(p, "absent") not in AWAY]
    method = phase.order
    seed: int | None = None
    if method == "alphabetical":
        names = {pid: name for name, pid in state.plan.participant_ids().items()}
        listed = sorted((p for p in eligible if p in names), key=lambda p: _sort_key(names[p]))
        eligible = listed + [p for p in eligible if p not in names]
    elif method == "random":
        seed = phase.seed if phase.seed is not None else derive_seed(now)
        random.Random(seed).shuffle(eligible)
    return tuple(eligible), method, seed


# -- where the round is ---------------------------------------------------------------


def running_round(state: SessionState) -> RoundRun | None:
    """The round of the phase running now, if that phase is a round."""
    phase = state.phase
    rnd = state.round
    if phase is None or rnd is None or phase.kind not in ROUND_KINDS or rnd.phase != phase.index:
        return None
    return rnd


def has_people(state: SessionState, rnd: RoundRun) -> bool:
    """Whether anyone in the round's order is here (a drop-in may start with nobody)."""
    return any(state.people.status.get(who, "absent") not in AWAY for who in rnd.order)


def steps_through(state: SessionState, rnd: RoundRun | None) -> bool:
    """Whether NextStep moves through this round (rather than on to the next phase).

    A round nobody has joined yet is passed over, not completed: people added later
    with a walk-in still join it if the facilitator comes back to it.
    """
    return rnd is not None and not rnd.completed and (rnd.begun or has_people(state, rnd))


def upcoming(state: SessionState, rnd: RoundRun) -> tuple[str, int] | None:
    """Who NextStep brings on, and their position: the next person who is here and has
    not yet had their go (nor passed). None: the round is complete after this go.

    After a step back, people further on who already had their go are passed over
    quietly: they were not skipped, and the round picks up where it had got to.
    """
    for position in range(rnd.position + 1, len(rnd.order)):
        who = rnd.order[position]
        if who in rnd.spoke or who in rnd.passed:
            continue
        if state.people.status.get(who, "absent") not in AWAY:
            return who, position
    return None


def round_step(state: SessionState, rnd: RoundRun) -> Step:
    """The next person; at the end, once each, those who passed (the group's practice:
    "come back to you?"); then the round is complete."""
    found = upcoming(state, rnd)
    if found is not None:
        who, position = found
        return Step("next-person", participant=who, index=position)
    for position, who in enumerate(rnd.order):
        if (who in rnd.passed and who not in rnd.came_back and who != rnd.current
                and state.people.status.get(who, "absent") not in AWAY):
            return Step("come-back", participant=who, index=position)
    return Step("complete-round")


def waiting(state: SessionState, rnd: RoundRun) -> tuple[str, ...]:
    """Those here who have not had their go yet (nor passed)."""
    return tuple(
        who for position, who in enumerate(rnd.order)
        if position > rnd.position and who not in rnd.spoke and who not in rnd.passed
        and state.people.status.get(who, "absent") not in AWAY
    )


def take_round_step(draft: Draft, step: Step) -> None:
    """Move the round exactly as `step` says: past those who passed or are away (noted
    as skipped), to the person named, or to the end."""
    rnd = draft.state.round
    assert rnd is not None
    end_turn(draft)
    if step.action == "come-back":
        _come_back(draft, step)
        return
    stop = step.index if step.action == "next-person" and step.index is not None else len(
        rnd.order)
    for position in range(rnd.position + 1, stop):
        who = rnd.order[position]
        if who in rnd.spoke:
            continue
        status = draft.state.people.status.get(who, "absent")
        reason = "passed" if who in rnd.passed else status
        current = draft.state.round
        if current is not None and who not in current.skipped:
            draft.emit("round.skipped", participant=who, reason=reason)
    if step.action == "next-person":
        draft.emit("round.moved", phase=rnd.phase, position=stop, participant=step.participant)
        draft.emit("turn.started", speaker=step.participant, source="round")
    else:
        draft.emit("round.completed", phase=rnd.phase)


def _come_back(draft: Draft, step: Step) -> None:
    rnd = draft.state.round
    assert rnd is not None
    end_turn(draft)
    draft.emit("round.came_back", phase=rnd.phase, position=step.index,
               participant=step.participant)
    draft.emit("turn.started", speaker=step.participant, source="round")


def give_back_to_round(draft: Draft) -> None:
    """The facilitator has finished speaking in a round: the person on gets the floor
    back, and their go goes on (their time so far is kept)."""
    rnd = running_round(draft.state)
    if rnd is None or rnd.current is None or draft.state.floor.turn is not None:
        return
    if draft.state.people.status.get(rnd.current, "absent") in AWAY:
        return
    draft.emit("turn.started", speaker=rnd.current, source="round")


def _advance(draft: Draft) -> None:
    rnd = draft.state.round
    assert rnd is not None
    take_round_step(draft, round_step(draft.state, rnd))


def _step_back(draft: Draft) -> None:
    """Back to the previous person who is here (or to before the first).

    The person on now has not had their go (the round comes back to them); the person
    gone back to has a go again, which replaces a pass of theirs (see reduce).
    """
    rnd = draft.state.round
    assert rnd is not None
    if rnd.position < 0:
        raise refuse("The round has not begun yet: there is no one to go back to.")
    end_turn(draft)
    position = min(rnd.position, len(rnd.order)) - 1
    while position >= 0:
        who = rnd.order[position]
        if draft.state.people.status.get(who, "absent") not in AWAY:
            draft.emit("round.moved", phase=rnd.phase, position=position, participant=who)
            draft.emit("turn.started", speaker=who, source="round")
            return
        position -= 1
    draft.emit("round.moved", phase=rnd.phase, position=-1, participant=None)


# -- commands -------------------------------------------------------------------------


def _pass(draft: Draft, command: c.Pass) -> None:
    """The right to pass: now (and the round moves on), or in advance for later."""
    guards.active(draft)
    participant = command.participant
    if participant is not None:
        guards.person(draft, participant)
    rnd = running_round(draft.state)
    if rnd is None:
        raise refuse("No round is running, so there is nothing to pass.")
    if rnd.completed:
        raise refuse("The round is complete: everyone has had their turn.")
    who = participant if participant is not None else rnd.current
    if who is None:
        raise refuse("The round has not begun: say who is passing, or start the round first.")
    if who not in rnd.order:
        raise refuse(f"{draft.who(who)} is not in this round.")
    if who in rnd.passed:
        raise refuse(f"{draft.who(who)} has already passed.")
    if who == rnd.current:
        draft.emit("round.passed", participant=who)
        _advance(draft)
        return
    if rnd.order.index(who) < rnd.position:
        raise refuse(f"{draft.who(who)} has already had their turn in this round.")
    draft.emit("round.passed", participant=who)


def _capture_answer(draft: Draft, command: c.CaptureAnswer) -> None:
    """Keep a word or short text from someone in the round, if the plan allows it."""
    guards.running(draft)
    if command.participant is not None:
        guards.person(draft, command.participant)
    rnd = running_round(draft.state)
    if rnd is None:
        raise refuse("No round is running, so there is no answer to keep.")
    phase = draft.state.phase_plan()
    capture = phase.capture if isinstance(phase, RoundPhase) else "none"
    if capture == "none":
        raise refuse("This round does not keep answers (the plan says capture = \"none\").")
    who = command.participant if command.participant is not None else rnd.current
    if who is None:
        raise refuse("Nobody is on in the round: say whose answer this is.")
    if who not in rnd.order:
        raise refuse(f"{draft.who(who)} is not in this round.")
    if capture == "word":
        value = checked_text(command.text, "word", limit=WORD_MAX_CHARS, multiline=False)
        if len(value.split()) > WORD_MAX_WORDS:
            raise refuse(
                f"This round keeps one word (up to {WORD_MAX_WORDS}); write a short text "
                "in a note instead."
            )
    else:
        value = checked_text(command.text, "answer", limit=SHORT_MAX, multiline=False)
    draft.emit("round.answered", participant=who, text=value)


def _add_takeaway(draft: Draft, command: c.AddTakeaway) -> None:
    guards.started(draft)
    if command.participant is not None:
        guards.person(draft, command.participant)
    text = checked_text(command.text, "takeaway")
    draft.emit("takeaway.added", text=text, participant=command.participant)


def _record_feedback(draft: Draft, command: c.RecordFeedback) -> None:
    guards.started(draft)
    score = command.score
    if score is not None and (
        not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
    ):
        raise refuse("A score is a whole number from 1 to 5.")
    comment = checked_text(command.comment, "comment", optional=True)
    if score is None and not comment:
        raise refuse("Give a score from 1 to 5, a comment, or both.")
    if command.participant is not None:
        guards.person(draft, command.participant)
    draft.emit("feedback.recorded", score=score, comment=comment, participant=command.participant)


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.Pass: _pass,
    c.CaptureAnswer: _capture_answer,
    c.AddTakeaway: _add_takeaway,
    c.RecordFeedback: _record_feedback,
}


# -- views ----------------------------------------------------------------------------


class Seat(NamedTuple):
    """One person in a round."""

    participant: str
    state: str
    """current | spoke | passed | skipped | away | next | waiting."""
    answer: str | None


class RoundView(NamedTuple):
    phase: int
    prompt: str | None
    method: str
    capture: str
    seats: tuple[Seat, ...]
    current: str | None
    next: str | None
    current_s: float
    """How long the person on has held the floor in this go."""
    speaker: str | None
    """Who has the floor now: the person on, or the facilitator speaking in between."""
    speaker_s: float
    per_person_s: int | None
    over_time: bool
    begun: bool
    completed: bool
    passed: tuple[str, ...]


def round_view(state: SessionState, t: float) -> RoundView | None:
    """The go-around of the running phase, if it is a round."""
    rnd = running_round(state)
    if rnd is None:
        return None
    phase = state.plan.phases[rnd.phase]
    assert isinstance(phase, RoundPhase)
    after = round_step(state, rnd).participant if not rnd.completed else None
    seats = []
    for position, who in enumerate(rnd.order):
        if who == rnd.current:
            kind = "current"
        elif who == after:
            kind = "next"
        elif who in rnd.passed:
            kind = "passed"
        elif who in rnd.spoke:
            kind = "spoke"
        elif who in rnd.skipped:
            kind = "skipped"
        elif state.people.status.get(who, "absent") in AWAY:
            kind = "away"
        else:
            kind = "waiting" if position > rnd.position else "spoke"
        seats.append(Seat(who, kind, rnd.answers.get(who)))
    current_s = go_elapsed(state, t)
    turn = state.floor.turn
    per_person = phase.per_person
    return RoundView(
        phase=rnd.phase,
        prompt=phase.prompt,
        method=rnd.method,
        capture=phase.capture,
        seats=tuple(seats),
        current=rnd.current,
        next=after,
        current_s=current_s,
        speaker=turn.speaker if turn is not None else None,
        speaker_s=turn_elapsed(state, t),
        per_person_s=per_person,
        over_time=bool(rnd.current and (rnd.flagged or (per_person and current_s >= per_person))),
        begun=rnd.begun,
        completed=rnd.completed,
        passed=rnd.passed,
    )


class CloseView(NamedTuple):
    round: RoundView | None
    prompt: str | None
    feedback_prompt: str | None
    takeaways: tuple[tuple[str, str | None], ...]
    """(text, participant or None for the group)."""
    feedback: tuple[tuple[int | None, str, str | None], ...]
    """(score, comment, participant or None)."""
    average_score: float | None
    follow_ups: tuple[tuple[str, str], ...]
    """(participant, private note): do not forget these."""
    parked: tuple[str, ...]
    safeguarding: tuple[CareFollowUp, ...] = ()
    """Safeguarding follow-ups: before every other."""
    lead: str | None = None
    """The plan's safeguarding lead and contact."""
    steps: tuple[str, ...] = ()
    """The plan's safeguarding steps, by index."""


def close_view(state: SessionState, t: float) -> CloseView:
    """The close: its round (in a close phase), and what the whole session wrote down."""
    phase = state.phase_plan()
    is_close = isinstance(phase, ClosePhase)
    scores = [item.score for item in state.book.feedback if item.score is not None]
    return CloseView(
        round=round_view(state, t) if is_close else None,
        prompt=phase.prompt if is_close else None,
        feedback_prompt=phase.feedback if is_close else feedback_prompt(state),
        takeaways=tuple((item.text, item.participant) for item in state.book.takeaways),
        feedback=tuple(
            (item.score, item.comment, item.participant) for item in state.book.feedback
        ),
        average_score=sum(scores) / len(scores) if scores else None,
        follow_ups=tuple((item.participant, item.text) for item in state.book.follow_ups),
        parked=tuple(item.text for item in state.book.parked),
        safeguarding=care_follow_ups(state),
        lead=lead(state.plan.safeguarding),
        steps=tuple(state.plan.safeguarding.steps) if state.plan.safeguarding else (),
    )


def feedback_prompt(state: SessionState) -> str | None:
    """The plan's question about the platform (from its close phase), if it has one."""
    for phase in state.plan.phases:
        if isinstance(phase, ClosePhase) and phase.feedback:
            return phase.feedback
    return None


# -- the kinds ------------------------------------------------------------------------


class CheckIn(PhaseKind):
    """A check-in round: everyone gets a go, and the right to pass."""

    kind: ClassVar[str] = "check-in"
    actions: ClassVar[frozenset[str]] = frozenset({"round.pass", "round.answer"})
    footer: ClassVar[frozenset[str]] = frozenset({"turn.facilitator"})

    def start(self, draft: Draft, index: int) -> None:
        """A new round; or, coming back into this phase straight after it (`N` at the
        next phase's first step), the same round, where it was."""
        phase = draft.state.plan.phases[index]
        assert isinstance(phase, RoundPhase)
        rounds = draft.state.course.rounds
        if draft.state.round is None and rounds and rounds[-1].phase == index:
            draft.emit("round.resumed", phase=index)
            give_back_to_round(draft)
            return
        order, method, seed = round_order(draft.state, phase, draft.now)
        draft.emit("round.started", phase=index, order=list(order), method=method, seed=seed)

    def step(self, state: SessionState) -> Step | None:
        rnd = running_round(state)
        if rnd is None or not steps_through(state, rnd):
            return None
        return round_step(state, rnd)

    def take(self, draft: Draft, step: Step) -> None:
        take_round_step(draft, step)

    def back(self, draft: Draft) -> None:
        rnd = running_round(draft.state)
        if rnd is None or rnd.position < 0:
            super().back(draft)
        _step_back(draft)

    def view(self, state: SessionState, t: float) -> object:
        return round_view(state, t)

    def unfinished(self, state: SessionState) -> str | None:
        rnd = running_round(state)
        if rnd is None or rnd.completed:
            return None
        still = list(waiting(state, rnd))
        current = rnd.current
        if current is None and not still:
            return None
        # Ids, which every front end turns into names: who, not only how many.
        parts = [f"{current} is mid-go"] if current is not None else []
        if still:
            have = "has" if len(still) == 1 else "have"
            parts.append(f"{_listed(still)} {have} not had their go")
        return " and ".join(parts)

    def tick(self, draft: Draft) -> None:
        """The soft timebox: a flag when the person on reaches their time."""
        rnd = running_round(draft.state)
        if rnd is None or rnd.flagged or rnd.current is None:
            return
        per_person = getattr(draft.state.phase_plan(), "per_person", None)
        if per_person and go_elapsed(draft.state, draft.t) >= per_person:
            draft.emit("round.timebox_reached", participant=rnd.current,
                       per_person_s=per_person)

    def offers(self, state: SessionState, action: str) -> bool:
        if action == "round.answer":
            phase = state.phase_plan()
            return isinstance(phase, RoundPhase) and phase.capture != "none"
        return super().offers(state, action)


class Close(CheckIn):
    """The closing round, with takeaways and feedback on the platform."""

    kind: ClassVar[str] = "close"
    actions: ClassVar[frozenset[str]] = CheckIn.actions | {"close.takeaway", "close.feedback"}

    def view(self, state: SessionState, t: float) -> object:
        return close_view(state, t)


CHECK_IN = CheckIn()
CLOSE = Close()


def _listed(ids: list[str], most: int = 6) -> str:
    """ "p01, p02 and p03"; past `most`, "p01, ... and 3 more"."""
    shown = ids if len(ids) <= most else ids[:most - 1]
    rest = len(ids) - len(shown)
    if rest:
        return f"{', '.join(shown)} and {rest} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
