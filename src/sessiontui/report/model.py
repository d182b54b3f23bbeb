"""The report as data: what happened in a session, with names already applied.

`build_report` folds a log with the core (see `walk`) and reads every figure from
`core.stats`, `core.schedule` and `core.views`, the functions the live screen uses,
so a report never disagrees with what the facilitator saw. Every string in the model
has been through the session's `Naming` (names, or pseudonyms and scrubbed text), so
the renderers (Markdown, HTML, JSON) cannot leak what the model does not hold.

The shape is documented for tool-builders in docs/report-schema.md (SCHEMA_VERSION).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sessiontui.core.care import follow_ups as care_follow_ups
from sessiontui.core.care import lead
from sessiontui.core.phases.ground_rules import rules_view
from sessiontui.core.phases.rounds import close_view
from sessiontui.core.privacy import Disclosure
from sessiontui.core.schedule import schedule
from sessiontui.core.state import SessionState
from sessiontui.core.stats import (
    ATTENDED,
    breakout_stats,
    bridges,
    gini,
    phase_stats,
    speaker_changes,
    talk_view,
)
from sessiontui.core.views import notes_view
from sessiontui.core.vocabulary import text_privacy, text_what
from sessiontui.journal.header import LogHeader
from sessiontui.journal.reader import LogContents
from sessiontui.plan.models import (
    GuestSpeakerPhase,
    Plan,
    QuizPhase,
    RoundPhase,
)
from sessiontui.report import fmt
from sessiontui.report.names import GUEST, Naming, build_namings, guest_names
from sessiontui.report.walk import Walk, draining, walk

SCHEMA_VERSION = 1

# -- the parts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A damaged line that `--salvage` passed over."""

    line: int
    """Its line number in the file (the header is line 1)."""
    after_s: float | None
    """Session time of the last sound event before it."""
    clock: str
    """That time as HH:MM in the session's zone."""
    reason: str


@dataclass(frozen=True, slots=True)
class About:
    """Where the figures come from, and how much to trust them."""

    file: str
    session_id: str
    app_version: str
    events: int
    status: str
    """finished | interrupted | damaged (the log's state, as `sessiontui logs` says)."""
    end_reason: str | None
    rehearsal: bool
    damage: str | None
    """What could not be read (LogContents.damage.describe()); the report covers the rest."""
    lost_bytes: int
    warnings: tuple[str, ...]
    unknown_events: int
    bad_events: int
    names: str
    """roster | pseudonyms | anonymized."""
    names_scrubbed: bool
    """Anonymized, with roster names looked for in free text (False: no roster to look with)."""
    notes: str
    """shared (private text left out) | all."""
    exported: bool
    """The log is a trainer export made by `sessiontui export`."""
    replacements: int = 0
    """Names replaced in the text (anonymized; for an export, when it was made)."""
    people_left_out: bool = False
    """The per-person table (and quiz points) left out: `--no-people`."""
    comments: str = "not-asked"
    """The trainer's replay comments: included (`--include-comments`) | not-asked."""
    skipped_lines: tuple[SkippedLine, ...] = ()
    """Damaged lines passed over by `--salvage` (the events after them are used)."""


@dataclass(frozen=True, slots=True)
class Timing:
    tz: str
    started_at: str | None
    """UTC wall time the session started (ISO, ms, Z), None if it never started."""
    started_local: str
    date: str
    planned_s: int
    """The sum of the plan's phase lengths."""
    actual_s: float | None
    """Start to end (or to the last event), pauses included."""
    over_s: float | None
    """Actual minus planned: positive ran over."""
    paused_s: float
    pauses: int
    interruptions: int
    down_s: float
    """Time the app was down after crashes (the call went on)."""
    time: str = "-"
    """HH:MM the session started, in its zone ("-" if it never started)."""


@dataclass(frozen=True, slots=True)
class PhaseRow:
    """One phase of the plan against what happened to it."""

    index: int
    title: str
    kind: str
    status: str
    """ran | running (when the log ends) | skipped | not-reached."""
    runs: int
    planned_start_s: int
    planned_clock: str
    actual_start_s: float | None
    actual_clock: str
    start_delta_s: float | None
    """Actual minus planned start: positive began later than planned."""
    planned_s: int
    """Its length in the plan."""
    given_s: int | None
    """The time it was given: the length it started with (after any rebalance) plus
    time added or taken off, summed over its runs."""
    actual_s: float | None
    """Active time it ran (pauses excluded), summed over its runs."""
    over_s: float | None
    """Actual minus given, summed over its runs (the live timer's overtime)."""
    outcome: str | None
    """completed | moved-on-early | ran-over | skipped, for its last run."""
    talk_s: float
    facilitator_s: float
    why: tuple[str, ...]
    """What the facilitator did to its time, and the reasons they gave."""
    gini: float | None = None
    """Gini of members' speaking time during it (members who came, silent ones as 0);
    None when members did not speak in it."""

    @property
    def facilitator_share(self) -> float | None:
        return self.facilitator_s / self.talk_s if self.talk_s else None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One participant: attendance, talk, turns, passes, waits."""

    id: str
    name: str
    status: str
    """Attendance at the end: expected (never marked) | present | late | stepped-out |
    back | left | absent."""
    attended: bool
    walk_in: bool
    late: bool
    stepped_out: int
    left_early: bool
    seconds: float
    turns: int
    share: float
    """Of all talk, the facilitator's included."""
    passes: int
    spoke: bool
    quiet: bool
    """Attended and spoke less than half the median (a prompt, not a verdict)."""
    waits: int
    median_wait_s: float | None
    longest_wait_s: float | None
    points: int | None
    first_turn_wait_s: float | None = None
    """From when they could first speak (the start, or their arrival if late or a
    walk-in) to the start of their first turn; None if they took none."""
    joins: str | None = None
    """video, phone or chat, from the roster; None without a roster, or when anonymized
    (how someone joins can tell who they are)."""


@dataclass(frozen=True, slots=True)
class JoinedBy:
    """People who cannot raise a hand on video (by phone, or by chat only): did they
    get the floor?"""

    joins: str
    """phone | chat."""
    expected: int
    attended: int
    spoke: int
    """Took at least one turn (a round's go counts)."""


@dataclass(frozen=True, slots=True)
class Talk:
    total_s: float
    participants_s: float
    facilitator_s: float
    facilitator_turns: int
    facilitator_share: float
    gini: float
    turn_taking: float
    chats: int
    runs: int
    spoke: tuple[str, ...]
    not_spoken: tuple[str, ...]
    passed: tuple[str, ...]
    quiet: tuple[str, ...]
    waits: int
    median_wait_s: float | None
    longest_wait_s: float | None
    longest_wait_who: str | None
    hands_up: tuple[str, ...] = ()
    """Hands still up when the log ends: people who asked to speak and were not heard."""
    speaker_changes: int = 0
    """Turns whose speaker differed from the turn before: turn_taking = this / (chats − 1)."""
    bridged: int = 0
    """Member-to-member handovers with the facilitator speaking in between."""
    handovers: int = 0
    """Handovers from one member's turn to the next member's turn."""
    joined: tuple[JoinedBy, ...] = ()
    """By phone, then by chat only: how many, and how many spoke (from the roster; empty
    without one, or when everyone joins by video)."""


@dataclass(frozen=True, slots=True)
class Attendance:
    expected: int
    """People on the plan's roster."""
    attended: int
    absent: tuple[str, ...]
    unmarked: int
    """Never marked: counted as there (the core's rule)."""
    late: tuple[str, ...]
    stepped_out: tuple[str, ...]
    left_early: tuple[str, ...]
    walk_ins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Room:
    number: int
    members: tuple[str, ...]
    help_requests: int
    report: str | None


@dataclass(frozen=True, slots=True)
class Breakout:
    phase: int
    title: str
    method: str
    rooms: tuple[Room, ...]
    planned_s: int
    actual_s: float
    closed_by: str | None
    warnings: tuple[int, ...]
    """Thresholds (seconds left) whose broadcast was given."""
    help_requests: int
    help_unanswered: int
    """Requests with no `breakout.help_answered` in the log (not proof nobody helped)."""
    adjusted_s: int
    repeated_pairs: int


@dataclass(frozen=True, slots=True)
class Rule:
    index: int
    text: str
    covered: bool
    added: bool


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    covered: int
    added: int
    reminders: int
    phase_ran: bool


@dataclass(frozen=True, slots=True)
class Question:
    index: int
    question: str
    answer: str
    shown: bool
    revealed: bool


@dataclass(frozen=True, slots=True)
class Quiz:
    phase: int
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class RoundSummary:
    phase: int
    title: str
    prompt: str
    method: str
    order: tuple[str, ...]
    spoke: tuple[str, ...]
    passed: tuple[str, ...]
    skipped: tuple[str, ...]
    answers: tuple[Answer, ...]
    completed: bool
    waiting: tuple[str, ...] = ()
    """An unfinished round: people in its order who had not had their go (nor passed
    nor were skipped) when it stopped."""


@dataclass(frozen=True, slots=True)
class Guest:
    phase: int
    title: str
    speaker: str
    questions_started: bool


@dataclass(frozen=True, slots=True)
class Item:
    """A line written down during the session: a takeaway, parked topic, marker, note."""

    at_s: float | None
    """Seconds from the session's start."""
    clock: str
    phase: str
    who: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    at_s: float | None
    clock: str
    phase: str
    text: str
    private: bool
    amended: bool


@dataclass(frozen=True, slots=True)
class FollowUp:
    at_s: float | None
    clock: str
    who: str
    text: str | None
    """Its private note: only with --include-notes."""


@dataclass(frozen=True, slots=True)
class Safeguarded:
    """Someone the safeguarding panel was used for: private, as a whole, to the
    facilitator's own report (--include-notes)."""

    at_s: float | None
    clock: str
    who: str | None
    """None: recorded without choosing anyone."""
    done: tuple[str, ...]
    """The plan's steps done."""
    left: tuple[str, ...]
    """The plan's steps not done yet."""
    offered: bool
    """Opened from the offer after a long time stepped out."""


@dataclass(frozen=True, slots=True)
class Feedback:
    who: str | None
    score: int | None
    comment: str


@dataclass(frozen=True, slots=True)
class TrainerComment:
    """A trainer's replay comment (`LOG.comments.json`), at its moment of the session."""

    at_s: float | None
    """Seconds from the session's start."""
    clock: str
    phase: str
    """The phase running at that moment ("" between phases)."""
    text: str
    edited: bool


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question for the trainer and facilitator to talk over, with the figure behind it."""

    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class SessionReport:
    """One session: the plan against what happened, people, talk, and what was written."""

    schema_version: int
    title: str
    about: About
    timing: Timing
    phases: tuple[PhaseRow, ...]
    attendance: Attendance
    people: tuple[PersonRow, ...]
    talk: Talk
    rounds: tuple[RoundSummary, ...]
    rules: Rules
    breakouts: tuple[Breakout, ...]
    quizzes: tuple[Quiz, ...]
    scores: tuple[tuple[str, int], ...]
    guests: tuple[Guest, ...]
    takeaways: tuple[Item, ...]
    feedback: tuple[Feedback, ...]
    average_score: float | None
    parked: tuple[Item, ...]
    follow_ups: tuple[FollowUp, ...]
    markers: tuple[Item, ...]
    notes: tuple[Note, ...]
    notes_left_out: int
    prompts: tuple[Prompt, ...]
    left_out: dict[str, int] | None = None
    """Private text left out, by what it is ("pause reason": 1); see the privacy table
    in docs/log-format.md. Empty with --include-notes."""
    comments: tuple[TrainerComment, ...] = ()
    """The trainer's replay comments, by time: only with --include-comments."""
    thresholds: dict[str, float] = field(default_factory=dict)
    """The figures at which the report's words change ("uneven", "fairly spread")."""
    safeguarding: tuple[Safeguarded, ...] = ()
    """Safeguarding follow-ups, first among the follow-ups: only with --include-notes."""
    safeguarding_lead: str | None = None
    """The plan's safeguarding lead and contact, shown with them."""


# -- building -------------------------------------------------------------------------


class _Ctx:
    """What every part needs: the state, the walk, names, and the time origin."""

    def __init__(
        self, notes: Walk, naming: Naming, header: LogHeader, disclosure: Disclosure
    ) -> None:
        self.walk = notes
        self.disclosure = disclosure
        self.left_out: dict[str, int] = {}
        export = header.export if isinstance(header.export, dict) else None
        self.copy_without_private = bool(export) and export.get("private_notes") == "removed"
        """An export made without private text: an empty one may have been taken out."""
        self.state: SessionState = notes.state
        self.plan: Plan = notes.state.plan
        self.naming = naming
        self.t = notes.end_t
        self.zone = fmt.zone(header.tz)
        origin = self.state.session.wall_origin
        self.origin = None
        if origin is not None:
            from datetime import UTC, datetime

            try:
                self.origin = datetime.fromtimestamp(origin, UTC)
            except (OverflowError, OSError, ValueError):
                self.origin = None
        self.origin_s = self.origin.timestamp() if self.origin is not None else 0.0
        self._clocks: dict[int, str] = {}
        self.started = self.state.session.started
        self.talk_view = talk_view(self.state, self.t)

    def clock(self, t: float | None) -> str:
        """Session time `t` as a wall-clock HH:MM in the session's zone (remembered per
        minute of the wall clock: a long log asks for thousands)."""
        if self.origin is None or t is None or not math.isfinite(t):
            return fmt.clock(self.origin, t, self.zone)
        moment = self.origin_s + t
        second = moment % 60
        if not 0.001 < second < 59.999 or not math.isfinite(moment):
            return fmt.clock(self.origin, t, self.zone)  # near a minute's edge: exactly
        minute = int(moment // 60)
        said = self._clocks.get(minute)
        if said is None:
            said = self._clocks[minute] = fmt.clock(self.origin, t, self.zone)
        return said

    def since_start(self, t: float | None) -> float | None:
        if t is None:
            return None
        return t - self.started if self.started is not None else t

    def title(self, index: int | None) -> str:
        if index is None or not 0 <= index < len(self.plan.phases):
            return ""
        return self.naming.text(self.plan.phases[index].label)

    def text(self, value: str | None) -> str:
        return self.naming.text(value)

    def typed(
        self, event_type: str, field: str, value: str | None, data: dict[str, Any] | None = None
    ) -> str | None:
        """Typed text as the report shows it, if its privacy class (from the vocabulary)
        may be shown; None, counted as left out, if not."""
        if self.disclosure.allows(text_privacy(event_type, field, data)):
            return self.text(value)
        if value:
            what = text_what(event_type, field)
            self.left_out[what] = self.left_out.get(what, 0) + 1
        return None

    def name(self, participant: str | None) -> str:
        return self.naming.name(participant)


def build_report(
    contents: LogContents,
    roster: dict[str, Any] | None = None,
    *,
    anonymize: bool = False,
    include_notes: bool = False,
    plan: Plan | None = None,
    people: bool = True,
    comments: Sequence[Any] | None = None,
    consume: bool = False,
) -> SessionReport:
    """The report of one log (its valid part, if damaged). `people=False` leaves out the
    per-person table (`--no-people`). `comments` (journal.comments.Comment, read by the
    caller) puts the trainer's replay comments in; None leaves them out. `consume`
    empties `contents.events` as they are folded (less memory for a long log)."""
    if plan is None:
        from sessiontui.plan.redact import plan_from_snapshot

        plan = plan_from_snapshot(contents.header.plan_snapshot)
    notes = walk(plan, draining(contents.events) if consume else contents.events)
    naming = build_namings(
        [(notes.state.people.roster, roster)], anonymize=anonymize, guests=guest_names([plan]),
        seed=contents.header.session_id,
    )[0]
    return _build(contents, notes, naming, include_notes, people, comments)


def build_reports(
    logs: Sequence[Any], *, anonymize: bool = False, include_notes: bool = False,
    people: bool = True, consume: bool = False,
) -> list[SessionReport]:
    """Reports of several LoadedLogs with one naming, so a person keeps one pseudonym
    (and one name) in every session. Anonymized labels are shuffled with the sessions'
    ids: one log gives the labels of its own report. A LoadedLog whose `comments` is
    not None has its trainer's comments put in. `consume` empties each log's events as
    they are folded (less memory)."""
    walks = [
        walk(log.plan, draining(log.contents.events) if consume else log.contents.events)
        for log in logs
    ]
    namings = build_namings(
        [(notes.state.people.roster, log.roster) for notes, log in zip(walks, logs, strict=True)],
        anonymize=anonymize,
        guests=guest_names(log.plan for log in logs),
        seed="\n".join(sorted(log.contents.header.session_id for log in logs)),
    )
    return [
        _build(log.contents, notes, naming, include_notes, people,
               getattr(log, "comments", None))
        for log, notes, naming in zip(logs, walks, namings, strict=True)
    ]


def _build(
    contents: LogContents, notes: Walk, naming: Naming, include_notes: bool,
    people: bool = True, comments: Sequence[Any] | None = None,
) -> SessionReport:
    ctx = _Ctx(notes, naming, contents.header, Disclosure(include_notes=include_notes))
    plan = ctx.plan
    close = close_view(ctx.state, ctx.t)
    report = SessionReport(
        schema_version=SCHEMA_VERSION,
        title=ctx.text(plan.session.title),
        about=_about(ctx, contents, include_notes),
        timing=_timing(ctx, contents.header),
        phases=_phases(ctx),
        attendance=_attendance(ctx),
        people=_people(ctx) if people else (),
        talk=_talk(ctx),
        rounds=_rounds(ctx),
        rules=_rules(ctx),
        breakouts=_breakouts(ctx),
        quizzes=_quizzes(ctx),
        scores=tuple(
            (ctx.name(who), points)
            for who, points in sorted(
                ctx.state.course.scores.items(), key=lambda item: (-item[1], item[0])
            )
        ) if people else (),
        guests=_guests(ctx),
        takeaways=tuple(
            Item(ctx.since_start(item.t), ctx.clock(item.t), "",
                 ctx.name(item.participant) if item.participant else None, text)
            for item in ctx.state.book.takeaways
            if (text := ctx.typed("takeaway.added", "text", item.text)) is not None
        ),
        feedback=tuple(
            Feedback(ctx.name(who) if who else None, score,
                     ctx.typed("feedback.recorded", "comment", comment) or "")
            for score, comment, who in close.feedback
        ),
        average_score=close.average_score,
        parked=tuple(
            Item(ctx.since_start(item.t), ctx.clock(item.t), ctx.title(item.phase), None, text)
            for item in ctx.state.book.parked
            if (text := ctx.typed("item.parked", "text", item.text)) is not None
        ),
        follow_ups=tuple(
            FollowUp(ctx.since_start(item.t), ctx.clock(item.t), ctx.name(item.participant),
                     ctx.typed("followup.flagged", "text", item.text) or None)
            for item in ctx.state.book.follow_ups
        ),
        markers=tuple(
            Item(ctx.since_start(item.t), ctx.clock(item.t), ctx.title(item.phase), None,
                 ctx.typed("marker.added", "label", item.label) or "")
            for item in ctx.state.book.markers
        ),
        notes=_notes(ctx),
        notes_left_out=0 if include_notes else sum(
            1 for note in ctx.state.book.notes if note.private
        ),
        prompts=(),
    )
    from sessiontui.report.prompts import THRESHOLDS, session_prompts

    report = replace(report, comments=_comments(ctx, comments) if comments is not None else (),
                     thresholds=dict(THRESHOLDS), safeguarding=_safeguarding(ctx),
                     safeguarding_lead=_lead(ctx))
    about = replace(report.about, replacements=_replacements(ctx, contents),
                    people_left_out=not people,
                    comments="included" if comments is not None else "not-asked",
                    skipped_lines=_skipped_lines(ctx, contents))
    return replace(report, about=about, prompts=session_prompts(report),
                   left_out=dict(sorted(ctx.left_out.items())))


def _lead(ctx: _Ctx) -> str | None:
    """With the records only: the lead beside no record would say there were some."""
    if not ctx.disclosure.include_notes:
        return None
    said = lead(ctx.plan.safeguarding)
    return ctx.text(said) if said is not None else None


def _safeguarding(ctx: _Ctx) -> tuple[Safeguarded, ...]:
    """Safeguarding follow-ups, each record about one person merged. Private as a
    whole: without --include-notes not even their number is said (in a small group, a
    count of crises in a shared copy says too much)."""
    if not ctx.disclosure.include_notes:
        return ()
    steps = ctx.plan.safeguarding.steps if ctx.plan.safeguarding is not None else []
    return tuple(
        Safeguarded(ctx.since_start(item.t), ctx.clock(item.t),
                    ctx.name(item.participant) if item.participant is not None else None,
                    tuple(ctx.text(steps[i]) for i in item.done),
                    tuple(ctx.text(steps[i]) for i in item.left), item.prompted)
        for item in care_follow_ups(ctx.state)
    )


def _phase_at(ctx: _Ctx, t: float) -> str:
    """The title of the phase running at session time `t`, "" between phases."""
    for run in ctx.walk.runs:
        end = run.end_t if run.end_t is not None else ctx.t
        if run.start_t <= t < end or (t == end and run is ctx.walk.runs[-1]):
            return ctx.title(run.phase)
    return ""


def _comments(ctx: _Ctx, comments: Sequence[Any]) -> tuple[TrainerComment, ...]:
    """The trainer's comments by time; their text goes through the naming like any
    other (names replaced when anonymized)."""
    return tuple(
        TrainerComment(ctx.since_start(c.t), ctx.clock(c.t), _phase_at(ctx, c.t),
                       ctx.text(c.text), bool(c.edited))
        for c in sorted(comments, key=lambda c: (c.t, c.created, c.id))
    )


def _skipped_lines(ctx: _Ctx, contents: LogContents) -> tuple[SkippedLine, ...]:
    """Damaged lines a salvaging read passed over, with the time of the event before."""
    out = []
    for skip in getattr(contents, "skipped", ()) or ():
        out.append(SkippedLine(skip.line, ctx.since_start(skip.after_t),
                               ctx.clock(skip.after_t), ctx.text(skip.reason)))
    return tuple(out)


def _notes(ctx: _Ctx) -> tuple[Note, ...]:
    """Notes whose class may be shown: shared ones (members' words), private ones only
    with --include-notes; each private note left out is counted once."""
    out = []
    for line in notes_view(ctx.state, ctx.t):
        text = ctx.typed("note.added", "text", line.text, {"private": line.private})
        if text is not None:
            out.append(Note(ctx.since_start(line.t), ctx.clock(line.t), ctx.title(line.phase),
                            text, line.private, line.amended))
    return tuple(out)


def _replacements(ctx: _Ctx, contents: LogContents) -> int:
    """Names replaced in this report's text; for an export, those made when exporting."""
    if ctx.naming.scrubbing:
        return ctx.naming.replacements
    export = contents.header.export
    if isinstance(export, dict) and type(export.get("replacements")) is int:
        return export["replacements"]
    return 0


def _about(ctx: _Ctx, contents: LogContents, include_notes: bool) -> About:
    header = contents.header
    export = header.export
    damage = contents.damage.describe() if contents.damage is not None else None
    if damage is None and export is not None and isinstance(export.get("damage"), str):
        damage = export["damage"]
    file = contents.path.name
    return About(
        file=ctx.text(file),
        session_id=header.session_id,
        app_version=header.app_version or "unknown",
        events=ctx.walk.events,
        status=contents.status,
        end_reason=ctx.state.session.end_reason,
        rehearsal=header.rehearsal,
        damage=ctx.text(damage) if damage else None,
        lost_bytes=contents.lost_bytes,
        warnings=tuple(ctx.text(w) for w in (*contents.warnings, *contents.notices())),
        unknown_events=ctx.state.unknown_events,
        bad_events=ctx.state.bad_events,
        names=ctx.naming.source,
        names_scrubbed=ctx.naming.scrubbing or (
            isinstance(export, dict) and export.get("names_scrubbed") is True
            and ctx.naming.source == "anonymized"),
        notes="all" if include_notes else "shared",
        exported=export is not None,
    )


def _timing(ctx: _Ctx, header: LogHeader) -> Timing:
    session = ctx.state.session
    started_wall = fmt.parse_wall(ctx.walk.started_ts)
    if started_wall is None and ctx.origin is not None and session.started is not None:
        from datetime import timedelta

        started_wall = ctx.origin + timedelta(seconds=session.started)
    actual = None
    if session.started is not None:
        actual = max(0.0, ctx.t - session.started)
    planned = ctx.plan.planned_seconds
    return Timing(
        tz=header.tz or "UTC",
        started_at=ctx.walk.started_ts,
        started_local=fmt.long_date(started_wall, ctx.zone),
        date=fmt.short_date(started_wall, ctx.zone),
        planned_s=planned,
        actual_s=actual,
        over_s=actual - planned if actual is not None else None,
        paused_s=sum(p.length_s or 0.0 for p in ctx.walk.pauses),
        pauses=len(ctx.walk.pauses),
        interruptions=session.interruptions,
        down_s=session.gap_total,
        time=fmt.short_time(started_wall, ctx.zone),
    )


def _why(ctx: _Ctx) -> dict[int, list[str]]:
    """Per phase: what changed its time, in the order it happened, with reasons."""
    why: dict[int, list[str]] = {}
    events: list[tuple[float, int, str]] = []
    for pause in ctx.walk.pauses:
        if pause.phase is None:
            continue
        length = fmt.duration(pause.length_s) if pause.length_s is not None else "until the end"
        reason = (ctx.typed("session.paused", "reason", pause.reason) or "").strip()
        if reason:
            said = f": \u201c{reason}\u201d"
        elif pause.reason and pause.reason.strip():
            said = " (the reason is private: left out)"
        elif ctx.copy_without_private:
            said = " (no reason in this copy: private text was left out of it)"
        else:
            said = " (no reason given)"
        events.append((pause.t, pause.phase, f"paused {length} at {ctx.clock(pause.t)}{said}"))
    for change in ctx.walk.time_changes:
        what = "rooms' time" if change.rooms else "time"
        verb = "added" if change.seconds > 0 else "taken off"
        events.append(
            (change.t, change.phase,
             f"{fmt.duration(abs(change.seconds))} {what} {verb} at {ctx.clock(change.t)}")
        )
    for rebalance in ctx.walk.rebalances:
        during = ctx.title(rebalance.during)
        where = f" during {during}" if during else ""
        for index, old, new in rebalance.changes:
            verb = "shortened" if new < old else "lengthened"
            events.append(
                (rebalance.t, index,
                 f"{verb} from {fmt.duration(old)} to {fmt.duration(new)} by a rebalance "
                 f"accepted at {ctx.clock(rebalance.t)}{where}, to absorb an overrun")
            )
    for skip in ctx.walk.skips:
        verb = "put back on the agenda" if skip.undone else "marked to skip"
        events.append((skip.t, skip.phase, f"{verb} at {ctx.clock(skip.t)}"))
    for gap in ctx.walk.continued:
        if gap.phase is not None and gap.gap_s >= 1:  # reopened at once: no time lost
            events.append(
                (gap.t, gap.phase,
                 f"the app was closed or stopped for {fmt.duration(gap.gap_s)} before "
                 f"{ctx.clock(gap.t)} "
                 f"(the call went on)")
            )
    for record in ctx.state.course.history:
        if record.outcome == "skipped":
            events.append(
                (record.ended, record.index,
                 f"skipped at {ctx.clock(record.ended)} after {fmt.duration(record.active)}")
            )
    for _t, index, text in sorted(events, key=lambda item: item[0]):
        why.setdefault(index, []).append(text)
    return why


def _phases(ctx: _Ctx) -> tuple[PhaseRow, ...]:
    agenda = schedule(ctx.state, ctx.t)
    runs = phase_stats(ctx.state, ctx.t)
    why = _why(ctx)
    talk: dict[int, tuple[float, float]] = {}
    members: dict[int, dict[str, float]] = {}
    attended = _attended(ctx)
    for run in ctx.walk.runs:
        total, facilitator = talk.get(run.phase, (0.0, 0.0))
        talk[run.phase] = (total + run.total_s, facilitator + run.facilitator_s)
        mine = members.setdefault(run.phase, {})
        for participant in attended:
            mine[participant] = mine.get(participant, 0.0) + run.seconds_of(participant)
    rows = []
    status_words = {"done": "ran", "current": "running", "skipped": "skipped"}
    for row in agenda.rows:
        mine = [r for r in runs if r.index == row.index]
        status = status_words.get(row.status, "not-reached")
        if row.status == "skipped" and mine:
            status = "ran"
        if mine and mine[-1].outcome == "skipped" and row.status != "current":
            status = "skipped"
        # A phase run again goes on with the time it had left: given once, not per run.
        given = mine[0].planned_s + sum(r.adjusted_s for r in mine) if mine else None
        over = sum(r.actual_s for r in mine) - given if mine and given is not None else None
        total, facilitator = talk.get(row.index, (0.0, 0.0))
        rows.append(
            PhaseRow(
                index=row.index,
                title=ctx.text(row.label),
                kind=row.kind,
                status=status,
                runs=len(mine),
                planned_start_s=row.planned_start_s,
                planned_clock=ctx.clock(
                    None if ctx.started is None else ctx.started + row.planned_start_s
                ),
                actual_start_s=row.actual_start_s,
                actual_clock=ctx.clock(
                    None if row.actual_start_s is None or ctx.started is None
                    else ctx.started + row.actual_start_s
                ),
                start_delta_s=row.delta_s,
                planned_s=row.original_s,
                given_s=given,
                actual_s=row.actual_s,
                over_s=over,
                outcome=row.outcome if row.status != "current" else None,
                talk_s=total,
                facilitator_s=facilitator,
                why=tuple(why.get(row.index, ())),
                gini=_phase_gini(members.get(row.index)),
            )
        )
    return tuple(rows)


def _attended(ctx: _Ctx) -> list[str]:
    """Participants who were there at some point, or spoke: the core's rule."""
    status = ctx.state.people.status
    seconds = ctx.state.talk.seconds
    return [p for p in ctx.state.people.roster
            if status.get(p) in ATTENDED or seconds.get(p, 0.0) > 0]


def _phase_gini(seconds: dict[str, float] | None) -> float | None:
    """Gini of members' talk in one phase, None if no member spoke in it."""
    if not seconds or not any(value > 0 for value in seconds.values()):
        return None
    return gini(list(seconds.values()))


def _history(ctx: _Ctx, participant: str) -> list[str]:
    return [status for _, status in ctx.walk.attendance.get(participant, [])]


def _first_turn_waits(ctx: _Ctx) -> dict[str, float]:
    """Per participant who spoke: from when they could first speak (the start, or when
    they arrived if they came late or walked in) to the start of their first turn."""
    first: dict[str, float] = {}
    for spoken in ctx.walk.spoken:
        first.setdefault(spoken.speaker, spoken.started)
    walk_ins = set(ctx.state.people.walk_ins)
    start = ctx.started if ctx.started is not None else 0.0
    waits = {}
    for participant, began in first.items():
        history = ctx.walk.attendance.get(participant, [])
        since = start
        arrived = [t for t, status in history if status == "late"]
        if participant in walk_ins and history:
            arrived.append(history[0][0])
        if arrived:
            since = max(start, min(arrived))
        waits[participant] = max(0.0, began - since)
    return waits


def _people(ctx: _Ctx) -> tuple[PersonRow, ...]:
    state = ctx.state
    first_waits = _first_turn_waits(ctx)
    stats = ctx.talk_view.stats
    waits: dict[str, list[float]] = {}
    for wait in state.talk.waits:
        waits.setdefault(wait.participant, []).append(wait.seconds)
    quiet = set(stats.quiet)
    walk_ins = set(state.people.walk_ins)
    has_quiz = any(isinstance(p, QuizPhase) for p in ctx.plan.phases)
    rows = []
    for participant in state.people.roster:
        status = state.people.status.get(participant, "absent")
        row = stats.of(participant)
        history = _history(ctx, participant)
        mine = waits.get(participant, [])
        seconds = row.seconds if row else state.talk.seconds.get(participant, 0.0)
        turns = row.turns if row else state.talk.turns.get(participant, 0)
        rows.append(
            PersonRow(
                id=participant,
                name=ctx.name(participant),
                status=status,
                attended=row is not None,
                walk_in=participant in walk_ins,
                late="late" in history or status == "late",
                stepped_out=history.count("stepped-out"),
                left_early=status == "left",
                seconds=seconds,
                turns=turns,
                share=row.share if row else 0.0,
                passes=state.talk.passes.get(participant, 0),
                spoke=turns > 0,
                quiet=participant in quiet,
                waits=len(mine),
                median_wait_s=statistics.median(mine) if mine else None,
                longest_wait_s=max(mine) if mine else None,
                points=state.course.scores.get(participant, 0) if has_quiz else None,
                first_turn_wait_s=first_waits.get(participant),
                joins=None if ctx.naming.anonymized or ctx.naming.source != "roster"
                else ctx.naming.joins.get(participant, "video"),
            )
        )
    return tuple(rows)


def _talk(ctx: _Ctx) -> Talk:
    view = ctx.talk_view
    stats = view.stats
    speakers = [spoken.speaker for spoken in ctx.walk.spoken]
    bridged, handovers = bridges(speakers)
    longest = None
    for wait in ctx.state.talk.waits:
        if longest is None or wait.seconds > longest.seconds:
            longest = wait
    return Talk(
        total_s=stats.total_s,
        participants_s=stats.participants_s,
        facilitator_s=stats.facilitator_s,
        facilitator_turns=view.facilitator.turns,
        facilitator_share=stats.facilitator_share,
        gini=stats.gini,
        turn_taking=stats.turn_taking,
        chats=stats.chats,
        runs=stats.runs,
        spoke=tuple(ctx.name(row.speaker) for row in view.rows if row.turns),
        not_spoken=ctx.naming.names_of(stats.not_spoken),
        passed=ctx.naming.names_of(stats.passed),
        quiet=ctx.naming.names_of(stats.quiet),
        waits=len(stats.waits),
        median_wait_s=stats.median_wait_s,
        longest_wait_s=longest.seconds if longest else None,
        longest_wait_who=ctx.name(longest.participant) if longest else None,
        hands_up=ctx.naming.names_of(hand.participant for hand in ctx.state.floor.hands),
        speaker_changes=speaker_changes(speakers),
        bridged=bridged,
        handovers=handovers,
        joined=_joined(ctx),
    )


def _turns(ctx: _Ctx, participant: str) -> int:
    """Turns taken, the one in progress at the end of the log included."""
    row = ctx.talk_view.stats.of(participant)
    return row.turns if row else ctx.state.talk.turns.get(participant, 0)


def _joined(ctx: _Ctx) -> tuple[JoinedBy, ...]:
    """How many joined by phone and by chat only, came, and spoke."""
    state = ctx.state
    rows = []
    for way in ("phone", "chat"):
        who = [p for p in state.people.roster if ctx.naming.joins.get(p) == way]
        if not who:
            continue
        came = [p for p in who if state.people.status.get(p) in ATTENDED
                or state.talk.seconds.get(p, 0.0) > 0]
        spoke = [p for p in who if _turns(ctx, p) > 0]
        rows.append(JoinedBy(way, len(who), len(came), len(spoke)))
    return tuple(rows)


def _attendance(ctx: _Ctx) -> Attendance:
    people = ctx.state.people
    status = people.status
    attended = [
        p for p in people.roster
        if status.get(p) in ATTENDED or ctx.state.talk.seconds.get(p, 0.0) > 0
    ]
    names = ctx.naming.names_of
    return Attendance(
        expected=len(people.roster) - len(people.walk_ins),
        attended=len(attended),
        absent=names(p for p in people.roster if status.get(p) == "absent"),
        unmarked=sum(1 for p in people.roster if status.get(p) == "expected"),
        late=names(
            p for p in people.roster
            if status.get(p) == "late" or "late" in _history(ctx, p)
        ),
        stepped_out=names(p for p in people.roster if "stepped-out" in _history(ctx, p)),
        left_early=names(p for p in people.roster if status.get(p) == "left"),
        walk_ins=names(people.walk_ins),
    )


def _rounds(ctx: _Ctx) -> tuple[RoundSummary, ...]:
    rounds = list(ctx.state.course.rounds)
    if ctx.state.round is not None:
        rounds.append(ctx.state.round)
    out = []
    for rnd in rounds:
        phase = ctx.plan.phases[rnd.phase] if 0 <= rnd.phase < len(ctx.plan.phases) else None
        prompt = phase.prompt if isinstance(phase, RoundPhase) else None
        spoke = list(rnd.spoke)
        current = rnd.current
        if current is not None and current not in rnd.passed and current not in spoke:
            spoke.append(current)
        out.append(
            RoundSummary(
                phase=rnd.phase,
                title=ctx.title(rnd.phase),
                prompt=ctx.text(prompt),
                method=rnd.method,
                order=ctx.naming.names_of(rnd.order),
                spoke=ctx.naming.names_of(spoke),
                passed=ctx.naming.names_of(rnd.passed),
                skipped=ctx.naming.names_of(rnd.skipped),
                answers=tuple(
                    Answer(ctx.name(who), ctx.typed("round.answered", "text", text) or "")
                    for who, text in sorted(
                        rnd.answers.items(),
                        key=lambda item: (
                            rnd.order.index(item[0]) if item[0] in rnd.order else 1 << 30
                        ),
                    )
                ),
                completed=rnd.completed,
                waiting=() if rnd.completed else ctx.naming.names_of(
                    p for p in rnd.order
                    if p not in spoke and p not in rnd.passed and p not in rnd.skipped
                ),
            )
        )
    return tuple(out)


def _rules(ctx: _Ctx) -> Rules:
    view = rules_view(ctx.state, ctx.t)
    ran = any(
        ctx.plan.phases[r.index].kind == "ground-rules" for r in ctx.state.course.history
    ) or (ctx.state.phase is not None and ctx.state.phase.kind == "ground-rules")
    return Rules(
        rules=tuple(Rule(line.index, _rule_text(ctx, line), line.covered, line.added)
                    for line in view.lines),
        covered=view.covered,
        added=len(ctx.state.course.rules.added),
        reminders=view.reminders,
        phase_ran=ran,
    )


def _rule_text(ctx: _Ctx, line: Any) -> str:
    if not line.added:
        return ctx.text(line.text)
    text = ctx.typed("rule.added", "text", line.text) or ""
    return text or "(its words are not in this copy)"


def _breakouts(ctx: _Ctx) -> tuple[Breakout, ...]:
    state = ctx.state
    all_rooms = list(state.course.past_rooms)
    if state.rooms is not None:
        all_rooms.append(state.rooms)
    figures = breakout_stats(state, ctx.t)
    notes = ctx.walk.breakouts
    out = []
    for position, (rooms, stats) in enumerate(zip(all_rooms, figures, strict=True)):
        note = notes[position] if position < len(notes) else None
        helps = note.help_requests if note else {}
        answered = sum(note.help_answered.values()) if note else 0
        out.append(
            Breakout(
                phase=rooms.phase,
                title=ctx.title(rooms.phase),
                method=rooms.method,
                rooms=tuple(
                    Room(number, ctx.naming.names_of(members), helps.get(number, 0),
                         ctx.typed("breakout.reported", "text", rooms.reports[number])
                         if number in rooms.reports else None)
                    for number, members in enumerate(rooms.rooms, 1)
                ),
                planned_s=stats.planned_s,
                actual_s=stats.actual_s,
                closed_by=stats.closed_by,
                warnings=tuple(note.warnings) if note else (),
                help_requests=sum(helps.values()),
                help_unanswered=max(0, sum(helps.values()) - answered),
                adjusted_s=rooms.adjusted,
                repeated_pairs=stats.repeated_pairs,
            )
        )
    return tuple(out)


def _quizzes(ctx: _Ctx) -> tuple[Quiz, ...]:
    out = []
    for index, phase in enumerate(ctx.plan.phases):
        if not isinstance(phase, QuizPhase):
            continue
        shown = ctx.walk.questions_shown.get(index, set())
        revealed = ctx.walk.answers_revealed.get(index, set())
        if not shown:
            continue
        out.append(
            Quiz(
                phase=index,
                title=ctx.title(index),
                questions=tuple(
                    Question(number, ctx.text(q.question), ctx.text(q.answer),
                             number in shown, number in revealed)
                    for number, q in enumerate(phase.questions)
                ),
            )
        )
    return tuple(out)


def _guests(ctx: _Ctx) -> tuple[Guest, ...]:
    ran = {r.index for r in ctx.state.course.history}
    if ctx.state.phase is not None:
        ran.add(ctx.state.phase.index)
    out = []
    for index, phase in enumerate(ctx.plan.phases):
        if isinstance(phase, GuestSpeakerPhase) and index in ran:
            speaker = phase.speaker or ""
            if ctx.naming.anonymized and speaker:
                speaker = GUEST
            out.append(
                Guest(index, ctx.title(index), ctx.text(speaker),
                      index in ctx.walk.guest_questions)
            )
    return tuple(out)


# -- a series -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One session of the series, in one line."""

    session_id: str
    file: str
    date: str
    title: str
    status: str
    damaged: bool
    expected: int
    attended: int
    spoke: int
    """Participants who took at least one turn."""
    passed: int
    not_spoken: int
    facilitator_share: float
    gini: float
    turn_taking: float
    median_wait_s: float | None
    actual_s: float | None
    over_s: float | None
    time: str = "-"
    """HH:MM it started, in the session's zone."""
    plan: int = 0
    """Which plan group it belongs to (SeriesReport.plans)."""


@dataclass(frozen=True, slots=True)
class Trend:
    """One figure across the sessions of one plan: every value, its direction, its range."""

    plan: int
    measure: str
    """facilitator_share | gini | median_wait_s | attended."""
    label: str
    values: tuple[float | None, ...]
    """One per session of the plan, oldest first (None: no value that session)."""
    direction: str
    """rising | falling | steady | up-and-down | too-few."""
    low: float | None
    high: float | None
    text: str
    """The trend in words, each session's value included."""


@dataclass(frozen=True, slots=True)
class SeriesCell:
    """One person in one session (None in SeriesPerson.sessions: not on that roster)."""

    attended: bool
    status: str
    seconds: float
    turns: int
    passes: int


@dataclass(frozen=True, slots=True)
class SeriesPerson:
    name: str
    sessions: tuple[SeriesCell | None, ...]
    attended: int
    spoke: int
    total_s: float


@dataclass(frozen=True, slots=True)
class SeriesReport:
    """Several sessions of one group: a line each, each person across them, prompts."""

    schema_version: int
    title: str
    rows: tuple[SeriesRow, ...]
    people: tuple[SeriesPerson, ...]
    notes: tuple[str, ...]
    prompts: tuple[Prompt, ...]
    sessions: tuple[SessionReport, ...]
    plans: tuple[str, ...] = ()
    """The plans' titles: rows are grouped per plan (SeriesRow.plan), each oldest first."""
    trends: tuple[Trend, ...] = ()
    duplicates: tuple[str, ...] = ()
    """Files left out because another file given holds the same session."""


def privacy_of(series: SeriesReport) -> SessionReport | None:
    """A session standing for the whole series in the privacy notice: the one whose
    text was least scrubbed, with the private notes left out of every session."""
    if not series.sessions:
        return None
    worst = min(series.sessions, key=lambda r: r.about.names_scrubbed)
    left_out = sum(r.notes_left_out for r in series.sessions)
    kinds: dict[str, int] = {}
    for r in series.sessions:
        for what, count in (r.left_out or {}).items():
            kinds[what] = kinds.get(what, 0) + count
    about = replace(worst.about, replacements=sum(r.about.replacements for r in series.sessions))
    return replace(worst, about=about, notes_left_out=left_out,
                   left_out=dict(sorted(kinds.items())))


def _order_key(report: SessionReport) -> tuple[str, str]:
    return (report.timing.started_at or "9999", report.about.file)


def build_series(reports: Sequence[SessionReport]) -> SeriesReport:
    """The series view of reports of the same group, oldest first.

    Build the reports with `build_reports`, so that names (or pseudonyms) agree. The
    same session given twice (two files with one session id: a copy, an export) is
    counted once. Sessions of different plans are grouped per plan, each group oldest
    first, the group with the oldest session first.
    """
    first_seen: dict[str, str] = {}
    unique: list[SessionReport] = []
    duplicates: list[str] = []
    dup_notes: list[str] = []
    for r in sorted(reports, key=_order_key):
        kept = first_seen.get(r.about.session_id)
        if kept is not None:
            duplicates.append(r.about.file)
            dup_notes.append(f"{r.about.file} holds the same session as {kept}: counted once.")
            continue
        first_seen[r.about.session_id] = r.about.file
        unique.append(r)
    plans: list[str] = []
    for r in unique:
        if r.title not in plans:
            plans.append(r.title)
    ordered = sorted(unique, key=lambda r: (plans.index(r.title), _order_key(r)))
    rows = tuple(
        SeriesRow(
            session_id=r.about.session_id,
            file=r.about.file,
            date=r.timing.date,
            title=r.title,
            status=r.about.status,
            damaged=r.about.damage is not None,
            expected=r.attendance.expected,
            attended=r.attendance.attended,
            spoke=sum(1 for p in r.people if p.spoke),
            passed=sum(1 for p in r.people if p.passes),
            not_spoken=len(r.talk.not_spoken),
            facilitator_share=r.talk.facilitator_share,
            gini=r.talk.gini,
            turn_taking=r.talk.turn_taking,
            median_wait_s=r.talk.median_wait_s,
            actual_s=r.timing.actual_s,
            over_s=r.timing.over_s,
            time=r.timing.time,
            plan=plans.index(r.title),
        )
        for r in ordered
    )
    names: list[str] = []
    for r in ordered:
        for person in r.people:
            if person.name not in names:
                names.append(person.name)
    people = []
    for name in names:
        cells: list[SeriesCell | None] = []
        for r in ordered:
            person = next((p for p in r.people if p.name == name), None)
            cells.append(
                None if person is None else SeriesCell(
                    person.attended, person.status, person.seconds, person.turns, person.passes
                )
            )
        present = [c for c in cells if c is not None and c.attended]
        people.append(
            SeriesPerson(
                name=name,
                sessions=tuple(cells),
                attended=len(present),
                spoke=sum(1 for c in present if c.turns),
                total_s=sum(c.seconds for c in present),
            )
        )
    titles = plans
    notes = list(dup_notes)
    if len(titles) > 1:
        notes.append(
            "These logs come from plans with different titles ("
            + "; ".join(titles) + "): each plan's sessions are grouped and described on "
            "their own; check they are the same group."
        )
    damaged = [r.about.file for r in ordered if r.about.damage]
    if damaged:
        notes.append(
            f"{fmt.plural(len(damaged), 'log')} could only be read in part: "
            + ", ".join(damaged) + " (their figures cover what could be read)."
        )
    from sessiontui.report.trends import series_trends

    series = SeriesReport(
        schema_version=SCHEMA_VERSION,
        title=titles[0] if len(titles) == 1 else "Several plans",
        rows=rows,
        people=tuple(people),
        notes=tuple(notes),
        prompts=(),
        sessions=tuple(ordered),
        plans=tuple(plans),
        trends=series_trends(rows, len(plans)),
        duplicates=tuple(duplicates),
    )
    from sessiontui.report.prompts import series_prompts

    return replace(series, prompts=series_prompts(series))


__all__ = [
    "SCHEMA_VERSION",
    "SeriesReport",
    "SessionReport",
    "build_report",
    "build_reports",
    "build_series",
]
