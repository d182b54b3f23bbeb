"""Commands: what the facilitator means to do, one immutable record per intent.

The UI only builds these and hands them to `decide`, which answers with events or
refuses with `CommandRefused` and a sentence to show. Participants are ids; rooms are
numbered from 1; phase, rule and question numbers are 0-based positions in the plan.

They are `NamedTuple`s rather than dataclasses: there are nearly fifty, every session
loads them before its first frame, and a NamedTuple costs a tenth of a frozen
dataclass to define. `@intent` makes one equal only to a command of the same kind.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

T = TypeVar("T", bound=type)


def intent(cls: T) -> T:
    """Equal (and hashed) by kind and values: as tuples alone, StartSession() would
    equal EndTurn()."""

    def __eq__(self: Any, other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)

    def __ne__(self: Any, other: object) -> bool:
        return not __eq__(self, other)

    def __hash__(self: Any) -> int:
        return hash((type(self), tuple(self)))

    cls.__eq__ = __eq__  # type: ignore[method-assign, assignment]
    cls.__ne__ = __ne__  # type: ignore[method-assign, assignment]
    cls.__hash__ = __hash__  # type: ignore[method-assign, assignment]
    return cls


class CommandRefused(Exception):
    """A command that cannot happen now; `reason` is a sentence for the facilitator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- session --------------------------------------------------------------------------


@intent
class OpenSession(NamedTuple):
    """The app opened a log for the plan (before the facilitator starts)."""

    plan_sha256: str = ""
    rehearsal: bool = False


@intent
class StartSession(NamedTuple):
    """Begin: the first phase starts."""


@intent
class Pause(NamedTuple):
    """Stop the phase timers, with an optional reason."""

    reason: str = ""


@intent
class ExplainPause(NamedTuple):
    """Why the session was paused, given once it is paused (the pause itself takes
    effect at the key press)."""

    reason: str


@intent
class Resume(NamedTuple):
    """Run the timers again. By default the pause is added back (the phase keeps its
    time); `take_from_phase` makes the pause come out of the phase's time instead."""

    take_from_phase: bool = False


@intent
class EndSession(NamedTuple):
    """End the session. Without a reason: completed in the last phase, else ended-early."""

    reason: str | None = None


@intent
class NoteInterruption(NamedTuple):
    """The app is being closed without ending the session (left to resume later, the
    terminal window closed, SIGTERM): note it. Nothing ends: the call goes on, and
    `sessiontui resume` continues the session."""

    cause: str = "signal"


@intent
class ResumeAfterInterruption(NamedTuple):
    """The app is back after a crash; the gap since the last event still counts."""


# -- phases and steps -----------------------------------------------------------------


@intent
class NextStep(NamedTuple):
    """The next step of the phase (prompt, person, rule, question); at its last step,
    end the phase and start the next."""


@intent
class PreviousStep(NamedTuple):
    """Back one step within the phase."""


@intent
class GoToPhase(NamedTuple):
    """Jump to a phase (0-based). Jumping ahead skips the phases in between that never ran."""

    index: int


@intent
class SkipPhase(NamedTuple):
    """Skip the running phase (None) or mark a later phase to be passed over."""

    index: int | None = None


@intent
class UnskipPhase(NamedTuple):
    """Put a skipped phase back on the agenda."""

    index: int


@intent
class AdjustTime(NamedTuple):
    """Add (+) or take off (-) time from the running phase, in seconds. While its
    breakout rooms are open, the rooms (and the phase with them) get the time."""

    seconds: int


@intent
class AcceptRebalance(NamedTuple):
    """Accept the proposal to absorb the overrun from later flex phases: exactly the
    lengths the facilitator was shown (`durations`, one per phase), or, without them,
    the proposal as it stands now."""

    durations: tuple[int, ...] | None = None


# -- people ---------------------------------------------------------------------------


@intent
class AddParticipant(NamedTuple):
    """A walk-in: the core gives the next id (p07); the app keeps the name."""


@intent
class MarkEveryonePresent(NamedTuple):
    """Everyone still unmarked ("expected") is present: one key at the start, then only
    the exceptions (late, absent) need marking."""


@intent
class MarkAttendance(NamedTuple):
    """expected | present | late | stepped-out | back | left | absent."""

    participant: str
    status: str


# -- rounds ---------------------------------------------------------------------------


@intent
class Pass(NamedTuple):
    """The right to pass: the person on (default) passes and the round moves on; naming
    someone later in the round records their pass in advance."""

    participant: str | None = None


@intent
class CaptureAnswer(NamedTuple):
    """A word or short text for the person on (or the one named), if the plan allows."""

    text: str
    participant: str | None = None


# -- ground rules ---------------------------------------------------------------------


@intent
class CoverRule(NamedTuple):
    index: int


@intent
class AddRule(NamedTuple):
    text: str


@intent
class RemindRules(NamedTuple):
    """Show the rules again, in any phase."""


# -- hands and turns ------------------------------------------------------------------


@intent
class RaiseHand(NamedTuple):
    """`via`: where the hand came from (video, chat, voice), or None when not said."""

    participant: str
    via: str | None = None


@intent
class LowerHand(NamedTuple):
    participant: str


@intent
class LowerAllHands(NamedTuple):
    pass


@intent
class NextSpeaker(NamedTuple):
    """Give the floor to the head of the hand queue."""


@intent
class StartTurn(NamedTuple):
    """Give the floor to someone directly (a participant id or "facilitator")."""

    speaker: str


@intent
class EndTurn(NamedTuple):
    pass


@intent
class ToggleFacilitatorTurn(NamedTuple):
    """Start the facilitator's own turn, or end it if it is running."""


@intent
class ParkItem(NamedTuple):
    text: str


# -- breakouts ------------------------------------------------------------------------


@intent
class OpenRooms(NamedTuple):
    pass


@intent
class AdjustRooms(NamedTuple):
    seconds: int


@intent
class RequestHelp(NamedTuple):
    room: int


@intent
class AnswerHelp(NamedTuple):
    room: int


@intent
class CloseRooms(NamedTuple):
    pass


@intent
class NoteReportBack(NamedTuple):
    room: int
    text: str


# -- activities -----------------------------------------------------------------------


@intent
class StartQuestions(NamedTuple):
    """End the guest's talk and open questions."""


@intent
class ShowQuestion(NamedTuple):
    index: int


@intent
class NextQuestion(NamedTuple):
    pass


@intent
class RevealAnswer(NamedTuple):
    pass


@intent
class AwardPoints(NamedTuple):
    participant: str
    points: int = 1


# -- close ----------------------------------------------------------------------------


@intent
class AddTakeaway(NamedTuple):
    text: str
    participant: str | None = None


@intent
class RecordFeedback(NamedTuple):
    """A 1-5 score and/or a comment on the platform, from someone or the group (None)."""

    score: int | None = None
    comment: str = ""
    participant: str | None = None


# -- any time -------------------------------------------------------------------------


@intent
class AddNote(NamedTuple):
    text: str
    private: bool = True


@intent
class AmendNote(NamedTuple):
    note_id: int
    text: str


@intent
class AddMarker(NamedTuple):
    label: str


@intent
class FlagFollowUp(NamedTuple):
    participant: str
    text: str = ""


@intent
class RecordSafeguarding(NamedTuple):
    """The safeguarding panel closed with someone chosen or a step ticked."""

    participant: str | None = None
    steps: tuple[int, ...] = ()
    prompted: bool = False


@intent
class CopyText(NamedTuple):
    """A ready text from the plan was copied for the call's chat."""

    name: str


@intent
class Tick(NamedTuple):
    """About once a second: returns the alerts that are due now, or nothing.

    `drift` is the wall clock minus session time measured by the caller, in seconds, in
    total since the session opened; without it, decide works it out from `Now.wall`.
    """

    drift: float | None = None


Command = (
    OpenSession | StartSession | Pause | ExplainPause | Resume | EndSession | NoteInterruption
    | ResumeAfterInterruption
    | NextStep | PreviousStep | GoToPhase | SkipPhase | UnskipPhase | AdjustTime
    | AcceptRebalance | AddParticipant | MarkAttendance | MarkEveryonePresent | Pass
    | CaptureAnswer | CoverRule
    | AddRule | RemindRules | RaiseHand | LowerHand | LowerAllHands | NextSpeaker | StartTurn
    | EndTurn | ToggleFacilitatorTurn | ParkItem | OpenRooms | AdjustRooms | RequestHelp
    | AnswerHelp | CloseRooms | NoteReportBack | StartQuestions | ShowQuestion | NextQuestion
    | RevealAnswer | AwardPoints | AddTakeaway | RecordFeedback | AddNote | AmendNote
    | AddMarker | FlagFollowUp | RecordSafeguarding | CopyText | Tick
)
