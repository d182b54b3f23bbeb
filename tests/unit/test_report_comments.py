"""`report --include-comments`: the trainer's replay comments at their moments, in every
format; private like notes (never in a report unless asked); a comments file that
cannot be read refuses the report in one line (exit 2), not a report without them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.journal.comments import Comment, comments_path, save_comments
from tests.unit.report_helpers import HAND_PLAN, hand_made_events, names_found, write_log

NOW = "2026-11-29T18:49:39.651Z"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    save_comments(path, [
        # out of order on disk: the report puts them by time
        Comment("c2", 820.0, "Nice pacing in the round; Dev felt heard", NOW,
                "2026-11-29T18:50:00.000Z"),
        Comment("c1", 150.0, "Here you could have brought *Sam* in <b>", NOW),
    ])
    return path


def test_comments_at_their_moments_in_markdown(log: Path, capsys) -> None:
    assert main(["report", str(log), "--include-comments"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("## Trainer's comments"):out.index("## The plan and what happened")]
    assert section.splitlines()[2:4] == [
        "- 19:32 (2m 30s in, Open discussion): Here you could have brought \\*Sam\\* in \\<b\\>",
        "- 19:43 (13m 40s in, Check out): Nice pacing in the round; Dev felt heard (edited)",
    ]


def test_comments_in_html_and_json(log: Path, capsys) -> None:
    assert main(["report", str(log), "--include-comments", "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "<h2>Trainer's comments</h2>" in html
    section = html[html.index("<h2>Trainer's comments</h2>"):html.index("<h2>The plan")]
    assert "brought *Sam* in &lt;b&gt;" in section and "<b>" not in section
    assert html.count("trainer's comment ") == 2, "each marked on the timeline"
    assert main(["report", str(log), "--include-comments", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["about"]["comments"] == "included"
    assert [(c["at_s"], c["clock"], c["phase"], c["edited"]) for c in data["comments"]] == [
        (150.0, "19:32", "Open discussion", False), (820.0, "19:43", "Check out", True)]


def test_comments_are_private_unless_asked(log: Path, capsys) -> None:
    for extra in ([], ["--anonymize"], ["--include-notes"]):
        for fmt in ("md", "html", "json"):
            assert main(["report", str(log), "--format", fmt, *extra]) == 0
            out = capsys.readouterr().out
            assert "brought" not in out and "Nice pacing" not in out, (extra, fmt)
    assert main(["report", str(log), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["comments"] == [] and data["about"]["comments"] == "not-asked"


def test_anonymized_comments_have_names_replaced(log: Path, capsys) -> None:
    assert main(["report", str(log), "--anonymize", "--include-comments"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("## Trainer's comments"):out.index("## The plan and what happened")]
    assert "brought" in section and "Nice pacing" in section
    assert names_found(section, ("Ciara", "Dev", "Sam")) == []


def test_no_comments_file_says_so(tmp_path: Path, capsys) -> None:
    path = write_log(tmp_path, HAND_PLAN, hand_made_events())
    assert main(["report", str(path), "--include-comments"]) == 0
    assert "No comments in the comments file." in capsys.readouterr().out


def test_a_comments_file_that_cannot_be_read_is_one_line_and_exit_2(log: Path, capsys) -> None:
    comments_path(log).write_text('{"format": "sessiontui/comments", "comments": [\n  {"t": }]}')
    assert main(["report", str(log), "--include-comments"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert ".comments.json:2:9: not valid JSON" in err and "--include-comments" in err
    assert main(["report", str(log)]) == 0, "not asked for: not read"


def test_a_series_lists_each_sessions_comments(tmp_path: Path, capsys) -> None:
    first = write_log(tmp_path, HAND_PLAN, hand_made_events())
    second = write_log(tmp_path, HAND_PLAN, hand_made_events(),
                       name="20261201T193000Z_test_4a0b2d3c.jsonl",
                       session_id="4a0b2d3cf18e4b7aad62e3f9a5b8c1d4",
                       created=datetime(2026, 12, 1, 19, 30, tzinfo=UTC))
    save_comments(first, [Comment("a", 150.0, "FIRST-SESSION-COMMENT", NOW)])
    save_comments(second, [Comment("b", 820.0, "SECOND-SESSION-COMMENT", NOW)])
    assert main(["report", str(first), str(second), "--include-comments"]) == 0
    out = capsys.readouterr().out
    overview = out[:out.index("# Session 1 of 2")]
    assert "## Trainer's comments" in overview
    assert overview.index("FIRST-SESSION-COMMENT") < overview.index("SECOND-SESSION-COMMENT")
    assert out.count("FIRST-SESSION-COMMENT") == 2, "in the overview and in its session"
    assert main(["report", str(first), str(second), "--format", "json",
                 "--include-comments"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [[c["text"] for c in s["comments"]] for s in data["sessions"]] == [
        ["FIRST-SESSION-COMMENT"], ["SECOND-SESSION-COMMENT"]]


def test_a_comments_file_another_user_owns_is_refused_unread(log: Path, capsys) -> None:
    import os

    os.chown(comments_path(log), 65534, 65534)
    assert main(["report", str(log), "--include-comments"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "comments.json" in err
    assert "brought" not in err, "never read, never quoted"
