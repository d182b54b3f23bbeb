"""Snapshots of `sessiontui watch` at 80x24 (a co-host's half of a screen): following
the live moment, and held back from it (the status line says how far, and which key
goes live)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.core import commands
from sessiontui.core.clock import FakeClock
from tests.ui.helpers import START
from tests.ui.test_watch import facilitator, watch_app


@pytest.mark.parametrize("keys", [(), ("left", "left", "left")], ids=["live", "behind"])
def test_watch_screen(snap_compare, tmp_path: Path, keys: tuple[str, ...]) -> None:
    clock = FakeClock(START)
    live = facilitator(tmp_path, clock)
    live.send(commands.NextStep())
    clock.advance(95)
    assert live.writer.flush(5)
    app = watch_app(live.log_path, clock)

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.screen.poll()
        await pilot.press(*keys)
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        live.close()
