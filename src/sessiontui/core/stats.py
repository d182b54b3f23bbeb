"""Figures about who spoke, how long, and how the time went: live and in reports.

All computed from the state and a time `t`, so the turn in progress counts up to `t`.

- Talk time and turns per person and for the facilitator; the facilitator's share of
  all talk.
- Gini of speaking time among participants who were there (everyone not marked absent,
  silent people included as zero): 0 is perfectly even, towards 1 one voice dominates.
  G = Σᵢ (2i − n − 1)·xᵢ / (n·Σx) over the sorted times.
- Turn-taking index, as conversational-featurizer defines it (Almaatouq et al. 2023):
  (turns − 1) / (chats − 1), where a chat is one speaking turn and a turn is a run of
  consecutive chats by the same speaker; 0 with fewer than two chats. Put plainly: the
  turns where the speaker changed, over all turns but the first. 1 means the floor
  changed hands every time; lower means people spoke several times in a row. Everyone
  who spoke counts, the facilitator too.
- Bridging: of the handovers from one member's turn to the next member's turn, how
  many had the facilitator speak in between (member → facilitator → member).
- First-turn wait: from when a person could first speak (the session's start, or
  when they arrived if they came late or walked in) to the start of their first turn.
- Who has not spoken yet: here (or stepped out), never had a turn. Passing is not
  speaking, and passes are listed on their own: passing is a right, not silence.
- Waits from hand raised to turn given (lowered hands without a turn are not waits).
"""

from __future__ import annotations

import statistics
from itertools import pairwise
from typing import NamedTuple

from sessiontui.core.state import FACILITATOR, HERE, SessionState
from sessiontui.core.timers import phase_elapsed, rooms_elapsed, rooms_length, turn_elapsed

ATTENDED = HERE | {"stepped-out", "left"}
"""Statuses of people who were in the session at some point (all but absent)."""


def gini(values: list[float] | tuple[float, ...]) -> float:
    """Gini coefficient of non-negative values; 0 for none, one, or all zero."""
    xs = sorted(max(0.0, float(v)) for v in values)
    n = len(xs)
    total = sum(xs)
    if n < 2 or total <= 0:
        return 0.0
    weighted = sum((2 * i - n - 1) * x for i, x in enumerate(xs, 1))
    return weighted / (n * total)


def turn_taking_index(chats: int, runs: int) -> float:
    """(runs − 1) / (chats − 1); 0 when fewer than two chats."""
    if chats < 2:
        return 0.0
    return (runs - 1) / (chats - 1)


def speaker_changes(speakers: list[str] | tuple[str, ...]) -> int:
    """Turns whose speaker differs from the turn before (the first turn is not one)."""
    return sum(1 for before, now in pairwise(speakers) if now != before)


def turn_taking_of(speakers: list[str] | tuple[str, ...]) -> float:
    """The turn-taking index of a sequence of speakers: changes / (turns − 1); 0 when
    fewer than two turns. The same figure as turn_taking_index(chats, runs)."""
    if len(speakers) < 2:
        return 0.0
    return speaker_changes(speakers) / (len(speakers) - 1)


def bridges(speakers: list[str] | tuple[str, ...], facilitator: str = FACILITATOR
            ) -> tuple[int, int]:
    """(bridged, handovers): handovers from one member's turn to the next member's
    turn, and how many of them had the facilitator speak in between."""
    bridged = handovers = 0
    member_before = False
    facilitator_since = False
    for speaker in speakers:
        if speaker == facilitator:
            facilitator_since = True
            continue
        if member_before:
            handovers += 1
            bridged += facilitator_since
        member_before = True
        facilitator_since = False
    return bridged, handovers


def median(values: list[float] | tuple[float, ...]) -> float | None:
    return statistics.median(values) if values else None


class SpeakerStats(NamedTuple):
    speaker: str
    seconds: float
    turns: int
    share: float
    """Of all talk, the facilitator's included."""
    passes: int


class TalkStats(NamedTuple):
    speakers: tuple[SpeakerStats, ...]
    """Participants who attended, in roster order, then the facilitator."""
    total_s: float
    participants_s: float
    facilitator_s: float
    facilitator_share: float
    gini: float
    turn_taking: float
    chats: int
    runs: int
    not_spoken: tuple[str, ...]
    passed: tuple[str, ...]
    quiet: tuple[str, ...]
    """Attended participants below half the median speaking time (suitenumerique#919)."""
    waits: tuple[float, ...]
    median_wait_s: float | None

    def of(self, speaker: str) -> SpeakerStats | None:
        for row in self.speakers:
            if row.speaker == speaker:
                return row
        return None


def talk_stats(state: SessionState, t: float, *, this_phase: bool = False) -> TalkStats:
    """Talk figures at `t`, the turn in progress included: of the whole session, or
    (`this_phase`) of the running phase alone."""
    talk = state.talk
    seconds = dict(talk.seconds)
    turns = dict(talk.turns)
    passes = dict(talk.passes)
    chats, runs = talk.chats, talk.runs
    waits = tuple(wait.seconds for wait in talk.waits)
    before = state.phase.talk_before if this_phase and state.phase is not None else None
    if before is not None:
        seconds = {p: s - before.seconds.get(p, 0.0) for p, s in seconds.items()}
        turns = {p: n - before.turns.get(p, 0) for p, n in turns.items()}
        passes = {p: n - before.passes.get(p, 0) for p, n in passes.items()}
        chats, runs = chats - before.chats, runs - before.runs
        waits = waits[len(before.waits):]
    turn = state.floor.turn
    if turn is not None:
        speaker = turn.speaker
        seconds[speaker] = seconds.get(speaker, 0.0) + turn_elapsed(state, t)
        turns[speaker] = turns.get(speaker, 0) + 1
        chats += 1
        runs += speaker != talk.last_speaker
    status = state.people.status
    attended = [
        p for p in state.people.roster if status.get(p) in ATTENDED or seconds.get(p, 0.0) > 0
    ]
    total = sum(seconds.values())
    facilitator = seconds.get(FACILITATOR, 0.0)
    rows = [
        SpeakerStats(
            p, seconds.get(p, 0.0), turns.get(p, 0),
            seconds.get(p, 0.0) / total if total else 0.0, passes.get(p, 0),
        )
        for p in attended
    ]
    rows.append(
        SpeakerStats(
            FACILITATOR, facilitator, turns.get(FACILITATOR, 0),
            facilitator / total if total else 0.0, 0,
        )
    )
    times = [seconds.get(p, 0.0) for p in attended]
    middle = median(times)
    quiet = tuple(
        p for p in attended
        if middle and seconds.get(p, 0.0) < middle / 2 and status.get(p) in HERE
    )
    not_spoken = tuple(
        p for p in state.people.roster
        if (status.get(p) in HERE or status.get(p) == "stepped-out") and not turns.get(p)
    )
    return TalkStats(
        speakers=tuple(rows),
        total_s=total,
        participants_s=total - facilitator,
        facilitator_s=facilitator,
        facilitator_share=facilitator / total if total else 0.0,
        gini=gini(times),
        turn_taking=turn_taking_index(chats, runs),
        chats=chats,
        runs=runs,
        not_spoken=not_spoken,
        passed=tuple(p for p in state.people.roster if passes.get(p)),
        quiet=quiet,
        waits=waits,
        median_wait_s=median(waits),
    )


class ShareRow(NamedTuple):
    speaker: str
    seconds: float
    share: float
    turns: int
    passes: int
    speaking: bool


class TalkView(NamedTuple):
    """Talk-time shares as a panel lists them: members most first, the facilitator on a
    line of their own; the figures behind them in `stats`."""

    rows: tuple[ShareRow, ...]
    facilitator: ShareRow
    stats: TalkStats
    session_share: float | None = None
    """With the phase's own shares: the facilitator's share of the whole session."""


def talk_view(state: SessionState, t: float, *, this_phase: bool = False) -> TalkView:
    """The shares of the whole session, or (`this_phase`) of the running phase alone,
    with the facilitator's whole-session share beside them."""
    stats = talk_stats(state, t, this_phase=this_phase)
    whole = talk_stats(state, t).facilitator_share if this_phase else None
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
    return TalkView(rows=tuple(people), facilitator=facilitator, stats=stats,
                    session_share=whole)


class PhaseStats(NamedTuple):
    """Planned against actual for one run of a phase."""

    index: int
    label: str
    planned_s: int
    """The length it started with (after any rebalance)."""
    adjusted_s: int
    actual_s: float
    outcome: str | None
    """None while it is still running."""

    @property
    def over_s(self) -> float:
        """Seconds over its time (negative: under)."""
        return self.actual_s - (self.planned_s + self.adjusted_s)


def phase_stats(state: SessionState, t: float) -> tuple[PhaseStats, ...]:
    """Every phase run so far, the running one last."""
    phases = state.plan.phases
    rows = [
        PhaseStats(r.index, phases[r.index].label, r.planned, r.adjusted, r.active, r.outcome)
        for r in state.course.history
    ]
    run = state.phase
    if run is not None:
        rows.append(
            PhaseStats(
                run.index, phases[run.index].label, run.planned, run.adjusted,
                phase_elapsed(state, t), None,
            )
        )
    return tuple(rows)


class BreakoutStats(NamedTuple):
    phase: int
    rooms: int
    sizes: tuple[int, ...]
    planned_s: int
    actual_s: float
    closed_by: str | None
    repeated_pairs: int


def breakout_stats(state: SessionState, t: float) -> tuple[BreakoutStats, ...]:
    """Every time rooms opened: how long they were planned for and how long they ran."""
    all_rooms = list(state.course.past_rooms)
    if state.rooms is not None:
        all_rooms.append(state.rooms)
    return tuple(
        BreakoutStats(
            phase=rooms.phase,
            rooms=len(rooms.rooms),
            sizes=tuple(len(room) for room in rooms.rooms),
            planned_s=rooms_length(rooms),
            actual_s=rooms_elapsed(rooms, t),
            closed_by=rooms.closed_by,
            repeated_pairs=rooms.repeated_pairs,
        )
        for rooms in all_rooms
    )
