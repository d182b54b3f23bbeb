"""A series described whole: every session's value, the direction and the range (not
first → last), a trend chart, dates with times, the file of each row, plans grouped,
and the same session given twice counted once."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.core.events import Event, format_ts
from sessiontui.journal import paths as journal_paths
from sessiontui.plan import load_plan_bytes
from sessiontui.report import build_reports, build_series, load_log, render
from sessiontui.report.model import SeriesReport
from sessiontui.report.trends import direction
from tests.unit.report_helpers import HAND_PLAN, START, write_log

OTHER_PLAN = load_plan_bytes(
    b'[session]\ntitle = "Another group"\nplatform = "Zoom"\n'
    b'[[participants]]\nname = "Ciara"\n[[participants]]\nname = "Dev"\n'
    b'[[participants]]\nname = "Sam"\n'
    b'[[phases]]\nkind = "discussion"\ntitle = "Talk"\nduration = "10m"\n'
).plan


def talk_events(member_s: float, facilitator_s: float, start: timedelta) -> list:
    """One member's turn, then the facilitator's: the facilitator's share is
    facilitator_s / (member_s + facilitator_s). Wall times from START + `start`."""
    end = 10 + member_s + facilitator_s

    def ev(type: str, t: float, **data: object) -> Event:
        return Event(type=type, data=data, t=float(t), ts=format_ts(START + start
                                                                    + timedelta(seconds=t)))

    return [
        ev("session.opened", 0, plan_sha256="0" * 64, rehearsal=False,
           participants=["p01", "p02", "p03"]),
        ev("session.started", 0),
        ev("phase.started", 0, phase=0, kind="discussion", planned_s=600),
        ev("turn.started", 10, speaker="p01", source="direct"),
        ev("turn.ended", 10 + member_s, speaker="p01", duration_s=float(member_s)),
        ev("turn.started", 10 + member_s, speaker="facilitator", source="facilitator"),
        ev("turn.ended", end, speaker="facilitator", duration_s=float(facilitator_s)),
        ev("phase.ended", end, phase=0, outcome="moved-on-early", active_s=float(end)),
        ev("session.ended", end, reason="completed"),
    ]


def _log(folder: Path, week: int, member_s: float, facilitator_s: float,
         plan=HAND_PLAN, minutes: int = 0) -> Path:
    start = timedelta(days=7 * week, minutes=minutes)
    return write_log(folder, plan, talk_events(member_s, facilitator_s, start),
                     name=f"week{week}.jsonl", session_id=f"{week + 1:032x}",
                     created=START + start)


@pytest.fixture
def logs(tmp_path: Path) -> list[Path]:
    # shares by hand: 60/120 = 50%, 20/200 = 10%, 60/150 = 40%
    return [_log(tmp_path, 0, 60, 60), _log(tmp_path, 1, 180, 20, minutes=15),
            _log(tmp_path, 2, 90, 60)]


def series_of(paths: list[Path]) -> SeriesReport:
    return build_series(build_reports([load_log(p) for p in paths]))


def test_direction_needs_every_step_the_same_way() -> None:
    assert direction([0.5, 0.4, 0.3], 0.05) == "falling"
    assert direction([0.3, 0.3, 0.5], 0.05) == "rising"
    assert direction([0.5, 0.1, 0.4], 0.05) == "up-and-down"
    assert direction([0.30, 0.32, 0.31], 0.05) == "steady"
    assert direction([0.3], 0.05) == "too-few"


def test_the_whole_series_is_described_not_first_and_last(logs: list[Path]) -> None:
    series = series_of(logs)
    share = next(t for t in series.trends if t.measure == "facilitator_share")
    assert share.values == pytest.approx((0.5, 0.1, 0.4))
    assert share.direction == "up-and-down" and (share.low, share.high) == (0.1, 0.5)
    assert share.text == ("Your share of the talk time: 50%, 10%, 40% (sessions 1\u20133): "
                          "up and down, ending lower than it began; range 10% to 50%.")
    prompt = next(p for p in series.prompts if p.topic == "facilitator-share")
    assert "50%, 10%, 40%" in prompt.text and "from 50% to 40%" not in prompt.text
    md = render(series, "md")
    assert "## The series as a whole" in md and share.text in md


def test_the_html_series_has_a_trend_chart(logs: list[Path]) -> None:
    html = render(series_of(logs), "html")
    chart = html[html.index('aria-labelledby="trend-1-t'):]
    chart = chart[:chart.index("</svg>")]
    for label in ("Your share of the talk time", "Gini of members&#x27; speaking time",
                  "Median wait for a turn", "People who came"):
        assert label in chart
    assert chart.count("<polyline") == 3, "share, Gini and attendance; no waits to draw"
    assert ">50%</text>" in chart and ">10%</text>" in chart and ">40%</text>" in chart


def test_rows_have_times_and_name_their_file(logs: list[Path]) -> None:
    series = series_of(logs)
    assert [(r.date, r.time, r.file) for r in series.rows] == [
        ("2026-11-24", "19:30", "week0.jsonl"), ("2026-12-01", "19:45", "week1.jsonl"),
        ("2026-12-08", "19:30", "week2.jsonl")]
    md = render(series, "md")
    assert "| 2026-12-01 19:45 |" in md and "| finished | week1.jsonl |" in md


def test_the_same_session_given_twice_counts_once(logs: list[Path], capsys) -> None:
    copy = logs[0].with_name("copy-of-week0.jsonl")
    shutil.copy(logs[0], copy)
    shutil.copy(journal_paths.roster_path(logs[0]), journal_paths.roster_path(copy))
    series = series_of([*logs, copy])
    assert len(series.rows) == 3 and len(series.sessions) == 3
    assert series.duplicates == ("week0.jsonl",) or series.duplicates == (
        "copy-of-week0.jsonl",)
    assert any("holds the same session as" in note and "counted once" in note
               for note in series.notes)
    assert main(["report", *map(str, logs), str(copy), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["rows"]) == 3 and len(data["duplicates"]) == 1


def test_logs_of_different_plans_are_grouped_per_plan(tmp_path: Path) -> None:
    paths = [_log(tmp_path, 0, 60, 60), _log(tmp_path, 1, 60, 60, plan=OTHER_PLAN),
             _log(tmp_path, 2, 60, 20), _log(tmp_path, 3, 60, 60, plan=OTHER_PLAN)]
    series = series_of(paths)
    assert series.plans == ("Test", "Another group")
    assert [(r.plan, r.file) for r in series.rows] == [
        (0, "week0.jsonl"), (0, "week2.jsonl"), (1, "week1.jsonl"), (1, "week3.jsonl")]
    assert [s.about.file for s in series.sessions] == [r.file for r in series.rows]
    trends = {(t.plan, t.measure): t for t in series.trends}
    assert trends[(0, "facilitator_share")].values == pytest.approx((0.5, 0.25))
    assert trends[(1, "facilitator_share")].direction == "steady"
    md = render(series, "md")
    whole = md[md.index("## The series as a whole"):md.index("## Sessions")]
    assert whole.index("### Test") < whole.index("### Another group")
    sessions = md[md.index("## Sessions"):md.index("## People across")]
    assert sessions.index("week2.jsonl") < sessions.index("### Another group")
    assert sessions.index("### Another group") < sessions.index("week1.jsonl")
