"""A scripted key stream for plain mode: the bytes a person would type, and moments
where time moves on (on the injected clock). No sleeps: when the script says "wait",
the clock moves and the session ticks, as it would when no key comes."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sessiontui.core.clock import FakeClock
from sessiontui.live import LiveSession
from sessiontui.plain.session import TICK, PlainSession
from sessiontui.plain.terminal import Keys, Lines
from sessiontui.plan import load_plan
from tests.conftest import SESSIONS
from tests.ui.helpers import START

SAVE_WAIT = 30.0
"""How long a test lets a key's events take to be saved before "saving…" is said: long,
so that a busy machine never changes what a golden file expects (the slow-disk test
sets its own)."""

STEP_S = 30.0
"""Seconds the clock moves at most between two ticks while a script waits."""


class Wait:
    """Time moves on by `seconds`, in steps of `step_s` at most (the session ticks at
    each step, as the full app's timer would)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class PlainOnly(str):
    """Keys only plain mode has (`s`, or `?`, which opens a screen in the full app):
    left out when the same script drives the full app."""


class Note(str):
    """Text for a dialog of several lines: plain mode ends it with enter, the full
    app's dialog with ctrl+s."""


class Do:
    """Something the test does at this point of the script (fill the disk, say)."""

    def __init__(self, action: Callable[[], object]) -> None:
        self.action = action


Step = str | Wait | Do


class ScriptSource:
    """Bytes from a script; a Wait moves the clock and reads as "nothing came"."""

    def __init__(self, steps: Sequence[Step], clock: FakeClock, step_s: float = STEP_S) -> None:
        self.clock = clock
        self._steps: list[Step] = []
        for step in steps:
            if isinstance(step, Wait):
                left = step.seconds
                while left > 0:
                    self._steps.append(Wait(min(step_s, left)))
                    left -= step_s
            else:
                self._steps.append(step)
        self.reads = 0

    def read(self, timeout: float) -> bytes | None:
        self.reads += 1
        if not self._steps:
            return b""
        if timeout < TICK:  # the rest of an escape sequence: each step is a moment of its own
            return None
        step = self._steps[0]
        if isinstance(step, Do):
            self._steps.pop(0)
            step.action()
            return None
        if isinstance(step, Wait):
            self._steps.pop(0)
            self.clock.advance(step.seconds)
            return None
        self._steps.pop(0)
        return (step + "\n" if isinstance(step, Note) else step).encode("utf-8")

    @contextlib.contextmanager
    def line_mode(self) -> Iterator[None]:
        yield


def run_plain(tmp_path: Path, steps: Sequence[Step] | Callable[[LiveSession], Sequence[Step]],
              plan: str = "evening-group", *,
              keymap: dict[str, str] | None = None, rehearsal: bool = False,
              step_s: float = STEP_S, save_wait: float = SAVE_WAIT,
              **writes: Any) -> tuple[PlainSession, list[str]]:
    """Run `plan` in plain mode by `steps` (or by the steps `steps(live)` gives, for a
    script that needs the session); the session and every line it said."""
    clock = FakeClock(START)
    loaded = load_plan(SESSIONS / f"{plan}.toml")
    live = LiveSession.begin(loaded, clock=clock, log_dir=tmp_path / "logs",
                             rehearsal=rehearsal, speed=1.0, **writes)
    if callable(steps):
        steps = steps(live)
    stream = io.StringIO()
    lines = Lines(stream)
    plain = PlainSession(live, Keys(ScriptSource(steps, clock, step_s)), lines, keymap=keymap,
                         save_wait=save_wait)
    plain.status = plain.run()
    if not live.stopped:
        live.close()
    assert stream.getvalue().splitlines() == lines.said
    return plain, lines.said


async def press_script(app, pilot, clock: FakeClock, steps: Sequence[Step]) -> None:
    """The same script, pressed in the full app by Textual's Pilot: the same bytes as
    the same keys, the same waits as the same ticks (and a tick after every step, as
    plain mode ticks after every key)."""
    from sessiontui.plain.keys import parse_keys
    from tests.ui.helpers import advance

    for step in steps:
        if isinstance(step, Wait):
            left = step.seconds
            while left > 0:
                await advance(app, pilot, clock, min(STEP_S, left))
                left -= STEP_S
            continue
        if isinstance(step, PlainOnly):
            continue
        if isinstance(step, Do):
            step.action()
            continue
        names, _ = parse_keys(step)
        keys = [char if char.isprintable() else name
                for char, name in zip(step, names, strict=True)]
        if isinstance(step, Note):
            keys.append("ctrl+s")
        for key in keys:
            await pilot.press(key)
        if app.live.state.status != "ended":
            app.session_screen.tick()
        await pilot.pause()
