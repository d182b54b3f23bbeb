"""Reports say whether people who cannot raise a hand on video (on the phone, on chat
only) got the floor: counts in a line, and a label per person where names are shown."""

from __future__ import annotations

import pytest

from sessiontui.report.fmt import joined_words
from sessiontui.report.model import JoinedBy


@pytest.mark.parametrize(("rows", "said"), [
    ([JoinedBy("phone", 2, 2, 2), JoinedBy("chat", 1, 1, 0)],
     "Joined by phone: 2, both spoke; by chat only: 1, did not get the floor"),
    ([JoinedBy("phone", 1, 1, 1)], "Joined by phone: 1, spoke"),
    ([JoinedBy("phone", 3, 3, 3)], "Joined by phone: 3, all spoke"),
    ([JoinedBy("phone", 3, 3, 1)], "Joined by phone: 3, 1 of 3 spoke"),
    ([JoinedBy("phone", 3, 2, 1)], "Joined by phone: 3, 2 came, 1 of them spoke"),
    ([JoinedBy("chat", 2, 1, 1)], "Joined by chat only: 2, 1 came and spoke"),
    ([JoinedBy("chat", 2, 2, 0)], "Joined by chat only: 2, none got the floor"),
    ([JoinedBy("chat", 1, 0, 0)], "Joined by chat only: 1, did not come"),
    ([], ""),
])
def test_the_line_says_who_got_the_floor(rows: list[JoinedBy], said: str) -> None:
    assert joined_words(rows) == said


def test_the_report_counts_from_the_roster_and_labels_people(tmp_path) -> None:
    from sessiontui.journal.reader import read_log
    from sessiontui.journal.roster import load_roster, save_roster
    from sessiontui.report.model import build_report
    from tests.unit.report_helpers import HAND_PLAN, hand_made_events, write_log

    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    roster = load_roster(path)
    people = {**roster["participants"]}
    people["p02"] = {**people["p02"], "joins": "phone"}
    people["p03"] = {**people["p03"], "joins": "chat"}
    save_roster(path, people)
    roster = load_roster(path)
    contents = read_log(path)
    report = build_report(contents, roster)
    assert [(p.name, p.joins) for p in report.people] == [
        ("Ciara", "video"), ("Dev", "phone"), ("Sam", "chat")]
    assert report.talk.joined == (JoinedBy("phone", 1, 1, 1), JoinedBy("chat", 1, 1, 0))
    anonymous = build_report(read_log(path), roster, anonymize=True)
    assert [p.joins for p in anonymous.people] == [None, None, None], (
        "how someone joins can tell who they are")
    assert anonymous.talk.joined == report.talk.joined, "counts stay"
    without = build_report(read_log(path), None)
    assert without.talk.joined == () and {p.joins for p in without.people} == {None}
