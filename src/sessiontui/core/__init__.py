"""Pure session logic: commands in, events out, state folded from events.

No Textual, no I/O, no clock reads: time comes in as `Now`. The UI sends commands to
`decide`, hands the events it returns to the journal, folds them with `reduce`, and
renders the views. Replay (`Timeline`) and reports fold the same events with the same
`reduce`.

Modules: commands (intents), vocabulary (every event type and its data), state, decide,
guards (the checks commands pass), reduce, tick (what is due), phases/ (one module per
phase kind, and their registry), queue (hands and turns), schedule, timers, stats,
views, timeline, clock, events.
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are loaded on first use: importing `sessiontui.core.events` (as the journal and
# `sessiontui logs` do) must not pull in the plan models and pydantic.
_EXPORTS: dict[str, str] = {
    "commands": "sessiontui.core.commands",
    "Clock": "sessiontui.core.clock",
    "FakeClock": "sessiontui.core.clock",
    "Now": "sessiontui.core.clock",
    "ScaledClock": "sessiontui.core.clock",
    "SessionClock": "sessiontui.core.clock",
    "SystemClock": "sessiontui.core.clock",
    "CommandRefused": "sessiontui.core.commands",
    "decide": "sessiontui.core.decide",
    "Event": "sessiontui.core.events",
    "fold": "sessiontui.core.reduce",
    "fold_from": "sessiontui.core.reduce",
    "reduce": "sessiontui.core.reduce",
    "FACILITATOR": "sessiontui.core.state",
    "SessionState": "sessiontui.core.state",
    "initial_state": "sessiontui.core.state",
    "Timeline": "sessiontui.core.timeline",
    "EVENTS": "sessiontui.core.vocabulary",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sessiontui.core' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    return loaded if name == "commands" else getattr(loaded, name)
