"""Ground rules: the plan's rules (and any the group adds), covered one by one.

Online, the rules still apply: confidentiality, raising a hand before speaking, the
right to pass. The facilitator reads each out and marks it covered; the group may add
its own when the plan invites it (`invite_additions`). `r` shows them again in any
phase, counted as a reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from sessiontui.core import commands as c
from sessiontui.core import guards
from sessiontui.core.draft import Draft, checked_text, refuse
from sessiontui.core.phases.base import NameOf, PhaseKind, Step
from sessiontui.core.state import SessionState
from sessiontui.plan.models import GroundRulesPhase


def _cover_rule(draft: Draft, command: c.CoverRule) -> None:
    guards.running(draft)
    rules = draft.state.all_rules()
    index = command.index
    if not isinstance(index, int) or not 0 <= index < len(rules):
        raise refuse(f"There is no rule {index!r}: there are {len(rules)}.")
    if index in draft.state.course.rules.covered:
        raise refuse("That rule is already covered.")
    draft.emit("rule.covered", index=index)


def _add_rule(draft: Draft, command: c.AddRule) -> None:
    guards.running(draft)
    phase = draft.state.phase_plan()
    if not isinstance(phase, GroundRulesPhase):
        raise refuse("The group adds rules during the ground-rules phase.")
    if not phase.invite_additions:
        raise refuse("This plan does not invite the group to add rules (invite_additions).")
    text = checked_text(command.text, "rule")
    draft.emit("rule.added", index=len(draft.state.all_rules()), text=text)


def _remind_rules(draft: Draft, command: c.RemindRules) -> None:
    guards.running(draft)
    rules = draft.state.all_rules()
    if not rules:
        raise refuse("The plan has no ground rules to show.")
    draft.emit("rules.reminded", count=len(rules))


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    c.CoverRule: _cover_rule,
    c.AddRule: _add_rule,
    c.RemindRules: _remind_rules,
}


class RuleLine(NamedTuple):
    index: int
    text: str
    covered: bool
    added: bool
    """Added by the group today."""


class RulesView(NamedTuple):
    lines: tuple[RuleLine, ...]
    covered: int
    reminders: int
    invite_additions: bool


def rules_view(state: SessionState, t: float = 0.0) -> RulesView:
    """Every rule, covered or not; whether the group may add some now."""
    planned = len(state.plan.ground_rules.rules)
    covered = set(state.course.rules.covered)
    phase = state.phase_plan()
    lines = tuple(
        RuleLine(i, text, i in covered, i >= planned) for i, text in enumerate(state.all_rules())
    )
    return RulesView(
        lines=lines,
        covered=len(covered),
        reminders=state.course.rules.reminders,
        invite_additions=isinstance(phase, GroundRulesPhase) and phase.invite_additions,
    )


class GroundRules(PhaseKind):
    kind: ClassVar[str] = "ground-rules"
    actions: ClassVar[frozenset[str]] = frozenset({"rules.add"})
    footer: ClassVar[frozenset[str]] = frozenset({"copy.now"})

    def start(self, draft: Draft, index: int) -> None:
        draft.emit("rules.shown", count=len(draft.state.all_rules()))

    def step(self, state: SessionState) -> Step | None:
        covered = set(state.course.rules.covered)
        for index, rule in enumerate(state.all_rules()):
            if index not in covered:
                return Step("cover-rule", text=rule, index=index)
        return None

    def take(self, draft: Draft, step: Step) -> None:
        draft.emit("rule.covered", index=step.index)

    def back(self, draft: Draft) -> None:
        covered = draft.state.course.rules.covered
        if not covered:
            super().back(draft)
        draft.emit("rule.uncovered", index=covered[-1])

    def view(self, state: SessionState, t: float) -> object:
        return rules_view(state, t)

    def copy_text(self, state: SessionState, t: float, name: NameOf) -> str | None:
        return "\n".join(state.all_rules()) or None

    def offers(self, state: SessionState, action: str) -> bool:
        if action == "rules.add":
            phase = state.phase_plan()
            return isinstance(phase, GroundRulesPhase) and phase.invite_additions
        return super().offers(state, action)


KIND = GroundRules()
