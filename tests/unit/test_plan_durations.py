"""Durations: what organisers write, and what is refused with a hint."""

import pytest

from sessiontui.plan.durations import DurationError, format_clock, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("10m", 600), ("1h", 3600), ("1h30m", 5400), ("1h 30m", 5400),
     ("2m30s", 150), (" 5M ", 300), ("24h", 86400)],
)
def test_written_durations_read_as_seconds(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("value", "hint"),
    [(10, 'write "10m"'), (1.5, "ambiguous"), ("0m", "zero"), ("-5m", "negative"),
     ("25h", "over 24h"), ("nan", "cannot read"), ("10 minutes", "cannot read"),
     ("30m1h", "order"), ("5m5m", "order"), (True, "true/false"), (float("nan"), "text")],
)
def test_bad_durations_are_refused_with_a_hint(value: object, hint: str) -> None:
    with pytest.raises(DurationError, match=hint):
        parse_duration(value)


@pytest.mark.parametrize("seconds", [1, 59, 60, 90, 600, 3599, 3600, 5400, 86400])
def test_formatting_reads_back(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(300, "05:00"), (299.2, "05:00"), (0.4, "00:01"), (0, "00:00"), (-80.5, "+01:20"),
     (3725, "1:02:05")],
)
def test_clock_counts_down_then_up(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown
