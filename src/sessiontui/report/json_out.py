"""The report as JSON, for people who feed reports into their own tools.

The shape is the report model's, field for field, with `schema_version` and `kind`
("session" or "series") at the top. docs/report-schema.md documents every field;
a change that removes or renames one raises SCHEMA_VERSION.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from sessiontui.report.model import PhaseRow, SeriesReport, SessionReport

_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts (in field order), tuples to lists, floats rounded to 4 places.

    Written for speed (a 100k-event log has thousands of notes and markers): the field
    names of each dataclass are looked up once.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return round(value, 4)
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    names = _FIELDS.get(kind)
    if names is None:
        if is_dataclass(value) and not isinstance(value, type):
            names = _FIELDS[kind] = tuple(f.name for f in fields(value))
        elif isinstance(value, dict):
            return {str(key): _plain(item) for key, item in value.items()}
        else:
            return value
    out = {name: _plain(getattr(value, name)) for name in names}
    if kind is PhaseRow:
        out["facilitator_share"] = _plain(value.facilitator_share)
    return out


def session_dict(report: SessionReport) -> dict[str, Any]:
    body = _plain(report)
    body.pop("schema_version", None)
    body["scores"] = [{"name": name, "points": points} for name, points in report.scores]
    return {"schema_version": report.schema_version, "kind": "session", **body}


def series_dict(series: SeriesReport) -> dict[str, Any]:
    body = _plain(series)
    body.pop("schema_version", None)
    body["sessions"] = [session_dict(report) for report in series.sessions]
    return {"schema_version": series.schema_version, "kind": "series", **body}


def to_json(report: SessionReport | SeriesReport) -> str:
    """Compact JSON on one line (UTF-8 text kept as is), ending in a newline.

    Compact, because Python's JSON encoder is only fast without indentation and a long
    log's report is megabytes; `jq .` lays it out for reading.
    """
    data = series_dict(report) if isinstance(report, SeriesReport) else session_dict(report)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
