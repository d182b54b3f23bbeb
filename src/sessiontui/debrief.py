"""The debrief: what a facilitator wants to know right after the call, as plain facts.

Built from the folded state alone (the same `reduce` as live, replay and report), at the
session's end, and from a wall time the caller passes in (the app's injected clock):
nothing here reads a clock, a file or a terminal. People appear by id; the screen names
them from the roster, since the debrief is the facilitator's own.

- Timing: planned against ran, ahead or behind the plan at the end, how it ended, and
  when it ended early, where: the phase it ended in, the phases not reached, and who had
  not had their go in the round it ended in.
- Attendance: came N of M expected; late, stepped out, left, walk-ins; absent named.
  Attendance is what the state says at the end: someone marked late and later marked
  present counts as present.
- Talk: turns and passes per person, and the facilitator's share of talk time.
- Words: round answers and takeaways (members' words), follow-ups and the parking lot
  (the facilitator's own, private), feedback on the platform.
- The next date of a repeating group, and the log's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import NamedTuple

from sessiontui.core.care import CareFollowUp
from sessiontui.core.phases.rounds import close_view
from sessiontui.core.schedule import schedule
from sessiontui.core.state import AWAY, FACILITATOR, RoundRun, SessionState
from sessiontui.core.stats import ATTENDED, phase_stats, talk_view
from sessiontui.plan.budget import next_dates, plan_zone
from sessiontui.plan.models import RoundPhase


class RoundCut(NamedTuple):
    """The round a session ended in before everyone had their go."""

    label: str
    waiting: tuple[str, ...]
    """Here, and had neither their go nor passed."""
    on: str | None
    """Who was having their go when it ended."""


class Timing(NamedTuple):
    """The session against its plan."""

    end_reason: str | None
    """completed | ended-early | interrupted; None if it never ended (or never started)."""
    started: bool
    planned_s: int
    """The plan's phases added up, as written."""
    ran_s: float
    """From start to end, pauses included: how long the call ran."""
    paused_s: float
    behind_s: float
    """Where the session stood against the plan when it ended: positive behind,
    negative ahead (see `behind_at_end`)."""
    started_at: datetime | None
    ended_at: datetime | None
    ended_in: str | None
    """The phase running when it ended (its title)."""
    ended_phase: int | None
    phases: int
    not_reached: tuple[str, ...]
    skipped: tuple[str, ...]
    round_cut: RoundCut | None
    """When it ended early in a go-around: who had not had their go."""


class Attendance(NamedTuple):
    expected: int
    """People on the plan's roster (walk-ins not included)."""
    came: int
    """Of those expected, how many were there at some point."""
    unmarked: int
    """Of those counted as came, how many were never marked (counted as here)."""
    late: tuple[str, ...]
    stepped_out: tuple[str, ...]
    """Stepped out, whether or not they came back."""
    left: tuple[str, ...]
    walk_ins: tuple[str, ...]
    absent: tuple[str, ...]


class Speaker(NamedTuple):
    participant: str
    turns: int
    passes: int
    seconds: float
    share: float


class Talk(NamedTuple):
    people: tuple[Speaker, ...]
    """Those who attended, most talk first."""
    facilitator: Speaker
    facilitator_share: float
    total_s: float


class Answers(NamedTuple):
    """One go-around's captured answers (members' words), in the round's order."""

    label: str
    prompt: str | None
    capture: str
    answers: tuple[tuple[str, str], ...]
    """(participant, text)."""


@dataclass(frozen=True)
class Debrief:
    """Everything the end-of-session screen says, by id, with no formatting."""

    title: str
    rehearsal: bool
    zone: tzinfo
    timing: Timing
    attendance: Attendance
    talk: Talk
    follow_ups: tuple[tuple[str, str], ...]
    """(participant, private note): the facilitator's own, shown first."""
    safeguarding: tuple[CareFollowUp, ...]
    """Safeguarding follow-ups, before every other."""
    lead: str | None
    """The plan's safeguarding lead and contact."""
    steps: tuple[str, ...]
    """The plan's safeguarding steps, by index."""
    parked: tuple[str, ...]
    rounds: tuple[Answers, ...]
    takeaways: tuple[tuple[str, str | None], ...]
    feedback: tuple[tuple[int | None, str, str | None], ...]
    average_score: float | None
    scores: tuple[tuple[str, int], ...]
    next_date: datetime | None
    log: Path


def build_debrief(state: SessionState, *, wall: datetime, log: Path) -> Debrief:
    """The debrief of a session, at its end (or at session time `state.last_t` if it
    has not ended), with the next date counted from `wall`."""
    session = state.session
    t = session.ended if session.ended is not None else state.last_t
    close = close_view(state, t)
    dates = next_dates(state.plan, wall, count=1)
    return Debrief(
        title=state.plan.session.title,
        rehearsal=session.rehearsal,
        zone=plan_zone(state.plan),
        timing=timing(state, t),
        attendance=attendance(state),
        talk=talk(state, t),
        follow_ups=close.follow_ups,
        safeguarding=close.safeguarding,
        lead=close.lead,
        steps=close.steps,
        parked=close.parked,
        rounds=round_answers(state),
        takeaways=close.takeaways,
        feedback=close.feedback,
        average_score=close.average_score,
        scores=tuple(sorted(state.course.scores.items(), key=lambda item: -item[1])),
        next_date=dates[0] if dates else None,
        log=log,
    )


# -- timing -----------------------------------------------------------------------------


def timing(state: SessionState, t: float) -> Timing:
    session = state.session
    plan = state.plan
    agenda = schedule(state, t)
    history = state.course.history
    last = history[-1] if history else None
    if state.phase is not None:  # not ended: the phase running now
        ended_phase: int | None = state.phase.index
    else:
        ended_phase = last.index if last is not None else None
    started = session.started
    ran = max(0.0, t - started) if started is not None else 0.0
    paused = session.paused_total
    if session.paused_at is not None:
        paused += max(0.0, t - session.paused_at)
    origin = session.wall_origin
    rows = agenda.rows
    return Timing(
        end_reason=session.end_reason,
        started=started is not None,
        planned_s=plan.planned_seconds,
        ran_s=ran,
        paused_s=paused,
        behind_s=behind_at_end(state, t, ended_phase),
        started_at=_wall(origin, started),
        ended_at=_wall(origin, session.ended),
        ended_in=plan.phases[ended_phase].label if ended_phase is not None else None,
        ended_phase=ended_phase,
        phases=len(plan.phases),
        not_reached=tuple(row.label for row in rows if row.status in ("pending", "next")),
        skipped=tuple(row.label for row in rows
                      if row.status == "skipped" or row.outcome == "skipped"),
        round_cut=round_cut(state) if session.end_reason != "completed" else None,
    )


def behind_at_end(state: SessionState, t: float, phase: int | None) -> float:
    """How far behind the plan (as written) the session was when it ended; negative:
    ahead.

    Run to its end, it is the length it ran against the length planned. Ended early, in
    `phase`, it is where that phase stood: how late it started against the plan, plus
    any time it had run over by then. Ending early is not being ahead.
    """
    session = state.session
    if session.started is None:
        return 0.0
    if session.end_reason == "completed" or phase is None:
        return (t - session.started) - state.plan.planned_seconds
    late = schedule(state, t).rows[phase].delta_s or 0.0
    runs = [row for row in phase_stats(state, t) if row.index == phase]
    over = max(0.0, runs[-1].over_s) if runs else 0.0
    return late + over


def round_cut(state: SessionState) -> RoundCut | None:
    """The go-around the session ended in, if some had not had their go."""
    rnd = state.round
    if rnd is None:
        rounds = state.course.rounds
        history = state.course.history
        if not rounds or not history or rounds[-1].phase != history[-1].index:
            return None
        rnd = rounds[-1]
    if rnd.completed or not rnd.begun:
        return _unbegun(state, rnd)
    waiting = tuple(
        who for position, who in enumerate(rnd.order)
        if position > rnd.position and who not in rnd.spoke and who not in rnd.passed
        and state.people.status.get(who, "absent") not in AWAY
    )
    on = rnd.current if rnd.current not in rnd.passed else None
    if not waiting and on is None:
        return None
    return RoundCut(state.plan.phases[rnd.phase].label, waiting, on)


def _unbegun(state: SessionState, rnd: RoundRun) -> RoundCut | None:
    """A round that ended before it began: everyone here is still waiting."""
    if rnd.completed:
        return None
    waiting = tuple(
        who for who in rnd.order if state.people.status.get(who, "absent") not in AWAY
    )
    return RoundCut(state.plan.phases[rnd.phase].label, waiting, None) if waiting else None


def _wall(origin: float | None, t: float | None) -> datetime | None:
    if origin is None or t is None:
        return None
    return datetime.fromtimestamp(origin, UTC) + timedelta(seconds=t)


# -- people ---------------------------------------------------------------------------


def attendance(state: SessionState) -> Attendance:
    people = state.people
    status = people.status
    spoke = state.talk.turns
    walk_ins = set(people.walk_ins)

    def came(who: str) -> bool:
        return status.get(who) in ATTENDED or bool(spoke.get(who))

    expected = [p for p in people.roster if p not in walk_ins]
    return Attendance(
        expected=len(expected),
        came=sum(1 for p in expected if came(p)),
        unmarked=sum(1 for p in expected if status.get(p) == "expected"),
        late=tuple(p for p in people.roster if status.get(p) == "late"),
        stepped_out=tuple(p for p in people.roster if status.get(p) in ("stepped-out", "back")),
        left=tuple(p for p in people.roster if status.get(p) == "left"),
        walk_ins=tuple(people.walk_ins),
        absent=tuple(p for p in people.roster if status.get(p) == "absent"),
    )


def talk(state: SessionState, t: float) -> Talk:
    view = talk_view(state, t)
    people = tuple(
        Speaker(row.speaker, row.turns, row.passes, row.seconds, row.share)
        for row in view.rows
    )
    me = view.facilitator
    return Talk(
        people=people,
        facilitator=Speaker(FACILITATOR, me.turns, 0, me.seconds, me.share),
        facilitator_share=view.stats.facilitator_share,
        total_s=view.stats.total_s,
    )


def round_answers(state: SessionState) -> tuple[Answers, ...]:
    """Every go-around with answers captured, in the order they ran."""
    rounds = list(state.course.rounds)
    if state.round is not None:
        rounds.append(state.round)
    out = []
    for rnd in rounds:
        if not rnd.answers or not 0 <= rnd.phase < len(state.plan.phases):
            continue
        phase = state.plan.phases[rnd.phase]
        order = {who: position for position, who in enumerate(rnd.order)}
        answers = sorted(rnd.answers.items(), key=lambda item: order.get(item[0], len(order)))
        out.append(Answers(
            label=phase.label,
            prompt=phase.prompt if isinstance(phase, RoundPhase) else None,
            capture=phase.capture if isinstance(phase, RoundPhase) else "text",
            answers=tuple(answers),
        ))
    return tuple(out)
