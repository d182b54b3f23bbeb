"""A line whose CRC checks but whose data makes no sense is damage, like a bad CRC.

These once crashed replay and report (a `phase.started` whose phase is not a number or
not in the plan, `t = 1e18`, negative and infinite numbers, a header whose `tz` is no
zone name, a plan snapshot that does not validate, a string where a list belongs).
Now the reader ends the valid prefix at such a line and every reader says so in one
line: verify exits 1 and names the line, report and export warn and use what comes
before it, replay shows it; a header that makes no sense is refused by all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.replay import ReplaySession
from tests.unit import log_fuzz
from tests.unit.log_fuzz import Mutation


def line_of(data: bytes, kind: str) -> int:
    """The index of the first line of an event of `kind` (the header is line 0)."""
    for index, line in enumerate(data.splitlines()):
        if index and json.loads(line)["type"] == kind:
            return index
    raise AssertionError(kind)


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, bytes]:
    log = log_fuzz.base_log(tmp_path)
    return log, log.read_bytes()


NONSENSE_LINES = [
    ("phase.started", "phase", "x", "phase.started with a bad phase"),
    ("phase.started", "phase", 99, "phase.started with a bad phase"),
    ("phase.started", "phase", None, "phase.started with a bad phase"),
    ("phase.ended", "active_s", -30.0, "phase.ended with a bad active_s"),
    ("turn.ended", "duration_s", f"{log_fuzz.RAW}1e400", "turn.ended with a bad duration_s"),
    ("session.opened", "participants", "p01", "session.opened with a bad participants"),
    ("breakout.opened", "rooms", "p01 p02", "breakout.opened with a bad rooms"),
    ("round.started", "order", [["p01"]], "round.started with a bad order"),
]


@pytest.mark.parametrize(("kind", "key", "value", "reason"), NONSENSE_LINES)
def test_nonsense_data_is_damage_at_its_line_in_every_reader(
    base: tuple[Path, bytes], tmp_path: Path, kind: str, key: str, value: object,
    reason: str, capsys,
) -> None:
    log, data = base
    index = line_of(data, kind)
    log.write_bytes(log_fuzz.apply(data, Mutation("data", index, key, value)))
    seq = index  # seq n is on line n (the header is line 0)

    assert main(["logs", "verify", str(log)]) == 1
    out = capsys.readouterr().out
    assert f"(line {index + 1}): seq {seq}: {reason}" in out and out.count("\n") == 1
    assert f"{seq - 1} events readable" in out

    replay = ReplaySession.open(log)
    assert len(replay.events) == seq - 1
    assert replay.damage_note is not None and reason in replay.damage_note
    replay.seek_fraction(1.0)
    replay.segments()

    assert main(["report", str(log), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["about"]["status"] == "damaged"
    assert err.count("\n") == 1 and reason in err

    target = tmp_path / "export.jsonl"
    assert main(["export", str(log), "-o", str(target)]) == 0
    assert reason in capsys.readouterr().err
    assert main(["logs", "verify", str(target)]) == 0


@pytest.mark.parametrize(("key", "value", "reason"), [
    ("t", 1e18, "t out of range"),
    ("t", -5.0, "t out of range"),
    ("t", f"{log_fuzz.RAW}1e400", "t out of range"),
    ("ts", "9999-12-31T23:59:59.999Z", "ts is out of range"),
    ("ts", "2026-13-45T99:99:99.999Z", "ts is not a UTC time"),
])
def test_an_envelope_out_of_range_is_damage(
    base: tuple[Path, bytes], key: str, value: object, reason: str, capsys
) -> None:
    log, data = base
    log.write_bytes(log_fuzz.apply(data, Mutation("envelope", 30, key, value)))
    assert main(["logs", "verify", str(log)]) == 1
    assert f"(line 31): {reason}" in capsys.readouterr().out
    assert len(ReplaySession.open(log).events) == 29
    assert main(["report", str(log)]) == 0


def test_nan_is_not_json(base: tuple[Path, bytes], capsys) -> None:
    log, data = base
    log.write_bytes(log_fuzz.apply(data, Mutation("envelope", 30, "t", f"{log_fuzz.RAW}NaN")))
    assert main(["logs", "verify", str(log)]) == 1
    assert "(line 31): not JSON" in capsys.readouterr().out


@pytest.mark.parametrize(("key", "value", "reason"), [
    ("tz", "../../etc/passwd", "tz in header is not a time zone name"),
    ("tz", 5, "tz in header is not a time zone name"),
    ("created", "0001-01-01T00:00:00.000Z", "created in header is not a UTC time"),
    ("plan.snapshot.phases", "all of them", "its plan snapshot has no list of phases"),
    ("plan", [], "bad plan in header"),
    ("plan.snapshot", {}, "the plan in its header cannot be read"),
    ("speed", -1, "bad speed in header"),
    ("phase", "not a kind", "the plan in its header cannot be read"),
])
def test_a_header_that_makes_no_sense_is_refused_by_every_reader_in_one_line(
    base: tuple[Path, bytes], tmp_path: Path, key: str, value: object, reason: str, capsys
) -> None:
    log, data = base
    log.write_bytes(log_fuzz.apply(data, Mutation("header", 0, key, value, other=2)))
    for argv in (
        ["logs", "verify", str(log)],
        ["report", str(log)],
        ["export", str(log), "-o", str(tmp_path / "copy.jsonl")],
        ["replay", str(log)],
        ["resume", str(log)],
    ):
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, argv
        assert reason in captured.err and "Traceback" not in captured.err, argv
    assert not (tmp_path / "copy.jsonl").exists()


@pytest.mark.parametrize("zone", ["CEST", "W. Europe Standard Time", "Mars/Olympus"])
def test_a_zone_this_computer_does_not_know_is_shown_as_utc(
    base: tuple[Path, bytes], zone: str, capsys
) -> None:
    """tz is only for showing times: a name that is not a zone here (what the system
    called its zone, when the plan named none) is not damage."""
    log, data = base
    log.write_bytes(log_fuzz.apply(data, Mutation("header", 0, "tz", zone)))
    assert main(["logs", "verify", str(log)]) == 0
    assert "ok" in capsys.readouterr().out
    assert main(["report", str(log), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["about"]["status"] == "finished"


def test_a_lone_surrogate_in_a_text_is_damage_not_a_report_crash(
    base: tuple[Path, bytes], capsys
) -> None:
    log, data = base
    index = line_of(data, "marker.added")
    value = f"{log_fuzz.RAW}\"\\ud800 lone\""  # valid JSON, but no text UTF-8 can hold
    log.write_bytes(log_fuzz.apply(data, Mutation("data", index, "label", value)))
    assert main(["logs", "verify", str(log)]) == 1
    assert f"(line {index + 1})" in capsys.readouterr().out
    for fmt in ("md", "html", "json"):
        assert main(["report", str(log), "--format", fmt]) == 0
        _out, err = capsys.readouterr()
        assert "damaged" in err and "Traceback" not in err
