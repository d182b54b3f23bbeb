"""After the last phase: a short debrief to read right after the call.

What to follow up first (private: the facilitator's own), then how the time went, who
came, who spoke and who passed, the group's words, the next date and where the log is.
The facts come from `sessiontui.debrief`; this screen only words them. Names come from
the roster (this is the facilitator's own screen); everything anyone typed is appended
as literal text, never parsed as markup. It scrolls with the arrow and page keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sessiontui.core.care import follow_up_words
from sessiontui.debrief import Debrief, Timing, build_debrief
from sessiontui.live import LiveSession
from sessiontui.plan.durations import format_span
from sessiontui.ui.widgets.key_footer import KeyFooter

Namer = Callable[[str], str]

NAME_COLUMN = 16
"""Names up to this many cells line up in the table of who spoke."""

END_WORDS = {
    "completed": "Session completed",
    "ended-early": "Session ended early",
    "interrupted": "Session interrupted",
}


def summary_text(live: LiveSession, width: int | None = None) -> Text:
    """The debrief of the session `live` ran, as literal text (wrapped to `width`)."""
    debrief = build_debrief(live.state, wall=live.now().wall, log=live.log_path)
    return hanging(debrief_text(debrief, live.names.name), width)


def hanging(text: Text, width: int | None) -> Text:
    """Each line wrapped to `width` cells at spaces, its continuation lines indented two
    more than the line itself, so that a long list stays under its heading."""
    if width is None or width < 20:
        return text
    lines = text.split("\n", allow_blank=True)
    wrapped = []
    for line in lines:
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        wrapped.append(_wrap_line(line, width, indent + 2))
    return Text("\n").join(wrapped)


def _wrap_line(line: Text, width: int, hang: int) -> Text:
    plain = line.plain
    if cell_len(plain) <= width:
        return line
    out = Text()
    start = 0
    room = width
    while True:
        used = 0
        space = None
        end = start
        words = False
        while end < len(plain):
            cells = cell_len(plain[end])
            if used + cells > room:
                break
            if plain[end] == " " and words:
                space = end
            elif plain[end] != " ":
                words = True
            used += cells
            end += 1
        if end >= len(plain):
            out.append_text(line[start:])
            return out
        if plain[end] == " " and words:
            space = end  # the last word fits exactly
        if space is None:
            # One word wider than the line (a path): left whole, for the terminal to fold,
            # so that it is still one piece to select and copy.
            space = plain.find(" ", end)
            if space < 0:
                out.append_text(line[start:])
                return out
        out.append_text(line[start:space])
        out.append("\n" + " " * hang)
        start = space + 1
        room = max(10, width - hang)


def debrief_text(debrief: Debrief, name: Namer) -> Text:
    """The debrief in words: short sections, each a bold heading and indented lines."""
    text = Text()
    text.append(debrief.title, style="bold")
    text.append(" · debrief" + (" of a rehearsal" if debrief.rehearsal else ""), style="dim")
    _follow_ups(text, debrief, name)
    _timing(text, debrief, name)
    _attendance(text, debrief, name)
    _talk(text, debrief, name)
    _words(text, debrief, name)
    if debrief.next_date is not None:
        when = debrief.next_date.astimezone(debrief.zone)
        text.append(f"\n\nNext session: {when:%A %d %B %Y, %H:%M %Z}".rstrip(), style="bold")
    _log(text, debrief.log)
    return text


def _heading(text: Text, words: str, note: str = "") -> None:
    text.append("\n\n")
    text.append(words, style="bold")
    if note:
        text.append(f" ({note})", style="dim")


def _said(words: str) -> str:
    """Typed text that runs to several lines stays indented under its own line."""
    return words.replace("\r\n", "\n").replace("\n", "\n    ")


def _names(ids: tuple[str, ...], name: Namer) -> str:
    return ", ".join(name(who) for who in ids)


def _follow_ups(text: Text, debrief: Debrief, name: Namer) -> None:
    if debrief.safeguarding:
        _heading(text, "Safeguarding first", "private: only you see these")
        if debrief.lead:
            text.append(f"\n  Lead: {debrief.lead}")
        for item in debrief.safeguarding:
            text.append("\n  ⚠ ")
            text.append(follow_up_words(item, debrief.steps, name))
    if debrief.follow_ups:
        _heading(text, "Follow up", "private: only you see these")
        for who, note in debrief.follow_ups:
            text.append("\n  ⚑ ")
            text.append(name(who))
            if note:
                text.append(" - ")
                text.append(_said(note))
    if debrief.parked:
        _heading(text, "To come back to", "the parking lot")
        for item in debrief.parked:
            text.append("\n  - ")
            text.append(_said(item))


def _timing(text: Text, debrief: Debrief, name: Namer) -> None:
    timing = debrief.timing
    _heading(text, "Timing")
    if not timing.started:
        text.append("\n  The session did not start.")
        return
    ending = END_WORDS.get(timing.end_reason or "", "Session not ended")
    text.append(f"\n  {ending}")
    if timing.end_reason != "completed" and timing.ended_in is not None:
        text.append(", in ")
        text.append(timing.ended_in)
        text.append(f" (phase {(timing.ended_phase or 0) + 1} of {timing.phases})")
    text.append(f"\n  Ran {format_span(timing.ran_s)}{_clock_times(debrief)}"
                f" against {_minutes(timing.planned_s)} planned")
    if timing.paused_s >= 1:
        text.append(f", paused {format_span(timing.paused_s)}")
    text.append(f"\n  At the end: {_standing(timing)}")
    cut = timing.round_cut
    if cut is not None:
        if cut.waiting:
            text.append("\n  Had not had their go in ")
            text.append(cut.label)
            text.append(": ")
            text.append(_names(cut.waiting, name))
        if cut.on is not None:
            text.append("\n  Having their go when it ended: ")
            text.append(name(cut.on))
    if timing.not_reached:
        text.append("\n  Not reached: ")
        text.append(", ".join(timing.not_reached))
    if timing.skipped:
        text.append("\n  Skipped: ")
        text.append(", ".join(timing.skipped))


def _standing(timing: Timing) -> str:
    """Ahead, behind or on time against the plan as written, to the minute."""
    seconds = timing.behind_s
    if abs(seconds) < 30:
        return "on time"
    minutes = _minutes(max(60.0, abs(seconds)))
    return f"{minutes} behind the plan" if seconds > 0 else f"{minutes} ahead of the plan"


def _minutes(seconds: float) -> str:
    """To the nearest minute: 45m, 1h 05m."""
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def _clock_times(debrief: Debrief) -> str:
    """' (19:30-20:55)' in the plan's zone; nothing for a rehearsal, whose clock ran fast."""
    timing = debrief.timing
    if debrief.rehearsal or timing.started_at is None or timing.ended_at is None:
        return ""
    start = timing.started_at.astimezone(debrief.zone)
    end = timing.ended_at.astimezone(debrief.zone)
    return f" ({start:%H:%M}-{end:%H:%M})"


def _attendance(text: Text, debrief: Debrief, name: Namer) -> None:
    seen = debrief.attendance
    _heading(text, "Attendance")
    text.append(f"\n  Came {seen.came} of {seen.expected} expected")
    if seen.walk_ins:
        count = len(seen.walk_ins)
        text.append(f", and {count} walk-in{'s' if count != 1 else ''}")
    if seen.unmarked:
        text.append(f" ({seen.unmarked} never marked: counted as here)", style="dim")
    for label, ids in (("Absent", seen.absent), ("Late", seen.late),
                       ("Stepped out", seen.stepped_out), ("Left early", seen.left),
                       ("Walk-ins", seen.walk_ins)):
        if ids:
            text.append(f"\n  {label}: ")
            text.append(_names(ids, name))


def _talk(text: Text, debrief: Debrief, name: Namer) -> None:
    talk = debrief.talk
    _heading(text, "Who spoke, who passed", "passing is their right")
    rows = [(name(row.participant), row) for row in talk.people]
    width = min(NAME_COLUMN, max([cell_len(who) for who, _ in rows] + [3]))
    for who, row in rows:
        text.append("\n  ")
        text.append(who)
        text.append(" " * max(2, width - cell_len(who) + 2))
        text.append(_figures(row.turns, row.seconds, row.share))
        if row.passes:
            text.append(f"  passed {row.passes}" if row.passes > 1 else "  passed")
    if not rows:
        text.append("\n  Nobody was there by the roster.")
    me = talk.facilitator
    text.append("\n  You (facilitator): ")
    if me.turns:
        text.append(f"{me.turns} turn{'s' if me.turns != 1 else ''}, "
                    f"{format_span(me.seconds)}: ")
    text.append(f"{round(talk.facilitator_share * 100)}% of all talk time")


def _figures(turns: int, seconds: float, share: float) -> str:
    """'3 turns  4m 10s  31%', in columns; 'no turns' for someone who did not speak."""
    if not turns:
        return "no turns".ljust(8)
    words = f"{turns} turn{'s' if turns != 1 else ''}".ljust(8)
    return f"{words} {format_span(seconds):>7} {round(share * 100):>3}%"


def _words(text: Text, debrief: Debrief, name: Namer) -> None:
    for rnd in debrief.rounds:
        _heading(text, rnd.label, "answers")
        if rnd.capture == "word":
            text.append("\n  ")
            for number, (who, answer) in enumerate(rnd.answers):
                if number:
                    text.append(" · ")
                text.append(name(who))
                text.append(": ")
                text.append(answer)
        else:
            for who, answer in rnd.answers:
                text.append("\n  ")
                text.append(name(who))
                text.append(": ")
                text.append(answer)
    if debrief.takeaways:
        _heading(text, "Takeaways")
        for takeaway, who in debrief.takeaways:
            text.append("\n  - ")
            text.append(_said(takeaway))
            if who:
                text.append(" (")
                text.append(name(who))
                text.append(")")
    if debrief.feedback:
        average = debrief.average_score
        _heading(text, "Feedback on the platform",
                 f"average {average:.1f} of 5" if average is not None else "")
        for score, comment, who in debrief.feedback:
            text.append("\n  ")
            text.append(name(who) if who else "The group")
            if score is not None:
                text.append(f": {score}/5")
            if comment:
                text.append(" - ")
                text.append(_said(comment))
    if debrief.scores:
        _heading(text, "Quiz scores")
        text.append("\n  ")
        text.append(", ".join(f"{name(who)} {points}" for who, points in debrief.scores))


def _log(text: Text, log: Path) -> None:
    _heading(text, "The log", "its path is printed again when you leave")
    # Folder and file on lines of their own: a path has no spaces to wrap at.
    text.append(f"\n  {_home_short(log.parent)}/\n  {log.name}")
    text.append("\n  Open it again, with LOG that path:")
    text.append("\n    sessiontui report LOG   a report: timing, talk, words")
    text.append("\n    sessiontui replay LOG   watch the session again")
    text.append("\n  or choose it on the home screen (sessiontui).", style="dim")


def _home_short(folder: Path) -> str:
    """The folder with the home directory written as ~, as a shell would accept it."""
    try:
        return "~/" + str(folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


class DebriefScroll(VerticalScroll):
    """The debrief's scrolling area: its page keys shown in the footer."""

    BINDINGS = [
        Binding("pageup", "page_up", "Page up", group=Binding.Group("Scroll")),
        Binding("pagedown", "page_down", "Page down", group=Binding.Group("Scroll")),
    ]


class SummaryScreen(Screen[None]):
    """The debrief shown when a session ends; any of the done keys leaves the app."""

    BINDINGS = [Binding("q,enter,escape", "app.quit", "Done", id="summary.done")]
    DEFAULT_CSS = """
    SummaryScreen DebriefScroll { padding: 0 1; }
    SummaryScreen DebriefScroll:focus { background-tint: transparent; }
    """

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with DebriefScroll(id="debrief"):
            yield DebriefText(self.live, id="summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DebriefScroll).focus()


class DebriefText(Static):
    """The debrief's words, wrapped again to its width whenever that changes."""

    def __init__(self, live: LiveSession, *, id: str | None = None) -> None:
        super().__init__(summary_text(live), id=id, markup=False)
        self.live = live
        self._width: int | None = None

    def on_resize(self) -> None:
        width = self.size.width
        if width and width != self._width:
            self._width = width
            self.update(summary_text(self.live, width))
