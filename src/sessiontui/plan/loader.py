"""Read a plan file into a Plan, or refuse it with PlanError: never anything else.

Everything that can go wrong with a file someone typed (wrong encoding, broken TOML,
a 50 MB file, a directory, a typo in a key) becomes a `FILE:LINE:COL: message` line.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sessiontui.plan import models
from sessiontui.plan.errors import PlanError, Problem
from sessiontui.plan.locate import locate

MAX_PLAN_BYTES = 1024 * 1024
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


def load_plan(path: str | os.PathLike[str]) -> LoadedPlan:
    """Read, parse and validate the plan at `path`."""
    name = os.fspath(path)
    data = read_plan_bytes(name)
    return load_plan_bytes(data, name)


def read_plan_bytes(name: str) -> bytes:
    """The file's bytes, refusing what is not a plan-sized regular file."""
    file = Path(name)
    try:
        if file.is_dir():
            raise PlanError.single(name, "is a folder, not a plan file")
        with file.open("rb") as handle:
            if not file.is_file():
                raise PlanError.single(name, "is not a regular file")
            data = handle.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError:
        raise PlanError.single(name, "no such file") from None
    except PermissionError:
        raise PlanError.single(name, "cannot be read: permission denied") from None
    except OSError as error:
        raise PlanError.single(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError.single(name, "is over 1 MiB: too large for a session plan")
    return data


def load_plan_bytes(data: bytes, name: str = "<plan>") -> LoadedPlan:
    """Parse and validate plan bytes; `name` is used in messages."""
    text = decode_toml(data, name)
    raw = parse_toml(text, name)
    plan = validate_plan(raw, text, name)
    from sessiontui.plan.advice import plan_warnings

    return LoadedPlan(
        plan=plan,
        source=name,
        data=data,
        warnings=tuple(plan_warnings(plan, text, name)),
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
            message = message[: match.start()].rstrip()
        if "\r" in text and "\r\n" not in text:
            message += " (the file has old Mac line endings; save it with \\n line endings)"
        raise PlanError.single(name, f"not valid TOML: {message}", line, column) from None
    except RecursionError:
        raise PlanError.single(name, "not valid TOML: nested too deeply") from None


def validate_plan(raw: dict[str, Any], text: str, name: str) -> models.Plan:
    """Check the parsed document against the plan schema."""
    try:
        return models.Plan.model_validate(raw)
    except ValidationError as error:
        problems = [_problem(item, raw, text, name) for item in error.errors()]
        raise PlanError(_dedupe(problems)) from None
    except RecursionError:
        raise PlanError.single(name, "the plan is nested too deeply") from None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            kept.append(problem)
    return kept


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the discriminator tags and validator names pydantic puts in a location."""
    cleaned: list[str | int] = []
    for index, part in enumerate(loc):
        after_index = index > 0 and isinstance(loc[index - 1], int)
        if isinstance(part, str) and after_index and part in models.PHASE_KINDS:
            continue
        if isinstance(part, str) and (part.startswith("function-") or "[" in part):
            continue
        cleaned.append(part)
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


def _problem(item: Any, raw: dict[str, Any], text: str, name: str) -> Problem:
    kind = item["type"]
    loc = _clean_loc(tuple(item["loc"]))
    message = item["msg"].removeprefix("Value error, ")
    where = _where(loc, raw)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1], raw)
        options = [f for f in model.model_fields] if model else []
        message = f'unknown key "{key}"{_suggest(key, options)}'
        where = _where(loc[:-1], raw)
    elif kind == "missing":
        message = f'missing required key "{loc[-1]}"'
        where = _where(loc[:-1], raw)
    elif kind == "union_tag_invalid":
        tag = str(item.get("ctx", {}).get("tag", ""))
        kinds = ", ".join(models.PHASE_KINDS)
        message = f'unknown kind "{tag}"{_suggest(tag, list(models.PHASE_KINDS))}; kinds: {kinds}'
        loc = (*loc, "kind")
    elif kind == "union_tag_not_found":
        message = f'missing required key "kind" (one of: {", ".join(models.PHASE_KINDS)})'
    elif kind in ("int_parsing", "int_type") and isinstance(item.get("input"), float):
        message = "must be a whole number"
    elif kind == "plan_conflict":
        loc = tuple(item["ctx"]["path"])
        where = _where(loc[:-1], raw)
    elif kind == "too_short" and loc == ("phases",):
        message = "a plan needs at least one [[phases]] entry"
    line, column = locate(text, loc)
    prefix = f"{where}: " if where else ""
    return Problem(name, prefix + message, line, column)
