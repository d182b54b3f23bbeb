"""The roster: the only file with people's names, kept beside the log, never in it.

Events name participants by pseudonymous id (`p01`); `<log>.roster.json` maps the
ids to names, pronouns, aliases (other names the facilitator types for them, from
the plan) and how each joins when not by video (`"joins": "phone"` or `"chat"`). A
log copied without its roster is already pseudonymous, and deleting the roster
anonymises the log. The roster is small and rewritten whole, by atomic replace
(0600), so a crash leaves the old roster or the new one.

A trainer export carries a roster of labels instead (`"labels": true`): the names in
it are the labels its anonymised report used ("Participant 4"), so a replay of the
export shows the same labels; they are not names, and are never looked for in text.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError
from sessiontui.journal.files import atomic_write
from sessiontui.journal.lines import check_json, dumps

ROSTER_FORMAT = "sessiontui/roster"
Roster = dict[str, Any]

_PEOPLE_KEYS = ("participants", "facilitators")
MAX_ROSTER_BYTES = 16 * 1024 * 1024

JOIN_LABELS = {"phone": "☎ phone", "chat": "✉ chat"}
"""How someone who cannot raise a hand on video is labelled, in words (colour is
never the only signal): in the roster, the queue, rounds, replay and reports."""

JOIN_WORDS = {"phone": "on the phone", "chat": "on chat only"}
"""The same, without symbols, for plain mode (a screen reader reads "☎" aloud)."""


def save_roster(
    log_path: Path | str,
    participants: dict[str, dict[str, Any]],
    facilitators: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """Write the roster of the log at `log_path` (replacing any earlier one)."""
    roster: Roster = {
        "format": ROSTER_FORMAT,
        "participants": participants,
        "facilitators": facilitators or {},
    }
    _check(roster, "roster")
    check_json(roster, "roster")
    target = paths.roster_path(Path(log_path))
    atomic_write(target, (dumps(roster) + "\n").encode("utf-8"))
    return target


def text_names(roster: Roster | Names | None) -> dict[str, str]:
    """Ids as the plan snapshot's text writes them (`p03`, "Facilitator 1") -> the
    roster's names: to put names back into the plan's text on the facilitator's own
    screens and a trainer's replay (see plan.redact.with_names)."""
    if not roster:
        return {}
    if isinstance(roster, Names):
        roster = {"participants": roster.people}
    found: dict[str, str] = {}
    for pid, entry in (roster.get("participants") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found[pid] = entry["name"]
    for key, entry in (roster.get("facilitators") or {}).items():
        number = key[1:] if isinstance(key, str) and key.startswith("f") else ""
        if number.isdigit() and isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found[f"Facilitator {int(number)}"] = entry["name"]
    return found


def load_roster(log_path: Path | str) -> Roster | None:
    """The roster of the log, or None when there is none (the log stays pseudonymous).

    JournalError if it exists but cannot be read; UntrustedFile (a JournalError) if
    another user owns it or others can write it: such a roster is never read, since
    it could put any name beside an id. The message never quotes a name.
    """
    target = paths.roster_path(Path(log_path))
    try:
        fd = paths.open_trusted(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(f"{target.name}: cannot read ({error.strerror or error})") from error
    try:
        with os.fdopen(fd, "rb") as stream:
            raw = stream.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise JournalError(f"{target.name}: cannot read ({error.strerror or error})") from error
    if len(raw) > MAX_ROSTER_BYTES:
        raise JournalError(f"{target.name}: too large to be a roster")
    try:
        roster = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise JournalError(f"{target.name}: not valid JSON") from error
    _check(roster, target.name)
    return roster


def save_label_roster(target: Path, labels: dict[str, str], write: Any) -> None:
    """A roster of labels (id -> "Participant 4") for a trainer export, written with
    `write(path, data)` (the export's own never-replace writer)."""
    roster: Roster = {
        "format": ROSTER_FORMAT,
        "labels": True,
        "participants": {pid: {"name": label} for pid, label in labels.items()},
        "facilitators": {},
    }
    _check(roster, "roster")
    write(target, (dumps(roster) + "\n").encode("utf-8"))


def is_label_roster(roster: Roster | None) -> bool:
    """True for an export's roster of labels (its names are not people's names)."""
    return isinstance(roster, dict) and roster.get("labels") is True


def aliases_of(entry: Any) -> tuple[str, ...]:
    """The aliases of one roster entry (none for an old roster)."""
    if not isinstance(entry, dict):
        return ()
    found = entry.get("aliases")
    if not isinstance(found, list):
        return ()
    return tuple(a for a in found if isinstance(a, str) and a.strip())


def joins_of(entry: Any) -> str:
    """video, phone or chat: how one roster entry joins (video for an old roster, or a
    way this version does not know)."""
    found = entry.get("joins") if isinstance(entry, dict) else None
    return found if found in JOIN_LABELS else "video"


def _check(roster: Any, name: str) -> None:
    """format, and two maps of id -> {name, pronouns, aliases, ...}."""
    if not isinstance(roster, dict) or roster.get("format") != ROSTER_FORMAT:
        raise JournalError(f"{name}: not a sessiontui roster")
    if not isinstance(roster.get("labels", False), bool):
        raise JournalError(f"{name}: labels must be true or false")
    for key in _PEOPLE_KEYS:
        people = roster.get(key, {})
        if not isinstance(people, dict):
            raise JournalError(f"{name}: {key} must map ids to people")
        for person_id, person in people.items():
            if not isinstance(person, dict):
                raise JournalError(f"{name}: {key}.{person_id} must be an object")
            if not isinstance(person.get("name"), str):
                raise JournalError(f"{name}: {key}.{person_id} has no name")
            if not isinstance(person.get("pronouns", ""), str | None):
                raise JournalError(f"{name}: {key}.{person_id} has pronouns that are not text")
            if not isinstance(person.get("joins", "video"), str):
                raise JournalError(f"{name}: {key}.{person_id} has a way of joining that is "
                                   f"not text")
            aliases = person.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise JournalError(f"{name}: {key}.{person_id} has aliases that are not a "
                                   f"list of text")


@dataclass(frozen=True)
class Names:
    """Who is who, for display only: id -> name (and pronouns), from the roster file."""

    people: dict[str, dict[str, Any]]
    facilitator: str = "You (facilitator)"
    """How the facilitator is named: to themselves live; as "Facilitator" to a
    trainer watching a replay."""

    def aliases(self, participant: str) -> tuple[str, ...]:
        """Other names the facilitator may type for them (for the person picker)."""
        return aliases_of(self.people.get(participant))

    def joins(self, participant: str) -> str:
        """video, phone or chat (from the plan's `joins`, kept in the roster)."""
        return joins_of(self.people.get(participant))

    def tag(self, participant: str, symbols: bool = True) -> str:
        """"☎ phone" or "✉ chat" for someone who cannot raise a hand on video ("on the
        phone", "on chat only" without symbols); "" for everyone else."""
        return (JOIN_LABELS if symbols else JOIN_WORDS).get(self.joins(participant), "")

    def name(self, participant: str) -> str:
        if participant == "facilitator":
            return self.facilitator
        entry = self.people.get(participant)
        return entry["name"] if entry else participant

    def label(self, participant: str, symbols: bool = True) -> str:
        """Name with pronouns, and how they join when not by video, as the roster
        picker shows it: "Sam (he/him)  ☎ phone" ("Sam (he/him), on the phone")."""
        entry = self.people.get(participant)
        if not entry:
            return self.name(participant)
        pronouns = entry.get("pronouns")
        label = f"{entry['name']} ({pronouns})" if pronouns else entry["name"]
        tag = self.tag(participant, symbols)
        if not tag:
            return label
        return f"{label}  {tag}" if symbols else f"{label}, {tag}"
