"""A trainer's comments: never lost to a second replay, never written over when damaged,
editable and deletable by a stable id, and only ever read from this user's own files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessiontui.journal import comments as store
from sessiontui.journal.comments import (
    Comment,
    CommentBook,
    CommentsError,
    legacy_id,
    load_comments,
    locked,
    read_comments,
    save_comments,
)
from sessiontui.journal.errors import JournalError, UntrustedFile

NOBODY = 65534
NOW = datetime(2026, 11, 24, 20, 15, tzinfo=UTC)
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o700)
    path = folder / "20261124T193000Z_evening_3f9a1c2b.jsonl"
    path.write_bytes(b"")  # the comments never look inside the log
    return path


def texts(log: Path) -> list[str]:
    return [c.text for c in load_comments(log)]


def test_comments_are_kept_beside_the_log_with_ids(log: Path) -> None:
    book = CommentBook.open(log)
    first = book.add(120.0, "Lovely pacing", NOW)
    second = book.add(60.0, "  Waited too long here  ", NOW)
    assert [c.text for c in book.comments] == ["Waited too long here", "Lovely pacing"]
    assert first.id != second.id and len(first.id) >= 12
    path = store.comments_path(log)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "sessiontui/comments" and data["version"] == 2
    assert {item["id"] for item in data["comments"]} == {first.id, second.id}
    assert load_comments(log) == book.comments
    assert not [p for p in log.parent.iterdir() if p.name.endswith(".tmp")]


def test_two_replays_never_lose_each_others_comments(log: Path) -> None:
    one, two = CommentBook.open(log), CommentBook.open(log)
    one.add(10, "from one", NOW)
    two.add(20, "from two", NOW)  # two never saw one's comment: it must survive
    one.add(30, "one again", NOW)
    assert texts(log) == ["from one", "from two", "one again"]
    assert [c.text for c in one.comments] == ["from one", "from two", "one again"]


def test_edits_and_deletes_from_two_replays_merge_by_id(log: Path) -> None:
    one, two = CommentBook.open(log), CommentBook.open(log)
    kept = one.add(10, "first thought", NOW)
    doomed = one.add(20, "to delete", NOW)
    two.reload()
    two.edit(kept.id, "second thought", NOW)  # two edits, one deletes: both land
    one.delete(doomed.id)
    assert texts(log) == ["second thought"]
    assert load_comments(log)[0].id == kept.id and load_comments(log)[0].edited
    assert one.comments == two.comments or texts(log) == [c.text for c in one.comments]
    assert two.delete(doomed.id) is None  # already gone: nothing happens
    assert texts(log) == ["second thought"]


def test_an_edit_of_a_comment_deleted_meanwhile_keeps_the_new_text(log: Path) -> None:
    one, two = CommentBook.open(log), CommentBook.open(log)
    comment = one.add(10, "draft", NOW)
    two.reload()
    one.delete(comment.id)
    two.edit(comment.id, "the words I just typed", NOW)
    assert texts(log) == ["the words I just typed"]


WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from sessiontui.journal.comments import CommentBook
    log, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    book = CommentBook.open(log)  # opened once, like a replay left open
    for n in range(count):
        book.add(float(n), f"{who} {n}", datetime(2026, 11, 24, tzinfo=UTC))
""")


def test_two_processes_writing_at_once_lose_nothing(log: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    count = 15
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(log), who, str(count)],
                                env=env) for who in ("ada", "bo")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    found = texts(log)
    assert sorted(found) == sorted([f"{who} {n}" for who in ("ada", "bo") for n in range(count)])
    assert len({c.id for c in load_comments(log)}) == 2 * count


DAMAGED = [
    (b'{"format": "sessiontui/comments", "comments": [\n  {"t": 1, "text": "a"}\n  {"t": 2}',
     ":3:3: not valid JSON"),
    (b'{"format": "sessiontui/comments", "comments": [{"t": "soon", "text": "a"}]}',
     "comment 1 has no time"),
    (b'[1, 2, 3]', "not a comments file"),
    (b'\xff\xfe{}', "not UTF-8"),
]


@pytest.mark.parametrize(("raw", "reason"), DAMAGED, ids=["json", "item", "shape", "bytes"])
def test_a_damaged_file_is_refused_in_one_line_and_left_untouched(
    log: Path, raw: bytes, reason: str
) -> None:
    path = store.comments_path(log)
    path.write_bytes(raw)
    os.chmod(path, 0o600)
    with pytest.raises(CommentsError) as caught:
        load_comments(log)
    line = str(caught.value)
    assert reason in line and path.name in line and "\n" not in line
    book = CommentBook.open(log)
    assert book.comments == [] and book.problem == line
    for change in (lambda: book.add(5, "new", NOW), lambda: book.delete("x"),
                   lambda: book.edit("x", "y", NOW)):
        with pytest.raises(CommentsError):
            change()
    assert path.read_bytes() == raw
    assert read_comments(log) == ([], line)


def test_a_file_damaged_after_it_was_opened_is_not_written_over(log: Path) -> None:
    book = CommentBook.open(log)
    book.add(5, "kept", NOW)
    path = store.comments_path(log)
    broken = path.read_bytes()[:-20]
    path.write_bytes(broken)  # someone's editor, half-way through a save
    with pytest.raises(CommentsError, match="not valid JSON"):
        book.add(6, "would overwrite", NOW)
    assert path.read_bytes() == broken
    assert book.problem is not None


def test_comments_written_before_ids_get_the_same_id_everywhere(log: Path) -> None:
    path = store.comments_path(log)
    old = {"format": "sessiontui/comments", "log": log.name, "comments": [
        {"t": 30.5, "text": "old one", "created": "2026-11-24T19:40:00.000Z"},
        {"t": 90, "text": "old two", "created": "2026-11-24T19:41:00.000Z"}]}
    path.write_text(json.dumps(old), "utf-8")
    os.chmod(path, 0o600)
    first, again = load_comments(log), load_comments(log)
    assert [c.id for c in first] == [c.id for c in again]
    assert first[0].id == legacy_id(30.5, "old one", "2026-11-24T19:40:00.000Z")
    one, two = CommentBook.open(log), CommentBook.open(log)
    one.edit(first[0].id, "old one, edited", NOW)
    two.delete(first[1].id)
    assert texts(log) == ["old one, edited"]
    assert json.loads(path.read_text("utf-8"))["version"] == 2


def test_a_newer_file_is_shown_but_not_changed(log: Path) -> None:
    path = store.comments_path(log)
    path.write_text(json.dumps({"format": "sessiontui/comments", "version": 9, "comments": [
        {"id": "abc", "t": 1, "text": "from the future", "created": ""}]}), "utf-8")
    os.chmod(path, 0o600)
    before = path.read_bytes()
    book = CommentBook.open(log)
    assert [c.text for c in book.comments] == ["from the future"]
    with pytest.raises(CommentsError, match="newer"):
        book.add(2, "no", NOW)
    assert path.read_bytes() == before


def test_comments_of_another_user_or_writable_by_others_are_not_read(log: Path) -> None:
    save_comments(log, [Comment("a1", 1.0, "planted?", "")])
    path = store.comments_path(log)
    os.chmod(path, 0o620)
    with pytest.raises(UntrustedFile, match="can be changed by other users"):
        load_comments(log)
    os.chmod(path, 0o600)
    os.chown(path, NOBODY, NOBODY)
    book = CommentBook.open(log)
    assert book.comments == [] and "another user" in (book.problem or "")
    with pytest.raises(JournalError, match="another user"):
        book.add(1, "x", NOW)
    assert path.stat().st_uid == NOBODY  # never replaced


def test_a_lock_file_of_another_user_is_refused(log: Path) -> None:
    lock = store.lock_path(log)
    lock.write_bytes(b"")
    os.chown(lock, NOBODY, NOBODY)
    with pytest.raises(UntrustedFile, match="another user"):
        CommentBook.open(log).add(1, "x", NOW)
    assert not store.comments_path(log).exists()


def test_a_change_waits_for_the_lock_and_gives_up_in_one_line(log: Path) -> None:
    ticks = iter(range(100))
    waits: list[float] = []
    with locked(log), pytest.raises(CommentsError, match="being saved by another replay"), \
            locked(log, wait_s=3, clock=lambda: next(ticks), sleep=waits.append):
        pass
    assert len(waits) == 2  # it tried again until the time was up
    with locked(log):
        pass  # free again


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = CommentBook.open(log)
    book.add(1, "safe", NOW)
    before = store.comments_path(log).read_bytes()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sessiontui.journal.files.full_fsync", full)
    with pytest.raises(CommentsError, match="No space left"):
        book.add(2, "lost?", NOW)
    assert store.comments_path(log).read_bytes() == before
    assert not [p for p in log.parent.iterdir() if p.name.endswith(".tmp")]
    assert [c.text for c in book.comments] == ["safe"]
