"""Replay a session for a trainer: the live screen, read-only, with a transport bar.

Keys follow the asciinema player so people already know them. The state shown is
always the fold of the log up to the position, through the same widgets as live.
"""

from __future__ import annotations

import json

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from sessiontui.actions import REPLAY_ACTIONS
from sessiontui.journal.errors import JournalError
from sessiontui.journal.lines import dumps
from sessiontui.journal.reader import LogContents
from sessiontui.replay import ReplaySession
from sessiontui.ui.dialogs import TextDialog
from sessiontui.ui.dialogs.base import BaseDialog
from sessiontui.ui.keys import bindings
from sessiontui.ui.widgets.key_footer import KeyFooter
from sessiontui.ui.widgets.session_view import SessionView
from sessiontui.ui.widgets.transport import TransportBar

FRAME = 0.1
"""Seconds between playback frames."""
KEYFRAME_CHUNK = 1500
"""Events folded into keyframes per 20 ms step in the background."""
WINDOW = 200
"""Events listed around the position in the event list."""
LIST_WIDTH = 46
"""Columns of the event list beside the session (as in the screen's CSS)."""
LIST_BESIDE_FROM = 100
"""Terminal columns from which the event list fits beside the session."""
READ_FIRST_BYTES = 1 << 20
"""Logs up to this size (some 7,000 events) are read before the first frame. Longer
ones are read on a thread after it, so a long session shows its start at once."""
ALWAYS_ON = frozenset({"help", "app.quit"})
"""Keys that work while the events are still being read."""

class JsonDialog(BaseDialog[None]):
    """One event as pretty JSON."""

    def __init__(self, title: str, data: dict) -> None:
        super().__init__()
        self._title = title
        self._data = data

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box") as box:
            box.border_title = self._title
            yield Static(json.dumps(self._data, indent=2, ensure_ascii=False), markup=False)
            yield Static("escape: close", classes="dialog-hint")


class ReplayScreen(Screen[None]):
    """The session screen driven by the log's own times."""

    BINDINGS = bindings(REPLAY_ACTIONS)
    DEFAULT_CSS = """
    ReplayScreen { layout: vertical; }
    ReplayScreen #damage { background: $warning; color: $background; padding: 0 1;
                           height: auto; display: none; }
    ReplayScreen #damage.-shown { display: block; }
    ReplayScreen #comments { height: auto; padding: 0 1; color: $accent; display: none; }
    ReplayScreen #comments.-shown { display: block; }
    ReplayScreen #body { height: 1fr; }
    ReplayScreen #events { width: 46; display: none; border-left: solid $panel; }
    ReplayScreen #events.-shown { display: block; }
    ReplayScreen.-list-only #view { display: none; }
    ReplayScreen.-list-only #events { width: 1fr; border-left: none; }
    """

    def __init__(self, replay: ReplaySession) -> None:
        super().__init__()
        self.replay = replay
        self._last = 0.0
        self._window: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="damage", markup=False)
        with Horizontal(id="body"):
            keys = self.app.key_names  # type: ignore[attr-defined]
            hint = (f"{keys.of('replay.play')} plays the session. {keys.of('replay.help')} "
                    f"shows every key; {keys.of('app.palette')} finds any command.")
            yield SessionView(self.replay, ready_hint=hint, id="view")
            yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Static("", id="comments", markup=False)
        yield TransportBar(self.replay, id="transport")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        table.add_column("seq", key="seq")
        table.add_column("time", key="time")
        table.add_column("type", key="type")
        self.query_one(SessionView).fit(self.app.size.width, self.app.size.height)
        self._last = self.app.clock.monotonic()  # type: ignore[attr-defined]
        self.set_interval(FRAME, self.frame, name="replay-frame")
        if self.replay.ready:
            self._events_read()
        elif self._log_size() <= READ_FIRST_BYTES:
            try:
                contents = self.replay.read()
            except (JournalError, OSError) as error:
                self._unreadable(error)
            else:
                self._use(contents)
        else:
            self.refresh_view()
            self.call_after_refresh(
                self.run_worker, self.replay.read, name="read-log", thread=True,
                exit_on_error=False)

    def _log_size(self) -> int:
        try:
            return self.replay.log.stat().st_size
        except OSError:
            return 0  # read it now: the error shows at once

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "read-log":
            return
        if event.state == WorkerState.SUCCESS:
            self._use(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self._unreadable(event.worker.error)

    def _use(self, contents: LogContents) -> None:
        self.replay.use(contents)
        self._events_read()
        self.refresh_bindings()

    def _events_read(self) -> None:
        note = self.replay.damage_note
        if note:
            self._banner(note)
        self.refresh_view()
        if not self.replay.timeline.complete:
            self._builder = self.set_interval(0.02, self._build_keyframes, name="keyframes")

    def _unreadable(self, error: BaseException | None) -> None:
        self._banner(f"The log could not be read: {error}")
        self.refresh_view()

    def _banner(self, text: str) -> None:
        damage = self.query_one("#damage", Static)
        damage.update(text)
        damage.add_class("-shown")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Moving needs the events: dimmed while they are read."""
        if action in ALWAYS_ON or self.replay.ready:
            return True
        return None

    def _build_keyframes(self) -> None:
        """Fold the log into keyframes a little at a time after the first frame, so
        that a seek later needs at most a few hundred reduces."""
        if self.replay.timeline.build(KEYFRAME_CHUNK):
            self._builder.stop()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width, event.size.height)
        self.refresh_view()

    def _lay_out(self, width: int, height: int) -> None:
        """The event list beside the session when there is room for both; on a narrow
        terminal it takes the whole width while it is open (e closes it again)."""
        listing = self.query_one("#events").has_class("-shown")
        self.set_class(listing and width < LIST_BESIDE_FROM, "-list-only")
        self.query_one(SessionView).fit(width - (LIST_WIDTH if listing else 0), height)

    # -- playback -----------------------------------------------------------------------

    def frame(self) -> None:
        """Move the position on by the real time since the last frame (when playing)."""
        now = self.app.clock.monotonic()  # type: ignore[attr-defined]
        elapsed, self._last = now - self._last, now
        if self.replay.playing:
            self.replay.advance(elapsed)
            self.refresh_view()

    def refresh_view(self) -> None:
        self.query_one(SessionView).show()
        self.query_one(TransportBar).show()
        comments = self.replay.comments_near()
        widget = self.query_one("#comments", Static)
        widget.set_class(bool(comments), "-shown")
        if comments:
            text = Text()
            for comment in comments[-3:]:
                text.append(f"✎ {self.replay.clock(comment.t)} ", style="bold")
                text.append(comment.text)
                text.append("\n")
            widget.update(text[:-1] if text.plain.endswith("\n") else text)
        if self.query_one("#events").has_class("-shown"):
            self._fill_events()

    # -- keys ---------------------------------------------------------------------------

    def _moved(self) -> None:
        self.refresh_view()

    def action_play(self) -> None:
        replay = self.replay
        if not replay.playing and replay.t >= replay.end_t:
            replay.seek_t(0.0)
        replay.playing = not replay.playing
        self._last = self.app.clock.monotonic()  # type: ignore[attr-defined]
        self._moved()

    def action_nudge(self, seconds: float) -> None:
        self.replay.nudge(seconds)
        self._moved()

    def action_fraction_step(self, fraction: float) -> None:
        self.replay.nudge(self.replay.end_t * fraction)
        self._moved()

    def action_step(self, count: int) -> None:
        self.replay.playing = False
        self.replay.step(count)
        self._moved()

    def action_chapter(self, direction: int) -> None:
        if direction > 0:
            self.replay.next_chapter()
        else:
            self.replay.previous_chapter()
        self._moved()

    def action_jump(self, fraction: float) -> None:
        self.replay.seek_fraction(fraction)
        self._moved()

    def action_speed(self, factor: float) -> None:
        self.replay.set_speed(factor)
        self._moved()

    def action_idle(self) -> None:
        self.replay.idle_cap = not self.replay.idle_cap
        self._moved()

    def action_events(self) -> None:
        table = self.query_one("#events", DataTable)
        shown = not table.has_class("-shown")
        table.set_class(shown, "-shown")
        self._lay_out(self.app.size.width, self.app.size.height)
        if shown:
            self._window = None
            self._fill_events()
            table.focus()
        else:
            self.query_one("#panel-scroll").focus()

    def _fill_events(self) -> None:
        """List the events around the position (a window, so huge logs stay quick)."""
        table = self.query_one("#events", DataTable)
        index = self.replay.index
        start = max(0, index - WINDOW // 2)
        end = min(len(self.replay.events), start + WINDOW)
        if self._window != (start, end):
            self._window = (start, end)
            table.clear()
            for position in range(start, end):
                event = self.replay.events[position]
                table.add_row(str(event.seq), self.replay.clock(event.t), event.type,
                              key=str(position))
        if index:
            row = index - 1 - start
            if 0 <= row < table.row_count and table.cursor_row != row:
                table.move_cursor(row=row, animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        position = int(str(event.row_key.value))
        chosen = self.replay.events[position]
        data = json.loads(dumps({"seq": chosen.seq, "t": chosen.t, "ts": chosen.ts,
                                 "type": chosen.type, "v": chosen.v, "data": chosen.data}))
        self.app.push_screen(JsonDialog(f"Event {chosen.seq}: {chosen.type}", data))

    def action_comment(self) -> None:
        replay = self.replay
        replay.playing = False

        def save(text: str | None) -> None:
            if not text:
                return
            try:
                replay.add_comment(text, now=self.app.clock.wall())  # type: ignore[attr-defined]
            except OSError as error:
                self.notify(f"Could not save the comment: {error.strerror or error}",
                            severity="error", markup=False)
                return
            self.notify(f"Comment kept at {replay.clock(replay.t)} (beside the log, "
                        "never in it)", markup=False)
            self._moved()

        self.app.push_screen(
            TextDialog(f"Comment at {replay.clock(replay.t)}",
                       "Your note for coaching; shown as ✎ on the timeline, now and next time",
                       multiline=True), save)

    def action_help(self) -> None:
        from sessiontui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Replay keys", REPLAY_ACTIONS,
                                        self.app.key_names))  # type: ignore[attr-defined]
