"""Wording trainers tripped over: each sentence as a trainer now reads it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

from sessiontui.report import build_report, fmt, load_log, render
from tests.unit.report_helpers import HAND_PLAN, ev, write_log


def test_stops_are_their_own_sentences() -> None:
    timing = NS(pauses=1, paused_s=60.0, interruptions=1, down_s=0.2)
    assert fmt.stoppages(timing) == ("The session was paused once (1m 00s in all). The app "
                                     "was closed or stopped once (reopened at once; the call "
                                     "went on).")
    timing = NS(pauses=0, paused_s=0.0, interruptions=2, down_s=150.0)
    assert fmt.stoppages(timing) == ("The app was closed or stopped twice (down 2m 30s in "
                                     "all; the call went on).")


def test_rooms_that_asked_for_help() -> None:
    rooms = (NS(number=1, help_requests=0), NS(number=2, help_requests=1),
             NS(number=4, help_requests=2))
    assert fmt.rooms_words(NS(rooms=rooms)) == "rooms 2 and 4"
    assert fmt.rooms_words(NS(rooms=rooms[:2])) == "room 2"
    breakout = NS(rooms=rooms, warnings=(), help_requests=3, help_unanswered=0,
                  repeated_pairs=0)
    assert fmt.breakout_findings(breakout)[0] == "Help requests: 3 (rooms 2 and 4); all answered"


def _session(tmp_path: Path, extra: list) -> str:
    p = ["p01", "p02", "p03"]
    events = [
        ev("session.opened", 0, plan_sha256="0" * 64, rehearsal=False, participants=p),
        ev("session.started", 0),
        ev("phase.started", 0, phase=0, kind="discussion", planned_s=600),
        *extra,
        ev("phase.ended", 600, phase=0, outcome="completed", active_s=600.0),
        ev("phase.started", 600, phase=1, kind="close", planned_s=300),
        ev("round.started", 600, phase=1, order=p, method="plan", seed=None),
        ev("round.moved", 610, phase=1, position=0, participant="p01"),
        ev("round.answered", 620, participant="p01", text="calmer now"),
        ev("round.moved", 630, phase=1, position=1, participant="p02"),
        ev("round.moved", 640, phase=1, position=2, participant="p03"),
        ev("round.completed", 650, phase=1),
        ev("phase.ended", 900, phase=1, outcome="completed", active_s=300.0),
        ev("session.ended", 900, reason="completed"),
    ]
    log = load_log(write_log(tmp_path, HAND_PLAN, events))
    return render(build_report(log.contents, log.roster, plan=log.plan), "md")


def test_no_takeaways_points_to_the_close_rounds_answers(tmp_path: Path) -> None:
    md = _session(tmp_path, [])
    close = md[md.index("### Takeaways"):md.index("### Feedback")]
    assert "None recorded" not in close
    assert ("No separate takeaways were written down; the answers given in the round "
            "\u201cCheck out\u201d are under Rounds.") in close


def test_an_app_stop_of_no_time_is_not_a_reason_times_changed(tmp_path: Path) -> None:
    md = _session(tmp_path, [ev("session.interrupted", 100, cause="signal"),
                             ev("session.continued", 100, gap_s=0.0)])
    assert "Why times changed" not in md
    assert "closed or stopped for 0s" not in md
    assert "The app was closed or stopped once (reopened at once; the call went on)." in md
    assert "The session was the app" not in md
