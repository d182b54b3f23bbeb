"""The action table as Textual sees it: bindings, and the key a person reads for an id.

Every text that names a key (the heading's "n:", panel hints, the palette, help,
dialogs) asks `KeyNames` for the key bound to an action id now, so a user's keymap
(`App.set_keymap`, from `[keymap]` in the config file) shows everywhere, not only in
the footer.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import App
from textual.binding import Binding

from sessiontui.actions import ALL_ACTIONS, UserAction, by_id


def binding(action: UserAction, *, priority: bool = False, action_name: str | None = None,
            label: str | None = None) -> Binding:
    """A Textual binding for one action, carrying its id for the keymap (`action_name`:
    what the key does on this screen, when not the table's; `label`: the footer's word,
    when not the table's)."""
    return Binding(action.key, action_name or action.action, label or action.label,
                   show=action.footer, id=action.id, key_display=action.key_display,
                   priority=priority)


def bindings(actions: tuple[UserAction, ...]) -> list[Binding]:
    """Textual bindings for a table of actions."""
    return [binding(action) for action in actions]


class KeyNames:
    """The keys bound to action ids now, written as people read them."""

    def __init__(self, app: App, keymap: Mapping[str, str]) -> None:
        self._app = app
        self._keymap = dict(keymap)

    def of(self, action_id: str) -> str:
        """The first key bound to `action_id` ("n", "␣", "^q")."""
        keys = self._keymap.get(action_id)
        if not keys:
            action = by_id(action_id)
            if action.key_display:
                return action.key_display
            keys = action.key
        first = keys.split(",")[0].strip()
        return self._app.get_key_display(Binding(first, ""))

    def changes(self) -> list[str]:
        """The user's keymap in words: "Next: right (instead of n)", one per change."""
        known = {action.id: action for action in ALL_ACTIONS}
        said = []
        for action_id, keys in sorted(self._keymap.items()):
            action = known.get(action_id)
            if action is None:
                said.append(f"{action_id}: no such action (ignored)")
                continue
            shown = ", ".join(self._app.get_key_display(Binding(k.strip(), ""))
                              for k in keys.split(",") if k.strip())
            default = action.key_display or self._app.get_key_display(
                Binding(action.key.split(",")[0], ""))
            said.append(f"{action.label}: {shown} (instead of {default})")
        return said
