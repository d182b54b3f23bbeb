"""The one table of what a user can do: ids, default keys, labels and help.

It feeds the key bindings, the footer, the help screen, the command palette, the
plain-text front end and docs/keys.md, for the live session, the replay and the large
clock alike, so none of them can disagree. Whether an action applies now is the core's
answer (`core.availability`), asked by id.

Ids are stable (`phase.next`): a user keymap in the config file names them, and every
text that mentions a key asks for the key bound to the id now, so a changed key shows
everywhere. Plain Python: no Textual here (`ui.keys` makes Textual bindings of it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UserAction:
    """One thing a user can do, with its default key."""

    id: str
    key: str
    action: str
    """The screen's action to run, as Textual writes it (`adjust(60)`)."""
    label: str
    help: str
    group: str
    footer: bool = True
    key_display: str | None = None
    """How the default key is written for people (`␣` for space)."""

    @property
    def method(self) -> str:
        """The action's name without its arguments (`adjust`)."""
        return self.action.split("(", 1)[0]


SESSION_ACTIONS: tuple[UserAction, ...] = (
    # Moving through the session
    UserAction("phase.next", "n", "next_step", "Next",
               "Next step: the next person, prompt or question; at the end of a phase, the "
               "next phase; at the end of the last phase, end the session", "Session"),
    UserAction("phase.back", "N", "previous_step", "Back",
               "Back one step (the previous person or prompt); at a phase's first step, back "
               "into the phase before (it asks first)", "Session", footer=False,
               key_display="N"),
    UserAction("session.pause", "space", "toggle_pause", "Pause",
               "Pause or resume the session's timers: they stop at the key press, and a "
               "reason can follow (private)", "Session",
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
               "Raise a hand: type a roster number or part of a name, then enter (tab "
               "says where the hand came from: video, chat or voice)", "People"),
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
               "Note the current person's word or short answer (when the plan captures it); "
               "the footer says Word or Answer as the plan does",
               "People"),
    UserAction("people.attendance", "a", "attendance", "Attendance",
               "Attendance: 0 marks everyone not yet marked present; or a roster number, "
               "then present, late, stepped out, back, left or absent", "People",
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
               "A breakout room asks for help, or has been helped: press the room's number",
               "Activities",
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
               "Write a private note (in your own report only with --include-notes)",
               "Any time", footer=False),
    UserAction("marker.add", "m", "marker", "Marker",
               "Drop a marker with a label (a chapter for the trainer's replay)", "Any time",
               footer=False),
    UserAction("followup.flag", "f", "follow_up", "Follow-up",
               "Flag someone to check in with after the session", "Any time", footer=False),
    UserAction("parking.add", "k", "park", "Park",
               "Put a topic in the parking lot for later", "Any time", footer=False),
    UserAction("safeguarding.open", "S", "safeguarding", "Safeguarding",
               "Someone is in distress: the group's agreed words and the helplines to copy "
               "into the chat, the plan's steps as a checklist; recorded privately (no "
               "words), first among the follow-ups", "Any time", footer=False,
               key_display="S"),
    UserAction("texts.copy", "C", "ready_texts", "Texts",
               "Copy one of the plan's ready texts (welcome, helplines, break, closing "
               "words) to paste into the call's chat", "Any time", footer=False,
               key_display="C"),
    UserAction("app.help", "question_mark", "help", "Help",
               "Show every key", "Any time", key_display="?"),
)

REPLAY_ACTIONS: tuple[UserAction, ...] = (
    # Playing and seeking
    UserAction("replay.play", "space", "play", "Play", "Play or pause", "Play and seek",
               key_display="␣"),
    UserAction("replay.back", "left", "nudge(-5)", "-5s", "Back 5 seconds", "Play and seek",
               footer=False, key_display="←"),
    UserAction("replay.forward", "right", "nudge(5)", "+5s", "Forward 5 seconds",
               "Play and seek", footer=False, key_display="→"),
    UserAction("replay.back_far", "shift+left", "fraction_step(-0.1)", "-10%",
               "Back 10% of the session", "Play and seek", footer=False, key_display="⇧←"),
    UserAction("replay.forward_far", "shift+right", "fraction_step(0.1)", "+10%",
               "Forward 10% of the session", "Play and seek", footer=False, key_display="⇧→"),
    UserAction("replay.step_back", "comma", "step(-1)", "Event back", "One event back",
               "Play and seek", footer=False, key_display=","),
    UserAction("replay.step", "full_stop", "step(1)", "Event", "One event forward",
               "Play and seek", footer=False, key_display="."),
    *(UserAction(f"replay.jump{n}", str(n), f"jump({n / 10})", f"{n}0%",
                 f"Jump to {n * 10}% of the session", "Play and seek", footer=False)
      for n in range(10)),
    UserAction("replay.slower", "less_than_sign", "speed(0.5)", "Slower",
               "Half the speed (down to 0.25x)", "Play and seek", footer=False,
               key_display="<"),
    UserAction("replay.faster", "greater_than_sign", "speed(2)", "Faster",
               "Double the speed (up to 64x)", "Play and seek", footer=False,
               key_display=">"),
    UserAction("replay.idle", "i", "idle", "Idle cap", "Cap quiet gaps at 2 seconds",
               "Play and seek", footer=False),
    # Finding the moments that matter
    UserAction("replay.previous", "left_square_bracket", "chapter(-1)", "Prev",
               "Previous marker, phase start or comment (what it is shows when you land)",
               "Find a moment", footer=False, key_display="["),
    UserAction("replay.next", "right_square_bracket", "chapter(1)", "Next",
               "Next marker, phase start or comment (what it is shows when you land)",
               "Find a moment", key_display="]"),
    UserAction("replay.marker_next", "m", "marker(1)", "Marker",
               "Next marker (its label shows when you land)", "Find a moment", footer=False),
    UserAction("replay.marker_previous", "M", "marker(-1)", "Marker back",
               "Previous marker", "Find a moment", footer=False, key_display="M"),
    UserAction("replay.long_next", "f", "long_turn(1)", "Long turn",
               "Next facilitator turn of N minutes or more (2 unless you choose)",
               "Find a moment"),
    UserAction("replay.long_previous", "F", "long_turn(-1)", "Long turn back",
               "Previous facilitator turn of N minutes or more", "Find a moment",
               footer=False, key_display="F"),
    UserAction("replay.long_length", "n", "long_length", "Set N",
               "Choose N, how long a facilitator turn must be to count as long (1-10 minutes)",
               "Find a moment", footer=False),
    UserAction("replay.person", "p", "choose_person", "Person",
               "Choose a person and go to their next turn", "Find a moment", footer=False),
    UserAction("replay.person_next", "w", "person_turn(1)", "Their turn",
               "Next turn of the person chosen (asks who, the first time)", "Find a moment",
               footer=False),
    UserAction("replay.person_previous", "W", "person_turn(-1)", "Their turn back",
               "Previous turn of the person chosen", "Find a moment", footer=False,
               key_display="W"),
    UserAction("replay.phase", "j", "choose_phase", "Phase",
               "Go to a phase (its next start from here)", "Find a moment", footer=False),
    UserAction("replay.time", "g", "go_to_time", "Go to",
               "Go to a time from the session's start (46:34, 1:02:03)", "Find a moment",
               footer=False),
    # What is shown
    UserAction("replay.lanes", "l", "lanes", "Floor",
               "Who held the floor: a lane per speaker over the whole session, the "
               "facilitator's long turns in full blocks (again to go back)", "Views"),
    UserAction("replay.events", "e", "events", "Events",
               "The event list, in words (again to close it); enter goes to the event",
               "Views"),
    UserAction("replay.go_event", "enter", "go_to_event", "Go there",
               "Move the replay to the event highlighted in the list", "Views",
               footer=False, key_display="⏎"),
    UserAction("replay.filter", "slash", "filter_events", "Filter",
               "Filter the event list to one person or one kind of event", "Views",
               footer=False, key_display="/"),
    UserAction("replay.json", "v", "event_json", "JSON",
               "The event highlighted in the list, as it is in the log (JSON)", "Views",
               footer=False),
    # Comments
    UserAction("replay.comment", "c", "comment", "Comment",
               "Add your comment at this moment (kept beside the log, never in it)",
               "Comments"),
    UserAction("replay.comments", "C", "comments", "Edit comment",
               "Edit or delete a comment (the nearest first)", "Comments", footer=False,
               key_display="C"),
    UserAction("replay.help", "question_mark", "help", "Help", "Show every key", "Replay",
               key_display="?"),
    UserAction("replay.quit", "q", "app.quit", "Quit", "Quit the replay (or ctrl+q)",
               "Replay", footer=False),
)

WATCH_OWN_ACTIONS: tuple[UserAction, ...] = (
    UserAction("watch.live", "end", "go_live", "Live",
               "Back to the live moment, and follow the session as it is written (seeking "
               "back pauses following)", "Play and seek", key_display="End"),
)

WATCH_ACTIONS: tuple[UserAction, ...] = (
    REPLAY_ACTIONS[0], *WATCH_OWN_ACTIONS,
    *(action for action in REPLAY_ACTIONS[1:] if action.group != "Comments"),
)
"""`sessiontui watch`: the replay's keys, less comments (watch writes nothing), and
the key back to the live moment."""

CLOCK_ACTIONS: tuple[UserAction, ...] = (
    UserAction("view.clock", "ctrl+l", "large_clock", "Large clock",
               "Show the timer filling the screen (again to go back)", "Any time",
               footer=False, key_display="ctrl+l"),
    UserAction("clock.close", "escape,q", "app.pop_screen", "Back",
               "Leave the large clock", "Large clock", key_display="esc"),
)

APP_ACTIONS: tuple[UserAction, ...] = (
    UserAction("app.quit", "ctrl+q", "quit", "Quit",
               "Quit: end the session, or leave it to resume later", "Any time",
               key_display="^q"),
    UserAction("app.palette", "ctrl+p", "command_palette", "Commands",
               "Find any command by name: every key's action, go to a phase, themes",
               "Any time", footer=False, key_display="^p"),
)

DIALOG_ACTIONS: tuple[UserAction, ...] = (
    UserAction("dialog.cancel", "escape", "cancel", "Cancel",
               "Close a dialog without doing anything (typed text stays as a draft)",
               "Dialogs", footer=False, key_display="esc"),
    UserAction("dialog.save", "ctrl+s", "save", "Save",
               "Save a text of several lines (enter saves a one-line text)", "Dialogs",
               footer=False, key_display="^s"),
)

PLAIN_ACTIONS: tuple[UserAction, ...] = (
    # The plain-text front end (`--plain`): what a screen shows at a glance is said on
    # request instead. Its keys are the live session's, plus these.
    UserAction("app.status", "s", "status", "Status",
               "Plain mode: say the status now: the phase and its time left, who has the "
               "floor, who is waiting, the next step, and whether everything is saved",
               "Plain mode"),
)

ALL_ACTIONS: tuple[UserAction, ...] = (
    *SESSION_ACTIONS, *REPLAY_ACTIONS, *WATCH_OWN_ACTIONS, *CLOCK_ACTIONS, *APP_ACTIONS,
    *DIALOG_ACTIONS, *PLAIN_ACTIONS)


ATTENDANCE_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("p", "present", "Present"),
    ("l", "late", "Late (arrived after the start)"),
    ("s", "stepped-out", "Stepped out"),
    ("b", "back", "Back"),
    ("x", "left", "Left the session"),
    ("a", "absent", "Absent"),
)
"""The attendance choices after a person is picked: (key, status, words), the same in
the full app's dialog and in plain mode."""


def by_id(action_id: str) -> UserAction:
    """The action with this id (KeyError for an unknown id)."""
    return _BY_ID[action_id]


_BY_ID = {action.id: action for action in ALL_ACTIONS}


def keys_markdown(actions: tuple[UserAction, ...]) -> str:
    """The key table as Markdown, for docs/keys.md (a test keeps the two in step)."""
    lines = ["| key | id | what it does |", "|---|---|---|"]
    group = None
    for action in actions:
        if action.group != group:
            group = action.group
            lines.append(f"| | | **{group}** |")
        key = (action.key_display or action.key).replace("|", "\\|")
        lines.append(f"| `{key}` | `{action.id}` | {action.help} |")
    return "\n".join(lines) + "\n"
