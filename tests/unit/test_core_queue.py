"""The hand queue, turns, the facilitator's turns, and the soft turn limit."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.queue import ordered_hands, queue_view
from sessiontui.core.stats import talk_stats
from tests.unit.core_helpers import Run, example, plan_from

PEOPLE = ("Ana", "Bo", "Cy", "Di", "Ed")


def discussion(queue: str = "raised", turn_limit: str | None = None) -> Run:
    body = f'[[phases]]\nkind = "discussion"\nduration = "30m"\nqueue = "{queue}"\n'
    if turn_limit:
        body += f'turn_limit = "{turn_limit}"\n'
    body += '[[phases]]\nkind = "break"\nduration = "5m"\n'
    return Run(plan_from(body, people=PEOPLE))


def order(run: Run) -> list[str]:
    return [hand.participant for hand in ordered_hands(run.state)]


def test_raised_queue_goes_by_raise_time() -> None:
    run = discussion()
    for who in ("p03", "p01", "p05"):
        run.send(c.RaiseHand(who), after=1)
    assert order(run) == ["p03", "p01", "p05"]
    run.send(c.NextSpeaker(), after=1)
    assert run.state.floor.turn.speaker == "p03"
    assert order(run) == ["p01", "p05"], "their hand went down with the turn"
    run.send(c.NextSpeaker(), after=10)
    assert run.state.floor.turn.speaker == "p01"
    assert run.state.talk.seconds == {"p03": 10.0}


def test_fewest_first_puts_quieter_people_ahead_with_ties_by_raise_time() -> None:
    run = discussion("fewest-first")
    for who, times in (("p01", 2), ("p03", 1)):
        for _ in range(times):
            run.send(c.StartTurn(who), after=5)
            run.send(c.EndTurn(), after=5)
    run.send(c.StartTurn("p05"), after=5)
    run.send(c.EndTurn(), after=5)  # p05: 1 turn, and spoke last
    for who in ("p01", "p03", "p02", "p04"):
        run.send(c.RaiseHand(who), after=1)
    # p02 and p04 have no turns (p02 raised first), p03 has one, p01 two
    assert order(run) == ["p02", "p04", "p03", "p01"]


def test_nobody_speaks_twice_in_a_row_unless_nobody_else_waits() -> None:
    run = discussion()
    run.send(c.RaiseHand("p01"))
    run.send(c.NextSpeaker(), after=1)
    run.send(c.RaiseHand("p01"), after=5)  # raises again while speaking
    run.send(c.RaiseHand("p02"), after=5)
    assert order(run) == ["p02", "p01"]
    entries = queue_view(run.state, run.t).entries
    assert [(e.participant, e.spoke_last) for e in entries] == [("p02", False), ("p01", True)]
    run.send(c.NextSpeaker(), after=5)
    assert run.state.floor.turn.speaker == "p02"
    run.send(c.EndTurn(), after=5)
    run.send(c.LowerHand("p01"))
    run.send(c.RaiseHand("p02"))
    assert order(run) == ["p02"], "alone in the queue, the last speaker goes next"
    run.send(c.NextSpeaker())
    assert run.state.floor.turn.speaker == "p02"


def test_a_facilitator_interjection_does_not_let_the_same_person_straight_back() -> None:
    run = discussion()
    run.send(c.StartTurn("p01"))
    run.send(c.ToggleFacilitatorTurn(), after=30)
    run.send(c.RaiseHand("p01"), after=1)
    run.send(c.RaiseHand("p02"), after=1)
    run.send(c.NextSpeaker(), after=10)
    assert run.state.floor.turn.speaker == "p02"


def test_next_speaker_records_how_long_the_hand_waited() -> None:
    run = discussion()
    run.send(c.RaiseHand("p04"), after=10)
    run.send(c.NextSpeaker(), after=45)
    assert [w.seconds for w in run.state.talk.waits] == [45.0]
    assert run.state.floor.hands == ()


def test_facilitator_turns_count_and_give_their_share() -> None:
    run = discussion()
    run.send(c.ToggleFacilitatorTurn())
    run.send(c.StartTurn("p01"), after=60)  # facilitator 60 s
    run.send(c.StartTurn("p02"), after=120)  # p01 120 s
    run.send(c.ToggleFacilitatorTurn(), after=60)  # p02 60 s; facilitator again
    stats = talk_stats(run.state, run.t + 0)
    assert stats.facilitator_s == 60.0
    assert stats.facilitator_share == 0.25
    run.advance(40)
    stats = talk_stats(run.state, run.t)
    assert stats.facilitator_s == 100.0, "the turn in progress counts up to now"
    assert run.types(c.ToggleFacilitatorTurn()) == ["turn.ended"]
    assert run.state.talk.seconds["facilitator"] == 100.0


def test_lower_all_hands() -> None:
    run = discussion()
    for who in ("p01", "p02", "p03"):
        run.send(c.RaiseHand(who))
    events = run.send(c.LowerAllHands())
    assert events[0].data == {"participants": ["p01", "p02", "p03"]}
    assert run.state.floor.hands == ()
    assert "No hands" in run.refused(c.LowerAllHands())


def test_refusals_give_a_reason_and_no_event() -> None:
    run = discussion()
    run.send(c.RaiseHand("p01"))
    assert "already has a hand up" in run.refused(c.RaiseHand("p01"))
    assert run.refused(c.LowerHand("p02")) == "Bo has no hand up."
    assert "Nobody has the floor" in run.refused(c.EndTurn())
    assert "no participant" in run.refused(c.RaiseHand("p99"))
    run.send(c.MarkAttendance("p03", "left"))
    assert run.refused(c.StartTurn("p03")) == "Cy is marked left: mark them back first."
    assert "marked left" in run.refused(c.RaiseHand("p03"))
    run.send(c.LowerAllHands())
    assert "No hands" in run.refused(c.NextSpeaker())
    run.send(c.StartTurn("p02"))
    assert "already has the floor" in run.refused(c.StartTurn("p02"))


def test_someone_leaving_ends_their_turn_and_lowers_their_hand() -> None:
    run = discussion()
    run.send(c.StartTurn("p01"))
    run.send(c.RaiseHand("p01"), after=5)
    assert run.types(c.MarkAttendance("p01", "stepped-out"), after=5) == [
        "turn.ended", "hand.lowered", "attendance.changed",
    ]
    assert run.state.floor.turn is None and run.state.floor.hands == ()


def test_soft_turn_limit_only_flags_once() -> None:
    run = discussion(turn_limit="2m")
    run.send(c.StartTurn("p02"))
    assert run.tick(after=119) == []
    assert run.tick(after=1) == [
        ("turn.limit_reached", {"speaker": "p02", "limit_s": 120}),
    ]
    assert run.tick(after=30) == []
    view = queue_view(run.state, run.t)
    assert view.over_limit and view.speaker == "p02" and view.turn_s == 150.0
    assert run.state.floor.turn is not None, "never enforced: the turn goes on"


def test_hands_and_turns_work_in_a_guest_speakers_questions() -> None:
    run = Run(example("workshop"))
    run.to_phase("guest-speaker")
    run.send(c.StartQuestions())
    run.send(c.RaiseHand("p05"))
    run.send(c.NextSpeaker(), after=20)
    assert run.state.floor.turn.speaker == "p05"
    assert run.state.talk.waits.last().seconds == 20.0


def test_a_pause_suspends_the_turn_and_resume_gives_the_floor_back() -> None:
    run = discussion()
    run.send(c.StartTurn("p01"))
    assert run.types(c.Pause(), after=30) == ["session.paused"]  # the floor stays hers
    assert run.state.floor.turn.speaker == "p01"
    assert queue_view(run.state, run.t + 600).turn_s == 30  # the pause does not count
    run.send(c.ExplainPause("someone needs a moment"), after=5)
    assert run.state.session.pause_reason == "someone needs a moment"
    run.send(c.Resume(), after=595)
    assert queue_view(run.state, run.t + 10).speaker == "p01"
    assert queue_view(run.state, run.t + 10).turn_s == 40
    ended = run.send(c.EndTurn(), after=10)
    assert ended[0].data == {"speaker": "p01", "duration_s": 40.0}
    assert run.state.talk.seconds["p01"] == 40


def test_turns_wait_while_the_session_is_paused() -> None:
    run = discussion()
    run.send(c.StartTurn("p01"))
    run.send(c.Pause("tech trouble"), after=30)
    assert "paused" in run.refused(c.NextSpeaker())
    assert "paused" in run.refused(c.StartTurn("p02"))
    run.send(c.RaiseHand("p02"))  # hands are fine while paused
    assert len(run.state.floor.hands) == 1


# -- where a hand came from (people who cannot raise a hand on video) -------------------


def test_a_hand_records_where_it_came_from_and_the_queue_shows_it() -> None:
    run = discussion()
    events = run.send(c.RaiseHand("p02", via="voice"), after=1)
    assert [(e.type, e.data) for e in events] == [
        ("hand.raised", {"participant": "p02", "via": "voice"})]
    run.send(c.RaiseHand("p03", via="chat"), after=1)
    run.send(c.RaiseHand("p04"), after=1)
    entries = queue_view(run.state, run.t).entries
    assert [(e.participant, e.via) for e in entries] == [
        ("p02", "voice"), ("p03", "chat"), ("p04", None)]
    assert run.refold() == run.state, "the source is folded from the log alone"


def test_the_hand_source_stays_with_the_wait_it_ended() -> None:
    run = discussion()
    run.send(c.RaiseHand("p02", via="chat"), after=1)
    run.send(c.NextSpeaker(), after=4)
    assert [(w.participant, w.via, w.seconds) for w in run.state.talk.waits] == [
        ("p02", "chat", 4.0)]


def test_a_hand_from_nowhere_known_is_refused() -> None:
    run = discussion()
    assert "video, chat, voice" in run.refused(c.RaiseHand("p02", via="carrier pigeon"))


def test_an_old_log_without_via_still_raises_hands() -> None:
    from sessiontui.core.events import Event
    from sessiontui.core.reduce import fold
    from sessiontui.core.validate import event_problem

    run = discussion()
    old = Event(type="hand.raised", data={"participant": "p01"}, t=run.t, seq=len(run.events) + 1)
    assert event_problem(old.type, old.v, dict(old.data), phases=2) is None
    state = fold(run.plan, [*run.events, old])
    assert state.bad_events == 0
    assert [(h.participant, h.via) for h in state.floor.hands] == [("p01", None)]
    bad = {"participant": "p01", "via": "fax"}
    assert event_problem("hand.raised", 1, bad, phases=2) == "hand.raised with a bad via"
    damaged = Event(type="hand.raised", data=bad, t=run.t, seq=old.seq)
    assert fold(run.plan, [*run.events, damaged]).bad_events == 1


def test_the_picker_starts_from_how_someone_joins() -> None:
    from sessiontui.core.queue import hand_source_for

    assert [hand_source_for(j) for j in ("video", "phone", "chat", "carrier")] == [
        "video", "voice", "chat", "video"]


def test_the_queue_on_screen_is_the_order_hands_are_called_in() -> None:
    """Bo spoke last; Al, Bo and Cy raise hands in that order. Bo cannot go twice in a
    row, so Al goes first; then Bo (raised before Cy) is next. The screen must show Al,
    Bo, Cy, not Al, Cy, Bo (sorted once with Bo at the back)."""
    for mode in ("raised", "fewest-first"):
        plan = plan_from(f'[[phases]]\nkind = "discussion"\nduration = "20m"\n'
                         f'queue = "{mode}"\n', people=("Al", "Bo", "Cy"))
        run = Run(plan)
        run.send(c.StartTurn("p02"), after=5)
        run.send(c.EndTurn(), after=30)
        for who in ("p01", "p02", "p03"):
            run.send(c.RaiseHand(who), after=2)
        shown = [hand.participant for hand in ordered_hands(run.state)]
        called = []
        while run.state.floor.hands:
            run.send(c.NextSpeaker(), after=10)
            called.append(run.state.floor.turn.speaker)
        assert shown == called == (["p01", "p02", "p03"] if mode == "raised" else
                                   ["p01", "p03", "p02"]), mode
