"""Reports for trainers: a session log -> report model -> Markdown, HTML or JSON.

Plain Python, no Textual. Every figure comes from folding the log with the core's
`reduce` and reading it through `core.stats` / `core.schedule` / `core.views`, as the
live screen does; names come from the roster beside the log, or become pseudonyms.

    log = load_log(path)                                  # ReportError: one line
    report = build_report(log.contents, log.roster, anonymize=True, plan=log.plan)
    text = render(report, "md")                          # md | html | json
    series = build_series(build_reports(logs, anonymize=True))
    export_log(path, target)                              # the trainer export

Modules: source (open a log), walk (the fold), names (naming and scrubbing), model
(the report as data), prompts (reflective questions), fmt, markdown, html, svg,
json_out, export, output (0600 files that never replace one).
"""

from __future__ import annotations

from sessiontui.report.model import (
    SCHEMA_VERSION,
    SeriesReport,
    SessionReport,
    build_report,
    build_reports,
    build_series,
)
from sessiontui.report.source import LoadedLog, ReportError, load_log

FORMATS = ("md", "html", "json")


def render(report: SessionReport | SeriesReport, format: str) -> str:
    """The report as text in one of FORMATS."""
    if format == "json":
        from sessiontui.report.json_out import to_json

        return to_json(report)
    if format == "html":
        from sessiontui.report import html

        if isinstance(report, SeriesReport):
            return html.render_series(report)
        return html.render_session(report)
    if format == "md":
        from sessiontui.report import markdown

        if isinstance(report, SeriesReport):
            return markdown.render_series(report)
        return markdown.render_session(report)
    raise ValueError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")


__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "LoadedLog",
    "ReportError",
    "SeriesReport",
    "SessionReport",
    "build_report",
    "build_reports",
    "build_series",
    "load_log",
    "render",
]
