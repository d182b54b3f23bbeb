"""Plain mode's lines are for the ear: lengths in words, typed text as typed."""

from __future__ import annotations

from sessiontui.plain.terminal import visible
from sessiontui.plain.words import sentence, speakable


def test_lengths_are_said_in_words() -> None:
    assert speakable("Added 1m 00s") == "Added 1 minute"
    assert speakable("Dana's turn ended (2m 05s)") == "Dana's turn ended (2 minutes 5 seconds)"
    assert speakable("after 45s") == "after 45 seconds"
    assert speakable("for 1h 30m") == "for 90 minutes"
    assert speakable("in their 20s we met") == "in their 20 seconds we met"  # hence: only
    # lines with no typed text go through it (see Words.said)


def test_a_line_ends_as_a_sentence_and_control_characters_are_shown_not_sent() -> None:
    assert sentence("Dev passed") == "Dev passed."
    assert sentence("(a flag only)") == "(a flag only)."
    assert sentence("Next: Dev.") == "Next: Dev."
    assert visible("\x1b[31mRed\x07") == "^[[31mRed^G"
    assert visible("tab\tstays") == "tab\tstays"
