"""Replay a session for a trainer: the live screen, read-only, with a transport bar.

Keys follow the asciinema player so people already know them. The state shown is
always the fold of the log up to the position, through the same widgets as live.
Beside the session board: the floor lanes (who held the floor over the whole
session), the event list in words, and jumps to the moments a trainer looks for
(markers, the facilitator's long turns, someone's turns, a phase, a time), from keys
and from the command palette alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from sessiontui.actions import REPLAY_ACTIONS
from sessiontui.event_words import KINDS, one_line
from sessiontui.floor import FACILITATOR
from sessiontui.journal.errors import JournalError
from sessiontui.journal.lines import dumps
from sessiontui.journal.reader import LogContents
from sessiontui.plan.durations import format_duration
from sessiontui.replay import (
    EVERYTHING,
    LONG_TURN_CHOICES,
    EventFilter,
    PositionError,
    ReplaySession,
    parse_position,
)
from sessiontui.ui.dialogs import ChoiceDialog, TextDialog
from sessiontui.ui.dialogs.base import BaseDialog
from sessiontui.ui.dialogs.pick import PickDialog
from sessiontui.ui.keys import bindings
from sessiontui.ui.widgets.key_footer import KeyFooter
from sessiontui.ui.widgets.session_view import SessionView
from sessiontui.ui.widgets.transport import TransportBar

if TYPE_CHECKING:  # mounted the first time they are asked for, not at start-up
    from sessiontui.ui.widgets.event_list import EventList, EventPane
    from sessiontui.ui.widgets.lanes import FloorLanes

FRAME = 0.1
"""Seconds between playback frames."""
KEYFRAME_CHUNK = 1500
"""Events folded into keyframes per 20 ms step in the background."""
LIST_WIDTH = 46
"""Columns of the event list beside the session (as in the screen's CSS)."""
LIST_BESIDE_FROM = 100
"""Terminal columns from which the event list fits beside the session."""
READ_FIRST_BYTES = 1 << 20
"""Logs up to this size (some 7,000 events) are read before the first frame. Longer
ones are read on a thread after it, so a long session shows its start at once."""
ALWAYS_ON = frozenset({"help", "app.quit"})
"""Keys that work while the events are still being read."""
LIST_ONLY = frozenset({"filter_events", "event_json", "go_to_event"})
"""Keys of the event list: shown while it is."""
PALETTE_GROUPS = ("Find a moment", "Views", "Comments", "Play and seek", "Replay")
"""The order of the replay's keys in the command palette: the finding first."""
PALETTE_MARKERS = 500
"""Markers offered by name in the command palette (a long log has thousands)."""


class JsonDialog(BaseDialog[None]):
    """One event as pretty JSON."""

    def __init__(self, title: str, data: dict, hint: str = "escape: close") -> None:
        super().__init__()
        self._title = title
        self._data = data
        self._hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box") as box:
            box.border_title = self._title
            yield Static(json.dumps(self._data, indent=2, ensure_ascii=False), markup=False)
            yield Static(self._hint, classes="dialog-hint", markup=False)


class ReplayCommands(Provider):
    """The command palette in a replay: every replay key's action, and the moments to
    go to by name (phases, people's turns, long turns, markers), filters and comments."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, ReplayScreen):
            return
        yield from screen.palette_commands()

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(Content(title), run, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, title)
            if score > 0:
                shown = Content(title)
                for offset in offsets:
                    shown = shown.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, shown, run, text=title, help=escape(help_text))


class ReplayScreen(Screen[None]):
    """The session screen driven by the log's own times."""

    BINDINGS = bindings(REPLAY_ACTIONS)
    ACTIONS = REPLAY_ACTIONS
    """The keys this screen's help and command palette offer."""
    HELP_TITLE = "Replay keys"
    COMMANDS = {ReplayCommands}
    DEFAULT_CSS = """
    ReplayScreen { layout: vertical; }
    ReplayScreen #damage { background: $warning; color: $background; padding: 0 1;
                           height: auto; display: none; }
    ReplayScreen #damage.-shown { display: block; }
    ReplayScreen #comments { height: auto; max-height: 3; padding: 0 1; color: $accent;
                             display: none; }
    ReplayScreen #comments.-shown { display: block; }
    ReplayScreen #body { height: 1fr; }
    ReplayScreen #lanes { display: none; }
    ReplayScreen.-lanes #lanes { display: block; }
    ReplayScreen.-lanes #view { display: none; }
    ReplayScreen #events { width: 46; display: none; border-left: solid $panel; }
    ReplayScreen #events.-shown { display: block; }
    ReplayScreen.-list-only #view { display: none; }
    ReplayScreen.-list-only #lanes { display: none; }
    ReplayScreen.-list-only #events { width: 1fr; border-left: none; }
    """

    def __init__(self, replay: ReplaySession) -> None:
        super().__init__()
        self.replay = replay
        self._last = 0.0
        self._lanes: FloorLanes | None = None
        self._pane: EventPane | None = None
        self.filter: EventFilter = EVERYTHING
        """What the event list lets through (kept while it is closed)."""

    @property
    def keys(self):
        return self.app.key_names  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Static("", id="damage", markup=False)
        with Horizontal(id="body"):
            keys = self.keys
            hint = (f"{keys.of('replay.play')} plays the session. {keys.of('replay.help')} "
                    f"shows every key; {keys.of('app.palette')} finds any command.")
            yield SessionView(self.replay, ready_hint=hint, id="view")
        yield Static("", id="comments", markup=False)
        yield TransportBar(self.replay, id="transport")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
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
        said = self.replay.use(contents)
        if self.replay.start_at is not None and said is None:
            said = f"Started at {self.replay.clock(self.replay.t)}, as asked"
        self.transport.said = said
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

    @property
    def transport(self) -> TransportBar:
        return self.query_one(TransportBar)

    @property
    def lanes(self) -> FloorLanes:
        """The floor lanes, mounted the first time they are shown."""
        if self._lanes is None:
            from sessiontui.ui.widgets.lanes import FloorLanes

            self._lanes = FloorLanes(self.replay, id="lanes")
            self.query_one("#body").mount(self._lanes, after="#view")
        return self._lanes

    @property
    def pane(self) -> EventPane:
        """The event list and its heading, mounted the first time they are shown."""
        if self._pane is None:
            from sessiontui.ui.widgets.event_list import EventPane

            self._pane = EventPane(self.replay, self.keys, id="events")
            self.query_one("#body").mount(self._pane)
        return self._pane

    @property
    def event_list(self) -> EventList:
        return self.pane.table

    @property
    def listing(self) -> bool:
        return self._pane is not None and self._pane.has_class("-shown")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Moving needs the events: dimmed while they are read. The list's own keys
        show only while it does."""
        if action in LIST_ONLY and not self.listing:
            return False
        if action in ALWAYS_ON or self.replay.ready:
            return True
        return None

    def _build_keyframes(self) -> None:
        """Fold the log into keyframes a little at a time after the first frame, so
        that a seek later needs at most a few hundred reduces; then, on a thread, what
        the lanes and the jumps need (replay.prepare)."""
        if self.replay.timeline.build(KEYFRAME_CHUNK):
            self._builder.stop()
            self.run_worker(self.replay.prepare, name="prepare", thread=True,
                            exit_on_error=False)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width, event.size.height)
        self.refresh_view()

    def _lay_out(self, width: int, height: int) -> None:
        """The event list beside the session when there is room for both; on a narrow
        terminal it takes the whole width while it is open (e closes it again)."""
        listing = self.listing
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
        if self.has_class("-lanes"):
            self.lanes.show()
        else:
            self.query_one(SessionView).show()
        self.transport.show()
        self._show_moments()
        if self.listing:
            self.pane.show()

    def _show_moments(self) -> None:
        """Comments, notes and follow-ups written in the half minute up to the position:
        the trainer's marked ✎, private text marked as such."""
        moments = self.replay.moments_near() if self.replay.ready else []
        widget = self.query_one("#comments", Static)
        widget.set_class(bool(moments), "-shown")
        if not moments:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, moment in enumerate(moments[-3:]):
            if number:
                text.append("\n")
            mark = "✎" if moment.kind == "comment" else "🔒" if moment.private else "·"
            text.append(f"{mark} {self.replay.clock(moment.t)} ", style="bold")
            if moment.kind == "comment":
                text.append("your comment: ", style="bold")
            text.append(one_line(moment.text))
        widget.update(text)

    # -- keys ---------------------------------------------------------------------------

    def _moved(self, said: str | None = None) -> None:
        """The position changed: say where a jump landed (or nothing), and repaint."""
        self.transport.said = said
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
        replay = self.replay
        self._moved(replay.next_chapter() if direction > 0 else replay.previous_chapter())

    def action_jump(self, fraction: float) -> None:
        self.replay.seek_fraction(fraction)
        self._moved()

    def action_speed(self, factor: float) -> None:
        self.replay.set_speed(factor)
        self._moved()

    def action_idle(self) -> None:
        self.replay.idle_cap = not self.replay.idle_cap
        self._moved()

    # -- finding moments ----------------------------------------------------------------

    def _stop(self) -> None:
        self.replay.playing = False

    def action_marker(self, direction: int) -> None:
        self._stop()
        self._moved(self.replay.next_marker(direction))

    def action_long_turn(self, direction: int) -> None:
        self._stop()
        self._moved(self.replay.next_long_turn(direction))

    def set_long_turn(self, seconds: float, then_jump: bool = True) -> None:
        self.replay.long_turn_s = seconds
        if self._lanes is not None:
            self._lanes.forget()
        if then_jump:
            self.action_long_turn(1)
        else:
            self._moved(f"Long facilitator turns: {format_duration(round(seconds))} or more")

    def action_long_length(self) -> None:
        self._stop()
        choices = [(key, str(seconds), f"{format_duration(round(seconds))} or more"
                    + ("  (now)" if seconds == self.replay.long_turn_s else ""))
                   for key, seconds in zip("12350", LONG_TURN_CHOICES, strict=True)]
        self.app.push_screen(
            ChoiceDialog("Long facilitator turns",
                         "How long must a facilitator's turn be to count as long? The "
                         f"{self.keys.of('replay.long_next')} key then goes to the next one, "
                         "and the floor lanes draw them in full blocks.", choices),
            lambda chosen: chosen and self.set_long_turn(float(chosen)))

    def _person_items(self) -> list[tuple[str, str]]:
        floor = self.replay.floor
        items = []
        for person in self.replay.people():
            turns = len(floor.turns_of(person))
            label = "Facilitator" if person == FACILITATOR else self.replay.who(person)
            items.append((person, f"{label}: {turns} turn{'s' if turns != 1 else ''}, "
                                  f"{round(floor.share(person) * 100)}% of the talk"))
        return items

    def action_choose_person(self) -> None:
        self._stop()
        self.app.push_screen(
            PickDialog("Whose turns?", self._person_items(), placeholder="part of a name",
                       hint=f"Then {self.keys.of('replay.person_next')} and "
                            f"{self.keys.of('replay.person_previous')} go through their turns.",
                       highlighted=self.replay.person),
            lambda person: person and self.go_to_turn_of(person, wrap=True))

    def go_to_turn_of(self, person: str, direction: int = 1, wrap: bool = False) -> None:
        """To `person`'s next turn (chosen by name: their first, if none is later)."""
        self._stop()
        self._moved(self.replay.next_turn_of(person, direction, wrap))

    def action_person_turn(self, direction: int) -> None:
        if self.replay.person is None:
            self.action_choose_person()
            return
        self.go_to_turn_of(self.replay.person, direction)

    def action_choose_phase(self) -> None:
        self._stop()
        runs: dict[int, int] = {}
        for _, phase in self.replay.phase_starts():
            runs[phase] = runs.get(phase, 0) + 1
        items = []
        for index, phase in enumerate(self.replay.plan.phases):
            count = runs.get(index, 0)
            ran = ("never ran" if not count else "" if count == 1 else f"ran {count} times")
            items.append((str(index), f"{index + 1}. {phase.label} ({phase.kind})"
                                      + (f", {ran}" if ran else "")))
        current = self.replay.state.phase
        self.app.push_screen(
            PickDialog("Go to a phase", items, placeholder="number or part of its title",
                       highlighted=str(current.index) if current is not None else None),
            lambda chosen: chosen is not None and self.go_to_phase(int(chosen)))

    def go_to_phase(self, phase: int) -> None:
        self._stop()
        self._moved(self.replay.go_to_phase(phase))

    def action_go_to_time(self) -> None:
        self._stop()
        replay = self.replay

        def go(text: str | None) -> None:
            if not text:
                return
            try:
                seconds = parse_position(text)
            except PositionError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            said = replay.go_to_clock(seconds)
            self._moved(said or f"At {replay.clock(replay.t)}")

        self.app.push_screen(
            TextDialog("Go to a time",
                       f"From the session's start (now {replay.clock(replay.t)}; the log "
                       f"runs from {replay.clock(0.0)} to {replay.clock(replay.end_t)})",
                       placeholder="46:34, 1:02:03 or 46m"), go)

    # -- views ---------------------------------------------------------------------------

    def action_lanes(self) -> None:
        showing = not self.has_class("-lanes")
        if showing:
            self.lanes  # noqa: B018 - mounted now, drawn once it has a size
        self.set_class(showing, "-lanes")
        if showing and self.listing and self.app.size.width < LIST_BESIDE_FROM:
            self.action_events()  # the lanes need the width
        self.refresh_view()

    def action_events(self) -> None:
        pane = self.pane
        shown = not pane.has_class("-shown")
        pane.set_class(shown, "-shown")
        self._lay_out(self.app.size.width, self.app.size.height)
        if shown:
            self.call_after_refresh(self._list_shown)
        else:
            self.query_one("#panel-scroll").focus()
        self.refresh_bindings()

    def action_filter_events(self) -> None:
        if not self.listing:
            return
        items = [("all", "Everything")]
        items += [(f"kind:{kind}", f"Kind: {name}") for kind, name in KINDS.items()]
        items += [(f"person:{person}", f"Person: {label}")
                  for person, label in self._person_items()]
        current = self.filter
        self.app.push_screen(
            PickDialog("Filter the event list", items, placeholder="a kind or a name",
                       hint=f"Now: {self.event_list.filter_words()}. A person and a "
                            "kind combine; Everything clears both."),
            lambda chosen: chosen and self.filter_events(_combined(current, chosen)))

    def filter_events(self, chosen: EventFilter) -> None:
        self.filter = chosen
        if not self.listing:
            self.action_events()  # it takes the filter as it is shown
        else:
            self._list_shown(focus=False)

    def _list_shown(self, focus: bool = True) -> None:
        """The list is up (or its filter changed): fill it, and say what it holds."""
        table = self.event_list
        count = table.set_filter(self.filter)
        self.pane.show()
        if focus:
            table.focus()
        if not self.filter.everything:
            self.transport.said = f"{table.describe_filter()}: {count} event" + (
                "s" if count != 1 else "")
            self.transport.show()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """enter on an event: the replay goes there (just after it)."""
        event.stop()
        self.go_to_event(int(str(event.row_key.value)))

    def action_go_to_event(self) -> None:
        position = self.event_list.position_at_cursor()
        if position is not None:
            self.go_to_event(position)

    def go_to_event(self, position: int) -> None:
        self._stop()
        self.replay.seek_index(position + 1)
        chosen = self.replay.events[position]
        self._moved(f"{self.replay.clock(chosen.t)} {self.replay.words.say(chosen).text}")

    def action_event_json(self) -> None:
        position = self.event_list.position_at_cursor()
        if position is None:
            return
        chosen = self.replay.events[position]
        words = self.replay.words
        if words.hide_private and words.say(chosen).private:
            # A co-host's watch: that something private happened, never what.
            self.notify("Private: not shown here (watch --include-notes shows it).",
                        markup=False, timeout=5)
            return
        data = json.loads(dumps({"seq": chosen.seq, "t": chosen.t, "ts": chosen.ts,
                                 "type": chosen.type, "v": chosen.v, "data": chosen.data}))
        self.app.push_screen(JsonDialog(f"Event {chosen.seq}: {chosen.type}", data,
                                        f"{self.keys.of('dialog.cancel')}: close"))

    # -- comments ------------------------------------------------------------------------

    def action_comment(self) -> None:
        replay = self.replay
        self._stop()

        def save(text: str | None) -> None:
            if not text:
                return
            try:
                replay.add_comment(text, now=self.app.clock.wall())  # type: ignore[attr-defined]
            except JournalError as error:
                self.notify(f"The comment is not saved: {error}", severity="error",
                            markup=False, timeout=10)
                return
            self._comments_changed(f"✎ Comment kept at {replay.clock(replay.t)} (beside "
                                   "the log, never in it)")

        self.app.push_screen(
            TextDialog(f"Comment at {replay.clock(replay.t)}",
                       "Your note for coaching, kept beside the log: shown as ✎ on the "
                       "timeline, and in the report for the facilitator if it is asked "
                       "for with --include-comments", multiline=True), save)

    def _comments_changed(self, said: str) -> None:
        if self._lanes is not None:
            self._lanes.forget()
        self._moved(said)

    def action_comments(self) -> None:
        """Edit or delete a comment: choose one (the nearest first), then what to do."""
        replay = self.replay
        self._stop()
        if replay.book.problem is not None:
            self.notify(replay.book.problem, severity="error", markup=False, timeout=10)
            return
        comments = replay.comments_by_nearness()
        if not comments:
            self.notify(f"No comments yet: {self.keys.of('replay.comment')} adds one here.",
                        markup=False)
            return
        items = [(c.id, f"{replay.clock(c.t)}  {one_line(c.text)}") for c in comments]
        self.app.push_screen(
            PickDialog("Edit or delete a comment", items, placeholder="part of a comment"),
            lambda chosen: chosen and self.change_comment(chosen))

    def change_comment(self, comment_id: str, what: str | None = None) -> None:
        """Ask what to do with a comment (or do `what`: edit, delete)."""
        comment = self.replay.book.get(comment_id)
        if comment is None:
            return
        if what is None:
            self.app.push_screen(
                ChoiceDialog(f"Comment at {self.replay.clock(comment.t)}",
                             one_line(comment.text),
                             [("e", "edit", "Edit it"), ("d", "delete", "Delete it")]),
                lambda chosen: chosen and self.change_comment(comment_id, chosen))
        elif what == "edit":
            self._edit_comment(comment_id, comment.text, comment.t)
        elif what == "delete":
            self._delete_comment(comment_id, comment.t)

    def _edit_comment(self, comment_id: str, text: str, t: float) -> None:
        title = f"Edit the comment at {self.replay.clock(t)}"

        def save(new: str | None) -> None:
            if not new or new == text:
                return
            try:
                self.replay.edit_comment(comment_id, new,
                                         now=self.app.clock.wall())  # type: ignore[attr-defined]
            except JournalError as error:
                self.notify(f"The change is not saved: {error}", severity="error",
                            markup=False, timeout=10)
                return
            self._comments_changed(f"✎ Comment at {self.replay.clock(t)} changed")

        self.app.push_screen(TextDialog(title, "Your note for coaching", multiline=True,
                                        drafts={title: text}), save)

    def _delete_comment(self, comment_id: str, t: float) -> None:
        try:
            gone = self.replay.delete_comment(comment_id)
        except JournalError as error:
            self.notify(f"The comment is not deleted: {error}", severity="error",
                        markup=False, timeout=10)
            return
        self._comments_changed(f"✎ Comment at {self.replay.clock(t)} deleted" if gone
                               else "That comment was already deleted in another replay")

    def action_help(self) -> None:
        from sessiontui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.HELP_TITLE, self.ACTIONS, self.keys))

    # -- the command palette --------------------------------------------------------------

    def palette_commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """(title, help, what to run) for every command the palette offers here."""
        keys = self.keys
        replay = self.replay
        for action in sorted(self.ACTIONS, key=lambda a: PALETTE_GROUPS.index(a.group)):
            if action.id.startswith("replay.jump") and action.id != "replay.jump0":
                continue
            if self.check_action(action.method, ()) is not True:
                continue
            said = action.help.split(" (")[0].split(": ")[0]
            yield (f"{said} ({keys.of(action.id)})", action.help,
                   lambda a=action: self.run_action(a.action))
        if not replay.ready:
            return
        for index, phase in enumerate(replay.plan.phases):
            yield (f"Go to phase {index + 1}: {phase.label} ({phase.kind})",
                   "Its next start from here", lambda i=index: self.go_to_phase(i))
        for seconds in LONG_TURN_CHOICES:
            yield (f"Facilitator turns of {format_duration(round(seconds))} or more",
                   "Go to the next one (and draw them in the floor lanes)",
                   lambda s=seconds: self.set_long_turn(float(s)))
        for person, label in self._person_items():
            yield (f"Turns of {label}", "Go to their next turn",
                   lambda p=person: self.go_to_turn_of(p, wrap=True))
        yield ("Events: show everything", "Clear the event list's filter",
               lambda: self.filter_events(EVERYTHING))
        for kind, name in KINDS.items():
            yield (f"Events: only {name.lower()}", "Filter the event list",
                   lambda k=kind: self.filter_events(_combined(self.filter, f"kind:{k}")))
        for person in replay.people():
            yield (f"Events: only {replay.who(person)}", "Filter the event list",
                   lambda p=person: self.filter_events(_combined(self.filter,
                                                                 f"person:{p}")))
        for comment in () if getattr(replay, "watching", False) else replay.comments:
            at = replay.clock(comment.t)
            yield (f"Edit comment {at}: {one_line(comment.text)[:60]}", "Change its text",
                   lambda c=comment.id: self.change_comment(c, "edit"))
            yield (f"Delete comment {at}: {one_line(comment.text)[:60]}", "Delete it",
                   lambda c=comment.id: self.change_comment(c, "delete"))
        for index in replay.markers()[:PALETTE_MARKERS]:
            event = replay.events[index - 1]
            yield (f"Marker {replay.clock(event.t)}: {one_line(event.data.get('label'))}",
                   "Go to this marker", lambda i=index: self._go_marker(i))

    def _go_marker(self, index: int) -> None:
        self._stop()
        self.replay.seek_index(index - 1)
        self._moved(self.replay.next_marker(1))


def _combined(current: EventFilter, chosen: str) -> EventFilter:
    """The filter after choosing `chosen` (all, kind:K, person:P): a person and a kind
    combine; choosing the one already set clears it."""
    if chosen == "all":
        return EVERYTHING
    what, _, value = chosen.partition(":")
    if what == "kind":
        return EventFilter(current.person, None if current.kind == value else value)
    return EventFilter(None if current.person == value else value, current.kind)
