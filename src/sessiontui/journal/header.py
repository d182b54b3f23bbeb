"""A log's header (its first line), as one typed value: built in one place, read by all.

The reader makes a `LogHeader` from a line whose CRC and sense it has checked
(`lines.decode_header`); a live session makes a new one; a segment and an export derive
theirs from the log's. Live, replay, reports, the catalog and the CLI read its
attributes rather than indexing a dict, so a field's name and meaning live here.

On the wire (docs/log-format.md) the header stays plain JSON:
`{"format", "format_version", "session_id", "created", "tz", "app": {name, version},
"plan": {sha256, source_name, snapshot}, "rehearsal", "speed", "continues", ...}`.
Keys this version does not know are kept as they were (`other`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sessiontui.core.events import parse_ts
from sessiontui.journal.lines import RESERVED_HEADER_KEYS, WRITE_VERSION, line_seed

_KNOWN = frozenset({"session_id", "created", "tz", "app", "plan", "rehearsal", "speed",
                    "continues", "export", *RESERVED_HEADER_KEYS})


@dataclass(frozen=True, slots=True)
class Continues:
    """A segment's link to the file before it: which file, up to which seq, and the
    SHA-256 of that file's bytes up to there (header included)."""

    file: str
    last_valid_seq: int
    sha256_of_valid_prefix: str | None = None

    def record(self) -> dict[str, Any]:
        return {"file": self.file, "last_valid_seq": self.last_valid_seq,
                "sha256_of_valid_prefix": self.sha256_of_valid_prefix}


@dataclass(frozen=True, slots=True)
class LogHeader:
    """What a log says about itself before its first event."""

    session_id: str
    created: str
    """UTC, milliseconds, `Z`: when the log was made."""
    plan_snapshot: Mapping[str, Any] | None
    """The validated plan without participants' names (`plan.redact`); None when the
    header holds none (then no plan can be rebuilt from it)."""
    plan_sha256: str = ""
    plan_source: str = ""
    """The plan file's name (not its path)."""
    tz: str | None = None
    app_version: str = ""
    rehearsal: bool = False
    speed: float = 1.0
    """A rehearsal's time runs this many times faster."""
    continues: Continues | None = None
    export: Mapping[str, Any] | None = None
    """Set in an export: when it was made and what it left out."""
    format_version: int = WRITE_VERSION
    other: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> LogHeader:
        """From a decoded header line (lines.decode_header has checked its sense)."""
        plan = record.get("plan") if isinstance(record.get("plan"), dict) else {}
        app = record.get("app") if isinstance(record.get("app"), dict) else {}
        continues = record.get("continues")
        speed = record.get("speed")
        return cls(
            session_id=record["session_id"],
            created=record["created"],
            plan_snapshot=plan.get("snapshot") if isinstance(plan.get("snapshot"), dict) else None,
            plan_sha256=str(plan.get("sha256") or ""),
            plan_source=str(plan.get("source_name") or ""),
            tz=record.get("tz") if isinstance(record.get("tz"), str) else None,
            app_version=str(app.get("version") or ""),
            rehearsal=record.get("rehearsal") is True,
            speed=float(speed) if isinstance(speed, int | float) and speed else 1.0,
            continues=Continues(continues["file"], continues["last_valid_seq"],
                                continues.get("sha256_of_valid_prefix"))
            if isinstance(continues, dict) else None,
            export=record.get("export") if isinstance(record.get("export"), dict) else None,
            format_version=record.get("format_version", WRITE_VERSION),
            other={k: v for k, v in record.items() if k not in _KNOWN},
        )

    def fields(self) -> dict[str, Any]:
        """The header as the writer writes it (`format` and `format_version` are the
        journal's own)."""
        record: dict[str, Any] = {
            "session_id": self.session_id,
            "created": self.created,
            "tz": self.tz,
            "app": {"name": "sessiontui", "version": self.app_version},
            "plan": {"sha256": self.plan_sha256, "source_name": self.plan_source,
                     "snapshot": dict(self.plan_snapshot or {})},
            "rehearsal": self.rehearsal,
            "speed": self.speed,
            "continues": self.continues.record() if self.continues is not None else None,
        }
        if self.export is not None:
            record["export"] = dict(self.export)
        record.update(self.other)
        return record

    def continuing(self, continues: Continues | None) -> LogHeader:
        """The header of a segment (or, with None, of a copy) of this log."""
        return replace(self, continues=continues)

    @property
    def first_seq(self) -> int:
        """1 for a log; for a segment, one after the last seq it continues from."""
        if self.continues is not None and self.continues.last_valid_seq >= 0:
            return self.continues.last_valid_seq + 1
        return 1

    @property
    def line_seed(self) -> int:
        """What the CRC of each event line starts from (docs/log-format.md)."""
        return line_seed(self.session_id, self.format_version)

    @property
    def created_at(self) -> datetime:
        """When the log was made, as an aware UTC time."""
        return parse_ts(self.created)

    @property
    def phases(self) -> int | None:
        """How many phases the plan snapshot has (events point into them)."""
        phases = (self.plan_snapshot or {}).get("phases")
        return len(phases) if isinstance(phases, list) else None
