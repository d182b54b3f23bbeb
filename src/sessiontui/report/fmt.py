"""How figures read in a report: lengths of time, shares, clock times in the session's zone.

One set of spellings for Markdown and HTML, so the two say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sessiontui.plan.durations import early_late as offset
from sessiontui.plan.durations import format_span as duration
from sessiontui.plan.durations import over_under as signed

__all__ = ["duration", "offset", "signed"]

OUTCOMES = {
    "completed": "on time",
    "moved-on-early": "moved on early",
    "ran-over": "ran over",
    "skipped": "skipped",
}


def percent(fraction: float | None) -> str:
    if fraction is None:
        return "-"
    return f"{fraction * 100:.0f}%"


def ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}"


def zone(name: str | None) -> tzinfo:
    """The session's time zone from the log header, UTC if it is unknown."""
    if not name:
        return UTC
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ValueError, KeyError, OSError, ImportError):
        pass
    try:
        from dateutil import tz

        found = tz.gettz(name)
    except (ValueError, OSError):
        found = None
    return found or UTC


def parse_wall(ts: str | None) -> datetime | None:
    """A log's `ts` (UTC, ms, Z) as an aware datetime, or None."""
    if not ts:
        return None
    try:
        return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def clock(origin: datetime | None, seconds: float | None, where: tzinfo) -> str:
    """The wall-clock time `seconds` after `origin`, as HH:MM in the session's zone."""
    if origin is None or seconds is None:
        return "-"
    return (origin + timedelta(seconds=seconds)).astimezone(where).strftime("%H:%M")


def long_date(moment: datetime | None, where: tzinfo) -> str:
    """Tue 24 Nov 2026, 19:30 GMT."""
    if moment is None:
        return "date unknown"
    local = moment.astimezone(where)
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname() or ''}".rstrip()


def short_date(moment: datetime | None, where: tzinfo) -> str:
    """2026-11-24."""
    if moment is None:
        return "-"
    return f"{moment.astimezone(where):%Y-%m-%d}"


def short_time(moment: datetime | None, where: tzinfo) -> str:
    """19:30, in the session's zone."""
    if moment is None:
        return "-"
    return f"{moment.astimezone(where):%H:%M}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def was(count: int) -> str:
    return "was" if count == 1 else "were"


def times(count: int) -> str:
    """once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def join_names(names: tuple[str, ...] | list[str], limit: int = 8) -> str:
    """A, B and C; long lists end with "and N others" (never "1 others": one more name
    takes no more room than the count)."""
    names = list(names)
    if not names:
        return ""
    if len(names) > limit + 1:
        shown = names[:limit]
        return ", ".join(shown) + f" and {len(names) - limit} others"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def outcome(row: Any) -> str:
    """How a phase ended, in words (a PhaseRow)."""
    if row.status == "not-reached":
        words = "not reached"
    elif row.status == "running":
        words = "running when the log ends"
    else:
        words = OUTCOMES.get(row.outcome or "", row.outcome or row.status)
    if row.runs > 1:
        words += f" ({row.runs} runs)"
    return words


def talk_findings(talk: Any, escape: Callable[[str], str]) -> list[str]:
    """Waits for a turn, who did not take one and who passed, as sentences; `escape`
    is the output's rule for text (names, durations) put into them."""
    found = []
    if talk.waits:
        who = f" ({escape(talk.longest_wait_who)})" if talk.longest_wait_who else ""
        found.append(
            f"Waits from raised hand to turn: {talk.waits}, median "
            f"{escape(duration(talk.median_wait_s))}, longest "
            f"{escape(duration(talk.longest_wait_s))}{who}")
    if talk.not_spoken:
        found.append(
            f"Did not take a turn: {escape(join_names(list(talk.not_spoken), limit=50))}. "
            "Peer support has a right to pass, and listening is taking part.")
    if talk.passed:
        found.append(
            f"Passed in a round: {escape(join_names(list(talk.passed), limit=50))}")
    if talk.hands_up:
        found.append(
            f"Hands still up at the end, never given the floor: "
            f"{escape(join_names(list(talk.hands_up), limit=50))}")
    joined = joined_words(getattr(talk, "joined", ()))
    if joined:
        found.append(escape(joined))
    return found


JOINED_WAYS = {"phone": "by phone", "chat": "by chat only"}


def joined_label(joins: str | None) -> str:
    """" (phone)", " (chat only)" after a name in a people table; "" for video."""
    return {"phone": " (phone)", "chat": " (chat only)"}.get(joins or "", "")


def joined_words(joined: Any) -> str:
    """"Joined by phone: 2, both spoke; by chat only: 1, did not get the floor": did
    the people who cannot raise a hand on video get the floor? "" when nobody joined
    that way (or there is no roster to say)."""
    parts = []
    for row in joined:
        way = JOINED_WAYS.get(row.joins, f"by {row.joins}")
        parts.append(f"{way}: {row.expected}, {_floor_words(row)}")
    if not parts:
        return ""
    return "Joined " + "; ".join(parts)


def _floor_words(row: Any) -> str:
    """"both spoke", "2 came, 1 of them spoke", "did not get the floor"."""
    if row.attended == 0:
        return "did not come" if row.expected == 1 else "none came"
    came = "" if row.attended == row.expected else f"{row.attended} came, "
    if row.spoke == 0:
        return came + ("did not get the floor" if row.attended == 1 else "none got the floor")
    if row.spoke == row.attended:
        if row.spoke == 1:
            return "1 came and spoke" if came else "spoke"
        return came + ("both spoke" if row.spoke == 2 else "all spoke")
    return f"{came}{row.spoke} of {'them' if came else row.attended} spoke"


def series_cell(cell: Any) -> str:
    """One person in one session of a series: how long they spoke, or what they did
    instead (listening is taking part, and says so)."""
    if cell is None:
        return ""
    if not cell.attended:
        return "absent"
    if cell.turns:
        return duration(cell.seconds)
    return "passed" if cell.passes else "listened"


def help_answered_words(requests: int, unanswered: int) -> str:
    """How many help requests the log shows as answered. Only a `breakout.help_answered`
    event says a request was answered; without one the report cannot tell, so it says
    "not marked answered" rather than "answered" or "not answered"."""
    if not unanswered:
        return "all answered"
    if unanswered >= requests:
        return "not marked answered" if requests == 1 else "none marked answered"
    return f"{requests - unanswered} answered, {unanswered} not marked answered"


def rooms_words(breakout: Any) -> str:
    """The rooms that asked for help: "room 2", "rooms 2 and 4"."""
    numbers = [str(r.number) for r in breakout.rooms if r.help_requests]
    word = "room" if len(numbers) == 1 else "rooms"
    return f"{word} {join_names(numbers, limit=50)}"


def points(count: int) -> str:
    return plural(count, "point")


END_WORDS = {"completed": "completed", "ended-early": "ended early",
             "interrupted": "interrupted"}


def ended_words(reason: str | None) -> str | None:
    """How the facilitator ended the session, in words ("ended early")."""
    if not reason:
        return None
    return END_WORDS.get(reason, reason.replace("-", " "))


def breakout_findings(breakout: Any) -> list[str]:
    """Warnings, help requests and repeated pairs of one breakout, as plain sentences
    (they hold no names, only figures)."""
    found = []
    if breakout.warnings:
        found.append("Warnings broadcast at: "
                     + ", ".join(f"{duration(w)} left" for w in breakout.warnings))
    if breakout.help_requests:
        found.append(f"Help requests: {breakout.help_requests} ({rooms_words(breakout)}); "
                     f"{help_answered_words(breakout.help_requests, breakout.help_unanswered)}")
    else:
        found.append("No room asked for help")
    if breakout.repeated_pairs:
        found.append(f"{plural(breakout.repeated_pairs, 'pair')} had been together in an "
                     "earlier breakout")
    return found


def status_words(report: Any) -> str:
    """How the session ended, in a few words: "completed", "ended early, rehearsal",
    "interrupted" (the app closed without ending it), "damaged"."""
    about = report.about
    words = about.status
    if about.status == "finished" and about.end_reason in END_WORDS:
        words = END_WORDS[about.end_reason]
    elif about.end_reason and about.status != "damaged":
        words += f" ({ended_words(about.end_reason)})"
    if about.rehearsal:
        words += ", rehearsal"
    return words


def privacy_notices(report: Any) -> list[tuple[bool, str]]:
    """What a reader must know before passing the report on: (a warning?, the text)."""
    about = report.about
    notices = []
    if about.names == "anonymized":
        if about.names_scrubbed:
            count = getattr(about, "replacements", 0)
            notices.append((False, "Anonymized: people appear as labels (\u201cParticipant "
                                   "N\u201d, not in the roster's order), and roster names "
                                   "typed into notes, answers and other text have been "
                                   f"replaced ({plural(count, 'replacement')}; a common word "
                                   "that is also a name is replaced too, so check the "
                                   "text)."))
        else:
            notices.append((True, "Anonymized: people appear as labels. No roster file was "
                                  "found beside the log, so names typed into free text could "
                                  "not be looked for: read it before sharing."))
        if not getattr(about, "people_left_out", False):
            notices.append((False, "In a small group, people can still be recognised from "
                                   "patterns (who passed, who spoke most): --no-people "
                                   "leaves out the per-person table for a copy that goes "
                                   "beyond the trainer."))
    elif about.names == "roster":
        notices.append((True, "This report contains names from the roster file. Keep it "
                              "private; use --anonymize for a copy to share."))
    else:
        notices.append((False, "No roster file was found beside the log: people appear as "
                               "pseudonyms."))
    if getattr(about, "people_left_out", False):
        notices.append((False, "The per-person table and quiz points are left out "
                               "(--no-people)."))
    left_out = getattr(report, "left_out", None) or {}
    if about.notes == "shared" and (left_out or report.notes_left_out):
        if not left_out:
            left_out = {"note": report.notes_left_out}
        items = join_names([plural(n, what) for what, n in left_out.items()])
        notices.append((False, f"Private text is left out ({items}); --include-notes "
                               "puts it in."))
    elif about.notes == "all":
        notices.append((True, "Private text is included (notes, follow-up notes, pause "
                              "reasons, safeguarding records): this report is for the "
                              "facilitator and their trainer only."))
    if getattr(about, "comments", "") == "included":
        notices.append((True, "The trainer's replay comments are included "
                              "(--include-comments): they are private, for the trainer "
                              "and the facilitator."))
    return notices


def stoppages(timing: Any) -> str | None:
    """Pauses and time the app was down, as one sentence, or None when there were none."""
    parts = []
    if timing.pauses:
        parts.append(f"The session was paused {times(timing.pauses)} "
                     f"({duration(timing.paused_s)} in all).")
    if timing.interruptions:
        down = (f"down {duration(timing.down_s)} in all" if timing.down_s >= 1
                else "reopened at once")
        parts.append(f"The app was closed or stopped {times(timing.interruptions)} "
                     f"({down}; the call went on).")
    return " ".join(parts) if parts else None


def since_words(at_s: float | None) -> str:
    """How far into the session a moment was: "12m in", "at the start"."""
    if at_s is None:
        return "before the start"
    if at_s < 1:
        return "at the start"
    return f"{duration(at_s)} in"


def turn_taking_words(talk: Any) -> str:
    """The turn-taking index with the counts behind it."""
    if talk.chats < 2:
        return (f"Turn-taking index: {ratio(talk.turn_taking)} "
                f"({plural(talk.chats, 'turn')}: too few to say)")
    return (f"Turn-taking index (turns where the speaker changed, over turns \u2212 1; 1: "
            f"the floor changed hands every turn): {ratio(talk.turn_taking)}; the speaker "
            f"changed in {talk.speaker_changes} of the {talk.chats - 1} turns after the "
            f"first ({plural(talk.chats, 'turn')} in all)")


def bridging_words(talk: Any) -> str | None:
    """How often the facilitator spoke between two members' turns."""
    if not talk.handovers:
        return None
    return (f"You spoke between two members' turns in {talk.bridged} of "
            f"{plural(talk.handovers, 'handover')} from one member to the next "
            f"({percent(talk.bridged / talk.handovers)})")


def unfinished_words(rnd: Any, report: Any) -> str:
    """An unfinished round, and who had not had their go when it stopped. Only the
    round the session ended in was cut short by the end; one left earlier was moved
    on from."""
    last = report.rounds[-1] if report.rounds else None
    ended_early = report.about.end_reason == "ended-early" and rnd is last
    head = ("The session ended early, before the round finished" if ended_early
            else "The round did not finish")
    if rnd.waiting:
        return f"{head}: not yet had their go: {join_names(list(rnd.waiting), limit=50)}"
    return head


def no_takeaways(report: Any) -> str:
    """What to say when no takeaway was written down: not "None recorded." above a
    close round full of answers."""
    answered = [rnd for rnd in report.rounds if rnd.answers]
    if answered:
        titles = join_names([f"\u201c{rnd.title}\u201d" for rnd in answered])
        return (f"No separate takeaways were written down; the answers given in the "
                f"round {titles} are under Rounds.")
    return "None recorded."


def salvage_words(skipped: Any) -> str:
    """`--salvage`: which damaged lines were passed over, and what that means."""
    count = len(skipped)
    when = join_names([s.clock for s in skipped], limit=10)
    return (f"{plural(count, 'damaged line')} skipped at {when}; events in the "
            f"{'gap' if count == 1 else 'gaps'} may be missing, and the figures after "
            f"{'it' if count == 1 else 'them'} may be off.")


def safeguarded_tail(item: Any, esc: Callable[[str], str]) -> str:
    """After who and when: how the panel was opened and the plan's steps done and left,
    escaped for the format ("; done: Acknowledge; still to do: Tell the lead")."""
    tail = ", after a long time stepped out" if item.offered else ""
    if item.done:
        tail += "; done: " + "; ".join(esc(step) for step in item.done)
    if item.left:
        tail += "; still to do: " + "; ".join(esc(step) for step in item.left)
    return tail
