"""A user's keymap shows everywhere a key is named: heading, panels, footer, help,
palette, toasts. With `phase.next` on the right arrow, nothing on screen names `n`."""

from __future__ import annotations

import re
from pathlib import Path

from sessiontui.ui.screens.help import HelpScreen
from tests.ui.helpers import make_app, screen_text, shown

KEYMAP = {"phase.next": "right", "hand.raise": "ctrl+r"}
NAMES_N = re.compile(r"(^|\s)n(:| Next| to start)")


async def test_a_remapped_key_is_named_everywhere(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, keymap=KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        ready = screen_text(app)
        assert "Press → to start" in ready and "→: start with" in ready
        assert not NAMES_N.search(ready), ready
        await pilot.press("n")  # the old key does nothing now
        assert app.live.state.status == "opened"
        await pilot.press("right")
        assert app.live.state.status == "running"
        running = screen_text(app)
        assert "→: next person, " in shown(app, "#heading")
        assert "→ Next" in running  # the footer
        assert not NAMES_N.search(running), running
        palette = [command.title for command in app.get_system_commands(app.screen)]
        assert "Next (→)" in palette and "Next (n)" not in palette
        assert "Hand (^r)" in palette

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "Next: → (instead of n)" in help_text
        assert "Hand: ^r (instead of h)" in help_text
        assert not any(line.lstrip("│ ").startswith("n ") for line in help_text.splitlines())
        assert "{" not in help_text  # the keymap in words, not a Python dict
