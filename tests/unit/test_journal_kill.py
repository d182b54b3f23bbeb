"""T1: SIGKILL the writer at random moments; no acknowledged event may be lost.

50 kills by default (a few seconds); SESSIONTUI_KILLS=200 (or 1000) for more.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.unit.journal_child import run_kill_harness


def test_kill_9_loses_no_acknowledged_event(tmp_path: Path) -> None:
    kills = int(os.environ.get("SESSIONTUI_KILLS", "50"))
    result = run_kill_harness(tmp_path, kills=kills, seed=9909)
    assert result.child_failures == []
    assert result.kills == kills
    assert result.acked > kills  # the children did get events saved
    assert result.lost == []
    assert result.not_idempotent == 0
    assert result.events >= result.acked
