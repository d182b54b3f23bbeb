"""What the UI shows, as plain data: pure functions of (state, t).

The widgets render these directly and never reach into the state themselves, so the
live screen, a replay and a test see the same figures. Participants are ids: the UI
puts names on them from the roster file. Text from the plan (prompts, rules, tasks)
and typed text is passed through as it is: render it literally, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from sessiontui.core.breakout import (
    PlatformSettings,
    available,
    compose,
    rooms_duration,
    settings_for,
)
from sessiontui.core.breakout import room_count as planned_rooms
from sessiontui.core.queue import last_participant, ordered_hands, queue_mode, turns_of
from sessiontui.core.rounds import running_round, steps_through
from sessiontui.core.schedule import Schedule, next_index, schedule
from sessiontui.core.state import AWAY, FACILITATOR, SessionState
from sessiontui.core.stats import TalkStats, talk_stats
from sessiontui.core.timers import (
    phase_elapsed,
    phase_length,
    phase_remaining,
    rooms_elapsed,
    rooms_length,
    rooms_remaining,
    turn_elapsed,
)
from sessiontui.plan.models import (
    BreakoutPhase,
    ClosePhase,
    DiscussionPhase,
    GroundRulesPhase,
    GuestSpeakerPhase,
    QuizPhase,
    RoundPhase,
)

# -- the timer ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimerView:
    """The big countdown."""

    label: str
    kind: str | None
    phase: int | None
    planned_s: int
    """The phase's length now: planned + adjustments."""
    adjusted_s: int
    elapsed_s: float
    remaining_s: float
    """Negative once over time."""
    overtime_s: float
    level: str
    """normal | warning | overtime: say it in words too, never by colour alone."""
    paused: bool
    status: str
    """The session's: new | opened | running | paused | ended."""


def timer_view(state: SessionState, t: float) -> TimerView:
    status = state.status
    run = state.phase
    if run is None:
        label = {"ended": "Session ended"}.get(status, "Not started")
        total = sum(d for i, d in enumerate(state.durations) if i not in state.course.skipped)
        return TimerView(label, None, None, total, 0, 0.0, float(total), 0.0, "normal",
                         status == "paused", status)
    phase = state.plan.phases[run.index]
    length = phase_length(state)
    remaining = phase_remaining(state, t)
    alerts = [a for a in phase.alerts if a < length]
    if remaining <= 0:
        level = "overtime"
    elif alerts and remaining <= max(alerts):
        level = "warning"
    else:
        level = "normal"
    return TimerView(
        label=phase.label,
        kind=phase.kind,
        phase=run.index,
        planned_s=length,
        adjusted_s=run.adjusted,
        elapsed_s=phase_elapsed(state, t),
        remaining_s=remaining,
        overtime_s=max(0.0, -remaining),
        level=level,
        paused=state.session.paused_at is not None,
        status=status,
    )


# -- what comes next ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextView:
    """What NextStep will do, and the phase after this one."""

    action: str
    """next-person | complete-round | cover-rule | next-prompt | open-rooms | close-rooms |
    start-questions | reveal-answer | next-question | next-phase | end-session | start."""
    participant: str | None
    text: str | None
    """The rule, prompt or question the step brings up."""
    phase: int | None
    phase_label: str | None
    phase_planned_s: int | None


def next_view(state: SessionState, t: float = 0.0) -> NextView:
    following = next_index(state) if state.session.ended is None else None
    label = state.plan.phases[following].label if following is not None else None
    planned = state.durations[following] if following is not None else None

    def make(action: str, participant: str | None = None, text: str | None = None) -> NextView:
        return NextView(action, participant, text, following, label, planned)

    if state.session.started is None:
        return NextView("start", None, None, 0, state.plan.phases[0].label, state.durations[0])
    run = state.phase
    if run is None or state.session.ended is not None:
        return make("end-session")
    phase = state.plan.phases[run.index]
    rnd = running_round(state)
    if rnd is not None and steps_through(state, rnd):
        upcoming = _next_in_round(state, rnd.position)
        return make("next-person", upcoming) if upcoming else make("complete-round")
    if isinstance(phase, GroundRulesPhase):
        rules = state.all_rules()
        for index, rule in enumerate(rules):
            if index not in state.course.rules.covered:
                return make("cover-rule", text=rule)
    elif isinstance(phase, DiscussionPhase) and run.step + 1 < len(phase.prompts):
        return make("next-prompt", text=phase.prompts[run.step + 1])
    elif isinstance(phase, BreakoutPhase):
        if state.rooms is None:
            return make("open-rooms", text=phase.task)
        if state.rooms.open:
            return make("close-rooms")
    elif isinstance(phase, GuestSpeakerPhase) and run.qa_at is None:
        return make("start-questions")
    elif isinstance(phase, QuizPhase):
        if not run.revealed:
            return make("reveal-answer", text=phase.questions[run.step].answer)
        if run.step + 1 < len(phase.questions):
            return make("next-question", text=phase.questions[run.step + 1].question)
    return make("next-phase") if following is not None else make("end-session")


def _next_in_round(state: SessionState, after: int) -> str | None:
    """Who NextStep will bring on: the same rule as rounds.advance, so "Next" never
    names someone the round will pass over."""
    rnd = state.round
    if rnd is None:
        return None
    for who in rnd.order[after + 1:]:
        if who in rnd.passed or who in rnd.spoke:
            continue
        if state.people.status.get(who, "absent") not in AWAY:
            return who
    return None


# -- rounds ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seat:
    """One person in a round."""

    participant: str
    state: str
    """current | spoke | passed | skipped | away | next | waiting."""
    answer: str | None


@dataclass(frozen=True, slots=True)
class RoundView:
    phase: int
    prompt: str | None
    method: str
    seed: int | None
    capture: str
    seats: tuple[Seat, ...]
    current: str | None
    next: str | None
    current_s: float
    per_person_s: int | None
    over_time: bool
    begun: bool
    completed: bool
    passed: tuple[str, ...]
    spoke: tuple[str, ...]
    skipped: tuple[str, ...]
    answers: dict[str, str]


def round_view(state: SessionState, t: float) -> RoundView | None:
    """The go-around of the running phase (or the last one, once the phase has ended)."""
    rnd = running_round(state)
    if rnd is None:
        return None
    phase = state.plan.phases[rnd.phase]
    assert isinstance(phase, RoundPhase)
    upcoming = _next_in_round(state, rnd.position) if not rnd.completed else None
    seats = []
    for position, who in enumerate(rnd.order):
        if who == rnd.current:
            kind = "current"
        elif who in rnd.passed:
            kind = "passed"
        elif who in rnd.spoke:
            kind = "spoke"
        elif who == upcoming:
            kind = "next"
        elif who in rnd.skipped:
            kind = "skipped"
        elif state.people.status.get(who, "absent") in AWAY:
            kind = "away"
        else:
            kind = "waiting" if position > rnd.position else "spoke"
        seats.append(Seat(who, kind, rnd.answers.get(who)))
    current_s = max(0.0, t - rnd.since) if rnd.current is not None else 0.0
    per_person = phase.per_person
    return RoundView(
        phase=rnd.phase,
        prompt=phase.prompt,
        method=rnd.method,
        seed=rnd.seed,
        capture=phase.capture,
        seats=tuple(seats),
        current=rnd.current,
        next=upcoming,
        current_s=current_s,
        per_person_s=per_person,
        over_time=bool(rnd.current and (rnd.flagged or (per_person and current_s >= per_person))),
        begun=rnd.begun,
        completed=rnd.completed,
        passed=rnd.passed,
        spoke=rnd.spoke,
        skipped=rnd.skipped,
        answers=dict(rnd.answers),
    )


# -- hands and turns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueEntry:
    position: int
    participant: str
    waiting_s: float
    turns: int
    first_time: bool
    """Has not spoken yet in this session: worth bringing in."""
    spoke_last: bool
    """Spoke last: waits behind the others (nobody twice in a row)."""


@dataclass(frozen=True, slots=True)
class QueueView:
    mode: str
    entries: tuple[QueueEntry, ...]
    speaker: str | None
    turn_s: float
    turn_source: str | None
    limit_s: int | None
    over_limit: bool


def queue_view(state: SessionState, t: float) -> QueueView:
    last = last_participant(state)
    entries = tuple(
        QueueEntry(
            position=position,
            participant=hand.participant,
            waiting_s=max(0.0, t - hand.raised),
            turns=turns_of(state, hand.participant),
            first_time=turns_of(state, hand.participant) == 0,
            spoke_last=hand.participant == last and len(state.floor.hands) > 1,
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


@dataclass(frozen=True, slots=True)
class ShareRow:
    speaker: str
    seconds: float
    share: float
    turns: int
    passes: int
    speaking: bool


@dataclass(frozen=True, slots=True)
class TalkView:
    """Talk-time shares: most first, the facilitator on their own line."""

    rows: tuple[ShareRow, ...]
    facilitator: ShareRow
    facilitator_share: float
    not_spoken: tuple[str, ...]
    passed: tuple[str, ...]
    quiet: tuple[str, ...]
    gini: float
    turn_taking: float
    median_wait_s: float | None
    stats: TalkStats


def talk_view(state: SessionState, t: float) -> TalkView:
    stats = talk_stats(state, t)
    turn = state.floor.turn
    speaking = turn.speaker if turn else None
    rows = [
        ShareRow(s.speaker, s.seconds, s.share, s.turns, s.passes, s.speaker == speaking)
        for s in stats.speakers
    ]
    facilitator = next(row for row in rows if row.speaker == FACILITATOR)
    people = sorted(
        (row for row in rows if row.speaker != FACILITATOR), key=lambda r: (-r.seconds, r.speaker)
    )
    return TalkView(
        rows=tuple(people),
        facilitator=facilitator,
        facilitator_share=stats.facilitator_share,
        not_spoken=stats.not_spoken,
        passed=stats.passed,
        quiet=stats.quiet,
        gini=stats.gini,
        turn_taking=stats.turn_taking,
        median_wait_s=stats.median_wait_s,
        stats=stats,
    )


# -- breakouts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoomView:
    number: int
    members: tuple[str, ...]
    away: tuple[str, ...]
    """Members who have since stepped out or left."""
    help: bool
    report: str | None


@dataclass(frozen=True, slots=True)
class BreakoutView:
    phase: int
    label: str
    task: str | None
    status: str
    """preparing | open | closed."""
    method: str
    rooms: tuple[RoomView, ...]
    duration_s: int
    elapsed_s: float
    remaining_s: float
    opening: str | None
    """The opening broadcast, filled in, ready to copy."""
    next_broadcast: str | None
    """The next warning's text, ready to copy before it is due."""
    next_broadcast_at_s: int | None
    last_broadcast: str | None
    settings: PlatformSettings
    help: tuple[int, ...]
    adjusted_s: int
    """Non-zero: change the rooms' time on the platform by hand too."""
    repeated_pairs: int


def breakout_view(state: SessionState, t: float) -> BreakoutView | None:
    """The breakout phase running now, or None."""
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, BreakoutPhase):
        return None
    rooms = state.rooms if state.rooms is not None and state.rooms.phase == run.index else None
    settings = settings_for(state, phase, rooms)
    if rooms is None:
        duration = rooms_duration(state, t)
        if phase.assign == "fixed":
            room_count = len(phase.groups)
        else:
            room_count = planned_rooms(phase, len(available(state)))
        opening = None
        if phase.opening:
            opening = compose(phase.opening, duration, phase.task, room_count)
        nxt = [a for a in phase.alerts if a < duration]
        return BreakoutView(
            run.index, phase.label, phase.task, "preparing", phase.assign, (), duration, 0.0,
            float(duration), opening,
            compose(phase.message, max(nxt), phase.task, room_count) if nxt else None,
            max(nxt) if nxt else None, None, settings, (), 0, 0,
        )
    status = state.people.status
    views = tuple(
        RoomView(
            number,
            members,
            tuple(m for m in members if status.get(m, "absent") in AWAY),
            number in rooms.help,
            rooms.reports.get(number),
        )
        for number, members in enumerate(rooms.rooms, 1)
    )
    length = rooms_length(rooms)
    remaining = rooms_remaining(rooms, t)
    count = len(rooms.rooms)
    pending = [a for a in phase.alerts if a < length and a not in rooms.fired]
    given = [a for a in rooms.fired if a > 0]
    upcoming = max(pending) if pending and rooms.open else None
    opening = compose(phase.opening, length, phase.task, count) if phase.opening else None
    return BreakoutView(
        phase=run.index,
        label=phase.label,
        task=phase.task,
        status="open" if rooms.open else "closed",
        method=rooms.method,
        rooms=views,
        duration_s=length,
        elapsed_s=rooms_elapsed(rooms, t),
        remaining_s=remaining,
        opening=opening,
        next_broadcast=compose(phase.message, upcoming, phase.task, count) if upcoming else None,
        next_broadcast_at_s=upcoming,
        last_broadcast=compose(phase.message, min(given), phase.task, count) if given else None,
        settings=settings,
        help=rooms.help,
        adjusted_s=rooms.adjusted,
        repeated_pairs=rooms.repeated_pairs,
    )


# -- activities -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuizView:
    index: int
    total: int
    question: str
    choices: tuple[str, ...]
    answer: str | None
    """None until revealed."""
    revealed: bool
    scores: tuple[tuple[str, int], ...]
    """Highest first."""


def quiz_view(state: SessionState, t: float = 0.0) -> QuizView | None:
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, QuizPhase):
        return None
    index = min(run.step, len(phase.questions) - 1)
    question = phase.questions[index]
    scores = sorted(state.course.scores.items(), key=lambda item: (-item[1], item[0]))
    return QuizView(
        index=index,
        total=len(phase.questions),
        question=question.question,
        choices=tuple(question.choices),
        answer=question.answer if run.revealed else None,
        revealed=run.revealed,
        scores=tuple(scores),
    )


@dataclass(frozen=True, slots=True)
class GuestView:
    speaker: str | None
    topic: str | None
    part: str
    """talk | qa."""
    talk_left_s: float
    qa_planned_s: int
    qa_left_s: float
    hands: int


def guest_view(state: SessionState, t: float) -> GuestView | None:
    run = state.phase
    phase = state.phase_plan()
    if run is None or not isinstance(phase, GuestSpeakerPhase):
        return None
    remaining = phase_remaining(state, t)
    in_qa = run.qa_at is not None
    talk_left = 0.0 if in_qa else phase.talk_seconds - phase_elapsed(state, t)
    qa_planned = phase.qa or 0
    return GuestView(
        speaker=phase.speaker,
        topic=phase.topic,
        part="qa" if in_qa else "talk",
        talk_left_s=talk_left,
        qa_planned_s=qa_planned,
        qa_left_s=remaining if in_qa else float(min(qa_planned, max(0.0, remaining))),
        hands=len(state.floor.hands),
    )


# -- ground rules ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleLine:
    index: int
    text: str
    covered: bool
    added: bool
    """Added by the group today."""


@dataclass(frozen=True, slots=True)
class RulesView:
    lines: tuple[RuleLine, ...]
    covered: int
    reminders: int
    invite_additions: bool


def rules_view(state: SessionState, t: float = 0.0) -> RulesView:
    planned = len(state.plan.ground_rules.rules)
    covered = set(state.course.rules.covered)
    phase = state.phase_plan()
    lines = tuple(
        RuleLine(i, text, i in covered, i >= planned) for i, text in enumerate(state.all_rules())
    )
    return RulesView(
        lines=lines,
        covered=len(covered),
        reminders=state.course.rules.reminders,
        invite_additions=isinstance(phase, GroundRulesPhase) and phase.invite_additions,
    )


# -- close ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CloseView:
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


def close_view(state: SessionState, t: float) -> CloseView:
    """The close screen: available in any phase, fullest in a close phase."""
    phase = state.phase_plan()
    is_close = isinstance(phase, ClosePhase)
    scores = [item.score for item in state.book.feedback if item.score is not None]
    return CloseView(
        round=round_view(state, t) if is_close else None,
        prompt=phase.prompt if is_close else None,
        feedback_prompt=phase.feedback if is_close else _feedback_prompt(state),
        takeaways=tuple((item.text, item.participant) for item in state.book.takeaways),
        feedback=tuple(
            (item.score, item.comment, item.participant) for item in state.book.feedback
        ),
        average_score=sum(scores) / len(scores) if scores else None,
        follow_ups=tuple((item.participant, item.text) for item in state.book.follow_ups),
        parked=tuple(item.text for item in state.book.parked),
    )


def _feedback_prompt(state: SessionState) -> str | None:
    for phase in state.plan.phases:
        if isinstance(phase, ClosePhase) and phase.feedback:
            return phase.feedback
    return None


# -- notes ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoteLine:
    note_id: int
    t: float
    text: str
    """The latest text, corrections applied."""
    original: str
    amended: bool
    private: bool
    phase: int | None


def notes_view(
    state: SessionState, t: float = 0.0, newest: int | None = None
) -> tuple[NoteLine, ...]:
    """Notes with corrections applied, oldest first (only the `newest` N if given)."""
    latest: dict[int, str] = {}
    for amendment in state.book.amendments:
        latest[amendment.note_id] = amendment.text
    if newest is None:
        notes = list(state.book.notes)
    else:
        notes = list(islice(state.book.notes.newest(), max(0, newest)))
        notes.reverse()
    return tuple(
        NoteLine(
            n.note_id, n.t, latest.get(n.note_id, n.text), n.text, n.note_id in latest,
            n.private, n.phase,
        )
        for n in notes
    )


# -- agenda ---------------------------------------------------------------------------


def agenda_view(state: SessionState, t: float) -> Schedule:
    """The agenda rows (planned/actual, done/current/next), ahead/behind, and any
    rebalance proposal: see schedule.Schedule."""
    return schedule(state, t)


@dataclass(frozen=True, slots=True)
class SessionView:
    """Everything the live screen shows, in one call per repaint.

    Views that do not apply to the running phase are None (no rooms outside a breakout
    phase, no quiz outside a quiz).
    """

    t: float
    status: str
    timer: TimerView
    next: NextView
    agenda: Schedule
    round: RoundView | None
    queue: QueueView
    talk: TalkView
    breakout: BreakoutView | None
    quiz: QuizView | None
    guest: GuestView | None
    rules: RulesView
    close: CloseView
    notes: tuple[NoteLine, ...]
    """The latest few notes (see NOTES_SHOWN)."""
    unknown_events: int
    """Events from a newer version that were skipped: say so on screen."""


NOTES_SHOWN = 5


def session_view(state: SessionState, t: float) -> SessionView:
    """All the views at `t`."""
    return SessionView(
        t=t,
        status=state.status,
        timer=timer_view(state, t),
        next=next_view(state, t),
        agenda=agenda_view(state, t),
        round=round_view(state, t),
        queue=queue_view(state, t),
        talk=talk_view(state, t),
        breakout=breakout_view(state, t),
        quiz=quiz_view(state, t),
        guest=guest_view(state, t),
        rules=rules_view(state, t),
        close=close_view(state, t),
        notes=notes_view(state, t, newest=NOTES_SHOWN),
        unknown_events=state.unknown_events,
    )
