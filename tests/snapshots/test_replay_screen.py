"""Snapshots of the trainer's replay: the session as it was, with the transport bar,
and with the event list open."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_replay import recorded, replay_app  # noqa: F401  (a fixture)


@pytest.mark.parametrize("keys", [("5",), ("5", "e")], ids=["halfway", "event-list"])
def test_replay_screen(snap_compare, recorded: Path, keys: tuple[str, ...]) -> None:  # noqa: F811
    app, _ = replay_app(recorded)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
