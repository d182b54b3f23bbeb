"""The check-in and the close: who is on, who is next, and every seat."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text

from sessiontui.core.care import follow_up_words
from sessiontui.core.phases.rounds import CloseView, RoundView
from sessiontui.core.state import FACILITATOR
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_clock, format_elapsed
from sessiontui.ui.look import Look, lines
from sessiontui.ui.panels.base import PhasePanel

SEATS = {
    "current": ("▶", "strong", ""),
    "spoke": ("✓", "", ""),
    "passed": ("↷", "said", "passed"),
    "skipped": ("–", "muted", "skipped"),
    "away": ("–", "muted", "away"),
    "next": ("·", "strong", "next"),
    "waiting": ("·", "muted", ""),
}
ORDER = {"random": "random order", "alphabetical": "alphabetical", "plan": "plan order"}


def round_text(view: RoundView, names: Names, look: Look) -> Text:
    """Who is on (and for how long), who is next, and every seat with its state."""
    text = Text()
    if view.speaker == FACILITATOR:
        speaker = "you" if look.key is not None else names.name(FACILITATOR)
        text.append(f"Speaking: {speaker}", style=look.strong)
        text.append(f"  {format_elapsed(view.speaker_s)}")
        hint = look.hint("turn.facilitator", "back to the round")
        if hint:
            text.append(f"  ({hint})", style=look.muted)
        text.append("\n")
    if view.current:
        waiting = view.speaker == FACILITATOR
        text.append("Then: " if waiting else "Now: ", style=look.muted if waiting else look.strong)
        text.append(names.label(view.current), style=look.strong)
        timebox = f" / {format_clock(view.per_person_s)}" if view.per_person_s else ""
        text.append(f"  {format_elapsed(view.current_s)}{timebox}")
        if view.over_time:
            text.append("  ⚑ over their time (soft)", style=look.strong)
    elif view.completed:
        text.append("Round complete", style=look.strong)
    elif not view.seats:
        # Nobody to go around: n moves on (the header's "n:" says so), never "begins".
        text.append("No one in the round yet", style=look.strong)
        hint = look.hint("people.join", "add someone who joined")
        if hint:
            text.append(f"  ({hint})", style=look.muted)
    else:
        hint = look.hint("phase.next", "begin the round")
        text.append(hint or "Not begun", style=look.strong)
    if view.next:
        text.append("\nNext: ")
        text.append(names.name(view.next))
        if names.tag(view.next):
            text.append(f"  {names.tag(view.next)}")
    text.append(f"\n{ORDER.get(view.method, view.method)}", style=look.muted)
    for seat in view.seats:
        mark, style_name, words = SEATS.get(seat.state, ("·", "", ""))
        style = getattr(look, style_name) if style_name else ""
        text.append("\n ")
        text.append(f"{mark} ", style=style)
        text.append(names.name(seat.participant), style=style)
        tag = names.tag(seat.participant)
        if tag:
            text.append(f"  {tag}")
        if words:
            text.append(f"  ({words})", style=look.muted)
        if seat.answer:
            text.append(" - ")
            text.append(seat.answer, style=look.said)
    return text


class CheckInPanel(PhasePanel):
    kind: ClassVar[str] = "check-in"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, RoundView)
        return round_text(view, names, look)


def close_text(view: CloseView, names: Names, look: Look,
               next_dates: list[datetime] | None = None) -> Text:
    """Safeguarding follow-ups first (they must not scroll out of view), then the
    closing round, feedback, takeaways, follow-ups, the parking lot, next date."""
    parts: list[Text | None] = []
    if view.safeguarding:
        care = Text("Safeguarding, first (private):", style=look.strong)
        if view.lead:
            care.append(f" lead {view.lead}", style=look.muted)
        for item in view.safeguarding:
            care.append("\n ⚠ ")
            care.append(follow_up_words(item, view.steps, names.name))
        parts.append(care)
    if view.round is not None:
        parts.append(round_text(view.round, names, look))
    if view.feedback_prompt:
        feedback = Text("Feedback on the platform: ", style=look.strong)
        feedback.append(view.feedback_prompt)
        for score, comment, who in view.feedback:
            feedback.append("\n ")
            feedback.append(names.name(who) if who else "The group")
            if score is not None:
                feedback.append(f": {score}/5")
            if comment:
                feedback.append(" - ")
                feedback.append(comment, style=look.said)
        if view.average_score is not None:
            feedback.append(f"\n average {view.average_score:.1f}/5", style=look.muted)
        hint = look.hint("close.feedback", "record feedback")
        if hint:
            feedback.append(f"\n{hint}", style=look.muted)
        parts.append(feedback)
    if view.takeaways:
        takeaways = Text("Takeaways:", style=look.strong)
        for takeaway, who in view.takeaways:
            takeaways.append("\n - ")
            takeaways.append(takeaway)
            if who:
                takeaways.append(f" ({names.name(who)})", style=look.muted)
        parts.append(takeaways)
    if view.follow_ups:
        follow = Text("Follow up after the session:", style=look.strong)
        for who, note in view.follow_ups:
            follow.append("\n ⚑ ")
            follow.append(names.name(who))
            if note:
                follow.append(" - ")
                follow.append(note, style=look.said)
        parts.append(follow)
    if view.parked:
        parked = Text("Parking lot:", style=look.strong)
        for item in view.parked:
            parked.append("\n - ")
            parked.append(item)
        parts.append(parked)
    if next_dates:
        parts.append(Text(f"Next session: {next_dates[0]:%a %d %b %H:%M}", style=look.strong))
    return lines(*parts)


class ClosePanel(PhasePanel):
    kind: ClassVar[str] = "close"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.next_dates: list[datetime] = []
        """The next session dates, set by the screen (they need the wall clock)."""

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, CloseView)
        return close_text(view, names, look, self.next_dates)
