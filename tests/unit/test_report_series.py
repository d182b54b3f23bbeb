"""A series: three logs of the same plan, one row each, each person across them."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from sessiontui.report import build_reports, build_series, load_log, render
from sessiontui.report.model import SeriesReport
from tests.unit.report_helpers import START, driven_session, names_found, write_log


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("series")
    paths = []
    for week in (2, 0, 1):  # given out of order: the series sorts by date
        plan, events = driven_session(week, talk_scale=1 + week * 0.5)
        paths.append(write_log(
            folder, plan, events, name=f"week{week}.jsonl", session_id=f"{week:032x}",
            created=START + timedelta(days=7 * week),
        ))
    return paths


def series_of(paths: list[Path], **options: bool) -> SeriesReport:
    return build_series(build_reports([load_log(p) for p in paths], **options))


def test_one_row_per_session_oldest_first(logs: list[Path]) -> None:
    series = series_of(logs)
    assert [row.date for row in series.rows] == ["2026-11-24", "2026-12-01", "2026-12-08"]
    assert [row.file for row in series.rows] == ["week0.jsonl", "week1.jsonl", "week2.jsonl"]
    for row, report in zip(series.rows, series.sessions, strict=True):
        assert row.attended == report.attendance.attended == 6  # Margaret absent, a walk-in
        assert row.expected == 6
        assert row.spoke == 4 and row.passed == 1
        assert row.facilitator_share == report.talk.facilitator_share
        assert row.gini == report.talk.gini
    shares = [row.facilitator_share for row in series.rows]
    assert shares == sorted(shares, reverse=True)  # members talk more each week


def test_each_person_across_the_sessions(logs: list[Path]) -> None:
    series = series_of(logs)
    people = {p.name: p for p in series.people}
    assert people["Margaret"].attended == 0
    assert [c.attended for c in people["Margaret"].sessions if c] == [False, False, False]
    assert people["Tomasz"].attended == 3 and people["Tomasz"].spoke == 0
    ciara = people["Ciara"]
    assert [c.seconds for c in ciara.sessions if c] == [
        r.seconds for s in series.sessions for r in s.people if r.name == "Ciara"
    ]
    assert ciara.total_s == sum(c.seconds for c in ciara.sessions if c)
    assert any(p.text.startswith("Tomasz and Participant 7 came to several sessions without "
                                 "taking a turn") for p in series.prompts)


def test_series_anonymized_keeps_one_pseudonym_per_person(logs: list[Path]) -> None:
    series = series_of(logs, anonymize=True)
    names = [p.name for p in series.people]
    assert sorted(names) == [f"Participant {n}" for n in range(1, 8)]  # one each
    for fmt in ("md", "html", "json"):
        text = render(series, fmt)
        assert names_found(text, ("Ciara", "Dev", "Sam", "Margaret", "Tomasz", "Yemi",
                                  "Aoife", "Zoë")) == [], fmt


def test_series_in_every_format(logs: list[Path]) -> None:
    series = series_of(logs)
    md = render(series, "md")
    assert md.startswith("# Series report: Parents' peer support - Tuesday evening")
    assert "## People across the sessions" in md and md.count("# Session report:") == 3
    assert re.search(r"\| Tomasz +\| +passed +\| +passed +\| +passed +\| +3 +\| +0 +\|", md)
    assert re.search(r"\| Participant 7 +\| +listened +\|", md)
    html = render(series, "html")
    assert html.count("<section") == 3
    assert html.count("</svg>") == 7, "two charts a session, and the series' trend chart"
    assert len(set(_ids(html))) == len(_ids(html)), "chart ids must be unique on the page"
    data = json.loads(render(series, "json"))
    assert data["schema_version"] == 1 and data["kind"] == "series"
    assert len(data["rows"]) == 3 and len(data["sessions"]) == 3
    assert data["sessions"][0]["kind"] == "session"


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_every_json_key_is_documented(logs: list[Path]) -> None:
    """docs/report-schema.md names every key the JSON has (for tool-builders)."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "report-schema.md").read_text()
    data = json.loads(render(series_of(logs, include_notes=True), "json"))
    keys: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(data)
    missing = sorted(key for key in keys if f'"{key}"' not in doc and f"`{key}`" not in doc)
    assert missing == []
