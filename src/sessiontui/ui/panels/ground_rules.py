"""The ground rules, ticked off as they are covered."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.ground_rules import RulesView
from sessiontui.journal.roster import Names
from sessiontui.ui.look import Look
from sessiontui.ui.panels.base import PhasePanel


def rules_text(view: RulesView, look: Look) -> Text:
    text = Text()
    for line in view.lines:
        text.append("\n" if line.index else "")
        text.append("[x] " if line.covered else "[ ] ", style=look.strong if line.covered else "")
        text.append(line.text)
        if line.added:
            text.append("  (added today)", style=look.muted)
    text.append(f"\n{view.covered} of {len(view.lines)} covered", style=look.muted)
    hint = look.hint("rules.add", "add a rule the group suggests")
    if view.invite_additions and hint:
        text.append(f"  {hint}", style=look.muted)
    return text


class GroundRulesPanel(PhasePanel):
    kind: ClassVar[str] = "ground-rules"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, RulesView)
        return rules_text(view, look)
