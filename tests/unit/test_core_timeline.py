"""Replay and seek: keyframe + tail equals a full fold, lazily built, found by time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sessiontui.core.reduce import fold
from sessiontui.core.timeline import Timeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_session import generate_events, workshop_plan

PLAN = workshop_plan()
EVENTS = generate_events(1500, seed=3)


@pytest.mark.parametrize("every", [256, 7, 1])
def test_seek_equals_a_full_fold(every: int) -> None:
    timeline = Timeline(PLAN, EVENTS, every=every)
    for index in (0, 1, 255, 256, 257, 700, 1023, 1499, 1500, 9999, -5):
        clamped = max(0, min(index, len(EVENTS)))
        assert timeline.state_at(index) == fold(PLAN, EVENTS[:clamped]), index


def test_seeking_backwards_after_building() -> None:
    timeline = Timeline(PLAN, EVENTS)
    end = timeline.final()
    assert end == fold(PLAN, EVENTS)
    for index in (1400, 3, 800, 799, 801):
        assert timeline.state_at(index) == fold(PLAN, EVENTS[:index])


def test_keyframes_every_256_events_and_at_phase_starts() -> None:
    timeline = Timeline(PLAN, EVENTS)
    timeline.build()
    frames = set(timeline.keyframes)
    assert {0, 256, 512, 768, 1024, 1280} <= frames
    starts = {i + 1 for i, e in enumerate(EVENTS) if e.type == "phase.started"}
    assert starts and starts <= frames
    assert frames <= starts | {0, 256, 512, 768, 1024, 1280}


def test_keyframes_are_built_lazily_and_in_chunks() -> None:
    timeline = Timeline(PLAN, EVENTS)
    assert timeline.built == 0
    assert timeline.state_at(0).status == "new", "the first frame needs no fold"
    timeline.state_at(40)
    assert timeline.built == 40
    assert timeline.build(budget=500) is False and timeline.built == 540
    assert timeline.build() is True and timeline.complete


def test_index_at_t_by_bisect() -> None:
    timeline = Timeline(PLAN, EVENTS)
    for index in (0, 10, 500, 1499):
        t = EVENTS[index].t
        found = timeline.index_at_t(t)
        assert EVENTS[found - 1].t <= t
        assert found == len(EVENTS) or EVENTS[found].t > t
    assert timeline.index_at_t(-1) == 0
    assert timeline.index_at_t(EVENTS[-1].t + 1) == len(EVENTS)


def test_chapters_are_phase_starts_and_markers() -> None:
    timeline = Timeline(PLAN, EVENTS)
    chapters = timeline.chapters()
    assert chapters == sorted(chapters)
    assert all(EVENTS[i - 1].type in ("phase.started", "marker.added") for i in chapters)
