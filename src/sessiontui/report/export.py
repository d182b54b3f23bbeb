"""A trainer export: a copy of a log with names and private text taken out.

What changes, and why. Each text field's privacy class comes from the event
vocabulary (core/vocabulary.py, listed in docs/log-format.md):

- **Private text is left out** unless --include-notes. Events that are only that text
  (a private `note.added`, and its `note.amended` corrections) are dropped, not
  blanked: even the moment a private note was written can say something about
  someone. Events that also carry figures keep them and lose the text
  (`followup.flagged` keeps who, `session.paused` keeps the pause). Events private as
  a whole (a safeguarding record, the offer of the panel) are dropped too.
- **Members' words are left out of an anonymised export** (`anonymize=True`) unless
  `include_words`: round answers, takeaways, parked topics, report-backs and shared
  notes are dropped; feedback keeps its score and rules the group added keep their
  place (later events count them), without their words. A plain export keeps them.
- **Text this version cannot place** (an event type it does not know, or a newer
  version of one) counts as private, and as members' words too: it is kept only when
  both may be.
- **Names typed into what is kept are replaced** by the labels an anonymised report
  uses ("Participant 4", shuffled with the session id; "Facilitator 1"; "the guest
  speaker"), in any spelling `sessiontui.spelling` knows: every text field, every
  string of events this version cannot place, the plan snapshot's text and its file
  name. Ids (`p01`) are already pseudonymous.
- `seq` is renumbered from 1 with no gaps and every line is re-encoded by the
  journal's own encoder, so each has a valid CRC. Nothing else changes: `t`, `ts`,
  every figure. The export replays and reports with the same talk times, phases and
  shares as the original.
- The header gains an `export` object (readers ignore keys they do not know) saying
  it is an export, what was left out, how many names were replaced, and what could
  not be read if the original was damaged. It loses `continues`: a chain of segments
  becomes one file.
- Beside it goes a roster of labels (`<export>.roster.json`, `"labels": true`): id ->
  the label, so a replay or a report of the export shows the same labels as the
  anonymised report of the original. It holds no name.
- Both files are created 0600 and never replace an existing file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessiontui.core.events import Event, format_ts
from sessiontui.core.privacy import MEMBERS, PRIVATE, Disclosure
from sessiontui.core.vocabulary import EVENTS, TEXT_FIELDS, text_privacy
from sessiontui.plan.redact import scrub_snapshot
from sessiontui.report.names import build_namings, guest_names
from sessiontui.report.output import write_new
from sessiontui.report.source import LoadedLog, ReportError, load_log

"""Keys of the plan snapshot whose values are text a person wrote (never kinds or ids)."""

ONLY_TEXT = frozenset({
    "note.added", "note.amended", "round.answered", "takeaway.added", "item.parked",
    "breakout.reported",
})
"""Event types that are nothing but their text: left out whole when it may not go.
(A `round.answered` changes no figure; a later answer replaces an earlier one.)"""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    events: int
    dropped: int
    """Events left out for their private text (private notes, events not placed)."""
    scrubbed: bool
    """Roster names were looked for in free text (False: there was no roster)."""
    damage: str | None
    notices: tuple[str, ...] = ()
    """Files beside the log that were not read as part of it (see LogContents.notices)."""
    words_dropped: int = 0
    """Events left out for their members' words (an anonymised export)."""
    blanked: int = 0
    """Text fields emptied (private or members' words in events that carry figures)."""
    replacements: int = 0
    """Names replaced in the text that was kept."""
    roster: Path | None = None
    """The roster of labels written beside the export."""


def _walk_strings(value: Any, scrub: Callable[[str], str]) -> Any:
    """Every string inside a JSON value scrubbed (for event types not known here)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_walk_strings(item, scrub) for item in value]
    if isinstance(value, dict):
        return {key: _walk_strings(item, scrub) for key, item in value.items()}
    return value


def _session_ids(log: LoadedLog) -> list[str]:
    """Everyone the session had, as the report's fold sees them (so the labels match)."""
    from sessiontui.core.reduce import fold

    return list(fold(log.plan, log.contents.events).people.roster)


@dataclass
class _Counts:
    private: int = 0
    words: int = 0
    blanked: int = 0


def exported_events(
    events: list[Event], scrub: Callable[[str], str], *, include_notes: bool,
    include_words: bool = True, counts: _Counts | None = None,
) -> Iterator[Event]:
    """The events of an export, renumbered from 1, text each class may not carry left
    out (see the module's docstring), the rest scrubbed."""
    disclosure = Disclosure(include_notes=include_notes, include_words=include_words)
    counts = counts if counts is not None else _Counts()
    note_class: dict[int, str] = {}
    seq = 0
    for event in events:
        data = event.data
        kind = event.type
        spec = EVENTS.get(kind)
        if spec is None or event.v > spec.version:
            if not (disclosure.allows(PRIVATE) and disclosure.allows(MEMBERS)):
                counts.private += 1
                continue
            new_data = _walk_strings(data, scrub)
        elif spec.private is not None and not disclosure.allows(PRIVATE):
            counts.private += 1  # private as a whole: that it happened says too much
            continue
        else:
            new_data = dict(data)
            withheld: list[str] = []
            for field in TEXT_FIELDS[kind]:
                if kind == "note.amended":
                    note = data.get("note_id")
                    privacy = note_class.get(note, PRIVATE) if type(note) is int else PRIVATE
                else:
                    privacy = text_privacy(kind, field, data)
                if kind == "note.added" and type(data.get("note_id")) is int:
                    note_class[data["note_id"]] = privacy
                if not disclosure.allows(privacy):
                    withheld.append(privacy)
                elif isinstance(new_data.get(field), str):
                    new_data[field] = scrub(new_data[field])
            if withheld and kind in ONLY_TEXT:
                if PRIVATE in withheld:
                    counts.private += 1
                else:
                    counts.words += 1
                continue
            for field in TEXT_FIELDS[kind]:
                privacy = text_privacy(kind, field, data)
                if not disclosure.allows(privacy) and new_data.get(field):
                    new_data[field] = ""
                    counts.blanked += 1
        seq += 1
        yield Event(type=kind, data=new_data, t=event.t, ts=event.ts, seq=seq, v=event.v)


def export_log(
    source: Path | str,
    target: Path | str,
    *,
    include_notes: bool = False,
    anonymize: bool = False,
    include_words: bool = False,
    now: datetime | None = None,
) -> ExportResult:
    """Write the trainer export of `source` to `target` (which must not exist), and its
    roster of labels beside it. `anonymize` leaves members' words out too, unless
    `include_words`."""
    from pydantic import ValidationError

    from sessiontui.journal.errors import EncodeError
    from sessiontui.journal.lines import encode_event, encode_header
    from sessiontui.journal.paths import roster_path
    from sessiontui.journal.roster import is_label_roster, save_label_roster
    from sessiontui.plan.redact import plan_from_snapshot

    target = Path(target)
    labels_target = roster_path(target)
    for path in (target, labels_target):
        if path.exists() or path.is_symlink():
            raise ReportError(f"{path}: already exists; choose a new file name")
    log = load_log(source)
    contents = log.contents
    ids = _session_ids(log)
    naming = build_namings(
        [(ids, log.roster)], anonymize=True, guests=guest_names([log.plan]),
        seed=contents.header.session_id,
    )[0]
    scrubber = naming.scrubber
    replaced = [0]

    def scrub(text: str) -> str:
        if scrubber is None:
            return text
        text, count = scrubber.scrub(text)
        replaced[0] += count
        return text

    header_in = contents.header
    snapshot = scrub_snapshot(dict(header_in.plan_snapshot or {}), scrub)
    try:
        plan_from_snapshot(snapshot)
    except ValidationError as error:
        raise ReportError(
            f"{log.path.name}: the plan's text does not fit once names are replaced "
            f"({error.error_count()} problems)"
        ) from error
    damage = contents.damage.describe() if contents.damage is not None else None
    words = include_words or not anonymize
    counts = _Counts()
    kept = list(exported_events(contents.events, scrub, include_notes=include_notes,
                                include_words=words, counts=counts))
    plan_source = scrub(header_in.plan_source)
    damage_text = scrub(damage) if damage else None
    scrubbed = naming.scrubbing or (
        is_label_roster(log.roster) and isinstance(header_in.export, dict)
        and header_in.export.get("names_scrubbed") is True)
    header = replace(header_in, plan_snapshot=snapshot, plan_source=plan_source,
                     continues=None, export={
        "created": format_ts(now or datetime.now(UTC)),
        "anonymized": True,
        "names_scrubbed": scrubbed,
        "private_notes": "included" if include_notes else "removed",
        "members_words": "included" if words else "removed",
        "replacements": replaced[0],
        "source_events": len(contents.events),
        "damage": damage_text,
    })
    fields = header.fields()
    sealed = {**fields, "format_version": contents.format_version}  # seeds the line CRCs
    try:
        chunks = [encode_header(fields, contents.format_version)]
        chunks.extend(encode_event(event, sealed) for event in kept)
    except EncodeError as error:
        raise ReportError(f"{log.path.name}: cannot be exported ({error})") from error
    write_new(target, b"".join(chunks))
    labels = {pid: naming.name(pid) for pid in sorted(naming.names)}
    save_label_roster(labels_target, labels, write_new)
    return ExportResult(
        path=target,
        events=len(kept),
        dropped=counts.private,
        scrubbed=scrubbed,
        damage=damage,
        notices=(*contents.notices(), *log.roster_warnings),
        words_dropped=counts.words,
        blanked=counts.blanked,
        replacements=replaced[0],
        roster=labels_target,
    )
