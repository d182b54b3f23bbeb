"""Does an event's data make sense? One check per field kind, built from the vocabulary.

A line whose CRC checks can still say nonsense: a hand edit, a bug in another tool,
a line copied from elsewhere. `reduce` already skips what it cannot use, but replay,
reports and exports read event data too, and one `phase` of 10**18 or a list where a
name was expected must not crash them. So the journal's reader asks `event_problem`
about every event of a known type and treats a "no" like a bad CRC: the valid prefix
ends at that line.

The checks follow the kinds in `core/vocabulary.py` (see its docstring), with bounds
no real session comes near: times and counts within about 31 years of seconds, a
phase inside the plan's list of phases. Unknown types and newer payload versions are
not judged here: readers skip them and count them. The envelope (`seq`, `t`, `ts`)
is the journal's to check (journal/lines.py).

Opening a long log checks every event, so each type's fields are compiled once into
one small function (`CHECKS`) from the expressions in `_KIND_TESTS`; the names in the
generated code come from the vocabulary, never from a log.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from sessiontui.core.vocabulary import EVENTS

MAX_SECONDS = 10**9
"""About 31 years: no time, length or count in a session log comes near it."""

MAX_INDEX = 100_000
MAX_ROOMS = 10_000
MAX_PEOPLE = 100_000
MAX_ID_CHARS = 64
MAX_SEED = 2**63 - 1

NON_NEGATIVE = frozenset({
    "active_s", "bytes", "count", "duration_s", "gap_s", "item_id", "limit_s", "note_id",
    "offset", "paused_s", "per_person_s", "planned_s", "repeated_pairs", "threshold",
})
"""Fields whose kind allows a sign but whose meaning does not: lengths, counts, ids."""

Problem = Callable[[dict[str, Any], "int | None"], "str | None"]


def is_id(value: Any) -> bool:
    """A participant id (`p03`) or `facilitator`: a short string without control
    characters. Membership of the roster is not checked: ids only name people."""
    return type(value) is str and 0 < len(value) <= MAX_ID_CHARS and value.isprintable()


def _ids(value: Any) -> bool:
    return type(value) is list and len(value) <= MAX_PEOPLE and all(map(is_id, value))


def _rooms(value: Any) -> bool:
    return type(value) is list and len(value) <= MAX_ROOMS and all(map(_ids, value))


def _durations(value: Any, phases: int | None) -> bool:
    if type(value) is not list or (phases is not None and len(value) != phases):
        return False
    return all(type(item) is int and 0 <= item <= MAX_SECONDS for item in value)


def _indices(value: Any) -> bool:
    return (type(value) is list and len(value) <= MAX_INDEX and len(set(value)) == len(value)
            and all(type(item) is int and 0 <= item < MAX_INDEX for item in value))


_PHASE = "type(v) is int and 0 <= v < (MAX_INDEX if phases is None else phases)"
_ID = "type(v) is str and 0 < len(v) <= MAX_ID_CHARS and v.isprintable()"
_NUMBER = "(type(v) is int or (type(v) is float and isfinite(v)))"

_KIND_TESTS: dict[str, str] = {
    "phase": _PHASE,
    "phase?": f"v is None or ({_PHASE})",
    "index": "type(v) is int and 0 <= v < MAX_INDEX",
    "room": "type(v) is int and 1 <= v <= MAX_ROOMS",
    "int": "type(v) is int and -MAX_SECONDS <= v <= MAX_SECONDS",
    "seconds": f"{_NUMBER} and -MAX_SECONDS <= v <= MAX_SECONDS",
    "id": _ID,
    "id?": f"v is None or ({_ID})",
    "speaker": _ID,
    "text": "type(v) is str",
    "bool": "type(v) is bool",
    "ids": "_ids(v)",
    "rooms": "_rooms(v)",
    "durations": "_durations(v, phases)",
    "indices": "_indices(v)",
    "seed": "v is None or (type(v) is int and 0 <= v <= MAX_SEED)",
    "score?": "v is None or (type(v) is int and 1 <= v <= 5)",
}
"""For each field kind, a Python expression over the value `v` (and `phases`) that is
true when the value makes sense. `a|b|c` kinds test membership of their set."""

_MISSING = object()


def _field_test(field: str, kind: str, names: dict[str, Any]) -> str:
    if "|" in kind:
        name = f"ONE_OF_{len(names)}"
        names[name] = frozenset(kind.removesuffix("?").split("|"))
        test = f"type(v) is str and v in {name}"
        return f"v is None or ({test})" if kind.endswith("?") else test
    if field == "position":
        return "type(v) is int and -1 <= v < MAX_PEOPLE"
    if kind not in _KIND_TESTS:
        raise ValueError(f"vocabulary kind {kind!r} has no check")  # a new kind: add one
    test = _KIND_TESTS[kind]
    return f"({test}) and v >= 0" if field in NON_NEGATIVE else test


def _compile(name: str, fields: dict[str, tuple[str, str]],
             optional: tuple[str, ...] = ()) -> Problem:
    """One function that checks every field of a `name` event, in the vocabulary's order."""
    names: dict[str, Any] = {
        "MISSING": _MISSING, "isfinite": math.isfinite, "_ids": _ids, "_rooms": _rooms,
        "_durations": _durations, "_indices": _indices, "MAX_INDEX": MAX_INDEX,
        "MAX_ROOMS": MAX_ROOMS,
        "MAX_PEOPLE": MAX_PEOPLE, "MAX_SECONDS": MAX_SECONDS, "MAX_ID_CHARS": MAX_ID_CHARS,
        "MAX_SEED": MAX_SEED,
    }
    body = ["def check(data, phases):"]
    for field, (kind, _) in fields.items():
        test = _field_test(field, kind, names)
        missing = "pass" if field in optional else f"return {f'{name} without {field}'!r}"
        body += [
            f"    v = data.get({field!r}, MISSING)",
            f"    if v is MISSING: {missing}",
            f"    elif not ({test}): return {f'{name} with a bad {field}'!r}",
        ]
    body.append("    return None")
    exec("\n".join(body), names)  # code made from the vocabulary above, never from a log
    check: Problem = names["check"]
    return check


CHECKS: dict[str, tuple[int, Problem]] = {
    name: (spec.version, _compile(name, spec.fields, spec.optional))
    for name, spec in EVENTS.items()
}
"""Per known type: the newest payload version checked, and its check."""


def event_problem(kind: str, v: int, data: dict[str, Any], phases: int | None) -> str | None:
    """Why the data of a `kind` event makes no sense, in a few words; None if it does
    (or if the type or its version is unknown here: readers skip those).

    `phases` is the number of phases in the log's plan (None if not known): a
    `phase` field must point into it.
    """
    known = CHECKS.get(kind)
    if known is None or v > known[0]:
        return None
    return known[1](data, phases)


__all__ = ["CHECKS", "MAX_SECONDS", "event_problem", "is_id"]
