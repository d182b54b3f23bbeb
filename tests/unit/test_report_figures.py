"""The report's figures against a hand-made log whose answers were worked out by hand.

See `report_helpers.hand_made_events` for the arithmetic. The same figures must come
out of the model, the Markdown, the HTML and the JSON.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sessiontui.core.reduce import fold
from sessiontui.core.stats import talk_stats
from sessiontui.report import build_report, load_log, render
from sessiontui.report.model import SessionReport
from tests.unit.report_helpers import HAND_PLAN, ev, hand_made_events, write_log


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return write_log(tmp_path, HAND_PLAN, hand_made_events())


@pytest.fixture
def report(log_path: Path) -> SessionReport:
    log = load_log(log_path)
    return build_report(log.contents, log.roster, plan=log.plan)


def test_talk_figures(report: SessionReport) -> None:
    talk = report.talk
    assert (talk.total_s, talk.participants_s, talk.facilitator_s) == (240, 180, 60)
    assert talk.facilitator_share == pytest.approx(0.25)
    assert talk.gini == pytest.approx(240 / 540)  # 0.444
    assert talk.turn_taking == pytest.approx(2 / 3)
    assert (talk.chats, talk.runs, talk.facilitator_turns) == (4, 3, 1)
    assert talk.not_spoken == ("Sam",)
    assert talk.passed == ("Ciara",)
    assert (talk.waits, talk.median_wait_s, talk.longest_wait_s) == (2, 30, 40)
    assert talk.longest_wait_who == "Dev"
    people = {p.name: p for p in report.people}
    assert [(p.seconds, p.turns, p.share) for p in people.values()] == [
        (120, 1, 0.5), (60, 2, 0.25), (0, 0, 0.0),
    ]
    assert people["Ciara"].passes == 1 and people["Dev"].longest_wait_s == 40
    assert not people["Sam"].spoke and people["Sam"].attended


def test_figures_are_the_live_screens(log_path: Path, report: SessionReport) -> None:
    """Never recomputed differently: the same as core.stats on the folded state."""
    log = load_log(log_path)
    state = fold(log.plan, log.contents.events)
    stats = talk_stats(state, state.session.ended)
    assert report.talk.gini == stats.gini
    assert report.talk.turn_taking == stats.turn_taking
    assert report.talk.facilitator_share == stats.facilitator_share


def test_phase_figures_and_reasons(report: SessionReport) -> None:
    discussion, close = report.phases
    assert (discussion.planned_s, discussion.given_s, discussion.actual_s) == (600, 660, 740)
    assert discussion.over_s == 80 and discussion.outcome == "ran-over"
    assert (discussion.talk_s, discussion.facilitator_s) == (240, 60)
    assert discussion.why == (  # a pause reason is private text
        "paused 1m 00s at 19:35 (the reason is private: left out)",
        "1m 00s time added at 19:36",
    )
    assert report.left_out == {"follow-up note": 1, "note": 1, "pause reason": 1}
    assert (close.planned_start_s, close.actual_start_s, close.start_delta_s) == (600, 800, 200)
    assert (close.planned_clock, close.actual_clock) == ("19:40", "19:43")
    assert (close.actual_s, close.over_s, close.outcome) == (300, 0, "completed")
    timing = report.timing
    assert (timing.planned_s, timing.actual_s, timing.over_s) == (900, 1100, 200)
    assert (timing.pauses, timing.paused_s) == (1, 60)
    assert timing.started_local == "Tue 24 Nov 2026, 19:30 GMT"


def test_close_items(report: SessionReport) -> None:
    assert [a.text for a in report.rounds[0].answers] == ["tired but glad Ciara came"]
    assert report.rounds[0].passed == ("Ciara",)
    assert [t.text for t in report.takeaways] == ["Sam and ciara swapped numbers"]
    assert [(f.who, f.score) for f in report.feedback] == [("Ciara", 4)]
    assert [p.text for p in report.parked] == ["Dev's question about respite care"]
    assert [(f.who, f.text) for f in report.follow_ups] == [("Dev", None)]
    assert [m.text for m in report.markers] == ["Ciara opened up"]
    assert [n.text for n in report.notes] == ["Good energy from Sam, SHARED-NOTE"]
    assert report.notes_left_out == 1


def test_prompts_are_questions_not_scores(report: SessionReport) -> None:
    texts = [p.text for p in report.prompts]
    assert all(t.rstrip().endswith("?") for t in texts), texts
    assert any("You spoke for 25% of the talk time (1m 00s of 4m 00s)" in t for t in texts)
    silent = next(t for t in texts if t.startswith("Sam did not take a turn"))
    assert "right to pass" in silent
    assert not any("score" in t.lower() and "Gini" in t for t in texts)


def test_markdown_shows_the_figures(report: SessionReport) -> None:
    md = render(report, "md")
    for expected in (
        "| Ciara             |    2m 00s |   50% |     1 |      1 |         20s |"
        "              30s |",
        "| Dev               |    1m 00s |   25% |     2 |      - |         40s |"
        "           3m 30s |",
        "| Facilitator (you) |    1m 00s |   25% |     1 |      - |           - |"
        "                - |",
        "Your share of the talk time: 25% (1m 00s of 4m 00s)",
        "dominates): 0.44",
        "every turn): 0.67; the speaker changed in 2 of the 3 turns after the first "
        "(4 turns in all)",
        "You spoke between two members' turns in 1 of 2 handovers from one member to the "
        "next (50%)",
        "Waits from raised hand to turn: 2, median 30s, longest 40s (Dev)",
        "Did not take a turn: Sam. Peer support has a right to pass",
        "|   1 | Open discussion | 19:30      | 19:30   | 10m 00s | 11m 00s | 12m 20s "
        "| 1m 20s over | ran over |",
        "Open discussion: paused 1m 00s at 19:35 (the reason is private: left out)",
        "Private text is left out (1 follow-up note, 1 note and 1 pause reason); "
        "--include-notes puts it in.",
        "ran 18m 20s of 15m 00s planned (3m 20s over)",
    ):
        assert expected in md, expected
    assert "PRIVATE-NOTE" not in md and "FOLLOWUP-NOTE" not in md
    assert "SHARED-NOTE" in md and "tech trouble" not in md


def test_include_notes_shows_the_pause_reason(log_path: Path) -> None:
    log = load_log(log_path)
    report = build_report(log.contents, log.roster, plan=log.plan, include_notes=True)
    assert report.phases[0].why[0] == "paused 1m 00s at 19:35: \u201ctech trouble\u201d"
    assert report.left_out == {}


def test_html_shows_the_figures(report: SessionReport) -> None:
    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>")
    for expected in ("<b>25%</b>", "<b>0.44</b>", "<b>0.67</b>", "<b>30s</b>",
                     '<td class="wrap">Ciara</td><td class="num">2m 00s</td>'
                     '<td class="num">50%</td>',
                     "1m 20s over", "Did not take a turn: Sam"):
        assert expected in html, expected
    assert "<svg" in html and html.count("</svg>") == 2
    assert "PRIVATE-NOTE" not in html


def test_json_has_the_figures_and_a_schema_version(report: SessionReport) -> None:
    data = json.loads(render(report, "json"))
    assert data["schema_version"] == 1 and data["kind"] == "session"
    talk = data["talk"]
    assert talk["facilitator_share"] == 0.25
    assert talk["gini"] == 0.4444 and talk["turn_taking"] == 0.6667
    assert talk["not_spoken"] == ["Sam"]
    people = {p["name"]: p for p in data["people"]}
    assert people["Ciara"]["seconds"] == 120 and people["Dev"]["turns"] == 2
    assert people["Ciara"]["id"] == "p01"
    discussion = data["phases"][0]
    assert discussion["over_s"] == 80 and discussion["facilitator_share"] == 0.25
    assert data["about"]["notes"] == "shared" and data["notes_left_out"] == 1
    assert "PRIVATE-NOTE" not in json.dumps(data)


def test_include_notes_puts_private_notes_in(log_path: Path) -> None:
    log = load_log(log_path)
    report = build_report(log.contents, log.roster, plan=log.plan, include_notes=True)
    notes = {n.text: n for n in report.notes}
    private = notes["Dev seemed low tonight, PRIVATE-NOTE"]  # the correction applied
    assert private.private and private.amended
    assert report.follow_ups[0].text == "call Dev, FOLLOWUP-NOTE"
    for fmt in ("md", "html", "json"):
        text = render(report, fmt)
        assert "PRIVATE-NOTE" in text and "FOLLOWUP-NOTE" in text, fmt


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    events = hand_made_events()
    hostile = '<script>alert(1)</script><img src="https://example.com/x.png"> & "q"'
    events.insert(-2, ev("marker.added", 1000, label=hostile, phase=1))
    log = load_log(write_log(tmp_path, HAND_PLAN, events))
    html = render(build_report(log.contents, log.roster, plan=log.plan), "html")
    tags: set[str] = set()
    attributes: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.add(tag)
            attributes.update(name for name, _ in attrs)

    Collect().feed(html)
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "image", "use"}
    assert not attributes & {"src", "href", "srcset", "action", "xlink:href", "onload"}
    assert all(u.startswith("url(#") for u in re.findall(r"url\([^)]*\)", html))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;" in html
    assert "Dev&#x27;s question about respite care" in html
    assert "Content-Security-Policy" in html and "default-src &#x27;none&#x27;" in html
    md = render(build_report(log.contents, log.roster, plan=log.plan), "md")
    assert "\\<script\\>alert(1)\\</script\\>" in md


@pytest.mark.parametrize("cut", [0, 1, 8])
def test_short_and_odd_logs_still_report(tmp_path: Path, cut: int) -> None:
    """No events, only `session.opened`, or a few events then ones this version does
    not know or cannot use: every format renders, nothing is made up."""
    events = hand_made_events()[:cut]
    if cut == 8:
        events += [ev("future.thing", 300, who="Ciara"), ev("turn.started", 301, speaker=5,
                                                            source="x")]
    log = load_log(write_log(tmp_path, HAND_PLAN, events))
    for anonymize in (False, True):
        report = build_report(log.contents, log.roster, plan=log.plan, anonymize=anonymize)
        for fmt in ("md", "html", "json"):
            assert render(report, fmt)
    if cut < 2:
        assert report.prompts == () and report.timing.date == "-"
        assert all(row.status == "not-reached" for row in report.phases)
    else:
        # The type it does not know is skipped and counted; the one it cannot use is
        # damage to the reader (its CRC checks, its speaker makes no sense).
        assert (report.about.unknown_events, report.about.bad_events) == (1, 0)
        assert "1 event from a newer sessiontui was skipped" in render(report, "md")
        assert log.contents.damage is not None
        assert log.contents.damage.reason == "seq 10: turn.started with a bad speaker"


def test_a_hand_still_up_at_the_end_is_named_for_the_trainer(tmp_path: Path) -> None:
    events = hand_made_events()
    end = next(i for i, e in enumerate(events) if e.type == "session.ended")
    events.insert(end, ev("hand.raised", 1000, participant="p03"))
    for number, event in enumerate(events, 1):
        events[number - 1] = type(event)(event.type, event.data, t=event.t, ts=event.ts,
                                         seq=number, v=event.v)
    log = load_log(write_log(tmp_path, HAND_PLAN, events))
    report = build_report(log.contents, log.roster, plan=log.plan)
    assert report.talk.hands_up == ("Sam",)
    assert "Hands still up at the end, never given the floor: Sam" in render(report, "md")
    assert "never given the floor: Sam" in render(report, "html")
    assert json.loads(render(report, "json"))["talk"]["hands_up"] == ["Sam"]
    assert any(p.topic == "hands-up" and "Sam" in p.text for p in report.prompts)


def test_a_long_list_of_names_ends_with_how_many_more_never_1_others() -> None:
    from sessiontui.report.fmt import join_names

    people = [f"P{n}" for n in range(1, 11)]
    assert join_names(people[:9]) == "P1, P2, P3, P4, P5, P6, P7, P8 and P9"
    assert join_names(people) == "P1, P2, P3, P4, P5, P6, P7, P8 and 2 others"


def test_a_report_that_consumes_the_events_says_the_same(log_path: Path,
                                                         report: SessionReport) -> None:
    """The command line lets go of each event once folded (a long log's peak memory);
    the report is the same, and the events are gone from the list it was given."""
    log = load_log(log_path)
    consumed = build_report(log.contents, log.roster, plan=log.plan, consume=True)
    assert log.contents.events == []
    assert render(consumed, "json") == render(report, "json")


def test_a_phase_gone_back_into_is_given_its_time_once(tmp_path: Path) -> None:
    """N back into a phase once made the report say 'Given 30m' for a 15-minute check-in
    (and 'ended 28m early')."""
    from sessiontui.core import commands as c
    from tests.unit.core_helpers import Run, example

    plan = example("evening-group")
    run = Run(plan)
    run.send(c.NextStep(), after=5)
    run.send(c.GoToPhase(1), after=240)
    run.send(c.PreviousStep(), after=5)  # back into the check-in, 4 minutes used
    run.send(c.GoToPhase(1), after=600)
    run.send(c.EndSession(), after=60)
    loaded = load_log(write_log(tmp_path, plan, run.events))
    check_in = build_report(loaded.contents, loaded.roster, plan=loaded.plan).phases[0]
    assert check_in.runs == 2
    assert check_in.given_s == 15 * 60
    assert check_in.actual_s == pytest.approx(245 + 600)
    assert check_in.over_s == pytest.approx(245 + 600 - 15 * 60)
