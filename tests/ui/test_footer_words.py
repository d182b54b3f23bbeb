"""The footer names what the plan keeps from a round: a word, or a short answer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.ui.helpers import go_to_phase, make_app


def footer_words(app) -> list[str]:
    return [key.description for key in app.session_screen.query(FooterKey)]


async def test_the_answer_key_is_named_for_what_the_round_keeps(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")  # the check-in keeps one word
        await pilot.pause()
        assert "Word" in footer_words(app) and "Answer" not in footer_words(app)
        await go_to_phase(app, pilot, 5)  # the close keeps a short answer
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()  # the footer is rebuilt after the key
        assert "Answer" in footer_words(app) and "Word" not in footer_words(app)
        await pilot.press("w")
        assert "answer" in str(app.screen.query_one("Vertical").border_title)
