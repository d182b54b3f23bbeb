"""Inline SVG charts for the HTML report: the phase timeline and the talk-time bars.

Hand-written SVG (no library, no script, no external font): it has to render in any
browser and in a mail client that shows HTML. Colour is never the only signal: the
planned bars are dashed outlines, the actual ones solid, overtime is hatched, and
every bar has its figure written beside it. Each chart has a <title> and <desc> for
screen readers; the tables in the report carry the same figures.
"""

from __future__ import annotations

from html import escape
from math import ceil, isfinite
from typing import Any

from sessiontui.report import fmt
from sessiontui.report.model import PersonRow, PhaseRow, Talk

WIDTH = 760
"""Drawn 760 wide and scaled to the page: at phone width (in a box at least 520 px
wide that scrolls on its own, see html.CSS) the 14 px text stays about 10 px."""
LABEL_W = 200
VALUE_W = 180
FONT = 14
LABEL_CHARS = 24
"""Characters of a label that fit in LABEL_W at FONT."""

PLANNED = "#6b7280"
ACTUAL = "#2563eb"
OVER = "#b45309"
FACILITATOR = "#7c3aed"
MEMBER = "#0f766e"
GRID = "#e5e7eb"
INK = "#111827"
GAP = "#b91c1c"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


MAX_TICKS = 10
"""Intervals on a time axis at most (so at most 11 grid lines and labels), whatever
the times: a reader bounds them today, but a chart must not rely on it."""

_STEPS_MIN = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
"""Tick steps in minutes, up to a day, two days and a week."""

_DAY = 86_400
_LONGEST_AXIS_S = 10**12
"""Far beyond any session (31,000 years): a bigger or non-finite time is drawn at the end."""


def _step(total_s: float) -> int:
    """A tick step in seconds (a minute to a week, then 1, 2 or 5 times a power of ten
    in days) giving at most MAX_TICKS intervals across `total_s`."""
    for minutes in _STEPS_MIN:
        if total_s / (minutes * 60) <= MAX_TICKS:
            return minutes * 60
    days = 1
    while True:
        for factor in (1, 2, 5):
            if total_s / (factor * days * _DAY) <= MAX_TICKS:
                return factor * days * _DAY
        days *= 10


def _axis_total(seconds: list[float]) -> float:
    """The longest time the axis must show, at least a minute, at most _LONGEST_AXIS_S."""
    finite = [s for s in seconds if isfinite(s)]
    longest = max([60.0, *finite])
    if len(finite) < len(seconds):
        longest = _LONGEST_AXIS_S
    return min(longest, _LONGEST_AXIS_S)


def _tick_label(seconds: int, span_s: int) -> str:
    """Minutes on an axis up to three hours long (`90m`), hours up to three days
    (`2h`, `2h30`), days beyond (`4d`, `4d12h`)."""
    if span_s <= 3 * 3600:
        return f"{seconds // 60}m"
    if span_s <= 3 * _DAY:
        hours, minutes = divmod(seconds // 60, 60)
        return f"{hours}h{minutes:02d}" if minutes else f"{hours}h"
    days, hours = divmod(seconds // 3600, 24)
    return f"{days}d{hours}h" if hours else f"{days}d"


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{OVER}" opacity="0.35"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{OVER}" stroke-width="3"/>'
        "</pattern>"
        "</defs>"
    )


def phase_timeline(phases: tuple[PhaseRow, ...], chart_id: str = "timeline",
                   gaps: list[float] | None = None,
                   comments: list[float] | None = None) -> str:
    """Planned (dashed outline) against actual (solid) per phase, minutes from the start.

    `gaps`: times (from the start) after which damaged lines were skipped (`--salvage`),
    drawn as a labelled red line; `comments`: times of the trainer's comments, drawn as
    numbered ticks under the axis."""
    gaps = gaps or []
    comments = comments or []
    shown = list(phases)
    ends = [p.planned_start_s + p.planned_s for p in shown]
    ends += [
        (p.actual_start_s or 0) + (p.actual_s or 0) for p in shown if p.actual_start_s is not None
    ]
    longest = _axis_total(ends)
    step = _step(longest)
    total = ceil(longest / step) * step
    plot_w = WIDTH - LABEL_W - VALUE_W - 20
    row_h = 40
    top = 34
    height = top + row_h * len(shown) + 30

    def x(seconds: float) -> float:
        if not isfinite(seconds):
            seconds = total if seconds > 0 else 0.0  # NaN compares False: the start
        return LABEL_W + min(max(0.0, seconds), total) / total * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" font-size="{FONT}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{chart_id}-t">Phases: planned against what happened</title>',
        f'<desc id="{chart_id}-d">For each phase, a dashed outline shows when it was planned '
        f"and for how long; a solid bar below shows when it started and how long it ran "
        f"(pauses excluded). Hatching marks time beyond what the phase was given.</desc>",
        _defs(chart_id),
    ]
    # legend
    parts.append(
        f'<rect x="{LABEL_W}" y="6" width="26" height="10" fill="none" stroke="{PLANNED}" '
        f'stroke-dasharray="4 3" stroke-width="1.5"/>'
        f'<text x="{LABEL_W + 32}" y="15" fill="{INK}">planned</text>'
        f'<rect x="{LABEL_W + 100}" y="6" width="26" height="10" fill="{ACTUAL}"/>'
        f'<text x="{LABEL_W + 132}" y="15" fill="{INK}">actual</text>'
        f'<rect x="{LABEL_W + 190}" y="6" width="26" height="10" fill="url(#{chart_id}-hatch)"/>'
        f'<text x="{LABEL_W + 222}" y="15" fill="{INK}">over its time</text>'
    )
    # grid and axis
    for n in range(min(MAX_TICKS, total // step) + 1):
        tick = n * step
        gx = x(tick)
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 24}" '
            f'stroke="{GRID}"/>'
            f'<text x="{gx:.1f}" y="{height - 8}" text-anchor="middle" fill="{INK}">'
            f"{_tick_label(tick, total)}</text>"
        )
    for i, p in enumerate(shown):
        y = top + i * row_h
        label = _clip(f"{p.index + 1}. {p.title}", LABEL_CHARS)
        parts.append(
            f'<text x="{LABEL_W - 10}" y="{y + 22}" text-anchor="end" fill="{INK}">'
            f"{_e(label)}</text>"
        )
        px, pw = x(p.planned_start_s), max(1.0, x(p.planned_start_s + p.planned_s)
                                           - x(p.planned_start_s))
        parts.append(
            f'<rect x="{px:.1f}" y="{y + 4}" width="{pw:.1f}" height="12" fill="none" '
            f'stroke="{PLANNED}" stroke-dasharray="4 3" stroke-width="1.5"/>'
        )
        if p.actual_start_s is not None and p.actual_s is not None:
            given = p.given_s if p.given_s is not None else p.planned_s
            within = min(p.actual_s, given) if p.runs == 1 else p.actual_s
            ax = x(p.actual_start_s)
            aw = max(1.0, x(p.actual_start_s + within) - ax)
            parts.append(
                f'<rect x="{ax:.1f}" y="{y + 20}" width="{aw:.1f}" height="14" '
                f'fill="{ACTUAL}"/>'
            )
            if p.runs == 1 and p.actual_s > given:
                ox = x(p.actual_start_s + given)
                ow = max(1.0, x(p.actual_start_s + p.actual_s) - ox)
                parts.append(
                    f'<rect x="{ox:.1f}" y="{y + 20}" width="{ow:.1f}" height="14" '
                    f'fill="url(#{chart_id}-hatch)" stroke="{OVER}"/>'
                )
            value = (
                f"{fmt.duration(p.actual_s)} ({fmt.signed(p.over_s)})"
                if isfinite(p.actual_s) and (p.over_s is None or isfinite(p.over_s))
                else "-"  # no length to write: the tables say what the log had
            )
        elif p.status == "skipped":
            value = "skipped"
        else:
            value = "not reached" if p.status == "not-reached" else "-"
        parts.append(
            f'<text x="{WIDTH - VALUE_W}" y="{y + 22}" fill="{INK}">{_e(value)}</text>'
        )
    for at in gaps:
        gx = x(at)
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 24}" '
            f'stroke="{GAP}" stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{gx + 3:.1f}" y="{top - 8}" fill="{GAP}">gap</text>'
        )
    for number, at in enumerate(comments, 1):
        cx = x(at)
        parts.append(
            f'<path d="M{cx:.1f} {height - 24} l-5 -8 h10 z" fill="{FACILITATOR}">'
            f"<title>trainer's comment {number}</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)


def talk_bars(people: tuple[PersonRow, ...], talk: Talk, chart_id: str = "talk") -> str:
    """Talk time per person who came, most first, and the facilitator's on its own line."""
    rows = sorted((p for p in people if p.attended), key=lambda p: (-p.seconds, p.id))
    entries = [(p.name, p.seconds, p.share, False) for p in rows]
    entries.append(("Facilitator (you)", talk.facilitator_s, talk.facilitator_share, True))
    longest = max([1.0, *(seconds for _, seconds, _, _ in entries)])
    plot_w = WIDTH - LABEL_W - VALUE_W - 20
    row_h = 26
    top = 10
    height = top + row_h * len(entries) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" font-size="{FONT}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{chart_id}-t">Talk time per person</title>',
        f'<desc id="{chart_id}-d">One bar per person who came, longest first, with the '
        f"facilitator's own talk time last, on a hatched bar.</desc>",
        "<defs>"
        f'<pattern id="{chart_id}-fac" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{FACILITATOR}" opacity="0.45"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{FACILITATOR}" stroke-width="3"/>'
        "</pattern></defs>",
    ]
    for i, (name, seconds, share, facilitator) in enumerate(entries):
        y = top + i * row_h
        if facilitator:
            parts.append(
                f'<line x1="10" y1="{y - 3}" x2="{WIDTH - 10}" y2="{y - 3}" stroke="{GRID}"/>'
            )
        weight = ' font-weight="600"' if facilitator else ""
        parts.append(
            f'<text x="{LABEL_W - 10}" y="{y + 15}" text-anchor="end" fill="{INK}"{weight}>'
            f"{_e(_clip(name, LABEL_CHARS))}</text>"
        )
        width = seconds / longest * plot_w
        if width > 0:
            fill = f"url(#{chart_id}-fac)" if facilitator else MEMBER
            stroke = f' stroke="{FACILITATOR}"' if facilitator else ""
            parts.append(
                f'<rect x="{LABEL_W}" y="{y + 3}" width="{max(1.0, width):.1f}" height="16" '
                f'fill="{fill}"{stroke}/>'
            )
        value = f"{fmt.duration(seconds)} \u00b7 {fmt.percent(share)}"
        if not seconds and not facilitator:
            value = "did not take a turn"
        parts.append(
            f'<text x="{WIDTH - VALUE_W}" y="{y + 15}" fill="{INK}">{_e(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(series: Any, plan: int = 0, chart_id: str = "trend") -> str:
    """Four small line charts of one plan's sessions, oldest first: your share of the
    talk, Gini, median wait and attendance, every point labelled with its value."""
    trends = {t.measure: t for t in series.trends if t.plan == plan}
    numbers = [n for n, row in enumerate(series.rows, 1) if row.plan == plan]
    panels = [
        ("facilitator_share", "Your share of the talk time", lambda v: 1.0),
        ("gini", "Gini of members' speaking time (0 is even)", lambda v: 1.0),
        ("median_wait_s", "Median wait for a turn", lambda v: max([60.0, *v])),
        ("attended", "People who came", lambda v: max([1.0, *v])),
    ]
    panel_w, panel_h, pad = WIDTH // 2, 190, 36
    height = panel_h * 2 + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" font-size="{FONT}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{chart_id}-t">The series: four figures, session by session</title>',
        f'<desc id="{chart_id}-d">One small chart each for your share of the talk time, '
        f"the Gini of members' speaking time, the median wait for a turn and the people "
        f"who came; sessions oldest first along the bottom, each point labelled with its "
        f"value. The list below the chart says the same in words.</desc>",
    ]
    for index, (measure, label, top_of) in enumerate(panels):
        trend = trends.get(measure)
        if trend is None:
            continue
        ox = (index % 2) * panel_w
        oy = (index // 2) * panel_h
        known = [v for v in trend.values if v is not None]
        top = top_of(known) or 1.0
        left, right = ox + pad, ox + panel_w - pad
        base, ceiling = oy + panel_h - 34, oy + 40
        parts.append(f'<text x="{ox + 12}" y="{oy + 22}" fill="{INK}" font-weight="600">'
                     f"{_e(label)}</text>")
        parts.append(f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" '
                     f'stroke="{GRID}"/>')
        count = len(trend.values)

        def px(i: int, count: int = count, left: int = left, right: int = right) -> float:
            return left + (right - left) * (i / (count - 1) if count > 1 else 0.5)

        def py(v: float, top: float = top, base: int = base, ceiling: int = ceiling
               ) -> float:
            return base - (base - ceiling) * max(0.0, min(1.0, v / top))

        points = [(px(i), py(v)) for i, v in enumerate(trend.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{ACTUAL}" '
                         f'stroke-width="2"/>')
        show = {"facilitator_share": fmt.percent, "gini": fmt.ratio,
                "median_wait_s": fmt.duration}.get(measure, lambda v: f"{v:.0f}")
        for i, value in enumerate(trend.values):
            x = px(i)
            parts.append(f'<text x="{x:.1f}" y="{base + 18}" text-anchor="middle" '
                         f'fill="{INK}">{numbers[i] if i < len(numbers) else i + 1}</text>')
            if value is None:
                continue
            y = py(value)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACTUAL}"/>'
                         f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" '
                         f'fill="{INK}">{_e(show(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)
