"""Text updates that skip the screen reflow must still leave every widget its right size."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from sessiontui.ui.widgets.static_text import set_static_text


class OneText(App[None]):
    CSS = "Static { width: 20; height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)


async def _shown(app: OneText, pilot, before: str | None, text: str) -> int:
    set_static_text(app.query_one(Static), before, text)
    await pilot.pause()
    return app.query_one(Static).size.height


async def test_a_line_that_stops_wrapping_gives_its_row_back() -> None:
    app = OneText()
    async with app.run_test(size=(40, 10)) as pilot:
        wide = "a line far wider than twenty cells\nsecond"
        assert await _shown(app, pilot, None, wide) == 3  # the first line wraps
        assert await _shown(app, pilot, wide, "short\nsecond") == 2


async def test_tabs_count_as_wide_as_they_reach() -> None:
    app = OneText()
    async with app.run_test(size=(40, 10)) as pilot:
        assert await _shown(app, pilot, None, "one\ntwo") == 2
        assert await _shown(app, pilot, "one\ntwo", "\t\tthree words here\ntwo") == 3
