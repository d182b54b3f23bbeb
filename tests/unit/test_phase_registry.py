"""Every phase kind a plan can hold has its whole home: the registry says what is missing.

Adding a kind means adding its core module (registered in `core.phases.KINDS`), its
panel (registered in `ui.panels.PANELS`), its tests and its docs. These tests fail
with the missing piece named.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from sessiontui.core.phases import HANDLERS, KINDS, PHASE_ACTIONS
from sessiontui.core.phases.base import PhaseKind
from sessiontui.core.vocabulary import EVENTS
from sessiontui.plan.models import Phase

ROOT = Path(__file__).resolve().parents[2]


def plan_kinds() -> list[str]:
    """The kinds the plan format accepts, from the plan models' discriminated union."""
    union = typing.get_args(Phase)[0]
    return [typing.get_args(model.model_fields["kind"].annotation)[0]
            for model in typing.get_args(union)]


@pytest.mark.parametrize("kind", plan_kinds())
def test_every_plan_kind_has_a_core_module(kind: str) -> None:
    assert kind in KINDS, f"no module in core/phases/ registers the kind {kind!r}"
    module = KINDS[kind]
    assert isinstance(module, PhaseKind) and module.kind == kind
    assert module.expired_event in EVENTS


def test_no_kind_is_registered_that_plans_cannot_hold() -> None:
    assert set(KINDS) == set(plan_kinds())


@pytest.mark.parametrize("kind", plan_kinds())
def test_every_kind_is_documented(kind: str) -> None:
    doc = (ROOT / "docs" / "plan-format.md").read_text()
    assert f'kind = "{kind}"' in doc, f"docs/plan-format.md has no example of {kind!r}"


def test_each_kind_action_belongs_to_the_action_table() -> None:
    from sessiontui.actions import SESSION_ACTIONS

    ids = {action.id for action in SESSION_ACTIONS}
    assert ids >= PHASE_ACTIONS, PHASE_ACTIONS - ids
    for kind in KINDS.values():
        assert kind.footer <= ids, (kind.kind, kind.footer - ids)


def test_each_kind_command_has_one_handler() -> None:
    from sessiontui.core import commands

    kind_commands = set(HANDLERS)
    assert all(isinstance(command, type) for command in kind_commands)
    assert kind_commands <= set(typing.get_args(commands.Command))


@pytest.mark.parametrize("kind", plan_kinds())
def test_every_kind_has_a_panel(kind: str) -> None:
    from sessiontui.ui.panels import PANELS, PhasePanel

    assert kind in PANELS, f"no panel in ui/panels/ registers the kind {kind!r}"
    assert issubclass(PANELS[kind], PhasePanel) and PANELS[kind].kind == kind


def test_no_panel_without_a_kind() -> None:
    from sessiontui.ui.panels import PANELS

    assert set(PANELS) == set(KINDS)
