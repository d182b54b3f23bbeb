"""The session state: what folding the events gives, frozen, and cheap to copy on write.

Every part is a frozen dataclass holding tuples, frozensets, small dicts (never mutated:
a change makes a new dict) and `Trail`s for histories that only grow. The small records
that are made once and never changed (a hand, a turn, a note) are NamedTuples: as
immutable, and much cheaper to define when a session loads. A new state shares
everything it did not change with the one before it, so a replay can keep a snapshot
every few hundred events for next to nothing, and `reduce` stays a few microseconds.

Participants appear by id only (`p01`, walk-ins `p07`...); the facilitator speaks as
`"facilitator"`. Phase numbers are 0-based positions in `plan.phases`; rooms are numbered
from 1, as the video platforms number them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:  # annotations only: the journal's readers must not load pydantic
    from sessiontui.plan.models import PhaseBase, Plan

T = TypeVar("T")

FACILITATOR = "facilitator"
"""The speaker id for the facilitator's own turns."""

STATUSES: tuple[str, ...] = (
    "expected", "present", "late", "stepped-out", "back", "left", "absent",
)
HERE: frozenset[str] = frozenset({"expected", "present", "late", "back"})
"""Statuses of people who can speak, be in a room or be called on in a round.

"expected" counts: many facilitators never mark attendance, and nobody should vanish
from the talk-time figures because of it. Mark someone absent to leave them out.
"""
AWAY: frozenset[str] = frozenset({"stepped-out", "left", "absent"})

ROUND_KINDS: frozenset[str] = frozenset({"check-in", "close"})
END_REASONS: tuple[str, ...] = ("completed", "ended-early", "interrupted")
OUTCOMES: tuple[str, ...] = ("completed", "moved-on-early", "skipped", "ran-over")
HAND_SOURCES: tuple[str, ...] = ("video", "chat", "voice")
"""Where a hand came from: the platform's raise-hand on video, a message in the chat,
or said aloud ("Hello, this is Sam") by someone on the phone."""


def evolve(obj: T, /, **changes: Any) -> T:
    """A copy of a frozen state dataclass with some fields changed.

    Same result as `dataclasses.replace`, several times faster: `reduce` makes one to
    three of these per event, and replay folds 100k events. The parts that change on
    most events (SessionState, Floor, Talk...) keep their fields in a `__dict__`, so a
    copy is one dict copy and update; small records keep `__slots__` and get a
    generated copier (as dataclasses generates `__init__`). No state class has a
    `__post_init__`, so nothing is skipped.
    """
    return copier_for(type(obj))(obj, changes)  # type: ignore[no-any-return]


_COPIERS: dict[type, Callable[[Any, dict[str, Any]], Any]] = {}


def copier_for(cls: type) -> Callable[[Any, dict[str, Any]], Any]:
    """The generated `copier(obj, changes)` behind `evolve`, for a hot loop to keep."""
    copier = _COPIERS.get(cls)
    if copier is None:
        copier = _COPIERS[cls] = _make_copier(cls)
    return copier


def _make_copier(cls: type) -> Callable[[Any, dict[str, Any]], Any]:
    known = frozenset(f.name for f in fields(cls))
    new_object = object.__new__
    set_attribute = object.__setattr__
    if not cls.__dictoffset__:  # type: ignore[attr-defined]  # instances have no __dict__
        return _make_slots_copier(cls, known)

    def copier(self: Any, changes: dict[str, Any]) -> Any:
        if not known.issuperset(changes):
            raise TypeError(f"unknown fields: {sorted(set(changes) - known)}")
        new = new_object(cls)
        values = self.__dict__.copy()
        values.update(changes)
        set_attribute(new, "__dict__", values)
        return new

    return copier


def _make_slots_copier(cls: type, known: frozenset[str]) -> Callable[[Any, dict[str, Any]], Any]:
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_known": known}
    lines = [
        "def copier(self, changes):",
        "    if not _known.issuperset(changes):",
        "        raise TypeError(f'unknown fields: {sorted(set(changes) - _known)}')",
        "    new = _new(_cls)",
    ]
    for name in sorted(known):
        namespace[f"_set_{name}"] = getattr(cls, name).__set__
        lines.append(
            f"    _set_{name}(new, changes['{name}'] if '{name}' in changes else self.{name})"
        )
    lines.append("    return new")
    exec("\n".join(lines), namespace)
    return namespace["copier"]  # type: ignore[no-any-return]


class Trail(Generic[T]):
    """An append-only history that new states share with old ones.

    Adding is O(1) and copies nothing (a linked list, newest first), so a session with
    20,000 turns does not copy 20,000 items per turn, and a keyframe every 256 events
    costs almost no memory. Iterating gives the oldest item first.
    """

    __slots__ = ("_last", "_rest", "_size")

    def __init__(self) -> None:
        self._last: Any = None
        self._rest: Trail[T] | None = None
        self._size = 0

    def add(self, item: T) -> Trail[T]:
        """A new trail with `item` at the end; this one is unchanged."""
        new: Trail[T] = Trail.__new__(Trail)
        new._last = item
        new._rest = self
        new._size = self._size + 1
        return new

    def newest(self) -> Iterator[T]:
        """Items from the newest back: cheap when only the last few are wanted."""
        node: Trail[T] | None = self
        while node is not None and node._size:
            yield node._last
            node = node._rest

    def last(self) -> T | None:
        """The newest item, or None when empty."""
        return self._last if self._size else None

    def __iter__(self) -> Iterator[T]:
        items = list(self.newest())
        items.reverse()
        return iter(items)

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        return self._size > 0

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Trail):
            return NotImplemented
        if self._size != other._size:
            return False
        mine: Trail[T] | None = self
        theirs: Trail[Any] | None = other
        while mine is not None and theirs is not None and mine._size:
            if mine is theirs:
                return True
            if mine._last != theirs._last:
                return False
            mine, theirs = mine._rest, theirs._rest
        return True

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Trail({list(self)!r})"


@dataclass(frozen=True)
class SessionInfo:
    """The session as a whole: open, running, paused, ended; and its clocks."""

    opened: bool = False
    plan_sha256: str = ""
    rehearsal: bool = False
    wall_origin: float | None = None
    """Epoch seconds of the wall clock at t = 0, from `session.opened`; for jump checks."""
    started: float | None = None
    ended: float | None = None
    end_reason: str | None = None
    paused_at: float | None = None
    pause_reason: str = ""
    paused_total: float = 0.0
    pauses: int = 0
    interruptions: int = 0
    gap_total: float = 0.0
    clock_shift: float = 0.0
    """Sum of the clock jumps already noted, so each jump is noted once."""
    clock_jumps: int = 0

    @property
    def status(self) -> str:
        """new | opened | running | paused | ended."""
        if self.ended is not None:
            return "ended"
        if self.started is not None:
            return "paused" if self.paused_at is not None else "running"
        return "opened" if self.opened else "new"

    @property
    def running(self) -> bool:
        """Started, not ended (paused counts as running)."""
        return self.started is not None and self.ended is None


@dataclass(frozen=True)
class People:
    """Who is in the session: the plan's roster, walk-ins, and attendance."""

    roster: tuple[str, ...] = ()
    status: dict[str, str] = field(default_factory=dict)
    walk_ins: tuple[str, ...] = ()
    stepped_out: dict[str, float] = field(default_factory=dict)
    """Since when (session time) each person stepped out now has been out."""

    def here(self, participant: str) -> bool:
        """Known, and not away (stepped out, left, absent)."""
        return self.status.get(participant, "absent") in HERE

    def known(self, participant: str) -> bool:
        return participant in self.status


@dataclass(frozen=True)
class PhaseRun:
    """The phase running now: when it began, its time, and where it is in its steps."""

    index: int
    kind: str
    started: float
    active_start: float
    """The active clock (session time minus pauses) when the phase began."""
    planned: int
    adjusted: int = 0
    step: int = 0
    """Discussion: the prompt shown. Quiz: the question shown."""
    revealed: bool = False
    """Quiz: the answer to the current question is showing."""
    qa_at: float | None = None
    """Guest speaker: the active clock when questions began (None: still the talk)."""
    fired: frozenset[int] = frozenset()
    """Alert thresholds (seconds remaining) already given; 0 is the end of time."""
    talk_before: Talk | None = None
    """The session's talk totals when the phase began: a discussion shows its own
    shares (a minute in the check-in must not open the discussion at 56%)."""


class PhaseRecord(NamedTuple):
    """A phase that ran and ended: the agenda's and the report's planned vs actual."""

    index: int
    started: float
    ended: float
    active: float
    planned: int
    adjusted: int
    outcome: str


@dataclass(frozen=True)
class RoundRun:
    """A go-around: the order, who is on now, who spoke, passed or was skipped."""

    phase: int
    order: tuple[str, ...]
    method: str
    seed: int | None = None
    position: int = -1
    """-1: not begun; 0..len-1: order[position] is on; len(order): complete."""
    since: float = 0.0
    """The session time when the person on now came on."""
    held: float = 0.0
    """Active seconds the person on now has held the floor in finished turns of this go
    (a go can be split: the facilitator may speak in between)."""
    came_back: tuple[str, ...] = ()
    """Those who passed and were offered another go at the end of the round."""
    passed: tuple[str, ...] = ()
    spoke: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    answers: dict[str, str] = field(default_factory=dict)
    flagged: bool = False
    """The current person's soft timebox has been reached."""

    @property
    def current(self) -> str | None:
        if 0 <= self.position < len(self.order):
            return self.order[self.position]
        return None

    @property
    def completed(self) -> bool:
        return self.position >= len(self.order)

    @property
    def begun(self) -> bool:
        return self.position >= 0


class Hand(NamedTuple):
    """A raised hand; `number` orders hands raised at the same instant."""

    participant: str
    raised: float
    number: int
    via: str | None = None
    """video, chat or voice (HAND_SOURCES); None when not said (older logs)."""


class Turn(NamedTuple):
    """Someone speaking now. A pause suspends the turn: its length counts on the
    active clock (session time less pauses), from `active_start`."""

    speaker: str
    started: float
    source: str
    """queue | direct | round | facilitator."""
    flagged: bool = False
    """The soft per-turn limit has been reached (only a flag, never enforced)."""
    active_start: float = 0.0
    """The active clock when the turn began."""


@dataclass(frozen=True)
class Floor:
    """Hands up and the turn in progress."""

    hands: tuple[Hand, ...] = ()
    turn: Turn | None = None
    raises: int = 0

    def hand_of(self, participant: str) -> Hand | None:
        for hand in self.hands:
            if hand.participant == participant:
                return hand
        return None


class Wait(NamedTuple):
    """From hand raised to turn given."""

    participant: str
    raised: float
    answered: float
    via: str | None = None
    """Where the hand came from (video, chat, voice); None when not said."""

    @property
    def seconds(self) -> float:
        return self.answered - self.raised


@dataclass(frozen=True)
class Talk:
    """Running totals of finished turns; stats add the turn in progress."""

    seconds: dict[str, float] = field(default_factory=dict)
    turns: dict[str, int] = field(default_factory=dict)
    chats: int = 0
    """Speaking turns of anyone (the "chats" of the turn-taking index)."""
    runs: int = 0
    """Runs of consecutive turns by the same speaker (its "turns")."""
    last_speaker: str | None = None
    last_participant: str | None = None
    waits: Trail[Wait] = field(default_factory=Trail)
    passes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Rooms:
    """Breakout rooms of the current breakout phase: open, or closed for report-back."""

    phase: int
    rooms: tuple[tuple[str, ...], ...]
    method: str
    seed: int | None
    opened: float
    duration: int
    adjusted: int = 0
    fired: frozenset[int] = frozenset()
    help: tuple[int, ...] = ()
    """Rooms (numbered from 1) that asked for help and have not been answered."""
    closed: float | None = None
    closed_by: str | None = None
    reports: dict[int, str] = field(default_factory=dict)
    repeated_pairs: int = 0

    @property
    def open(self) -> bool:
        return self.closed is None

    def room_of(self, participant: str) -> int | None:
        for number, members in enumerate(self.rooms, 1):
            if participant in members:
                return number
        return None


@dataclass(frozen=True)
class Rules:
    """Ground rules: the plan's plus the group's, which were covered, reminders."""

    added: tuple[str, ...] = ()
    covered: tuple[int, ...] = ()
    """Indexes in the order they were covered (PreviousStep un-covers the last)."""
    shown: int = 0
    reminders: int = 0


@dataclass(frozen=True)
class Course:
    """What changes once a phase or so: durations, skips, finished phases and rounds."""

    durations: tuple[int, ...] = ()
    skipped: frozenset[int] = frozenset()
    history: tuple[PhaseRecord, ...] = ()
    rounds: tuple[RoundRun, ...] = ()
    past_rooms: tuple[Rooms, ...] = ()
    rules: Rules = Rules()
    scores: dict[str, int] = field(default_factory=dict)
    rebalances: int = 0


class Note(NamedTuple):
    note_id: int
    t: float
    text: str
    private: bool
    phase: int | None


class Amendment(NamedTuple):
    note_id: int
    t: float
    text: str


class Marker(NamedTuple):
    t: float
    label: str
    phase: int | None


class FollowUp(NamedTuple):
    t: float
    participant: str
    text: str


class Parked(NamedTuple):
    item_id: int
    t: float
    text: str
    phase: int | None


class Takeaway(NamedTuple):
    t: float
    text: str
    participant: str | None


class Feedback(NamedTuple):
    t: float
    score: int | None
    comment: str
    participant: str | None


class CareRecord(NamedTuple):
    """One use of the safeguarding panel: who, and which of the plan's steps were done."""

    t: float
    participant: str | None
    steps: tuple[int, ...]
    prompted: bool


@dataclass(frozen=True)
class Care:
    """Safeguarding: what was recorded, and who was offered the panel while away."""

    records: Trail[CareRecord] = field(default_factory=Trail)
    offered: frozenset[tuple[str, float]] = frozenset()
    """(participant, since): offered for this time stepped out."""


@dataclass(frozen=True)
class Notebook:
    """Everything written down: notes, markers, follow-ups, parking lot, close."""

    notes: Trail[Note] = field(default_factory=Trail)
    amendments: Trail[Amendment] = field(default_factory=Trail)
    markers: Trail[Marker] = field(default_factory=Trail)
    follow_ups: Trail[FollowUp] = field(default_factory=Trail)
    parked: Trail[Parked] = field(default_factory=Trail)
    takeaways: Trail[Takeaway] = field(default_factory=Trail)
    feedback: Trail[Feedback] = field(default_factory=Trail)


@dataclass(frozen=True)
class SessionState:
    """The whole session at one moment: the only thing the UI renders."""

    plan: Plan
    session: SessionInfo
    people: People
    course: Course
    phase: PhaseRun | None = None
    round: RoundRun | None = None
    floor: Floor = Floor()
    talk: Talk = field(default_factory=Talk)
    rooms: Rooms | None = None
    book: Notebook = field(default_factory=Notebook)
    care: Care = field(default_factory=Care)
    unknown_events: int = 0
    """Events of a type (or a newer version) this reader does not know: skipped."""
    bad_events: int = 0
    """Known events whose data could not be used (damaged or hand-edited): skipped."""
    last_seq: int = 0
    last_t: float = 0.0

    @property
    def status(self) -> str:
        """new | opened | running | paused | ended."""
        return self.session.status

    @property
    def durations(self) -> tuple[int, ...]:
        """Each phase's length in seconds now (after any accepted rebalance)."""
        return self.course.durations

    def status_of(self, participant: str) -> str | None:
        return self.people.status.get(participant)

    def phase_plan(self, index: int | None = None) -> PhaseBase | None:
        """The plan's phase at `index` (default: the current one), or None."""
        if index is None:
            if self.phase is None:
                return None
            index = self.phase.index
        if 0 <= index < len(self.plan.phases):
            return self.plan.phases[index]
        return None

    def all_rules(self) -> tuple[str, ...]:
        """The plan's ground rules followed by those the group added."""
        return tuple(self.plan.ground_rules.rules) + self.course.rules.added


def initial_state(plan: Plan) -> SessionState:
    """The state before any event: everyone on the plan's roster is expected."""
    roster = tuple(plan.participant_ids().values())
    return SessionState(
        plan=plan,
        session=SessionInfo(),
        people=People(roster=roster, status=dict.fromkeys(roster, "expected")),
        course=Course(durations=tuple(phase.duration for phase in plan.phases)),
    )
