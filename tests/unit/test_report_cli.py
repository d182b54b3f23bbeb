"""`sessiontui report`: formats, -o, never overwriting, and one clear line for bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sessiontui.cli import main
from sessiontui.journal import paths
from tests.unit.report_helpers import HAND_PLAN, hand_made_events, names_found, write_log


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path, HAND_PLAN, hand_made_events())


def test_markdown_to_stdout_by_default(log: Path, capsys) -> None:
    assert main(["report", str(log)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Session report: Test\n") and err == ""
    assert "Ciara" in out


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_each_format_to_a_file(log: Path, tmp_path: Path, fmt: str, capsys) -> None:
    target = tmp_path / f"report.{fmt}"
    assert main(["report", str(log), "--format", fmt, "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    if fmt == "json":
        assert json.loads(text)["schema_version"] == 1
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
    else:
        assert text.startswith("# Session report")


def test_the_suffix_of_o_chooses_the_format(log: Path, tmp_path: Path) -> None:
    assert main(["report", str(log), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["report", str(log), "-o", str(tmp_path / "r.json")]) == 0
    json.loads((tmp_path / "r.json").read_text())


def test_anonymize_and_include_notes_flags(log: Path, capsys) -> None:
    assert main(["report", str(log), "--anonymize"]) == 0
    out = capsys.readouterr().out
    assert names_found(out, ("Ciara", "Dev", "Sam")) == [] and "PRIVATE-NOTE" not in out
    assert main(["report", str(log), "--anonymize", "--include-notes", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert names_found(out, ("Ciara", "Dev", "Sam")) == [] and "PRIVATE-NOTE" in out


def test_several_logs_make_a_series(tmp_path: Path, capsys) -> None:
    first = write_log(tmp_path, HAND_PLAN, hand_made_events(), name="a.jsonl")
    second = write_log(tmp_path, HAND_PLAN, hand_made_events(), name="b.jsonl",
                       session_id="1" * 32)
    assert main(["report", str(first), str(second), str(first)]) == 0  # a repeat is ignored
    out = capsys.readouterr().out
    assert out.startswith("# Series report: Test") and "2 sessions" in out


def test_a_bare_name_is_found_in_the_log_folder(capsys) -> None:
    log = write_log(paths.sessions_dir(), HAND_PLAN, hand_made_events())
    assert main(["report", log.name, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["about"]["file"] == log.name


def one_error_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("sessiontui report: "), err
    assert "Traceback" not in err
    return err


def test_bad_input_is_one_line_and_exit_2(log: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl: no such file" in one_error_line(capsys)
    not_a_log = tmp_path / "plan.toml"
    not_a_log.write_text("[session]\ntitle = 'x'\n")
    assert main(["report", str(not_a_log)]) == 2
    assert "not a sessiontui log" in one_error_line(capsys)
    assert main(["report", str(tmp_path)]) == 2
    assert "is a folder" in one_error_line(capsys)
    assert main(["report", str(log), "--format", "pdf"]) == 2
    assert "unknown format 'pdf': use md, html or json" in one_error_line(capsys)
    target = tmp_path / "exists.md"
    target.write_text("keep me")
    assert main(["report", str(log), "-o", str(target)]) == 2
    assert "already exists" in one_error_line(capsys)
    assert target.read_text() == "keep me"
    assert main(["report", str(log), "-o", str(tmp_path / "no" / "such" / "dir.md")]) == 2
    assert "cannot create" in one_error_line(capsys)


def test_a_roster_with_bad_json_falls_back_to_pseudonyms(log: Path, capsys) -> None:
    """A damaged roster must not stop a trainer reading the report: pseudonyms, and
    one line saying why (it used to refuse with exit 2)."""
    paths.roster_path(log).write_text("{not json")
    assert main(["report", str(log)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "roster.json: not valid JSON" in err
    assert "people appear as pseudonyms" in err
    table = out[out.index("| Person"):out.index("| Facilitator (you)")]
    assert names_found(table, ("Ciara", "Dev", "Sam")) == [] and "| Participant" in table
    assert "No roster file was found beside the log: people appear as pseudonyms." in out


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(b"\x00\xff not json at all\n")
    done = subprocess.run(
        [sys.executable, "-m", "sessiontui", "report", str(garbage)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert "not a sessiontui log" in done.stderr and "Traceback" not in done.stderr


def test_an_unforeseen_error_is_one_line_too(log: Path, monkeypatch, capsys) -> None:
    import sessiontui.report.model as model

    def broken(*args, **kwargs):
        raise KeyError("Ciara")  # a message that could hold private text

    monkeypatch.setattr(model, "walk", broken)
    assert main(["report", str(log)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Ciara" not in err
    saved = Path(err.rsplit("saved to ", 1)[1].strip())
    details = saved.read_text()
    assert "KeyError" in details and "Ciara" not in details  # the name became its id
    assert saved.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("SESSIONTUI_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["report", str(log)])


def test_export_with_a_roster_of_bad_json_falls_back_too(log: Path, tmp_path: Path,
                                                          capsys) -> None:
    paths.roster_path(log).write_text("{not json")
    target = tmp_path / "copy.jsonl"
    assert main(["export", str(log), "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "roster.json: not valid JSON; people appear as pseudonyms" in err
    assert "could not be looked for" in err, "names typed into text were not looked for"
    assert target.exists()
