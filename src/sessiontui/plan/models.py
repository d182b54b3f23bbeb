"""The session plan: what an organiser writes in TOML, validated and frozen.

Every model forbids unknown keys, so a typo (``durration``) is an error with a
did-you-mean instead of a silently ignored setting. Durations are held as whole
seconds and written back in the plan's own spelling ("10m").
"""


import string
from datetime import datetime
from typing import Annotated, ClassVar, Literal, Self, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sessiontui.plan.durations import format_duration, parse_duration
from sessiontui.plan.text import LongText, Name, ShortText, name_key


def _duration(value: object) -> int:
    try:
        return parse_duration(value)
    except ValueError as error:
        raise ValueError(str(error)) from None


Duration = Annotated[
    int,
    BeforeValidator(_duration),
    PlainSerializer(format_duration, return_type=str),
]
"""Whole seconds, read from and written as "90s", "10m", "1h30m"."""

PhaseKind = Literal[
    "check-in", "ground-rules", "discussion", "breakout", "guest-speaker", "quiz", "break", "close"
]
PHASE_KINDS: tuple[str, ...] = PhaseKind.__args__  # type: ignore[attr-defined]

DEFAULT_TITLES: dict[str, str] = {
    "check-in": "Check-in",
    "ground-rules": "Ground rules",
    "discussion": "Discussion",
    "breakout": "Breakout rooms",
    "guest-speaker": "Guest speaker",
    "quiz": "Quiz",
    "break": "Tea and chat",
    "close": "Close",
}

MAX_SEED = 2**32 - 1
MAX_ROOMS = 50
MAX_GROUP = 50
MAX_PARTICIPANTS = 500
MAX_ITEMS = 100


def _conflict(message: str, *path: str | int) -> PydanticCustomError:
    """An error between parts of the plan, carrying where it is for the loader."""
    return PydanticCustomError("plan_conflict", message, {"path": path})


class Frozen(BaseModel):
    """Base for every plan model: immutable, and strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Session(Frozen):
    """The `[session]` table: what the session is and when it runs."""

    title: Name
    starts: datetime | None = None
    timezone: ShortText | None = None
    length: Duration | None = None
    platform: ShortText | None = None
    repeat: ShortText | None = None
    facilitators: Annotated[list[Name], Field(max_length=10)] = []
    theme: ShortText | None = None
    expected: Annotated[int, Field(ge=1, le=10_000, strict=True)] | None = None
    """How many people are expected, when not all of them are listed as participants
    (`check` warns about a group too big for one room, and shares out speaking time)."""

    @field_validator("starts", mode="before")
    @classmethod
    def _parse_starts(cls, value: object) -> object:
        from sessiontui.plan.when import parse_start

        return parse_start(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from sessiontui.plan.when import check_zone

        return check_zone(value)

    @field_validator("repeat")
    @classmethod
    def _valid_rule(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from sessiontui.plan.recurrence import parse_rule

        parse_rule(value)  # a RuleError is a ValueError with the whole message
        return value

    @model_validator(mode="after")
    def _rule_gives_dates(self) -> Self:
        """The rule must give a date not too long after the start: a rule that never
        does (February 30th) would otherwise be searched to the year 9999."""
        if self.repeat is None:
            return self
        from sessiontui.plan.recurrence import RuleError, check_series, parse_rule
        from sessiontui.plan.when import aware_start, zone_or_local

        zone = zone_or_local(self.timezone)
        rule = parse_rule(self.repeat)
        if self.starts is None:
            if rule.interval > 1 or rule.count is not None:
                part = "INTERVAL" if rule.interval > 1 else "COUNT"
                raise _conflict(f"repeat: {part} counts from the first session: add "
                                'starts = "YYYY-MM-DD HH:MM"', "session", "repeat")
            anchor = datetime(2001, 1, 1, 12, 0, tzinfo=zone)
        else:
            anchor = aware_start(self.starts, zone)
        try:
            check_series(self.repeat, anchor)
        except RuleError as error:
            raise _conflict(f"repeat: {error}", "session", "repeat") from None
        return self


MAX_ALIASES = 10
Joins = Literal["video", "phone", "chat"]
JOINS: tuple[str, ...] = Joins.__args__  # type: ignore[attr-defined]


def _alias(value: str) -> str:
    if sum(1 for char in value if char.isalpha()) < 2:
        raise ValueError("an alias needs two letters or more (a single letter would be "
                         "replaced everywhere it appears in a report)")
    return value


Alias = Annotated[Name, AfterValidator(_alias)]


class Participant(Frozen):
    """Someone expected at the session. Names stay in the plan and the roster file.

    `aliases` are other names the facilitator may type for them (nicknames, other
    spellings: "Zoe", "Zo" for "Ζωή"). Like the name, they never go into a log: they
    are written to the roster file, where the anonymiser and the person picker use them.
    """

    name: Name
    pronouns: ShortText | None = None
    note: LongText | None = None
    aliases: Annotated[list[Alias], Field(max_length=MAX_ALIASES)] = []
    joins: Joins = "video"
    """How they take part: on video, by phone (voice only), or by chat only. People
    who cannot raise a hand on video are labelled so in the roster, queue and rounds.
    Like the name, it goes to the roster file, not the log."""


class GroundRules(Frozen):
    """The `[ground_rules]` table: read out at the start of every session."""

    rules: Annotated[list[LongText], Field(max_length=MAX_ITEMS)] = []


class PhaseBase(Frozen):
    """What every phase has: a kind, a length and the facilitator's notes."""

    title: ShortText | None = None
    duration: Duration
    notes: LongText | None = None
    warnings: Annotated[list[Duration], Field(max_length=10)] | None = None
    flex: bool = False
    min: Duration | None = None

    default_warnings: ClassVar[tuple[int, ...]] = ()

    @property
    def label(self) -> str:
        """The title to show: the plan's, or the kind's default."""
        return self.title or DEFAULT_TITLES[self.kind]  # type: ignore[attr-defined]

    @property
    def alerts(self) -> tuple[int, ...]:
        """Remaining-time thresholds, in seconds, largest first."""
        if self.warnings is not None:
            chosen = self.warnings
        else:
            chosen = [w for w in self.default_warnings if w < self.duration]
        return tuple(sorted(set(chosen), reverse=True))

    @model_validator(mode="after")
    def _check_times(self) -> Self:
        for warning in self.warnings or ():
            if warning >= self.duration:
                raise ValueError(
                    f"warning {format_duration(warning)} is not shorter than the phase "
                    f"({format_duration(self.duration)})"
                )
        if self.min is not None and self.min > self.duration:
            raise ValueError(
                f"min {format_duration(self.min)} is longer than the duration "
                f"{format_duration(self.duration)}"
            )
        if self.min is not None and not self.flex:
            raise ValueError("min only applies to a flex phase: add flex = true")
        return self


Order = Literal["plan", "random", "alphabetical"]
Capture = Literal["none", "word", "text"]


class RoundPhase(PhaseBase):
    """A go-around: each person in turn, with the right to pass."""

    prompt: LongText | None = None
    per_person: Duration | None = None
    order: Order = "plan"
    capture: Capture = "none"
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)] | None = None


class CheckInPhase(RoundPhase):
    """Arrive and check in, one person at a time."""

    kind: Literal["check-in"]
    default_warnings: ClassVar[tuple[int, ...]] = (120,)


class ClosePhase(RoundPhase):
    """Check-out round, takeaways and feedback on how the platform worked."""

    kind: Literal["close"]
    feedback: LongText | None = None
    default_warnings: ClassVar[tuple[int, ...]] = (120,)


class GroundRulesPhase(PhaseBase):
    """The rules from `[ground_rules]`, read out and marked as covered."""

    kind: Literal["ground-rules"]
    invite_additions: bool = False
    default_warnings: ClassVar[tuple[int, ...]] = (60,)


class DiscussionPhase(PhaseBase):
    """Open discussion with a hand queue and talk-time balance."""

    kind: Literal["discussion"]
    prompts: Annotated[list[LongText], Field(max_length=MAX_ITEMS)] = []
    turn_limit: Duration | None = None
    queue: Literal["raised", "fewest-first"] = "raised"
    default_warnings: ClassVar[tuple[int, ...]] = (300, 60)


TEMPLATE_FIELDS = frozenset({"remaining", "minutes", "task", "room_count"})


def _check_template(value: str | None) -> str | None:
    if value is None:
        return value
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValueError(
            f"template cannot be read: {error} (write {{{{ for a literal {{)"
        ) from None
    unknown = sorted(f for f in fields if f not in TEMPLATE_FIELDS)
    if unknown:
        known = ", ".join("{" + f + "}" for f in sorted(TEMPLATE_FIELDS))
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}; known: {known}")
    return value


class BreakoutPhase(PhaseBase):
    """Small-group rooms on the video platform, timed and announced from here."""

    kind: Literal["breakout"]
    rooms: Annotated[int, Field(ge=1, le=MAX_ROOMS)] | None = None
    group_size: Annotated[int, Field(ge=2, le=MAX_GROUP)] | None = None
    assign: Literal["random", "balanced", "fixed"] = "random"
    groups: Annotated[list[Annotated[list[Name], Field(max_length=MAX_GROUP)]], Field(
        max_length=MAX_ROOMS
    )] = []
    task: LongText | None = None
    message: LongText = "{remaining} left - start wrapping up"
    opening: LongText | None = None
    countdown: Duration = 60
    allow_return: bool = True
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)] | None = None
    default_warnings: ClassVar[tuple[int, ...]] = (300, 60)

    @field_validator("message", "opening")
    @classmethod
    def _templates(cls, value: str | None) -> str | None:
        return _check_template(value)

    @model_validator(mode="after")
    def _check_rooms(self) -> Self:
        if self.assign == "fixed":
            if not self.groups:
                raise ValueError('assign = "fixed" needs groups = [["name", ...], ...]')
            if self.rooms is not None or self.group_size is not None:
                raise ValueError('with assign = "fixed", the groups set the rooms: '
                                 "leave out rooms and group_size")
        else:
            if self.groups:
                raise ValueError('groups are only used with assign = "fixed"')
            if (self.rooms is None) == (self.group_size is None):
                raise ValueError("give either rooms or group_size (one of the two)")
        return self


class GuestSpeakerPhase(PhaseBase):
    """A guest's talk, then questions taken through the hand queue."""

    kind: Literal["guest-speaker"]
    speaker: ShortText | None = None
    topic: LongText | None = None
    qa: Duration | None = None
    default_warnings: ClassVar[tuple[int, ...]] = (300, 60)

    @model_validator(mode="after")
    def _qa_fits(self) -> Self:
        if self.qa is not None and self.qa >= self.duration:
            raise ValueError(
                f"qa {format_duration(self.qa)} leaves no time for the talk "
                f"(duration {format_duration(self.duration)})"
            )
        return self

    @property
    def talk_seconds(self) -> int:
        """How long the talk runs before questions open."""
        return self.duration - (self.qa or 0)


class QuizQuestion(Frozen):
    """One question, its answer, and optional choices."""

    question: LongText
    answer: LongText
    choices: Annotated[list[ShortText], Field(max_length=10)] = []

    @model_validator(mode="after")
    def _answer_in_choices(self) -> Self:
        if self.choices and self.answer not in self.choices:
            raise ValueError(f'the answer "{self.answer}" is not one of the choices')
        return self


class QuizPhase(PhaseBase):
    """A light quiz: questions shown, answers revealed, points kept."""

    kind: Literal["quiz"]
    questions: Annotated[list[QuizQuestion], Field(min_length=1, max_length=MAX_ITEMS)]
    default_warnings: ClassVar[tuple[int, ...]] = (60,)


class BreakPhase(PhaseBase):
    """Virtual tea and chat: a timer and a gentle nudge, no pressure."""

    kind: Literal["break"]
    prompt: LongText | None = None
    default_warnings: ClassVar[tuple[int, ...]] = (60,)


class Helpline(Frozen):
    """Where to send someone for help: a name, a number or a link, and where it serves."""

    name: ShortText
    contact: ShortText
    region: ShortText | None = None

    @property
    def line(self) -> str:
        """One line to paste into the call's chat."""
        where = f" ({self.region})" if self.region else ""
        return f"{self.name}{where}: {self.contact}"


class Safeguarding(Frozen):
    """The `[safeguarding]` table: what to do when someone is in distress.

    The lead is a role and a contact (the organisation's safeguarding lead), never a
    participant: the panel shows them, and the close lists them beside the follow-ups.
    """

    lead: ShortText
    contact: ShortText
    wording: LongText | None = None
    steps: Annotated[list[ShortText], Field(max_length=20)] = []
    helplines: Annotated[list[Helpline], Field(max_length=9)] = []
    """At most 9: the panel copies each with one number key."""
    stepped_out: Duration | None = None
    """Offer the panel when someone has been stepped out this long (None: never)."""


class ReadyText(Frozen):
    """A text to paste into the call's chat (welcome, resources, break, closing words),
    with the breakout messages' placeholders."""

    name: ShortText
    text: LongText

    @field_validator("text")
    @classmethod
    def _template(cls, value: str) -> str:
        return _check_template(value)  # type: ignore[return-value]


Phase = Annotated[
    Union[  # noqa: UP007 - a discriminated union reads clearer spelled out
        CheckInPhase,
        GroundRulesPhase,
        DiscussionPhase,
        BreakoutPhase,
        GuestSpeakerPhase,
        QuizPhase,
        BreakPhase,
        ClosePhase,
    ],
    Field(discriminator="kind"),
]


class Plan(Frozen):
    """A whole session plan, as loaded from TOML and checked."""

    session: Session
    participants: Annotated[list[Participant], Field(max_length=MAX_PARTICIPANTS)] = []
    ground_rules: GroundRules = GroundRules()
    safeguarding: Safeguarding | None = None
    texts: Annotated[list[ReadyText], Field(max_length=MAX_ITEMS)] = []
    phases: Annotated[list[Phase], Field(min_length=1, max_length=MAX_ITEMS)]

    @model_validator(mode="after")
    def _cross_checks(self) -> Self:
        seen: set[str] = set()
        for index, person in enumerate(self.participants):
            key = name_key(person.name)
            if key in seen:
                raise _conflict(
                    f'"{person.name}" is listed twice (names are compared ignoring case '
                    "and Unicode form)",
                    "participants", index, "name",
                )
            seen.add(key)
        self._check_aliases(seen)
        self._check_extras(seen)
        for index, phase in enumerate(self.phases):
            if isinstance(phase, BreakoutPhase) and phase.assign == "fixed":
                placed: set[str] = set()
                for group in phase.groups:
                    for name in group:
                        key = name_key(name)
                        if key not in seen:
                            raise _conflict(
                                f'"{name}" in groups is not one of the participants',
                                "phases", index, "groups",
                            )
                        if key in placed:
                            raise _conflict(f'"{name}" is in two groups', "phases", index, "groups")
                        placed.add(key)
        return self

    def _check_extras(self, names: set[str]) -> None:
        """Ready texts are picked by name, so names differ; the safeguarding lead is a
        role, not someone in the group (in any spelling people type: the plan's text
        goes into the log's header, where names never go)."""
        named: set[str] = set()
        for index, text in enumerate(self.texts):
            key = name_key(text.name)
            if key in named:
                raise _conflict(f'two texts are named "{text.name}"', "texts", index, "name")
            named.add(key)
        care = self.safeguarding
        if care is None or not self.participants:
            return
        from sessiontui.spelling import NameFinder

        finder = NameFinder((person.name, [person.name, *person.aliases])
                            for person in self.participants)
        for key in ("lead", "contact"):
            found = finder.find(getattr(care, key))
            if found:
                who = sorted(found[0].owners)[0]
                raise _conflict(f'the safeguarding {key} names "{who}", a participant: give '
                                'the role and how to reach them ("Safeguarding lead, on '
                                'call"), never someone in the group', "safeguarding", key)

    def _check_aliases(self, names: set[str]) -> None:
        """An alias names one person: not someone else's name, nor another's alias."""
        owner: dict[str, int] = {}
        for index, person in enumerate(self.participants):
            own = name_key(person.name)
            for number, alias in enumerate(person.aliases):
                key = name_key(alias)
                if key != own and key in names:
                    raise _conflict(f'alias "{alias}" is the name of another participant',
                                    "participants", index, "aliases", number)
                if owner.get(key, index) != index:
                    other = self.participants[owner[key]].name
                    raise _conflict(f'alias "{alias}" is also an alias of "{other}"',
                                    "participants", index, "aliases", number)
                owner[key] = index

    @property
    def planned_seconds(self) -> int:
        """The sum of every phase's duration."""
        return sum(phase.duration for phase in self.phases)

    def participant_ids(self) -> dict[str, str]:
        """Pseudonymous id per participant name, in plan order: p01, p02, ..."""
        return {person.name: f"p{index:02d}" for index, person in enumerate(self.participants, 1)}
