"""The home screen's plans: one list, each plan once, the one README names highlighted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.resources import sessions_dir
from sessiontui.ui.app import SessiontuiApp, ShowHome
from sessiontui.ui.screens.home import HomeScreen
from tests.conftest import ROOT, SESSIONS
from tests.ui.helpers import START, screen_text

TITLES = {
    "evening-group.toml": "Parents' peer support - Tuesday evening",
    "drop-in.toml": "Carers' lunchtime drop-in",
    "workshop.toml": "Peer-support networks: create, run, sustain",
}


def home_app(tmp_path: Path) -> SessiontuiApp:
    return SessiontuiApp(ShowHome(tmp_path / "logs"), clock=FakeClock(START),
                         settings=Settings(bell=False, window_title=False))


def plan_rows(screen: HomeScreen) -> list[Path]:
    """The plans offered, in the order listed."""
    options = screen.query_one("#choices", OptionList)
    ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
    return [screen.entries[key].path for key in ids if key.startswith("plan:")]


def highlighted_plan(screen: HomeScreen) -> Path:
    options = screen.query_one("#choices", OptionList)
    assert options.highlighted is not None
    key = options.get_option_at_index(options.highlighted).id
    assert key is not None and key.startswith("plan:")
    return screen.entries[key].path


def readme_home_paragraph() -> str:
    """The README's paragraph that says what the home screen highlights."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    found = [p for p in paragraphs if "home screen" in p and "highlighted" in p]
    assert len(found) == 1, "README says in one paragraph which plan home highlights"
    return found[0]


async def test_started_in_the_repository_each_plan_is_listed_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # ./sessions is the folder of examples itself
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        plans = plan_rows(screen)
        assert sorted(p.name for p in plans) == sorted(TITLES)
        assert len({p.resolve() for p in plans}) == len(plans)
        text = screen_text(app)
        for title in TITLES.values():
            assert text.count(title) == 1, title
        assert "Example plans" not in text  # one list, not two
        chosen = highlighted_plan(screen)
        assert chosen.name == "evening-group.toml"
        assert plans[0] == chosen  # the first line is the highlighted one
        paragraph = readme_home_paragraph()
        assert chosen.name in paragraph
        assert all(other not in paragraph for other in TITLES if other != chosen.name)
        # enter opens the highlighted plan: its own dialog, titled with its title
        await pilot.press("enter")
        await pilot.pause()
        assert TITLES[chosen.name] in screen_text(app)


async def test_a_folder_holding_edited_examples_lists_them_once_from_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "work" / "sessions"
    folder.mkdir(parents=True)
    edited = (SESSIONS / "drop-in.toml").read_text(encoding="utf-8").replace(
        "Carers' lunchtime drop-in", "Carers' drop-in (our copy)")
    (folder / "drop-in.toml").write_text(edited, encoding="utf-8")
    shutil.copy(SESSIONS / "workshop.toml", folder / "my-own.toml")
    monkeypatch.chdir(folder.parent)
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plans = plan_rows(app.screen)
        assert [p.name for p in plans] == [
            "evening-group.toml", "drop-in.toml", "my-own.toml", "workshop.toml"]
        assert plans[1].parent == folder  # the folder's copy, not the example beside it
        text = screen_text(app)
        assert "Carers' drop-in (our copy)" in text
        assert "Carers' lunchtime drop-in" not in text
        assert "sessions/drop-in.toml" in text and "example evening-group.toml" in text
        assert highlighted_plan(app.screen).name == "evening-group.toml"


async def test_a_folder_linked_to_the_examples_lists_each_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "sessions").symlink_to(sessions_dir(), target_is_directory=True)
    monkeypatch.chdir(work)
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plans = plan_rows(app.screen)
        assert sorted(p.name for p in plans) == sorted(TITLES)
        assert highlighted_plan(app.screen).name == "evening-group.toml"


async def test_without_a_sessions_folder_the_examples_are_offered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plans = plan_rows(app.screen)
        assert plans[0].name == "evening-group.toml"
        assert sorted(p.name for p in plans) == sorted(TITLES)
        assert all(p.parent.resolve() == sessions_dir().resolve() for p in plans)
        assert highlighted_plan(app.screen) == plans[0]
