"""The replay's transport bar: the session as a line of phases, with ticks and the
position, a status line (playing, time, speed, idle cap), and a third line that says
where the last jump landed ("▲ marker 3 of 14 (12:02): check-in done"), or else what
the marks mean.

Phases alternate two line characters and ticks have their own symbols, so nothing
depends on colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sessiontui.plan.durations import format_span
from sessiontui.plan.models import PHASE_KINDS
from sessiontui.replay import ReplaySession
from sessiontui.ui.widgets.static_text import set_static_text
from sessiontui.watch import WatchSession

TICK_MARKS = {"marker": "▲", "follow-up": "⚑", "warning": "!", "comment": "✎"}
PHASE_LINES = ("━", "─")


def timeline_text(replay: ReplaySession, width: int, accents: dict[str, str]) -> Text:
    """One line `width` cells wide: phases as segments, ticks above them, and ●."""
    width = max(10, width)
    end = replay.end_t or 1.0
    cells: list[tuple[str, str]] = [(" ", "dim")] * width

    def column(t: float) -> int:
        return max(0, min(width - 1, int(t / end * (width - 1) + 0.5)))

    segments = replay.segments() if replay.ready else []  # nothing to place until read
    for number, segment in enumerate(segments):
        style = accents.get(segment.kind, "")
        for col in range(column(segment.start), column(segment.end) + 1):
            cells[col] = (PHASE_LINES[number % 2], style)
    for tick in replay.ticks() if replay.ready else []:
        cells[column(tick.t)] = (TICK_MARKS.get(tick.kind, "|"), "bold")
    cells[column(replay.t)] = ("●", "bold reverse")
    text = Text(no_wrap=True, overflow="crop")
    for char, style in cells:
        text.append(char, style=style)
    return text


def status_text(replay: ReplaySession, live_key: str = "End") -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if isinstance(replay, WatchSession) and replay.ready:
        return watch_status_text(replay, live_key)
    if not replay.ready:
        text.append("reading the log…", style="bold")
        text.append("  the keys work once it is read", style="dim")
        return text
    text.append("▶ playing" if replay.playing else "‖ paused", style="bold")
    text.append(f"  {replay.clock(replay.t)} / {replay.clock(replay.end_t)}")
    text.append(f"  {replay.speed:g}x")
    if replay.idle_cap:
        text.append("  idle gaps capped at 2s")
    text.append(f"  event {replay.index}/{len(replay.events)}", style="dim")
    if not replay.has_roster:
        text.append("  pseudonyms (no roster)", style="dim")
    if replay.rehearsal:
        text.append("  REHEARSAL", style="bold")
    return text


def watch_status_text(watch: WatchSession, live_key: str = "End") -> Text:
    """Following or not, in words (never by colour alone): "● LIVE", "‖ 3m 10s behind
    live: End goes live", "■ the session ended", "○ not being written now"."""
    status = watch.status()
    text = Text(no_wrap=True, overflow="ellipsis")
    condition = status.condition
    if status.following:
        if condition == "live":
            text.append(" ● LIVE ", style="bold reverse")
        elif condition == "ended":
            text.append("■ the session ended", style="bold")
        elif condition == "left":
            text.append("○ not being written now: left to resume later", style="bold")
        else:
            text.append("○ not being written now", style="bold")
        text.append(f"  {watch.clock(watch.t)}")
    else:
        if watch.playing:
            text.append(f"▶ playing {watch.speed:g}x", style="bold")
        else:
            text.append("‖ paused", style="bold")
        behind = format_span(status.behind_s)
        text.append(f"  {behind} behind {'live' if condition == 'live' else 'the end'}: ")
        text.append(f"{live_key} goes {'live' if condition == 'live' else 'there'}",
                    style="bold")
        text.append(f"  {watch.clock(watch.t)} / {watch.clock(watch.end_t)}")
    text.append(f"  event {watch.index}/{len(watch.events)}", style="dim")
    if status.host is not None and condition == "live":
        text.append(f"  written on {status.host}", style="dim")
    if not watch.has_roster:
        text.append("  pseudonyms (no roster)", style="dim")
    if watch.rehearsal:
        text.append("  REHEARSAL", style="bold")
    text.append("  read-only", style="dim")
    return text


class TransportBar(Static):
    """Two lines: the timeline, and where we are."""

    DEFAULT_CSS = """
    TransportBar { height: 3; padding: 0 1; background: $panel; }
    """

    def __init__(self, replay: ReplaySession, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.replay = replay
        self._shown: Text | None = None
        self._accents: tuple[str, dict[str, str]] | None = None
        self.said: str | None = None
        """Where the last jump landed, or why it did not move (None: the legend)."""

    def _phase_accents(self) -> dict[str, str]:
        """Each phase kind's colour in the current theme (looked up once per theme, not
        on every playback frame)."""
        if self._accents is None or self._accents[0] != self.app.theme:
            variables = self.app.get_css_variables()
            self._accents = (self.app.theme, {kind: variables.get(f"phase-{kind}", "")
                                              for kind in PHASE_KINDS})
        return self._accents[1]

    def _live_key(self) -> str:
        keys = getattr(self.app, "key_names", None)
        return keys.of("watch.live") if keys is not None else "End"

    def show(self) -> None:
        accents = self._phase_accents()
        width = max(10, self.size.width - 2)
        if self.said:
            legend = Text(self.said, style="bold", no_wrap=True, overflow="ellipsis")
        else:
            legend = Text("━─ phases  ▲ marker  ⚑ follow-up  ! warning  ✎ comment  ● now",
                          style="dim", no_wrap=True, overflow="ellipsis")
        line = Text("\n").join([
            timeline_text(self.replay, width, accents),
            status_text(self.replay, self._live_key()), legend])
        if line != self._shown:  # three fixed lines: a repaint, never a reflow
            set_static_text(self, self._shown, line)
            self._shown = line
