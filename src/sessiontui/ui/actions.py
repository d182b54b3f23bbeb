"""The one table of what a facilitator can do: it feeds the key bindings, the footer,
the help screen and the command palette, so the four can never disagree.

Ids are stable (`phase.next`): a user keymap in the config file names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class UserAction:
    """One thing a user can do, with its default key."""

    id: str
    key: str
    action: str
    label: str
    help: str
    group: str
    footer: bool = True
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.key, self.action, self.label, show=self.footer, id=self.id,
            key_display=self.key_display,
        )


SESSION_ACTIONS: tuple[UserAction, ...] = (
    # Moving through the session
    UserAction("phase.next", "n", "next_step", "Next",
               "Next step: the next person, prompt or question; at the end of a phase, the "
               "next phase; at the end of the last phase, end the session", "Session"),
    UserAction("phase.back", "N", "previous_step", "Back",
               "Back one step (the previous person or prompt)", "Session", footer=False,
               key_display="N"),
    UserAction("session.pause", "space", "toggle_pause", "Pause",
               "Pause or resume the session's timers (asks for a reason)", "Session",
               key_display="␣"),
    UserAction("timer.add", "plus", "adjust(60)", "+1m", "Add one minute to the current timer",
               "Session", footer=False, key_display="+"),
    UserAction("timer.take", "minus", "adjust(-60)", "-1m",
               "Take one minute off the current timer", "Session", footer=False,
               key_display="-"),
    UserAction("schedule.rebalance", "b", "rebalance", "Rebalance",
               "Absorb an overrun from later flexible phases (shows the proposal first)",
               "Session", footer=False),
    UserAction("session.end", "E", "end_session", "End",
               "End the session now (asks first)", "Session", footer=False, key_display="E"),
    # People and turns
    UserAction("hand.raise", "h", "raise_hand", "Hand",
               "Raise a hand: type a roster number or part of a name, then enter", "People"),
    UserAction("hand.lower", "H", "lower_hand", "Lower",
               "Lower one raised hand", "People", footer=False, key_display="H"),
    UserAction("hand.lower_all", "L", "lower_all_hands", "Lower all",
               "Lower every raised hand", "People", footer=False, key_display="L"),
    UserAction("turn.next", "enter", "next_speaker", "Turn",
               "Give the turn to the next person in the hand queue", "People",
               key_display="⏎"),
    UserAction("round.pass", "x", "pass_turn", "Pass",
               "The current person passes (their right; recorded as a pass)", "People"),
    UserAction("turn.facilitator", "t", "facilitator_turn", "Me",
               "Start or stop your own speaking turn (your talk time is counted)", "People"),
    UserAction("round.answer", "w", "write_answer", "Word",
               "Note the current person's word or short answer (when the plan captures it)",
               "People"),
    UserAction("people.attendance", "a", "attendance", "Attendance",
               "Mark someone present, late, stepped out, back, left or absent", "People",
               footer=False),
    UserAction("people.join", "j", "walk_in", "Walk-in",
               "Someone not on the roster joined: add them", "People", footer=False),
    # Activities
    UserAction("copy.now", "c", "copy_now", "Copy",
               "Copy the text that matters now (the next broadcast, the room list) to the "
               "clipboard", "Activities"),
    UserAction("rules.show", "r", "show_rules", "Rules",
               "Show the ground rules again (counted as a reminder)", "Activities",
               footer=False),
    UserAction("rules.add", "A", "add_rule", "Add rule",
               "Ground rules: add a rule the group asked for", "Activities",
               key_display="A"),
    UserAction("breakout.help", "exclamation_mark", "room_help", "Room help",
               "A breakout room asks for help, or has been helped", "Activities",
               key_display="!"),
    UserAction("breakout.report", "g", "report_back", "Report back",
               "Note a room's report-back", "Activities", footer=False),
    UserAction("quiz.reveal", "y", "reveal_answer", "Reveal",
               "Quiz: reveal the answer", "Activities"),
    UserAction("quiz.point", "p", "award_point", "Point",
               "Quiz: give a point to someone who answered right", "Activities"),
    UserAction("quiz.take_point", "P", "take_point", "-Point",
               "Quiz: take back a point given by mistake", "Activities", footer=False,
               key_display="P"),
    UserAction("guest.questions", "Q", "start_questions", "Q&A",
               "Guest speaker: move from the talk to questions", "Activities",
               key_display="Q"),
    UserAction("close.takeaway", "T", "takeaway", "Takeaway",
               "Close: note a takeaway", "Activities", key_display="T"),
    UserAction("close.feedback", "F", "feedback", "Feedback",
               "Close: record feedback on the platform (1-5 and a comment)", "Activities",
               key_display="F"),
    # Any time
    UserAction("note.add", "o", "note", "Note",
               "Write a private note (for you and the trainer)", "Any time", footer=False),
    UserAction("marker.add", "m", "marker", "Marker",
               "Drop a marker with a label (a chapter for the trainer's replay)", "Any time",
               footer=False),
    UserAction("followup.flag", "f", "follow_up", "Follow-up",
               "Flag someone to check in with after the session", "Any time", footer=False),
    UserAction("parking.add", "k", "park", "Park",
               "Put a topic in the parking lot for later", "Any time", footer=False),
    UserAction("app.help", "question_mark", "help", "Help",
               "Show every key", "Any time", key_display="?"),
)


def bindings(actions: tuple[UserAction, ...]) -> list[Binding]:
    """Textual bindings for a table of actions."""
    return [action.binding() for action in actions]


def shown_key(action: UserAction) -> str:
    """The key as a person reads it in help text."""
    return action.key_display or action.key


def keys_markdown(actions: tuple[UserAction, ...]) -> str:
    """The key table as Markdown, for docs/keys.md (a test keeps the two in step)."""
    lines = ["| key | id | what it does |", "|---|---|---|"]
    group = None
    for action in actions:
        if action.group != group:
            group = action.group
            lines.append(f"| | | **{group}** |")
        key = shown_key(action).replace("|", "\\|")
        lines.append(f"| `{key}` | `{action.id}` | {action.help} |")
    return "\n".join(lines) + "\n"
