"""The next step in a few words ("next person, Dana", "open the rooms"): the screen's
"n:" hint and plain mode's "Next:" say it from the same value `decide` applies.

Plain Python: no Textual, no Rich; the screen adds its styles (`ui.render.step_words`).
"""

from __future__ import annotations

from collections.abc import Callable

from sessiontui.core.views import NextView

STEP_WORDS = {
    "complete-round": "finish the round",
    "cover-rule": "mark this rule covered",
    "next-prompt": "next prompt",
    "open-rooms": "open the rooms",
    "close-rooms": "close the rooms",
    "start-questions": "open questions",
    "reveal-answer": "reveal the answer",
    "next-question": "next question",
    "end-session": "end the session",
    "start": "start",
}


def step_said(nxt: NextView, name_of: Callable[[str], str]) -> tuple[str, str, str]:
    """(words, the part to stress, words after it): ("next person, ", "Dana", ""),
    ("come back to ", "Sam", ", who passed"), ("open the rooms", "", "")."""
    if nxt.action == "next-person":
        return "next person, ", name_of(nxt.participant or ""), ""
    if nxt.action == "come-back":
        return "come back to ", name_of(nxt.participant or ""), ", who passed"
    if nxt.action == "next-phase":
        return "next phase, ", nxt.phase_label or "", ""
    return STEP_WORDS.get(nxt.action, nxt.action), "", ""
