"""Who held the floor, over time: a lane per speaker across the whole session.

The facilitator's lane comes first, apart from the members' and drawn differently:
their turns of N minutes or more (the replay's long-turn length) in full blocks, the
rest in half blocks, so a trainer sees at a glance where the long turns were. Above
the lanes, the phases (numbered) and the markers and comments; below, a time axis.
The position is a column through every lane.

With more members than rows, two share a row (▀ the first, ▄ the second); with still
more, the least heard are put together in one lane. Shapes carry the meaning, colour
only helps. The lanes are built once for a size (from `replay.floor`, itself built
once per log); moving the position only redraws the column that marks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from sessiontui.floor import FACILITATOR, Span, coverage
from sessiontui.plan.durations import format_duration, format_elapsed
from sessiontui.plan.models import PHASE_KINDS
from sessiontui.replay import ReplaySession
from sessiontui.ui.widgets.static_text import set_static_text

Cell = tuple[str, str]
"""A character and its style."""

LABEL_WIDTH = 14
SHARE_WIDTH = 5
FIXED_ROWS = 5
"""Rows that are not members' lanes: phases, marks, the facilitator, the axis, the key."""
TICK_MARKS = {"marker": "▲", "follow-up": "⚑", "comment": "✎"}
AXIS_STEPS = (60, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600,
              24 * 3600, 48 * 3600)


@dataclass(frozen=True)
class Lane:
    """One row of the lanes: a label, its cells, the share of talk it stands for."""

    label: str
    cells: list[Cell]
    share: float
    style: str = ""


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    while cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


class FloorLanes(Static):
    """The lanes view (the replay's `l` key shows it instead of the session board)."""

    DEFAULT_CSS = """
    FloorLanes { height: 1fr; padding: 0 1; }
    """

    def __init__(self, replay: ReplaySession, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.replay = replay
        self._layout: tuple[object, list[Lane], list[Cell], list[Cell], str, str] | None = None
        self._shown: Text | None = None
        self._drawn: tuple[object, int] | None = None
        self.mode = "single"
        """How members are drawn: single (a lane each), paired, or grouped."""

    # -- the parts that depend only on the size ---------------------------------------------

    def _styles(self) -> dict[str, str]:
        variables = self.app.get_css_variables()
        styles = {kind: variables.get(f"phase-{kind}", "") for kind in PHASE_KINDS}
        styles["facilitator"] = f"bold {variables.get('accent', '')}".strip()
        styles["long"] = f"bold {variables.get('warning', '')}".strip()
        styles["member"] = variables.get("primary", "")
        return styles

    def _build(self, width: int, height: int) -> None:
        replay = self.replay
        cells = max(10, width - LABEL_WIDTH - SHARE_WIDTH)
        end = replay.end_t or 1.0
        floor = replay.floor
        styles = self._styles()
        lanes = [self._facilitator_lane(cells, end, styles)]
        members = [p for p in replay.people() if p != FACILITATOR]
        rows = max(1, height - FIXED_ROWS)
        lanes += self._member_lanes(members, rows, cells, end, styles)
        phases = self._phase_row(cells, end, styles)
        marks = self._mark_row(cells, end)
        axis = self._axis(cells, end)
        keys = self.app.key_names  # type: ignore[attr-defined]
        over = format_duration(round(replay.long_turn_s))
        facilitator = f"facilitator █ ≥ {over} ({keys.of('replay.long_length')})"
        members_key = {"paired": "▀ first ▄ second name",
                       "mixed": "█ most ▄ briefly, ▀ ▄ two names"}.get(
                           self.mode, "█ most of the time ▄ briefly")
        room = LABEL_WIDTH + cells + SHARE_WIDTH
        legend = next((said for said in (f"{members_key} · {facilitator} · │ now",
                                         f"{members_key} · {facilitator}",
                                         f"{facilitator} · │ now") if cell_len(said) <= room),
                      facilitator)
        key = (width, height, replay.long_turn_s, self.app.theme, len(replay.comments),
               floor is not None)
        self._layout = (key, lanes, phases, marks, axis, legend)

    def _facilitator_lane(self, cells: int, end: float, styles: dict[str, str]) -> Lane:
        floor = self.replay.floor
        turns = floor.turns_of(FACILITATOR)
        long = [s for s in turns if s.length >= self.replay.long_turn_s]
        spoken = coverage(turns, 0.0, end, cells)
        held_long = coverage(long, 0.0, end, cells)
        row: list[Cell] = []
        for some, longer in zip(spoken, held_long, strict=True):
            if longer > 0:
                row.append(("█", styles["long"]))
            elif some > 0:
                row.append(("▄", styles["facilitator"]))
            else:
                row.append((" ", ""))
        return Lane("Facilitator", row, floor.share(FACILITATOR), styles["facilitator"])

    def _member_lanes(self, members: list[str], rows: int, cells: int, end: float,
                      styles: dict[str, str]) -> list[Lane]:
        """A lane each while they fit; then the least heard share rows two by two, as
        few as needed; with more still, the least heard of all share the last lane."""
        floor = self.replay.floor
        replay = self.replay
        style = styles["member"]
        if len(members) <= rows:
            self.mode = "single"
            return [self._single(replay.who(p), floor.turns_of(p), floor.share(p), cells, end,
                                 style) for p in members]
        quietest = sorted(members, key=lambda p: (floor.totals.get(p, 0.0), members.index(p)))
        rest: list[str] = []
        if len(members) > 2 * rows:  # even two to a row is not enough
            rest = quietest[: len(members) - 2 * (rows - 1)]
            members = [p for p in members if p not in rest]
            quietest = [p for p in quietest if p not in rest]
            pairs = len(members) // 2
            rows_left = rows - 1
        else:
            rows_left = rows
            pairs = len(members) - rows_left
        self.mode = "mixed" if 2 * pairs < len(members) else "paired"
        paired = set(quietest[: 2 * pairs])
        lanes: list[Lane] = []
        waiting: str | None = None
        for person in members:
            if person not in paired:
                lanes.append(self._single(replay.who(person), floor.turns_of(person),
                                          floor.share(person), cells, end, style))
            elif waiting is None:
                waiting = person
            else:
                lanes.append(self._pair(waiting, person, cells, end, style))
                waiting = None
        if waiting is not None:
            lanes.append(self._pair(waiting, None, cells, end, style))
        if rest:
            spans: list[Span] = [s for p in rest for s in floor.turns_of(p)]
            share = sum(floor.share(p) for p in rest)
            lanes.append(self._single(f"{len(rest)} others", spans, share, cells, end, style))
        return lanes

    @staticmethod
    def _single(label: str, spans, share: float, cells: int, end: float, style: str,
                ) -> Lane:
        row: list[Cell] = []
        for part in coverage(spans, 0.0, end, cells):
            row.append(("█" if part >= 0.5 else "▄" if part > 0 else " ", style if part else ""))
        return Lane(label, row, share)

    def _pair(self, first: str, second: str | None, cells: int, end: float, style: str,
              ) -> Lane:
        floor, replay = self.replay.floor, self.replay
        top = coverage(floor.turns_of(first), 0.0, end, cells)
        bottom = (coverage(floor.turns_of(second), 0.0, end, cells) if second
                  else [0.0] * cells)
        row: list[Cell] = []
        for a, b in zip(top, bottom, strict=True):
            char = "█" if a and b else "▀" if a else "▄" if b else " "
            row.append((char, style if char != " " else ""))
        names = replay.who(first)[:5] + "▀"
        if second:
            names += " " + replay.who(second)[:5] + "▄"
        share = floor.share(first) + (floor.share(second) if second else 0.0)
        return Lane(names, row, share)

    def _phase_row(self, cells: int, end: float, styles: dict[str, str]) -> list[Cell]:
        row: list[Cell] = [(" ", "")] * cells
        for number, segment in enumerate(self.replay.segments()):
            first = _column(segment.start, end, cells)
            last = _column(segment.end, end, cells)
            style = styles.get(segment.kind, "")
            for col in range(first, last + 1):
                row[col] = ("━─"[number % 2], style)
            label = str(segment.phase + 1)
            if last - first + 1 > len(label) + 1:
                for offset, char in enumerate(label):
                    row[first + offset] = (char, f"bold {style}".strip())
        return row

    def _mark_row(self, cells: int, end: float) -> list[Cell]:
        row: list[Cell] = [(" ", "")] * cells
        for tick in self.replay.ticks():
            mark = TICK_MARKS.get(tick.kind)
            if mark is not None:
                col = _column(tick.t, end, cells)
                if row[col][0] != "✎":  # a comment shows over anything else
                    row[col] = (mark, "bold")
        return row

    def _axis(self, cells: int, end: float) -> str:
        """Times from the session's start under the lanes, as far apart as fits."""
        origin = self.replay.origin
        step = next((s for s in AXIS_STEPS if cells * s / end >= 10), AXIS_STEPS[-1])
        row = [" "] * cells
        first = -(origin // step) * step if origin else 0.0  # the first tick at or after 0
        t = origin + first
        while t <= end:
            label = format_elapsed(t - origin)
            col = _column(t, end, cells)
            if col + len(label) <= cells and all(c == " " for c in row[max(0, col - 1):
                                                                       col + len(label)]):
                row[col:col + len(label)] = list(label)
            t += step
        return "".join(row)

    # -- drawing ------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.show()  # shown before its size was known, or the terminal changed

    def show(self) -> None:
        """Draw the lanes with the position's column; only the column moves, unless the
        size, the long-turn length, the theme or the comments changed."""
        replay = self.replay
        if not self.display:
            return
        width = max(20, self.size.width)
        height = max(FIXED_ROWS + 1, self.size.height)
        if not replay.ready:
            self._set(Text("The lanes are drawn once the log is read.", style="dim"))
            return
        key = (width, height, replay.long_turn_s, self.app.theme, len(replay.comments), True)
        if self._layout is None or self._layout[0] != key:
            self._build(width, height)
        assert self._layout is not None
        key, lanes, phases, marks, axis, legend = self._layout
        cells = len(phases)
        now = _column(replay.t, replay.end_t or 1.0, cells)
        if self._drawn == (key, now):
            return
        self._drawn = (key, now)
        text = Text(no_wrap=True, overflow="crop")
        blank = " " * LABEL_WIDTH
        self._row(text, blank, phases, now, "●", "", force=True)
        self._row(text, blank, marks, now, "│", "")
        for lane in lanes:
            share = f"{round(lane.share * 100):>4}%"
            self._row(text, _fit(lane.label, LABEL_WIDTH - 1) + " ", lane.cells, now, "│",
                      share, lane.style)
        text.append(blank + axis + "\n", style="dim")
        text.append(_fit(legend, LABEL_WIDTH + cells + SHARE_WIDTH), style="dim")
        self._set(text)

    @staticmethod
    def _row(text: Text, label: str, cells: list[Cell], now: int, mark: str, share: str,
             label_style: str = "", force: bool = False) -> None:
        text.append(label, style=label_style or "bold")
        run, run_style = "", None
        for col, (char, style) in enumerate(cells):
            if col == now:
                if run:
                    text.append(run, style=run_style or "")
                run, run_style = "", None
                text.append(mark if char == " " or force else char,
                            style=f"reverse {style}".strip())
                continue
            if style != run_style and run:
                text.append(run, style=run_style or "")
                run = ""
            run_style = style
            run += char
        if run:
            text.append(run, style=run_style or "")
        text.append(share + "\n", style="dim")

    def _set(self, text: Text) -> None:
        if text.plain.endswith("\n"):
            text = text[:-1]
        if text != self._shown:
            set_static_text(self, self._shown, text)
            self._shown = text

    def forget(self) -> None:
        """Build again on the next show (the comments or the long-turn length changed)."""
        self._layout = None
        self._drawn = None


def _column(t: float, end: float, cells: int) -> int:
    return max(0, min(cells - 1, int(t / end * cells))) if end > 0 else 0
