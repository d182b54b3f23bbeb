"""A co-facilitator's view of a session being run (no Textual): the replay kept at the
live moment, whose clock counts on between events; seeking back pauses following and
going live follows again; the end of the session and a log nobody writes are said."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sessiontui.core import commands, views
from sessiontui.core.clock import FakeClock
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from sessiontui.watch import WatchSession
from tests.conftest import SESSIONS
from tests.ui.helpers import START


def running(tmp_path: Path) -> tuple[LiveSession, FakeClock]:
    """The facilitator's session, its first phase started (the log held by its writer)."""
    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"), clock=clock,
                             log_dir=tmp_path / "logs")
    live.send(commands.StartSession())
    assert live.writer.flush(5)
    return live, clock


def watching(live: LiveSession) -> WatchSession:
    watch = WatchSession.begin(live.log_path)
    watch.use(watch.read())
    return watch


def remaining(watch: WatchSession) -> float:
    return views.timer_view(watch.state, watch.t).remaining_s


def test_the_clock_counts_on_between_events(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    try:
        watch = watching(live)
        watch.poll(clock.wall())
        assert watch.condition == "live" and watch.following
        planned = remaining(watch)
        clock.advance(75)  # no event: the facilitator is listening
        watch.poll(clock.wall())
        assert remaining(watch) == pytest.approx(planned - 75)
        assert remaining(watch) == pytest.approx(
            views.timer_view(live.state, live.now().t).remaining_s)
        assert watch.now().wall == clock.wall()
    finally:
        live.close()


def test_new_events_show_at_the_live_end(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    try:
        watch = watching(live)
        watch.poll(clock.wall())
        before = watch.state.phase.index
        clock.advance(30)
        live.send(commands.GoToPhase(2))
        assert live.writer.flush(5)
        assert watch.poll(clock.wall())
        assert watch.state.phase.index == 2 != before
        assert watch.index == len(watch.events) == live.writer.last_seq
    finally:
        live.close()


def test_seeking_back_pauses_following_and_going_live_follows_again(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    try:
        watch = watching(live)
        clock.advance(120)
        watch.poll(clock.wall())
        watch.nudge(-60)
        assert not watch.following
        status = watch.status()
        assert status.behind_s == pytest.approx(60)
        shown = watch.index
        live.send(commands.GoToPhase(2))
        assert live.writer.flush(5)
        clock.advance(10)
        watch.poll(clock.wall())
        assert watch.index == shown and watch.status().behind_s == pytest.approx(70)
        watch.go_live()
        assert watch.following and watch.state.phase.index == 2
        watch.nudge(-30)
        watch.nudge(+40)  # back to the end: following again
        assert watch.following
    finally:
        live.close()


def test_the_end_of_the_session_and_a_log_nobody_writes(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    watch = watching(live)
    clock.advance(60)
    live.send(commands.EndSession())
    live.close()
    watch.poll(clock.wall())
    assert watch.condition == "ended" and watch.following
    end = watch.t
    clock.advance(600)
    watch.poll(clock.wall())
    assert watch.t == end  # the clock stops with the session


def test_a_log_left_to_resume_later_is_not_being_written(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    live.interrupt("left to resume later")
    watch = watching(live)
    clock.advance(300)
    watch.poll(clock.wall())
    assert watch.condition == "left"
    assert watch.t == watch.events[-1].t


def test_a_rehearsal_counts_at_its_own_speed(tmp_path: Path) -> None:
    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"), clock=clock,
                             log_dir=tmp_path / "logs", rehearsal=True, speed=10.0)
    try:
        live.send(commands.StartSession())
        assert live.writer.flush(5)
        watch = watching(live)
        watch.poll(clock.wall())
        at = watch.t
        clock.advance(6)
        watch.poll(clock.wall())
        assert watch.t - at == pytest.approx(60)
    finally:
        live.close()


def test_watch_never_writes_a_comment(tmp_path: Path) -> None:
    live, clock = running(tmp_path)
    live.close()
    watch = watching(live)
    from sessiontui.journal.errors import JournalError

    with pytest.raises(JournalError, match="watch writes nothing"):
        watch.add_comment("no", clock.wall() + timedelta(seconds=1))
    assert not list(live.log_path.parent.glob("*.comments.json"))


def test_a_co_host_sees_that_something_private_happened_never_what(tmp_path: Path) -> None:
    live, _clock = running(tmp_path)
    try:
        live.send(commands.Pause())
        live.send(commands.ExplainPause("Sam is crying, needs a moment"))
        live.send(commands.RecordSafeguarding("p03", (0,)))
        live.send(commands.AddNote("Sam: call tomorrow"))
        assert live.writer.flush(5)
        for include_notes, shown in ((False, False), (True, True)):
            watch = watching(live)
            watch.include_notes = include_notes
            words = [watch.words.say(event).text for event in watch.events]
            text = " ".join(words)
            assert ("crying" in text) is shown
            assert ("Sam" in text) is shown
            assert ("Acknowledge" in text) is shown
            if not shown:
                assert words.count(
                    "Private: not shown here (the facilitator's own report has it)") == 3
    finally:
        live.close()
