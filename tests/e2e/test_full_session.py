"""A whole example plan run by keys, in rehearsal, then checked against its log."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.core.reduce import fold
from sessiontui.journal.reader import read_chain
from sessiontui.live import LiveSession
from sessiontui.plan.redact import plan_from_snapshot
from sessiontui.ui.screens.summary import SummaryScreen
from tests.ui.helpers import advance, make_app


async def press_through_phase(app, pilot, clock) -> None:
    """What a facilitator does in each kind of phase, by keys alone."""
    kind = app.live.state.phase.kind
    if kind in ("check-in", "close"):
        await pilot.press("n")  # begin the round
        await pilot.press("x")  # the first person passes
        await advance(app, pilot, clock, 45)
        if kind == "close":
            await pilot.press("T", *"Keep going", "enter")
            await pilot.press("F", "0", "enter", "4", *"fine on Zoom", "enter")  # the group
            await pilot.press("f", "1", "enter", *"check in", "enter")
    elif kind == "discussion":
        await pilot.press("h", "1", "enter", "h", "2", "enter")
        await pilot.press("enter")
        await advance(app, pilot, clock, 60)
        await pilot.press("enter")
        await advance(app, pilot, clock, 40)
        await pilot.press("t")
        await advance(app, pilot, clock, 20)
        await pilot.press("t", "k", *"money worries", "enter")
    elif kind == "breakout":
        await pilot.press("n")  # open the rooms
        await pilot.press("c")
        rooms = app.live.state.rooms
        length = rooms.duration + rooms.adjusted
        for _ in range(int(length // 30) + 2):  # half-minute ticks, as the app's timer
            await advance(app, pilot, clock, 30)
    elif kind == "guest-speaker":
        await pilot.press("Q", "h", "3", "enter", "enter")
        await advance(app, pilot, clock, 30)
    elif kind == "quiz":
        await pilot.press("y", "p", "1", "enter")
    elif kind == "break":
        await advance(app, pilot, clock, 300)
    await pilot.press("m", *f"after {kind}", "enter")


@pytest.mark.parametrize("plan", ["evening-group", "workshop", "drop-in"])
async def test_whole_plan_by_keys(tmp_path: Path, plan: str) -> None:
    app, clock = make_app(tmp_path, plan, rehearsal=True)
    async with app.run_test(size=(80, 24)) as pilot:
        if not app.live.plan.participants:  # a drop-in: people are added as they join
            for name in ("Jo", "Priya", "Kit"):
                await pilot.press("j", *name, "enter")
        await pilot.press("n")  # start
        seen_phases = []
        for _ in range(400):
            state = app.live.state
            if state.status == "ended":
                break
            index = state.phase.index
            if index not in seen_phases:
                seen_phases.append(index)
                await press_through_phase(app, pilot, clock)
            await pilot.press("n")
            if app.screen.__class__.__name__ == "ConfirmDialog":
                await pilot.press("y")  # end the session
        assert app.live.state.status == "ended"
        assert isinstance(app.screen, SummaryScreen)
        assert seen_phases == list(range(len(app.live.plan.phases)))
        live: LiveSession = app.live
        assert live.writer.flush(5)
        contents = read_chain(live.log_path)
        assert contents.damage is None
        assert contents.header.rehearsal is True
        types = [e.type for e in contents.events]
        assert types.count("phase.started") == len(live.plan.phases)
        assert types.count("phase.ended") == len(live.plan.phases)
        assert "round.passed" in types
        if any(p.kind == "discussion" for p in live.plan.phases):
            assert types.count("turn.started") >= 3 and "item.parked" in types
        if any(p.kind == "breakout" for p in live.plan.phases):
            assert {"breakout.opened", "breakout.warning", "breakout.closed"} <= set(types)
        assert "feedback.recorded" in types and "followup.flagged" in types
        # The log folds to exactly the state the app showed, also from its own header.
        assert fold(live.plan, contents.events) == live.state
        snapshot_plan = plan_from_snapshot(contents.header.plan_snapshot)
        replayed = fold(snapshot_plan, contents.events)
        assert replayed.talk == live.state.talk and replayed.book == live.state.book
        # No name from the roster is anywhere in the log.
        raw = live.log_path.read_text(encoding="utf-8")
        for person in live.plan.participants:
            assert f'"{person.name}"' not in raw
