"""Views: what the UI renders, straight from (state, t)."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.phases.breakout import breakout_view
from sessiontui.core.phases.ground_rules import rules_view
from sessiontui.core.phases.guest import guest_view
from sessiontui.core.phases.quiz import quiz_view
from sessiontui.core.phases.rounds import round_view
from sessiontui.core.queue import queue_view
from sessiontui.core.stats import talk_view
from sessiontui.core.views import agenda_view, next_view, timer_view
from tests.unit.core_helpers import Run, example

EVENING = example("evening-group")
WORKSHOP = example("workshop")


def test_before_the_start_the_timer_shows_the_whole_plan() -> None:
    run = Run(EVENING, start=False)
    view = timer_view(run.state, run.t)
    assert (view.label, view.phase, view.planned_s, view.status) == (
        "Not started", None, 4920, "opened",
    )
    assert next_view(run.state).action == "start"


def test_next_view_says_what_next_step_will_do() -> None:
    run = Run(EVENING)
    view = next_view(run.state)
    assert (view.action, view.participant, view.phase_label) == (
        "next-person", "p01", "Ground rules",
    )
    for _ in range(6):
        run.send(c.NextStep())
    assert next_view(run.state).action == "complete-round"
    run.send(c.NextStep())
    assert next_view(run.state).action == "next-phase"
    run.send(c.NextStep())
    view = next_view(run.state)
    assert (view.action, view.text) == ("cover-rule", "What is shared here stays here")
    run.to_phase("discussion")
    assert next_view(run.state).text == "What makes asking for help hard?"
    run.to_phase("breakout")
    assert next_view(run.state).action == "open-rooms"
    run.send(c.OpenRooms())
    assert next_view(run.state).action == "close-rooms"
    run.to_phase("close")
    for _ in range(7):
        run.send(c.NextStep())
    assert next_view(run.state).action == "end-session"


def test_round_view_shows_current_next_and_answers() -> None:
    run = Run(EVENING)
    run.send(c.NextStep())
    run.send(c.CaptureAnswer("calm"))
    run.send(c.Pass(), after=5)
    view = round_view(run.state, run.t + 100)
    answers = {seat.participant: seat.answer for seat in view.seats if seat.answer}
    assert (view.current, view.next, view.passed, answers) == (
        "p02", "p03", ("p01",), {"p01": "calm"},
    )
    assert view.current_s == 100 and view.per_person_s == 90 and view.over_time
    assert view.prompt.startswith("Your name")


def test_queue_view_orders_hands_with_waits_and_first_timers() -> None:
    run = Run(EVENING)
    run.to_phase("discussion")
    run.send(c.StartTurn("p01"))
    run.send(c.EndTurn(), after=30)
    run.send(c.RaiseHand("p01"))
    run.send(c.RaiseHand("p02"), after=10)
    view = queue_view(run.state, run.t + 5)
    assert view.mode == "fewest-first"
    assert [(e.position, e.participant, e.waiting_s, e.first_time) for e in view.entries] == [
        (1, "p02", 5.0, True), (2, "p01", 15.0, False),
    ]
    assert view.speaker is None and view.limit_s == 180


def test_talk_view_puts_most_first_and_the_facilitator_apart() -> None:
    run = Run(EVENING)
    run.to_phase("discussion")
    run.send(c.StartTurn("p03"))
    run.send(c.StartTurn("p01"), after=50)
    run.send(c.ToggleFacilitatorTurn(), after=20)
    view = talk_view(run.state, run.t + 30)
    assert [(r.speaker, r.seconds) for r in view.rows[:2]] == [("p03", 50), ("p01", 20)]
    assert view.facilitator.seconds == 30 and view.facilitator.speaking
    assert view.stats.facilitator_share == 0.3
    assert set(view.stats.not_spoken) == {"p02", "p04", "p05", "p06"}


def test_breakout_view_before_and_after_opening() -> None:
    run = Run(EVENING)
    run.to_phase("breakout")
    ready = breakout_view(run.state, run.t)
    assert (ready.status, ready.duration_s, ready.next_broadcast_at_s) == ("preparing", 720, 300)
    assert ready.settings.close_after_min == 12
    run.send(c.OpenRooms())
    run.tick(after=420)
    view = breakout_view(run.state, run.t)
    assert view.status == "open" and len(view.rooms) == 3
    assert view.remaining_s == 300 and view.next_broadcast_at_s == 60
    assert view.last_broadcast == "5 minutes left - start wrapping up"
    assert view.next_broadcast == "1 minute left - start wrapping up"
    run.send(c.MarkAttendance(view.rooms[0].members[0], "left"))
    assert breakout_view(run.state, run.t).rooms[0].away == (view.rooms[0].members[0],)


def test_quiz_view_hides_the_answer_until_revealed() -> None:
    run = Run(WORKSHOP)
    run.to_phase("quiz")
    view = quiz_view(run.state)
    assert (view.index, view.total, view.answer, view.revealed) == (0, 3, None, False)
    assert view.choices[1] == "Go over the ground rules"
    run.send(c.RevealAnswer())
    run.send(c.AwardPoints("p02", 2))
    run.send(c.AwardPoints("p01", 2))
    run.send(c.AwardPoints("p05", 3))
    view = quiz_view(run.state)
    assert view.answer == "Go over the ground rules"
    assert view.scores == (("p05", 3), ("p01", 2), ("p02", 2))


def test_guest_view_counts_down_the_talk_then_the_questions() -> None:
    run = Run(WORKSHOP)
    run.to_phase("guest-speaker")
    view = guest_view(run.state, run.t + 600)
    assert (view.part, view.talk_left_s, view.qa_planned_s, view.qa_left_s) == (
        "talk", 300, 600, 600,
    )
    run.send(c.StartQuestions(), after=840)
    view = guest_view(run.state, run.t + 60)
    assert (view.part, view.qa_left_s) == ("qa", 1500 - 900)
    assert view.speaker == "Dr Nuala Byrne"


def test_rules_view() -> None:
    run = Run(EVENING)
    run.to_phase("ground-rules")
    run.send(c.NextStep())
    run.send(c.AddRule("Cameras optional"))
    view = rules_view(run.state)
    assert view.covered == 1 and view.invite_additions
    assert (view.lines[0].covered, view.lines[-1].text, view.lines[-1].added) == (
        True, "Cameras optional", True,
    )


def test_agenda_rows() -> None:
    run = Run(EVENING)
    agenda = agenda_view(run.state, run.t)
    assert [row.status for row in agenda.rows] == [
        "current", "next", "pending", "pending", "pending", "pending",
    ]
    assert [row.planned_start_s for row in agenda.rows] == [0, 900, 1200, 2700, 3420, 4020]


def test_the_panel_view_is_the_running_kind_s_own() -> None:
    from sessiontui.core.phases.breakout import BreakoutView
    from sessiontui.core.views import panel_view

    run = Run(EVENING)
    run.to_phase("breakout")
    assert isinstance(panel_view(run.state, run.t), BreakoutView)
    assert next_view(run.state).action == "open-rooms"
