"""The debrief's facts, from sessions driven through the core on a fake clock."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sessiontui.core import commands as c
from sessiontui.core.commands import CommandRefused
from sessiontui.debrief import build_debrief
from tests.unit.core_helpers import Run, example

LOG = Path("/logs/evening.jsonl")
AFTER = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)
"""The wall clock when the debrief is read: the Tuesday evening of the first session."""

# The evening group's roster, by id.
CIARA, DEV, SAM, MARGARET, TOMASZ, YEMI = "p01", "p02", "p03", "p04", "p05", "p06"
CHECK_IN, GROUND_RULES, DISCUSSION, PAIRS, TEA, CHECK_OUT = range(6)


def run_to_the_end(run: Run, step: float = 60) -> None:
    """Press n every `step` seconds until the plan has nothing left, then end."""
    for _ in range(200):
        try:
            run.send(c.NextStep(), after=step)
        except CommandRefused:
            break
    run.send(c.EndSession(), after=5)


def test_a_session_run_to_its_end_says_completed_and_how_far_off_the_plan() -> None:
    run = Run(example("evening-group"))
    run_to_the_end(run, step=240)  # slow: four minutes a step runs long
    timing = build_debrief(run.state, wall=AFTER, log=LOG).timing
    assert timing.end_reason == "completed"
    assert timing.planned_s == 82 * 60
    assert timing.ran_s == run.state.session.ended - run.state.session.started
    assert timing.behind_s == timing.ran_s - timing.planned_s > 0
    assert timing.not_reached == () and timing.skipped == ()
    assert timing.round_cut is None
    assert timing.started_at == datetime(2026, 11, 24, 19, 30, tzinfo=UTC)


def test_ending_early_in_the_close_names_who_had_not_had_their_go() -> None:
    run = Run(example("evening-group"))
    run.send(c.GoToPhase(CHECK_OUT), after=60)
    run.send(c.NextStep(), after=5)  # Ciara on
    run.send(c.NextStep(), after=60)  # Dev on
    run.send(c.Pass(), after=10)  # Dev passes: Sam on
    run.send(c.MarkAttendance(TOMASZ, "left"), after=5)
    run.send(c.EndSession(), after=30)
    assert run.state.session.end_reason == "ended-early"
    timing = build_debrief(run.state, wall=AFTER, log=LOG).timing
    assert timing.ended_in == "Check out" and timing.ended_phase == CHECK_OUT
    cut = timing.round_cut
    assert cut is not None and cut.label == "Check out"
    assert cut.on == SAM  # cut off mid-go
    assert cut.waiting == (MARGARET, YEMI)  # not Dev (passed), not Tomasz (left)
    # going straight to the close skipped the phases between
    assert timing.skipped == ("Ground rules", "This week's theme: asking for help",
                              "Pairs", "Tea and chat")
    assert timing.not_reached == ()
    # The close was due at 1h07m and began at 1m: ahead, and ended early all the same.
    assert timing.behind_s == 60 - 67 * 60


def test_ending_early_late_and_over_time_is_behind() -> None:
    run = Run(example("evening-group"))
    run.send(c.NextStep(), after=17 * 60)  # the check-in's round begins late...
    run.send(c.NextStep(), after=60)  # ...and runs over its 15 minutes
    run.to_phase("ground-rules")  # moved on 18 minutes in: 3 minutes late
    run.send(c.EndSession(), after=60)
    timing = build_debrief(run.state, wall=AFTER, log=LOG).timing
    assert timing.end_reason == "ended-early"
    assert timing.ended_in == "Ground rules"
    assert timing.behind_s == 3 * 60  # its start; it had not run over its own time
    assert timing.round_cut is None  # the ground rules are no go-around
    assert timing.not_reached == ("This week's theme: asking for help", "Pairs",
                                  "Tea and chat", "Check out")
    assert timing.skipped == ()

    over = Run(example("evening-group"))
    over.send(c.NextStep(), after=17 * 60)
    over.send(c.NextStep(), after=60)
    over.to_phase("ground-rules")
    over.send(c.EndSession(), after=8 * 60)  # 8 minutes of its 5
    late_and_over = build_debrief(over.state, wall=AFTER, log=LOG).timing.behind_s
    assert late_and_over == 3 * 60 + 3 * 60


def test_attendance_counts_the_expected_and_names_the_rest() -> None:
    run = Run(example("evening-group"), start=False)
    run.send(c.MarkAttendance(MARGARET, "absent"))
    run.send(c.MarkAttendance(SAM, "late"))
    run.send(c.MarkAttendance(CIARA, "present"))
    run.send(c.MarkAttendance(DEV, "present"))
    walk_in = next(e.data["participant"] for e in run.send(c.AddParticipant())
                   if e.type == "participant.added")
    run.send(c.StartSession())
    run.send(c.MarkAttendance(DEV, "stepped-out"), after=60)
    run.send(c.MarkAttendance(DEV, "back"), after=60)
    run.send(c.MarkAttendance(YEMI, "left"), after=60)
    run.send(c.EndSession(), after=60)
    seen = build_debrief(run.state, wall=AFTER, log=LOG).attendance
    assert (seen.came, seen.expected) == (5, 6)
    assert seen.absent == (MARGARET,)
    assert seen.late == (SAM,)
    assert seen.stepped_out == (DEV,)
    assert seen.left == (YEMI,)
    assert seen.walk_ins == (walk_in,)
    assert seen.unmarked == 1  # Tomasz: never marked, counted as here


def test_talk_gives_turns_and_passes_per_person_and_the_facilitator_share() -> None:
    run = Run(example("evening-group"))
    run.send(c.NextStep(), after=5)  # Ciara on
    run.send(c.NextStep(), after=90)  # Dev on
    run.send(c.Pass(), after=5)  # Dev passes: Sam on
    run.send(c.ToggleFacilitatorTurn(), after=30)
    run.send(c.ToggleFacilitatorTurn(), after=60)
    run.send(c.EndSession(), after=30)
    talk = build_debrief(run.state, wall=AFTER, log=LOG).talk
    rows = {row.participant: row for row in talk.people}
    assert (rows[CIARA].turns, rows[CIARA].passes) == (1, 0)
    assert (rows[DEV].turns, rows[DEV].passes) == (0, 1)
    assert rows[SAM].turns == 2  # the facilitator spoke in the middle of Sam's go
    assert talk.people[0].participant == CIARA  # most talk first
    assert talk.facilitator.turns == 1
    assert talk.facilitator_share == talk.facilitator.seconds / talk.total_s > 0


def test_round_answers_come_in_the_order_of_the_round() -> None:
    run = Run(example("evening-group"))
    run.send(c.NextStep(), after=5)  # Ciara
    run.send(c.CaptureAnswer("tired"), after=20)
    run.send(c.NextStep(), after=20)  # Dev
    run.send(c.CaptureAnswer("[b]hopeful[/b]"), after=20)
    run.send(c.CaptureAnswer("calm", participant=CIARA), after=5)  # corrected later
    run.send(c.EndSession(), after=30)
    rounds = build_debrief(run.state, wall=AFTER, log=LOG).rounds
    assert len(rounds) == 1
    assert rounds[0].label == "Arrive and check in" and rounds[0].capture == "word"
    assert rounds[0].answers == ((CIARA, "calm"), (DEV, "[b]hopeful[/b]"))


def test_follow_ups_and_the_next_date_from_the_clock_given() -> None:
    run = Run(example("evening-group"))
    run.send(c.FlagFollowUp(DEV, "ask how the move went"), after=60)
    run.send(c.EndSession(), after=60)
    debrief = build_debrief(run.state, wall=AFTER, log=LOG)
    assert debrief.follow_ups == ((DEV, "ask how the move went"),)
    assert debrief.log == LOG
    # Tuesdays at 19:30 London time: a week on from this Tuesday evening...
    assert debrief.next_date == datetime(2026, 12, 1, 19, 30, tzinfo=UTC)
    # ...or the same evening, read before it starts: the date follows the clock given.
    early = build_debrief(run.state, wall=datetime(2026, 12, 8, 9, 0, tzinfo=UTC), log=LOG)
    assert early.next_date == datetime(2026, 12, 8, 19, 30, tzinfo=UTC)


def test_a_plan_without_repeat_has_no_next_date() -> None:
    run = Run(example("workshop"))
    run.send(c.EndSession(), after=60)
    assert example("workshop").session.repeat is None
    assert build_debrief(run.state, wall=AFTER, log=LOG).next_date is None


def test_the_debrief_facts_never_import_textual() -> None:
    code = "import sys, sessiontui.debrief; sys.exit('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], check=False)
    assert done.returncode == 0
