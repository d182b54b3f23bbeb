"""The toml-test corpora: every document refused with one clean, located PlanError.

toml-invalid/ holds documents no TOML parser may accept; toml-valid/ holds documents
every TOML parser must read, none of them a session plan. Either way a plan loader
refuses each one with one line, `FILE:LINE:COL: message`, and never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontui.plan import PlanError, load_plan
from tests.conftest import CORPUS, ROOT


def corpus(name: str) -> Path:
    """A corpus folder: beside the project (`../shared/corpora`), or beside the folder
    of worktrees the project is checked out in."""
    for base in (CORPUS.parent, *(parent / "shared" / "corpora" for parent in ROOT.parents)):
        if (base / name).is_dir():
            return base / name
    return CORPUS.parent / name


INVALID = corpus("toml-invalid")
VALID = corpus("toml-valid")
INVALID_CASES = sorted(INVALID.rglob("*.toml")) if INVALID.is_dir() else []
VALID_CASES = sorted(VALID.rglob("*.toml")) if VALID.is_dir() else []
no_invalid = pytest.mark.skipif(not INVALID_CASES, reason=f"no toml-invalid corpus at {INVALID}")
no_valid = pytest.mark.skipif(not VALID_CASES, reason=f"no toml-valid corpus at {VALID}")


def assert_refused_in_one_located_line(path: Path) -> str:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    problems = caught.value.problems
    assert len(problems) == 1, (path, [str(p) for p in problems])
    [problem] = problems
    text = str(problem)
    assert "\n" not in text and "Traceback" not in text, path
    assert text.startswith(f"{path}:{problem.line}:{problem.column}: "), text
    assert problem.line is not None and problem.column is not None, text
    return text


@no_invalid
def test_invalid_corpus_is_complete() -> None:
    assert len(INVALID_CASES) == 499


@no_invalid
def test_every_invalid_document_is_refused_in_one_located_line() -> None:
    for path in INVALID_CASES:
        assert_refused_in_one_located_line(path)


@no_valid
def test_valid_corpus_is_there() -> None:
    assert len(VALID_CASES) >= 250


@no_valid
def test_every_valid_document_is_refused_as_not_a_plan_in_one_located_line() -> None:
    for path in VALID_CASES:
        text = assert_refused_in_one_located_line(path)
        assert "not a session plan" in text or "not valid TOML" in text, text


@no_valid
def test_the_key_holding_brackets_is_refused_cleanly() -> None:
    # key/special-chars.toml: a key with "[" crashed the loader in a fuzzing pass
    path = VALID / "key" / "special-chars.toml"
    assert assert_refused_in_one_located_line(path).startswith(f"{path}:1:1: not a session plan")
