"""The home screen: plans to run, unfinished sessions to resume, logs to replay."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessiontui.resources import DEFAULT_PLAN_NAME, sessions_dir
from sessiontui.ui.starts import RunPlan
from sessiontui.ui.widgets.key_footer import KeyFooter

LISTED = 10
"""Sessions to resume, and sessions to replay, each: the newest ones."""


@dataclass(frozen=True)
class Entry:
    """One line of the home list and what choosing it does."""

    kind: str  # plan | resume | replay
    path: Path


def local_plans(cwd: Path) -> list[Path]:
    """Plans in ./sessions of the folder sessiontui was started in."""
    folder = cwd / "sessions"
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def bundled_plans() -> list[Path]:
    """The example plans shipped with sessiontui."""
    return sorted(sessions_dir().glob("*.toml"))


def plan_choices(cwd: Path) -> list[Path]:
    """The plans to offer, in one list, each once: the default example first (the weekly
    parents' evening group: what a first-time facilitator should try first, and the one
    highlighted), then the plans in ./sessions, then the other examples.

    A plan reached two ways is listed once: the same file (by resolved path, as when
    sessiontui is started in its repository), or a file in ./sessions with an example's
    name (a copy of it, or that example edited), which is listed from the folder.
    """
    local = local_plans(cwd)
    seen = {path.resolve() for path in local}
    names = {path.name for path in local}
    plans = list(local)
    for path in bundled_plans():
        if path.resolve() not in seen and path.name not in names:
            seen.add(path.resolve())
            plans.append(path)
    return sorted(plans, key=lambda path: path.name != DEFAULT_PLAN_NAME)


class HomeScreen(Screen[None]):
    """Choose what to do, with arrow keys and enter."""

    BINDINGS = [
        Binding("enter", "choose", "Open", show=True, id="home.open"),
        Binding("question_mark", "help", "Help", id="home.help", key_display="?"),
    ]
    DEFAULT_CSS = """
    HomeScreen Vertical { padding: 0 1; }
    HomeScreen #intro { color: $text-muted; margin-bottom: 1; }
    HomeScreen OptionList { height: 1fr; }
    """

    class RunRequested(Message):
        """Run (or rehearse) a plan."""

        def __init__(self, run: RunPlan) -> None:
            super().__init__()
            self.run = run

    class ResumeRequested(Message):
        """Continue an unfinished session."""

        def __init__(self, log: Path) -> None:
            super().__init__()
            self.log = log

    class ReplayRequested(Message):
        """Watch a logged session again."""

        def __init__(self, log: Path) -> None:
            super().__init__()
            self.log = log

    def __init__(self, log_dir: Path | None = None, cwd: Path | None = None) -> None:
        super().__init__()
        self.log_dir = log_dir
        self.cwd = cwd or Path.cwd()
        self.entries: dict[str, Entry] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "sessiontui: run a peer-support session beside your video call. "
                "Choose a plan (arrows, enter), resume a session, or replay a log.",
                id="intro", markup=False)
            yield OptionList(id="choices")
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        plans = plan_choices(self.cwd)
        if plans:
            options.add_option(Option(Text("Plans", style="bold"), disabled=True))
        for path in plans:
            key = f"plan:{path}"
            self.entries[key] = Entry("plan", path)
            options.add_option(Option(self._plan_label(path), id=key))
        self._add_logs(options)
        if options.option_count > 1:
            options.highlighted = 1  # the first choice: the default plan, when there is one
        options.focus()

    def _plan_label(self, path: Path) -> Text:
        from sessiontui.plan import PlanError, load_plan
        from sessiontui.plan.durations import format_duration

        where = self._where(path)
        text = Text("  ")
        try:
            plan = load_plan(path).plan
        except PlanError:
            text.append(where)
            text.append("  (has errors: sessiontui check shows them)", style="dim")
            return text
        text.append(plan.session.title)
        text.append(f"\n    {format_duration(plan.planned_seconds)}, {len(plan.phases)} phases"
                    f" · {where}", style="dim")
        return text

    def _where(self, path: Path) -> str:
        """Where a plan is, as the facilitator would name it: sessions/NAME for the
        folder they started in, "example NAME" for one shipped with sessiontui."""
        if path.parent == self.cwd / "sessions":
            return f"sessions/{path.name}"
        return f"example {path.name}"

    def _add_logs(self, options: OptionList) -> None:
        from sessiontui.journal import paths
        from sessiontui.journal.catalog import iter_logs

        folder = self.log_dir or paths.sessions_dir(create=False)
        unfinished: list = []
        finished: list = []
        try:
            for summary in iter_logs(folder):  # newest first; stop once both lists are full
                if summary.state == "interrupted" and not summary.in_use:
                    unfinished.append(summary)
                elif summary.state in ("finished", "damaged"):
                    finished.append(summary)
                if len(unfinished) >= LISTED and len(finished) >= LISTED:
                    break
        except OSError:
            return
        self._add_section(options, "Unfinished sessions (resume)", "resume", unfinished)
        self._add_section(options, "Recent sessions (replay)", "replay", finished)

    def _add_section(self, options: OptionList, heading: str, kind: str, logs: list) -> None:
        """A heading and up to LISTED logs, newest first, each opening as `kind`."""
        if not logs:
            return
        options.add_option(Option(Text(heading, style="bold"), disabled=True))
        for summary in logs[:LISTED]:
            key = f"{kind}:{summary.path}"
            self.entries[key] = Entry(kind, summary.path)
            when = f"{summary.started:%a %d %b %H:%M}" if summary.started else "?"
            label = Text("  ")
            label.append(summary.title)
            extra = " · rehearsal" if summary.rehearsal else ""
            extra += " · damaged" if summary.state == "damaged" else ""
            label.append(f"\n    {when} · {summary.events} events{extra}", style="dim")
            options.add_option(Option(label, id=key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_choose(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self._open(options.get_option_at_index(options.highlighted).id)

    def _open(self, key: str | None) -> None:
        entry = self.entries.get(key or "")
        if entry is None:
            return
        if entry.kind == "resume":
            self.post_message(self.ResumeRequested(entry.path))
            return
        if entry.kind == "replay":
            self.post_message(self.ReplayRequested(entry.path))
            return
        from sessiontui.plan import PlanError, load_plan
        from sessiontui.ui.dialogs import ChoiceDialog

        try:
            loaded = load_plan(entry.path)
        except PlanError as error:
            for problem in error.problems[:5]:
                self.notify(str(problem), severity="error", markup=False, timeout=10)
            return

        def chosen(answer: str | None) -> None:
            if answer in ("run", "rehearse"):
                self.post_message(self.RunRequested(RunPlan(
                    loaded, self.log_dir, rehearsal=answer == "rehearse")))

        self.app.push_screen(ChoiceDialog(
            loaded.plan.session.title, "Run it for real, or rehearse it first?",
            [("r", "run", "Run the session now"),
             ("h", "rehearse", "Rehearse: time runs 10x faster, the log is marked")],
        ), chosen)

    def action_help(self) -> None:
        keys = self.app.key_names  # type: ignore[attr-defined]
        self.notify(f"arrows: move   enter: open   {keys.of('app.palette')}: commands   "
                    f"{keys.of('app.quit')}: quit", markup=False)
