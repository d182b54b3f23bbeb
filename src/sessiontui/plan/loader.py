"""Read a plan file into a Plan, or refuse it with PlanError: never anything else.

Everything that can go wrong with a file someone typed (wrong encoding, broken TOML,
a 50 MB file, a directory, a typo in a key, a key of 50,000 dotted parts) becomes a
`FILE:LINE:COL: message` line, in the order of the lines, and quickly: the text is
scanned once for what would make the parser slow (see scan.py) before it is parsed.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sessiontui.plan import models
from sessiontui.plan.errors import PlanError, Problem
from sessiontui.plan.scan import Scan, ScanLimit, scan

MAX_PLAN_BYTES = 1024 * 1024
MAX_PROBLEMS = 50
"""Problems listed for one file; a line then says how many more there are."""
BOM = b"\xef\xbb\xbf"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


@dataclass(frozen=True)
class LoadedPlan:
    """A valid plan with where it came from and what `check` should warn about."""

    plan: models.Plan
    source: str
    data: bytes = field(repr=False)
    warnings: tuple[Problem, ...] = ()

    @property
    def sha256(self) -> str:
        """The file's digest, for the log header. Only a session needs it, so `check`
        does not load OpenSSL to compute it."""
        import hashlib

        return hashlib.sha256(self.data).hexdigest()


def load_plan(path: str | os.PathLike[str], now: datetime | None = None) -> LoadedPlan:
    """Read, parse and validate the plan at `path`. With `now` (the wall clock, aware),
    the warnings include those that depend on the date, such as a start in the past."""
    name = os.fspath(path)
    data = read_plan_bytes(name)
    return load_plan_bytes(data, name, now=now)


_KEY_TUPLE = re.compile(r"\((?:'[^']*',? ?)+\)")
"""tomllib names a key as a Python tuple: ('phases',) for [phases]."""


def _key_words(match: re.Match[str]) -> str:
    parts = re.findall(r"'([^']*)'", match.group(0))
    return "[" + ".".join(parts) + "]"


def read_plan_bytes(name: str) -> bytes:
    """The file's bytes, refusing what is not a plan-sized regular file."""
    file = Path(name)
    try:
        if file.is_dir():
            raise PlanError.single(name, "is a folder, not a plan file")
        # Non-blocking, so that a FIFO (or a device) is refused, not waited on for ever.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise PlanError.single(name, "is not a regular file")
            data = handle.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError:
        raise PlanError.single(name, "no such file") from None
    except PermissionError:
        raise PlanError.single(name, "cannot be read: permission denied") from None
    except OSError as error:
        raise PlanError.single(name, f"cannot be read: {error.strerror or error}") from None
    _refuse_oversize(data, name)
    return data


def _refuse_oversize(data: bytes, name: str) -> None:
    """PlanError at the place where the file goes past 1 MiB."""
    if len(data) <= MAX_PLAN_BYTES:
        return
    line = data.count(b"\n", 0, MAX_PLAN_BYTES) + 1
    start = data.rfind(b"\n", 0, MAX_PLAN_BYTES) + 1
    column = len(data[start:MAX_PLAN_BYTES].decode("utf-8", "ignore")) + 1
    raise PlanError.single(name, "the file is over 1 MiB from here on: too large for a "
                           "session plan", line, column)


def load_plan_bytes(
    data: bytes, name: str = "<plan>", now: datetime | None = None
) -> LoadedPlan:
    """Parse and validate plan bytes; `name` is used in messages, `now` as in load_plan."""
    _refuse_oversize(data, name)
    text = decode_toml(data, name)
    where = prescan(text, name)
    raw = parse_toml(text, name)
    plan = validate_plan(raw, where, name)
    from sessiontui.plan.advice import plan_warnings

    return LoadedPlan(
        plan=plan,
        source=name,
        data=data,
        warnings=tuple(plan_warnings(plan, where, name, now)),
    )


def decode_toml(data: bytes, name: str) -> str:
    """UTF-8 text of the file (a BOM is accepted and dropped)."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PlanError.single(
            name, f"is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
            line, column,
        ) from None


def prescan(text: str, name: str) -> Scan:
    """Where the keys are, or PlanError where the text goes past a limit that keeps
    parsing fast."""
    try:
        return scan(text)
    except ScanLimit as limit:
        raise PlanError.single(name, limit.message, limit.line, limit.column) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML document as a dict, or PlanError with the parser's position."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = column = None
        if match := _TOML_POSITION.search(message):
            if match.group(1):
                line, column = int(match.group(1)), int(match.group(2))
            else:
                line = text.count("\n") + 1
                column = len(text) - (text.rfind("\n") + 1) + 1
            message = message[: match.start()].rstrip()
        message = _KEY_TUPLE.sub(_key_words, message)
        if "\r" in text and "\r\n" not in text:
            message += " (the file has old Mac line endings; save it with \\n line endings)"
        raise PlanError.single(name, f"not valid TOML: {message}", line, column) from None
    except (ValueError, RecursionError) as error:
        # The scan keeps these out (long numbers, deep nesting); should one get by,
        # it is still a refusal, not a crash.
        raise PlanError.single(name, f"not valid TOML: {error}", 1, 1) from None


def validate_plan(raw: dict[str, Any], where: Scan, name: str) -> models.Plan:
    """Check the parsed document against the plan schema."""
    if "session" not in raw and "phases" not in raw:
        # Some other TOML file (a pyproject.toml, a config): one line, not one per key.
        raise PlanError.single(name, "not a session plan: a plan has a [session] table and "
                               "[[phases]] (see docs/plan-format.md)", 1, 1)
    try:
        return models.Plan.model_validate(raw)
    except ValidationError as error:
        items = error.errors(include_url=False, include_input=False)
        raise PlanError(_in_line_order(items, raw, where, name)) from None
    except RecursionError:
        raise PlanError.single(name, "the plan is nested too deeply", 1, 1) from None


def _in_line_order(items: list[Any], raw: dict[str, Any], where: Scan, name: str) -> list[Problem]:
    """Each problem once, in the order of the lines: the first MAX_PROBLEMS of them, then
    how many more there are. Only those shown are worded (a did-you-mean costs time)."""
    placed = sorted(((_place(item, raw, where), index) for index, item in enumerate(items)))
    kept: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for position, (_, index) in enumerate(placed):
        problem = _problem(items[index], raw, where, name)
        key = (problem.message, problem.line, problem.column)
        if key in seen:
            continue
        if len(kept) == MAX_PROBLEMS:
            more = len(placed) - position
            kept.append(Problem(name, f"and {more} more problem{'s' if more > 1 else ''} "
                                "from here on", problem.line, problem.column))
            break
        seen.add(key)
        kept.append(problem)
    return kept


def _clean_loc(loc: tuple[str | int, ...], raw: Any, kind: str) -> tuple[str | int, ...]:
    """The path in the document that a pydantic location points to.

    pydantic puts its own names in a location (the phase kind a union picked,
    `function-after[...]` for a validator): they are left out by following the
    document itself, so that a key the user wrote, even one called "function-x" or
    "x[1]", is kept.
    """
    cleaned: list[str | int] = []
    node = raw
    tag_seen = False
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict):
            in_phase = len(cleaned) == 2 and cleaned[0] == "phases"
            if in_phase and not tag_seen and part == node.get("kind"):
                tag_seen = True  # the phase kind pydantic chose, not a key
                continue
            if isinstance(part, str) and part in node:
                cleaned.append(part)
                node = node[part]
                continue
            if last and kind == "missing" and isinstance(part, str):
                cleaned.append(part)
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            cleaned.append(part)
            node = node[part]
    return tuple(cleaned)


def _where(loc: tuple[str | int, ...], raw: dict[str, Any]) -> str:
    """A reader's name for a location: `phase 3 ("Discussion") duration`."""
    if not loc:
        return ""
    head, rest = loc[0], list(loc[1:])
    if head in ("phases", "participants") and rest and isinstance(rest[0], int):
        index = rest.pop(0)
        label = f"{'phase' if head == 'phases' else 'participant'} {index + 1}"
        try:
            entry = raw[head][index]
            title = entry.get("title") or entry.get("name") or entry.get("kind")
            if isinstance(title, str) and len(title) < 60:
                label += f' ("{title}")'
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    else:
        label = str(head)
    for part in rest:
        label += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return label


def _model_at(loc: tuple[str | int, ...], raw: Any) -> type[BaseModel] | None:
    """The model class whose keys apply at `loc` (for did-you-mean)."""
    model: Any = models.Plan
    node = raw
    for part in loc:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if model is _PHASE_MARK:
                kind = node.get("kind") if isinstance(node, dict) else None
                model = _PHASE_CLASSES.get(kind) if isinstance(kind, str) else None
                if model is None:
                    return None
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        node = node.get(part) if isinstance(node, dict) else None
        if field is None:
            return None
        model = _field_model(part, field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


_PHASE_MARK = object()
_PHASE_CLASSES: dict[str, type[BaseModel]] = {
    "check-in": models.CheckInPhase,
    "ground-rules": models.GroundRulesPhase,
    "discussion": models.DiscussionPhase,
    "breakout": models.BreakoutPhase,
    "guest-speaker": models.GuestSpeakerPhase,
    "quiz": models.QuizPhase,
    "break": models.BreakPhase,
    "close": models.ClosePhase,
}
_NESTED = {
    "session": models.Session,
    "participants": models.Participant,
    "ground_rules": models.GroundRules,
    "questions": models.QuizQuestion,
}


def _field_model(name: str, annotation: Any) -> Any:
    if name == "phases":
        return _PHASE_MARK
    return _NESTED.get(name)


def _suggest(word: str, options: list[str]) -> str:
    import difflib  # only a plan with a typo needs it; check must start fast

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _target(item: Any, raw: dict[str, Any]) -> tuple[str | int, ...]:
    """The path whose position a problem is shown at."""
    kind = item["type"]
    if kind == "plan_conflict":
        return tuple(item["ctx"]["path"])
    loc = _clean_loc(tuple(item["loc"]), raw, kind)
    if kind == "missing" and loc:
        return loc[:-1]  # the table it is missing from
    if kind == "union_tag_invalid":
        return (*loc, "kind")
    return loc


def _place(item: Any, raw: dict[str, Any], where: Scan) -> tuple[int, int]:
    return where.find(_target(item, raw))


def _problem(item: Any, raw: dict[str, Any], where: Scan, name: str) -> Problem:
    kind = item["type"]
    loc = _clean_loc(tuple(item["loc"]), raw, kind)
    message = item["msg"].removeprefix("Value error, ")
    place = _where(loc, raw)
    if kind == "extra_forbidden" and loc:
        key = str(loc[-1])
        model = _model_at(loc[:-1], raw)
        options = [f for f in model.model_fields] if model else []
        message = f'unknown key "{key}"{_suggest(key, options)}'
        place = _where(loc[:-1], raw)
    elif kind == "missing" and loc:
        message = f'missing required key "{loc[-1]}"'
        place = _where(loc[:-1], raw)
    elif kind == "union_tag_invalid":
        tag = str(item.get("ctx", {}).get("tag", ""))
        kinds = ", ".join(models.PHASE_KINDS)
        message = f'unknown kind "{tag}"{_suggest(tag, list(models.PHASE_KINDS))}; kinds: {kinds}'
    elif kind == "union_tag_not_found":
        message = f'missing required key "kind" (one of: {", ".join(models.PHASE_KINDS)})'
    elif kind in ("int_parsing", "int_type") and isinstance(_value_at(raw, loc), float):
        message = "must be a whole number"
    elif kind == "plan_conflict":
        loc = tuple(item["ctx"]["path"])
        place = _where(loc[:-1], raw)
    elif kind == "too_short" and loc == ("phases",):
        message = "a plan needs at least one [[phases]] entry"
    elif kind in ("too_long", "too_short"):
        ctx = item.get("ctx", {})
        actual = ctx.get("actual_length")
        if kind == "too_long":
            limit = f"at most {ctx.get('max_length')}"
        else:
            limit = f"at least {ctx.get('min_length')}"
        what = "characters" if isinstance(_value_at(raw, loc), str) else "items"
        message = f"has {actual} {what}; {limit} are allowed" if actual is not None else (
            f"{limit} {what} are allowed")
    line, column = where.find(_target(item, raw))
    prefix = f"{place}: " if place else ""
    return Problem(name, prefix + message, line, column)


def _value_at(raw: Any, loc: tuple[str | int, ...]) -> Any:
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
