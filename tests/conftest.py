"""Keep the developer's machine out of the tests.

Textual reads several environment variables into constants when it is imported, so
they are cleared here, before any test module imports it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test may depend on the speed of this machine: hypothesis' per-example deadline
# and its too-slow health check both do, so they are off for every property test.
settings.register_profile(
    "sessiontui", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("sessiontui")

for _name in (
    "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_FPS",
    "TEXTUAL_FILTERS", "TEXTUAL_PRESS", "TEXTUAL_SCREENSHOT", "NO_COLOR",
):
    os.environ.pop(_name, None)
os.environ["TEXTUAL_ANIMATIONS"] = "none"

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = ROOT / "sessions"
CORPUS = ROOT.parent / "shared" / "corpora" / "toml-invalid"


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the state and config folders at a temporary place for every test."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SESSIONTUI_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("SESSIONTUI_CONFIG_DIR", str(base / "config"))
    return base


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands that draw a screen refuse to start without a terminal; tests drive
    them through Textual's test harness, so they count as having one (test_cli_plan
    checks the refusal itself)."""
    monkeypatch.setattr("sessiontui.cli.launch.has_terminal", lambda: True)
