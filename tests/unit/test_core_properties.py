"""Properties: random commands on the example plans, and random event sequences.

- The live state (reduced event by event) equals a fold of the whole log.
- A Timeline seek (keyframe + tail) equals a full fold at any index.
- Unknown event types change nothing but the unknown counter.
- Every event decide writes is in the vocabulary with exactly its fields.
- reduce never raises, on any order of valid-shaped events; views, stats and a Tick
  on whatever state results never raise either.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sessiontui.core import commands as c
from sessiontui.core.availability import PROBES, availability
from sessiontui.core.clock import FakeClock, SessionClock
from sessiontui.core.commands import CommandRefused
from sessiontui.core.decide import decide
from sessiontui.core.events import Event
from sessiontui.core.phases import Step
from sessiontui.core.phases.breakout import breakout_view
from sessiontui.core.phases.ground_rules import rules_view
from sessiontui.core.phases.guest import guest_view
from sessiontui.core.phases.quiz import quiz_view
from sessiontui.core.phases.rounds import close_view, round_view
from sessiontui.core.queue import queue_view
from sessiontui.core.reduce import fold, reduce
from sessiontui.core.schedule import later_s, schedule
from sessiontui.core.state import SessionState, initial_state
from sessiontui.core.stats import breakout_stats, phase_stats, talk_stats, talk_view
from sessiontui.core.timeline import Timeline
from sessiontui.core.views import next_view, notes_view, panel_view, timer_view
from sessiontui.core.vocabulary import EVENTS
from tests.unit.core_helpers import EXAMPLES, example

PEOPLE = [f"p{i:02d}" for i in range(1, 8)] + ["facilitator", "p99"]
TEXTS = ["ok", "a longer note about the session", "tired", "é ✓", "", "  "]
SECONDS = [60, -60, 30, 120, -120, 600, 0, 3601]
STATUSES = ["present", "late", "stepped-out", "back", "left", "absent", "expected", "gone"]
Factory = Any  # (n, who, text, flag) -> Command

STEPS: list[Factory] = [
    lambda n, w, x, f: c.NextStep(),
    lambda n, w, x, f: c.NextStep(),
    lambda n, w, x, f: c.PreviousStep(),
    lambda n, w, x, f: c.GoToPhase(n),
    lambda n, w, x, f: c.SkipPhase(None if f else n),
    lambda n, w, x, f: c.UnskipPhase(n),
    lambda n, w, x, f: c.AdjustTime(SECONDS[n % len(SECONDS)]),
    lambda n, w, x, f: c.AcceptRebalance(),
    lambda n, w, x, f: c.Tick(),
]
PEOPLE_COMMANDS: list[Factory] = [
    lambda n, w, x, f: c.AddParticipant(),
    lambda n, w, x, f: c.MarkAttendance(w, STATUSES[n % len(STATUSES)]),
    lambda n, w, x, f: c.Pass(w if f else None),
    lambda n, w, x, f: c.CaptureAnswer(x, w if f else None),
    lambda n, w, x, f: c.RaiseHand(w),
    lambda n, w, x, f: c.RaiseHand(w),
    lambda n, w, x, f: c.LowerHand(w),
    lambda n, w, x, f: c.LowerAllHands(),
    lambda n, w, x, f: c.NextSpeaker(),
    lambda n, w, x, f: c.NextSpeaker(),
    lambda n, w, x, f: c.StartTurn(w),
    lambda n, w, x, f: c.EndTurn(),
    lambda n, w, x, f: c.ToggleFacilitatorTurn(),
]
ACTIVITY_COMMANDS: list[Factory] = [
    lambda n, w, x, f: c.CoverRule(n),
    lambda n, w, x, f: c.AddRule(x),
    lambda n, w, x, f: c.RemindRules(),
    lambda n, w, x, f: c.OpenRooms(),
    lambda n, w, x, f: c.OpenRooms(),
    lambda n, w, x, f: c.AdjustRooms(SECONDS[n % len(SECONDS)]),
    lambda n, w, x, f: c.RequestHelp(n),
    lambda n, w, x, f: c.AnswerHelp(n),
    lambda n, w, x, f: c.CloseRooms(),
    lambda n, w, x, f: c.NoteReportBack(n, x),
    lambda n, w, x, f: c.StartQuestions(),
    lambda n, w, x, f: c.ShowQuestion(n),
    lambda n, w, x, f: c.NextQuestion(),
    lambda n, w, x, f: c.RevealAnswer(),
    lambda n, w, x, f: c.AwardPoints(w, n - 1),
    lambda n, w, x, f: c.AddTakeaway(x, w if f else None),
    lambda n, w, x, f: c.RecordFeedback(n if n else None, x, w if f else None),
]
ANY_TIME: list[Factory] = [
    lambda n, w, x, f: c.ParkItem(x),
    lambda n, w, x, f: c.AddNote(x, f),
    lambda n, w, x, f: c.AmendNote(n, x),
    lambda n, w, x, f: c.AddMarker(x),
    lambda n, w, x, f: c.FlagFollowUp(w, x),
    lambda n, w, x, f: c.Tick([0.0, 5.0, -3.0][n % 3]),
]
SESSION_COMMANDS: list[Factory] = [
    lambda n, w, x, f: c.StartSession(),
    lambda n, w, x, f: c.Pause("tech trouble" if f else ""),
    lambda n, w, x, f: c.Resume(f),
    lambda n, w, x, f: c.ResumeAfterInterruption(),
    lambda n, w, x, f: c.EndSession([None, "interrupted", "nope"][n % 3]),
]


def commands_from(factories: list[Factory]) -> st.SearchStrategy[c.Command]:
    """Cheap to draw: a few small integers mapped onto a command."""
    return st.builds(
        lambda k, n, w, x, f: factories[k](n, PEOPLE[w], TEXTS[x], f),
        st.integers(0, len(factories) - 1),
        st.integers(-1, 8),
        st.integers(0, len(PEOPLE) - 1),
        st.integers(0, len(TEXTS) - 1),
        st.booleans(),
    )


COMMANDS = commands_from(STEPS + PEOPLE_COMMANDS + ACTIVITY_COMMANDS + ANY_TIME)


def check_vocabulary(event: Event) -> None:
    assert event.type in EVENTS, event.type
    assert set(event.data) == set(EVENTS[event.type].fields), event


def render_everything(state: SessionState, t: float) -> None:
    """What the UI and a report would do with a state: none of it may raise."""
    for view in (timer_view, round_view, queue_view, talk_view, breakout_view, guest_view,
                 close_view, schedule, talk_stats, phase_stats, breakout_stats,
                 quiz_view, rules_view, notes_view, panel_view):
        view(state, t)
    next_view(state)


def assert_step_taken(hint: Step, made: list[Event] | None, state: SessionState) -> None:
    """NextStep's events are the step the hint described, and nothing else."""
    types = [event.type for event in made or []]
    found = {event.type: event.data for event in made or []}
    if hint.action in ("start", "end-session"):
        assert made is None, (hint, types)  # n starts (or ends) with its own command
        return
    if state.session.paused_at is not None:
        assert made is None  # steps wait for resume; the hint still says what comes
        return
    assert made is not None, hint
    match hint.action:
        case "next-person":
            assert found["turn.started"]["speaker"] == hint.participant
            assert found["round.moved"]["position"] == hint.index
        case "come-back":
            assert found["round.came_back"]["participant"] == hint.participant
            assert found["turn.started"]["speaker"] == hint.participant
        case "complete-round":
            assert "round.completed" in found and "phase.started" not in found
        case "cover-rule":
            assert found["rule.covered"]["index"] == hint.index and len(types) == 1
        case "next-prompt":
            assert found["prompt.shown"]["index"] == hint.index and len(types) == 1
        case "open-rooms":
            assert types == ["breakout.opened"]
        case "close-rooms":
            assert types == ["breakout.closed"]
        case "start-questions":
            assert types == ["guest.questions_started"]
        case "reveal-answer":
            assert types == ["quiz.answer_revealed"]
            assert found["quiz.answer_revealed"]["index"] == hint.index
        case "next-question":
            assert types == ["quiz.question_shown"]
            assert found["quiz.question_shown"]["index"] == hint.index
        case "next-phase":
            assert found["phase.started"]["phase"] == hint.index
        case _:
            raise AssertionError(f"unknown step {hint}")


class SessionMachine(RuleBasedStateMachine):
    """A facilitator pressing random keys, with time passing in between."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.session_clock = SessionClock(self.clock)
        self.events: list[Event] = []
        self.steps = 0

    @initialize(stem=st.sampled_from(EXAMPLES), start=st.integers(0, 9))
    def open(self, stem: str, start: int) -> None:
        self.plan = example(stem)
        self.state = initial_state(self.plan)
        self.send(c.OpenSession(plan_sha256="a" * 64))
        for _ in range(3 if stem == "drop-in" else 0):
            self.send(c.AddParticipant())
        if start:
            self.send(c.StartSession())

    def send(self, command: c.Command) -> None:
        now = self.session_clock.now()
        try:
            made = decide(self.state, command, now)
        except CommandRefused as refusal:
            assert refusal.reason.endswith(".")
            return
        for event in made:
            check_vocabulary(event)
            assert (event.t, event.ts, event.seq) == (now.t, now.ts, 0)
            numbered = event.with_seq(len(self.events) + 1)
            self.events.append(numbered)
            self.state = reduce(self.state, numbered)

    @rule(command=COMMANDS)
    def press(self, command: c.Command) -> None:
        self.send(command)

    @rule(
        kind=st.sampled_from(["breakout", "quiz", "discussion", "guest-speaker", "close",
                              "ground-rules", "break", "check-in"]),
        then=st.lists(commands_from(ACTIVITY_COMMANDS + PEOPLE_COMMANDS), max_size=6),
        pause=st.sampled_from([0, 30, 61, 299, 600]),
    )
    def go_and_do(self, kind: str, then: list[c.Command], pause: float) -> None:
        """Jump to a phase of this kind and do a few things there, with time passing."""
        for index, phase in enumerate(self.plan.phases):
            if phase.kind == kind:
                if self.state.phase is None or self.state.phase.index != index:
                    self.send(c.GoToPhase(index))
                break
        for command in then:
            self.send(command)
            self.clock.advance(pause / max(1, len(then)))
            self.send(c.Tick())

    @rule(keep=st.integers(0, 2), status=st.sampled_from(["absent", "left", "stepped-out"]))
    def most_people_leave(self, keep: int, status: str) -> None:
        """A small group: everyone but `keep` people goes (rounds and rooms with too few)."""
        for participant in self.state.people.roster[keep:]:
            self.send(c.MarkAttendance(participant, status))

    @rule(command=commands_from(SESSION_COMMANDS), sometimes=st.integers(0, 3))
    def session_key(self, command: c.Command, sometimes: int) -> None:
        if sometimes == 0 or not isinstance(command, c.EndSession):
            self.send(command)

    @rule(command=COMMANDS, second=COMMANDS)
    def press_two(self, command: c.Command, second: c.Command) -> None:
        self.send(command)
        self.send(second)

    @rule(seconds=st.sampled_from([0.5, 1, 10, 59, 60, 61, 119, 300, 900, 1800]))
    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.send(c.Tick())

    @rule(seconds=st.sampled_from([-30.0, 3.0, 600.0]))
    def wall_jumps(self, seconds: float) -> None:
        self.clock.jump_wall(seconds)

    @rule(fraction=st.floats(0, 1), every=st.sampled_from([1, 3, 16, 256]))
    def seek(self, fraction: float, every: int) -> None:
        index = int(fraction * len(self.events))
        timeline = Timeline(self.plan, self.events, every=every)
        timeline.state_at(len(self.events))
        assert timeline.state_at(index) == fold(self.plan, self.events[:index])

    @rule(fraction=st.floats(0, 1), kind=st.sampled_from(["future.thing", "note.added"]))
    def unknown_events_change_nothing(self, fraction: float, kind: str) -> None:
        index = int(fraction * len(self.events))
        t = self.events[index - 1].t if index else 0.0
        stranger = Event(type=kind, data={"x": 1}, t=t, v=2 if kind == "note.added" else 1)
        mixed = [*self.events[:index], stranger, *self.events[index:]]
        folded = fold(self.plan, mixed)
        assert folded.unknown_events == self.state.unknown_events + 1
        same = replace(folded, unknown_events=self.state.unknown_events, last_seq=0)
        assert same == replace(self.state, last_seq=0)

    @invariant()
    def live_state_is_the_fold_of_the_log(self) -> None:
        self.steps += 1
        if self.steps % 16 == 0:
            assert fold(self.plan, self.events) == self.state

    @invariant()
    def nothing_is_damaged_and_views_render(self) -> None:
        assert self.state.bad_events == 0
        if self.steps % 8 == 0:
            render_everything(self.state, self.session_clock.now().t)

    @invariant()
    def left_agrees_with_the_phase_timer_and_ahead_behind(self) -> None:
        """The heading's "left" is the phase timer's time left plus the phases to come,
        and with the time so far it makes the projected end that ahead/behind is
        measured by (time over in the running phase counted once)."""
        if not hasattr(self, "state"):
            return
        state, t = self.state, self.session_clock.now().t
        session = state.session
        if session.started is None or session.ended is not None or state.phase is None:
            return
        view = schedule(state, t)
        shown = timer_view(state, t).remaining_s
        assert view.left_s == pytest.approx(shown + later_s(state))
        elapsed = t - session.started
        assert elapsed + view.left_s + max(0.0, -shown) == pytest.approx(
            view.planned_end_s + view.behind_s)

    @invariant()
    def the_next_hint_is_what_next_step_does(self) -> None:
        """What the "n:" hint says is exactly what NextStep then does."""
        if not hasattr(self, "state"):
            return
        now = self.session_clock.now()
        hint = next_view(self.state).step
        try:
            made = decide(self.state, c.NextStep(), now)
        except CommandRefused:
            made = None
        assert_step_taken(hint, made, self.state)

    @invariant()
    def enabled_actions_are_accepted(self) -> None:
        """Every action the keys show as enabled is one decide accepts now; every
        dimmed one is refused (with a reason to show)."""
        if not hasattr(self, "state") or self.steps % 4:
            return
        now = self.session_clock.now()
        for action, probe in PROBES.items():
            found = availability(self.state, action, now)
            accepted = []
            for command in probe(self.state):
                with contextlib.suppress(CommandRefused):
                    accepted.append(decide(self.state, command, now))
            if not found.shown:
                continue
            assert found.enabled == bool(accepted), (action, found)
            assert found.enabled or found.reason.endswith("."), (action, found)

    def teardown(self) -> None:
        if hasattr(self, "plan"):
            assert fold(self.plan, self.events) == self.state


SessionMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestSessionMachine = SessionMachine.TestCase


# -- random sequences of valid-shaped events ------------------------------------------

PLAN = example("workshop")
ids = st.sampled_from([f"p{i:02d}" for i in range(1, 16)])


def field_value(kind: str) -> st.SearchStrategy[Any]:
    count = len(PLAN.phases)
    if "|" in kind:
        values = st.sampled_from(kind.removesuffix("?").split("|"))
        return st.none() | values if kind.endswith("?") else values
    return {
        "phase": st.integers(0, count - 1),
        "phase?": st.none() | st.integers(0, count - 1),
        "index": st.integers(0, 12),
        "room": st.integers(1, 6),
        "int": st.integers(-5, 2000),
        "seconds": st.floats(-100, 5000, allow_nan=False) | st.integers(0, 5000),
        "id": ids,
        "id?": st.none() | ids,
        "speaker": ids | st.just("facilitator"),
        "text": st.text(max_size=20),
        "bool": st.booleans(),
        "ids": st.lists(ids, max_size=6),
        "rooms": st.lists(st.lists(ids, max_size=4), max_size=4),
        "durations": st.lists(st.integers(0, 3600), min_size=count, max_size=count),
        "seed": st.none() | st.integers(0, 2**32 - 1),
        "score?": st.none() | st.integers(1, 5),
        "indices": st.lists(st.integers(0, 5), max_size=4, unique=True),
    }[kind]


def event_of(name: str) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    fields = {key: field_value(kind) for key, (kind, _) in EVENTS[name].fields.items()}
    return st.tuples(st.just(name), st.fixed_dictionaries(fields))


SHAPED = st.one_of([event_of(name) for name in sorted(EVENTS)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(st.tuples(SHAPED, st.floats(0, 120, allow_nan=False)), max_size=60),
    stray=st.lists(st.sampled_from(["x.y", "phase.exploded"]), max_size=3),
)
def test_reduce_never_raises_on_any_order_of_valid_shaped_events(
    body: list[tuple[tuple[str, dict[str, Any]], float]], stray: list[str]
) -> None:
    events = []
    t = 0.0
    for (name, data), gap in body:
        t += gap
        events.append(Event(type=name, data=data, t=t, ts="2026-11-24T19:30:00.000Z"))
    events += [Event(type=name, t=t) for name in stray]
    state = fold(PLAN, events)
    assert state.bad_events == 0
    assert state.unknown_events == len(stray)
    render_everything(state, t + 30)
    for command in (c.Tick(), c.NextStep(), c.NextSpeaker(), c.OpenRooms(), c.EndSession()):
        with contextlib.suppress(CommandRefused):
            decide(state, command, SessionClock(FakeClock(), offset=t + 30).now())


@given(junk=st.dictionaries(st.sampled_from(["phase", "participant", "speaker", "x"]),
                            st.one_of(st.none(), st.integers(), st.text(max_size=3),
                                      st.lists(st.integers(), max_size=2))),
       name=st.sampled_from(sorted(EVENTS)))
def test_damaged_data_is_counted_not_raised(junk: dict[str, Any], name: str) -> None:
    state = reduce(initial_state(PLAN), Event(type=name, data=junk, t=1.0, seq=7))
    assert state.last_seq == 7 and state.last_t == 1.0
    assert state.bad_events in (0, 1)
