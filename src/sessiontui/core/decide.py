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
from sessiontui.core.breakout import available, close_rooms, open_rooms, place_newcomer
from sessiontui.core.clock import Now
from sessiontui.core.draft import Draft, checked_text, refuse
from sessiontui.core.events import Event
from sessiontui.core.queue import end_turn, give_turn, ordered_hands
from sessiontui.core.rounds import (
    advance,
    capture_answer,
    pass_turn,
    running_round,
    start_round,
    step_back,
    steps_through,
)
from sessiontui.core.schedule import REBALANCE_MIN_S, next_index, projected_end, propose_rebalance
from sessiontui.core.state import (
    AWAY,
    END_REASONS,
    FACILITATOR,
    HERE,
    ROUND_KINDS,
    STATUSES,
    PhaseRun,
    Rooms,
    SessionState,
)
from sessiontui.core.tick import tick
from sessiontui.core.timers import phase_elapsed, phase_length, phase_remaining, rooms_length
from sessiontui.plan.models import (
    BreakoutPhase,
    DiscussionPhase,
    GroundRulesPhase,
    GuestSpeakerPhase,
    QuizPhase,
)
from sessiontui.plan.text import SHORT_MAX

ON_TIME_S = 60
"""A phase ending within this many seconds of its time has completed on time."""

MAX_ADJUST_S = 3600
MAX_POINTS = 100


def decide(state: SessionState, command: c.Command, now: Now) -> list[Event]:
    """The events `command` produces now, or CommandRefused saying why not."""
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise refuse(f"sessiontui does not know the command {type(command).__name__}.")
    draft = Draft(state, now)
    handler(draft, command)
    return draft.events


# -- guards ---------------------------------------------------------------------------


def _not_ended(draft: Draft) -> None:
    if draft.state.session.ended is not None:
        raise refuse("The session has ended.")


def _running(draft: Draft) -> None:
    _not_ended(draft)
    if draft.state.session.started is None:
        raise refuse("The session has not started yet: start it first.")


def _active(draft: Draft) -> None:
    _running(draft)
    if draft.state.session.paused_at is not None:
        raise refuse("The session is paused: resume it first.")


def _phase(draft: Draft, *, active: bool = True) -> PhaseRun:
    if active:
        _active(draft)
    else:
        _running(draft)
    phase = draft.state.phase
    if phase is None:
        raise refuse("No phase is running.")
    return phase


def _person(draft: Draft, participant: str) -> str:
    """A known participant id, or a refusal."""
    if not isinstance(participant, str) or participant not in draft.state.people.status:
        raise refuse(f"There is no participant {participant!r} in this session.")
    return participant


def _here(draft: Draft, participant: str) -> str:
    _person(draft, participant)
    status = draft.state.people.status[participant]
    if status in AWAY:
        raise refuse(f"{draft.who(participant)} is marked {status}: mark them back first.")
    return participant


def _phase_number(draft: Draft, index: int) -> int:
    count = len(draft.state.plan.phases)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
        raise refuse(f"There is no phase {index!r}: the plan has phases 0 to {count - 1}.")
    return index


def _named(draft: Draft, index: int) -> str:
    """A phase as the facilitator knows it: 'The phase "Tea and chat"'."""
    return f'The phase "{draft.state.plan.phases[index].label}"'


def _seconds(seconds: int, what: str) -> int:
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        raise refuse(f"The {what} must be a whole number of seconds.")
    if seconds == 0:
        raise refuse("Adjusting by zero seconds changes nothing.")
    if abs(seconds) > MAX_ADJUST_S:
        raise refuse(f"The {what} can change by at most an hour at a time.")
    return seconds


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
    """Start phase `index` and whatever opens it: a round, the rules, a prompt, a question."""
    plan = draft.state.plan
    phase = plan.phases[index]
    draft.emit(
        "phase.started", phase=index, kind=phase.kind, planned_s=draft.state.durations[index]
    )
    if phase.kind in ROUND_KINDS:
        start_round(draft, index)
    elif isinstance(phase, GroundRulesPhase):
        draft.emit("rules.shown", count=len(draft.state.all_rules()))
    elif isinstance(phase, DiscussionPhase) and phase.prompts:
        draft.emit("prompt.shown", phase=index, index=0)
    elif isinstance(phase, QuizPhase):
        draft.emit("quiz.question_shown", index=0)


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
    _not_ended(draft)
    session = draft.state.session
    if session.started is not None:
        raise refuse("The session has already started.")
    if not session.opened:
        raise refuse("The session log is not open yet.")
    draft.emit("session.started")
    start_phase(draft, 0)


def _pause(draft: Draft, command: c.Pause) -> None:
    _running(draft)
    if draft.state.session.paused_at is not None:
        raise refuse("The session is already paused.")
    reason = checked_text(
        command.reason, "reason", limit=SHORT_MAX, multiline=False, optional=True
    )
    end_turn(draft)
    draft.emit("session.paused", reason=reason)


def _resume(draft: Draft, command: c.Resume) -> None:
    _running(draft)
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
        done = session.started is not None and next_index(draft.state) is None
        reason = "completed" if done else "ended-early"
    finish_phase(draft)
    draft.emit("session.ended", reason=reason)


def _note_interruption(draft: Draft, command: c.NoteInterruption) -> None:
    _not_ended(draft)
    if not draft.state.session.opened:
        raise refuse("There is no session to interrupt: it was never opened.")
    draft.emit("session.interrupted", cause=command.cause[:200])


def _resume_after_interruption(draft: Draft, command: c.ResumeAfterInterruption) -> None:
    _not_ended(draft)
    if not draft.state.session.opened:
        raise refuse("There is no session to continue: it was never opened.")
    gap = max(0.0, draft.t - draft.state.last_t)
    draft.emit("session.continued", gap_s=round(gap, 3))


# -- steps ----------------------------------------------------------------------------


def _next_step(draft: Draft, command: c.NextStep) -> None:
    run = _phase(draft)
    state = draft.state
    phase = state.phase_plan()
    rnd = running_round(state)
    if steps_through(state, rnd):
        advance(draft)
        return
    if isinstance(phase, GroundRulesPhase):
        rules = state.all_rules()
        covered = set(state.course.rules.covered)
        for index in range(len(rules)):
            if index not in covered:
                draft.emit("rule.covered", index=index)
                return
    elif isinstance(phase, DiscussionPhase):
        if run.step + 1 < len(phase.prompts):
            draft.emit("prompt.shown", phase=run.index, index=run.step + 1)
            return
    elif isinstance(phase, BreakoutPhase):
        rooms = state.rooms
        if rooms is None and len(available(state)) >= 2:
            open_rooms(draft)
            return
        if rooms is not None and rooms.open:
            close_rooms(draft, "facilitator")
            return
    elif isinstance(phase, GuestSpeakerPhase):
        if run.qa_at is None:
            draft.emit("guest.questions_started", by="facilitator")
            return
    elif isinstance(phase, QuizPhase):
        if not run.revealed:
            draft.emit("quiz.answer_revealed", index=run.step)
            return
        if run.step + 1 < len(phase.questions):
            draft.emit("quiz.question_shown", index=run.step + 1)
            return
    _move_on(draft)


def _previous_step(draft: Draft, command: c.PreviousStep) -> None:
    run = _phase(draft)
    state = draft.state
    phase = state.phase_plan()
    first = (
        "This is the first step of the phase: use GoToPhase to go back to an earlier phase."
    )
    rnd = running_round(state)
    if rnd is not None:
        if rnd.position < 0:
            raise refuse(first)
        step_back(draft)
    elif isinstance(phase, GroundRulesPhase):
        covered = state.course.rules.covered
        if not covered:
            raise refuse(first)
        draft.emit("rule.uncovered", index=covered[-1])
    elif isinstance(phase, DiscussionPhase):
        if run.step <= 0:
            raise refuse(first)
        draft.emit("prompt.shown", phase=run.index, index=run.step - 1)
    elif isinstance(phase, QuizPhase):
        if run.revealed:
            draft.emit("quiz.question_shown", index=run.step)
        elif run.step > 0:
            draft.emit("quiz.question_shown", index=run.step - 1)
        else:
            raise refuse(first)
    elif isinstance(phase, BreakoutPhase) and state.rooms is not None:
        raise refuse("Rooms cannot be un-opened: close them, or adjust their time.")
    elif isinstance(phase, GuestSpeakerPhase) and run.qa_at is not None:
        raise refuse("Questions have started: the talk cannot be resumed.")
    else:
        raise refuse(first)


def _go_to_phase(draft: Draft, command: c.GoToPhase) -> None:
    _active(draft)
    target = _phase_number(draft, command.index)
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
        _phase(draft)
        following = next_index(state)
        if following is None:
            raise refuse("This is the last phase: end the session instead.")
        _move_on(draft, "skipped")
        return
    _running(draft)
    index = _phase_number(draft, command.index)
    if index in state.course.skipped:
        raise refuse(f"{_named(draft, index)} is already skipped.")
    if any(record.index == index for record in state.course.history):
        raise refuse(f"{_named(draft, index)} has already run.")
    draft.emit("phase.skipped", phase=index)


def _unskip_phase(draft: Draft, command: c.UnskipPhase) -> None:
    _running(draft)
    index = _phase_number(draft, command.index)
    if index not in draft.state.course.skipped:
        raise refuse(f"{_named(draft, index)} is not skipped.")
    draft.emit("phase.unskipped", phase=index)


def _adjust_time(draft: Draft, command: c.AdjustTime) -> None:
    run = _phase(draft, active=False)
    rooms = draft.state.rooms
    if rooms is not None and rooms.open and rooms.phase == run.index:
        _adjust_rooms(draft, c.AdjustRooms(command.seconds))
        return
    seconds = _seconds(command.seconds, "phase's time")
    if run.planned + run.adjusted + seconds < 0:
        raise refuse("That would leave the phase with less than no time.")
    draft.emit("phase.time_adjusted", phase=run.index, seconds=seconds)


def _accept_rebalance(draft: Draft, command: c.AcceptRebalance) -> None:
    _running(draft)
    proposal = propose_rebalance(draft.state, draft.t)
    if proposal is None:
        behind = projected_end(draft.state, draft.t) - draft.state.plan.planned_seconds
        if behind < REBALANCE_MIN_S:
            raise refuse("The session is on time: there is no overrun to absorb.")
        raise refuse("No later flex phase has time to give: all are at their minimum.")
    draft.emit("schedule.rebalanced", durations=list(proposal.durations))


# -- people ---------------------------------------------------------------------------


def _next_id(state: SessionState) -> str:
    highest = 0
    for pid in state.people.roster:
        digits = pid[1:] if pid.startswith("p") else ""
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"p{highest + 1:02d}"


def _add_participant(draft: Draft, command: c.AddParticipant) -> None:
    _not_ended(draft)
    participant = _next_id(draft.state)
    draft.emit("participant.added", participant=participant, status="present")
    place_newcomer(draft, participant)


def _mark_attendance(draft: Draft, command: c.MarkAttendance) -> None:
    who = _person(draft, command.participant)
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


# -- rounds ---------------------------------------------------------------------------


def _pass(draft: Draft, command: c.Pass) -> None:
    _active(draft)
    if command.participant is not None:
        _person(draft, command.participant)
    pass_turn(draft, command.participant)


def _capture_answer(draft: Draft, command: c.CaptureAnswer) -> None:
    _running(draft)
    if command.participant is not None:
        _person(draft, command.participant)
    capture_answer(draft, command.text, command.participant)


# -- ground rules ---------------------------------------------------------------------


def _cover_rule(draft: Draft, command: c.CoverRule) -> None:
    _running(draft)
    rules = draft.state.all_rules()
    index = command.index
    if not isinstance(index, int) or not 0 <= index < len(rules):
        raise refuse(f"There is no rule {index!r}: there are {len(rules)}.")
    if index in draft.state.course.rules.covered:
        raise refuse("That rule is already covered.")
    draft.emit("rule.covered", index=index)


def _add_rule(draft: Draft, command: c.AddRule) -> None:
    _running(draft)
    phase = draft.state.phase_plan()
    if not isinstance(phase, GroundRulesPhase):
        raise refuse("The group adds rules during the ground-rules phase.")
    if not phase.invite_additions:
        raise refuse("This plan does not invite the group to add rules (invite_additions).")
    text = checked_text(command.text, "rule")
    draft.emit("rule.added", index=len(draft.state.all_rules()), text=text)


def _remind_rules(draft: Draft, command: c.RemindRules) -> None:
    _running(draft)
    rules = draft.state.all_rules()
    if not rules:
        raise refuse("The plan has no ground rules to show.")
    draft.emit("rules.reminded", count=len(rules))


# -- hands and turns ------------------------------------------------------------------


def _raise_hand(draft: Draft, command: c.RaiseHand) -> None:
    _running(draft)
    if command.participant == FACILITATOR:
        raise refuse("The facilitator takes the floor with their own key, not a hand.")
    who = _here(draft, command.participant)
    if draft.state.floor.hand_of(who) is not None:
        raise refuse(f"{draft.who(who)} already has a hand up.")
    draft.emit("hand.raised", participant=who)


def _lower_hand(draft: Draft, command: c.LowerHand) -> None:
    _running(draft)
    who = _person(draft, command.participant)
    if draft.state.floor.hand_of(who) is None:
        raise refuse(f"{draft.who(who)} has no hand up.")
    draft.emit("hand.lowered", participant=who, reason="lowered")


def _lower_all_hands(draft: Draft, command: c.LowerAllHands) -> None:
    _running(draft)
    hands = draft.state.floor.hands
    if not hands:
        raise refuse("No hands are up.")
    draft.emit("hands.cleared", participants=[hand.participant for hand in hands])


def _next_speaker(draft: Draft, command: c.NextSpeaker) -> None:
    _active(draft)
    if not draft.state.floor.hands:
        raise refuse("No hands are up.")
    end_turn(draft)
    head = ordered_hands(draft.state)[0]
    give_turn(draft, head.participant, "queue")


def _start_turn(draft: Draft, command: c.StartTurn) -> None:
    _active(draft)
    speaker = command.speaker
    if speaker != FACILITATOR:
        _here(draft, speaker)
    turn = draft.state.floor.turn
    if turn is not None and turn.speaker == speaker:
        raise refuse(f"{draft.who(speaker)} already has the floor.")
    give_turn(draft, speaker, "facilitator" if speaker == FACILITATOR else "direct")


def _end_turn(draft: Draft, command: c.EndTurn) -> None:
    _running(draft)
    if draft.state.floor.turn is None:
        raise refuse("Nobody has the floor.")
    end_turn(draft)


def _toggle_facilitator_turn(draft: Draft, command: c.ToggleFacilitatorTurn) -> None:
    _active(draft)
    turn = draft.state.floor.turn
    if turn is not None and turn.speaker == FACILITATOR:
        end_turn(draft)
    else:
        give_turn(draft, FACILITATOR, "facilitator")


def _park_item(draft: Draft, command: c.ParkItem) -> None:
    _not_ended(draft)
    text = checked_text(command.text, "item")
    draft.emit("item.parked", item_id=len(draft.state.book.parked) + 1, text=text)


# -- breakouts ------------------------------------------------------------------------


def _open_rooms_command(draft: Draft, command: c.OpenRooms) -> None:
    _phase(draft)
    open_rooms(draft)


def _rooms_open(draft: Draft) -> Rooms:
    rooms = draft.state.rooms
    if rooms is None or not rooms.open:
        raise refuse("No rooms are open.")
    return rooms


def _room_number(rooms: Rooms, room: int) -> int:
    count = len(rooms.rooms)
    if not isinstance(room, int) or isinstance(room, bool) or not 1 <= room <= count:
        raise refuse(f"There is no room {room!r}: the rooms are numbered 1 to {count}.")
    return room


def _adjust_rooms(draft: Draft, command: c.AdjustRooms) -> None:
    _running(draft)
    rooms = _rooms_open(draft)
    seconds = _seconds(command.seconds, "rooms' time")
    if rooms_length(rooms) + seconds < 0:
        raise refuse("That would leave the rooms with less than no time.")
    draft.emit("breakout.adjusted", seconds=seconds)


def _request_help(draft: Draft, command: c.RequestHelp) -> None:
    _running(draft)
    rooms = _rooms_open(draft)
    room = _room_number(rooms, command.room)
    if room in rooms.help:
        raise refuse(f"Room {room} is already waiting for help.")
    draft.emit("breakout.help_requested", room=room)


def _answer_help(draft: Draft, command: c.AnswerHelp) -> None:
    _running(draft)
    rooms = draft.state.rooms
    if rooms is None or command.room not in rooms.help:
        raise refuse(f"Room {command.room!r} has not asked for help.")
    draft.emit("breakout.help_answered", room=command.room)


def _close_rooms(draft: Draft, command: c.CloseRooms) -> None:
    _running(draft)
    _rooms_open(draft)
    close_rooms(draft, "facilitator")


def _note_report_back(draft: Draft, command: c.NoteReportBack) -> None:
    _running(draft)
    rooms = draft.state.rooms
    if rooms is None:
        raise refuse("No rooms have opened in this phase.")
    room = _room_number(rooms, command.room)
    draft.emit("breakout.reported", room=room, text=checked_text(command.text, "report-back"))


# -- activities -----------------------------------------------------------------------


def _start_questions(draft: Draft, command: c.StartQuestions) -> None:
    run = _phase(draft)
    if not isinstance(draft.state.phase_plan(), GuestSpeakerPhase):
        raise refuse("Questions start in a guest-speaker phase.")
    if run.qa_at is not None:
        raise refuse("Questions have already started.")
    draft.emit("guest.questions_started", by="facilitator")


def _quiz(draft: Draft) -> tuple[PhaseRun, QuizPhase]:
    run = _phase(draft)
    phase = draft.state.phase_plan()
    if not isinstance(phase, QuizPhase):
        raise refuse("This is not a quiz phase.")
    return run, phase


def _show_question(draft: Draft, command: c.ShowQuestion) -> None:
    run, phase = _quiz(draft)
    index = command.index
    count = len(phase.questions)
    if not isinstance(index, int) or not 0 <= index < count:
        raise refuse(f"There is no question {index!r}: the quiz has 0 to {count - 1}.")
    if index == run.step and not run.revealed:
        raise refuse("That question is showing now.")
    draft.emit("quiz.question_shown", index=index)


def _next_question(draft: Draft, command: c.NextQuestion) -> None:
    run, phase = _quiz(draft)
    if run.step + 1 >= len(phase.questions):
        raise refuse("That was the last question.")
    draft.emit("quiz.question_shown", index=run.step + 1)


def _reveal_answer(draft: Draft, command: c.RevealAnswer) -> None:
    run, _ = _quiz(draft)
    if run.revealed:
        raise refuse("The answer is already showing.")
    draft.emit("quiz.answer_revealed", index=run.step)


def _award_points(draft: Draft, command: c.AwardPoints) -> None:
    _quiz(draft)
    who = _person(draft, command.participant)
    points = command.points
    if not isinstance(points, int) or isinstance(points, bool) or points == 0:
        raise refuse("Give a whole number of points other than zero.")
    if abs(points) > MAX_POINTS:
        raise refuse(f"Points go up to {MAX_POINTS} at a time.")
    if draft.state.course.scores.get(who, 0) + points < 0:
        raise refuse(f"{draft.who(who)} does not have {-points} point"
                     f"{'s' if points != -1 else ''} to take back.")
    draft.emit("quiz.points_awarded", participant=who, points=points)


# -- close and any time ---------------------------------------------------------------


def _started(draft: Draft) -> None:
    if draft.state.session.started is None:
        raise refuse("The session has not started yet: start it first.")


def _add_takeaway(draft: Draft, command: c.AddTakeaway) -> None:
    _started(draft)
    if command.participant is not None:
        _person(draft, command.participant)
    text = checked_text(command.text, "takeaway")
    draft.emit("takeaway.added", text=text, participant=command.participant)


def _record_feedback(draft: Draft, command: c.RecordFeedback) -> None:
    _started(draft)
    score = command.score
    if score is not None and (
        not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
    ):
        raise refuse("A score is a whole number from 1 to 5.")
    comment = checked_text(command.comment, "comment", optional=True)
    if score is None and not comment:
        raise refuse("Give a score from 1 to 5, a comment, or both.")
    if command.participant is not None:
        _person(draft, command.participant)
    draft.emit("feedback.recorded", score=score, comment=comment, participant=command.participant)


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
    _not_ended(draft)
    label = checked_text(command.label, "marker label", limit=SHORT_MAX, multiline=False)
    draft.emit("marker.added", label=label, phase=_phase_now(draft))


def _flag_follow_up(draft: Draft, command: c.FlagFollowUp) -> None:
    who = _person(draft, command.participant)
    text = checked_text(command.text, "follow-up note", optional=True)
    draft.emit("followup.flagged", participant=who, text=text)


def _tick(draft: Draft, command: c.Tick) -> None:
    tick(draft, command.drift)


_HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.OpenSession: _open_session,
    c.StartSession: _start_session,
    c.Pause: _pause,
    c.Resume: _resume,
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
    c.Pass: _pass,
    c.CaptureAnswer: _capture_answer,
    c.CoverRule: _cover_rule,
    c.AddRule: _add_rule,
    c.RemindRules: _remind_rules,
    c.RaiseHand: _raise_hand,
    c.LowerHand: _lower_hand,
    c.LowerAllHands: _lower_all_hands,
    c.NextSpeaker: _next_speaker,
    c.StartTurn: _start_turn,
    c.EndTurn: _end_turn,
    c.ToggleFacilitatorTurn: _toggle_facilitator_turn,
    c.ParkItem: _park_item,
    c.OpenRooms: _open_rooms_command,
    c.AdjustRooms: _adjust_rooms,
    c.RequestHelp: _request_help,
    c.AnswerHelp: _answer_help,
    c.CloseRooms: _close_rooms,
    c.NoteReportBack: _note_report_back,
    c.StartQuestions: _start_questions,
    c.ShowQuestion: _show_question,
    c.NextQuestion: _next_question,
    c.RevealAnswer: _reveal_answer,
    c.AwardPoints: _award_points,
    c.AddTakeaway: _add_takeaway,
    c.RecordFeedback: _record_feedback,
    c.AddNote: _add_note,
    c.AmendNote: _amend_note,
    c.AddMarker: _add_marker,
    c.FlagFollowUp: _flag_follow_up,
    c.Tick: _tick,
}
