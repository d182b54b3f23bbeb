"""The hand queue and speaking turns.

Order: by raise time (`queue = "raised"`), or fewest turns first (`"fewest-first"`, ties
by raise time). Nobody speaks twice in a row unless nobody else is waiting: the last
participant to speak goes behind everyone else. The facilitator's own turns do not
count as "in between" (an interjection does not let the same person straight back in).
"""

from __future__ import annotations

from sessiontui.core.draft import Draft
from sessiontui.core.state import FACILITATOR, Hand, SessionState
from sessiontui.plan.models import DiscussionPhase


def queue_mode(state: SessionState) -> str:
    """raised | fewest-first: the discussion's setting, else raise order."""
    phase = state.phase_plan()
    if isinstance(phase, DiscussionPhase):
        return phase.queue
    return "raised"


def last_participant(state: SessionState) -> str | None:
    """The participant speaking now, or the last one who spoke."""
    turn = state.floor.turn
    if turn is not None and turn.speaker != FACILITATOR:
        return turn.speaker
    return state.talk.last_participant


def turns_of(state: SessionState, participant: str) -> int:
    """Finished turns, plus one if they are speaking now."""
    turn = state.floor.turn
    current = 1 if turn is not None and turn.speaker == participant else 0
    return state.talk.turns.get(participant, 0) + current


def ordered_hands(state: SessionState) -> tuple[Hand, ...]:
    """Raised hands in the order they will be called."""
    hands = state.floor.hands
    if len(hands) < 2:
        return hands
    last = last_participant(state)
    if queue_mode(state) == "fewest-first":
        return tuple(
            sorted(
                hands,
                key=lambda h: (h.participant == last, turns_of(state, h.participant), h.number),
            )
        )
    return tuple(sorted(hands, key=lambda h: (h.participant == last, h.number)))


def end_turn(draft: Draft) -> None:
    """End the turn in progress, if any."""
    turn = draft.state.floor.turn
    if turn is not None:
        seconds = round(max(0.0, draft.t - turn.started), 3)
        draft.emit("turn.ended", speaker=turn.speaker, duration_s=seconds)


def give_turn(draft: Draft, speaker: str, source: str) -> None:
    """End any turn, then give `speaker` the floor (their hand goes down with it)."""
    end_turn(draft)
    draft.emit("turn.started", speaker=speaker, source=source)
