"""`sessiontui watch`: the replay screen kept at the live end of a session being run.

For a co-facilitator: the same widgets as the facilitator's screen, read-only, moving
on as each event is saved and counting the time between them. Every replay key works
(seeking back pauses following; End goes live again), except the trainer's comments:
watch writes nothing.
"""

from __future__ import annotations

from sessiontui.actions import WATCH_ACTIONS, WATCH_OWN_ACTIONS
from sessiontui.journal.reader import LogContents
from sessiontui.ui.keys import binding
from sessiontui.ui.screens.replay import ReplayScreen
from sessiontui.watch import POLL_EVERY, WatchSession

NOT_HERE = frozenset({"comment", "comments"})
"""The replay's keys that write (beside the log): not in a watch."""


class WatchScreen(ReplayScreen):
    """The replay screen, following its log."""

    # priority: the focused panel's scroll would take End for itself
    BINDINGS = [binding(action, priority=True) for action in WATCH_OWN_ACTIONS]
    ACTIONS = WATCH_ACTIONS
    HELP_TITLE = "Watch keys (read-only: nothing is written)"

    def __init__(self, watch: WatchSession) -> None:
        super().__init__(watch)
        self.watch: WatchSession = watch
        self._polled = float("-inf")
        self._damage_said = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NOT_HERE:
            return False
        return super().check_action(action, parameters)

    def _use(self, contents: LogContents) -> None:
        super()._use(contents)
        self.transport.said = None
        self.poll()

    def _build_keyframes(self) -> None:
        """Keyframes as the replay builds them; the caches that the replay fills on a
        thread are left to fill on first use, since events keep arriving here."""
        if self.replay.timeline.build(1500):
            self._builder.stop()

    def frame(self) -> None:
        """Play on (if playing), and look at the log every POLL_EVERY seconds."""
        super().frame()
        now = self.app.clock.monotonic()  # type: ignore[attr-defined]
        if now - self._polled >= POLL_EVERY:
            self.poll()

    def poll(self) -> None:
        """What was written since the last look, and the live moment now."""
        self._polled = self.app.clock.monotonic()  # type: ignore[attr-defined]
        if not self.watch.ready:
            return
        if self.watch.poll(self.app.clock.wall()):  # type: ignore[attr-defined]
            if self._lanes is not None:
                self._lanes.forget()
            self.refresh_view()
        follower = self.watch.follower
        if follower is not None and follower.damage is not None and not self._damage_said:
            self._damage_said = True
            note = self.watch.damage_note
            if note:
                self._banner(note)

    def action_go_live(self) -> None:
        self.watch.go_live()
        self._moved("Live: following the session as it is written")

    def action_play(self) -> None:
        if self.watch.following:
            self._moved("Already at the live moment: it moves on as the session does")
            return
        super().action_play()

    def action_comment(self) -> None:  # never reached: check_action keeps it off
        return

    def action_comments(self) -> None:
        return
