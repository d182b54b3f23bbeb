"""Breakout rooms: who is where, the broadcasts to copy, the platform's settings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from sessiontui.core.phases.breakout import BreakoutView
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_clock, format_duration, spoken
from sessiontui.ui.look import Look
from sessiontui.ui.panels.base import PhasePanel


def breakout_text(view: BreakoutView, names: Names, look: Look) -> Text:
    text = Text()
    if view.task:
        text.append("Task: ", style=look.strong)
        text.append(view.task)
        text.append("\n")
    if view.status == "preparing":
        hint = look.hint("phase.next", "open them and assign people")
        text.append(f"Rooms not open yet{': ' + hint if hint else ''}", style=look.strong)
    elif view.status == "open":
        text.append(f"Rooms open: {format_clock(view.remaining_s)} left", style=look.strong)
    else:
        text.append("Rooms closed", style=look.strong)
    for room in view.rooms:
        text.append(f"\n Room {room.number}: ")
        if not room.members:
            text.append("(empty)")
        for number, member in enumerate(room.members):
            text.append(", " if number else "")
            text.append(names.name(member), style=look.struck if member in room.away else "")
            if member in room.away:
                text.append(" (away)", style=look.muted)
        if room.help:
            text.append("  ! asked for help", style=look.flag)
        if room.report:
            text.append("\n   reported: ", style=look.muted)
            text.append(room.report, style=look.said)
    if view.repeated_pairs:
        text.append(f"\n {view.repeated_pairs} pair(s) met in an earlier breakout",
                    style=look.muted)
    copies = look.hint("copy.now", "copies")
    copies = f", {copies.replace(': ', ' ')}" if copies else ""
    if view.status == "open":
        due = view.last_broadcast or view.opening
        if due:
            text.append(f"\nBroadcast now{copies}:\n ", style=look.strong)
            text.append(due, style=look.flag if view.last_broadcast else "")
        if view.next_broadcast and view.next_broadcast_at_s:
            text.append(f"\nNext, at {spoken(view.next_broadcast_at_s)} left:\n ",
                        style=look.muted)
            text.append(view.next_broadcast, style=look.muted)
    elif view.status == "preparing":
        first = view.opening or view.next_broadcast
        if first:
            label = "Opening broadcast" if view.opening else "First broadcast"
            text.append(f"\n{label}{copies}:\n ", style=look.strong)
            text.append(first)
    text.append(f"\n{view.settings.platform or 'Platform'} settings:", style=look.label)
    for line in view.settings.lines:
        text.append("\n ")
        text.append(line, style=look.muted)
    if view.adjusted_s:
        text.append(f"\n Rooms' time changed by {format_duration(abs(view.adjusted_s))}: "
                    "change it on the platform too", style=look.strong)
    return text


class BreakoutPanel(PhasePanel):
    kind: ClassVar[str] = "breakout"

    def draw(self, view: object, names: Names, look: Look) -> Text:
        assert isinstance(view, BreakoutView)
        return breakout_text(view, names, look)
