"""Privacy classes: decided once in the vocabulary, kept by every report and export;
one label per person in an anonymised report, its export and a replay of it; aliases;
--no-people."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.core.privacy import CLASSES, MEMBERS, PRIVATE, SHAREABLE
from sessiontui.core.vocabulary import (
    EVENTS,
    TEXT_FIELDS,
    privacy_table,
    text_privacy,
    who_sees,
)
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError
from sessiontui.journal.roster import Names, load_roster, save_roster
from sessiontui.plan import PlanError, load_plan_bytes
from sessiontui.plan.redact import plan_snapshot, roster_entries
from sessiontui.report import build_report, build_reports, build_series, load_log, render
from sessiontui.report.export import export_log
from tests.unit.report_helpers import driven_session, names_found, write_log

DOCS = Path(__file__).resolve().parents[2] / "docs"

# Text typed into the driven session (report_helpers.driven_session), by class.
TYPED = {
    PRIVATE: ["someone needs a moment", "PRIVATE-NOTE", "FOLLOWUP-NOTE"],
    MEMBERS: ["hopeful", "cat on camera", "carers' grant", "shared what helped",
              "asking is a strength", "audio kept dropping", "SHARED-NOTE", "will call"],
    SHAREABLE: ["laughed for the first time"],
}


@pytest.fixture(scope="module")
def evening(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan, events = driven_session()
    folder = tmp_path_factory.mktemp("evening")
    return write_log(folder, plan, events, walk_ins={"p07": "Zoë Quill"})


def present(text: str) -> dict[str, set[bool]]:
    """Per class, whether each of its typed texts is in `text`."""
    return {key: {typed in text for typed in TYPED[key]} for key in TYPED}


def test_every_text_field_has_one_class_in_the_vocabulary() -> None:
    for name, fields in TEXT_FIELDS.items():
        assert set(fields) == set(EVENTS[name].privacy), name
        for field in fields:
            assert text_privacy(name, field) in CLASSES
    assert text_privacy("session.paused", "reason") == PRIVATE
    assert text_privacy("followup.flagged", "text") == PRIVATE
    assert text_privacy("round.answered", "text") == MEMBERS
    assert text_privacy("marker.added", "label") == SHAREABLE
    assert text_privacy("note.added", "text", {"private": True}) == PRIVATE
    assert text_privacy("note.added", "text", {"private": False}) == MEMBERS
    assert text_privacy("from.the.future", "text") == PRIVATE  # cannot place it: private


def test_the_docs_list_the_privacy_table_and_the_dialog_lines() -> None:
    text = (DOCS / "log-format.md").read_text(encoding="utf-8")
    start, end = "<!-- privacy:start -->", "<!-- privacy:end -->"
    table = text[text.index(start) + len(start):text.index(end)].strip()
    assert table == privacy_table().strip(), "regenerate it from vocabulary.privacy_table()"
    for privacy in CLASSES.values():
        assert privacy.dialog in text
    assert who_sees("session.paused", "reason") == (
        "Private: only in your own report, with --include-notes.")
    assert who_sees("marker.added", "label").startswith("Shareable: a label your trainer sees")


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("include_notes", [False, True])
@pytest.mark.parametrize("anonymize", [False, True])
def test_each_class_in_each_report_format(
    evening: Path, fmt: str, include_notes: bool, anonymize: bool
) -> None:
    log = load_log(evening)
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=anonymize,
                          include_notes=include_notes)
    text = render(report, fmt)
    if fmt == "html":
        text = html.unescape(text)
    found = present(text)
    assert found[PRIVATE] == {include_notes}
    assert found[MEMBERS] == {True} and found[SHAREABLE] == {True}
    if include_notes:
        assert report.left_out == {}
        assert "Private text is included" in text or fmt == "json"
    else:
        assert report.left_out == {"follow-up note": 1, "note": 1, "pause reason": 1}
        assert ("Private text is left out (1 follow-up note, 1 note and 1 pause reason)"
                in text) or fmt == "json"


@pytest.mark.parametrize(("options", "private", "words"), [
    ([], False, True),
    (["--include-notes"], True, True),
    (["--anonymize"], False, False),
    (["--anonymize", "--include-notes"], True, False),
    (["--anonymize", "--include-words"], False, True),
    (["--anonymize", "--include-words", "--include-notes"], True, True),
])
def test_each_class_in_each_export(
    evening: Path, tmp_path: Path, options: list[str], private: bool, words: bool, capsys
) -> None:
    target = tmp_path / "copy.jsonl"
    assert main(["export", str(evening), "-o", str(target), *options]) == 0
    capsys.readouterr()
    text = target.read_text(encoding="utf-8")
    found = present(text)
    assert found[PRIVATE] == {private}
    assert found[MEMBERS] == {words} and found[SHAREABLE] == {True}
    export = json.loads(text.splitlines()[0])["export"]
    assert export["private_notes"] == ("included" if private else "removed")
    assert export["members_words"] == ("included" if words else "removed")
    # a report of the copy has the same figures, and says what the copy left out
    copy = load_log(target)
    report = build_report(copy.contents, copy.roster, plan=copy.plan, include_notes=True)
    why = report.phases[2].why[0]
    assert ("someone needs a moment" in why) == private
    if not private:
        assert why.endswith("(no reason in this copy: private text was left out of it)")
    assert report.about.names == "anonymized" and report.about.names_scrubbed


def test_one_label_per_person_in_the_report_its_export_and_a_replay(
    evening: Path, tmp_path: Path
) -> None:
    from sessiontui.replay import ReplaySession

    log = load_log(evening)
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True)
    labels = {person.id: person.name for person in report.people}
    assert sorted(labels.values()) == [f"Participant {n}" for n in range(1, 8)]
    in_roster_order = {f"p{n:02d}": f"Participant {n}" for n in range(1, 8)}
    assert labels != in_roster_order, "labels must not follow the roster's order"
    again = build_report(log.contents, log.roster, plan=log.plan, anonymize=True)
    assert {p.id: p.name for p in again.people} == labels  # stable for a log
    (series,) = build_reports([log], anonymize=True)
    assert {p.id: p.name for p in series.people} == labels  # a series of one: the same

    target = tmp_path / "copy.jsonl"
    export_log(evening, target, anonymize=True)
    roster = load_roster(target)
    assert roster is not None and roster["labels"] is True
    assert {pid: e["name"] for pid, e in roster["participants"].items()} == labels
    replay = ReplaySession.open(target)
    assert {pid: replay.names.name(pid) for pid in labels} == labels
    copy = load_log(target)
    for anonymize in (False, True):
        theirs = build_report(copy.contents, copy.roster, plan=copy.plan, anonymize=anonymize)
        assert {p.id: p.name for p in theirs.people} == labels
        assert theirs.about.names == "anonymized" and theirs.about.names_scrubbed
        assert theirs.about.replacements > 0  # as counted when the copy was made


def test_another_session_gets_other_labels(evening: Path, tmp_path: Path) -> None:
    plan, events = driven_session()
    other = write_log(tmp_path, plan, events, session_id="1" * 32)
    one, two = load_log(evening), load_log(other)
    first = build_report(one.contents, one.roster, plan=one.plan, anonymize=True)
    second = build_report(two.contents, two.roster, plan=two.plan, anonymize=True)
    assert [p.name for p in first.people] != [p.name for p in second.people]


def test_no_people_leaves_out_the_per_person_table(evening: Path, capsys) -> None:
    assert main(["report", str(evening), "--anonymize", "--no-people"]) == 0
    md = capsys.readouterr().out
    assert "| Person " in md and "| Participant" not in md  # only the facilitator's row
    assert "The per-person table and quiz points are left out (--no-people)." in md
    assert "can still be recognised from patterns" not in md
    assert main(["report", str(evening), "--anonymize", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["people"]) == 7 and not data["about"]["people_left_out"]
    assert main(["report", str(evening), "--anonymize", "--no-people", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["people"] == [] and data["about"]["people_left_out"]
    log = load_log(evening)
    series = build_series(build_reports([log, log], anonymize=True, people=False))
    assert series.people == ()
    assert "can still be recognised from patterns" in render(
        build_report(log.contents, log.roster, plan=log.plan, anonymize=True), "md")


# -- aliases -------------------------------------------------------------------------------

HEAD = '[session]\ntitle = "x"\n[[phases]]\nkind = "discussion"\nduration = "10m"\n'


def plan_with(people: str):
    return load_plan_bytes((HEAD + people).encode(), "plan.toml").plan


def refused(people: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        plan_with(people)
    return [str(p) for p in caught.value.problems]


def test_aliases_go_to_the_roster_never_to_the_log(tmp_path: Path) -> None:
    plan = plan_with('[[participants]]\nname = "Ζωή"\naliases = ["Zoe", "Zo"]\n'
                     '[[participants]]\nname = "Raj"\n')
    assert plan.participants[0].aliases == ["Zoe", "Zo"]
    snapshot = json.dumps(plan_snapshot(plan), ensure_ascii=False)
    assert "aliases" not in snapshot and "Zoe" not in snapshot
    entries = roster_entries(plan)
    assert entries == {"p01": {"name": "Ζωή", "aliases": ["Zoe", "Zo"]}, "p02": {"name": "Raj"}}
    log = tmp_path / "x.jsonl"
    save_roster(log, entries)
    roster = load_roster(log)
    assert Names(dict(roster["participants"])).aliases("p01") == ("Zoe", "Zo")
    assert Names(dict(roster["participants"])).aliases("p02") == ()


def test_bad_aliases_are_refused_with_where_they_are() -> None:
    (line,) = refused('[[participants]]\nname = "Ana"\naliases = ["A"]\n')
    assert line.startswith("plan.toml:") and "two letters or more" in line
    (line,) = refused('[[participants]]\nname = "Ana"\n[[participants]]\nname = "Bo"\n'
                      'aliases = ["ana"]\n')
    assert 'alias "ana" is the name of another participant' in line
    (line,) = refused('[[participants]]\nname = "Ana"\naliases = ["Annie"]\n'
                      '[[participants]]\nname = "Bo"\naliases = ["annie"]\n')
    assert 'alias "annie" is also an alias of "Ana"' in line


def test_a_roster_with_aliases_that_are_not_text_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "x.jsonl"
    path = paths.roster_path(log)
    path.write_text('{"format": "sessiontui/roster", "participants": '
                    '{"p01": {"name": "Ana", "aliases": "Annie"}}}')
    path.chmod(0o600)
    with pytest.raises(JournalError, match="aliases that are not a list of text"):
        load_roster(log)


def test_the_anonymiser_uses_aliases_and_walk_ins(tmp_path: Path) -> None:
    from sessiontui.core import commands as c
    from tests.unit.core_helpers import Run

    plan = load_plan_bytes((
        '[session]\ntitle = "x"\n[[participants]]\nname = "Ζωή Παπαδοπούλου"\n'
        'aliases = ["Zo"]\n[[participants]]\nname = "Raj"\n'
        '[[phases]]\nkind = "discussion"\nduration = "10m"\n').encode()).plan
    run = Run(plan)
    run.send(c.AddParticipant(), after=5)
    run.send(c.AddMarker("zo and zoe's friend mary-kate arrived; raj left"), after=5)
    run.send(c.EndSession(), after=5)
    path = write_log(tmp_path, plan, run.events, walk_ins={"p03": "Mary-Kate O'Neill"})
    log = load_log(path)
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True)
    label = {p.id: p.name for p in report.people}
    assert report.markers[0].text == (
        f"{label['p01']} and {label['p01']}'s friend {label['p03']} arrived; {label['p02']} left")
    assert names_found(render(report, "md"), ("Zo", "zoe", "Mary", "Kate", "Raj")) == []
