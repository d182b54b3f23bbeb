"""decide(state, command, now) → events: what a facilitator's command means, or why not.

Pure: no clock reads, no I/O. Time comes in as `now`; every event made here carries
`t = now.t`, `ts = now.ts` and `seq = 0` (the journal numbers them). A command that
cannot happen raises `CommandRefused` with a sentence for the facilitator, and gives
no event.

What refuses when, in short:
- before `StartSession`: anything that needs a running session (steps, turns, rooms);
  people, notes, markers and follow-ups are fine from the moment the app opens.
- while paused: steps, turns and rooms wait for Resume; hands, notes, attendance,
  time adjustments and the agenda do not.
- after `EndSession`: only notes, amendments, follow-ups, feedback, takeaways and
  attendance corrections; `Tick` never refuses (it answers `[]`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.care import HANDLERS as CARE_HANDLERS
from sessiontui.core.clock import Now
from sessiontui.core.draft import Draft, checked_text, refuse
from sessiontui.core.events import Event
from sessiontui.core.phases import HANDLERS as KIND_HANDLERS
from sessiontui.core.phases import KINDS, kind_of, next_step
from sessiontui.core.phases.base import AtFirstStep
from sessiontui.core.phases.breakout import adjust_rooms, close_rooms, place_newcomer
from sessiontui.core.phases.rounds import give_back_to_round
from sessiontui.core.queue import end_turn, give_turn, ordered_hands
from sessiontui.core.schedule import (
    REBALANCE_MIN_S,
    next_index,
    projected_end,
    propose_rebalance,
    rebalance_problem,
)
from sessiontui.core.state import (
    AWAY,
    END_REASONS,
    FACILITATOR,
    HAND_SOURCES,
    HERE,
    STATUSES,
    SessionState,
)
from sessiontui.core.tick import tick
from sessiontui.core.timers import phase_elapsed, phase_length, phase_remaining
from sessiontui.plan.text import SHORT_MAX

ON_TIME_S = 60
"""A phase ending within this many seconds of its time has completed on time."""


def decide(state: SessionState, command: c.Command, now: Now) -> list[Event]:
    """The events `command` produces now, or CommandRefused saying why not."""
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise refuse(f"sessiontui does not know the command {type(command).__name__}.")
    draft = Draft(state, now)
    handler(draft, command)
    return draft.events


def outcome_for(state: SessionState, t: float) -> str:
    """How the running phase ends if it ends now, by its time left."""
    remaining = phase_remaining(state, t)
    if remaining > ON_TIME_S:
        return "moved-on-early"
    if remaining < -ON_TIME_S:
        return "ran-over"
    return "completed"


# -- phases ---------------------------------------------------------------------------


def start_phase(draft: Draft, index: int) -> None:
    """Start phase `index` and whatever its kind opens it with (a round, a prompt).

    A phase that ran before (`N` back into it, or "go to phase") goes on with the time
    it had left, not its whole length again: the timer, ahead/behind and the report's
    "given" then agree."""
    phase = draft.state.plan.phases[index]
    used = sum(r.active for r in draft.state.course.history if r.index == index)
    planned = max(0, draft.state.durations[index] - round(used))
    draft.emit("phase.started", phase=index, kind=phase.kind, planned_s=planned)
    KINDS[phase.kind].start(draft, index)


def finish_phase(draft: Draft, outcome: str | None = None) -> None:
    """End the running phase: its turn and rooms first."""
    phase = draft.state.phase
    if phase is None:
        return
    end_turn(draft)
    close_rooms(draft, "facilitator")
    draft.emit(
        "phase.ended",
        phase=phase.index,
        outcome=outcome or outcome_for(draft.state, draft.t),
        active_s=round(phase_elapsed(draft.state, draft.t), 3),
    )


def _move_on(draft: Draft, outcome: str | None = None) -> None:
    """End the running phase and start the next one, or refuse at the end of the plan."""
    following = next_index(draft.state)
    if following is None:
        raise refuse("This is the last step of the last phase: end the session instead.")
    finish_phase(draft, outcome)
    start_phase(draft, following)


# -- session --------------------------------------------------------------------------


def _open_session(draft: Draft, command: c.OpenSession) -> None:
    if draft.state.session.opened:
        raise refuse("The session is already open.")
    draft.emit(
        "session.opened",
        plan_sha256=str(command.plan_sha256),
        rehearsal=bool(command.rehearsal),
        participants=list(draft.state.plan.participant_ids().values()),
    )


def _start_session(draft: Draft, command: c.StartSession) -> None:
    guards.not_ended(draft)
    session = draft.state.session
    if session.started is not None:
        raise refuse("The session has already started.")
    if not session.opened:
        raise refuse("The session log is not open yet.")
    draft.emit("session.started")
    start_phase(draft, 0)


def _pause(draft: Draft, command: c.Pause) -> None:
    guards.running(draft)
    if draft.state.session.paused_at is not None:
        raise refuse("The session is already paused.")
    reason = checked_text(
        command.reason, "reason", limit=SHORT_MAX, multiline=False, optional=True
    )
    # The turn in progress is suspended, not ended: resuming gives the floor back.
    draft.emit("session.paused", reason=reason)


def _explain_pause(draft: Draft, command: c.ExplainPause) -> None:
    """The reason for the pause, typed after the key that paused (the timers stopped at
    the key press, not once the reason was typed)."""
    guards.running(draft)
    session = draft.state.session
    if session.pauses == 0:
        raise refuse("The session has not been paused.")
    reason = checked_text(command.reason, "reason", limit=SHORT_MAX, multiline=False)
    draft.emit("session.pause_explained", reason=reason)


def _resume(draft: Draft, command: c.Resume) -> None:
    guards.running(draft)
    paused_at = draft.state.session.paused_at
    if paused_at is None:
        raise refuse("The session is not paused.")
    paused = max(0.0, draft.t - paused_at)
    draft.emit("session.resumed", paused_s=round(paused, 3))
    phase = draft.state.phase
    if command.take_from_phase and phase is not None:
        take = min(round(paused), phase_length(draft.state))
        if take > 0:
            draft.emit("phase.time_adjusted", phase=phase.index, seconds=-take)


def _end_session(draft: Draft, command: c.EndSession) -> None:
    session = draft.state.session
    if session.ended is not None:
        raise refuse("The session has already ended.")
    reason = command.reason
    if reason is not None and reason not in END_REASONS:
        raise refuse(f"A session ends as {', '.join(END_REASONS)}; not {reason!r}.")
    if reason is None:
        reason = "completed" if _all_done(draft.state) else "ended-early"
    finish_phase(draft)
    draft.emit("session.ended", reason=reason)


def _all_done(state: SessionState) -> bool:
    """Completed means the last phase's own work was done too: ending the close after 4
    of 12 people had their go is ending early, whatever phase it happened in."""
    if state.session.started is None or next_index(state) is not None:
        return False
    kind = kind_of(state)
    return kind is None or kind.unfinished(state) is None


def _note_interruption(draft: Draft, command: c.NoteInterruption) -> None:
    guards.not_ended(draft)
    if not draft.state.session.opened:
        raise refuse("There is no session to interrupt: it was never opened.")
    draft.emit("session.interrupted", cause=command.cause[:200])


def _resume_after_interruption(draft: Draft, command: c.ResumeAfterInterruption) -> None:
    guards.not_ended(draft)
    if not draft.state.session.opened:
        raise refuse("There is no session to continue: it was never opened.")
    gap = max(0.0, draft.t - draft.state.last_t)
    draft.emit("session.continued", gap_s=round(gap, 3))


# -- steps ----------------------------------------------------------------------------


def _next_step(draft: Draft, command: c.NextStep) -> None:
    guards.current_phase(draft)
    step = next_step(draft.state)
    if step.action in ("next-phase", "end-session"):
        _move_on(draft)
        return
    kind = kind_of(draft.state)
    assert kind is not None
    kind.take(draft, step)


def _previous_step(draft: Draft, command: c.PreviousStep) -> None:
    """Back one step; at a phase's first step, back into the phase before it (six quick
    `n` presses must be undoable with `N`)."""
    guards.current_phase(draft)
    kind = kind_of(draft.state)
    assert kind is not None
    try:
        kind.back(draft)
    except AtFirstStep:
        before = previous_index(draft.state)
        if before is None:
            raise
        finish_phase(draft, "moved-on-early")
        start_phase(draft, before)


def previous_index(state: SessionState) -> int | None:
    """The phase PreviousStep goes back into from the first step of this one: the last
    one that ran before it, or None in the first phase."""
    current = state.phase.index if state.phase is not None else 0
    ran = [record.index for record in state.course.history if record.index < current]
    if ran:
        return ran[-1]
    return current - 1 if current > 0 else None


def _go_to_phase(draft: Draft, command: c.GoToPhase) -> None:
    guards.active(draft)
    target = guards.phase_number(draft, command.index)
    state = draft.state
    current = state.phase.index if state.phase is not None else -1
    if target == current:
        raise refuse("That phase is running now.")
    finish_phase(draft)
    ran = {record.index for record in draft.state.course.history}
    for index in range(current + 1, target):
        if index not in ran and index not in draft.state.course.skipped:
            draft.emit("phase.skipped", phase=index)
    start_phase(draft, target)


def _skip_phase(draft: Draft, command: c.SkipPhase) -> None:
    state = draft.state
    if command.index is None or (state.phase is not None and command.index == state.phase.index):
        guards.current_phase(draft)
        following = next_index(state)
        if following is None:
            raise refuse("This is the last phase: end the session instead.")
        _move_on(draft, "skipped")
        return
    guards.running(draft)
    index = guards.phase_number(draft, command.index)
    if index in state.course.skipped:
        raise refuse(f"{guards.named(draft, index)} is already skipped.")
    if any(record.index == index for record in state.course.history):
        raise refuse(f"{guards.named(draft, index)} has already run.")
    draft.emit("phase.skipped", phase=index)


def _unskip_phase(draft: Draft, command: c.UnskipPhase) -> None:
    guards.running(draft)
    index = guards.phase_number(draft, command.index)
    if index not in draft.state.course.skipped:
        raise refuse(f"{guards.named(draft, index)} is not skipped.")
    draft.emit("phase.unskipped", phase=index)


def _adjust_time(draft: Draft, command: c.AdjustTime) -> None:
    run = guards.current_phase(draft, while_active=False)
    rooms = draft.state.rooms
    if rooms is not None and rooms.open and rooms.phase == run.index:
        adjust_rooms(draft, c.AdjustRooms(command.seconds))
        return
    seconds = guards.seconds_change(command.seconds, "phase's time")
    if run.planned + run.adjusted + seconds < 0:
        raise refuse("That would leave the phase with less than no time.")
    draft.emit("phase.time_adjusted", phase=run.index, seconds=seconds)


def _accept_rebalance(draft: Draft, command: c.AcceptRebalance) -> None:
    guards.running(draft)
    proposal = propose_rebalance(draft.state, draft.t)
    if proposal is None:
        behind = projected_end(draft.state, draft.t) - draft.state.plan.planned_seconds
        if behind < REBALANCE_MIN_S:
            raise refuse("The session is on time: there is no overrun to absorb.")
        raise refuse("No later flex phase has time to give: all are at their minimum.")
    shown = command.durations
    if shown is None:
        draft.emit("schedule.rebalanced", durations=list(proposal.durations))
        return
    problem = rebalance_problem(draft.state, tuple(shown))
    if problem is not None:
        raise refuse(f"That rebalance can no longer be applied: {problem}.")
    draft.emit("schedule.rebalanced", durations=list(shown))


# -- people ---------------------------------------------------------------------------


def _next_id(state: SessionState) -> str:
    highest = 0
    for pid in state.people.roster:
        digits = pid[1:] if pid.startswith("p") else ""
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"p{highest + 1:02d}"


def _add_participant(draft: Draft, command: c.AddParticipant) -> None:
    guards.not_ended(draft)
    participant = _next_id(draft.state)
    draft.emit("participant.added", participant=participant, status="present")
    place_newcomer(draft, participant)


def _mark_attendance(draft: Draft, command: c.MarkAttendance) -> None:
    who = guards.person(draft, command.participant)
    status = command.status
    if status not in STATUSES:
        raise refuse(f"Attendance is one of {', '.join(STATUSES)}; not {status!r}.")
    previous = draft.state.people.status[who]
    if previous == status:
        raise refuse(f"{draft.who(who)} is already marked {status}.")
    if status in AWAY:
        turn = draft.state.floor.turn
        if turn is not None and turn.speaker == who:
            end_turn(draft)
        if draft.state.floor.hand_of(who) is not None:
            draft.emit("hand.lowered", participant=who, reason="away")
    draft.emit("attendance.changed", participant=who, status=status, previous=previous)
    if status in HERE and draft.state.session.ended is None:
        place_newcomer(draft, who)


def _mark_everyone_present(draft: Draft, command: c.MarkEveryonePresent) -> None:
    people = draft.state.people
    unmarked = [p for p in people.roster if people.status.get(p) == "expected"]
    if not unmarked:
        raise refuse("Everyone has an attendance mark already.")
    for who in unmarked:
        _mark_attendance(draft, c.MarkAttendance(who, "present"))


# -- hands and turns ------------------------------------------------------------------


def _raise_hand(draft: Draft, command: c.RaiseHand) -> None:
    guards.running(draft)
    if command.participant == FACILITATOR:
        raise refuse("The facilitator takes the floor with their own key, not a hand.")
    who = guards.here(draft, command.participant)
    if draft.state.floor.hand_of(who) is not None:
        raise refuse(f"{draft.who(who)} already has a hand up.")
    if command.via is not None and command.via not in HAND_SOURCES:
        raise refuse(f"A hand comes by {', '.join(HAND_SOURCES)}; not {command.via!r}.")
    draft.emit("hand.raised", participant=who, via=command.via)


def _lower_hand(draft: Draft, command: c.LowerHand) -> None:
    guards.running(draft)
    who = guards.person(draft, command.participant)
    if draft.state.floor.hand_of(who) is None:
        raise refuse(f"{draft.who(who)} has no hand up.")
    draft.emit("hand.lowered", participant=who, reason="lowered")


def _lower_all_hands(draft: Draft, command: c.LowerAllHands) -> None:
    guards.running(draft)
    hands = draft.state.floor.hands
    if not hands:
        raise refuse("No hands are up.")
    draft.emit("hands.cleared", participants=[hand.participant for hand in hands])


def _next_speaker(draft: Draft, command: c.NextSpeaker) -> None:
    guards.active(draft)
    if not draft.state.floor.hands:
        raise refuse("No hands are up.")
    end_turn(draft)
    head = ordered_hands(draft.state)[0]
    give_turn(draft, head.participant, "queue")


def _start_turn(draft: Draft, command: c.StartTurn) -> None:
    guards.active(draft)
    speaker = command.speaker
    if speaker != FACILITATOR:
        guards.here(draft, speaker)
    turn = draft.state.floor.turn
    if turn is not None and turn.speaker == speaker:
        raise refuse(f"{draft.who(speaker)} already has the floor.")
    give_turn(draft, speaker, "facilitator" if speaker == FACILITATOR else "direct")


def _end_turn(draft: Draft, command: c.EndTurn) -> None:
    guards.running(draft)
    if draft.state.floor.turn is None:
        raise refuse("Nobody has the floor.")
    end_turn(draft)


def _toggle_facilitator_turn(draft: Draft, command: c.ToggleFacilitatorTurn) -> None:
    guards.active(draft)
    turn = draft.state.floor.turn
    if turn is not None and turn.speaker == FACILITATOR:
        end_turn(draft)
        give_back_to_round(draft)
    else:
        give_turn(draft, FACILITATOR, "facilitator")


def _park_item(draft: Draft, command: c.ParkItem) -> None:
    guards.not_ended(draft)
    text = checked_text(command.text, "item")
    draft.emit("item.parked", item_id=len(draft.state.book.parked) + 1, text=text)


# -- close and any time ---------------------------------------------------------------


def _phase_now(draft: Draft) -> int | None:
    return draft.state.phase.index if draft.state.phase is not None else None


def _add_note(draft: Draft, command: c.AddNote) -> None:
    text = checked_text(command.text, "note")
    draft.emit(
        "note.added",
        note_id=len(draft.state.book.notes) + 1,
        text=text,
        private=bool(command.private),
        phase=_phase_now(draft),
    )


def _amend_note(draft: Draft, command: c.AmendNote) -> None:
    count = len(draft.state.book.notes)
    note_id = command.note_id
    if not isinstance(note_id, int) or isinstance(note_id, bool) or not 1 <= note_id <= count:
        raise refuse(f"There is no note {note_id!r}.")
    draft.emit("note.amended", note_id=note_id, text=checked_text(command.text, "note"))


def _add_marker(draft: Draft, command: c.AddMarker) -> None:
    guards.not_ended(draft)
    label = checked_text(command.label, "marker label", limit=SHORT_MAX, multiline=False)
    draft.emit("marker.added", label=label, phase=_phase_now(draft))


def _flag_follow_up(draft: Draft, command: c.FlagFollowUp) -> None:
    who = guards.person(draft, command.participant)
    text = checked_text(command.text, "follow-up note", optional=True)
    draft.emit("followup.flagged", participant=who, text=text)


def _tick(draft: Draft, command: c.Tick) -> None:
    tick(draft, command.drift)


_HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.OpenSession: _open_session,
    c.StartSession: _start_session,
    c.Pause: _pause,
    c.Resume: _resume,
    c.ExplainPause: _explain_pause,
    c.EndSession: _end_session,
    c.NoteInterruption: _note_interruption,
    c.ResumeAfterInterruption: _resume_after_interruption,
    c.NextStep: _next_step,
    c.PreviousStep: _previous_step,
    c.GoToPhase: _go_to_phase,
    c.SkipPhase: _skip_phase,
    c.UnskipPhase: _unskip_phase,
    c.AdjustTime: _adjust_time,
    c.AcceptRebalance: _accept_rebalance,
    c.AddParticipant: _add_participant,
    c.MarkAttendance: _mark_attendance,
    c.MarkEveryonePresent: _mark_everyone_present,
    c.RaiseHand: _raise_hand,
    c.LowerHand: _lower_hand,
    c.LowerAllHands: _lower_all_hands,
    c.NextSpeaker: _next_speaker,
    c.StartTurn: _start_turn,
    c.EndTurn: _end_turn,
    c.ToggleFacilitatorTurn: _toggle_facilitator_turn,
    c.ParkItem: _park_item,
    c.AddNote: _add_note,
    c.AmendNote: _amend_note,
    c.AddMarker: _add_marker,
    c.FlagFollowUp: _flag_follow_up,
    c.Tick: _tick,
    **CARE_HANDLERS,
    **KIND_HANDLERS,
}
