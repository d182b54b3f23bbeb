"""Breakout rooms: assignment, late joiners, warnings with broadcasts, platform settings."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontui.core import commands as c
from sessiontui.core.phases.breakout import (
    assign,
    breakout_view,
    compose,
    deal,
    pairs_in,
    platform_settings,
    room_count,
)
from sessiontui.plan.durations import spoken
from tests.unit.core_helpers import Run, example, plan_from, types_of

EVENING = example("evening-group")
WORKSHOP = example("workshop")


def sizes(rooms: tuple[tuple[str, ...], ...] | list[list[str]]) -> list[int]:
    return [len(room) for room in rooms]


def opened(run: Run) -> dict:
    return [e for e in run.events if e.type == "breakout.opened"][-1].data


@given(people=st.integers(0, 60), count=st.integers(1, 12), snake=st.booleans())
def test_dealing_places_everyone_once_and_sizes_differ_by_at_most_one(
    people: int, count: int, snake: bool
) -> None:
    names = [f"p{i:02d}" for i in range(people)]
    rooms = deal(names, count, snake=snake)
    assert sorted(p for room in rooms for p in room) == sorted(names)
    assert max(sizes(rooms)) - min(sizes(rooms)) <= 1


@settings(max_examples=50)
@given(
    people=st.integers(2, 40),
    rooms=st.one_of(st.none(), st.integers(1, 10)),
    size=st.integers(2, 6),
    method=st.sampled_from(["random", "balanced"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_assignment_is_balanced_and_complete(
    people: int, rooms: int | None, size: int, method: str, seed: int
) -> None:
    extra = f"rooms = {rooms}\n" if rooms else f"group_size = {size}\n"
    plan = plan_from(
        f'[[phases]]\nkind = "breakout"\nduration = "10m"\nassign = "{method}"\n{extra}',
        people=tuple(f"N{i}" for i in range(people)),
    )
    run = Run(plan)
    ids = list(run.state.people.roster)
    made, _ = assign(run.state, plan.phases[0], ids, seed)
    assert sorted(p for room in made for p in room) == sorted(ids)
    assert max(sizes(made)) - min(sizes(made)) <= 1
    assert len(made) == room_count(plan.phases[0], people)
    if rooms is None:
        assert max(sizes(made)) <= size, "no room is bigger than group_size"
        if min(sizes(made)) == 1:  # only when there is no other way
            assert people == 1 or (size == 2 and people % 2 == 1)
    elif people >= 2:
        assert min(sizes(made)) >= 2 or len(made) == 1, "no room of one when avoidable"
    again, _ = assign(run.state, plan.phases[0], ids, seed)
    assert again == made, "the same seed gives the same rooms"


def test_rooms_open_with_a_recorded_seed_and_duration() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    before = run.state
    assert run.types(c.NextStep()) == ["breakout.opened"]
    data = opened(run)
    assert sizes(data["rooms"]) == [2, 2, 2]
    assert data["method"] == "random" and isinstance(data["seed"], int)
    assert data["duration_s"] == 720 and data["repeated_pairs"] == 0
    made, _ = assign(before, EVENING.phases[3], list(before.people.roster), data["seed"])
    assert [list(room) for room in made] == data["rooms"], "the seed reproduces the rooms"


def test_plan_seed_and_balanced_rooms() -> None:
    run = Run(WORKSHOP)  # 12 people, rooms = 4, balanced, seed = 2026
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    data = opened(run)
    assert data["seed"] == 2026 and data["method"] == "balanced"
    assert sizes(data["rooms"]) == [3, 3, 3, 3]


def test_balanced_spreads_the_people_who_talked_most() -> None:
    plan = plan_from(
        '[[phases]]\nkind = "discussion"\nduration = "20m"\n'
        '[[phases]]\nkind = "breakout"\nduration = "10m"\nrooms = 2\nassign = "balanced"\n',
        people=tuple("ABCDEFGH"),
    )
    run = Run(plan)
    for who, seconds in (("p05", 300), ("p02", 200)):
        run.send(c.StartTurn(who))
        run.send(c.EndTurn(), after=seconds)
    run.send(c.NextStep())
    run.send(c.OpenRooms())
    rooms = opened(run)["rooms"]
    assert ("p05" in rooms[0]) != ("p02" in rooms[0]), "the two big talkers are apart"


def test_fixed_groups_map_names_to_ids_and_place_others_in_the_smallest_room() -> None:
    plan = plan_from(
        '[[phases]]\nkind = "breakout"\nduration = "10m"\nassign = "fixed"\n'
        'groups = [["Ana", "Bo"], ["cy", "Di", "Ed"]]\n',
        people=("Ana", "Bo", "Cy", "Di", "Ed", "Fay"),
    )
    run = Run(plan)
    run.send(c.MarkAttendance("p02", "absent"))
    run.send(c.OpenRooms())
    assert opened(run)["rooms"] == [["p01", "p06"], ["p03", "p04", "p05"]]


def test_later_breakouts_avoid_repeating_pairs() -> None:
    body = "".join(
        '[[phases]]\nkind = "breakout"\nduration = "10m"\ngroup_size = 2\nseed = 1\n'
        for _ in range(2)
    )
    run = Run(plan_from(body, people=tuple("ABCDEF")))
    run.send(c.OpenRooms())
    first = pairs_in(opened(run)["rooms"])
    run.send(c.NextStep(), after=60)  # close the rooms
    run.send(c.NextStep())  # next phase: the same seed would repeat every pair
    run.send(c.OpenRooms())
    assert opened(run)["repeated_pairs"] == 0
    assert not first & pairs_in(opened(run)["rooms"])


def test_walk_in_while_rooms_are_open_joins_the_smallest_room() -> None:
    run = Run(EVENING)  # pairs (group_size 2)
    run.send(c.MarkAttendance("p06", "absent"))
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    assert sizes(opened(run)["rooms"]) == [2, 2, 1]  # five in pairs: no room of three
    events = run.send(c.AddParticipant(), after=30)
    assert types_of(events) == ["participant.added", "breakout.joined"]
    assert events[1].data == {"participant": "p07", "room": 3}
    assert run.state.rooms.rooms[2] == (*opened(run)["rooms"][2], "p07")
    events = run.send(c.MarkAttendance("p06", "late"))
    assert events[-1].data == {"participant": "p06", "room": 1}


@pytest.mark.parametrize(("people", "size", "expected"), [
    (8, 3, [3, 3, 2]), (7, 3, [3, 2, 2]), (9, 3, [3, 3, 3]), (4, 3, [2, 2]),
    (10, 4, [4, 3, 3]), (6, 2, [2, 2, 2]), (2, 3, [2]),
])
def test_rooms_never_exceed_group_size_and_leftovers_spread(
    people: int, size: int, expected: list[int]
) -> None:
    plan = plan_from(
        f'[[phases]]\nkind = "breakout"\nduration = "10m"\ngroup_size = {size}\n',
        people=tuple(f"N{i}" for i in range(people)),
    )
    run = Run(plan)
    made, _ = assign(run.state, plan.phases[0], list(run.state.people.roster), 1)
    assert sorted(sizes(made), reverse=True) == expected


@settings(max_examples=60, deadline=None)
@given(people=st.integers(2, 40), size=st.integers(2, 8), seed=st.integers(0, 10**6))
def test_rooms_never_exceed_group_size_for_any_group(people: int, size: int, seed: int) -> None:
    plan = plan_from(
        f'[[phases]]\nkind = "breakout"\nduration = "10m"\ngroup_size = {size}\n'
        'assign = "random"\n',
        people=tuple(f"N{i}" for i in range(people)),
    )
    run = Run(plan)
    made, _ = assign(run.state, plan.phases[0], list(run.state.people.roster), seed)
    counts = sizes(made)
    assert sum(counts) == people, "everyone has a room"
    assert max(counts) <= size, "no room over group_size"
    assert max(counts) - min(counts) <= 1, "the remainder spread as evenly as possible"
    unavoidable = size == 2 and people % 2 == 1  # pairs of an odd number: one alone
    assert min(counts) >= 2 or unavoidable, "nobody alone in a room unless it must be"


def test_room_warnings_fire_once_each_with_their_broadcast_and_close_by_time() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    assert run.tick(after=419) == []
    assert run.tick(after=1) == [
        ("breakout.warning", {"threshold": 300, "broadcast": "5 minutes left - start wrapping up"}),
    ]
    assert run.tick() == []
    assert run.tick(after=240) == [
        ("breakout.warning", {"threshold": 60, "broadcast": "1 minute left - start wrapping up"}),
    ]
    assert run.tick(after=59) == []
    closing = run.tick(after=1)
    assert closing[0] == ("breakout.closed", {"by": "time"})
    assert not run.state.rooms.open
    assert run.tick(after=5) == []


def test_rooms_keep_real_time_while_the_session_is_paused() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    run.send(c.Pause("someone needs a moment"), after=100)
    assert [t for t, _ in run.tick(after=320)] == ["breakout.warning"]


def test_extending_rooms_rearms_a_warning_that_is_ahead_again() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    run.tick(after=420)
    run.tick(after=240)  # 1 minute warning given
    assert run.types(c.AdjustRooms(120)) == ["breakout.adjusted"]
    assert run.state.rooms.adjusted == 120 and run.state.phase.adjusted == 120
    assert run.tick(after=60) == []
    assert run.tick(after=60)[0][1]["threshold"] == 60, "a new last minute, a new warning"
    assert [t for t, _ in run.tick(after=60)] == ["breakout.closed", "timer.expired"]


def test_help_requests_and_report_backs() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    run.send(c.RequestHelp(2))
    assert run.state.rooms.help == (2,)
    assert "already waiting" in run.refused(c.RequestHelp(2))
    assert "no room 9" in run.refused(c.RequestHelp(9))
    run.send(c.AnswerHelp(2))
    assert "has not asked" in run.refused(c.AnswerHelp(2))
    run.send(c.CloseRooms(), after=300)
    assert run.state.rooms.closed_by == "facilitator"
    run.send(c.NoteReportBack(1, "small wins count"))
    assert run.state.rooms.reports == {1: "small wins count"}


def test_room_refusals() -> None:
    run = Run(EVENING)
    assert run.refused(c.OpenRooms()) == "Rooms open only in a breakout phase."
    assert run.refused(c.CloseRooms()) == "No rooms are open."
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    assert run.refused(c.OpenRooms()) == "The rooms are already open."
    assert "less than no time" in run.refused(c.AdjustRooms(-3600))
    lonely = Run(plan_from('[[phases]]\nkind = "breakout"\nduration = "5m"\nrooms = 2\n',
                           people=("Ana",)))
    assert "at least two people" in lonely.refused(c.OpenRooms())


def test_zoom_settings_close_the_rooms_after_the_apps_warnings() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    run.send(c.OpenRooms())
    view = breakout_view(run.state, run.t)
    settings_ = view.settings
    assert settings_.platform == "Zoom"
    assert (settings_.close_after_min, settings_.countdown_s, settings_.allow_return) == (
        12, 60, True,
    )
    assert settings_.lines == (
        "Automatically close breakout rooms after 12 minutes: on",
        "Countdown after closing breakout room: 60 seconds",
        "Allow participants to return to the main session at any time: on",
    )
    assert settings_.close_after_min * 60 >= view.duration_s
    assert view.next_broadcast == "5 minutes left - start wrapping up"
    assert view.opening == (
        "Welcome to your room. Share one small thing that helped you this week."
    )


def test_platform_settings_round_up_and_fit_the_platform() -> None:
    zoom = platform_settings("Zoom", 11 * 60 + 20, 45, False)
    assert zoom.close_after_min == 12 and zoom.countdown_s == 60
    teams = platform_settings("Microsoft Teams", 20 * 60, 60, True)
    assert teams.lines[0] == "Set a time limit: 20 minutes"
    other = platform_settings("Signal video call", 300, 30, True)
    assert other.platform == "Signal video call" and "5 minutes" in other.lines[0]


def test_broadcast_templates() -> None:
    assert [spoken(s) for s in (300, 60, 30, 90, 1)] == [
        "5 minutes", "1 minute", "30 seconds", "1 minute 30 seconds", "1 second",
    ]
    text = compose("{minutes} min left in {room_count} rooms: {task}", 90, "Plan it", 3)
    assert text == "2 min left in 3 rooms: Plan it"
    assert compose("{remaining} left", 120, None, 1) == "2 minutes left"


def test_pairs_helper() -> None:
    assert pairs_in([("a", "b", "c")]) == {frozenset(p) for p in combinations("abc", 2)}
