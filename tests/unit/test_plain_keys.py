"""Plain mode reads the bytes a terminal sends as the keys the full app binds."""

from __future__ import annotations

from sessiontui.actions import APP_ACTIONS, PLAIN_ACTIONS, SESSION_ACTIONS
from sessiontui.plain.keys import Keymap, parse_keys, say_key

ACTIONS = (*SESSION_ACTIONS, *APP_ACTIONS, *PLAIN_ACTIONS)


def test_bytes_become_the_names_the_action_table_uses() -> None:
    keys, rest = parse_keys("nN +-!?\r\x11\x1b[C\x1b[1;2D\x1bOP")
    assert rest == ""
    assert keys == ["n", "N", "space", "plus", "minus", "exclamation_mark", "question_mark",
                    "enter", "ctrl+q", "right", "shift+left", "f1"]


def test_an_escape_cut_short_waits_for_the_next_read_unless_it_is_the_last() -> None:
    assert parse_keys("n\x1b[", final=False) == (["n"], "\x1b[")
    assert parse_keys("\x1b", final=True) == (["escape"], "")


def test_every_key_of_the_table_finds_its_action() -> None:
    keymap = Keymap(ACTIONS, {})
    assert keymap.action("n").id == "phase.next"
    assert keymap.action("question_mark").id == "app.help"
    assert keymap.action("s").id == "app.status"
    assert keymap.action("ctrl+q").id == "app.quit"
    assert keymap.action("z") is None


def test_a_users_keymap_moves_a_key_and_the_old_key_does_nothing() -> None:
    keymap = Keymap(ACTIONS, {"phase.next": "right,n2", "note.add": "n"})
    assert keymap.action("right").id == "phase.next"
    assert keymap.action("n").id == "note.add"  # taken from Next, which no longer has it
    assert keymap.action("o") is None
    assert keymap.say("phase.next") == "right arrow"
    assert keymap.changes(SESSION_ACTIONS)[0] == "Next: right arrow, n2 (instead of n)"


def test_keys_are_said_as_a_screen_reader_should_read_them() -> None:
    assert say_key("N") == "shift+n"
    assert say_key("question_mark") == "question mark"
    assert say_key("space") == "space"
    assert say_key("ctrl+q") == "ctrl+q"
