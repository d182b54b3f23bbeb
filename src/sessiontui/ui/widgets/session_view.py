"""The session as a facilitator sees it: status line, phase heading, big timer, the
phase's panel and the agenda. Fed by any source (a live session or a replay), so a
replay shows exactly what was on the screen live, less the key hints."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.core import views
from sessiontui.core.clock import Now
from sessiontui.core.phases.breakout import BreakoutView
from sessiontui.core.schedule import Schedule
from sessiontui.core.state import SessionState
from sessiontui.journal.roster import Names
from sessiontui.plan.budget import next_dates, plan_zone
from sessiontui.plan.durations import format_duration
from sessiontui.plan.models import Plan
from sessiontui.ui import render
from sessiontui.ui.look import COMPONENT_CLASSES, Look, look_css, themed
from sessiontui.ui.panels import PANELS, PhasePanel
from sessiontui.ui.panels.rounds import ClosePanel
from sessiontui.ui.widgets.phase_clock import PhaseClock
from sessiontui.ui.widgets.static_text import set_static_text

WIDE = 100
"""Terminal width from which the agenda is shown beside the panel."""

KeyOf = Callable[[str], str]


class SessionSource(Protocol):
    """What the view needs: a LiveSession, or a replay at some moment."""

    plan: Plan
    names: Names
    rehearsal: bool

    @property
    def state(self) -> SessionState: ...

    def now(self) -> Now: ...


class SessionView(Vertical):
    """Everything about the session at one moment, rendered literally.

    `keys` names the key bound to an action id now (live), or is None (a replay: the
    facilitator's keys are not the trainer's, so no hint names one).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES
    DEFAULT_CSS = """
    SessionView { height: 1fr; }
    SessionView #status { height: 1; padding: 0 1; background: $panel;
                          text-wrap: nowrap; text-overflow: ellipsis; }
    SessionView #alert { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SessionView #top { height: auto; padding: 0 1; }
    SessionView #heading { width: 1fr; height: auto; min-height: 4; }
    SessionView #main { height: 1fr; }
    SessionView #panel-scroll { width: 1fr; padding: 0 1; border-left: blank; }
    SessionView #panel-scroll:focus { border-left: tall $accent; }
    SessionView #panels { height: auto; }
    SessionView #agenda { width: 40; display: none; border-left: solid $panel; }
    SessionView.-wide #agenda { display: block; }
    SessionView #script { color: $text; margin-bottom: 1; }
    SessionView #people { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """ + look_css("SessionView")

    def __init__(self, source: SessionSource, keys: KeyOf | None = None,
                 ready_hint: str = "", **kwargs) -> None:
        """`ready_hint`: what to press before the first phase, where that is not the
        facilitator's own key (a replay says how to play)."""
        super().__init__(**kwargs)
        self.source = source
        self.keys = keys
        self.ready_hint = ready_hint
        self.saved = ""
        self.alert = ""
        """The phase's latest alert, shown under the status until the phase ends."""
        self.alert_warning = False
        self._shown: dict[str, object] = {}
        self.digits = ""
        self.label = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield Static("", id="alert", markup=False)
        with Horizontal(id="top"):
            yield Static("", id="heading", markup=False)
            yield PhaseClock(id="clock")
        with Horizontal(id="main"):
            with VerticalScroll(id="panel-scroll"):
                yield Static("", id="people", markup=False)
                yield Static("", id="script", markup=False)
                with ContentSwitcher(id="panels", initial="between"):
                    # A kind's panel is mounted the first time its phase runs: the
                    # first frame needs none of them.
                    yield Static("", id="between", markup=False)
            yield OptionList(id="agenda")

    def on_mount(self) -> None:
        self.query_one("#agenda", OptionList).can_focus = False
        self.query_one("#panel-scroll").can_focus = True

    def fit(self, width: int, height: int) -> None:
        """Show the agenda from WIDE columns; a one-line clock on small terminals."""
        self.set_class(width >= WIDE, "-wide")
        self.query_one(PhaseClock).set_class(height < 18 or width < 50, "-small")

    def look(self) -> Look:
        return themed(self, self.keys)

    def show(self) -> None:
        """Repaint from the state. Widgets whose text did not change are left alone:
        re-wrapping a long panel is most of the cost of a repaint."""
        source = self.source
        state = source.state
        now = source.now()
        t = now.t
        look = self.look()
        timer = views.timer_view(state, t)
        nxt = views.next_view(state)
        schedule = views.agenda_view(state, t)
        self._show_status(timer, schedule, now, look)
        self._show("#heading", render.phase_heading(
            timer, nxt, len(source.plan.phases), source.names, look))
        digits, level, caption = render.clock_caption(timer)
        panel = views.panel_view(state, t)
        if isinstance(panel, BreakoutView) and panel.status == "open" and not timer.paused:
            digits, level, caption = render.rooms_caption(panel)
        self.query_one(PhaseClock).show(digits, level, caption)
        self._show_panel(state, panel, now, look)
        if self.has_class("-wide"):
            self._fill_agenda(schedule, look)
        self.digits, self.label = digits, timer.label

    def show_status(self) -> None:
        """Repaint the status line alone (whether everything is saved has changed)."""
        state = self.source.state
        now = self.source.now()
        self._show_status(views.timer_view(state, now.t), views.agenda_view(state, now.t),
                          now, self.look())

    def _show_status(self, timer: views.TimerView, schedule: Schedule, now: Now,
                     look: Look) -> None:
        source = self.source
        session = source.state.session
        wall = now.wall.astimezone(plan_zone(source.plan))
        self._show("#status", render.status_line(
            timer, session.started, session.ended, now.t, wall, self.saved, schedule,
            source.rehearsal, look))
        self._show("#alert", render.alert_line(
            self.alert, self.alert_warning, source.plan.session.title, look))

    def restyle(self) -> None:
        """The theme changed: repaint every text."""
        self._shown.clear()
        for panel in self.query(PhasePanel):
            panel.forget()
        self.show()

    def _show(self, selector: str, text: Text) -> None:
        """Update a Static only when its text changed, asking for a new layout only when
        its height may have changed (a reflow of the whole screen costs more)."""
        before = self._shown.get(selector)
        if before == text:
            return
        self._shown[selector] = text
        set_static_text(self.query_one(selector, Static), before, text)  # type: ignore[arg-type]

    def _show_panel(self, state: SessionState, view: object, now: Now, look: Look) -> None:
        phase = state.phase_plan() if state.phase is not None else None
        switcher = self.query_one("#panels", ContentSwitcher)
        script = self.query_one("#script", Static)
        offered = {who for who, since in state.care.offered
                   if state.people.stepped_out.get(who) == since}
        people = render.people_line(state.people, self.source.names, look, offered)
        self.query_one("#people", Static).display = people is not None
        self._show("#people", people or Text(""))
        if phase is None:
            script.display = False
            switcher.current = "between"
            self._show("#between", self._between_text(state, look))
            return
        said = render.script(getattr(phase, "prompt", None) if phase.kind != "break" else None,
                             phase.notes, look)
        script.display = said is not None
        self._show("#script", said or Text(""))
        panel = self._panel_for(phase.kind)
        switcher.current = panel.id
        if isinstance(panel, ClosePanel):
            panel.next_dates = next_dates(self.source.plan, now.wall)
        panel.show(view, self.source.names, look)  # type: ignore[attr-defined]

    def _panel_for(self, kind: str) -> PhasePanel:
        """The kind's panel, mounted on first use."""
        switcher = self.query_one("#panels", ContentSwitcher)
        found = switcher.query(f"#panel-{kind}")
        if found:
            return found.first(PhasePanel)
        panel = PANELS[kind](id=f"panel-{kind}")
        switcher.mount(panel)
        return panel

    def _between_text(self, state: SessionState, look: Look) -> Text:
        """Before the first phase, and after the last."""
        if state.status == "ended":
            quit_hint = look.hint("app.quit", "leave")
            return Text("The session has ended." + (f" {quit_hint}." if quit_hint else ""))
        plan = self.source.plan
        text = Text()
        text.append(plan.session.title, style=look.strong)
        if plan.session.platform:
            text.append(f"\non {plan.session.platform}")
        text.append(f"\n{len(state.people.roster)} on the roster")
        text.append(f", {len(plan.phases)} phases, {format_duration(plan.planned_seconds)}")
        if self.source.rehearsal:
            text.append("\nREHEARSAL: time runs faster; the log is marked as a rehearsal.",
                        style=look.strong)
        if self.ready_hint:
            text.append(f"\n\n{self.ready_hint}")
        elif look.key is not None:
            text.append(f"\n\nPress {look.key('phase.next')} to start. {look.key('app.help')} "
                        "shows every key; ctrl+p finds any command.")
        return text

    def _fill_agenda(self, schedule: Schedule, look: Look) -> None:
        texts = [render.agenda_row(row, look) for row in schedule.rows]
        if texts == self._shown.get("agenda"):
            return
        self._shown["agenda"] = texts
        self.query_one("#agenda", OptionList).set_options(
            [Option(text, id=f"phase-{row.index}") for text, row in zip(texts, schedule.rows,
                                                                        strict=True)])
