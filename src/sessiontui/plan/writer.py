"""Write a Plan back to TOML (tomli-w), so that loading it gives the same Plan.

The document is assembled table by table so that participants, phases and quiz
questions come out as `[[arrays of tables]]`, the way people write plans by hand.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from sessiontui.plan import models
from sessiontui.plan.durations import format_duration


def plan_to_dict(plan: models.Plan) -> dict[str, Any]:
    """The plan as plain TOML values, leaving out what is at its default."""
    data = plan.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data["phases"] = [
        {"kind": phase.kind, "title": phase.title, "duration": format_duration(phase.duration)}
        | dumped
        for phase, dumped in zip(plan.phases, data["phases"], strict=True)
    ]
    for phase in data["phases"]:
        if phase["title"] is None:
            del phase["title"]
    starts = plan.session.starts
    if starts is not None:
        plain = starts.tzinfo is None and starts.second == 0 and starts.microsecond == 0
        data["session"]["starts"] = starts.strftime("%Y-%m-%d %H:%M") if plain else (
            starts.isoformat()
        )
    return data


SAFEGUARDING_NOTE = (
    "# When someone is in distress, S opens the safeguarding panel: the group's agreed\n"
    "# words and the helplines to copy into the chat, and these steps as a checklist.\n"
    "# Put your own organisation's lead (a role and a contact, not a participant),\n"
    "# wording and helplines here. stepped_out: offer the panel when someone has been\n"
    "# stepped out this long.\n"
)
TEXTS_NOTE = (
    "# Ready texts for the call's chat: C picks one and copies it (logged by name).\n"
    "# Placeholders as in breakout messages: {remaining}, {minutes}, {task}, {room_count}.\n"
)


def _dump(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)


def plan_to_toml(plan: models.Plan) -> str:
    """TOML text for the plan."""
    data = plan_to_dict(plan)
    parts = [_dump({"session": data["session"]})]
    for person in data.get("participants", []):
        parts.append("[[participants]]\n" + _dump(person))
    if "ground_rules" in data:
        parts.append(_dump({"ground_rules": data["ground_rules"]}))
    if "safeguarding" in data:
        care = dict(data["safeguarding"])
        helplines = care.pop("helplines", [])
        parts.append(SAFEGUARDING_NOTE + _dump({"safeguarding": care}))
        for helpline in helplines:
            parts.append("[[safeguarding.helplines]]\n" + _dump(helpline))
    for number, text in enumerate(data.get("texts", [])):
        parts.append((TEXTS_NOTE if number == 0 else "") + "[[texts]]\n" + _dump(text))
    for phase in data["phases"]:
        questions = phase.pop("questions", [])
        parts.append("[[phases]]\n" + _dump(phase))
        for question in questions:
            parts.append("[[phases.questions]]\n" + _dump(question))
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)
