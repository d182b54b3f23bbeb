"""Commands: what the facilitator means to do, one frozen dataclass per intent.

The UI only builds these and hands them to `decide`, which answers with events or
refuses with `CommandRefused` and a sentence to show. Participants are ids; rooms are
numbered from 1; phase, rule and question numbers are 0-based positions in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass


class CommandRefused(Exception):
    """A command that cannot happen now; `reason` is a sentence for the facilitator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- session --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenSession:
    """The app opened a log for the plan (before the facilitator starts)."""

    plan_sha256: str = ""
    rehearsal: bool = False


@dataclass(frozen=True, slots=True)
class StartSession:
    """Begin: the first phase starts."""


@dataclass(frozen=True, slots=True)
class Pause:
    """Stop the phase timers, with an optional reason."""

    reason: str = ""


@dataclass(frozen=True, slots=True)
class Resume:
    """Run the timers again. By default the pause is added back (the phase keeps its
    time); `take_from_phase` makes the pause come out of the phase's time instead."""

    take_from_phase: bool = False


@dataclass(frozen=True, slots=True)
class EndSession:
    """End the session. Without a reason: completed in the last phase, else ended-early."""

    reason: str | None = None


@dataclass(frozen=True, slots=True)
class NoteInterruption:
    """The app is being closed without ending the session (left to resume later, the
    terminal window closed, SIGTERM): note it. Nothing ends: the call goes on, and
    `sessiontui resume` continues the session."""

    cause: str = "signal"


@dataclass(frozen=True, slots=True)
class ResumeAfterInterruption:
    """The app is back after a crash; the gap since the last event still counts."""


# -- phases and steps -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextStep:
    """The next step of the phase (prompt, person, rule, question); at its last step,
    end the phase and start the next."""


@dataclass(frozen=True, slots=True)
class PreviousStep:
    """Back one step within the phase."""


@dataclass(frozen=True, slots=True)
class GoToPhase:
    """Jump to a phase (0-based). Jumping ahead skips the phases in between that never ran."""

    index: int


@dataclass(frozen=True, slots=True)
class SkipPhase:
    """Skip the running phase (None) or mark a later phase to be passed over."""

    index: int | None = None


@dataclass(frozen=True, slots=True)
class UnskipPhase:
    """Put a skipped phase back on the agenda."""

    index: int


@dataclass(frozen=True, slots=True)
class AdjustTime:
    """Add (+) or take off (-) time from the running phase, in seconds. While its
    breakout rooms are open, the rooms (and the phase with them) get the time."""

    seconds: int


@dataclass(frozen=True, slots=True)
class AcceptRebalance:
    """Accept the schedule's proposal to absorb the overrun from later flex phases."""


# -- people ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddParticipant:
    """A walk-in: the core gives the next id (p07); the app keeps the name."""


@dataclass(frozen=True, slots=True)
class MarkAttendance:
    """expected | present | late | stepped-out | back | left | absent."""

    participant: str
    status: str


# -- rounds ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pass:
    """The right to pass: the person on (default) passes and the round moves on; naming
    someone later in the round records their pass in advance."""

    participant: str | None = None


@dataclass(frozen=True, slots=True)
class CaptureAnswer:
    """A word or short text for the person on (or the one named), if the plan allows."""

    text: str
    participant: str | None = None


# -- ground rules ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverRule:
    index: int


@dataclass(frozen=True, slots=True)
class AddRule:
    text: str


@dataclass(frozen=True, slots=True)
class RemindRules:
    """Show the rules again, in any phase."""


# -- hands and turns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RaiseHand:
    participant: str


@dataclass(frozen=True, slots=True)
class LowerHand:
    participant: str


@dataclass(frozen=True, slots=True)
class LowerAllHands:
    pass


@dataclass(frozen=True, slots=True)
class NextSpeaker:
    """Give the floor to the head of the hand queue."""


@dataclass(frozen=True, slots=True)
class StartTurn:
    """Give the floor to someone directly (a participant id or "facilitator")."""

    speaker: str


@dataclass(frozen=True, slots=True)
class EndTurn:
    pass


@dataclass(frozen=True, slots=True)
class ToggleFacilitatorTurn:
    """Start the facilitator's own turn, or end it if it is running."""


@dataclass(frozen=True, slots=True)
class ParkItem:
    text: str


# -- breakouts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenRooms:
    pass


@dataclass(frozen=True, slots=True)
class AdjustRooms:
    seconds: int


@dataclass(frozen=True, slots=True)
class RequestHelp:
    room: int


@dataclass(frozen=True, slots=True)
class AnswerHelp:
    room: int


@dataclass(frozen=True, slots=True)
class CloseRooms:
    pass


@dataclass(frozen=True, slots=True)
class NoteReportBack:
    room: int
    text: str


# -- activities -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartQuestions:
    """End the guest's talk and open questions."""


@dataclass(frozen=True, slots=True)
class ShowQuestion:
    index: int


@dataclass(frozen=True, slots=True)
class NextQuestion:
    pass


@dataclass(frozen=True, slots=True)
class RevealAnswer:
    pass


@dataclass(frozen=True, slots=True)
class AwardPoints:
    participant: str
    points: int = 1


# -- close ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddTakeaway:
    text: str
    participant: str | None = None


@dataclass(frozen=True, slots=True)
class RecordFeedback:
    """A 1-5 score and/or a comment on the platform, from someone or the group (None)."""

    score: int | None = None
    comment: str = ""
    participant: str | None = None


# -- any time -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddNote:
    text: str
    private: bool = True


@dataclass(frozen=True, slots=True)
class AmendNote:
    note_id: int
    text: str


@dataclass(frozen=True, slots=True)
class AddMarker:
    label: str


@dataclass(frozen=True, slots=True)
class FlagFollowUp:
    participant: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Tick:
    """About once a second: returns the alerts that are due now, or nothing.

    `drift` is the wall clock minus session time measured by the caller, in seconds, in
    total since the session opened; without it, decide works it out from `Now.wall`.
    """

    drift: float | None = None


Command = (
    OpenSession | StartSession | Pause | Resume | EndSession | NoteInterruption
    | ResumeAfterInterruption
    | NextStep | PreviousStep | GoToPhase | SkipPhase | UnskipPhase | AdjustTime
    | AcceptRebalance | AddParticipant | MarkAttendance | Pass | CaptureAnswer | CoverRule
    | AddRule | RemindRules | RaiseHand | LowerHand | LowerAllHands | NextSpeaker | StartTurn
    | EndTurn | ToggleFacilitatorTurn | ParkItem | OpenRooms | AdjustRooms | RequestHelp
    | AnswerHelp | CloseRooms | NoteReportBack | StartQuestions | ShowQuestion | NextQuestion
    | RevealAnswer | AwardPoints | AddTakeaway | RecordFeedback | AddNote | AmendNote
    | AddMarker | FlagFollowUp | Tick
)
