"""Every log reader survives whatever a log says: only the project's own refusals escape.

Hypothesis changes one thing in a real session's log (a field of a CRC-valid line set
to nonsense, a header that makes no sense, a line copied from another session, a
flipped bit, a cut; see tests/unit/log_fuzz.py) and runs one reader on it: `logs
verify`, replay opened and moved about, the report in every format, the export. The
property: the reader gives a result or refuses in one line of its own
(LogError/JournalError/ReportError); any other exception is a bug. Sizes are bounded
(one change to a log of about a hundred events), so each case is quick; no time is
asserted. benchmarks/bench_fuzz_logs.py runs thousands of such cases, and
SESSIONTUI_FUZZ_EXAMPLES=1000 runs more here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit import log_fuzz
from tests.unit.log_fuzz import Mutation, Outcome

EXAMPLES = int(os.environ.get("SESSIONTUI_FUZZ_EXAMPLES", "30"))
"""30 a reader in the suite (a few seconds); SESSIONTUI_FUZZ_EXAMPLES=1000 for a long run."""
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

hostile = st.one_of(
    st.sampled_from(log_fuzz.HOSTILE),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.one_of(st.none(), st.integers(-3, 200), st.text(max_size=4)), max_size=4),
    st.dictionaries(st.text(max_size=4), st.integers(-2, 5), max_size=3),
)


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(log_fuzz.KINDS))
    line = draw(st.integers(1, 120))
    if kind == "header":
        key = draw(st.sampled_from(log_fuzz.HEADER_KEYS))
        pool = {"tz": st.sampled_from(log_fuzz.TZ_VALUES),
                "created": st.sampled_from(log_fuzz.TS_VALUES)}.get(key, hostile)
        return Mutation(kind, 0, key, draw(pool), other=draw(st.integers(0, 20)),
                        offset=draw(st.integers(0, 20)))
    if kind == "envelope":
        key = draw(st.sampled_from(log_fuzz.ENVELOPE_KEYS))
        value = draw(st.sampled_from(log_fuzz.TS_VALUES) if key == "ts" else hostile)
        return Mutation(kind, line, key, value)
    if kind == "bytes":
        return Mutation(kind, line, offset=draw(st.integers(0, 10**6)),
                        bits=draw(st.integers(0, 8)))
    return Mutation(kind, line, draw(st.sampled_from(["", "phase", "x"])), draw(hostile),
                    other=draw(st.integers(1, 120)), offset=draw(st.integers(0, 20)))


moves = st.lists(
    st.tuples(st.sampled_from(["t", "index", "step", "fraction", "next", "previous", "play"]),
              st.floats(0, 1)),
    min_size=1, max_size=8,
)


class Case:
    """A private folder holding the base log and its roster; each example rewrites
    the log in place."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = log_fuzz.base_log(folder)
        self.data = self.log.read_bytes()
        self.target = folder / "export" / "copy.jsonl"
        self.target.parent.mkdir(mode=0o700)

    def write(self, mutation: Mutation) -> Path:
        for stray in self.folder.glob("*.part*.jsonl"):
            stray.unlink()
        self.log.write_bytes(log_fuzz.apply(self.data, mutation))
        return self.log


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Case]:
    folder = tmp_path_factory.mktemp("fuzz")
    os.chmod(folder, 0o700)
    with pytest.MonkeyPatch.context() as patch:
        # The export fsyncs its file: thousands of fsyncs would time the disk.
        patch.setattr("sessiontui.report.output.os.fsync", lambda fd: None)
        yield Case(folder)
    shutil.rmtree(folder, ignore_errors=True)


@FUZZ
@given(mutation=mutations())
def test_verify_gives_a_verdict_for_any_change(case: Case, mutation: Mutation) -> None:
    outcome = Outcome()
    log_fuzz.verify_reader(case.write(mutation), outcome)
    assert outcome.verdict in (0, 1, 2)


@FUZZ
@given(mutation=mutations(), moves=moves)
def test_replay_opens_or_refuses_and_seeks_anywhere(
    case: Case, mutation: Mutation, moves: list[tuple[str, float]]
) -> None:
    log_fuzz.replay_reader(case.write(mutation), Outcome(), moves)


@FUZZ
@given(mutation=mutations())
def test_report_renders_or_refuses_in_every_format(case: Case, mutation: Mutation) -> None:
    log_fuzz.report_reader(case.write(mutation), Outcome())


@FUZZ
@given(mutation=mutations())
def test_export_copies_what_is_readable_or_refuses(case: Case, mutation: Mutation) -> None:
    log_fuzz.export_reader(case.write(mutation), Outcome(), case.target)


def test_the_base_log_is_sound_for_every_reader(case: Case) -> None:
    """The fuzz starts from a log every reader accepts whole."""
    case.log.write_bytes(case.data)
    outcome = log_fuzz.read_everything(case.log, case.target, [("fraction", 0.5)])
    assert outcome.verdict == 0 and not outcome.damaged and outcome.refused == []
    assert outcome.accepted == ["replay", "report", "export"]


def test_a_changed_line_always_counts_as_damage(case: Case) -> None:
    """Each change the fuzz makes to an event line is one the reader reports, never
    a log it reads as sound (one case of each kind, on line 40)."""
    for mutation in [
        Mutation("envelope", 40, "t", 1e18),
        Mutation("envelope", 40, "ts", "9999-12-31T23:59:59.999Z"),
        Mutation("data", 40, "", []),
        Mutation("drop", 40),
        Mutation("copy", 40, other=41),
        Mutation("bytes", 40, offset=5000, bits=3),
    ]:
        outcome = Outcome()
        log_fuzz.verify_reader(case.write(mutation), outcome)
        assert outcome.verdict == 1, mutation.describe()
