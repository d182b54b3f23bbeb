"""One panel widget per phase kind, on a shared base, and the registry that picks one.

The panel for a kind lives beside nothing else: a newcomer changing how breakouts look
opens `breakout.py` here and `core/phases/breakout.py`, and finds all of it.
"""

from __future__ import annotations

from sessiontui.ui.panels.base import PhasePanel
from sessiontui.ui.panels.breakout import BreakoutPanel
from sessiontui.ui.panels.discussion import DiscussionPanel
from sessiontui.ui.panels.ground_rules import GroundRulesPanel
from sessiontui.ui.panels.guest import GuestPanel
from sessiontui.ui.panels.quiz import QuizPanel
from sessiontui.ui.panels.rounds import CheckInPanel, ClosePanel
from sessiontui.ui.panels.tea_break import BreakPanel

PANELS: dict[str, type[PhasePanel]] = {
    panel.kind: panel
    for panel in (CheckInPanel, GroundRulesPanel, DiscussionPanel, BreakoutPanel,
                  GuestPanel, QuizPanel, BreakPanel, ClosePanel)
}
"""The panel for each phase kind (the same keys as `core.phases.KINDS`)."""

__all__ = ["PANELS", "PhasePanel"]
