"""reduce(state, event) → state: the only way a session's state changes, live or replayed.

Total by design: any sequence of known events gives a state without raising. An event
that makes no sense now (a turn ending when none runs) changes nothing; a type this
reader does not know, or a newer payload version, is skipped and counted in
`unknown_events`; data of the wrong shape (a damaged or hand-edited log) is skipped and
counted in `bad_events`. Every event records `last_seq` and `last_t`.

Each handler returns only the fields it changes, so one new SessionState is built per
event and everything else is shared with the state before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sessiontui.core.bulk import collector_paused
from sessiontui.core.events import Event, parse_ts
from sessiontui.core.state import (
    FACILITATOR,
    HAND_SOURCES,
    STATUSES,
    Amendment,
    CareRecord,
    Feedback,
    FollowUp,
    Hand,
    Marker,
    Note,
    Parked,
    PhaseRecord,
    PhaseRun,
    Rooms,
    RoundRun,
    SessionState,
    Takeaway,
    Talk,
    Turn,
    Wait,
    copier_for,
    evolve,
    initial_state,
)
from sessiontui.core.timers import active_at, phase_remaining, rearm, rooms_remaining
from sessiontui.core.vocabulary import EVENTS
from sessiontui.plan.models import Plan

Changes = dict[str, Any]
Handler = Callable[[SessionState, Event], Changes]

_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def reduce(state: SessionState, event: Event) -> SessionState:
    """The state after `event`. Never raises for an Event."""
    known = _KNOWN.get(event.type)
    if known is None or event.v > known[1]:
        return evolve(
            state, unknown_events=state.unknown_events + 1, last_seq=event.seq, last_t=event.t
        )
    try:
        changes = known[0](state, event)
    except _SHAPE_ERRORS:
        changes = {"bad_events": state.bad_events + 1}
    changes["last_seq"] = event.seq
    changes["last_t"] = event.t
    return _copy_state(state, changes)  # type: ignore[no-any-return]


def fold(plan: Plan, events: Iterable[Event]) -> SessionState:
    """The state after all `events`, from the start."""
    return fold_from(initial_state(plan), events)


def fold_from(state: SessionState, events: Iterable[Event]) -> SessionState:
    """The state after `events`, starting from `state` (a keyframe)."""
    with collector_paused():
        for event in events:
            state = reduce(state, event)
    return state


# -- reading data: wrong types raise, and reduce counts the event as bad ----------------


def _str(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if type(value) is not str:
        raise TypeError(key)
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and type(value) is not str:
        raise TypeError(key)
    return value


def _int(data: dict[str, Any], key: str) -> int:
    value = data[key]
    if type(value) is not int:
        raise TypeError(key)
    return value


def _opt_int(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is not None and type(value) is not int:
        raise TypeError(key)
    return value


def _num(data: dict[str, Any], key: str) -> float:
    value = data[key]
    if type(value) is not int and type(value) is not float:
        raise TypeError(key)
    return float(value)


def _bool(data: dict[str, Any], key: str) -> bool:
    value = data[key]
    if type(value) is not bool:
        raise TypeError(key)
    return value


def _ids(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data[key]
    if type(value) is not list or any(type(item) is not str for item in value):
        raise TypeError(key)
    return tuple(value)


def _phase_index(state: SessionState, data: dict[str, Any]) -> int:
    index = _int(data, "phase")
    if not 0 <= index < len(state.plan.phases):
        raise ValueError("phase")
    return index


def _current(state: SessionState, data: dict[str, Any]) -> PhaseRun | None:
    """The running phase, if the event is about it."""
    phase = state.phase
    if phase is None or _int(data, "phase") != phase.index:
        return None
    return phase


# -- session --------------------------------------------------------------------------


def _session_opened(state: SessionState, event: Event) -> Changes:
    data = event.data
    sha = _str(data, "plan_sha256")
    rehearsal = _bool(data, "rehearsal")
    _ids(data, "participants")
    if state.session.opened:
        return {}
    origin = None
    if event.ts:
        try:
            origin = parse_ts(event.ts).timestamp() - event.t
        except ValueError:
            origin = None
    session = evolve(
        state.session, opened=True, plan_sha256=sha, rehearsal=rehearsal, wall_origin=origin
    )
    return {"session": session}


def _session_started(state: SessionState, event: Event) -> Changes:
    if state.session.started is not None:
        return {}
    return {"session": evolve(state.session, opened=True, started=event.t)}


def _session_paused(state: SessionState, event: Event) -> Changes:
    reason = _str(event.data, "reason")
    session = state.session
    if not session.running or session.paused_at is not None:
        return {}
    return {
        "session": evolve(
            session, paused_at=event.t, pause_reason=reason, pauses=session.pauses + 1
        )
    }


def _session_pause_explained(state: SessionState, event: Event) -> Changes:
    reason = _str(event.data, "reason")
    session = state.session
    if session.paused_at is None:
        return {}  # explained after resuming: the log (and a report) keep it
    return {"session": evolve(session, pause_reason=reason)}


def _session_resumed(state: SessionState, event: Event) -> Changes:
    _num(event.data, "paused_s")
    session = state.session
    if session.paused_at is None:
        return {}
    total = session.paused_total + max(0.0, event.t - session.paused_at)
    return {"session": evolve(session, paused_at=None, pause_reason="", paused_total=total)}


def _session_ended(state: SessionState, event: Event) -> Changes:
    reason = _str(event.data, "reason")
    session = state.session
    if session.ended is not None:
        return {}
    total = session.paused_total
    if session.paused_at is not None:
        total += max(0.0, event.t - session.paused_at)
    return {
        "session": evolve(
            session, ended=event.t, end_reason=reason, paused_at=None, paused_total=total
        )
    }


def _session_continued(state: SessionState, event: Event) -> Changes:
    gap = _num(event.data, "gap_s")
    session = state.session
    return {
        "session": evolve(
            session, interruptions=session.interruptions + 1, gap_total=session.gap_total + gap
        )
    }


def _clock_jumped(state: SessionState, event: Event) -> Changes:
    delta = _num(event.data, "delta_s")
    session = state.session
    return {
        "session": evolve(
            session, clock_shift=session.clock_shift + delta, clock_jumps=session.clock_jumps + 1
        )
    }


# -- phases ---------------------------------------------------------------------------


def _retire(state: SessionState, t: float, outcome: str) -> Changes:
    """Close the running phase into history, and put its round and rooms away."""
    changes: Changes = {}
    course = state.course
    phase = state.phase
    if phase is not None:
        active = max(0.0, active_at(state.session, t) - phase.active_start)
        record = PhaseRecord(
            phase.index, phase.started, t, active, phase.planned, phase.adjusted, outcome
        )
        course = evolve(course, history=(*course.history, record))
        changes["phase"] = None
    if state.round is not None:
        course = evolve(course, rounds=(*course.rounds, state.round))
        changes["round"] = None
    if state.rooms is not None:
        rooms = state.rooms
        if rooms.closed is None:
            rooms = evolve(rooms, closed=t, closed_by="facilitator")
        course = evolve(course, past_rooms=(*course.past_rooms, rooms))
        changes["rooms"] = None
    if course is not state.course:
        changes["course"] = course
    return changes


def _phase_started(state: SessionState, event: Event) -> Changes:
    data = event.data
    index = _phase_index(state, data)
    _str(data, "kind")
    planned = _int(data, "planned_s")
    changes = _retire(state, event.t, "moved-on-early")
    course = changes.get("course", state.course)
    if index in course.skipped:
        course = evolve(course, skipped=course.skipped - {index})
        changes["course"] = course
    changes["phase"] = PhaseRun(
        index=index,
        kind=state.plan.phases[index].kind,
        started=event.t,
        active_start=active_at(state.session, event.t),
        planned=max(0, planned),
        talk_before=state.talk,
    )
    return changes


def _phase_ended(state: SessionState, event: Event) -> Changes:
    data = event.data
    outcome = _str(data, "outcome")
    _num(data, "active_s")
    if _current(state, data) is None:
        return {}
    return _retire(state, event.t, outcome)


def _phase_skipped(state: SessionState, event: Event) -> Changes:
    index = _phase_index(state, event.data)
    course = state.course
    if index in course.skipped or (state.phase is not None and state.phase.index == index):
        return {}
    return {"course": evolve(course, skipped=course.skipped | {index})}


def _phase_unskipped(state: SessionState, event: Event) -> Changes:
    index = _phase_index(state, event.data)
    course = state.course
    if index not in course.skipped:
        return {}
    return {"course": evolve(course, skipped=course.skipped - {index})}


def _phase_time_adjusted(state: SessionState, event: Event) -> Changes:
    seconds = _int(event.data, "seconds")
    phase = _current(state, event.data)
    if phase is None:
        return {}
    phase = evolve(phase, adjusted=phase.adjusted + seconds)
    moved = evolve(state, phase=phase)
    return {"phase": evolve(phase, fired=rearm(phase.fired, phase_remaining(moved, event.t)))}


def _schedule_rebalanced(state: SessionState, event: Event) -> Changes:
    value = event.data["durations"]
    if (
        type(value) is not list
        or len(value) != len(state.plan.phases)
        or any(type(item) is not int or item < 0 for item in value)
    ):
        raise ValueError("durations")
    course = state.course
    return {"course": evolve(course, durations=tuple(value), rebalances=course.rebalances + 1)}


def _alerts_of(state: SessionState, index: int) -> tuple[int, ...]:
    return tuple(state.plan.phases[index].alerts)


def _timer_warning(state: SessionState, event: Event) -> Changes:
    threshold = _int(event.data, "threshold")
    phase = _current(state, event.data)
    if phase is None:
        return {}
    crossed = {a for a in _alerts_of(state, phase.index) if a >= threshold} | {threshold}
    return {"phase": evolve(phase, fired=phase.fired | crossed)}


def _timer_expired(state: SessionState, event: Event) -> Changes:
    phase = _current(state, event.data)
    if phase is None:
        return {}
    crossed = set(_alerts_of(state, phase.index)) | {0}
    return {"phase": evolve(phase, fired=phase.fired | crossed)}


def _prompt_shown(state: SessionState, event: Event) -> Changes:
    index = _int(event.data, "index")
    phase = _current(state, event.data)
    if phase is None or index < 0:
        return {}
    return {"phase": evolve(phase, step=index)}


# -- people ---------------------------------------------------------------------------


def _participant_added(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    status = _str(event.data, "status")
    if status not in STATUSES:
        raise ValueError("status")
    people = state.people
    if participant in people.status:
        return {}
    changes: Changes = {
        "people": evolve(
            people,
            roster=(*people.roster, participant),
            walk_ins=(*people.walk_ins, participant),
            status={**people.status, participant: status},
        )
    }
    rnd = state.round
    if rnd is not None and not rnd.completed and participant not in rnd.order:
        changes["round"] = evolve(rnd, order=(*rnd.order, participant))
    return changes


def _attendance_changed(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    status = _str(event.data, "status")
    _str(event.data, "previous")
    if status not in STATUSES:
        raise ValueError("status")
    people = state.people
    if participant not in people.status or people.status[participant] == status:
        return {}
    away = people.stepped_out
    if status == "stepped-out":
        away = {**away, participant: event.t}
    elif participant in away:
        away = {p: since for p, since in away.items() if p != participant}
    return {"people": evolve(people, status={**people.status, participant: status},
                             stepped_out=away)}


# -- rounds ---------------------------------------------------------------------------


def _leave_slot(rnd: RoundRun) -> RoundRun:
    """Whoever was on has spoken, unless they passed."""
    current = rnd.current
    if current is None or current in rnd.passed or current in rnd.spoke:
        return rnd
    return evolve(rnd, spoke=(*rnd.spoke, current))


def _round_started(state: SessionState, event: Event) -> Changes:
    data = event.data
    index = _phase_index(state, data)
    order = _ids(data, "order")
    method = _str(data, "method")
    seed = _opt_int(data, "seed")
    changes: Changes = {"round": RoundRun(phase=index, order=order, method=method, seed=seed)}
    if state.round is not None:
        course = state.course
        changes["course"] = evolve(course, rounds=(*course.rounds, state.round))
    return changes


def _round_resumed(state: SessionState, event: Event) -> Changes:
    """The phase's round, put away when the phase ended, is running again as it was."""
    index = _phase_index(state, event.data)
    course = state.course
    if not course.rounds or course.rounds[-1].phase != index:
        return {}
    *rest, rnd = course.rounds
    rounds = tuple(rest) if state.round is None else (*rest, state.round)
    return {"round": evolve(rnd, since=event.t), "course": evolve(course, rounds=rounds)}


def _round_moved(state: SessionState, event: Event) -> Changes:
    """Move the round; a step back takes back the go of the person left, and whoever
    gets a go again loses an earlier pass or skip (this go replaces it)."""
    position = _int(event.data, "position")
    _opt_str(event.data, "participant")
    _phase_index(state, event.data)
    rnd = state.round
    if rnd is None or not -1 <= position < len(rnd.order):
        return {}
    changes: Changes = {}
    if position > rnd.position:
        # Moving forward: whoever was on has had their go. Moving back (PreviousStep),
        # the person left gets their go when the round comes forward to them again.
        rnd = _leave_slot(rnd)
    who = rnd.order[position] if position >= 0 else None
    if who is not None and who in rnd.passed:
        rnd = evolve(rnd, passed=tuple(p for p in rnd.passed if p != who))
        talk = state.talk
        passes = {**talk.passes, who: talk.passes.get(who, 0) - 1}
        if passes[who] <= 0:
            del passes[who]
        changes["talk"] = evolve(talk, passes=passes)
    if who is not None and who in rnd.skipped:
        rnd = evolve(rnd, skipped=tuple(p for p in rnd.skipped if p != who))
    changes["round"] = evolve(rnd, position=position, since=event.t, held=0.0, flagged=False)
    return changes


def _round_came_back(state: SessionState, event: Event) -> Changes:
    """Someone who passed is offered another go: they are on again. The pass stays in
    the talk figures (they did pass); passing again counts a second pass."""
    position = _int(event.data, "position")
    participant = _str(event.data, "participant")
    _phase_index(state, event.data)
    rnd = state.round
    if rnd is None or not 0 <= position < len(rnd.order) or rnd.order[position] != participant:
        return {}
    rnd = _leave_slot(rnd)
    return {"round": evolve(
        rnd, position=position, since=event.t, held=0.0, flagged=False,
        passed=tuple(p for p in rnd.passed if p != participant),
        came_back=(*rnd.came_back, participant),
    )}


def _round_skipped(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    _str(event.data, "reason")
    rnd = state.round
    if rnd is None or participant in rnd.skipped:
        return {}
    return {"round": evolve(rnd, skipped=(*rnd.skipped, participant))}


def _round_passed(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    rnd = state.round
    if rnd is None or participant in rnd.passed:
        return {}
    talk = state.talk
    changes: Changes = {
        "round": evolve(rnd, passed=(*rnd.passed, participant)),
        "talk": evolve(
            talk, passes={**talk.passes, participant: talk.passes.get(participant, 0) + 1}
        ),
    }
    turn = state.floor.turn
    if turn is not None and turn.speaker == participant and turn.source == "round":
        changes["floor"] = evolve(state.floor, turn=None)
    return changes


def _round_answered(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    text = _str(event.data, "text")
    rnd = state.round
    if rnd is None:
        return {}
    return {"round": evolve(rnd, answers={**rnd.answers, participant: text})}


def _round_timebox_reached(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    _int(event.data, "per_person_s")
    rnd = state.round
    if rnd is None or rnd.current != participant:
        return {}
    return {"round": evolve(rnd, flagged=True)}


def _round_completed(state: SessionState, event: Event) -> Changes:
    _phase_index(state, event.data)
    rnd = state.round
    if rnd is None or rnd.completed:
        return {}
    rnd = _leave_slot(rnd)
    return {"round": evolve(rnd, position=len(rnd.order), flagged=False)}


# -- ground rules ---------------------------------------------------------------------


def _rules_shown(state: SessionState, event: Event) -> Changes:
    _int(event.data, "count")
    course = state.course
    return {"course": evolve(course, rules=evolve(course.rules, shown=course.rules.shown + 1))}


def _rule_covered(state: SessionState, event: Event) -> Changes:
    index = _int(event.data, "index")
    course = state.course
    rules = course.rules
    if index in rules.covered or not 0 <= index < len(state.all_rules()):
        return {}
    return {"course": evolve(course, rules=evolve(rules, covered=(*rules.covered, index)))}


def _rule_uncovered(state: SessionState, event: Event) -> Changes:
    index = _int(event.data, "index")
    course = state.course
    rules = course.rules
    if index not in rules.covered:
        return {}
    covered = tuple(i for i in rules.covered if i != index)
    return {"course": evolve(course, rules=evolve(rules, covered=covered))}


def _rule_added(state: SessionState, event: Event) -> Changes:
    _int(event.data, "index")
    text = _str(event.data, "text")
    course = state.course
    rules = course.rules
    return {"course": evolve(course, rules=evolve(rules, added=(*rules.added, text)))}


def _rules_reminded(state: SessionState, event: Event) -> Changes:
    _int(event.data, "count")
    course = state.course
    rules = evolve(course.rules, reminders=course.rules.reminders + 1)
    return {"course": evolve(course, rules=rules)}


# -- hands and turns ------------------------------------------------------------------


def _hand_raised(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    floor = state.floor
    if floor.hand_of(participant) is not None:
        return {}
    via = _opt_str(event.data, "via")  # absent in logs written before hands had a source
    if via is not None and via not in HAND_SOURCES:
        raise ValueError("via")
    number = floor.raises + 1
    hand = Hand(participant, event.t, number, via)
    return {"floor": evolve(floor, hands=(*floor.hands, hand), raises=number)}


def _without(hands: tuple[Hand, ...], who: frozenset[str] | set[str]) -> tuple[Hand, ...]:
    return tuple(hand for hand in hands if hand.participant not in who)


def _hand_lowered(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    _str(event.data, "reason")
    floor = state.floor
    if floor.hand_of(participant) is None:
        return {}
    return {"floor": evolve(floor, hands=_without(floor.hands, {participant}))}


def _hands_cleared(state: SessionState, event: Event) -> Changes:
    who = set(_ids(event.data, "participants"))
    floor = state.floor
    hands = _without(floor.hands, who)
    if len(hands) == len(floor.hands):
        return {}
    return {"floor": evolve(floor, hands=hands)}


def _turn_length(state: SessionState, turn: Turn, t: float) -> float:
    """How long a turn ending at `t` lasted, pauses excluded."""
    return max(0.0, active_at(state.session, t) - turn.active_start)


def _counted(talk: Talk, turn: Turn, seconds: float) -> Talk:
    """Talk totals with a finished turn of `seconds` added."""
    speaker = turn.speaker
    return evolve(
        talk,
        seconds={**talk.seconds, speaker: talk.seconds.get(speaker, 0.0) + seconds},
        turns={**talk.turns, speaker: talk.turns.get(speaker, 0) + 1},
        chats=talk.chats + 1,
        runs=talk.runs + (speaker != talk.last_speaker),
        last_speaker=speaker,
        last_participant=talk.last_participant if speaker == FACILITATOR else speaker,
    )


def _turn_started(state: SessionState, event: Event) -> Changes:
    speaker = _str(event.data, "speaker")
    source = _str(event.data, "source")
    floor = state.floor
    talk = state.talk
    changes: Changes = {}
    if floor.turn is not None:
        seconds = _turn_length(state, floor.turn, event.t)
        talk = _counted(talk, floor.turn, seconds)
        held = _held(state, floor.turn, seconds)
        if held is not None:
            changes["round"] = held
    hands = floor.hands
    hand = floor.hand_of(speaker)
    if hand is not None:
        hands = _without(hands, {speaker})
        talk = evolve(talk, waits=talk.waits.add(Wait(speaker, hand.raised, event.t, hand.via)))
    turn = Turn(speaker, event.t, source, False, active_at(state.session, event.t))
    changes["floor"] = evolve(floor, hands=hands, turn=turn)
    if talk is not state.talk:
        changes["talk"] = talk
    return changes


def _turn_ended(state: SessionState, event: Event) -> Changes:
    speaker = _str(event.data, "speaker")
    _num(event.data, "duration_s")
    floor = state.floor
    turn = floor.turn
    if turn is None or turn.speaker != speaker:
        return {}
    seconds = _turn_length(state, turn, event.t)
    changes: Changes = {
        "floor": evolve(floor, turn=None),
        "talk": _counted(state.talk, turn, seconds),
    }
    held = _held(state, turn, seconds)
    if held is not None:
        changes["round"] = held
    return changes


def _held(state: SessionState, turn: Turn, seconds: float) -> RoundRun | None:
    """The round with a finished turn of the person on counted into their go, or None
    when the turn was not theirs."""
    rnd = state.round
    if rnd is None or rnd.current is None or turn.speaker != rnd.current:
        return None
    return evolve(rnd, held=rnd.held + seconds)


def _turn_limit_reached(state: SessionState, event: Event) -> Changes:
    speaker = _str(event.data, "speaker")
    _int(event.data, "limit_s")
    floor = state.floor
    if floor.turn is None or floor.turn.speaker != speaker:
        return {}
    return {"floor": evolve(floor, turn=floor.turn._replace(flagged=True))}


def _item_parked(state: SessionState, event: Event) -> Changes:
    item_id = _int(event.data, "item_id")
    text = _str(event.data, "text")
    book = state.book
    index = state.phase.index if state.phase else None
    return {"book": evolve(book, parked=book.parked.add(Parked(item_id, event.t, text, index)))}


# -- breakouts ------------------------------------------------------------------------


def _rooms_data(value: Any) -> tuple[tuple[str, ...], ...]:
    if type(value) is not list:
        raise TypeError("rooms")
    rooms = []
    for members in value:
        if type(members) is not list or any(type(m) is not str for m in members):
            raise TypeError("rooms")
        rooms.append(tuple(members))
    return tuple(rooms)


def _breakout_opened(state: SessionState, event: Event) -> Changes:
    data = event.data
    index = _phase_index(state, data)
    rooms = _rooms_data(data["rooms"])
    method = _str(data, "method")
    seed = _opt_int(data, "seed")
    duration = _int(data, "duration_s")
    repeated = _int(data, "repeated_pairs")
    changes: Changes = {}
    if state.rooms is not None:
        old = state.rooms
        if old.closed is None:
            old = evolve(old, closed=event.t, closed_by="facilitator")
        course = state.course
        changes["course"] = evolve(course, past_rooms=(*course.past_rooms, old))
    changes["rooms"] = Rooms(
        phase=index,
        rooms=rooms,
        method=method,
        seed=seed,
        opened=event.t,
        duration=max(0, duration),
        repeated_pairs=repeated,
    )
    return changes


def _open_rooms(state: SessionState) -> Rooms | None:
    rooms = state.rooms
    return rooms if rooms is not None and rooms.closed is None else None


def _breakout_joined(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    room = _int(event.data, "room")
    rooms = _open_rooms(state)
    if rooms is None or not 1 <= room <= len(rooms.rooms) or rooms.room_of(participant):
        return {}
    assignment = list(rooms.rooms)
    assignment[room - 1] = (*assignment[room - 1], participant)
    return {"rooms": evolve(rooms, rooms=tuple(assignment))}


def _breakout_warning(state: SessionState, event: Event) -> Changes:
    threshold = _int(event.data, "threshold")
    _str(event.data, "broadcast")
    rooms = _open_rooms(state)
    if rooms is None:
        return {}
    crossed = {a for a in _alerts_of(state, rooms.phase) if a >= threshold} | {threshold}
    return {"rooms": evolve(rooms, fired=rooms.fired | crossed)}


def _breakout_adjusted(state: SessionState, event: Event) -> Changes:
    seconds = _int(event.data, "seconds")
    rooms = _open_rooms(state)
    if rooms is None:
        return {}
    rooms = evolve(rooms, adjusted=rooms.adjusted + seconds)
    changes: Changes = {
        "rooms": evolve(rooms, fired=rearm(rooms.fired, rooms_remaining(rooms, event.t)))
    }
    phase = state.phase
    if phase is not None and phase.index == rooms.phase:
        phase = evolve(phase, adjusted=phase.adjusted + seconds)
        moved = evolve(state, phase=phase)
        changes["phase"] = evolve(
            phase, fired=rearm(phase.fired, phase_remaining(moved, event.t))
        )
    return changes


def _breakout_help_requested(state: SessionState, event: Event) -> Changes:
    room = _int(event.data, "room")
    rooms = _open_rooms(state)
    if rooms is None or room in rooms.help or not 1 <= room <= len(rooms.rooms):
        return {}
    return {"rooms": evolve(rooms, help=(*rooms.help, room))}


def _breakout_help_answered(state: SessionState, event: Event) -> Changes:
    room = _int(event.data, "room")
    rooms = state.rooms
    if rooms is None or room not in rooms.help:
        return {}
    return {"rooms": evolve(rooms, help=tuple(r for r in rooms.help if r != room))}


def _breakout_closed(state: SessionState, event: Event) -> Changes:
    by = _str(event.data, "by")
    rooms = _open_rooms(state)
    if rooms is None:
        return {}
    return {"rooms": evolve(rooms, closed=event.t, closed_by=by, help=())}


def _breakout_reported(state: SessionState, event: Event) -> Changes:
    room = _int(event.data, "room")
    text = _str(event.data, "text")
    rooms = state.rooms
    if rooms is None or not 1 <= room <= len(rooms.rooms):
        return {}
    return {"rooms": evolve(rooms, reports={**rooms.reports, room: text})}


# -- activities -----------------------------------------------------------------------


def _guest_questions_started(state: SessionState, event: Event) -> Changes:
    _str(event.data, "by")
    phase = state.phase
    if phase is None or phase.qa_at is not None:
        return {}
    return {"phase": evolve(phase, qa_at=active_at(state.session, event.t))}


def _quiz_question_shown(state: SessionState, event: Event) -> Changes:
    index = _int(event.data, "index")
    phase = state.phase
    if phase is None or index < 0:
        return {}
    return {"phase": evolve(phase, step=index, revealed=False)}


def _quiz_answer_revealed(state: SessionState, event: Event) -> Changes:
    index = _int(event.data, "index")
    phase = state.phase
    if phase is None or phase.step != index:
        return {}
    return {"phase": evolve(phase, revealed=True)}


def _quiz_points_awarded(state: SessionState, event: Event) -> Changes:
    participant = _str(event.data, "participant")
    points = _int(event.data, "points")
    course = state.course
    scores = {**course.scores, participant: course.scores.get(participant, 0) + points}
    if not scores[participant]:
        del scores[participant]  # a point taken back: as if never given
    return {"course": evolve(course, scores=scores)}


def _break_nudged(state: SessionState, event: Event) -> Changes:
    return _timer_expired(state, event)


# -- close and any time ---------------------------------------------------------------


def _takeaway_added(state: SessionState, event: Event) -> Changes:
    text = _str(event.data, "text")
    participant = _opt_str(event.data, "participant")
    book = state.book
    item = Takeaway(event.t, text, participant)
    return {"book": evolve(book, takeaways=book.takeaways.add(item))}


def _feedback_recorded(state: SessionState, event: Event) -> Changes:
    score = _opt_int(event.data, "score")
    comment = _str(event.data, "comment")
    participant = _opt_str(event.data, "participant")
    book = state.book
    item = Feedback(event.t, score, comment, participant)
    return {"book": evolve(book, feedback=book.feedback.add(item))}


def _note_added(state: SessionState, event: Event) -> Changes:
    data = event.data
    note = Note(
        _int(data, "note_id"), event.t, _str(data, "text"), _bool(data, "private"),
        _opt_int(data, "phase"),
    )
    book = state.book
    return {"book": evolve(book, notes=book.notes.add(note))}


def _note_amended(state: SessionState, event: Event) -> Changes:
    amendment = Amendment(_int(event.data, "note_id"), event.t, _str(event.data, "text"))
    book = state.book
    return {"book": evolve(book, amendments=book.amendments.add(amendment))}


def _marker_added(state: SessionState, event: Event) -> Changes:
    marker = Marker(event.t, _str(event.data, "label"), _opt_int(event.data, "phase"))
    book = state.book
    return {"book": evolve(book, markers=book.markers.add(marker))}


def _followup_flagged(state: SessionState, event: Event) -> Changes:
    item = FollowUp(event.t, _str(event.data, "participant"), _str(event.data, "text"))
    book = state.book
    return {"book": evolve(book, follow_ups=book.follow_ups.add(item))}


def _safeguarding_recorded(state: SessionState, event: Event) -> Changes:
    data = event.data
    who = data["participant"]
    if who is not None and not isinstance(who, str):
        raise ValueError("participant")
    steps = data["steps"]
    if not isinstance(steps, list) or not all(type(s) is int and s >= 0 for s in steps):
        raise ValueError("steps")
    record = CareRecord(event.t, who, tuple(steps), data["prompted"] is True)
    care = state.care
    return {"care": evolve(care, records=care.records.add(record))}


def _safeguarding_offered(state: SessionState, event: Event) -> Changes:
    who = _str(event.data, "participant")
    since = state.people.stepped_out.get(who)
    if since is None:
        return {}
    care = state.care
    return {"care": evolve(care, offered=care.offered | {(who, since)})}


def _text_copied(state: SessionState, event: Event) -> Changes:
    """A mark in the log: what was pasted into the chat, by the text's name."""
    _str(event.data, "name")
    return {}


def _session_interrupted(state: SessionState, event: Event) -> Changes:
    """Only a mark in the log: the session's time goes on until it is resumed (and a
    take-over changes nothing either)."""
    return {}


def _recovery_truncated(state: SessionState, event: Event) -> Changes:
    """A note for the reader of the log: the session itself is unchanged."""
    return {}


_HANDLERS: dict[str, Handler] = {
    "session.opened": _session_opened,
    "session.started": _session_started,
    "session.paused": _session_paused,
    "session.resumed": _session_resumed,
    "session.pause_explained": _session_pause_explained,
    "session.ended": _session_ended,
    "session.continued": _session_continued,
    "session.interrupted": _session_interrupted,
    "session.taken_over": _session_interrupted,
    "recovery.truncated": _recovery_truncated,
    "clock.jumped": _clock_jumped,
    "phase.started": _phase_started,
    "phase.ended": _phase_ended,
    "phase.skipped": _phase_skipped,
    "phase.unskipped": _phase_unskipped,
    "phase.time_adjusted": _phase_time_adjusted,
    "schedule.rebalanced": _schedule_rebalanced,
    "timer.warning": _timer_warning,
    "timer.expired": _timer_expired,
    "prompt.shown": _prompt_shown,
    "participant.added": _participant_added,
    "attendance.changed": _attendance_changed,
    "round.started": _round_started,
    "round.moved": _round_moved,
    "round.skipped": _round_skipped,
    "round.passed": _round_passed,
    "round.answered": _round_answered,
    "round.timebox_reached": _round_timebox_reached,
    "round.came_back": _round_came_back,
    "round.resumed": _round_resumed,
    "round.completed": _round_completed,
    "rules.shown": _rules_shown,
    "rule.covered": _rule_covered,
    "rule.uncovered": _rule_uncovered,
    "rule.added": _rule_added,
    "rules.reminded": _rules_reminded,
    "hand.raised": _hand_raised,
    "hand.lowered": _hand_lowered,
    "hands.cleared": _hands_cleared,
    "turn.started": _turn_started,
    "turn.ended": _turn_ended,
    "turn.limit_reached": _turn_limit_reached,
    "item.parked": _item_parked,
    "breakout.opened": _breakout_opened,
    "breakout.joined": _breakout_joined,
    "breakout.warning": _breakout_warning,
    "breakout.adjusted": _breakout_adjusted,
    "breakout.help_requested": _breakout_help_requested,
    "breakout.help_answered": _breakout_help_answered,
    "breakout.closed": _breakout_closed,
    "breakout.reported": _breakout_reported,
    "guest.questions_started": _guest_questions_started,
    "quiz.question_shown": _quiz_question_shown,
    "quiz.answer_revealed": _quiz_answer_revealed,
    "quiz.points_awarded": _quiz_points_awarded,
    "break.nudged": _break_nudged,
    "takeaway.added": _takeaway_added,
    "feedback.recorded": _feedback_recorded,
    "note.added": _note_added,
    "note.amended": _note_amended,
    "marker.added": _marker_added,
    "followup.flagged": _followup_flagged,
    "safeguarding.recorded": _safeguarding_recorded,
    "safeguarding.offered": _safeguarding_offered,
    "text.copied": _text_copied,
}

_KNOWN: dict[str, tuple[Handler, int]] = {
    name: (handler, EVENTS[name].version) for name, handler in _HANDLERS.items()
}
"""Each type's handler and the newest payload version this reader understands."""

_copy_state = copier_for(SessionState)
