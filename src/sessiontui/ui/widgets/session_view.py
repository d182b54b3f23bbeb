"""The session as a facilitator sees it: status line, phase heading, big timer, the
phase's panel and the agenda. Fed by any source (a live session or a replay), so a
replay shows exactly what was on the screen live."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.core import views
from sessiontui.core.clock import Now
from sessiontui.core.phases.breakout import BreakoutView
from sessiontui.core.state import SessionState
from sessiontui.journal.roster import Names
from sessiontui.plan.budget import next_dates, plan_zone
from sessiontui.plan.durations import format_duration
from sessiontui.plan.models import Plan
from sessiontui.ui import render
from sessiontui.ui.widgets.phase_clock import PhaseClock
from sessiontui.ui.widgets.static_text import set_static_text

PANELS = {
    "check-in": render.round_panel,
    "ground-rules": lambda view, names: render.rules_panel(view),
    "discussion": render.discussion_panel,
    "breakout": render.breakout_panel,
    "guest-speaker": render.guest_panel,
    "quiz": render.quiz_panel,
    "break": lambda view, names: render.break_panel(view),
}

WIDE = 100
"""Terminal width from which the agenda is shown beside the panel."""


class SessionSource(Protocol):
    """What the view needs: a LiveSession, or a replay at some moment."""

    plan: Plan
    names: Names
    rehearsal: bool
    replaying: bool

    @property
    def state(self) -> SessionState: ...

    def now(self) -> Now: ...


class SessionView(Vertical):
    """Everything about the session at one moment, rendered literally."""

    DEFAULT_CSS = """
    SessionView { height: 1fr; }
    SessionView #status { height: 1; padding: 0 1; background: $panel; }
    SessionView #top { height: auto; padding: 0 1; }
    SessionView #heading { width: 1fr; height: auto; min-height: 4; }
    SessionView #main { height: 1fr; }
    SessionView #panel-scroll { width: 1fr; padding: 0 1; border-left: blank; }
    SessionView #panel-scroll:focus { border-left: tall $accent; }
    SessionView #agenda { width: 40; display: none; border-left: solid $panel; }
    SessionView.-wide #agenda { display: block; }
    SessionView #script { color: $text; margin-bottom: 1; }
    """

    def __init__(self, source: SessionSource, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.saved = ""
        self._shown: dict[str, object] = {}
        self.digits = ""
        self.label = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        with Horizontal(id="top"):
            yield Static("", id="heading", markup=False)
            yield PhaseClock(id="clock")
        with Horizontal(id="main"):
            with VerticalScroll(id="panel-scroll"):
                yield Static("", id="script", markup=False)
                yield Static("", id="panel", markup=False)
            yield OptionList(id="agenda")

    def on_mount(self) -> None:
        self.query_one("#agenda", OptionList).can_focus = False
        self.query_one("#panel-scroll").can_focus = True

    def fit(self, width: int, height: int) -> None:
        """Show the agenda from WIDE columns; a one-line clock on small terminals."""
        self.set_class(width >= WIDE, "-wide")
        self.query_one(PhaseClock).set_class(height < 18 or width < 50, "-small")

    def show(self) -> None:
        """Repaint from the state. Widgets whose text did not change are left alone:
        re-wrapping a long panel is most of the cost of a repaint."""
        live = self.source
        state = live.state
        now = live.now()
        t = now.t
        timer = views.timer_view(state, t)
        nxt = views.next_view(state)
        schedule = views.agenda_view(state, t)
        wall = now.wall.astimezone(plan_zone(live.plan))
        self._show("#status", render.status_line(state, t, wall, self.saved, schedule))
        self._show("#heading", render.phase_heading(state, timer, nxt, live.names,
                                                    "next" if live.replaying else "n"))
        digits, level, caption = render.clock_caption(timer)
        if timer.kind == "breakout" and not timer.paused:
            rooms = views.panel_view(state, t)
            if isinstance(rooms, BreakoutView) and rooms.status == "open":
                digits, level, caption = render.rooms_caption(rooms)
        self.query_one(PhaseClock).show(digits, level, caption)
        script, panel = self._panel(timer, t)
        script_widget = self.query_one("#script", Static)
        script_widget.display = script is not None
        self._show("#script", script or Text(""))
        self._show("#panel", panel)
        if self.has_class("-wide"):
            self._fill_agenda(schedule)
        self.digits, self.label = digits, timer.label

    def restyle(self) -> None:
        """The theme changed: repaint every text (dimming may now differ)."""
        self._shown.clear()
        self.show()

    def _show(self, selector: str, text: Text) -> None:
        """Update a Static only when its text or styles changed, and ask for a new
        layout only when its height may have changed (a reflow of the whole screen
        costs more than the repaint)."""
        if not getattr(self.app, "dim_text", True):
            text = render.undimmed(text)
        before = self._shown.get(selector)
        if before == text:
            return
        self._shown[selector] = text
        set_static_text(self.query_one(selector, Static), before, text)  # type: ignore[arg-type]

    def _panel(self, timer: views.TimerView, t: float) -> tuple[Text | None, Text]:
        state = self.source.state
        names = self.source.names
        phase = state.phase_plan() if state.phase is not None else None
        if phase is None:
            if state.status == "ended":
                return None, Text("The session has ended. ctrl+q leaves.")
            return None, _ready_text(self.source)
        prompt = getattr(phase, "prompt", None)
        script = render.script(prompt if phase.kind not in ("break",) else None, phase.notes)
        view = views.panel_view(state, t)
        if phase.kind == "close":
            dates = next_dates(self.source.plan, self.source.now().wall)
            return script, render.close_panel(view, names, dates)
        draw = PANELS.get(phase.kind)
        return script, draw(view, names) if draw is not None and view is not None else Text("")

    def _fill_agenda(self, schedule: views.Schedule) -> None:
        current = next((r.index for r in schedule.rows if r.status == "current"), None)
        texts = [render.agenda_row(row, current) for row in schedule.rows]
        if texts == self._shown.get("agenda"):
            return
        self._shown["agenda"] = texts
        self.query_one("#agenda", OptionList).set_options(
            [Option(text, id=f"phase-{row.index}") for text, row in zip(texts, schedule.rows,
                                                                        strict=True)])


def _ready_text(live: SessionSource) -> Text:
    plan = live.plan
    text = Text()
    text.append(plan.session.title, style="bold")
    if plan.session.platform:
        text.append(f"\non {plan.session.platform}")
    text.append(f"\n{len(plan.participants)} on the roster")
    text.append(f", {len(plan.phases)} phases, {format_duration(plan.planned_seconds)}")
    if live.rehearsal:
        text.append("\nREHEARSAL: time runs faster; the log is marked as a rehearsal.",
                    style="bold")
    start = "space plays the session" if live.replaying else "Press n to start"
    text.append(f"\n\n{start}. ? shows every key; ctrl+p finds any command.")
    return text
