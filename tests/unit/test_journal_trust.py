"""Nobody else's files are trusted (like OpenSSH's StrictModes), and segments chain.

A log folder another user owns or can write is refused, never chmodded; a roster,
comments file or segment another user owns, or that others can write, is never read;
a segment that does not continue its log (another session's, another file's, another
prefix's) is ignored, reported, and never continued; a line copied from another
session's log no longer passes its CRC (format version 2).

We run as root here: "another user" is uid 65534 via os.chown, and the checks compare
owners with os.geteuid().
"""

from __future__ import annotations

import argparse
import hashlib
import os
import stat
from pathlib import Path

import pytest

from sessiontui.cli import logs as logs_cli
from sessiontui.cli import main
from sessiontui.core.clock import FakeClock
from sessiontui.core.events import Event
from sessiontui.journal import paths
from sessiontui.journal.catalog import verify
from sessiontui.journal.errors import JournalError, UntrustedFile
from sessiontui.journal.lines import WRITE_VERSION, encode_event, encode_header, line_seed
from sessiontui.journal.reader import read_chain
from sessiontui.journal.recovery import recover, resume
from sessiontui.journal.roster import load_roster
from sessiontui.replay import ReplaySession, load_comments, save_comments
from tests.unit.journal_child import START, sample_event, sample_header

NOBODY = 65534
LOG = "20261124T193000Z_evening_3f9a1c2b.jsonl"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def logs(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="sessiontui")
    logs_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["logs", *argv])
    return args.handler(args, clock=FakeClock(START))


def new_log(
    folder: Path, count: int, header: dict | None = None, version: int = WRITE_VERSION
) -> tuple[Path, bytes]:
    """A log as the writer makes one (its version unless told) with `count` sample
    events, 0600."""
    fields = header or sample_header()
    sealed = {**fields, "format_version": version}
    data = encode_header(fields, version) + b"".join(
        encode_event(sample_event(n).with_seq(n), sealed) for n in range(1, count + 1)
    )
    path = folder / LOG
    path.write_bytes(data)
    path.chmod(0o600)
    return path, data


def segment_of(log: Path, data: bytes, last: int, first_event: int, count: int,
               **changes: object) -> bytes:
    """A segment continuing `log` after seq `last` (as a writer makes one), with some of
    its `continues` or header fields changed to make it a forgery of a kind."""
    lines = data.splitlines(keepends=True)
    continues = {
        "file": log.name,
        "last_valid_seq": last,
        "sha256_of_valid_prefix": hashlib.sha256(b"".join(lines[: last + 1])).hexdigest(),
    }
    continues.update({k: v for k, v in changes.items() if k in continues})
    header = sample_header(continues=continues)
    header.update({k: v for k, v in changes.items() if k not in continues})
    return encode_header(header) + b"".join(
        encode_event(sample_event(n).with_seq(n), header)
        for n in range(first_event, first_event + count)
    )


# -- the log folder --------------------------------------------------------------------


def test_a_shared_1777_folder_is_refused_and_its_mode_left_alone(tmp_path: Path, capsys) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    with pytest.raises(UntrustedFile, match=r"can be changed by other users \(mode 1777\)"):
        paths.ensure_private_dir(shared)
    assert mode(shared) == 0o1777
    assert logs("--log-dir", str(shared)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "use a private subfolder" in err
    assert f"mkdir -m 700 {shared / 'sessiontui'}" in err
    assert mode(shared) == 0o1777 and list(shared.iterdir()) == []


def test_a_live_session_never_writes_into_a_shared_folder(tmp_path: Path) -> None:
    from sessiontui.live import LiveSession
    from sessiontui.plan import load_plan
    from tests.conftest import SESSIONS

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    loaded = load_plan(SESSIONS / "evening-group.toml")
    with pytest.raises(JournalError, match="other users"):
        LiveSession.begin(loaded, clock=FakeClock(START), log_dir=shared)
    assert mode(shared) == 0o1777 and list(shared.iterdir()) == []


def test_a_file_as_the_log_folder_is_one_line_and_left_alone(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    os.chmod(notes, 0o644)
    with pytest.raises(UntrustedFile, match="is not a folder"):
        paths.ensure_private_dir(notes)
    with pytest.raises(UntrustedFile, match="is not a folder"):
        paths.ensure_private_dir(notes / "sessions")
    assert logs("--log-dir", str(notes), "prune", "--older-than", "1d", "--yes") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a folder" in err and "Traceback" not in err
    assert mode(notes) == 0o644 and notes.read_text() == "mine\n"


def test_a_missing_log_folder_is_created_0700_at_every_level(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        folder = paths.ensure_private_dir(tmp_path / "a" / "b" / "logs")
    finally:
        os.umask(old)
    for level in (folder, folder.parent, folder.parent.parent):
        assert mode(level) == 0o700, level


@pytest.mark.parametrize("bits", [0o770, 0o775, 0o707, 0o722])
def test_a_folder_others_can_write_is_refused_and_left_alone(tmp_path: Path, bits: int) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    os.chmod(folder, bits)
    with pytest.raises(UntrustedFile, match=f"mode {bits:04o}"):
        paths.ensure_private_dir(folder)
    assert mode(folder) == bits


def test_a_folder_of_another_user_is_refused(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, NOBODY, NOBODY)
    with pytest.raises(UntrustedFile, match=f"belongs to another user \\(uid {NOBODY}\\)"):
        paths.ensure_private_dir(folder)
    assert logs("--log-dir", str(folder)) == 2
    assert "belongs to another user" in capsys.readouterr().err
    assert mode(folder) == 0o700 and folder.stat().st_uid == NOBODY


def test_a_readable_but_private_folder_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "readable"
    folder.mkdir()
    os.chmod(folder, 0o755)  # others may look (logs warns), but cannot add files
    assert paths.ensure_private_dir(folder) == folder
    assert mode(folder) == 0o755


# -- files beside a log ------------------------------------------------------------------


def plant_roster(log: Path, *, owner: int | None = None, bits: int = 0o600) -> Path:
    roster = paths.roster_path(log)
    roster.write_text('{"format":"sessiontui/roster","participants":'
                      '{"p01":{"name":"Planted Name"}},"facilitators":{}}')
    os.chmod(roster, bits)
    if owner is not None:
        os.chown(roster, owner, owner)
    return roster


@pytest.mark.parametrize(("owner", "bits", "why"), [
    (NOBODY, 0o600, f"belongs to another user (uid {NOBODY})"),
    (None, 0o666, "can be changed by other users (mode 0666)"),
    (None, 0o620, "can be changed by other users (mode 0620)"),
])
def test_a_roster_someone_else_could_have_written_is_never_read(
    tmp_path: Path, owner: int | None, bits: int, why: str, capsys
) -> None:
    from tests.unit.report_helpers import HAND_PLAN, hand_made_events, write_log

    log = write_log(tmp_path, HAND_PLAN, hand_made_events(), roster=False)
    plant_roster(log, owner=owner, bits=bits)
    with pytest.raises(UntrustedFile, match=why.replace("(", r"\(").replace(")", r"\)")):
        load_roster(log)
    assert main(["report", str(log)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and why in err and "Planted" not in err
    replay = ReplaySession.open(log)
    assert not replay.has_roster and replay.names.name("p01") == "p01"
    assert replay.damage_note is not None and why in replay.damage_note


def test_a_symlink_or_fifo_as_a_roster_is_refused_without_blocking(tmp_path: Path) -> None:
    log = tmp_path / LOG
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"format":"sessiontui/roster","participants":{},"facilitators":{}}')
    elsewhere.chmod(0o600)
    paths.roster_path(log).symlink_to(elsewhere)
    with pytest.raises(UntrustedFile, match="symbolic link"):
        load_roster(log)
    paths.roster_path(log).unlink()
    os.mkfifo(paths.roster_path(log), 0o600)  # opening it to read would wait forever
    with pytest.raises(UntrustedFile, match="not a regular file"):
        load_roster(log)


def test_trainer_comments_of_another_user_are_never_read(tmp_path: Path) -> None:
    log, _ = new_log(tmp_path, 12)
    save_comments(log, [])
    comments = paths.comments_path(log)
    comments.write_text('{"format":"sessiontui/comments","comments":'
                        '[{"t":1.0,"text":"planted","created":""}]}')
    assert [c.text for c in load_comments(log)] == ["planted"]  # ours: read
    os.chown(comments, NOBODY, NOBODY)
    with pytest.raises(UntrustedFile, match="belongs to another user"):
        load_comments(log)
    replay = ReplaySession.open(log)
    assert replay.comments == []
    assert replay.damage_note is not None and "comments.json" in replay.damage_note


# -- segments ------------------------------------------------------------------------------


def test_a_segment_planted_by_another_user_is_not_read_and_never_continued(
    tmp_path: Path, capsys
) -> None:
    """A perfect forgery (right session id, file, seq and checksum) that another user
    owns: verify says so, report and replay warn, resume writes to the log itself."""
    log, data = new_log(tmp_path, 12)
    planted = paths.segment_path(log, 2)
    forged = segment_of(log, data, last=12, first_event=13, count=3)
    planted.write_bytes(forged)
    planted.chmod(0o600)
    os.chown(planted, NOBODY, NOBODY)

    contents = read_chain(log)
    assert [e.seq for e in contents.events] == list(range(1, 13))
    assert contents.files == (log,) and contents.damage is None
    assert contents.notices() == [
        f"{planted.name} ignored: belongs to another user (uid {NOBODY})"
    ]
    verdict = verify(log)
    assert verdict.code == 1 and "12 events" in verdict.text and planted.name in verdict.text

    assert main(["report", str(log), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert f"{planted.name} ignored: belongs to another user" in err and err.count("\n") == 1
    replay = ReplaySession.open(log)
    assert len(replay.events) == 12 and planted.name in (replay.damage_note or "")

    writer, result = resume(log)
    try:
        assert writer.path == log and result.path == log
        note = writer.append(Event("note.added", {"note_id": 99, "text": "private words",
                                                  "private": True, "phase": None},
                                   t=20.0, ts=sample_event(13).ts))
        assert note.seq == 13
        assert writer.flush(timeout=30)
    finally:
        writer.close()
    assert planted.read_bytes() == forged  # never written to
    assert b"private words" in log.read_bytes()


def prefix_sha(data: bytes, last: int) -> str:
    return hashlib.sha256(b"".join(data.splitlines(keepends=True)[: last + 1])).hexdigest()


@pytest.mark.parametrize(("forgery", "why"), [
    (lambda data: {"session_id": "f" * 32}, "not part of this session (its session id differs)"),
    (lambda data: {"file": "20261124T193000Z_other_aaaa1111.jsonl"},
     "it continues '20261124T193000Z_other_aaaa1111.jsonl', not " + LOG),
    (lambda data: {"last_valid_seq": 10, "sha256_of_valid_prefix": prefix_sha(data, 12)},
     f"{LOG} up to seq 10 is not what it continues (SHA-256 differs)"),
    (lambda data: {"sha256_of_valid_prefix": "0" * 64},
     f"{LOG} up to seq 12 is not what it continues (SHA-256 differs)"),
    (lambda data: {"last_valid_seq": 40}, f"{LOG} has no seq 40 to continue from"),
])
def test_a_segment_of_this_user_that_does_not_chain_is_ignored_and_never_continued(
    tmp_path: Path, forgery, why: str
) -> None:
    log, data = new_log(tmp_path, 12)
    segment = paths.segment_path(log, 2)
    forged = segment_of(log, data, last=12, first_event=13, count=2, **forgery(data))
    segment.write_bytes(forged)
    segment.chmod(0o600)
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == list(range(1, 13))
    assert contents.notices() == [f"{segment.name} ignored: {why}"]
    assert verify(log).code == 1
    result = recover(log)
    assert result.path == log and result.action == "none" and result.last_seq == 12
    assert segment.read_bytes() == forged


def test_a_segment_that_chains_is_read_and_its_events_follow(tmp_path: Path) -> None:
    log, data = new_log(tmp_path, 12)
    segment = paths.segment_path(log, 2)
    segment.write_bytes(segment_of(log, data, last=12, first_event=13, count=3))
    segment.chmod(0o600)
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == list(range(1, 16))
    assert contents.files == (log, segment) and contents.ignored == ()
    assert verify(log).code == 0
    assert recover(log).path == segment


def test_a_legitimate_segment_after_a_planted_one_still_chains(tmp_path: Path) -> None:
    """The writer numbers a new segment after every existing name, planted or not: the
    part3 it made continues the log itself, and is read."""
    log, data = new_log(tmp_path, 12)
    planted = paths.segment_path(log, 2)
    planted.write_bytes(segment_of(log, data, last=12, first_event=13, count=2))
    os.chown(planted, NOBODY, NOBODY)
    part3 = paths.segment_path(log, 3)
    part3.write_bytes(segment_of(log, data, last=12, first_event=13, count=4))
    part3.chmod(0o600)
    contents = read_chain(log)
    assert [e.seq for e in contents.events] == list(range(1, 17))
    assert contents.files == (log, part3)
    assert [path for path, _ in contents.ignored] == [planted]


def test_a_missing_log_is_not_stood_in_for_by_its_segments(tmp_path: Path) -> None:
    log, data = new_log(tmp_path, 5)
    segment = paths.segment_path(log, 2)
    segment.write_bytes(segment_of(log, data, last=5, first_event=6, count=2))
    log.unlink()
    with pytest.raises(JournalError, match="no such file"):
        read_chain(log)
    with pytest.raises(JournalError, match="no such file"):
        read_chain(segment)


# -- lines bound to their session -----------------------------------------------------------


def test_a_line_copied_from_another_sessions_log_is_damage(tmp_path: Path) -> None:
    """Same seq, valid CRC in its own log: in this one it fails its check."""
    log, data = new_log(tmp_path, 12, version=2)
    (tmp_path / "other").mkdir()
    other_header = sample_header(session_id="f" * 32)
    _, other = new_log(tmp_path / "other", 12, other_header, version=2)
    ours, theirs = data.splitlines(keepends=True), other.splitlines(keepends=True)
    assert ours[7] != theirs[7] and ours[7][18:] == theirs[7][18:]  # only the CRC differs
    ours[7] = theirs[7]
    log.write_bytes(b"".join(ours))
    contents = read_chain(log)
    assert len(contents.events) == 6
    assert contents.damage is not None and contents.damage.reason == "crc mismatch"
    assert contents.damage.kind == "mid-file" and contents.damage.line == 8
    assert verify(log).code == 1


def test_version_2_seeds_event_crcs_with_the_session_id_and_version_1_still_reads(
    tmp_path: Path,
) -> None:
    import zlib

    header = sample_header()
    event = sample_event(1).with_seq(1)
    v2 = encode_event(event, {**header, "format_version": 2})
    v1 = encode_event(event, {**header, "format_version": 1})
    seed = zlib.crc32(header["session_id"].encode())
    assert line_seed(header["session_id"], 2) == seed and line_seed("x", 1) == 0
    assert v2[8:16] == b"%08x" % zlib.crc32(v2[18:-1], seed)
    assert v2[8:16] == b"%08x" % zlib.crc32(header["session_id"].encode() + v2[18:-1])
    assert v1[8:16] == b"%08x" % zlib.crc32(v1[18:-1]) and v1[18:] == v2[18:]
    old = tmp_path / "old.jsonl"
    old.write_bytes(encode_header(header, 1) + v1)
    assert len(read_chain(old).events) == 1 and verify(old).code == 0
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(encode_header(header, 2) + v1)  # a version 1 line in a version 2 log
    assert read_chain(mixed).damage is not None


def test_resume_says_which_files_beside_the_log_it_ignored(tmp_path: Path) -> None:
    from sessiontui.core import commands
    from sessiontui.live import LiveSession
    from sessiontui.plan import load_plan
    from tests.conftest import SESSIONS

    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / "evening-group.toml"), clock=clock,
                             log_dir=tmp_path / "logs")
    live.interrupt("left to resume later")
    log = live.log_path
    data = log.read_bytes()
    planted = paths.segment_path(log, 2)
    planted.write_bytes(segment_of(log, data, last=2, first_event=3, count=2))
    planted.chmod(0o600)
    os.chown(planted, NOBODY, NOBODY)
    again = LiveSession.resume(log, clock=clock)
    try:
        assert again.notices == [
            f"{planted.name} ignored: belongs to another user (uid {NOBODY})"]
        again.send(commands.AddNote("private words"))
    finally:
        again.close()
    assert b"private words" not in planted.read_bytes()


def test_a_private_folder_inside_a_shared_one_is_refused_unless_it_is_sticky(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    (shared / "mine").mkdir(parents=True)
    os.chmod(shared, 0o777)
    os.chmod(shared / "mine", 0o700)
    with pytest.raises(UntrustedFile, match="another user could move the log folder away"):
        paths.ensure_private_dir(shared / "mine")
    os.chmod(shared, 0o1777)  # as /tmp: nobody can rename what another user made
    assert paths.ensure_private_dir(shared / "mine") == shared / "mine"
