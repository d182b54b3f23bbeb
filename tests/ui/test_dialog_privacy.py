"""Every dialog that takes free text says who will see it, and says what the privacy
table (core/vocabulary.py) decides: a facilitator types a pause reason or a note
knowing whether a trainer will read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.actions import by_id
from sessiontui.ui.dialogs import FeedbackDialog, TextDialog
from tests.ui.helpers import go_to_phase, make_app

PRIVATE = "Private: only in your own report"
MEMBERS = "Members' words: in reports for your trainer"
SHAREABLE = "Shareable: a label your trainer sees"

# (phase index in the evening plan, keys after the action's key, what the line says)
CASES = {
    "session.pause": (0, (), PRIVATE),
    "note.add": (0, (), PRIVATE),
    "followup.flag": (0, ("1", "enter"), PRIVATE),
    "marker.add": (0, (), SHAREABLE),
    "parking.add": (2, (), MEMBERS),
    "round.answer": (0, (), MEMBERS),
    "rules.add": (1, (), MEMBERS),
    "breakout.report": (3, ("1",), MEMBERS),
    "close.takeaway": (5, (), MEMBERS),
    "close.feedback": (5, ("1", "enter", "4"), MEMBERS),
}


def key_of(action_id: str) -> str:
    return by_id(action_id).key.split(",")[0]


@pytest.mark.parametrize("action_id", sorted(CASES))
async def test_a_text_dialog_says_who_will_see_the_text(tmp_path: Path, action_id: str) -> None:
    phase, then, expected = CASES[action_id]
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        if phase:
            await go_to_phase(app, pilot, phase)
        if action_id == "round.answer":
            await pilot.press("n")  # the first person's go: an answer needs someone on
        if action_id == "breakout.report":
            await pilot.press("n")  # open the rooms
        await pilot.press(key_of(action_id), *then)
        dialog = app.screen
        assert isinstance(dialog, TextDialog | FeedbackDialog), type(dialog)
        lines = [str(w.render()) for w in dialog.query(".dialog-privacy")]
        assert len(lines) == 1 and lines[0].startswith(expected), lines


async def test_a_walk_in_name_is_said_to_stay_out_of_the_log(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", key_of("people.join"))
        lines = [str(w.render()) for w in app.screen.query(".dialog-privacy")]
        assert lines == ["Kept in the roster file beside the log, never in the log itself."]
