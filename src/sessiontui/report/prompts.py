"""Reflective prompts: the figures turned into questions for a trainer and a facilitator.

Not scores. Each prompt states one figure plainly and asks what was behind it, in the
second person (the facilitator reads it, or hears it from their trainer). Peer support
has a right to pass and no pressure to speak: silence is never a fault here, and the
wording says so. Thresholds only choose which question to ask; none is a target.
"""

from __future__ import annotations

from sessiontui.report import fmt
from sessiontui.report.model import Prompt, SeriesReport, SessionReport

HIGH_SHARE = 0.35
LOW_SHARE = 0.15
UNEVEN_GINI = 0.4
EVEN_GINI = 0.2
LONG_WAIT_S = 120
STUCK_TTI = 0.6
MIN_CHATS = 6
OVER_S = 120
EARLY_S = 180
SESSION_OVER_S = 300

THRESHOLDS: dict[str, float] = {
    "facilitator_share_high": HIGH_SHARE,
    "facilitator_share_low": LOW_SHARE,
    "gini_uneven": UNEVEN_GINI,
    "gini_even": EVEN_GINI,
    "turn_taking_low": STUCK_TTI,
    "turn_taking_min_turns": MIN_CHATS,
    "long_wait_s": LONG_WAIT_S,
    "phase_over_s": OVER_S,
    "session_over_s": SESSION_OVER_S,
}
"""Where the report's words change; stated once in every report (`threshold_words`)."""


def threshold_words() -> str:
    """The thresholds behind the report's words, in one paragraph."""
    return (
        f"How the words are chosen: members' speaking time is called \u201cspread evenly\u201d "
        f"at a Gini of {fmt.ratio(EVEN_GINI)} or less, \u201cfairly spread\u201d between "
        f"{fmt.ratio(EVEN_GINI)} and {fmt.ratio(UNEVEN_GINI)}, and \u201cuneven\u201d at "
        f"{fmt.ratio(UNEVEN_GINI)} or more; your share of the talk is asked about as high at "
        f"{fmt.percent(HIGH_SHARE)} or more and as low under {fmt.percent(LOW_SHARE)}; the "
        f"floor \u201coften stayed with the same speaker\u201d when the turn-taking index is "
        f"under {fmt.ratio(STUCK_TTI)} over at least {MIN_CHATS} turns; waits of "
        f"{fmt.duration(LONG_WAIT_S)} or more and phases {fmt.duration(OVER_S)} or more over "
        f"their time are asked about. These only choose which question to ask; none is a "
        f"target."
    )


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def session_prompts(report: SessionReport) -> tuple[Prompt, ...]:
    """The questions worth asking about one session, most telling first."""
    prompts: list[Prompt] = []
    talk = report.talk
    if report.timing.started_at is None and not any(row.runs for row in report.phases):
        return ()  # it never started: nothing happened to reflect on
    flagged = len({item.who for item in report.follow_ups})
    if flagged:  # safety first: nobody is forgotten
        prompts.append(Prompt(
            "follow-ups",
            (f"{fmt.plural(flagged, 'person', 'people')} were flagged for a "
             f"follow-up. Does each one have someone to get in touch, and by when?")
            if flagged > 1 else
            "Someone was flagged for a follow-up. Do they have someone to get in touch, and "
            "by when?",
        ))
    if talk.total_s > 0:
        share = fmt.percent(talk.facilitator_share)
        spoke = f"{fmt.duration(talk.facilitator_s)} of {fmt.duration(talk.total_s)}"
        if talk.facilitator_share >= HIGH_SHARE:
            text = (f"You spoke for {share} of the talk time ({spoke}). What helped, and "
                    f"what might let the group lead more?")
        elif talk.facilitator_share >= LOW_SHARE:
            text = (f"You spoke for {share} of the talk time ({spoke}). How did the balance "
                    f"between guiding and letting members shape the session feel to you?")
        else:
            text = (f"You spoke for {share} of the talk time ({spoke}); members carried most "
                    f"of the conversation. What did you do that made room for that?")
        prompts.append(Prompt("facilitator-share", text))
        busiest = [
            row for row in report.phases
            if row.talk_s >= 120 and (row.facilitator_share or 0) >= HIGH_SHARE + 0.05
            and row.kind in ("discussion", "check-in", "close", "guest-speaker")
        ]
        busiest.sort(key=lambda row: -(row.facilitator_share or 0))
        for row in busiest[:1]:
            prompts.append(Prompt(
                "facilitator-share",
                f"In {_quoted(row.title)} you spoke for {fmt.percent(row.facilitator_share)} "
                f"of the talk. What was happening then, and was it yours to carry?",
            ))

    attended = [p for p in report.people if p.attended]
    if len(attended) >= 2 and talk.participants_s > 0:
        gini = fmt.ratio(talk.gini)
        if talk.gini >= UNEVEN_GINI:
            ranked = sorted((p for p in attended if p.seconds > 0), key=lambda p: -p.seconds)
            top = ranked[: max(1, len(attended) // 4)]
            top_share = sum(p.seconds for p in top) / talk.participants_s
            who = fmt.join_names([p.name for p in top])
            prompts.append(Prompt(
                "balance",
                f"Speaking time among members was uneven (Gini {gini}, where 0 is perfectly "
                f"even): {who} had {fmt.percent(top_share)} of members' time. Was that what "
                f"the group needed today, and how might others have been invited in?",
            ))
        elif talk.gini <= EVEN_GINI:
            prompts.append(Prompt(
                "balance",
                f"Speaking time was spread evenly across members (Gini {gini}, where 0 is "
                f"perfectly even). What made that possible?",
            ))
        else:
            prompts.append(Prompt(
                "balance",
                f"Speaking time was fairly spread (Gini {gini}, where 0 is perfectly even). "
                f"Who would you like to hear more from next time, and how might you make "
                f"room for them?",
            ))

    if talk.not_spoken:
        names = fmt.join_names(talk.not_spoken)
        prompts.append(Prompt(
            "did-not-speak",
            f"{names} did not take a turn. Peer support includes the right to pass, and "
            f"listening is a way of taking part. Was there a moment when a gentle, "
            f"no-pressure invitation might have been welcome?",
        ))
    elif attended and any(p.spoke for p in attended):
        prompts.append(Prompt(
            "did-not-speak",
            "Everyone who came took at least one turn. What helped people feel able to speak?",
        ))
    if talk.hands_up:
        prompts.append(Prompt(
            "hands-up",
            f"{fmt.join_names(talk.hands_up)} still had a hand up when the session ended. "
            f"Was there a way to come back to them, or to say their turn would come first "
            f"next time?",
        ))
    quiet = [name for name in talk.quiet if name not in talk.not_spoken]
    if quiet:
        prompts.append(Prompt(
            "quiet",
            f"{fmt.join_names(quiet)} spoke briefly (under half the median speaking time). "
            f"That may have been just right for them. Did you notice when they came in?",
        ))
    if talk.passed:
        prompts.append(Prompt(
            "passes",
            f"{fmt.join_names(talk.passed)} used the right to pass. How was passing received, "
            f"and did it stay easy to do?",
        ))

    if talk.longest_wait_s is not None and talk.longest_wait_s >= LONG_WAIT_S:
        prompts.append(Prompt(
            "waits",
            f"The longest wait from a raised hand to a turn was "
            f"{fmt.duration(talk.longest_wait_s)} ({talk.longest_wait_who}); the median was "
            f"{fmt.duration(talk.median_wait_s)}. How did the queue feel from the waiting side?",
        ))
    if talk.handovers >= MIN_CHATS and talk.bridged / talk.handovers >= 0.5:
        prompts.append(Prompt(
            "bridging",
            f"You spoke between two members' turns in {talk.bridged} of {talk.handovers} "
            f"handovers ({fmt.percent(talk.bridged / talk.handovers)}). Which of those "
            f"bridges helped, and where might members have picked up from each other?",
        ))
    if talk.chats >= MIN_CHATS and talk.turn_taking < STUCK_TTI:
        prompts.append(Prompt(
            "turn-taking",
            f"The floor often stayed with the same speaker for several turns in a row "
            f"(turn-taking index {fmt.ratio(talk.turn_taking)}; 1 means it changed hands "
            f"every time). Were those stretches useful, or was someone waiting to come in?",
        ))

    over = sorted(
        (row for row in report.phases if row.over_s is not None and row.over_s >= OVER_S),
        key=lambda row: -(row.over_s or 0),
    )
    for row in over[:2]:
        prompts.append(Prompt(
            "timing",
            f"{_quoted(row.title)} ran {fmt.duration(row.over_s)} over the time it was given. "
            f"What was happening then, and what gave way for it?",
        ))
    early = [
        row for row in report.phases
        if row.over_s is not None and row.over_s <= -EARLY_S and row.outcome == "moved-on-early"
    ]
    for row in early[:1]:
        prompts.append(Prompt(
            "timing",
            f"{_quoted(row.title)} ended {fmt.duration(-(row.over_s or 0))} early. Was the "
            f"group ready to move on?",
        ))
    for row in report.phases:
        if row.status == "skipped":
            prompts.append(Prompt(
                "timing",
                f"{_quoted(row.title)} was skipped. What led to that, and did the group miss it?",
            ))
    timing = report.timing
    if timing.over_s is not None and timing.over_s >= SESSION_OVER_S:
        prompts.append(Prompt(
            "timing",
            f"The session ran {fmt.duration(timing.over_s)} past its planned length. How did "
            f"the end feel for people who had to leave on time?",
        ))
    if timing.pauses:
        prompts.append(Prompt(
            "pauses",
            f"The session was paused {fmt.times(timing.pauses)} "
            f"({fmt.duration(timing.paused_s)} in all). How did the group come back after "
            + ("the pause?" if timing.pauses == 1 else "each pause?"),
        ))

    if report.about.end_reason == "ended-early":
        # The round the session ended in (the last one), not every round left
        # unfinished on the way: a name is said once.
        last = report.rounds[-1] if report.rounds else None
        waiting = list(dict.fromkeys(last.waiting)) if last and not last.completed else []
        if waiting:
            prompts.append(Prompt(
                "ended-early",
                f"The session ended early, before {fmt.join_names(waiting)} had their go in "
                f"the round. Is there a way to let them know their turn comes first next time?",
            ))
        else:
            prompts.append(Prompt(
                "ended-early",
                "The session ended early. What led to that, and how did the group take it?",
            ))

    rules = report.rules
    if rules.phase_ran:
        missed = [rule for rule in rules.rules if not rule.covered]
        if missed:
            prompts.append(Prompt(
                "ground-rules",
                f"{fmt.plural(len(missed), 'ground rule')} {'was' if len(missed) == 1 else 'were'}"
                f" not marked as read out. Was that a choice, and does the group know them?",
            ))
        if rules.added:
            prompts.append(Prompt(
                "ground-rules",
                f"The group added {fmt.plural(rules.added, 'rule')} of its own. How did it "
                f"feel to shape the group's agreements together?",
            ))
    if rules.reminders:
        prompts.append(Prompt(
            "ground-rules",
            f"The ground rules were shown again {fmt.times(rules.reminders)} "
            f"mid-session. What prompted that, and how was it received?",
        ))

    for breakout in report.breakouts:
        if breakout.help_requests:
            prompts.append(Prompt(
                "breakouts",
                f"In {_quoted(breakout.title)}, {fmt.rooms_words(breakout)} asked for help. "
                f"What did the rooms need, and could the task or the broadcast have said it "
                f"first?",
            ))
    if report.average_score is not None and report.average_score < 3:
        prompts.append(Prompt(
            "platform",
            f"Feedback on the platform averaged {report.average_score:.1f} out of 5. What got "
            f"in the way, and what could be set up differently next time?",
        ))
    return tuple(prompts)


def series_prompts(series: SeriesReport) -> tuple[Prompt, ...]:
    """Questions about the trends across sessions: every session's value, not just the
    first and the last (per plan, when the logs come from several)."""
    prompts: list[Prompt] = []
    if len(series.rows) < 2:
        return ()
    several = len(series.plans) > 1
    for trend in series.trends:
        if trend.direction in ("too-few", "steady"):
            continue
        where = (f"In \u201c{series.plans[trend.plan]}\u201d, " if several else "")
        said = trend.text[0].lower() + trend.text[1:] if where else trend.text
        if trend.measure == "attended" and (trend.high or 0) - (trend.low or 0) >= 2:
            prompts.append(Prompt("attendance", f"{where}{said} What might be behind that?"))
        elif trend.measure == "facilitator_share" and (trend.high or 0) - (trend.low or 0) >= 0.1:
            prompts.append(Prompt(
                "facilitator-share",
                f"{where}{said} What changed in how you hold the group, and in the sessions "
                f"where it was highest?"))
        elif trend.measure == "gini" and (trend.high or 0) - (trend.low or 0) >= 0.15:
            prompts.append(Prompt(
                "balance", f"{where}{said} What do you think made the difference?"))
    silent = [p.name for p in series.people if p.attended >= 2 and p.spoke == 0]
    if silent:
        prompts.insert(min(2, len(prompts)), Prompt(
            "did-not-speak",
            f"{fmt.join_names(silent)} came to several sessions without taking a turn. "
            f"Listening is taking part; is there a low-pressure way to check in with them "
            f"between sessions?",
        ))
    return tuple(prompts)
