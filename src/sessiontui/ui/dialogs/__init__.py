"""Modal dialogs: each asks one thing and dismisses with the answer (None if cancelled).

Each dialog is loaded the first time it is named (`dialogs.TextDialog`): none is on
screen when a session opens, and the text area behind some of them is costly to load.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sessiontui.ui.dialogs.choice import ChoiceDialog, ConfirmDialog
    from sessiontui.ui.dialogs.feedback import FeedbackDialog
    from sessiontui.ui.dialogs.hand import HandPickerDialog
    from sessiontui.ui.dialogs.person import PersonPickerDialog
    from sessiontui.ui.dialogs.pick import PickDialog
    from sessiontui.ui.dialogs.safeguarding import SafeguardingDialog
    from sessiontui.ui.dialogs.text import TextDialog

_HOMES = {
    "ChoiceDialog": "choice",
    "ConfirmDialog": "choice",
    "FeedbackDialog": "feedback",
    "HandPickerDialog": "hand",
    "PersonPickerDialog": "person",
    "PickDialog": "pick",
    "SafeguardingDialog": "safeguarding",
    "TextDialog": "text",
}

__all__ = ["ChoiceDialog", "ConfirmDialog", "FeedbackDialog", "HandPickerDialog",
           "PersonPickerDialog", "PickDialog", "SafeguardingDialog", "TextDialog"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sessiontui.ui.dialogs' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sessiontui.ui.dialogs.{home}"), name)
