"""The hand queue and speaking turns.

Order: by raise time (`queue = "raised"`), or fewest turns first (`"fewest-first"`, ties
by raise time). Nobody speaks twice in a row unless nobody else is waiting: the last
participant to speak goes behind everyone else. The facilitator's own turns do not
count as "in between" (an interjection does not let the same person straight back in).
"""

from __future__ import annotations

from typing import NamedTuple

from sessiontui.core.draft import Draft
from sessiontui.core.state import FACILITATOR, Hand, SessionState
from sessiontui.core.timers import turn_elapsed
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
    """Raised hands in the order they will be called, if each is called in turn.

    Nobody speaks twice in a row, so who is last changes with every call: the order is
    worked out call by call (the first is who `NextSpeaker` gives the floor to now),
    not sorted once. Sorted once, someone put back for having just spoken stayed at the
    back on screen while the second call brought them forward.
    """
    hands = state.floor.hands
    if len(hands) < 2:
        return hands
    fewest = queue_mode(state) == "fewest-first"
    turns = {h.participant: turns_of(state, h.participant) for h in hands} if fewest else {}
    waiting = sorted(hands, key=lambda h: (turns.get(h.participant, 0), h.number))
    last = last_participant(state)
    order: list[Hand] = []
    while waiting:
        chosen = next((h for h in waiting if h.participant != last), waiting[0])
        waiting.remove(chosen)
        order.append(chosen)
        last = chosen.participant
    return tuple(order)


def end_turn(draft: Draft) -> None:
    """End the turn in progress, if any."""
    turn = draft.state.floor.turn
    if turn is not None:
        seconds = round(turn_elapsed(draft.state, draft.t), 3)
        draft.emit("turn.ended", speaker=turn.speaker, duration_s=seconds)


def give_turn(draft: Draft, speaker: str, source: str) -> None:
    """End any turn, then give `speaker` the floor (their hand goes down with it)."""
    end_turn(draft)
    draft.emit("turn.started", speaker=speaker, source=source)


# -- the view -------------------------------------------------------------------------


HAND_SOURCE_FOR_JOINS = {"video": "video", "phone": "voice", "chat": "chat"}
"""Where a hand most likely comes from, by how its owner joins: someone on the phone
says it aloud, someone on chat only types it."""


SOURCE_WORDS = {"video": "on video", "chat": "in the chat", "voice": "by voice"}
"""Where a hand came from, in words (the queue, the picker, plain mode, replay)."""


def hand_source_for(joins: str) -> str:
    """The hand source a picker starts from for someone who joins this way."""
    return HAND_SOURCE_FOR_JOINS.get(joins, "video")


class QueueEntry(NamedTuple):
    position: int
    participant: str
    waiting_s: float
    turns: int
    first_time: bool
    """Has not spoken yet in this session: worth bringing in."""
    spoke_last: bool
    """Spoke last: waits behind the others (nobody twice in a row)."""
    via: str | None = None
    """Where the hand came from (video, chat, voice); None when not said."""


class QueueView(NamedTuple):
    mode: str
    entries: tuple[QueueEntry, ...]
    speaker: str | None
    turn_s: float
    turn_source: str | None
    limit_s: int | None
    over_limit: bool


def queue_view(state: SessionState, t: float) -> QueueView:
    """Who has the floor, for how long, and the hands in the order they will be called."""
    last = last_participant(state)
    entries = tuple(
        QueueEntry(
            position=position,
            participant=hand.participant,
            waiting_s=max(0.0, t - hand.raised),
            turns=turns_of(state, hand.participant),
            first_time=turns_of(state, hand.participant) == 0,
            spoke_last=hand.participant == last and len(state.floor.hands) > 1,
            via=hand.via,
        )
        for position, hand in enumerate(ordered_hands(state), 1)
    )
    turn = state.floor.turn
    phase = state.phase_plan()
    limit = phase.turn_limit if isinstance(phase, DiscussionPhase) else None
    turn_s = turn_elapsed(state, t)
    return QueueView(
        mode=queue_mode(state),
        entries=entries,
        speaker=turn.speaker if turn else None,
        turn_s=turn_s,
        turn_source=turn.source if turn else None,
        limit_s=limit,
        over_limit=bool(turn and limit and (turn.flagged or turn_s >= limit)),
    )
