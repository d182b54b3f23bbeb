"""A trainer export: a copy of a log with names and private notes taken out.

What changes, and why:

- **Private notes are dropped** (`note.added` with `private: true`, and every
  `note.amended` of such a note), not blanked: even the moment a private note was
  written can say something about someone. Then `seq` is renumbered from 1 with no
  gaps and every line is re-encoded by the journal's own encoder, so each has a valid
  CRC. `--include-notes` keeps them (with names scrubbed).
- **Follow-up notes are blanked** (`followup.flagged` keeps who, loses its private
  text), so the report's follow-up list stays complete.
- **Names typed into free text are replaced** by the pseudonyms a report uses
  ("Participant 1", "Facilitator 1"): every text field of every known event type, every
  string of event types this version does not know, the plan snapshot's text (titles,
  prompts, rules, notes, quiz) and its file name. Ids (`p01`) are already pseudonymous.
- Nothing else changes: `t`, `ts`, every figure. The export replays and reports with
  the same talk times, phases and shares as the original.
- The header gains an `export` object (readers ignore keys they do not know) saying
  it is an export, and what could not be read if the original was damaged. It loses
  `continues`: a chain of segments becomes one file.
- No roster file is written beside it. The file is created 0600 and never replaces
  an existing file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event, format_ts
from sessiontui.core.vocabulary import EVENTS
from sessiontui.report.names import build_namings, guest_names
from sessiontui.report.output import write_new
from sessiontui.report.source import LoadedLog, ReportError, load_log

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(
        field for field, (kind, _) in spec.fields.items()
        if kind == "text"
    )
    for name, spec in EVENTS.items()
}
"""Per known event type, the data fields that hold typed text."""

SNAPSHOT_TEXT_KEYS = frozenset({
    "title", "notes", "prompt", "prompts", "task", "message", "opening", "speaker", "topic",
    "feedback", "question", "answer", "choices", "rules",
})
"""Keys of the plan snapshot whose values are text a person wrote (never kinds or ids)."""



@dataclass(frozen=True)
class ExportResult:
    path: Path
    events: int
    dropped: int
    """Private note events left out."""
    scrubbed: bool
    """Roster names were looked for in free text (False: there was no roster)."""
    damage: str | None
    notices: tuple[str, ...] = ()
    """Files beside the log that were not read as part of it (see LogContents.notices)."""


def _walk_strings(value: Any, scrub: Callable[[str], str]) -> Any:
    """Every string inside a JSON value scrubbed (for event types not known here)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_walk_strings(item, scrub) for item in value]
    if isinstance(value, dict):
        return {key: _walk_strings(item, scrub) for key, item in value.items()}
    return value


def scrub_snapshot(value: Any, scrub: Callable[[str], str], key: str = "") -> Any:
    """The plan snapshot with its free text scrubbed, its structure untouched."""
    if isinstance(value, dict):
        return {k: scrub_snapshot(v, scrub, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_snapshot(item, scrub, key) for item in value]
    if isinstance(value, str) and key in SNAPSHOT_TEXT_KEYS:
        return scrub(value)
    return value


def _event_ids(log: LoadedLog) -> list[str]:
    ids = list(log.plan.participant_ids().values())
    for event in log.contents.events:
        if event.type == "participant.added":
            who = event.data.get("participant")
            if isinstance(who, str):
                ids.append(who)
    return ids


def exported_events(
    events: list[Event], scrub: Callable[[str], str], *, include_notes: bool
) -> Iterator[Event]:
    """The events of an export, renumbered from 1, private notes out, text scrubbed."""
    private_ids: set[int] = set()
    seq = 0
    for event in events:
        data = event.data
        kind = event.type
        spec = EVENTS.get(kind)
        if kind == "note.added" and not include_notes and data.get("private") is not False:
            if type(data.get("note_id")) is int:
                private_ids.add(data["note_id"])
            continue
        if kind == "note.amended" and not include_notes and data.get("note_id") in private_ids:
            continue
        if spec is None or event.v > spec.version:
            new_data = _walk_strings(data, scrub)
        else:
            new_data = dict(data)
            for field in TEXT_FIELDS[kind]:
                if isinstance(new_data.get(field), str):
                    new_data[field] = scrub(new_data[field])
            if kind == "followup.flagged" and not include_notes and "text" in new_data:
                new_data["text"] = ""
        seq += 1
        yield Event(type=kind, data=new_data, t=event.t, ts=event.ts, seq=seq, v=event.v)


def export_log(
    source: Path | str,
    target: Path | str,
    *,
    include_notes: bool = False,
    now: datetime | None = None,
) -> ExportResult:
    """Write the trainer export of `source` to `target` (which must not exist)."""
    from pydantic import ValidationError

    from sessiontui.journal.errors import EncodeError
    from sessiontui.journal.lines import encode_event, encode_header
    from sessiontui.plan.redact import plan_from_snapshot

    target = Path(target)
    log = load_log(source)
    naming = build_namings(
        [(_event_ids(log), log.roster)], anonymize=True, guests=guest_names([log.plan])
    )[0]
    scrubber = naming.scrubber

    def scrub(text: str) -> str:
        return scrubber(text) if scrubber is not None else text

    contents = log.contents
    source = contents.header
    snapshot = scrub_snapshot(dict(source.plan_snapshot or {}), scrub)
    try:
        plan_from_snapshot(snapshot)
    except ValidationError as error:
        raise ReportError(
            f"{log.path.name}: the plan's text does not fit once names are replaced "
            f"({error.error_count()} problems)"
        ) from error
    damage = contents.damage.describe() if contents.damage is not None else None
    header = replace(source, plan_snapshot=snapshot, plan_source=scrub(source.plan_source),
                     continues=None, export={
        "created": format_ts(now or datetime.now(UTC)),
        "anonymized": True,
        "names_scrubbed": naming.scrubbing,
        "private_notes": "included" if include_notes else "removed",
        "source_events": len(contents.events),
        "damage": scrub(damage) if damage else None,
    })
    fields = header.fields()
    sealed = {**fields, "format_version": contents.format_version}  # seeds the line CRCs
    try:
        chunks = [encode_header(fields, contents.format_version)]
        count = 0
        for event in exported_events(contents.events, scrub, include_notes=include_notes):
            chunks.append(encode_event(event, sealed))
            count += 1
    except EncodeError as error:
        raise ReportError(f"{log.path.name}: cannot be exported ({error})") from error
    write_new(target, b"".join(chunks))
    return ExportResult(
        path=target,
        events=count,
        dropped=len(contents.events) - count,
        scrubbed=naming.scrubbing,
        damage=damage,
        notices=tuple(contents.notices()),
    )
