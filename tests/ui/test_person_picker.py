"""The person picker finds people as the facilitator types them: in another script,
without accents, by an alias from the plan, or by roster number; and says when no one
matches instead of showing an empty list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.ui.helpers import make_app

PLAN = """
[session]
title = "Picker"

[[participants]]
name = "Ζωή Παπαδοπούλου"
aliases = ["Zo"]

[[participants]]
name = "Siobhán"

[[participants]]
name = "Дмитрий"
aliases = ["Dima"]

[[phases]]
kind = "discussion"
title = "Talk"
duration = "10m"
"""


async def offered(tmp_path: Path, typed: str) -> tuple[list[str], str]:
    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "h", *typed)
        options = app.screen.query_one("#people", OptionList)
        labels = [str(options.get_option_at_index(i).prompt).strip().split("  ", 1)[1]
                  for i in range(options.option_count)]
        none = app.screen.query_one("#none", Static)
        return labels, str(none.render()) if none.display else ""


@pytest.mark.parametrize(("typed", "who"), [
    ("zoe", "Ζωή Παπαδοπούλου"), ("Zo", "Ζωή Παπαδοπούλου"), ("papadop", "Ζωή Παπαδοπούλου"),
    ("siobhan", "Siobhán"), ("dmitry", "Дмитрий"), ("dima", "Дмитрий"), ("3", "Дмитрий"),
])
async def test_the_picker_finds_a_person_as_typed(tmp_path: Path, typed: str, who: str) -> None:
    labels, none = await offered(tmp_path, typed)
    assert labels == [who] and none == ""


async def test_the_picker_says_when_no_one_matches(tmp_path: Path) -> None:
    labels, none = await offered(tmp_path, "xyz")
    assert labels == []
    assert none == "No one matches \u201cxyz\u201d"


async def test_a_picker_keeps_its_hint_and_keys_in_view_at_60x20(tmp_path: Path) -> None:
    from tests.ui.helpers import screen_text

    app, _clock = make_app(tmp_path, "workshop")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n", "a")
        await pilot.pause()
        text = screen_text(app)
        assert "0: everyone not marked yet is present" in text
        assert "enter: choose   up/down: move   escape: cancel" in text
