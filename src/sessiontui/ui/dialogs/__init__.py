"""Modal dialogs: each asks one thing and dismisses with the answer (None if cancelled)."""

from sessiontui.ui.dialogs.choice import ChoiceDialog, ConfirmDialog
from sessiontui.ui.dialogs.feedback import FeedbackDialog
from sessiontui.ui.dialogs.person import PersonPickerDialog
from sessiontui.ui.dialogs.text import TextDialog

__all__ = ["ChoiceDialog", "ConfirmDialog", "FeedbackDialog", "PersonPickerDialog", "TextDialog"]
