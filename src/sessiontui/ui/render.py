"""The session's own lines: the status line, the phase heading, the clock's caption,
the script to read out, and agenda rows. The phases' panels are in `ui.panels`.

Every piece of text a person typed or an organiser wrote goes in through `Text.append`,
never through markup, so `Sam [they/them]` or `[b]x[/b]` shows exactly as written.
Pure functions of the views: the same input gives the same text, live and in replay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import datetime

from rich.text import Text

from sessiontui.core import views
from sessiontui.core.phases.breakout import BreakoutView
from sessiontui.core.schedule import Schedule, ScheduleRow
from sessiontui.core.state import People
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import (
    ahead_behind,
    format_clock,
    format_duration,
    format_elapsed,
    spoken,
)
from sessiontui.step_words import STEP_WORDS, step_said  # noqa: F401 (moved; still here)
from sessiontui.ui.look import Look

# -- the status line and the heading ---------------------------------------------------


def status_line(timer: views.TimerView, started: float | None, ended: float | None, t: float,
                wall: datetime, saved: str, schedule: Schedule, rehearsal: bool,
                look: Look) -> Text:
    """Rehearsal, the wall clock, elapsed and left, ahead/behind, paused, saved: what
    matters most first, so that a narrow terminal cuts the least of it."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if rehearsal:
        text.append("REHEARSAL  ", style=look.strong)
    text.append(wall.strftime("%H:%M"), style=look.strong)
    status = timer.status
    if started is not None:
        elapsed = (ended or t) - started
        left = schedule.left_s
        text.append(f"  {format_elapsed(elapsed)} in")
        text.append(f"  {format_clock(left)} {'left' if left >= 0 else 'over'}",
                    style=look.strong if left < 0 else "")
        if status != "ended":
            text.append(f"  {ahead_behind(schedule.behind_s)}",
                        style=look.strong if schedule.behind_s >= 120 else "")
    if status == "paused":
        text.append("  ‖ PAUSED", style=look.flag)
    text.append(f"  {saved}")
    return text


def people_line(people: People, names: Names, look: Look,
                offered: Collection[str] = ()) -> Text | None:
    """Attendance at a glance, one line: how many are here, who stepped out (they may
    need someone to check on them; ⚠ and the key when they have been out so long that
    the safeguarding panel was offered), and how many are not marked yet. None when the
    roster is empty."""
    if not people.roster:
        return None
    status = people.status
    count = Counter(status.get(p, "expected") for p in people.roster)
    here = count["present"] + count["late"] + count["back"]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("People: ", style=look.muted)
    if count["expected"] == len(people.roster):
        text.append(f"{len(people.roster)} on the roster, none marked yet")
        if look.key is not None:
            text.append(f" ({look.key('people.attendance')} marks)", style=look.muted)
        return text
    text.append(f"{here} here", style=look.strong)
    if count["late"]:
        text.append(f" ({count['late']} late)")
    away = [p for p in people.roster if status.get(p) == "stepped-out"]
    if away:
        text.append(" · stepped out: ")
        for number, person in enumerate(away):
            text.append(", " if number else "")
            text.append(names.name(person), style=look.flag)
            if person in offered:
                key = look.key("safeguarding.open") if look.key is not None else "S"
                text.append(f" ⚠ {key}", style=look.flag)
    for key, words in (("left", "left"), ("absent", "absent"), ("expected", "not marked")):
        if count[key]:
            text.append(f" · {count[key]} {words}")
    if count["expected"] and look.key is not None:
        text.append(f" ({look.key('people.attendance')} marks)", style=look.muted)
    return text


def alert_line(alert: str, warning: bool, title: str, look: Look) -> Text:
    """The line under the status: the phase's latest alert ("Time is up: Pairs"), which
    stays there while it holds, or else the session's title."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if alert:
        text.append(f"⚠ {alert}" if warning else f"● {alert}",
                    style=look.flag if warning else look.strong)
    else:
        text.append(title, style=look.muted)
    return text


def phase_heading(timer: views.TimerView, nxt: views.NextView, phases: int, names: Names,
                  look: Look) -> Text:
    """Which phase, what the next step is, and what comes after this phase.

    Live, the step is introduced by the key bound to it now ("n: next person, Dana");
    in a replay, by "next:" (the facilitator's next step, not a replay key).
    """
    lead = look.key("phase.next") if look.key is not None else "next"
    text = Text()
    if timer.phase is None:
        if timer.status == "ended":
            text.append("Session ended", style=look.strong)
            return text
        text.append("Ready to start", style=look.strong)
        text.append(f"\n{phases} phases, {format_duration(timer.planned_s)} planned")
        text.append(f"\n{lead}: start with ")
        text.append(nxt.phase_label or "", style=look.strong)
        return text
    text.append(f"{timer.phase + 1}/{phases} ", style=look.muted)
    text.append(timer.label.upper(), style=look.strong)
    text.append(f"\n{lead}: ")
    text.append(step_words(nxt, names, look))
    if nxt.phase_label and nxt.action != "next-phase":
        text.append("\nthen: ", style=look.muted)
        text.append(nxt.phase_label)
        if nxt.phase_planned_s:
            text.append(f" ({format_duration(nxt.phase_planned_s)})", style=look.muted)
    return text


def step_words(nxt: views.NextView, names: Names, look: Look) -> Text:
    """The next step in a few words: "next person, Dana", "open the rooms"."""
    words, stressed, after = step_said(nxt, names.name)
    text = Text(words)
    if stressed:
        text.append(stressed, style=look.strong)
    text.append(after)
    return text


def rooms_caption(view: BreakoutView) -> tuple[str, str, str]:
    """The big clock while rooms are open: the rooms' own countdown."""
    remaining = view.remaining_s
    if remaining <= 0:
        return format_clock(remaining), "overtime", "⏰ ROOMS OVER TIME"
    if view.alerts and remaining <= max(view.alerts):
        return format_clock(remaining), "warning", (
            f"⚠ rooms close in {spoken(remaining)}")
    return format_clock(remaining), "normal", "rooms close in"


def clock_caption(timer: views.TimerView) -> tuple[str, str, str]:
    """(digits, level, caption): the level is also said in words and symbols."""
    if timer.phase is None:
        return format_clock(timer.remaining_s), "normal", (
            "session ended" if timer.status == "ended" else "planned")
    if timer.paused:
        return format_clock(timer.remaining_s), "paused", "‖ PAUSED"
    if timer.level == "overtime":
        return format_clock(timer.remaining_s), "overtime", "⏰ OVER TIME"
    if timer.level == "warning":
        return format_clock(timer.remaining_s), "warning", (
            f"⚠ {spoken(timer.remaining_s)} left")
    return format_clock(timer.remaining_s), "normal", f"of {format_duration(timer.planned_s)}"


def script(prompt: str | None, notes: str | None, look: Look) -> Text | None:
    """The prompt to read out and the facilitator's own notes."""
    if not prompt and not notes:
        return None
    text = Text()
    if prompt:
        text.append("Say: ", style=look.strong)
        text.append(prompt)
    if notes:
        if prompt:
            text.append("\n")
        text.append("Notes: ", style=look.label)
        text.append(notes, style=look.muted)
    return text


def agenda_row(row: ScheduleRow, look: Look, width: int = 34) -> Text:
    """One agenda line: mark, start (as it happened, or as now projected: after
    overruns and rebalances, not the plan's), title, planned vs actual; fits `width`."""
    marks = {"done": "✓", "current": "▶", "next": "›", "skipped": "–"}
    current = row.status == "current"
    at = row.projected_start_s
    start = f"{format_elapsed(at) if at is not None else '  –  '} "
    length = f" {format_duration(row.planned_s)}"
    delta_text = ""
    if row.actual_s is not None and row.status == "done":
        delta = row.actual_s - row.planned_s
        if abs(delta) >= 30:
            sign = "+" if delta > 0 else "-"
            delta_text = f" {sign}{format_duration(max(60, round(abs(delta) / 60) * 60))}"
    room = max(4, width - 2 - len(start) - len(length) - len(delta_text))
    label = row.label if len(row.label) <= room else row.label[: room - 1] + "…"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{marks.get(row.status, ' ')} ", style=look.strong if current else "")
    text.append(start, style=look.muted)
    text.append(label, style=look.strong if current else (
        look.muted if row.status in ("done", "skipped") else ""))
    text.append(length, style=look.muted)
    if delta_text:
        text.append(delta_text, style=look.strong if delta_text.startswith(" +") else look.muted)
    return text
