"""The event vocabulary: every event type the core writes, its data, and when it is written.

This table is the single source of truth. docs/log-format.md is written from it, tests
check that every event `decide` returns is listed here with exactly these fields, and
that `reduce` has a handler for each type.

Conventions:
- Participants by id (`p01`); the facilitator speaks as `"facilitator"`. Never names.
- `phase` and `index` are 0-based positions in the plan's lists; `room` is numbered
  from 1, as Zoom and Teams number rooms.
- Seconds are numbers; `_s` marks a length of time.
- `reduce` skips types it does not know, and events with a `v` newer than it knows,
  and counts them (`state.unknown_events`).

Field kinds (used by the random-event tests): `phase`, `index` (int ≥ 0), `room`
(int ≥ 1), `int`, `seconds` (number), `id` (participant id), `id?` (id or null),
`speaker` (id or "facilitator"), `text`, `bool`, `ids` (list of ids), `rooms` (list of
lists of ids), `durations` (list of int seconds), `indices` (list of distinct indexes),
`seed` (int ≥ 0 or null), `score?` (1-5 or null), `phase?` (phase or null), `a|b|c` (one
of these strings) and `a|b|c?` (one of these strings, or null).

A field added to a type later, without a new `v`, is listed in its `optional`: logs
written before it lack it, and readers take it as null (older readers ignore it, as
they ignore any extra field).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from sessiontui.core.privacy import CLASSES, MEMBERS, OUTSIDE_THE_LOG, PRIVATE, SHAREABLE
from sessiontui.core.state import END_REASONS, HAND_SOURCES, OUTCOMES, STATUSES


@dataclass(frozen=True, slots=True)
class EventSpec:
    """One event type: when it is written, and its data fields (name → (kind, meaning)).

    `privacy` gives every `text` field its privacy class (core/privacy.py) and what the
    text is, in a few words: (class, what). `shared_by` names a bool field that, when
    false, makes this event's private text members' words (a note written to share).
    """

    description: str
    fields: dict[str, tuple[str, str]]
    version: int = 1
    privacy: dict[str, tuple[str, str]] = _field(default_factory=dict)
    shared_by: str | None = None
    private: str | None = None
    """Set when the event as a whole is private (that it happened says something about
    someone), saying what it records: reports and exports leave it out unless
    --include-notes, whatever its fields hold."""
    optional: tuple[str, ...] = ()
    """Fields added later (without a new `v`): older logs lack them."""


def _one_of(values: tuple[str, ...] | list[str]) -> str:
    return "|".join(values)


EVENTS: dict[str, EventSpec] = {
    # -- session ---------------------------------------------------------------------
    "session.opened": EventSpec(
        "The app opened the session log for a plan (before the facilitator starts).",
        {
            "plan_sha256": ("text", "sha256 of the plan file's bytes"),
            "rehearsal": ("bool", "a rehearsal, not a real session"),
            "participants": ("ids", "the plan's roster, in plan order"),
        },
        privacy={"plan_sha256": (SHAREABLE, "the plan's checksum (written by the app)")},
    ),
    "session.started": EventSpec(
        "The facilitator started the session; the first phase starts with it.", {}
    ),
    "session.paused": EventSpec(
        "Phase timers stopped (tech trouble, someone needs a moment). A turn in progress "
        "is suspended with them and goes on at resume (older logs ended it).",
        {"reason": ("text", "why, as typed; usually empty: see session.pause_explained")},
        privacy={"reason": (PRIVATE, "pause reason")},
    ),
    "session.pause_explained": EventSpec(
        "Why the session was paused, typed after the key that paused it (the timers "
        "stopped at the key press). Describes the latest pause.",
        {"reason": ("text", "why, as typed")},
        privacy={"reason": (PRIVATE, "pause reason, typed after the pause")},
    ),
    "session.resumed": EventSpec(
        "Phase timers run again; the pause does not count against the phase.",
        {"paused_s": ("seconds", "how long the pause lasted")},
    ),
    "session.ended": EventSpec(
        "The session ended; any turn, rooms and phase in progress end just before it.",
        {"reason": (_one_of(END_REASONS), "completed, ended-early or interrupted")},
    ),
    "session.interrupted": EventSpec(
        "The app was closed without ending the session: the facilitator left it to "
        "resume later, or it was closed from outside (terminal window closed, SIGTERM). "
        "Nothing ends: the session can be resumed, and the time away still counts "
        "(in a rehearsal, it goes on from this moment).",
        {"cause": ("text", "what closed it: left to resume later, a signal, or a crash")},
        privacy={"cause": (SHAREABLE, "what closed the app (written by the app)")},
    ),
    "session.taken_over": EventSpec(
        "Written by `resume --take-over`: the log's lock file said another process held "
        "it (the facilitator's machine dropped), and the facilitator took the session "
        "over. Changes nothing in the session; session.continued follows.",
        {"elsewhere": ("bool", "the lock file named a process on another machine")},
    ),
    "session.continued": EventSpec(
        "The app came back after a crash or a closed window. The time it was down still "
        "counts (the call went on).",
        {"gap_s": ("seconds", "session time between the last event and now")},
    ),
    "recovery.truncated": EventSpec(
        "Written by resume after a torn last line was cut off the log; the cut bytes are "
        "kept in a side file. Changes nothing in the session.",
        {
            "bytes": ("int", "how many bytes were cut"),
            "offset": ("int", "byte offset where the cut was made"),
            "side_file": ("text", "the file the cut bytes were copied to"),
        },
        privacy={"side_file": (SHAREABLE, "a side file's name (written by the app)")},
    ),
    "clock.jumped": EventSpec(
        "The wall clock moved away from session time by more than 2 s (sleep, NTP). "
        "Noted once per jump; timers stay on session time.",
        {"delta_s": ("seconds", "wall minus session time, change since the last note")},
    ),
    # -- phases ------------------------------------------------------------------------
    "phase.started": EventSpec(
        "A phase began (start of session, NextStep at its end, GoToPhase, SkipPhase).",
        {
            "phase": ("phase", "which phase"),
            "kind": ("text", "the phase kind, for readers without the plan"),
            "planned_s": ("int", "its length at the start (after any rebalance)"),
        },
        privacy={"kind": (SHAREABLE, "phase kind (from the plan)")},
    ),
    "phase.ended": EventSpec(
        "A phase ended. Outcome: completed (within 60 s of its time), moved-on-early, "
        "ran-over, or skipped (SkipPhase on the running phase).",
        {
            "phase": ("phase", "which phase"),
            "outcome": (_one_of(OUTCOMES), "how it ended"),
            "active_s": ("seconds", "time it ran, pauses excluded"),
        },
    ),
    "phase.skipped": EventSpec(
        "A later phase will be passed over (SkipPhase(index), or GoToPhase jumping "
        "over phases that never ran).",
        {"phase": ("phase", "the phase to pass over")},
    ),
    "phase.unskipped": EventSpec(
        "A skipped phase is back on the agenda.", {"phase": ("phase", "which phase")}
    ),
    "phase.time_adjusted": EventSpec(
        "Time added to (+) or taken off (-) the running phase. Re-arms warnings that are "
        "ahead again.",
        {"phase": ("phase", "which phase"), "seconds": ("int", "change in seconds")},
    ),
    "schedule.rebalanced": EventSpec(
        "The facilitator accepted a proposal to absorb an overrun from later flex "
        "phases; later phases use these lengths.",
        {"durations": ("durations", "every phase's length in seconds, in plan order")},
    ),
    "timer.warning": EventSpec(
        "The running phase's time left crossed one of its warning thresholds. When a "
        "tick crosses several at once, only the smallest is given; all count as given.",
        {"phase": ("phase", "which phase"), "threshold": ("int", "seconds left")},
    ),
    "timer.expired": EventSpec(
        "The running phase's time is up (the phase carries on into overtime).",
        {"phase": ("phase", "which phase")},
    ),
    "prompt.shown": EventSpec(
        "A discussion prompt is on screen (the first at phase start, then NextStep / "
        "PreviousStep).",
        {"phase": ("phase", "which phase"), "index": ("index", "which prompt")},
    ),
    # -- people -------------------------------------------------------------------
    "participant.added": EventSpec(
        "A walk-in joined. The app writes the name to the roster file, never to the log. "
        "A round in progress adds them at the end of its order.",
        {
            "participant": ("id", "the new id, next after the highest (p07)"),
            "status": (_one_of(STATUSES), "their attendance (present)"),
        },
    ),
    "attendance.changed": EventSpec(
        "Someone's attendance changed (present, late, stepped-out, back, left, absent, "
        "or back to expected).",
        {
            "participant": ("id", "who"),
            "status": (_one_of(STATUSES), "new status"),
            "previous": (_one_of(STATUSES), "status before"),
        },
    ),
    # -- rounds -------------------------------------------------------------------
    "round.started": EventSpec(
        "A check-in or close phase began its go-around; the order is fixed here "
        "(people already away are left out; walk-ins join at the end).",
        {
            "phase": ("phase", "which phase"),
            "order": ("ids", "who, in order"),
            "method": ("plan|alphabetical|random", "how the order was made"),
            "seed": ("seed", "the random seed (random order only)"),
        },
    ),
    "round.moved": EventSpec(
        "The round moved to a person (NextStep, Pass, PreviousStep); position -1 is "
        "back before the first person. Moving back takes back the go of the person "
        "left; the person moved to gets a go, which replaces an earlier pass.",
        {
            "phase": ("phase", "which phase"),
            "position": ("int", "index in the order, or -1"),
            "participant": ("id?", "who is on now (null at -1)"),
        },
    ),
    "round.skipped": EventSpec(
        "The round passed over someone automatically: away, or passed in advance.",
        {"participant": ("id", "who"), "reason": ("text", "their status, or passed")},
        privacy={"reason": (SHAREABLE, 'why: a status or "passed" (written by the app)')},
    ),
    "round.passed": EventSpec(
        "Someone used their right to pass: recorded as a pass, not as silence and not "
        "as a turn (the round turn in progress is dropped). A later go in the same "
        "round (the facilitator stepped back to them) replaces it.",
        {"participant": ("id", "who")},
    ),
    "round.answered": EventSpec(
        "A word or short text from someone in the round, if the phase's capture allows; "
        "a later answer replaces an earlier one.",
        {"participant": ("id", "who"), "text": ("text", "their word or text")},
        privacy={"text": (MEMBERS, "round answer")},
    ),
    "round.timebox_reached": EventSpec(
        "The person on in the round reached the soft per-person time (a flag only).",
        {"participant": ("id", "who"), "per_person_s": ("int", "the timebox")},
    ),
    "round.came_back": EventSpec(
        "At the end of the round, the facilitator came back to someone who passed, as "
        "peer-support groups do (\"come back to you?\"). They may speak (their go "
        "replaces the pass) or pass again.",
        {
            "phase": ("phase", "which phase"),
            "position": ("index", "their place in the order"),
            "participant": ("id", "who is offered another go"),
        },
    ),
    "round.resumed": EventSpec(
        "The facilitator went back into this round's phase (`N` at the next phase's first "
        "step): the same round goes on where it was, and the person on gets the floor back.",
        {"phase": ("phase", "which phase")},
    ),
    "round.completed": EventSpec(
        "Everyone in the order had their turn (or passed, or was skipped).",
        {"phase": ("phase", "which phase")},
    ),
    # -- ground rules ------------------------------------------------------------------
    "rules.shown": EventSpec(
        "The ground rules are on screen at the start of a ground-rules phase.",
        {"count": ("int", "how many rules")},
    ),
    "rule.covered": EventSpec(
        "A rule was read out (CoverRule, or NextStep covering the next one).",
        {"index": ("index", "which rule: the plan's first, then the group's")},
    ),
    "rule.uncovered": EventSpec(
        "PreviousStep took back the last rule marked covered.",
        {"index": ("index", "which rule")},
    ),
    "rule.added": EventSpec(
        "The group added a rule (only where the plan invites additions).",
        {"index": ("index", "its index"), "text": ("text", "the rule")},
        privacy={"text": (MEMBERS, "rule the group added")},
    ),
    "rules.reminded": EventSpec(
        "The rules were shown again mid-session (any phase).",
        {"count": ("int", "how many rules")},
    ),
    # -- hands and turns ---------------------------------------------------------------
    "hand.raised": EventSpec(
        "Someone raised their hand: on video, in the chat, or aloud (someone on the phone).",
        {
            "participant": ("id", "who"),
            "via": (_one_of(HAND_SOURCES) + "?", "where the hand came from; null when not "
                    "said (absent in logs written before it was recorded)"),
        },
        optional=("via",),
    ),
    "hand.lowered": EventSpec(
        "A hand went down without a turn (lowered, or the person went away). A hand "
        "also goes down, silently, when its owner's turn starts.",
        {"participant": ("id", "who"), "reason": ("lowered|away", "why")},
    ),
    "hands.cleared": EventSpec(
        "Every hand was lowered at once.", {"participants": ("ids", "whose hands")}
    ),
    "turn.started": EventSpec(
        "Someone has the floor. Ends any turn in progress; lowers their hand and records "
        "how long they waited.",
        {
            "speaker": ("speaker", "who speaks"),
            "source": ("queue|direct|round|facilitator", "how they got the floor"),
        },
    ),
    "turn.ended": EventSpec(
        "A turn ended (EndTurn, next speaker, pause, phase change, going away).",
        {"speaker": ("speaker", "who spoke"), "duration_s": ("seconds", "how long")},
    ),
    "turn.limit_reached": EventSpec(
        "The turn in progress passed the discussion's soft turn limit (a flag only).",
        {"speaker": ("speaker", "who"), "limit_s": ("int", "the limit")},
    ),
    "item.parked": EventSpec(
        "A topic went into the parking lot for later.",
        {"item_id": ("int", "1, 2, ..."), "text": ("text", "the topic")},
        privacy={"text": (MEMBERS, "parked topic")},
    ),
    # -- breakouts ---------------------------------------------------------------------
    "breakout.opened": EventSpec(
        "Rooms opened with this assignment. The duration is the phase's time left when "
        "they opened (at least a minute).",
        {
            "phase": ("phase", "which phase"),
            "rooms": ("rooms", "ids per room, room 1 first"),
            "method": ("random|balanced|fixed", "how people were assigned"),
            "seed": ("seed", "the seed of the shuffle"),
            "duration_s": ("int", "how long the rooms run"),
            "repeated_pairs": ("int", "pairs who were together in an earlier breakout"),
        },
    ),
    "breakout.joined": EventSpec(
        "Someone arrived while rooms were open and was put in the smallest room.",
        {"participant": ("id", "who"), "room": ("room", "which room")},
    ),
    "breakout.warning": EventSpec(
        "Rooms' time left crossed a warning threshold; the broadcast is ready to paste "
        "into the platform.",
        {"threshold": ("int", "seconds left"), "broadcast": ("text", "the message")},
        privacy={"broadcast": (SHAREABLE, "broadcast to the rooms (the plan's message)")},
    ),
    "breakout.adjusted": EventSpec(
        "Rooms extended (+) or shortened (-) while open; the phase changes with them.",
        {"seconds": ("int", "change in seconds")},
    ),
    "breakout.help_requested": EventSpec(
        "A room asked for help.", {"room": ("room", "which room")}
    ),
    "breakout.help_answered": EventSpec(
        "The facilitator dealt with a room's request.", {"room": ("room", "which room")}
    ),
    "breakout.closed": EventSpec(
        "Rooms closed: by time, or by the facilitator (also when moving on with rooms "
        "open).",
        {"by": ("time|facilitator", "what closed them")},
    ),
    "breakout.reported": EventSpec(
        "A note of what a room brought back.",
        {"room": ("room", "which room"), "text": ("text", "the report-back")},
        privacy={"text": (MEMBERS, "report-back from a room")},
    ),
    # -- activities --------------------------------------------------------------------
    "guest.questions_started": EventSpec(
        "The guest's talk ended and questions began: by the facilitator, or by time at "
        "duration − qa.",
        {"by": ("time|facilitator", "what started them")},
    ),
    "quiz.question_shown": EventSpec(
        "A quiz question is on screen (its answer hidden).", {"index": ("index", "which")}
    ),
    "quiz.answer_revealed": EventSpec(
        "The current question's answer is shown.", {"index": ("index", "which")}
    ),
    "quiz.points_awarded": EventSpec(
        "Points for someone in a quiz (negative to correct a mistake).",
        {"participant": ("id", "who"), "points": ("int", "how many")},
    ),
    "break.nudged": EventSpec(
        "A break's time is up: a gentle nudge to come back, no alarm.",
        {"phase": ("phase", "which phase")},
    ),
    # -- close -------------------------------------------------------------------------
    "takeaway.added": EventSpec(
        "A takeaway from the session, from someone or from the group.",
        {"text": ("text", "the takeaway"), "participant": ("id?", "who, or null")},
        privacy={"text": (MEMBERS, "takeaway")},
    ),
    "feedback.recorded": EventSpec(
        "Feedback on the platform: a 1-5 score and/or a comment, per person or for the "
        "group.",
        {
            "score": ("score?", "1-5, or null"),
            "comment": ("text", "as typed; may be empty"),
            "participant": ("id?", "who, or null for the group"),
        },
        privacy={"comment": (MEMBERS, "feedback comment")},
    ),
    # -- any time ----------------------------------------------------------------------
    "note.added": EventSpec(
        "A facilitator's note; private notes stay out of shared reports.",
        {
            "note_id": ("int", "1, 2, ..."),
            "text": ("text", "the note"),
            "private": ("bool", "kept out of shared exports"),
            "phase": ("phase?", "the phase running, or null"),
        },
        privacy={"text": (PRIVATE, "note")},
        shared_by="private",
    ),
    "note.amended": EventSpec(
        "A correction to a note; the original stays in the log.",
        {"note_id": ("int", "which note"), "text": ("text", "the corrected text")},
        privacy={"text": (PRIVATE, "note correction (follows the note it corrects)")},
    ),
    "marker.added": EventSpec(
        "A labelled marker: a chapter for trainers replaying the session.",
        {"label": ("text", "the label"), "phase": ("phase?", "the phase running, or null")},
        privacy={"label": (SHAREABLE, "marker label")},
    ),
    "followup.flagged": EventSpec(
        "Someone may need a follow-up after the session; listed at close.",
        {"participant": ("id", "who"), "text": ("text", "a private note; may be empty")},
        privacy={"text": (PRIVATE, "follow-up note")},
    ),
    # -- safeguarding and the chat ------------------------------------------------------
    "safeguarding.recorded": EventSpec(
        "The facilitator used the safeguarding panel: someone was in distress. Holds no "
        "words: who (if chosen) and which of the plan's steps were done. They go first "
        "among the follow-ups, with the safeguarding lead's contact.",
        {
            "participant": ("id?", "who, or null when no one was chosen"),
            "steps": ("indices", "the plan's safeguarding steps ticked (0-based)"),
            "prompted": ("bool", "opened from the offer after a long time stepped out"),
        },
        private="that someone needed safeguarding, and the steps taken",
    ),
    "safeguarding.offered": EventSpec(
        "Someone had been stepped out longer than the plan's safeguarding `stepped_out` "
        "time: the safeguarding panel was offered (once per time away).",
        {
            "participant": ("id", "who"),
            "away_s": ("seconds", "how long they had been stepped out"),
        },
        private="that someone was away long enough to offer the safeguarding panel",
    ),
    "text.copied": EventSpec(
        "A ready text from the plan's `[[texts]]` was copied to paste into the call's "
        "chat. Logged by its name, not its words.",
        {"name": ("text", "the text's name in the plan")},
        privacy={"name": (SHAREABLE, "ready text's name (from the plan)")},
    ),
}

PRIVATE_EVENTS: frozenset[str] = frozenset(
    name for name, spec in EVENTS.items() if spec.private is not None
)
"""Event types private as a whole: left out of reports and exports unless
--include-notes."""


def markdown_table() -> str:
    """The vocabulary as Markdown, for docs/log-format.md (one section, one table)."""
    lines = [
        "| type | data | when |",
        "|---|---|---|",
    ]
    for name, spec in EVENTS.items():
        fields = "<br>".join(
            f"`{field}` ({kind}): {meaning}" for field, (kind, meaning) in spec.fields.items()
        ) or "—"
        lines.append(f"| `{name}` | {fields} | {spec.description} |")
    return "\n".join(lines) + "\n"


def text_privacy(event_type: str, field: str, data: Mapping[str, Any] | None = None) -> str:
    """The privacy class of one text field of an event (core/privacy.py).

    Text this version cannot place (an event type it does not know, or a field it does
    not list) is private: an output cannot promise anything about it.
    """
    spec = EVENTS.get(event_type)
    if spec is None or field not in spec.privacy:
        return PRIVATE
    privacy = spec.privacy[field][0]
    if (privacy == PRIVATE and spec.shared_by is not None and data is not None
            and data.get(spec.shared_by) is False):
        return MEMBERS
    return privacy


TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(field for field, (kind, _) in spec.fields.items() if kind == "text")
    for name, spec in EVENTS.items()
}
"""Per event type, its data fields that hold text (each has a privacy class)."""


def privacy_table() -> str:
    """Every free-text field and its privacy class, as Markdown, for docs/log-format.md."""
    lines = [
        "| text | where | class | who sees it by default |",
        "|---|---|---|---|",
    ]
    for name, spec in EVENTS.items():
        for key, (privacy, what) in spec.privacy.items():
            title = CLASSES[privacy].title
            audience = CLASSES[privacy].audience
            if spec.shared_by is not None and privacy == PRIVATE:
                title += (f"; members' words when `{spec.shared_by}` is false (a note "
                          "written to share)")
            lines.append(f"| {what} | `{name}` `{key}` | {title} | {audience} |")
    for name, spec in EVENTS.items():
        if spec.private is not None:
            lines.append(f"| {spec.private} | `{name}` (the whole event) | "
                         f"{CLASSES[PRIVATE].title} | {CLASSES[PRIVATE].audience} |")
    for what, where, privacy, who in OUTSIDE_THE_LOG:
        lines.append(f"| {what} | {where} | {CLASSES[privacy].title} | {who} |")
    return "\n".join(lines) + "\n"


def dialog_lines() -> str:
    """The sentence each class's dialogs show, as a Markdown list (for the docs)."""
    return "".join(f"- {CLASSES[key].title}: \u201c{CLASSES[key].dialog}\u201d\n"
                   for key in (PRIVATE, MEMBERS, SHAREABLE))


def text_what(event_type: str, field: str) -> str:
    """What a text field holds, in a few words ("pause reason"), as the table says."""
    spec = EVENTS.get(event_type)
    if spec is None or field not in spec.privacy:
        return "text of an unknown kind"
    return spec.privacy[field][1]


def who_sees(event_type: str, field: str) -> str:
    """The sentence a dialog shows under the text field that becomes this event field
    ("Private: only in your own report, with --include-notes.")."""
    return CLASSES[text_privacy(event_type, field)].dialog
