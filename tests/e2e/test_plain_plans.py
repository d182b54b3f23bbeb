"""Every example plan, every kind of phase, run to its end in plain mode by keys alone,
as tests/e2e/test_full_session.py runs them in the full app; then checked against its
log. The keys are chosen as a facilitator would, from what plain mode said last."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessiontui.core.clock import FakeClock
from sessiontui.core.reduce import fold
from sessiontui.journal.reader import read_chain
from sessiontui.live import LiveSession
from sessiontui.plain.session import TICK, PlainSession
from sessiontui.plain.terminal import Keys, Lines
from sessiontui.plan import load_plan
from tests.conftest import SESSIONS
from tests.e2e.plain_script import SAVE_WAIT
from tests.ui.helpers import START


def phase_keys(kind: str, invites_rules: bool) -> list[str | float]:
    """What a facilitator does in each kind of phase (a number: seconds pass)."""
    if kind in ("check-in", "close"):
        # attendance: person 2 is late, then an empty line when done
        keys: list[str | float] = ["n", "x", 45.0, "a", "2\n", "l", "\n"]
        if kind == "close":
            keys += ["T", "Keep going\n", "F", "0\n", "4", "fine\n", "f", "1\n", "check in\n"]
        return keys
    if kind == "discussion":
        return ["h", "1\n", "h", "2\n", "\n", 60.0, "\n", 40.0, "t", 20.0, "t",
                "k", "money worries\n", "H", "1\n", "L", "b"]
    if kind == "breakout":
        # room 1 asks for help, then the same number marks it helped
        return ["n", "c", "!", "1", "!", "1", "g", "1", "went well\n", *[30.0] * 40]
    if kind == "guest-speaker":
        return ["Q", "h", "3\n", "\n", 30.0]
    if kind == "quiz":
        return ["y", "p", "1\n", "P", "1\n", "p", "2\n"]
    if kind == "break":
        return [300.0]
    if kind == "ground-rules":
        return ["r", *(["A", "Be kind\n"] if invites_rules else []), "n", "N", "+", "-"]
    return []


class Driver:
    """Reads plain mode's state and gives the keys for each phase, as a person would."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.live: LiveSession | None = None
        self.queue: list[str | float] = []
        self.seen: list[int] = []
        self.steps = 0

    def read(self, timeout: float) -> bytes | None:
        if timeout < TICK:
            return None
        self.steps += 1
        assert self.steps < 2000, "the session did not end"
        if not self.queue:
            self._plan()
        item = self.queue.pop(0)
        if isinstance(item, float):
            self.clock.advance(item)
            return None
        return item.encode()

    def _plan(self) -> None:
        assert self.live is not None
        state = self.live.state
        if state.status == "opened":
            if not self.live.plan.participants and not self.seen:
                self.queue += ["j", "Jo\n", "j", "Priya\n", "j", "Kit\n"]
            self.queue += ["s", "?", "n"]
            self.seen.append(-1)
            return
        if state.status == "ended":
            self.queue.append("\x11")
            return
        index = state.phase.index if state.phase is not None else -1
        if index not in self.seen:
            self.seen.append(index)
            invites = bool(getattr(state.phase_plan(), "invite_additions", False))
            self.queue += [*phase_keys(state.phase.kind, invites), "s", "?",
                           "m", f"after {state.phase.kind}\n"]
        self.queue += ["n", "y"]  # the next step; "y" only answers "End the session?"

    @contextlib.contextmanager
    def line_mode(self) -> Iterator[None]:
        yield


@pytest.mark.parametrize("plan", ["evening-group", "workshop", "drop-in"])
def test_whole_plan_by_keys_in_plain_mode(tmp_path: Path, plan: str) -> None:
    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / f"{plan}.toml"), clock=clock,
                             log_dir=tmp_path / "logs", rehearsal=True, speed=1.0)
    driver = Driver(clock)
    driver.live = live
    stream = io.StringIO()
    plain = PlainSession(live, Keys(driver), Lines(stream), save_wait=SAVE_WAIT)
    assert plain.run() == 0
    said = stream.getvalue()
    assert live.state.status == "ended" and live.stopped
    assert [i for i in driver.seen if i >= 0] == list(range(len(live.plan.phases)))
    assert "\x1b" not in said and "Traceback" not in said
    contents = read_chain(live.log_path)
    assert contents.damage is None
    types = [e.type for e in contents.events]
    assert types.count("phase.started") == len(live.plan.phases)
    assert "round.passed" in types and "feedback.recorded" in types
    assert "followup.flagged" in types and "attendance.changed" in types
    if any(p.kind == "breakout" for p in live.plan.phases):
        assert {"breakout.opened", "breakout.help_requested", "breakout.help_answered",
                "breakout.reported", "breakout.closed"} <= set(types)
        assert "Broadcast to the rooms now:" in said
    if any(p.kind == "quiz" for p in live.plan.phases):
        assert {"quiz.answer_revealed", "quiz.points_awarded"} <= set(types)
        assert "Question 1 of" in said and "Answer: " in said
        assert "reveal the answer:" not in said  # never said before it is revealed
    if any(p.kind == "guest-speaker" for p in live.plan.phases):
        assert "guest.questions_started" in types
    assert fold(live.plan, contents.events) == live.state
    raw = live.log_path.read_text(encoding="utf-8")
    for person in live.plan.participants:
        assert f'"{person.name}"' not in raw
