"""Go-arounds (check-in, close): order, who is on, the right to pass, answers.

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
"""

from __future__ import annotations

import random
import unicodedata
import zlib

from sessiontui.core.clock import Now
from sessiontui.core.draft import Draft, checked_text, refuse
from sessiontui.core.queue import end_turn
from sessiontui.core.state import AWAY, ROUND_KINDS, RoundRun, SessionState
from sessiontui.plan.models import RoundPhase
from sessiontui.plan.text import SHORT_MAX

WORD_MAX_CHARS = 40
WORD_MAX_WORDS = 3


def derive_seed(now: Now) -> int:
    """A seed from the moment, for shuffles the plan gave no seed for (then recorded)."""
    return zlib.crc32(f"{now.ts}|{now.t!r}".encode())


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


def start_round(draft: Draft, index: int) -> None:
    """Record the order of the round that opens phase `index`."""
    phase = draft.state.plan.phases[index]
    order, method, seed = round_order(draft.state, phase, draft.now)
    draft.emit("round.started", phase=index, order=list(order), method=method, seed=seed)


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


def advance(draft: Draft) -> None:
    """Move to the next person who is here and has not yet had their go (nor passed),
    or complete the round.

    After a step back, people further on who already had their go are passed over
    quietly: they were not skipped, and the round picks up where it had got to.
    """
    rnd = draft.state.round
    assert rnd is not None
    end_turn(draft)
    position = rnd.position + 1
    while position < len(rnd.order):
        who = rnd.order[position]
        status = draft.state.people.status.get(who, "absent")
        if who in rnd.spoke:
            position += 1
            continue
        if who in rnd.passed:
            reason = "passed"
        elif status in AWAY:
            reason = status
        else:
            draft.emit("round.moved", phase=rnd.phase, position=position, participant=who)
            draft.emit("turn.started", speaker=who, source="round")
            return
        if who not in draft.state.round.skipped:  # type: ignore[union-attr]
            draft.emit("round.skipped", participant=who, reason=reason)
        position += 1
    draft.emit("round.completed", phase=rnd.phase)


def step_back(draft: Draft) -> None:
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


def pass_turn(draft: Draft, participant: str | None) -> None:
    """The right to pass: now (and the round moves on), or in advance for later."""
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
        advance(draft)
        return
    if rnd.order.index(who) < rnd.position:
        raise refuse(f"{draft.who(who)} has already had their turn in this round.")
    draft.emit("round.passed", participant=who)


def capture_answer(draft: Draft, text: str, participant: str | None) -> None:
    """Keep a word or short text from someone in the round, if the plan allows it."""
    rnd = running_round(draft.state)
    if rnd is None:
        raise refuse("No round is running, so there is no answer to keep.")
    phase = draft.state.phase_plan()
    capture = phase.capture if isinstance(phase, RoundPhase) else "none"
    if capture == "none":
        raise refuse("This round does not keep answers (the plan says capture = \"none\").")
    who = participant if participant is not None else rnd.current
    if who is None:
        raise refuse("Nobody is on in the round: say whose answer this is.")
    if who not in rnd.order:
        raise refuse(f"{draft.who(who)} is not in this round.")
    if capture == "word":
        value = checked_text(text, "word", limit=WORD_MAX_CHARS, multiline=False)
        if len(value.split()) > WORD_MAX_WORDS:
            raise refuse(
                f"This round keeps one word (up to {WORD_MAX_WORDS}); write a short text "
                "in a note instead."
            )
    else:
        value = checked_text(text, "answer", limit=SHORT_MAX, multiline=False)
    draft.emit("round.answered", participant=who, text=value)


