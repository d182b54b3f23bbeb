"""The report's phase timeline: a bounded, readable time axis whatever the times."""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

import pytest

from sessiontui.report.model import PhaseRow
from sessiontui.report.svg import MAX_TICKS, phase_timeline

SVG = "{http://www.w3.org/2000/svg}"


def row(index: int, start: float, length: float) -> PhaseRow:
    """A phase that ran `length` seconds from `start`, planned as that long (or as ten
    minutes, when `length` is not a whole number of seconds a plan could hold)."""
    planned = int(length) if math.isfinite(length) and length < 10**15 else 600
    return PhaseRow(
        index=index, title=f"Part {index + 1}", kind="discussion", status="ran", runs=1,
        planned_start_s=int(start), planned_clock="", actual_start_s=start,
        actual_clock="", start_delta_s=0.0, planned_s=planned,
        given_s=planned, actual_s=length, over_s=0.0, outcome="completed",
        talk_s=0.0, facilitator_s=0.0, why=(),
    )


def axis_labels(svg: str) -> list[str]:
    """The tick labels along the bottom of the chart, left to right."""
    root = ElementTree.fromstring(svg)
    texts = root.findall(f"{SVG}text[@text-anchor='middle']")
    return [text.text or "" for text in texts]


def test_a_two_hour_session_is_read_in_minutes() -> None:
    labels = axis_labels(phase_timeline((row(0, 0, 3600), row(1, 3600, 3600))))
    assert labels == [f"{m}m" for m in range(0, 121, 15)]


def test_a_long_session_is_read_in_hours_not_thousands_of_minutes() -> None:
    """A 100k-event log (days of session time) read "4800m" on its axis."""
    labels = axis_labels(phase_timeline((row(0, 0, 20 * 3600), row(1, 20 * 3600, 40 * 3600))))
    assert labels == [f"{hours}h" for hours in range(0, 61, 6)]
    assert not any(re.fullmatch(r"\d{4,}m", label) for label in labels)
    week = axis_labels(phase_timeline((row(0, 0, 7.3 * 86_400),)))
    assert week == [f"{days}d" for days in range(9)]


def test_half_hours_on_an_hours_axis_say_so() -> None:
    labels = axis_labels(phase_timeline((row(0, 0, 4.5 * 3600),)))
    assert labels == ["0h", "0h30", "1h", "1h30", "2h", "2h30", "3h", "3h30", "4h", "4h30"]


@pytest.mark.parametrize(
    "length",
    [61.0, 3601.0, 10**8, 10**12, 10**18, 1e300, float("inf"), float("nan")],
)
def test_the_tick_count_is_bounded_whatever_the_times(length: float) -> None:
    """The readers bound times today; the chart must not depend on it."""
    svg = phase_timeline((row(0, 0, 600), row(1, 600, length)))
    labels = axis_labels(svg)
    assert 2 <= len(labels) <= MAX_TICKS + 1
    assert "nan" not in svg and "inf" not in svg
