"""After the last phase: how it went against the plan, who spoke, who to follow up,
the next date, and where the log is."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sessiontui.core.phases.rounds import close_view
from sessiontui.core.stats import talk_view
from sessiontui.live import LiveSession
from sessiontui.plan.budget import next_dates, plan_zone
from sessiontui.plan.durations import format_duration
from sessiontui.ui.widgets.key_footer import KeyFooter


def summary_text(live: LiveSession) -> Text:
    """The end-of-session summary as literal text."""
    state = live.state
    now = live.now()
    text = Text()
    text.append(f"{live.plan.session.title}\n", style="bold")
    reason = state.session.end_reason or "ended"
    started = state.session.started or 0.0
    ended = state.session.ended if state.session.ended is not None else now.t
    length = ended - started
    planned = live.plan.planned_seconds
    diff = length - planned
    text.append(f"Session {reason.replace('-', ' ')}: {format_duration(max(1, round(length)))}"
                f" against {format_duration(planned)} planned")
    if abs(diff) >= 60:
        text.append(f" ({format_duration(round(abs(diff)))} {'over' if diff > 0 else 'under'})")
    talk = talk_view(state, ended)
    spoke = [row for row in talk.rows if row.turns]
    text.append("\n\nWho spoke", style="bold")
    if spoke:
        for row in spoke:
            text.append("\n  ")
            text.append(live.names.name(row.speaker))
            text.append(f"  {row.turns} turn{'s' if row.turns != 1 else ''}, "
                        f"{round(row.share * 100)}%")
    else:
        text.append("\n  no timed turns")
    text.append(f"\n  You: {round(talk.stats.facilitator_share * 100)}% of talk time")
    if talk.stats.not_spoken:
        text.append("\n  Did not speak (their right): ", style="dim")
        text.append(", ".join(live.names.name(p) for p in talk.stats.not_spoken), style="dim")
    close = close_view(state, ended)
    if close.follow_ups:
        text.append("\n\nFollow up", style="bold")
        for who, note in close.follow_ups:
            text.append("\n  ⚑ ")
            text.append(live.names.name(who))
            if note:
                text.append(" - ")
                text.append(note)
    if close.takeaways:
        text.append("\n\nTakeaways", style="bold")
        for takeaway, who in close.takeaways:
            text.append("\n  - ")
            text.append(takeaway)
            if who:
                text.append(f" ({live.names.name(who)})", style="dim")
    if close.feedback:
        text.append("\n\nFeedback on the platform", style="bold")
        if close.average_score is not None:
            text.append(f"  (average {close.average_score:.1f} of 5)")
        for score, comment, who in close.feedback:
            text.append("\n  ")
            text.append(live.names.name(who) if who else "The group")
            if score is not None:
                text.append(f": {score}/5")
            if comment:
                text.append(" - ")
                text.append(comment)
    quiz = list(state.course.scores.items())
    if quiz:
        text.append("\n\nQuiz scores: ", style="bold")
        text.append(", ".join(f"{live.names.name(p)} {n}" for p, n in sorted(
            quiz, key=lambda item: -item[1])))
    if close.parked:
        text.append("\n\nParking lot (to come back to)", style="bold")
        for item in close.parked:
            text.append("\n  - ")
            text.append(item)
    dates = next_dates(live.plan, now.wall)
    if dates:
        zone = plan_zone(live.plan)
        text.append(f"\n\nNext session: {dates[0].astimezone(zone):%A %d %B %Y, %H:%M}",
                    style="bold")
    text.append("\n\nThe log", style="bold")
    text.append(" (its path is printed again when you leave)", style="dim")
    # Folder and file on lines of their own: a path has no spaces to wrap at.
    text.append(f"\n  {_home_short(live.log_path.parent)}/\n  {live.log_path.name}")
    text.append("\nReplay it from the home screen (sessiontui), or with "
                "sessiontui replay and that path.", style="dim")
    return text


def _home_short(folder: Path) -> str:
    """The folder with the home directory written as ~, as a shell would accept it."""
    try:
        return "~/" + str(folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


class SummaryScreen(Screen[None]):
    """The short summary shown when a session ends."""

    BINDINGS = [Binding("q,enter,escape", "app.quit", "Done", id="summary.done")]
    DEFAULT_CSS = "SummaryScreen VerticalScroll { padding: 1 2; }"

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(summary_text(self.live), id="summary", markup=False)
        yield KeyFooter()
