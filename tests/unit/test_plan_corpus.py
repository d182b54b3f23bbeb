"""The toml-test invalid corpus: every document refused with one clean PlanError."""

from __future__ import annotations

import pytest

from sessiontui.plan import PlanError, load_plan
from tests.conftest import CORPUS

CASES = sorted(CORPUS.rglob("*.toml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CASES, reason=f"the toml-invalid corpus is not at {CORPUS}")
def test_corpus_is_complete() -> None:
    assert len(CASES) == 499


@pytest.mark.skipif(not CASES, reason=f"the toml-invalid corpus is not at {CORPUS}")
def test_every_invalid_document_is_refused_cleanly() -> None:
    for path in CASES:
        with pytest.raises(PlanError) as caught:
            load_plan(path)
        problems = caught.value.problems
        assert problems, path
        for problem in problems:
            text = str(problem)
            assert "\n" not in text and "Traceback" not in text, path
            assert text.startswith(str(path)), path
