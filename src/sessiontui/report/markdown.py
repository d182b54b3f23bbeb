"""The report as Markdown: readable as plain text in a terminal, pasteable into an email.

Tables are padded so their columns line up without rendering. Everything typed by a
person (names, notes, answers, plan text) is escaped, so it shows as typed when the
Markdown is rendered and can never become a link, an image or HTML.
"""

from __future__ import annotations

import re

from sessiontui.report import fmt
from sessiontui.report.model import (
    Breakout,
    PhaseRow,
    SeriesReport,
    SessionReport,
    privacy_of,
)
from sessiontui.report.prompts import threshold_words

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: str | None) -> str:
    """Literal text in Markdown: one line, punctuation that means something escaped."""
    if not text:
        return ""
    flat = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    return _SPECIAL.sub(r"\\\1", flat.replace("\t", " "))


def table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A pipe table with padded columns (cells are already escaped)."""
    right = right or set()
    widths = [max(3, len(h)) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [("-" * (w - 1) + ":") if i in right else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(header), "| " + " | ".join(rule) + " |", *(line(r) for r in rows)])


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _names(names: tuple[str, ...] | list[str]) -> str:
    return esc(fmt.join_names(list(names), limit=50))


def _privacy(report: SessionReport) -> list[str]:
    return [f"> {text}" for _warn, text in fmt.privacy_notices(report)]


def _phase_table(phases: tuple[PhaseRow, ...]) -> str:
    rows = [
        [
            str(row.index + 1),
            esc(_clip(row.title, 32)),
            row.planned_clock,
            row.actual_clock,
            fmt.duration(row.planned_s),
            fmt.duration(row.given_s) if row.given_s is not None else "-",
            fmt.duration(row.actual_s) if row.actual_s is not None else "-",
            fmt.signed(row.over_s),
            fmt.outcome(row),
        ]
        for row in phases
    ]
    return table(
        ["#", "Phase", "Plan start", "Started", "Plan", "Given", "Ran", "Over/under", "Outcome"],
        rows,
        right={0, 4, 5, 6},
    )


def _breakout(b: Breakout) -> list[str]:
    out = [
        f"### {esc(b.title)}",
        "",
        f"{fmt.plural(len(b.rooms), 'room')} ({b.method}), open {fmt.duration(b.actual_s)} "
        f"of {fmt.duration(b.planned_s)} planned"
        + (f", closed by {'the facilitator' if b.closed_by == 'facilitator' else 'time'}"
           if b.closed_by else ", still open when the log ends")
        + (f"; time changed by {fmt.duration(b.adjusted_s)}" if b.adjusted_s else "")
        + ".",
        "",
    ]
    out += [f"- {finding}" for finding in fmt.breakout_findings(b)]
    for room in b.rooms:
        line = f"- Room {room.number}: {_names(room.members) or 'nobody'}"
        if room.report:
            line += f". Report-back: \u201c{esc(room.report)}\u201d"
        out.append(line)
    out.append("")
    return out


def render_session(report: SessionReport, *, level: int = 1) -> str:
    """One session's report."""
    h = "#" * level
    t = report.timing
    about = report.about
    out: list[str] = [
        f"{h} Session report: {esc(report.title)}",
        "",
        f"{t.started_local} · {fmt.status_words(report)} · ran {fmt.duration(t.actual_s)} of "
        f"{fmt.duration(t.planned_s)} planned ({fmt.signed(t.over_s)})",
        "",
        *_privacy(report),
        "",
    ]
    if about.damage:
        out += [
            f"> **Part of this log could not be read:** {esc(about.damage)}. This report "
            f"covers the {about.events} events before it; what came after is missing from "
            f"every figure.",
            "",
        ]

    if about.skipped_lines:
        out += [f"> **{fmt.salvage_words(about.skipped_lines)}**", ""]

    out += [f"{h}# Questions to reflect on", ""]
    if report.prompts:
        out += [f"{i}. {esc(p.text)}" for i, p in enumerate(report.prompts, 1)]
    else:
        out.append("Nothing stood out in the figures; the sections below have the detail.")
    out.append("")

    if about.comments == "included":
        out += [f"{h}# Trainer's comments", ""]
        out += [f"- {c.clock} ({fmt.since_words(c.at_s)}"
                + (f", {esc(c.phase)}" if c.phase else "") + f"): {esc(c.text)}"
                + (" (edited)" if c.edited else "")
                for c in report.comments] or ["No comments in the comments file."]
        out.append("")

    out += [f"{h}# The plan and what happened", "", _phase_table(report.phases), ""]
    reasons = [row for row in report.phases if row.why]
    if reasons:
        out += ["Why times changed:", ""]
        for row in reasons:
            out.append(f"- {esc(row.title)}: " + "; ".join(esc(w) for w in row.why))
        out.append("")
    stopped = fmt.stoppages(t)
    if stopped:
        out += [stopped, ""]
    out += ["Given: the time a phase had after any rebalance and time added or taken off. "
            "Ran: active time, pauses excluded.", ""]

    a = report.attendance
    out += [f"{h}# Attendance", ""]
    out.append(f"- Expected {a.expected}, came {a.attended}"
               + (f" ({a.unmarked} never marked, counted as there)" if a.unmarked else ""))
    for label, names in (("Absent", a.absent), ("Late", a.late), ("Stepped out", a.stepped_out),
                         ("Left early", a.left_early), ("Walk-ins", a.walk_ins)):
        if names:
            out.append(f"- {label}: {_names(names)}")
    out.append("")

    talk = report.talk
    out += [f"{h}# Talk and turns", ""]
    rows = []
    for p in sorted((p for p in report.people if p.attended), key=lambda p: (-p.seconds, p.id)):
        wait = fmt.duration(p.median_wait_s) if p.waits else "-"
        first = fmt.duration(p.first_turn_wait_s) if p.first_turn_wait_s is not None else "-"
        rows.append([esc(p.name + fmt.joined_label(p.joins)), fmt.duration(p.seconds),
                     fmt.percent(p.share), str(p.turns),
                     str(p.passes) if p.passes else "-", wait, first])
    rows.append(["Facilitator (you)", fmt.duration(talk.facilitator_s),
                 fmt.percent(talk.facilitator_share), str(talk.facilitator_turns), "-", "-",
                 "-"])
    out += [table(["Person", "Talk time", "Share", "Turns", "Passes", "Median wait",
                   "First turn after"], rows, right={1, 2, 3, 4, 5, 6}), ""]
    if about.people_left_out:
        out.append("- Per-person figures are left out of this copy (--no-people).")
    out.append(f"- Your share of the talk time: {fmt.percent(talk.facilitator_share)} "
               f"({fmt.duration(talk.facilitator_s)} of {fmt.duration(talk.total_s)})")
    out.append(f"- Balance of members' speaking time (Gini; 0 is even, towards 1 one voice "
               f"dominates): {fmt.ratio(talk.gini)}")
    out.append(f"- {fmt.turn_taking_words(talk)}")
    bridging = fmt.bridging_words(talk)
    if bridging:
        out.append(f"- {bridging}")
    out += [f"- {finding}" for finding in fmt.talk_findings(talk, esc)]
    out.append("")

    phase_talk = [row for row in report.phases if row.talk_s > 0]
    if len(phase_talk) > 1:
        out += ["Per phase:", "", table(
            ["Phase", "Talk time", "Your share", "Gini"],
            [[esc(r.title), fmt.duration(r.talk_s), fmt.percent(r.facilitator_share),
              fmt.ratio(r.gini)] for r in phase_talk],
            right={1, 2, 3},
        ), ""]
    out += [esc(threshold_words()), ""]

    if report.rounds:
        out += [f"{h}# Rounds", ""]
        for rnd in report.rounds:
            out.append(f"{h}## {esc(rnd.title)}")
            out.append("")
            if rnd.prompt:
                out += [f"Prompt: \u201c{esc(rnd.prompt)}\u201d", ""]
            out.append(f"- Had their go: {_names(rnd.spoke) or 'nobody'}")
            if rnd.passed:
                out.append(f"- Passed: {_names(rnd.passed)}")
            if rnd.skipped:
                out.append(f"- Skipped (away): {_names(rnd.skipped)}")
            if not rnd.completed:
                out.append(f"- {fmt.unfinished_words(rnd, report)}")
            for answer in rnd.answers:
                out.append(f"- {esc(answer.name)}: \u201c{esc(answer.text)}\u201d")
            out.append("")

    rules = report.rules
    if rules.rules and (rules.phase_ran or rules.reminders):
        out += [f"{h}# Ground rules", ""]
        for rule in rules.rules:
            mark = "x" if rule.covered else " "
            added = " (added by the group)" if rule.added else ""
            out.append(f"- [{mark}] {esc(rule.text)}{added}")
        out += ["", f"{rules.covered} of {len(rules.rules)} marked as read out"
                + (f"; shown again {fmt.times(rules.reminders)} mid-session"
                   if rules.reminders else "") + ".", ""]

    if report.breakouts:
        out += [f"{h}# Breakouts", ""]
        for b in report.breakouts:
            out += _breakout(b)

    if report.quizzes:
        out += [f"{h}# Quiz", ""]
        for quiz in report.quizzes:
            out += [f"{h}## {esc(quiz.title)}", ""]
            for q in quiz.questions:
                state = "answer shown" if q.revealed else ("shown" if q.shown else "not shown")
                out.append(f"{q.index + 1}. {esc(q.question)} (answer: {esc(q.answer)}; {state})")
            out.append("")
        if report.scores:
            out += ["Points:", ""]
            out += [f"- {esc(n)}: {fmt.points(p)}" for n, p in report.scores]
            out.append("")

    for guest in report.guests:
        out += [f"{h}# {esc(guest.title)}", "",
                f"Guest: {esc(guest.speaker) or 'not named'}; questions "
                + ("were taken." if guest.questions_started else "did not start."), ""]

    out += [f"{h}# Close", ""]
    out += [f"{h}## Takeaways", ""]
    out += [f"- {esc(i.text)}" + (f" ({esc(i.who)})" if i.who else "")
            for i in report.takeaways] or [esc(fmt.no_takeaways(report))]
    out.append("")
    avg = f" (average {report.average_score:.1f} out of 5)" if report.average_score else ""
    out += [f"{h}## Feedback on the platform{avg}", ""]
    out += [
        f"- {esc(f.who or 'The group')}: "
        + (f"{f.score}/5" if f.score is not None else "no score")
        + (f", \u201c{esc(f.comment)}\u201d" if f.comment else "")
        for f in report.feedback
    ] or ["None recorded."]
    out.append("")
    out += [f"{h}## Parking lot", ""]
    out += [f"- {esc(i.text)} ({esc(i.phase) or 'between phases'}, {i.clock})"
            for i in report.parked] or ["Nothing parked."]
    out.append("")
    out += [f"{h}## Follow-ups", ""]
    out += _safeguarding_lines(report)
    out += [
        f"- {esc(f.who)} ({f.clock})" + (f": {esc(f.text)}" if f.text else "")
        for f in report.follow_ups
    ] or ["None flagged."]
    if report.follow_ups and report.about.notes == "shared":
        out += ["", "Their private notes are left out."]
    out.append("")

    out += [f"{h}# Markers and notes", "", f"{h}## Markers", ""]
    out += [f"- {i.clock} {esc(i.text)} ({esc(i.phase) or 'between phases'})"
            for i in report.markers] or ["No markers."]
    out += ["", f"{h}## Notes", ""]
    out += [
        f"- {n.clock} {esc(n.text)}" + (" (private)" if n.private else "")
        + (" (corrected)" if n.amended else "")
        for n in report.notes
    ] or ["No notes" + (" shared." if about.notes == "shared" else ".")]
    out.append("")

    out += [f"{h}# About this report", ""]
    out.append(f"- Log: {esc(about.file)}, {about.events} events, {about.status}; written by "
               f"sessiontui {esc(about.app_version)}"
               + ("; a trainer export" if about.exported else ""))
    if about.damage:
        out.append(f"- Damage: {esc(about.damage)} ({about.lost_bytes} bytes not read)")
    if about.unknown_events:
        out.append(f"- {fmt.plural(about.unknown_events, 'event')} from a newer sessiontui "
                   f"{fmt.was(about.unknown_events)} skipped")
    if about.bad_events:
        out.append(f"- {fmt.plural(about.bad_events, 'event')} could not be used "
                   f"(damaged or hand-edited) and {fmt.was(about.bad_events)} skipped")
    for warning in about.warnings:
        out.append(f"- Warning: {esc(warning)}")
    out.append("- Talk time counts the turns the facilitator logged, not audio. Gini and "
               "turn-taking are prompts for reflection, not scores.")
    out.append("")
    return "\n".join(out)


def render_series(series: SeriesReport) -> str:
    """Several sessions of one group: trends first, then each session."""
    out = [
        f"# Series report: {esc(series.title)}",
        "",
        f"{fmt.plural(len(series.rows), 'session')}, oldest first.",
        "",
    ]
    standing = privacy_of(series)
    if standing is not None:
        out += _privacy(standing)
        out.append("")
    for note in series.notes:
        out += [f"> {esc(note)}", ""]
    out += ["## Questions to reflect on", ""]
    out += [f"{i}. {esc(p.text)}" for i, p in enumerate(series.prompts, 1)] or [
        "No trend stood out; the sessions below have the detail."]
    out.append("")
    out += ["## The series as a whole", ""]
    for plan, title in enumerate(series.plans):
        if len(series.plans) > 1:
            out += [f"### {esc(title)}", ""]
        out += [f"- {esc(t.text)}" for t in series.trends if t.plan == plan]
        out.append("")
    out += ["## Sessions", ""]
    for plan, title in enumerate(series.plans):
        if len(series.plans) > 1:
            out += [f"### {esc(title)}", ""]
        rows = [
            [
                str(i), f"{r.date} {r.time}", str(r.expected), str(r.attended), str(r.spoke),
                str(r.passed), fmt.percent(r.facilitator_share), fmt.ratio(r.gini),
                fmt.ratio(r.turn_taking), fmt.duration(r.median_wait_s), fmt.signed(r.over_s),
                r.status + (" (part)" if r.damaged else ""), esc(r.file),
            ]
            for i, r in enumerate(series.rows, 1) if r.plan == plan
        ]
        out += [table(
            ["#", "Date", "Expected", "Came", "Spoke", "Passed", "Your share", "Gini",
             "Turn-taking", "Median wait", "Timing", "State", "Log"],
            rows, right={0, 2, 3, 4, 5, 6, 7, 8, 9},
        ), ""]
    if any(r.about.comments == "included" for r in series.sessions):
        out += ["## Trainer's comments", ""]
        for i, r in enumerate(series.sessions, 1):
            out.append(f"Session {i} ({r.timing.date}, {esc(r.about.file)}):")
            out.append("")
            out += [f"- {c.clock} ({fmt.since_words(c.at_s)}"
                    + (f", {esc(c.phase)}" if c.phase else "") + f"): {esc(c.text)}"
                    for c in r.comments] or ["- No comments."]
            out.append("")
    out += ["## People across the sessions", ""]
    header = ["Person", *[str(i) for i in range(1, len(series.rows) + 1)], "Came", "Spoke in",
              "Talk time"]
    people_rows = []
    for person in series.people:
        cells = [fmt.series_cell(cell) for cell in person.sessions]
        people_rows.append([esc(person.name), *cells, str(person.attended), str(person.spoke),
                            fmt.duration(person.total_s)])
    out += [table(header, people_rows, right=set(range(1, len(header)))), ""]
    out += ["Each session column: talk time, or \u201cpassed\u201d / \u201clistened\u201d "
            "when someone came and did not take a turn (both are ways of taking part); "
            "blank when they were not on that session's roster.", ""]
    for i, report in enumerate(series.sessions, 1):
        out += ["---", "", f"# Session {i} of {len(series.sessions)}", ""]
        out.append(render_session(report, level=2))
    return "\n".join(out)


def _safeguarding_lines(report: SessionReport) -> list[str]:
    """Safeguarding follow-ups first, with the lead's contact (only in the facilitator's
    own report: --include-notes)."""
    if not report.safeguarding:
        return []
    out = ["Safeguarding (private), first:"]
    if report.safeguarding_lead:
        out[0] += f" safeguarding lead {esc(report.safeguarding_lead)}"
    out.append("")
    for item in report.safeguarding:
        out.append(f"- {esc(item.who or 'No one chosen')} ({item.clock})"
                   + fmt.safeguarded_tail(item, esc))
    out.append("")
    return out
