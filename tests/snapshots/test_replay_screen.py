"""Snapshots of the trainer's replay: the session as it was, with the transport bar;
the event list in words; who held the floor; where a jump landed. At a roomy size and
at the small sizes a trainer beside a call has (80x24, 60x20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_replay import recorded, replay_app  # noqa: F401  (a fixture)

VIEWS = {
    "halfway": ("5",),
    "event-list": ("5", "e"),
    "lanes": ("5", "l"),
    "landed-on-a-marker": ("m",),
    "long-turns-lanes": ("l", "n", "1"),
}
SIZES = {"100x30": (100, 30), "80x24": (80, 24), "60x20": (60, 20)}
CASES = [
    ("halfway", "100x30"), ("event-list", "100x30"),
    ("event-list", "80x24"), ("event-list", "60x20"),
    ("lanes", "80x24"), ("lanes", "60x20"),
    ("landed-on-a-marker", "80x24"), ("long-turns-lanes", "60x20"),
]


@pytest.mark.parametrize(("view", "size"), CASES, ids=[f"{v}-{s}" for v, s in CASES])
def test_replay_screen(snap_compare, recorded: Path, view: str, size: str) -> None:  # noqa: F811
    app, _ = replay_app(recorded)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*VIEWS[view])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
