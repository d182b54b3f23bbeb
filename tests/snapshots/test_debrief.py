"""The debrief at 80x24, as the facilitator first sees it after ending a session early.

Sync `def` (snap_compare runs its own event loop), a frozen clock, a fixed session id
and the log under the home folder, so the screen is the same on every machine.
Update after a deliberate change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import make_app
from tests.ui.test_debrief_screen import end_early_in_the_close


def test_debrief_after_ending_early(snap_compare, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("sessiontui.journal.paths.new_session_id", lambda: "5e55107d" * 4)
    app, clock = make_app(tmp_path)

    async def run_before(pilot) -> None:
        end_early_in_the_close(app, clock)
        await pilot.press("ctrl+q", "e")
        await pilot.pause()
        app.clear_notifications()
        assert app.live.writer.flush(timeout=30)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
