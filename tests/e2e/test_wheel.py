"""A plain (non-editable) install finds the bundled plans and themes from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr[-2000:]}")
    (wheel,) = out.glob("sessiontui-*.whl")
    site = out / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    return site


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "sessiontui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def test_wheel_carries_sessions_and_themes(wheel_site: Path) -> None:
    data = wheel_site / "sessiontui" / "_data"
    assert {p.name for p in (data / "sessions").glob("*.toml")} >= {
        "evening-group.toml", "workshop.toml", "drop-in.toml"}
    assert (data / "themes").is_dir()


def test_installed_program_finds_the_default_plan_from_elsewhere(
    wheel_site: Path, tmp_path: Path
) -> None:
    probe = run_installed(wheel_site, tmp_path, "--version")
    assert probe.returncode == 0, probe.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import sessiontui, sys; print(sessiontui.__file__)"],
        cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(wheel_site)),
        capture_output=True, text=True, timeout=60,
    ).stdout.strip()
    assert where.startswith(str(wheel_site)), where
    made = run_installed(wheel_site, tmp_path, "new", "mine.toml", "--template", "workshop")
    assert made.returncode == 0, made.stderr
    checked = run_installed(wheel_site, tmp_path, "check", "mine.toml")
    assert checked.returncode == 0, checked.stderr
    assert "Peer-support networks" in checked.stdout
