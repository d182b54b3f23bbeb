"""Doing a lot at once: reading or folding a long log.

Reading 100k events makes 100k dicts; folding them makes half a million short-lived
states, tuples and dicts. None of them form reference cycles, so reference counting
frees them all, and the cyclic collector, which Python would run thousands of times
on the way, finds nothing: it costs up to a fifth of the time.
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
