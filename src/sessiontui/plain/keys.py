"""Keys in plain mode: what the terminal sends, named as Textual names them, bound as the
full app binds them (the action table and the user's keymap), and said in words.

Textual names keys "n", "N", "space", "question_mark", "ctrl+q", "right": the action
table and a user's `[keymap]` are written with those names, so the bytes read here are
turned into the same names and looked up in the same table. No Textual here: plain mode
must start (and stay) free of it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from sessiontui.actions import UserAction

ESC = "\x1b"

_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
"""Textual's shorter names for some punctuation (textual.keys.KEY_NAME_REPLACEMENTS)."""

_CONTROL = {
    "\r": "enter",
    "\n": "enter",
    "\t": "tab",
    "\x7f": "backspace",
    "\x08": "backspace",
    "\x00": "ctrl+space",
    "\x1c": "ctrl+backslash",
    "\x1d": "ctrl+right_square_bracket",
    "\x1e": "ctrl+circumflex_accent",
    "\x1f": "ctrl+underscore",
}

_CSI_FINAL = {"A": "up", "B": "down", "C": "right", "D": "left", "H": "home", "F": "end"}
_CSI_TILDE = {
    "1": "home", "2": "insert", "3": "delete", "4": "end", "5": "pageup", "6": "pagedown",
    "7": "home", "8": "end", "11": "f1", "12": "f2", "13": "f3", "14": "f4", "15": "f5",
    "17": "f6", "18": "f7", "19": "f8", "20": "f9", "21": "f10", "23": "f11", "24": "f12",
}
_SS3 = {"P": "f1", "Q": "f2", "R": "f3", "S": "f4", **_CSI_FINAL}
_MODIFIERS = {
    2: ("shift",), 3: ("alt",), 4: ("alt", "shift"), 5: ("ctrl",), 6: ("ctrl", "shift"),
    7: ("ctrl", "alt"), 8: ("ctrl", "alt", "shift"),
}


def key_of_char(char: str) -> str:
    """The key name Textual gives a typed character ("n", "N", "question_mark")."""
    if char in _CONTROL:
        return _CONTROL[char]
    code = ord(char)
    if 1 <= code <= 26:
        return f"ctrl+{chr(code + 96)}"
    if char == " ":
        return "space"
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return _REPLACEMENTS.get(name, name)


def parse_keys(text: str, *, final: bool = True) -> tuple[list[str], str]:
    """Split what the terminal sent into key names; also what is left over: an escape
    sequence cut short, to complete with the next read (unless `final`: then a lone
    escape is the escape key)."""
    keys: list[str] = []
    i = 0
    while i < len(text):
        key, used = next_key(text[i:], final=final)
        if key is None:
            return keys, text[i:]
        keys.append(key)
        i += used
    return keys, ""


def next_key(text: str, *, final: bool = True) -> tuple[str | None, int]:
    """The first key in `text` and how many characters it took; (None, 0) when `text`
    is empty, or starts with an escape sequence cut short (unless `final`)."""
    if not text:
        return None, 0
    if text[0] != ESC:
        return key_of_char(text[0]), 1
    if len(text) == 1:
        return ("escape", 1) if final else (None, 0)
    found, used = _escape_sequence(text, 0)
    if found is None:
        return ("escape", 1) if final else (None, 0)
    return found, used or 1


def _escape_sequence(text: str, start: int) -> tuple[str | None, int]:
    """(key, length) for the escape sequence at `start`; (None, 0) if it is incomplete."""
    lead = text[start + 1]
    if lead == "[":
        end = start + 2
        while end < len(text) and not ("@" <= text[end] <= "~"):
            end += 1
        if end >= len(text):
            return None, 0
        params, final = text[start + 2:end], text[end]
        parts = params.split(";")
        modifiers: tuple[str, ...] = ()
        if len(parts) > 1 and parts[1].isdigit():
            modifiers = _MODIFIERS.get(int(parts[1]), ())
        if final == "~":
            name = _CSI_TILDE.get(parts[0], "")
        elif final == "Z":
            name, modifiers = "tab", ("shift",)
        else:
            name = _CSI_FINAL.get(final, "")
        if not name:
            return f"unknown escape sequence {params}{final}", end - start + 1
        return "+".join((*modifiers, name)), end - start + 1
    if lead == "O":
        if start + 2 >= len(text):
            return None, 0
        name = _SS3.get(text[start + 2], "")
        return (name or "escape"), 3 if name else 1
    if lead == ESC:
        return "escape", 1
    return f"alt+{key_of_char(lead)}", 2


# -- keys in words ----------------------------------------------------------------------

_SAID = {
    "space": "space",
    "enter": "enter",
    "escape": "escape",
    "tab": "tab",
    "backspace": "backspace",
    "up": "up arrow",
    "down": "down arrow",
    "left": "left arrow",
    "right": "right arrow",
    "pageup": "page up",
    "pagedown": "page down",
}


def say_key(key: str) -> str:
    """A key as a screen reader should read it: "shift+n" for N (a reader says "n" for
    both), "question mark", "ctrl+q", "right arrow"."""
    *modifiers, name = key.split("+") if key != "+" else ["plus"]
    modifiers = [m for m in modifiers if m]
    if len(name) == 1 and name.isalpha() and name.isupper():
        modifiers.append("shift")
        name = name.lower()
    word = _SAID.get(name, name.replace("_", " "))
    return "+".join([*modifiers, word])


def split_keys(keys: str) -> list[str]:
    """"n, right" -> ["n", "right"]."""
    return [k.strip() for k in keys.split(",") if k.strip()]


# -- what a key does ----------------------------------------------------------------------


class Keymap:
    """The actions of plain mode by key, as the full app binds them: the table's keys,
    with the user's keymap replacing an action's keys (its old keys then do nothing) and
    taking its keys from any action that had them."""

    def __init__(self, actions: Sequence[UserAction], keymap: Mapping[str, str]) -> None:
        self.actions = tuple(actions)
        ids = {action.id for action in actions}
        overrides = {i: split_keys(k) for i, k in keymap.items() if i in ids and split_keys(k)}
        claimed = {key for keys in overrides.values() for key in keys}
        self._keys: dict[str, list[str]] = {}
        self._by_key: dict[str, UserAction] = {}
        for action in actions:
            if action.id in overrides:
                keys = overrides[action.id]
            else:
                keys = [k for k in split_keys(action.key) if k not in claimed]
            self._keys[action.id] = keys
        for action in actions:
            for key in self._keys[action.id]:
                if action.id in overrides or key not in self._by_key:
                    self._by_key[key] = action
        self.changed = {i: keys for i, keys in overrides.items()}
        """Ids the user's keymap changed, with their keys."""

    def action(self, key: str) -> UserAction | None:
        """The action bound to `key`, if any."""
        return self._by_key.get(key)

    def keys_of(self, action_id: str) -> list[str]:
        return list(self._keys.get(action_id, ()))

    def say(self, action_id: str) -> str:
        """The first key bound to the action, in words ("n", "space", "ctrl+q"); "no key"
        when the keymap left it without one."""
        keys = self._keys.get(action_id)
        return say_key(keys[0]) if keys else "no key"

    def changes(self, defaults: Iterable[UserAction]) -> list[str]:
        """The user's keymap in words: "Next: right arrow (instead of n)"."""
        said = []
        for action in defaults:
            keys = self.changed.get(action.id)
            if keys:
                default = ", ".join(say_key(k) for k in split_keys(action.key))
                now = ", ".join(say_key(k) for k in keys)
                said.append(f"{action.label}: {now} (instead of {default})")
        return said
