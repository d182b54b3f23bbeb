"""Doing a lot at once: starting up, or reading and folding a long log.

Reading 100k events makes 100k dicts; folding them makes half a million short-lived
states, tuples and dicts. None of them form reference cycles, so reference counting
frees them all, and the cyclic collector, which Python would run thousands of times
on the way, finds nothing: it costs up to a fifth of the time.

Start-up is the same story: importing Textual, pydantic and the core builds some
300,000 objects that live as long as the program, and the collector would walk them
all several times before the first frame (about a tenth of the start-up time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk job; restore it after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_starting = False


def pause_for_start_up() -> None:
    """Pause the collector until `end_start_up`: the program is about to build the
    long-lived objects it runs on, not garbage."""
    global _starting
    if gc.isenabled() and not _starting:
        gc.disable()
        _starting = True


def end_start_up(*, freeze: bool = False) -> None:
    """Let the collector run again, if `pause_for_start_up` paused it.

    With `freeze`, what start-up built is moved out of the collector's sight for good,
    so that its later passes (while the facilitator presses keys) walk only what was
    made since. Only a long-running program should freeze: frozen garbage is never
    freed."""
    global _starting
    if _starting:
        _starting = False
        if freeze:
            gc.freeze()
        gc.enable()
