"""Hands, the floor and talk-time shares: drawn in the discussion and the guest's Q&A."""

from __future__ import annotations

from rich.text import Text

from sessiontui.core.queue import SOURCE_WORDS, QueueEntry, QueueView, hand_source_for
from sessiontui.core.state import FACILITATOR
from sessiontui.core.stats import ShareRow, TalkView
from sessiontui.journal.roster import Names
from sessiontui.plan.durations import format_clock, format_elapsed
from sessiontui.ui.look import Look

BAR_WIDTH = 12
LISTED = 12
"""Hands, and people not yet heard, named one by one; past that, a count. A long list
beside a video call is read by nobody, and re-wrapping it slows every key."""


def share_bar(share: float) -> str:
    filled = round(max(0.0, min(1.0, share)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def queue_text(view: QueueView, names: Names, look: Look) -> Text:
    """The speaker now, and the hands in the order they will be called."""
    text = Text()
    if view.speaker:
        text.append("Speaking: ", style=look.strong)
        text.append(names.name(view.speaker), style=look.strong)
        tag = names.tag(view.speaker) if view.speaker != FACILITATOR else ""
        if tag:  # a phone or chat-only speaker: the call's view may not show them
            text.append(f"  {tag}")
        limit = f" / {format_clock(view.limit_s)}" if view.limit_s else ""
        text.append(f"  {format_elapsed(view.turn_s)}{limit}")
        if view.over_limit:
            text.append("  ⚑ over the turn limit (soft)", style=look.strong)
    else:
        text.append("Nobody has the floor", style=look.muted)
    mode = "fewest turns first" if view.mode == "fewest-first" else "in the order raised"
    if view.entries:
        text.append(f"\nHands ({mode}):")
        for entry in view.entries[:LISTED]:
            text.append(f"\n {entry.position}. ")
            text.append(names.name(entry.participant))
            _came(text, entry, names, look)
            text.append(f"  waiting {format_elapsed(entry.waiting_s)}", style=look.muted)
            if entry.first_time:
                text.append("  ★ first time", style=look.strong)
        if len(view.entries) > LISTED:
            text.append(f"\n ...and {len(view.entries) - LISTED} more hands up",
                        style=look.muted)
    else:
        hint = look.hint("hand.raise", "raise a hand")
        text.append(f"\nNo hands up  ({hint})" if hint else "\nNo hands up", style=look.muted)
    return text


def _came(text: Text, entry: QueueEntry, names: Names, look: Look) -> None:
    """How the person joins ("☎ phone") and where their hand came from, in words,
    when that is not the usual way for them: "Ana  in the chat", "Bo  ☎ phone, in
    the chat". The usual way goes without saying: a phone hand is said aloud."""
    joins = names.joins(entry.participant)
    tag = names.tag(entry.participant)
    if tag:
        text.append(f"  {tag}", style=look.strong)
    if entry.via is None or entry.via == hand_source_for(joins):
        return
    text.append(f"{',' if tag else ' '} {SOURCE_WORDS.get(entry.via, entry.via)}")


def _share_line(text: Text, name: str, row: ShareRow, width: int, look: Look) -> None:
    """One talk-time line: name (cut to `width`), bar, share and turns."""
    text.append("\n ")
    text.append(name[:width].ljust(width), style=look.strong if row.speaking else "")
    text.append(f" {share_bar(row.share)} {round(row.share * 100):>3}%")
    text.append(f" {row.turns}t", style=look.muted)


def talk_text(view: TalkView, names: Names, look: Look, limit: int = 8) -> Text:
    """Talk-time shares as bars, the facilitator's own share, who has not spoken.

    At most `limit` lines of members: when more have spoken, the last line says how
    many are left out, so nobody looks as if they never spoke (and the panel is no
    taller than a full list).
    """
    text = Text("Talk time" if view.session_share is None else "Talk time in this phase",
                style=look.strong)
    spoke = [row for row in view.rows if row.seconds > 0]
    shown = spoke if len(spoke) <= limit else spoke[:max(0, limit - 1)]
    hidden = len(spoke) - len(shown)
    width = max([len(names.name(r.speaker)) for r in shown] + [12])
    width = min(width, 16)
    for row in shown:
        _share_line(text, names.name(row.speaker), row, width, look)
    if hidden:
        text.append(f"\n +{hidden} more who spoke", style=look.muted)
    own = names.name(FACILITATOR)
    _share_line(text, "You" if own.startswith("You") else own, view.facilitator, width, look)
    stats = view.stats
    if stats.not_spoken:
        text.append("\nNot spoken yet: ", style=look.muted)
        text.append(", ".join(names.name(p) for p in stats.not_spoken[:LISTED]))
        if len(stats.not_spoken) > LISTED:
            text.append(f" and {len(stats.not_spoken) - LISTED} more", style=look.muted)
    if stats.passed:
        text.append("\nPassed (their right): ", style=look.muted)
        text.append(", ".join(names.name(p) for p in stats.passed))
    if view.session_share is not None:
        whose = "Your" if own.startswith("You") else "The facilitator's"  # replay, watch
        text.append(f"\n{whose} share of the whole session so far: "
                    f"{view.session_share:.0%}", style=look.muted)
    return text
