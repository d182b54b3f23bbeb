"""Properties: any order of valid-shaped events reports in every format without raising,
and an anonymized report never holds a roster name, wherever the names were typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessiontui.core.events import Event
from sessiontui.core.vocabulary import EVENTS
from sessiontui.journal.header import LogHeader
from sessiontui.journal.reader import LogContents
from sessiontui.plan.redact import roster_entries
from sessiontui.report import build_report, render
from sessiontui.report.export import exported_events
from sessiontui.report.names import build_namings
from tests.unit.report_helpers import header_for, names_found
from tests.unit.test_core_properties import PLAN, SHAPED

NAMES = ["Aled", "Bríd", "Chidi", "Dana", "Eilidh", "Farid", "Gwen", "Hamza", "Isla",
         "Jonah", "Kasia", "Leon"]
SPOKEN = st.sampled_from(["Aled", "brid", "BRÍD's", "chidi", "Dana-", "eilidh", "Leon",
                          "kasia_", "Rosa", "ife"])
ROSTER = {"format": "sessiontui/roster", "participants": roster_entries(PLAN),
          "facilitators": {"f1": {"name": "Rosa"}, "f2": {"name": "Ife"}}}


def with_names(name: str, data: dict[str, Any], spoken: list[str]) -> dict[str, Any]:
    """Names typed into the event's text fields, as people do."""
    data = dict(data)
    for field, (kind, _) in EVENTS[name].fields.items():
        if kind == "text" and spoken:
            data[field] = f"{data[field]} {spoken.pop()} said hi"
    return data


def contents_of(events: list[Event]) -> LogContents:
    header = LogHeader.from_record(header_for(PLAN))
    return LogContents(
        path=Path("20261124T193000Z_test_aaaa.jsonl"), header=header, events=events,
        status="interrupted", damage=None, valid_end=0, size=0, lost_bytes=0,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(st.tuples(SHAPED, st.floats(0, 120, allow_nan=False)), max_size=50),
    spoken=st.lists(SPOKEN, max_size=50),
    include_notes=st.booleans(),
)
def test_any_events_report_and_anonymize(
    body: list[tuple[tuple[str, dict[str, Any]], float]], spoken: list[str],
    include_notes: bool,
) -> None:
    events = []
    t = 0.0
    for seq, ((name, data), gap) in enumerate(body, 1):
        t += gap
        events.append(Event(type=name, data=with_names(name, data, spoken), t=t,
                            ts="2026-11-24T19:30:00.000Z", seq=seq))
    contents = contents_of(events)
    plain = build_report(contents, ROSTER, plan=PLAN, include_notes=include_notes)
    anonymous = build_report(contents, ROSTER, plan=PLAN, anonymize=True,
                             include_notes=include_notes)
    for fmt in ("md", "html", "json"):
        render(plain, fmt)
        text = render(anonymous, fmt)
        assert names_found(text, [*NAMES, "Brid", "Rosa", "Ife"]) == [], fmt

    # the export's events: renumbered without gaps, no names left in them
    naming = build_namings([(list(ROSTER["participants"]), ROSTER)], anonymize=True)[0]
    scrubber = naming.scrubber
    assert scrubber is not None
    kept = list(exported_events(events, scrubber, include_notes=include_notes))
    assert [e.seq for e in kept] == list(range(1, len(kept) + 1))
    assert names_found(repr([e.data for e in kept]), [*NAMES, "Brid", "Rosa", "Ife"]) == []
