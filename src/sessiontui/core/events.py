"""The event envelope: one thing that happened in a session, as it goes into the log.

`type` names are dotted and stable (`phase.started`); `data` holds JSON values only,
with participants by pseudonymous id (`p01`), never by name. `seq` is given by the
journal when the event is appended (0 until then).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, at session offset `t` seconds and wall time `ts`."""

    type: str
    data: dict[str, Any] = field(default_factory=dict)
    t: float = 0.0
    ts: str = ""
    seq: int = 0
    v: int = 1

    def with_seq(self, seq: int) -> Event:
        """The same event, numbered for the log."""
        return replace(self, seq=seq)


def format_ts(moment: datetime) -> str:
    """UTC wall time with milliseconds and a `Z`, the form Toolong and lnav recognise."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_ts(text: str) -> datetime:
    """The inverse of format_ts (an aware UTC datetime)."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
