"""Views as Rich Text: what each panel shows, built from core views and the roster.

Every piece of text a person typed or an organiser wrote goes in through `Text.append`,
never through markup, so `Sam [they/them]` or `[b]x[/b]` shows exactly as written.
Pure functions: the same input always gives the same text, live and in replay.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from sessiontui.core import views
from sessiontui.core.phases.breakout import BreakoutView
from sessiontui.core.phases.discussion import DiscussionView
from sessiontui.core.phases.ground_rules import RulesView
from sessiontui.core.phases.guest import GuestView
from sessiontui.core.phases.quiz import QuizView
from sessiontui.core.phases.rounds import CloseView, RoundView
from sessiontui.core.phases.tea_break import BreakView
from sessiontui.core.queue import QueueView
from sessiontui.core.state import SessionState
from sessiontui.core.stats import ShareRow, TalkView
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_clock, format_duration, format_elapsed

BAR_WIDTH = 12
SEAT_MARKS = {
    "current": ("▶", "bold"),
    "spoke": ("✓", ""),
    "passed": ("↷ passed", "italic"),
    "skipped": ("– skipped", "dim"),
    "away": ("– away", "dim"),
    "next": ("· next", "bold"),
    "waiting": ("·", "dim"),
}


def minutes_words(seconds: float) -> str:
    """ "2 minutes", "1 minute", "30 seconds": for alerts read at a glance."""
    seconds = max(0, round(seconds))
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute" + ("" if minutes == 1 else "s")
    if seconds < 60:
        return f"{seconds} seconds"
    return format_duration(seconds)


def signed_minutes(seconds: float) -> str:
    """Ahead/behind in words: "on time", "3m behind", "2m ahead"."""
    if abs(seconds) < 30:
        return "on time"
    word = "behind" if seconds > 0 else "ahead"
    return f"{format_duration(max(60, round(abs(seconds) / 60) * 60))} {word}"


def undimmed(text: Text) -> Text:
    """The same text with every dim style at full strength (high-contrast themes)."""
    from rich.style import Style
    from rich.text import Span

    plain = Text(text.plain, style=text.style, no_wrap=text.no_wrap, overflow=text.overflow)
    for span in text.spans:
        style = span.style
        if isinstance(style, str):
            style = Style.parse(style) if style else Style()
        plain.spans.append(Span(span.start, span.end, style + Style(dim=False)))
    return plain


def lines(*parts: Text | str | None) -> Text:
    """Join non-empty parts with newlines."""
    out = Text()
    first = True
    for part in parts:
        if part is None or (isinstance(part, str | Text) and not str(part)):
            continue
        if not first:
            out.append("\n")
        out.append(part if isinstance(part, Text) else Text(part))
        first = False
    return out


# -- the status line and the heading ---------------------------------------------------


def status_line(
    state: SessionState, t: float, wall: datetime, saved: str, schedule: views.Schedule
) -> Text:
    """Title, wall clock, elapsed and remaining, ahead/behind, and whether it is saved."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(wall.strftime("%H:%M"), style="bold")
    status = state.status
    if state.session.started is not None:
        elapsed = (state.session.ended or t) - state.session.started
        left = max(0.0, schedule.projected_end_s - t) if status != "ended" else 0.0
        text.append(f"  {format_elapsed(elapsed)} in")
        text.append(f"  {format_clock(left)} left")
        if status != "ended":
            text.append(f"  {signed_minutes(schedule.behind_s)}",
                        style="bold" if schedule.behind_s >= 120 else "")
    if status == "paused":
        text.append("  ‖ PAUSED", style="bold reverse")
    if state.session.rehearsal:
        text.append("  REHEARSAL", style="bold")
    text.append(f"  {saved}")
    text.append("  ")
    text.append(state.plan.session.title, style="dim")
    return text


def phase_heading(state: SessionState, timer: views.TimerView, nxt: views.NextView,
                  names: Names, step: str = "n") -> Text:
    """Which phase, what `n` will do, and what comes after this phase. A replay shows
    the facilitator's next step as `step` "next" (n is not a replay key)."""
    total = len(state.plan.phases)
    text = Text()
    if timer.phase is None:
        if timer.status == "ended":
            text.append("Session ended", style="bold")
            return text
        text.append("Ready to start", style="bold")
        text.append(f"\n{total} phases, {format_duration(timer.planned_s)} planned")
        text.append(f"\n{step}: start with ")
        text.append(nxt.phase_label or "", style="bold")
        return text
    text.append(f"{timer.phase + 1}/{total} ", style="dim")
    text.append(timer.label.upper(), style="bold")
    text.append(f"\n{step}: {_step_words(nxt, names)}")
    if nxt.phase_label and nxt.action != "next-phase":
        text.append("\nthen: ", style="dim")
        text.append(nxt.phase_label)
        if nxt.phase_planned_s:
            text.append(f" ({format_duration(nxt.phase_planned_s)})", style="dim")
    return text


def _step_words(nxt: views.NextView, names: Names) -> Text:
    text = Text()
    match nxt.action:
        case "next-person":
            text.append("next person, ")
            text.append(names.name(nxt.participant or ""), style="bold")
        case "complete-round":
            text.append("finish the round")
        case "cover-rule":
            text.append("mark this rule covered")
        case "next-prompt":
            text.append("next prompt")
        case "open-rooms":
            text.append("open the rooms")
        case "close-rooms":
            text.append("close the rooms")
        case "start-questions":
            text.append("open questions")
        case "reveal-answer":
            text.append("reveal the answer")
        case "next-question":
            text.append("next question")
        case "next-phase":
            text.append("next phase, ")
            text.append(nxt.phase_label or "", style="bold")
        case "end-session":
            text.append("end the session")
        case _:
            text.append(nxt.action)
    return text


def rooms_caption(view: BreakoutView) -> tuple[str, str, str]:
    """The big clock while rooms are open: the rooms' own countdown."""
    remaining = view.remaining_s
    alerts = view.alerts
    if remaining <= 0:
        return format_clock(remaining), "overtime", "⏰ ROOMS OVER TIME"
    if alerts and remaining <= max(alerts):
        return format_clock(remaining), "warning", (
            f"⚠ rooms close in {minutes_words(remaining)}")
    return format_clock(remaining), "normal", "rooms close in"


def clock_caption(timer: views.TimerView) -> tuple[str, str, str]:
    """(digits, level, caption): the level is also said in words and symbols."""
    if timer.phase is None:
        return format_clock(timer.remaining_s), "normal", (
            "session ended" if timer.status == "ended" else "planned")
    if timer.paused:
        return format_clock(timer.remaining_s), "paused", "‖ PAUSED"
    if timer.level == "overtime":
        return format_clock(timer.remaining_s), "overtime", "⏰ OVER TIME"
    if timer.level == "warning":
        return format_clock(timer.remaining_s), "warning", (
            f"⚠ {minutes_words(timer.remaining_s)} left")
    return format_clock(timer.remaining_s), "normal", f"of {format_duration(timer.planned_s)}"


def script(prompt: str | None, notes: str | None) -> Text | None:
    """The prompt to read out and the facilitator's own notes."""
    if not prompt and not notes:
        return None
    text = Text()
    if prompt:
        text.append("Say: ", style="bold")
        text.append(prompt)
    if notes:
        if prompt:
            text.append("\n")
        text.append("Notes: ", style="dim bold")
        text.append(notes, style="dim")
    return text


# -- phase panels -----------------------------------------------------------------------


def round_panel(view: RoundView, names: Names) -> Text:
    """Who is on, who is next, and every seat with spoke / passed / skipped."""
    text = Text()
    if view.current:
        text.append("Now: ", style="bold")
        text.append(names.label(view.current), style="bold")
        timebox = f" / {format_clock(view.per_person_s)}" if view.per_person_s else ""
        text.append(f"  {format_elapsed(view.current_s)}{timebox}")
        if view.over_time:
            text.append("  ⚑ over their time (soft)", style="bold")
    elif view.completed:
        text.append("Round complete", style="bold")
    else:
        text.append("n: begin the round", style="bold")
    if view.next:
        text.append("\nNext: ")
        text.append(names.name(view.next))
    order = {"random": "random order", "alphabetical": "alphabetical", "plan": "plan order"}
    text.append(f"\n{order.get(view.method, view.method)}", style="dim")
    for seat in view.seats:
        mark, style = SEAT_MARKS.get(seat.state, ("·", ""))
        text.append("\n ")
        text.append(f"{mark.split()[0]} ", style=style)
        text.append(names.name(seat.participant), style=style)
        if " " in mark:
            text.append(f"  ({mark.split(' ', 1)[1]})", style="dim")
        if seat.answer:
            text.append(" - ")
            text.append(seat.answer, style="italic")
    return text


def rules_panel(view: RulesView) -> Text:
    text = Text()
    for line in view.lines:
        text.append("\n" if line.index else "")
        text.append("[x] " if line.covered else "[ ] ", style="bold" if line.covered else "")
        text.append(line.text)
        if line.added:
            text.append("  (added today)", style="dim")
    text.append(f"\n{view.covered} of {len(view.lines)} covered", style="dim")
    if view.invite_additions:
        text.append("  A: add a rule the group suggests", style="dim")
    return text


def share_bar(share: float) -> str:
    filled = round(max(0.0, min(1.0, share)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


LISTED = 12
"""Hands, and people not yet heard, named one by one; past that, a count. A long list
beside a video call is read by nobody, and re-wrapping it slows every key."""


def queue_panel(view: QueueView, names: Names) -> Text:
    """The speaker now, and the hands in the order they will be called."""
    text = Text()
    if view.speaker:
        text.append("Speaking: ", style="bold")
        text.append(names.name(view.speaker), style="bold")
        limit = f" / {format_clock(view.limit_s)}" if view.limit_s else ""
        text.append(f"  {format_elapsed(view.turn_s)}{limit}")
        if view.over_limit:
            text.append("  ⚑ over the turn limit (soft)", style="bold")
    else:
        text.append("Nobody has the floor", style="dim")
    mode = "fewest turns first" if view.mode == "fewest-first" else "in the order raised"
    if view.entries:
        text.append(f"\nHands ({mode}):")
        for entry in view.entries[:LISTED]:
            text.append(f"\n {entry.position}. ")
            text.append(names.name(entry.participant))
            text.append(f"  waiting {format_elapsed(entry.waiting_s)}", style="dim")
            if entry.first_time:
                text.append("  ★ first time", style="bold")
        if len(view.entries) > LISTED:
            text.append(f"\n ...and {len(view.entries) - LISTED} more hands up", style="dim")
    else:
        text.append("\nNo hands up  (h: raise a hand)", style="dim")
    return text


def _share_line(text: Text, name: str, row: ShareRow, width: int) -> None:
    """One talk-time line: name (cut to `width`), bar, share and turns."""
    text.append("\n ")
    text.append(name[:width].ljust(width), style="bold" if row.speaking else "")
    text.append(f" {share_bar(row.share)} {round(row.share * 100):>3}%")
    text.append(f" {row.turns}t", style="dim")


def talk_panel(view: TalkView, names: Names, limit: int = 8) -> Text:
    """Talk-time shares as bars, the facilitator's own share, who has not spoken.

    At most `limit` lines of members: when more have spoken, the last line says how
    many are left out, so nobody looks as if they never spoke (and the panel is no
    taller than a full list).
    """
    text = Text("Talk time", style="bold")
    spoke = [row for row in view.rows if row.seconds > 0]
    shown = spoke if len(spoke) <= limit else spoke[:max(0, limit - 1)]
    hidden = len(spoke) - len(shown)
    width = max([len(names.name(r.speaker)) for r in shown] + [12])
    width = min(width, 16)
    for row in shown:
        _share_line(text, names.name(row.speaker), row, width)
    if hidden:
        text.append(f"\n +{hidden} more who spoke", style="dim")
    _share_line(text, "You", view.facilitator, width)
    stats = view.stats
    if stats.not_spoken:
        text.append("\nNot spoken yet: ", style="dim")
        text.append(", ".join(names.name(p) for p in stats.not_spoken[:LISTED]))
        if len(stats.not_spoken) > LISTED:
            text.append(f" and {len(stats.not_spoken) - LISTED} more", style="dim")
    if stats.passed:
        text.append("\nPassed (their right): ", style="dim")
        text.append(", ".join(names.name(p) for p in stats.passed))
    return text


def discussion_panel(view: DiscussionView, names: Names) -> Text:
    prompt = None
    if view.prompt is not None:
        prompt = Text()
        prompt.append(f"Prompt {view.prompt_number}/{view.prompts}: ", style="bold")
        prompt.append(view.prompt)
    parked = view.parked
    return lines(
        prompt,
        queue_panel(view.queue, names),
        talk_panel(view.talk, names),
        Text(f"Parking lot: {parked} item{'s' if parked != 1 else ''}", style="dim")
        if parked else None,
    )


def breakout_panel(view: BreakoutView, names: Names) -> Text:
    text = Text()
    if view.task:
        text.append("Task: ", style="bold")
        text.append(view.task)
        text.append("\n")
    if view.status == "preparing":
        text.append("Rooms not open yet: n opens them and assigns people", style="bold")
    elif view.status == "open":
        text.append(f"Rooms open: {format_clock(view.remaining_s)} left", style="bold")
    else:
        text.append("Rooms closed", style="bold")
    for room in view.rooms:
        text.append(f"\n Room {room.number}: ")
        if not room.members:
            text.append("(empty)")
        for number, member in enumerate(room.members):
            text.append(", " if number else "")
            text.append(names.name(member), style="dim strike" if member in room.away else "")
            if member in room.away:
                text.append(" (away)", style="dim")
        if room.help:
            text.append("  ! asked for help", style="bold reverse")
        if room.report:
            text.append("\n   reported: ", style="dim")
            text.append(room.report, style="italic")
    if view.repeated_pairs:
        text.append(f"\n {view.repeated_pairs} pair(s) met in an earlier breakout", style="dim")
    if view.status == "open":
        due = view.last_broadcast or view.opening
        if due:
            text.append("\nBroadcast now, c copies:\n ", style="bold")
            text.append(due, style="bold reverse" if view.last_broadcast else "")
        if view.next_broadcast and view.next_broadcast_at_s:
            text.append(f"\nNext, at {minutes_words(view.next_broadcast_at_s)} left:\n ",
                        style="dim")
            text.append(view.next_broadcast, style="dim")
    elif view.status == "preparing":
        first = view.opening or view.next_broadcast
        if first:
            label = "Opening broadcast" if view.opening else "First broadcast"
            text.append(f"\n{label}, c copies:\n ", style="bold")
            text.append(first)
    text.append(f"\n{view.settings.platform or 'Platform'} settings:", style="dim bold")
    for line in view.settings.lines:
        text.append("\n ")
        text.append(line, style="dim")
    if view.adjusted_s:
        text.append(f"\n Rooms' time changed by {format_duration(abs(view.adjusted_s))}: "
                    "change it on the platform too", style="bold")
    return text


def guest_panel(view: GuestView, names: Names) -> Text:
    text = Text()
    if view.speaker:
        text.append("Speaker: ", style="bold")
        text.append(view.speaker)
    if view.topic:
        text.append("\nTopic: ", style="bold")
        text.append(view.topic)
    if view.part == "talk":
        text.append(f"\nTalk: {format_clock(view.talk_left_s)} left, then "
                    f"{format_duration(view.qa_planned_s) if view.qa_planned_s else 'no'} "
                    "of questions", style="bold")
        text.append("\nQ: open questions now", style="dim")
    else:
        text.append(f"\nQuestions: {format_clock(view.qa_left_s)} left", style="bold")
    return lines(text, queue_panel(view.queue, names))


def quiz_panel(view: QuizView, names: Names) -> Text:
    text = Text()
    text.append(f"Question {view.index + 1}/{view.total}: ", style="bold")
    text.append(view.question)
    for number, choice in enumerate(view.choices, 1):
        text.append(f"\n {number}) ")
        right = view.revealed and choice == view.answer
        text.append(choice, style="bold reverse" if right else "")
        if right:
            text.append("  ✓ answer", style="bold")
    if view.revealed and not view.choices:
        text.append("\nAnswer: ", style="bold")
        text.append(view.answer or "")
    elif not view.revealed:
        text.append("\ny: reveal the answer", style="dim")
    if view.scores:
        text.append("\nScores: ", style="bold")
        text.append(", ".join(f"{names.name(p)} {points}" for p, points in view.scores))
    return text


def break_panel(view: BreakView) -> Text:
    text = Text("Tea and chat: no agenda, no pressure.", style="bold")
    if view.prompt:
        text.append("\n")
        text.append(view.prompt)
    if view.nudge:
        text.append("\nA gentle nudge: invite people back when they are ready.", style="italic")
    return text


def close_panel(view: CloseView, names: Names, next_dates: list[datetime]) -> Text:
    parts: list[Text | None] = []
    if view.round is not None:
        parts.append(round_panel(view.round, names))
    if view.feedback_prompt:
        feedback = Text("Feedback on the platform: ", style="bold")
        feedback.append(view.feedback_prompt)
        for score, comment, who in view.feedback:
            feedback.append("\n ")
            feedback.append(names.name(who) if who else "The group")
            if score is not None:
                feedback.append(f": {score}/5")
            if comment:
                feedback.append(" - ")
                feedback.append(comment, style="italic")
        if view.average_score is not None:
            feedback.append(f"\n average {view.average_score:.1f}/5", style="dim")
        feedback.append("\nF: record feedback", style="dim")
        parts.append(feedback)
    if view.takeaways:
        takeaways = Text("Takeaways:", style="bold")
        for takeaway, who in view.takeaways:
            takeaways.append("\n - ")
            takeaways.append(takeaway)
            if who:
                takeaways.append(f" ({names.name(who)})", style="dim")
        parts.append(takeaways)
    if view.follow_ups:
        follow = Text("Follow up after the session:", style="bold")
        for who, note in view.follow_ups:
            follow.append("\n ⚑ ")
            follow.append(names.name(who))
            if note:
                follow.append(" - ")
                follow.append(note, style="italic")
        parts.append(follow)
    if view.parked:
        parked = Text("Parking lot:", style="bold")
        for item in view.parked:
            parked.append("\n - ")
            parked.append(item)
        parts.append(parked)
    if next_dates:
        parts.append(Text(f"Next session: {next_dates[0]:%a %d %b %H:%M}", style="bold"))
    return lines(*parts)


def agenda_row(row, now_index: int | None, width: int = 34) -> Text:
    """One agenda line: mark, planned start, title, planned vs actual; fits `width`."""
    marks = {"done": "✓", "current": "▶", "next": "›", "skipped": "–"}
    current = row.status == "current"
    start = f"{format_elapsed(row.planned_start_s)} "
    length = f" {format_duration(row.planned_s)}"
    delta_text = ""
    if row.actual_s is not None and row.status == "done":
        delta = row.actual_s - row.planned_s
        if abs(delta) >= 30:
            sign = "+" if delta > 0 else "-"
            delta_text = f" {sign}{format_duration(max(60, round(abs(delta) / 60) * 60))}"
    room = max(4, width - 2 - len(start) - len(length) - len(delta_text))
    label = row.label if len(row.label) <= room else row.label[: room - 1] + "…"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{marks.get(row.status, ' ')} ", style="bold" if current else "")
    text.append(start, style="dim")
    text.append(label, style="bold" if current else (
        "dim" if row.status in ("done", "skipped") else ""))
    text.append(length, style="dim")
    if delta_text:
        text.append(delta_text, style="bold" if delta_text.startswith(" +") else "dim")
    return text
