"""The roster beside the log: names only there, 0600, replaced atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sessiontui.journal.errors import JournalError
from sessiontui.journal.roster import load_roster, save_roster
from sessiontui.journal.writer import JournalWriter
from tests.unit.journal_child import sample_event, sample_header

PEOPLE = {"p01": {"name": "Ciara", "pronouns": "she/her"}, "p02": {"name": "Sam [they/them]"}}


def test_roster_round_trip_beside_the_log(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    target = save_roster(log, PEOPLE, {"f01": {"name": "Dee"}})
    assert target == tmp_path / "a.jsonl.roster.json"
    assert load_roster(log) == {
        "format": "sessiontui/roster",
        "participants": PEOPLE,
        "facilitators": {"f01": {"name": "Dee"}},
    }
    assert load_roster(tmp_path / "a.part2.jsonl") == load_roster(log)  # one per session


def test_no_roster_is_none(tmp_path: Path) -> None:
    assert load_roster(tmp_path / "a.jsonl") is None


def test_roster_is_0600_under_umask_000_and_leaves_no_temp_file(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        save_roster(tmp_path / "a.jsonl", PEOPLE)
        save_roster(tmp_path / "a.jsonl", {"p01": {"name": "Ciara"}})  # replaced whole
    finally:
        os.umask(old)
    target = tmp_path / "a.jsonl.roster.json"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert load_roster(tmp_path / "a.jsonl")["participants"] == {"p01": {"name": "Ciara"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "sessiontui/roster", "participants": {"p01": "Ciara"}}', "p01 must be"),
        ('{"participants": {}}', "not a sessiontui roster"),
        ('{"format": "sessiontui/roster", "participants": [1]', "not valid JSON"),
    ],
)
def test_a_bad_roster_is_a_clear_error_that_quotes_no_name(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "a.jsonl.roster.json").write_text(text)
    with pytest.raises(JournalError, match=message) as caught:
        load_roster(tmp_path / "a.jsonl")
    assert "Ciara" not in str(caught.value)


def test_names_never_reach_the_log(tmp_path: Path) -> None:
    log = tmp_path / "a.jsonl"
    save_roster(log, PEOPLE)
    with JournalWriter.create(log, sample_header()) as writer:
        for n in range(1, 30):
            writer.append(sample_event(n))
    data = log.read_bytes()
    assert b"Ciara" not in data and b"Sam" not in data
    assert b'"participant":"p01"' in data
