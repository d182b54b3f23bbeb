"""Helpers for the report and export tests: real logs on disk, made two ways.

- `hand_made_events()`: a short session whose figures were worked out by hand (see the
  comments): the report must print exactly these.
- `driven_session(...)`: a fuller session driven through `decide` on a FakeClock (like
  the app does), with rounds, rules, a breakout, notes and names typed into free text.

`write_log` writes either with the journal's own writer (CRCs, seq, 0600) and the
roster beside it, as the app does.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sessiontui.core import commands as c
from sessiontui.core.events import Event, format_ts
from sessiontui.journal.roster import save_roster
from sessiontui.journal.writer import JournalWriter
from sessiontui.plan import Plan
from sessiontui.plan.redact import plan_snapshot, roster_entries
from tests.unit.core_helpers import Run, example, plan_from

START = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)

HAND_PLAN = plan_from(
    '[[phases]]\nkind = "discussion"\ntitle = "Open discussion"\nduration = "10m"\n'
    'prompts = ["What helped this week?"]\n'
    '[[phases]]\nkind = "close"\ntitle = "Check out"\nduration = "5m"\ncapture = "text"\n',
    people=("Ciara", "Dev", "Sam"),
    rules=("What is shared here stays here",),
)

ROSTER_NAMES = ("Ciara", "Dev", "Sam")


def _no_sync(fd: int) -> None:
    """Tests and benchmarks need no fsync: nothing here has to survive a power cut."""


def ev(type: str, t: float, **data: Any) -> Event:
    """A hand-made event at session time t, with its wall time from START."""
    return Event(type=type, data=data, t=float(t), ts=format_ts(START + timedelta(seconds=t)))


def hand_made_events() -> list[Event]:
    """Figures by hand:

    talk: Ciara 120 s (1 turn), Dev 40 + 20 = 60 s (2 turns in a row), facilitator 60 s;
      total 240 s; facilitator share 60/240 = 25%; Ciara 50%, Dev 25%, Sam 0.
    Gini over attended participants [0, 60, 120]: (0·0 + 0·60 + 2·120) / (3·180) = 0.444.
    turn-taking: 4 chats, 3 runs -> (3 − 1)/(4 − 1) = 0.667.
    waits: Ciara 30 − 10 = 20 s, Dev 210 − 170 = 40 s; median 30 s, longest 40 s (Dev).
    did not speak: Sam. Passed: Ciara (in the close round).
    discussion: planned 10m, +1m added, paused 60 s ("tech trouble"), ran 800 − 60 =
      740 s active, given 660 s -> 80 s (1m 20s) over; outcome ran-over.
    close: planned start 600 s, actual 800 s (3m 20s late); 300 s, on time.
    session: 1100 s against 900 s planned -> 200 s (3m 20s) over.
    """
    p = ["p01", "p02", "p03"]
    return [
        ev("session.opened", 0, plan_sha256="0" * 64, rehearsal=False, participants=p),
        ev("session.started", 0),
        ev("phase.started", 0, phase=0, kind="discussion", planned_s=600),
        ev("prompt.shown", 0, phase=0, index=0),
        ev("hand.raised", 10, participant="p01"),
        ev("turn.started", 30, speaker="p01", source="queue"),
        ev("turn.ended", 150, speaker="p01", duration_s=120.0),
        ev("turn.started", 150, speaker="facilitator", source="facilitator"),
        ev("hand.raised", 170, participant="p02"),
        ev("turn.ended", 210, speaker="facilitator", duration_s=60.0),
        ev("turn.started", 210, speaker="p02", source="queue"),
        ev("turn.ended", 250, speaker="p02", duration_s=40.0),
        ev("turn.started", 250, speaker="p02", source="direct"),
        ev("turn.ended", 270, speaker="p02", duration_s=20.0),
        ev("session.paused", 300, reason="tech trouble"),
        ev("session.resumed", 360, paused_s=60.0),
        ev("phase.time_adjusted", 400, phase=0, seconds=60),
        ev("marker.added", 450, label="Ciara opened up", phase=0),
        ev("item.parked", 500, item_id=1, text="Dev's question about respite care"),
        ev("phase.ended", 800, phase=0, outcome="ran-over", active_s=740.0),
        ev("phase.started", 800, phase=1, kind="close", planned_s=300),
        ev("round.started", 800, phase=1, order=p, method="plan", seed=None),
        ev("round.moved", 810, phase=1, position=0, participant="p01"),
        ev("round.passed", 812, participant="p01"),
        ev("round.moved", 815, phase=1, position=1, participant="p02"),
        ev("round.answered", 818, participant="p02", text="tired but glad Ciara came"),
        ev("round.moved", 820, phase=1, position=2, participant="p03"),
        ev("round.completed", 830, phase=1),
        ev("takeaway.added", 840, text="Sam and ciara swapped numbers", participant=None),
        ev("note.added", 850, note_id=1, text="Dev seemed low, PRIVATE-NOTE", private=True,
           phase=1),
        ev("note.added", 855, note_id=2, text="Good energy from Sam, SHARED-NOTE",
           private=False, phase=1),
        ev("note.amended", 856, note_id=1, text="Dev seemed low tonight, PRIVATE-NOTE"),
        ev("followup.flagged", 860, participant="p02", text="call Dev, FOLLOWUP-NOTE"),
        ev("feedback.recorded", 870, score=4, comment="Zoom was fine for Ciara",
           participant="p01"),
        ev("phase.ended", 1100, phase=1, outcome="completed", active_s=300.0),
        ev("session.ended", 1100, reason="completed"),
    ]


def header_for(plan: Plan, session_id: str = "3f9a1c2be07d4b6a9c51d2e8f4a7b0c3",
               created: datetime = START) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "created": format_ts(created),
        "tz": "Europe/London",
        "app": {"name": "sessiontui", "version": "0.1.0"},
        "plan": {
            "sha256": "0" * 64,
            "source_name": "evening-group.toml",
            "snapshot": plan_snapshot(plan),
        },
        "rehearsal": False,
    }


def write_log(
    folder: Path,
    plan: Plan,
    events: list[Event],
    *,
    name: str = "20261124T193000Z_test_3f9a1c2b.jsonl",
    roster: bool = True,
    session_id: str = "3f9a1c2be07d4b6a9c51d2e8f4a7b0c3",
    created: datetime = START,
    walk_ins: dict[str, str] | None = None,
) -> Path:
    """Write `events` as the app would: the journal's writer, then the roster beside it."""
    path = folder / name
    writer = JournalWriter.create(
        path, header_for(plan, session_id, created), os_fsync=_no_sync
    )
    for event in events:
        writer.append(event)
    assert writer.close(30)
    if roster:
        people = roster_entries(plan)
        for pid, walk_in in (walk_ins or {}).items():
            people[pid] = {"name": walk_in}
        facilitators = {
            f"f{n}": {"name": f} for n, f in enumerate(plan.session.facilitators, 1)
        }
        save_roster(path, people, facilitators)
    return path


def driven_session(seed: int = 0, *, talk_scale: float = 1.0) -> tuple[Plan, list[Event]]:
    """The evening-group plan run through decide, with names typed into free text."""
    plan = example("evening-group")
    run = Run(plan, start=False)
    run.clock._wall = START + timedelta(days=7 * seed)  # weekly sessions
    run.advance(30)
    run.send(c.StartSession())
    run.send(c.MarkAttendance("p04", "absent"))
    run.send(c.MarkAttendance("p05", "late"))
    # check-in round: each in turn; Margaret is absent (skipped), Tomasz passes
    words = {"p01": "hopeful", "p02": "tired", "p03": "ok", "p06": "Dev knows"}
    while not run.state.round.completed:
        run.send(c.NextStep(), after=20)
        who = run.state.round.current
        if who == "p05":
            run.send(c.Pass(), after=5)
        elif who in words:
            run.send(c.CaptureAnswer(words[who]), after=10)
            run.advance(40 * talk_scale)
    run.send(c.NextStep(), after=300)  # to ground rules
    for _ in range(5):
        run.send(c.NextStep(), after=20)
    run.send(c.AddRule("Be kind to Ciara's cat on camera"))
    run.send(c.NextStep(), after=60)
    run.send(c.NextStep(), after=60)
    run.send(c.NextStep(), after=30)  # to discussion
    run.send(c.RaiseHand("p01"), after=5)
    run.send(c.RaiseHand("p02"), after=5)
    run.send(c.NextSpeaker(), after=10)
    run.send(c.EndTurn(), after=150 * talk_scale)
    run.send(c.ToggleFacilitatorTurn(), after=2)
    run.send(c.ToggleFacilitatorTurn(), after=90)
    run.send(c.NextSpeaker(), after=3)
    run.send(c.EndTurn(), after=80 * talk_scale)
    run.send(c.Pause("someone needs a moment"), after=30)
    run.send(c.Resume(), after=120)
    run.send(c.AddParticipant(), after=5)  # p07, a walk-in: named in the roster only
    run.send(c.AddNote("zoe quill joined via Ciara, SHARED-NOTE", private=False), after=5)
    run.send(c.RaiseHand("p06"), after=10)
    run.send(c.NextSpeaker(), after=200)
    run.send(c.EndTurn(), after=60)
    run.send(c.AddNote("Yemi and Dev clashed a little, PRIVATE-NOTE"), after=10)
    run.send(c.AddNote("Sam offered Yemi a lift, SHARED-NOTE", private=False), after=10)
    run.send(c.AddMarker("Tomasz laughed for the first time"), after=10)
    run.send(c.ParkItem("Ask Margaret about the carers' grant"), after=10)
    run.send(c.AdjustTime(300), after=60)
    run.advance(1500)
    run.send(c.NextStep())  # prompts 2 and 3, then the breakout
    run.send(c.NextStep(), after=5)
    run.send(c.NextStep(), after=5)
    run.send(c.NextStep(), after=5)  # opens the rooms
    run.send(c.RequestHelp(1), after=120)
    run.send(c.AnswerHelp(1), after=30)
    run.tick(after=400)
    run.send(c.NoteReportBack(1, "Ciara and Dev shared what helped"), after=300)
    run.send(c.NextStep(), after=10)  # close rooms
    run.send(c.NextStep(), after=10)  # to the break
    run.send(c.SkipPhase(), after=30)  # skip tea, on to close
    run.send(c.NextStep(), after=10)
    run.send(c.CaptureAnswer("I will call Sam this week"))
    run.send(c.NextStep(), after=40)
    run.send(c.AddTakeaway("Yemi: asking is a strength", "p06"), after=60)
    run.send(c.FlagFollowUp("p02", "Dev mentioned a hard week, FOLLOWUP-NOTE"), after=10)
    run.send(c.RecordFeedback(2, "Ciara's audio kept dropping", "p01"), after=10)
    run.send(c.RecordFeedback(4, "fine"), after=10)
    run.send(c.EndSession(), after=300)
    return plan, run.events


def all_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def names_found(text: str, names: tuple[str, ...] | list[str]) -> list[str]:
    """The names that appear in `text` as whole words, case-insensitively."""
    return [
        name for name in names
        if re.search(r"(?<![^\W_])" + re.escape(name) + r"(?![^\W_])", text, re.IGNORECASE)
    ]
