"""The plan as it goes into a log header: every participant's name replaced by their id.

The snapshot must still load as a Plan (replay and reports run the same core on it),
so names become their pseudonymous ids ("p01") rather than disappearing; the
facilitator-only participant notes are dropped; facilitators become "Facilitator 1".
The real names live in the roster file beside the log.
"""

from __future__ import annotations

from typing import Any

from sessiontui.plan.models import BreakoutPhase, Plan


def redact_plan(plan: Plan) -> Plan:
    """The same plan with names swapped for ids."""
    ids = {name.casefold().strip(): pid for name, pid in plan.participant_ids().items()}
    participants = [
        person.model_copy(update={"name": ids[person.name.casefold().strip()], "note": None})
        for person in plan.participants
    ]
    phases = []
    for phase in plan.phases:
        if isinstance(phase, BreakoutPhase) and phase.groups:
            groups = [[ids[name.casefold().strip()] for name in group] for group in phase.groups]
            phase = phase.model_copy(update={"groups": groups})
        phases.append(phase)
    session = plan.session.model_copy(
        update={"facilitators": [f"Facilitator {n}" for n in range(1, len(
            plan.session.facilitators) + 1)]}
    )
    return plan.model_copy(
        update={"participants": participants, "phases": phases, "session": session}
    )


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The redacted plan as JSON values, for the log header."""
    from sessiontui.plan.writer import plan_to_dict

    return plan_to_dict(redact_plan(plan))


def plan_from_snapshot(snapshot: dict[str, Any]) -> Plan:
    """The Plan back from a log header's snapshot (names are ids)."""
    return Plan.model_validate(snapshot)


def roster_entries(plan: Plan) -> dict[str, dict[str, str]]:
    """id -> name and pronouns, for the roster file."""
    entries: dict[str, dict[str, str]] = {}
    for person, pid in zip(plan.participants, plan.participant_ids().values(), strict=True):
        entry = {"name": person.name}
        if person.pronouns:
            entry["pronouns"] = person.pronouns
        entries[pid] = entry
    return entries
