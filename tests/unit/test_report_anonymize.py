"""--anonymize: no roster name anywhere in any output, even typed into free text."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from sessiontui.report import build_report, load_log, render
from sessiontui.report.names import AMBIGUOUS, Scrubber, build_namings, scrub_table
from tests.unit.report_helpers import (
    HAND_PLAN,
    driven_session,
    hand_made_events,
    names_found,
    write_log,
)

EVENING_NAMES = ("Ciara", "Dev", "Sam", "Margaret", "Tomasz", "Yemi", "Aoife", "Zoë Quill")


@pytest.fixture(scope="module")
def evening(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan, events = driven_session()
    folder = tmp_path_factory.mktemp("evening")
    return write_log(folder, plan, events, walk_ins={"p07": "Zoë Quill"})


def labels_of(report) -> dict[str, str]:
    """id -> label in an anonymized report."""
    return {person.id: person.name for person in report.people}


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("notes", [False, True])
def test_no_roster_name_anywhere(evening: Path, fmt: str, notes: bool) -> None:
    log = load_log(evening)
    assert log.roster is not None
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True,
                          include_notes=notes)
    label = labels_of(report)
    raw = render(report, fmt)
    text = html.unescape(raw) if fmt == "html" else raw
    assert names_found(raw, EVENING_NAMES) == [] and names_found(text, EVENING_NAMES) == []
    assert label["p01"] in text and label["p06"] in text
    # the names typed into text were there to find, and were replaced
    assert f"Be kind to {label['p01']}'s cat on camera" in text
    assert f"{label['p01']} and {label['p02']} shared what helped" in text
    if notes:
        assert f"{label['p06']} and {label['p02']} clashed a little, PRIVATE-NOTE" in text
        assert f"{label['p02']} mentioned a hard week, FOLLOWUP-NOTE" in text
    else:
        assert "PRIVATE-NOTE" not in text and "FOLLOWUP-NOTE" not in text
    assert "SHARED-NOTE" in text
    assert f"{label['p07']} joined via {label['p01']}, SHARED-NOTE" in text


def test_without_anonymize_the_names_are_the_rosters(evening: Path) -> None:
    log = load_log(evening)
    text = render(build_report(log.contents, log.roster, plan=log.plan), "md")
    assert set(names_found(text, EVENING_NAMES)) >= {"Ciara", "Dev", "Tomasz"}
    assert "This report contains names from the roster file" in text


def test_without_a_roster_people_are_pseudonyms(tmp_path: Path) -> None:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events(), roster=False)
    log = load_log(path)
    assert log.roster is None
    report = build_report(log.contents, None, plan=log.plan)
    assert [p.name for p in report.people] == ["Participant 1", "Participant 2", "Participant 3"]
    assert report.about.names == "pseudonyms"
    anonymous = build_report(log.contents, None, plan=log.plan, anonymize=True)
    assert not anonymous.about.names_scrubbed
    assert "could not be looked for" in render(anonymous, "md")


def test_hand_made_log_names_in_every_text(tmp_path: Path) -> None:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    log = load_log(path)
    report = build_report(log.contents, log.roster, plan=log.plan, anonymize=True,
                          include_notes=True)
    for fmt in ("md", "html", "json"):
        assert names_found(render(report, fmt), ("Ciara", "Dev", "Sam")) == [], fmt
    label = labels_of(report)
    assert report.takeaways[0].text == f"{label['p03']} and {label['p01']} swapped numbers"
    assert report.markers[0].text == f"{label['p01']} opened up"
    assert report.feedback[0].comment == f"Zoom was fine for {label['p01']}"
    # marker 1, parked 1, answer 1, takeaway 2, two notes 2, follow-up 1, feedback 1
    assert report.about.replacements == 9
    assert "(9 replacements; a common word" in render(report, "md")


def test_scrubber_whole_words_any_case_and_accents() -> None:
    scrub = Scrubber(scrub_table([("Sam", "Participant 3"), ("Zoë Quill", "Participant 7"),
                                  ("Ann-Marie", "Participant 2")]))
    assert scrub("SAM said same to sammy; sam's turn; sams idea") == (
        "Participant 3 said same to sammy; Participant 3's turn; Participant 3s idea")
    assert scrub("zoe quill and Zoë came, then QUILL") == (
        "Participant 7 and Participant 7 came, then Participant 7")
    assert scrub("ann-marie, Ann-Marie") == "Participant 2, Participant 2"
    assert scrub("file_sam_log.jsonl") == "file_Participant 3_log.jsonl"
    assert scrub("Samuel") == "Samuel"


def test_a_shared_surname_becomes_a_neutral_mark() -> None:
    scrub = Scrubber(
        scrub_table([("Ciara Byrne", "Participant 1"), ("Dev Byrne", "Participant 2")])
    )
    # "the Byrnes" names a family too: over-matching is the safe failure
    assert scrub("Ciara Byrne met Dev; the Byrnes and Byrne; Byrne, Dev") == (
        f"Participant 1 met Participant 2; the {AMBIGUOUS}s and {AMBIGUOUS}; "
        f"{AMBIGUOUS}, Participant 2")


def test_pseudonyms_are_stable_across_a_series() -> None:
    one = {"participants": {"p01": {"name": "Ciara"}, "p02": {"name": "Dev"}}}
    two = {"participants": {"p01": {"name": "Dev"}, "p02": {"name": "Alex"}}}
    first, second = build_namings([(["p01", "p02"], one), (["p01", "p02"], two)], anonymize=True)
    assert second.names["p01"] == first.names["p02"]  # Dev keeps one label
    assert len({*first.names.values(), *second.names.values()}) == 3
    plain = build_namings([(["p01", "p02"], one), (["p01", "p02"], two)], anonymize=False)
    assert plain[1].names == {"p01": "Dev", "p02": "Alex"}


def test_json_anonymized_has_no_name_in_any_value(evening: Path) -> None:
    log = load_log(evening)
    data = json.loads(render(build_report(log.contents, log.roster, plan=log.plan,
                                          anonymize=True), "json"))
    assert data["about"]["names"] == "anonymized" and data["about"]["names_scrubbed"]

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    assert names_found("\n".join(strings(data)), EVENING_NAMES) == []
