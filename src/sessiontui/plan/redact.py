"""The plan as it goes into a log header: every participant's name replaced by their id.

The snapshot must still load as a Plan (replay and reports run the same core on it),
so names become their pseudonymous ids ("p01") rather than disappearing; the
facilitator-only participant notes, the aliases and how each person joins (phone,
chat) are dropped; facilitators become
"Facilitator 1". The real names and the aliases live in the roster file beside the log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from sessiontui.plan.models import BreakoutPhase, Plan
from sessiontui.plan.text import name_key


def redact_plan(plan: Plan) -> Plan:
    """The same plan with names swapped for ids."""
    ids = {name_key(name): pid for name, pid in plan.participant_ids().items()}
    participants = [
        person.model_copy(update={"name": ids[name_key(person.name)], "note": None,
                                  "aliases": [], "joins": "video"})
        for person in plan.participants
    ]
    phases = []
    for phase in plan.phases:
        if isinstance(phase, BreakoutPhase) and phase.groups:
            groups = [[ids[name_key(name)] for name in group] for group in phase.groups]
            phase = phase.model_copy(update={"groups": groups})
        phases.append(phase)
    session = plan.session.model_copy(
        update={"facilitators": [f"Facilitator {n}" for n in range(1, len(
            plan.session.facilitators) + 1)]}
    )
    return plan.model_copy(
        update={"participants": participants, "phases": phases, "session": session}
    )


SNAPSHOT_TEXT_KEYS = frozenset({
    "title", "notes", "prompt", "prompts", "task", "message", "opening", "speaker", "topic",
    "feedback", "question", "answer", "choices", "rules", "lead", "contact", "wording",
    "steps", "name", "text", "region",
})
"""Keys of the plan snapshot whose values are text a person wrote (never kinds or ids)."""


def scrub_snapshot(value: Any, scrub: Callable[[str], str], key: str = "") -> Any:
    """The plan snapshot with its free text scrubbed, its structure untouched."""
    if isinstance(value, dict):
        return {k: scrub_snapshot(v, scrub, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_snapshot(item, scrub, key) for item in value]
    if isinstance(value, str) and key in SNAPSHOT_TEXT_KEYS:
        return scrub(value)
    return value


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The redacted plan as JSON values, for the log header: names in its text too
    (a phase note "call Ciara after", a ready text) become ids, in any spelling the
    anonymiser knows, because names never go into a log."""
    from sessiontui.plan.writer import plan_to_dict

    snapshot = plan_to_dict(redact_plan(plan))
    people: list[tuple[str, list[str]]] = [
        (pid, [person.name, *person.aliases])
        for person, pid in zip(plan.participants, plan.participant_ids().values(), strict=True)
    ]
    people += [(f"Facilitator {n}", [name])
               for n, name in enumerate(plan.session.facilitators, 1)]
    if not people:
        return snapshot
    from sessiontui.spelling import NameFinder

    finder = NameFinder(people)

    def scrub(text: str) -> str:
        # A part that could be two people's is neither: the first id would be a guess.
        return finder.replace(text, lambda owners: min(owners) if len(owners) == 1
                              else "someone")[0]

    return scrub_snapshot(snapshot, scrub)


ID_IN_TEXT = re.compile(r"\b(p\d{2,}|Facilitator \d+)\b")


def with_names(snapshot: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """The snapshot's text with ids put back as the names the roster gives them
    (`names`: id or "Facilitator N" -> name), for the facilitator's own screens after a
    resume or in a replay. The participants' own entries stay ids: the plan's fixed
    groups name them so."""
    if not names:
        return snapshot

    def put_back(text: str) -> str:
        return ID_IN_TEXT.sub(lambda found: names.get(found.group(1), found.group(1)), text)

    rest = {key: value for key, value in snapshot.items() if key != "participants"}
    named = scrub_snapshot(rest, put_back)
    if "participants" in snapshot:
        named["participants"] = snapshot["participants"]
    return named


def plan_with_names(snapshot: Any, names: Mapping[str, str]) -> Plan | None:
    """The plan from a log's snapshot with the names in its text put back (see
    with_names); None when there are none to put back, or the result does not
    validate (the caller then reads the snapshot as it is)."""
    if not names or not isinstance(snapshot, dict):
        return None
    from pydantic import ValidationError

    try:
        return plan_from_snapshot(with_names(snapshot, names))
    except (ValidationError, ValueError, TypeError, KeyError):
        return None


TIMING_KEYS = ("starts", "timezone", "repeat")


def plan_from_snapshot(snapshot: dict[str, Any]) -> Plan:
    """The Plan back from a log header's snapshot (names are ids).

    A log written by an earlier version may hold a start, zone or repeat rule that
    this one refuses (such as timezone "GMT+1"): they only give clock times and next
    dates, so the session is still replayed and reported, without them.
    """
    from pydantic import ValidationError

    try:
        return Plan.model_validate(snapshot)
    except ValidationError as error:
        session = snapshot.get("session") if isinstance(snapshot, dict) else None
        timing = _timing_problems(error)
        if not isinstance(session, dict) or not timing:
            raise
        kept = {key: value for key, value in session.items() if key not in timing}
        return Plan.model_validate({**snapshot, "session": kept})


def _timing_problems(error: Any) -> set[str]:
    """The timing keys of `[session]` behind every problem, or an empty set if any
    problem is elsewhere."""
    keys: set[str] = set()
    for item in error.errors(include_url=False, include_input=False):
        loc = tuple(item.get("ctx", {}).get("path", ())) or tuple(item["loc"])
        if len(loc) < 2 or loc[0] != "session" or loc[1] not in TIMING_KEYS:
            return set()
        keys.add(str(loc[1]))
    if "starts" in keys or "timezone" in keys:
        keys.add("repeat")  # its check needed them
    return keys


def roster_entries(plan: Plan) -> dict[str, dict[str, Any]]:
    """id -> name, pronouns, aliases and how they join (when not by video), for the
    roster file."""
    entries: dict[str, dict[str, Any]] = {}
    for person, pid in zip(plan.participants, plan.participant_ids().values(), strict=True):
        entry: dict[str, Any] = {"name": person.name}
        if person.pronouns:
            entry["pronouns"] = person.pronouns
        if person.aliases:
            entry["aliases"] = list(person.aliases)
        if person.joins != "video":
            entry["joins"] = person.joins
        entries[pid] = entry
    return entries
