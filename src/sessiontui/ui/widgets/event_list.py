"""The replay's event list: each event in words, at its time, around the position.

"14:02  Dana's turn ended (2m 12s)". Names come from the roster file when it is there;
private text is marked. A filter (one person, one kind) narrows the list. Only a
window of rows around the position is in the table, so a 100k-event log lists as
fast as a short one, and words are made only for the rows shown.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sessiontui.event_words import KINDS
from sessiontui.replay import EVERYTHING, EventFilter, ReplaySession

WINDOW = 200
"""Events listed around the position."""
TIME_AND_MARGINS = 14
"""Columns that are not the event's words: its time, cell padding, the scrollbar."""


class EventList(DataTable):
    """Time and words, one row per event; enter moves the replay there."""

    def __init__(self, replay: ReplaySession, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.replay = replay
        self.filter: EventFilter = EVERYTHING
        self._window: tuple[object, int, int, int] | None = None
        self._positions: list[int] | None = None

    def on_mount(self) -> None:
        self.add_column("time", key="time")
        self.add_column("event", key="event")

    def on_resize(self) -> None:
        self.show()  # the words are cut to the width

    def filter_words(self) -> str:
        """What the filter lets through, in words ("all", "Dana, turns and hands")."""
        parts = []
        if self.filter.person is not None:
            parts.append(self.replay.who(self.filter.person))
        if self.filter.kind is not None:
            parts.append(KINDS.get(self.filter.kind, self.filter.kind).lower())
        return ", ".join(parts) if parts else "all"

    def describe_filter(self) -> str:
        """The filter in words, for the list's title."""
        return f"Events: {self.filter_words()}"

    def set_filter(self, chosen: EventFilter) -> int:
        """Show only what `chosen` lets through; how many events that is."""
        self.filter = chosen
        self._window = None
        self._positions = self.replay.filtered(chosen)
        self.show()
        return len(self._positions) if self._positions is not None else len(
            self.replay.events)

    def position_at_cursor(self) -> int | None:
        """The event (0-based position in the log) on the highlighted row."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(str(key.value))

    def show(self) -> None:
        """List the events around the position, the cursor on the last one at or before
        it (among those the filter lets through)."""
        replay = self.replay
        positions = self._positions
        count = len(positions) if positions is not None else len(replay.events)
        # where the position falls among the listed events
        here = (bisect_right(positions, replay.index - 1) if positions is not None
                else replay.index)
        start = max(0, here - WINDOW // 2)
        end = min(count, start + WINDOW)
        start = max(0, end - WINDOW)
        room = max(12, self.size.width - TIME_AND_MARGINS)
        if self._window != (self.filter, start, end, room):
            self._window = (self.filter, start, end, room)
            self.clear()
            words = replay.words
            for row in range(start, end):
                position = positions[row] if positions is not None else row
                event = replay.events[position]
                said = words.say(event)
                text = Text(said.text, no_wrap=True, overflow="ellipsis")
                text.truncate(room, overflow="ellipsis")  # no sideways scrolling
                if said.private:
                    text.stylize("italic")
                self.add_row(Text(replay.clock(event.t), style="dim"), text, key=str(position))
        row = here - 1 - start
        if 0 <= row < self.row_count and self.cursor_row != row:
            self.move_cursor(row=row, animate=False)
        elif here == 0 and self.row_count and self.cursor_row != 0:
            self.move_cursor(row=0, animate=False)


class EventPane(Vertical):
    """The event list under a line that says what it shows and which keys it has."""

    DEFAULT_CSS = """
    EventPane #events-head { height: 1; padding: 0 1; background: $panel; }
    EventPane EventList { height: 1fr; }
    """

    def __init__(self, replay: ReplaySession, keys, **kwargs) -> None:
        super().__init__(**kwargs)
        self.replay = replay
        self.keys = keys

    def compose(self) -> ComposeResult:
        yield Static("", id="events-head", markup=False)
        yield EventList(self.replay)

    @property
    def table(self) -> EventList:
        return self.query_one(EventList)

    def show(self) -> None:
        table = self.table
        table.show()
        keys = self.keys
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(table.describe_filter(), style="bold")
        head.append(f"  {keys.of('replay.go_event')} go there  {keys.of('replay.filter')} filter  "
                    f"{keys.of('replay.json')} JSON", style="dim")
        self.query_one("#events-head", Static).update(head)
