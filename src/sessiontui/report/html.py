"""The report as one self-contained HTML file: inline CSS, inline SVG, nothing else.

No script, no external stylesheet, font or image, and a Content-Security-Policy that
forbids loading anything, so opening the file never touches the network (and a
hostile string in a log could not load anything either). Every piece of text is
HTML-escaped. It reads the same printed, and without colour.
"""

from __future__ import annotations

from html import escape

from sessiontui.report import fmt
from sessiontui.report.model import Breakout, Safeguarded, SeriesReport, SessionReport, privacy_of
from sessiontui.report.prompts import threshold_words
from sessiontui.report.svg import phase_timeline, talk_bars, trend_chart

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #111827; background: #f9fafb; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
p.meta { color: #374151; margin: 0 0 12px; }
.notice { border-left: 4px solid #6b7280; background: #f3f4f6; padding: 8px 12px;
  margin: 8px 0; }
.notice.warn { border-left-color: #b45309; background: #fffbeb; }
.notice.damage { border-left-color: #b91c1c; background: #fef2f2; }
ol.prompts li { margin: 6px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 5px 8px; text-align: left;
  vertical-align: top; white-space: nowrap; }
td.wrap, th.wrap { white-space: normal; }
th { background: #f3f4f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.you td { font-weight: 600; background: #f5f3ff; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  gap: 10px; margin: 10px 0; }
.figure { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; }
.figure b { display: block; font-size: 1.3rem; }
.figure span { color: #374151; font-size: 13px; }
.chart { width: 100%; max-width: 760px; height: auto; display: block; margin: 8px 0; }
.chart-box { overflow-x: auto; max-width: 100%; }
@media (max-width: 560px) { .chart { min-width: 520px; } }
.text { white-space: pre-wrap; }
ul.rules { list-style: none; padding-left: 0; }
ul.rules li::before { content: attr(data-mark) " "; font-family: monospace; }
.small { font-size: 13px; color: #374151; }
hr { border: 0; border-top: 3px double #d1d5db; margin: 40px 0; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll table { margin: 0; }
.comment { border-left: 4px solid #7c3aed; background: #f5f3ff; padding: 6px 10px;
  margin: 6px 0; list-style: none; }
ul.comments { padding-left: 0; }
@media (max-width: 600px) { main { padding: 12px 10px 32px; } body { font-size: 14px; }
  .figures { grid-template-columns: 1fr 1fr; } }
@media print { body { background: #fff; } main { padding: 0; } h2 { break-after: avoid; } }
"""


def e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return escape("" if text is None else str(text), quote=True)


def _names(names: tuple[str, ...] | list[str]) -> str:
    return e(fmt.join_names(list(names), limit=50))


def _table(header: list[str], rows: list[list[str]], numeric: set[int] | None = None,
           classes: list[str] | None = None, caption: str | None = None,
           wrap: set[int] | None = None) -> str:
    """Cells are already HTML. Columns in `wrap` (text) may wrap; the others never do."""
    numeric = numeric or set()
    wrap = wrap or set()

    def col(i: int) -> str:
        if i in numeric:
            return ' class="num"'
        return ' class="wrap"' if i in wrap else ""

    head = "".join(f'<th scope="col"{col(i)}>{h}</th>' for i, h in enumerate(header))
    body = []
    for r, row in enumerate(rows):
        cls = f' class="{classes[r]}"' if classes and classes[r] else ""
        cells = "".join(f"<td{col(i)}>{cell}</td>" for i, cell in enumerate(row))
        body.append(f"<tr{cls}>{cells}</tr>")
    cap = f"<caption class=\"small\">{caption}</caption>" if caption else ""
    return (f'<div class="scroll"><table>{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _privacy(report: SessionReport) -> str:
    return "".join(f'<p class="notice {"warn" if warn else ""}">{e(text)}</p>'
                   for warn, text in fmt.privacy_notices(report))


def _chart(svg: str) -> str:
    """A chart in a box of its own: at phone width it keeps a readable size and
    scrolls inside the box; the page never scrolls sideways."""
    return f'<div class="chart-box">{svg}</div>'


def _figure(value: str, label: str) -> str:
    return f'<div class="figure"><b>{e(value)}</b><span>{e(label)}</span></div>'


def _breakout(b: Breakout) -> str:
    closed = (f", closed by {'the facilitator' if b.closed_by == 'facilitator' else 'time'}"
              if b.closed_by else ", still open when the log ends")
    out = [
        f"<h3>{e(b.title)}</h3>",
        f"<p>{e(fmt.plural(len(b.rooms), 'room'))} ({e(b.method)}), open "
        f"{e(fmt.duration(b.actual_s))} of {e(fmt.duration(b.planned_s))} planned{e(closed)}"
        + (f"; time changed by {e(fmt.duration(b.adjusted_s))}" if b.adjusted_s else "")
        + ".</p><ul>",
    ]
    out += [f"<li>{e(finding)}</li>" for finding in fmt.breakout_findings(b)]
    out.append("</ul>")
    rows = [
        [str(room.number), _names(room.members) or "nobody",
         str(room.help_requests) if room.help_requests else "-",
         f'<span class="text">{e(room.report)}</span>' if room.report else "-"]
        for room in b.rooms
    ]
    out.append(_table(["Room", "Who", "Help requests", "Report-back"], rows, numeric={0, 2},
                      wrap={1, 3}))
    return "".join(out)


def _safeguarded(item: Safeguarded) -> str:
    return (f"{e(item.who or 'No one chosen')} <span class=\"small\">({e(item.clock)})</span>"
            + fmt.safeguarded_tail(item, e))


def _items(items: list[str], empty: str) -> str:
    if not items:
        return f"<p class=\"small\">{e(empty)}</p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def session_body(report: SessionReport, *, series_index: str = "") -> str:
    """The report's <section>: headings, figures, charts and tables."""
    t = report.timing
    about = report.about
    talk = report.talk
    suffix = f"-{series_index}" if series_index else ""
    out = [
        f'<section aria-label="Session report{e(" " + series_index if series_index else "")}">',
        f"<h1>Session report: {e(report.title)}</h1>",
        f'<p class="meta">{e(t.started_local)} · {e(fmt.status_words(report))} · ran '
        f"{e(fmt.duration(t.actual_s))} of {e(fmt.duration(t.planned_s))} planned "
        f"({e(fmt.signed(t.over_s))})</p>",
        _privacy(report),
    ]
    if about.damage:
        out.append(
            f'<p class="notice damage"><strong>Part of this log could not be read:</strong> '
            f"{e(about.damage)}. This report covers the {about.events} events before it; what "
            f"came after is missing from every figure.</p>"
        )

    if about.skipped_lines:
        out.append(f'<p class="notice damage"><strong>'
                   f"{e(fmt.salvage_words(about.skipped_lines))}</strong></p>")

    out.append("<h2>Questions to reflect on</h2>")
    if report.prompts:
        out.append('<ol class="prompts">'
                   + "".join(f"<li>{e(p.text)}</li>" for p in report.prompts) + "</ol>")
    else:
        out.append("<p>Nothing stood out in the figures; the sections below have the detail.</p>")

    if about.comments == "included":
        out.append("<h2>Trainer's comments</h2>")
        if report.comments:
            out.append('<ul class="comments">' + "".join(
                f'<li class="comment"><strong>{e(c.clock)}</strong> '
                f'<span class="small">({e(fmt.since_words(c.at_s))}'
                + (f", {e(c.phase)}" if c.phase else "") + ")</span> "
                f'<span class="text">{e(c.text)}</span>'
                + (' <span class="small">(edited)</span>' if c.edited else "") + "</li>"
                for c in report.comments) + "</ul>")
        else:
            out.append('<p class="small">No comments in the comments file.</p>')

    out.append("<h2>The plan and what happened</h2>")
    out.append(_chart(phase_timeline(report.phases, chart_id=f"timeline{suffix}",
                                     gaps=[s.after_s for s in about.skipped_lines
                                           if s.after_s is not None],
                                     comments=[c.at_s for c in report.comments
                                               if c.at_s is not None])))
    rows = [
        [
            str(row.index + 1), e(row.title), e(row.planned_clock), e(row.actual_clock),
            e(fmt.duration(row.planned_s)),
            e(fmt.duration(row.given_s)) if row.given_s is not None else "-",
            e(fmt.duration(row.actual_s)) if row.actual_s is not None else "-",
            e(fmt.signed(row.over_s)), e(fmt.outcome(row)),
        ]
        for row in report.phases
    ]
    out.append(_table(
        ["#", "Phase", "Planned start", "Started", "Planned", "Given", "Ran", "Over/under",
         "Outcome"],
        rows, numeric={0, 4, 5, 6}, wrap={1},
        caption="Given: the time a phase had after any rebalance and time added or taken off. "
                "Ran: active time, pauses excluded.",
    ))
    reasons = [row for row in report.phases if row.why]
    if reasons:
        out.append("<h3>Why times changed</h3><ul>")
        out += [f"<li><strong>{e(row.title)}</strong>: " + "; ".join(e(w) for w in row.why)
                + "</li>" for row in reasons]
        out.append("</ul>")
    stopped = fmt.stoppages(t)
    if stopped:
        out.append(f"<p>{e(stopped)}</p>")

    a = report.attendance
    out.append("<h2>Attendance</h2><ul>")
    out.append(f"<li>Expected {a.expected}, came {a.attended}"
               + (f" ({a.unmarked} never marked, counted as there)" if a.unmarked else "")
               + "</li>")
    for label, names in (("Absent", a.absent), ("Late", a.late), ("Stepped out", a.stepped_out),
                         ("Left early", a.left_early), ("Walk-ins", a.walk_ins)):
        if names:
            out.append(f"<li>{label}: {_names(names)}</li>")
    out.append("</ul>")

    out.append("<h2>Talk and turns</h2>")
    out.append('<div class="figures">'
               + _figure(fmt.percent(talk.facilitator_share), "your share of the talk time")
               + _figure(fmt.ratio(talk.gini), "Gini of members' speaking time (0 is even)")
               + _figure(fmt.ratio(talk.turn_taking),
                         "turn-taking index (1: the floor changed hands every turn)")
               + _figure(fmt.duration(talk.median_wait_s) if talk.waits else "-",
                         "median wait from raised hand to turn")
               + "</div>")
    out.append(_chart(talk_bars(report.people, talk, chart_id=f"talk{suffix}")))
    people = sorted((p for p in report.people if p.attended), key=lambda p: (-p.seconds, p.id))
    rows = [
        [e(p.name + fmt.joined_label(p.joins)), e(fmt.duration(p.seconds)),
         e(fmt.percent(p.share)), str(p.turns),
         str(p.passes) if p.passes else "-",
         e(fmt.duration(p.median_wait_s)) if p.waits else "-",
         e(fmt.duration(p.first_turn_wait_s)) if p.first_turn_wait_s is not None else "-"]
        for p in people
    ]
    rows.append(["Facilitator (you)", e(fmt.duration(talk.facilitator_s)),
                 e(fmt.percent(talk.facilitator_share)), str(talk.facilitator_turns), "-", "-",
                 "-"])
    out.append(_table(["Person", "Talk time", "Share", "Turns", "Passes", "Median wait",
                       "First turn after"], rows,
                      numeric={1, 2, 3, 4, 5, 6}, classes=[""] * len(people) + ["you"],
                      wrap={0}))
    out.append("<ul>")
    if about.people_left_out:
        out.append("<li>Per-person figures are left out of this copy (--no-people).</li>")
    out.append(f"<li>{e(fmt.plural(talk.chats, 'turn'))} in all; you spoke for "
               f"{e(fmt.duration(talk.facilitator_s))} of {e(fmt.duration(talk.total_s))}.</li>")
    out.append(f"<li>{e(fmt.turn_taking_words(talk))}</li>")
    bridging = fmt.bridging_words(talk)
    if bridging:
        out.append(f"<li>{e(bridging)}</li>")
    out += [f"<li>{finding}</li>" for finding in fmt.talk_findings(talk, e)]
    out.append("</ul>")
    phase_talk = [row for row in report.phases if row.talk_s > 0]
    if len(phase_talk) > 1:
        out.append(_table(
            ["Phase", "Talk time", "Your share", "Gini"],
            [[e(r.title), e(fmt.duration(r.talk_s)), e(fmt.percent(r.facilitator_share)),
              e(fmt.ratio(r.gini))] for r in phase_talk],
            numeric={1, 2, 3}, wrap={0}, caption="Per phase: talk, your share, and the Gini "
            "of members' speaking time in it.",
        ))
    out.append(f'<p class="small">{e(threshold_words())}</p>')

    if report.rounds:
        out.append("<h2>Rounds</h2>")
        for rnd in report.rounds:
            out.append(f"<h3>{e(rnd.title)}</h3>")
            if rnd.prompt:
                out.append(f"<p>Prompt: \u201c{e(rnd.prompt)}\u201d</p>")
            items = [f"Had their go: {_names(rnd.spoke) or 'nobody'}"]
            if rnd.passed:
                items.append(f"Passed: {_names(rnd.passed)}")
            if rnd.skipped:
                items.append(f"Skipped (away): {_names(rnd.skipped)}")
            if not rnd.completed:
                items.append(e(fmt.unfinished_words(rnd, report)))
            items += [f'{e(a.name)}: <span class="text">\u201c{e(a.text)}\u201d</span>'
                      for a in rnd.answers]
            out.append(_items(items, ""))

    rules = report.rules
    if rules.rules and (rules.phase_ran or rules.reminders):
        out.append('<h2>Ground rules</h2><ul class="rules">')
        for rule in rules.rules:
            mark = "[x]" if rule.covered else "[ ]"
            state = "read out" if rule.covered else "not marked as read out"
            added = " (added by the group)" if rule.added else ""
            out.append(f'<li data-mark="{mark}">{e(rule.text)}{e(added)} '
                       f'<span class="small">({state})</span></li>')
        out.append("</ul>")
        out.append(f"<p>{rules.covered} of {len(rules.rules)} marked as read out"
                   + (f"; shown again {e(fmt.times(rules.reminders))} mid-session"
                      if rules.reminders else "") + ".</p>")

    if report.breakouts:
        out.append("<h2>Breakouts</h2>")
        out += [_breakout(b) for b in report.breakouts]

    if report.quizzes:
        out.append("<h2>Quiz</h2>")
        for quiz in report.quizzes:
            out.append(f"<h3>{e(quiz.title)}</h3><ol>")
            for q in quiz.questions:
                state = "answer shown" if q.revealed else ("shown" if q.shown else "not shown")
                out.append(f"<li>{e(q.question)} <span class=\"small\">(answer: {e(q.answer)}; "
                           f"{state})</span></li>")
            out.append("</ol>")
        if report.scores:
            out.append(_table(["Person", "Points"],
                              [[e(n), e(fmt.points(p))] for n, p in report.scores],
                              numeric={1}, wrap={0}))

    for guest in report.guests:
        out.append(f"<h2>{e(guest.title)}</h2><p>Guest: {e(guest.speaker) or 'not named'}; "
                   f"questions {'were taken' if guest.questions_started else 'did not start'}."
                   f"</p>")

    out.append("<h2>Close</h2><h3>Takeaways</h3>")
    out.append(_items(
        [f'<span class="text">{e(i.text)}</span>' + (f" ({e(i.who)})" if i.who else "")
         for i in report.takeaways], fmt.no_takeaways(report)))
    avg = (f" (average {report.average_score:.1f} out of 5)"
           if report.average_score is not None else "")
    out.append(f"<h3>Feedback on the platform{e(avg)}</h3>")
    out.append(_items(
        [f"{e(f.who or 'The group')}: "
         + (f"{f.score}/5" if f.score is not None else "no score")
         + (f', <span class="text">\u201c{e(f.comment)}\u201d</span>' if f.comment else "")
         for f in report.feedback], "None recorded."))
    out.append("<h3>Parking lot</h3>")
    out.append(_items(
        [f'<span class="text">{e(i.text)}</span> '
         f'<span class="small">({e(i.phase or "between phases")}, {e(i.clock)})</span>'
         for i in report.parked], "Nothing parked."))
    out.append("<h3>Follow-ups</h3>")
    if report.safeguarding:
        lead = (f" Safeguarding lead: {e(report.safeguarding_lead)}."
                if report.safeguarding_lead else "")
        out.append(f'<p><strong>Safeguarding (private), first.</strong>{lead}</p>')
        out.append(_items([_safeguarded(item) for item in report.safeguarding], ""))
    out.append(_items(
        [f"{e(f.who)} <span class=\"small\">({e(f.clock)})</span>"
         + (f': <span class="text">{e(f.text)}</span>' if f.text else "")
         for f in report.follow_ups], "None flagged."))
    if report.follow_ups and about.notes == "shared":
        out.append('<p class="small">Their private notes are left out.</p>')

    out.append("<h2>Markers and notes</h2><h3>Markers</h3>")
    out.append(_items(
        [f'{e(i.clock)} <span class="text">{e(i.text)}</span> '
         f'<span class="small">({e(i.phase or "between phases")})</span>'
         for i in report.markers], "No markers."))
    out.append("<h3>Notes</h3>")
    out.append(_items(
        [f'{e(n.clock)} <span class="text">{e(n.text)}</span>'
         + (" <span class=\"small\">(private)</span>" if n.private else "")
         + (" <span class=\"small\">(corrected)</span>" if n.amended else "")
         for n in report.notes],
        "No notes" + (" shared." if about.notes == "shared" else ".")))

    out.append("<h2>About this report</h2><ul class=\"small\">")
    out.append(f"<li>Log: {e(about.file)}, {about.events} events, {e(about.status)}; written by "
               f"sessiontui {e(about.app_version)}"
               + ("; a trainer export" if about.exported else "") + "</li>")
    if about.damage:
        out.append(f"<li>Damage: {e(about.damage)} ({about.lost_bytes} bytes not read)</li>")
    if about.unknown_events:
        out.append(f"<li>{e(fmt.plural(about.unknown_events, 'event'))} from a newer "
                   f"sessiontui {fmt.was(about.unknown_events)} skipped</li>")
    if about.bad_events:
        out.append(f"<li>{e(fmt.plural(about.bad_events, 'event'))} could not be used "
                   f"(damaged or hand-edited) and {fmt.was(about.bad_events)} skipped</li>")
    out += [f"<li>Warning: {e(w)}</li>" for w in about.warnings]
    out.append("<li>Talk time counts the turns the facilitator logged, not audio. Gini and "
               "turn-taking are prompts for reflection, not scores.</li></ul>")
    out.append("</section>")
    return "".join(out)


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def render_session(report: SessionReport) -> str:
    """One session, as a whole HTML page."""
    return _page(f"Session report: {report.title}", session_body(report))


def render_series(series: SeriesReport) -> str:
    """Several sessions: the series view, then each session."""
    out = [
        f"<h1>Series report: {e(series.title)}</h1>",
        f'<p class="meta">{e(fmt.plural(len(series.rows), "session"))}, oldest first.</p>',
    ]
    standing = privacy_of(series)
    if standing is not None:
        out.append(_privacy(standing))
    out += [f'<p class="notice warn">{e(note)}</p>' for note in series.notes]
    out.append("<h2>Questions to reflect on</h2>")
    if series.prompts:
        out.append('<ol class="prompts">'
                   + "".join(f"<li>{e(p.text)}</li>" for p in series.prompts) + "</ol>")
    else:
        out.append("<p>No trend stood out; the sessions below have the detail.</p>")
    out.append("<h2>The series as a whole</h2>")
    for plan, title in enumerate(series.plans):
        if len(series.plans) > 1:
            out.append(f"<h3>{e(title)}</h3>")
        out.append(_chart(trend_chart(series, plan, chart_id=f"trend-{plan + 1}")))
        out.append(_items([e(t.text) for t in series.trends if t.plan == plan], ""))
    out.append("<h2>Sessions</h2>")
    for plan, title in enumerate(series.plans):
        if len(series.plans) > 1:
            out.append(f"<h3>{e(title)}</h3>")
        rows = [
            [
                str(i), e(f"{r.date} {r.time}"), str(r.expected), str(r.attended),
                str(r.spoke), str(r.passed), e(fmt.percent(r.facilitator_share)),
                e(fmt.ratio(r.gini)), e(fmt.ratio(r.turn_taking)),
                e(fmt.duration(r.median_wait_s)), e(fmt.signed(r.over_s)),
                e(r.status + (" (part)" if r.damaged else "")), e(r.file),
            ]
            for i, r in enumerate(series.rows, 1) if r.plan == plan
        ]
        out.append(_table(
            ["#", "Date", "Expected", "Came", "Spoke", "Passed", "Your share", "Gini",
             "Turn-taking", "Median wait", "Timing", "State", "Log"],
            rows, numeric={0, 2, 3, 4, 5, 6, 7, 8, 9},
        ))
    if any(r.about.comments == "included" for r in series.sessions):
        out.append("<h2>Trainer's comments</h2>")
        for i, r in enumerate(series.sessions, 1):
            out.append(f"<h3>Session {i} ({e(r.timing.date)}, {e(r.about.file)})</h3>")
            out.append(_items(
                [f"<strong>{e(c.clock)}</strong> <span class=\"small\">"
                 f"({e(fmt.since_words(c.at_s))}" + (f", {e(c.phase)}" if c.phase else "")
                 + f')</span> <span class="text">{e(c.text)}</span>' for c in r.comments],
                "No comments."))
    out.append("<h2>People across the sessions</h2>")
    header = ["Person", *[str(i) for i in range(1, len(series.rows) + 1)], "Came", "Spoke in",
              "Talk time"]
    rows = []
    for person in series.people:
        cells = [e(fmt.series_cell(cell)) for cell in person.sessions]
        rows.append([e(person.name), *cells, str(person.attended), str(person.spoke),
                     e(fmt.duration(person.total_s))])
    out.append(_table(header, rows, numeric=set(range(1, len(header))), wrap={0},
                      caption="Each session column: talk time, or \u201cpassed\u201d / "
                              "\u201clistened\u201d when someone came and did not take a turn "
                              "(both are ways of taking part); blank when they were not on "
                              "that session's roster."))
    for i, report in enumerate(series.sessions, 1):
        out.append(f"<hr><p class=\"meta\">Session {i} of {len(series.sessions)}</p>")
        out.append(session_body(report, series_index=str(i)))
    return _page(f"Series report: {series.title}", "".join(out))
