"""A trainer's comments on a replay: kept beside the log (`LOG.comments.json`), never in it.

Two replays of one log may be open at once (two trainers, or one in two windows), so
a replay never writes back the list it holds. Each change (add, edit, delete) is one
operation, applied under a lock (`flock` on `LOG.comments.json.lock`) to the comments
on disk at that moment, and written atomically (a temporary file in the same folder,
fsync, rename, fsync the folder). Neither replay loses the other's comments, and
every comment has a stable id, so an edit or a delete from one replay reaches the
comment the other one sees.

A file that cannot be read as comments (bad JSON, wrong shape, a comment missing its
time) is refused in one line and never written over: nothing is shown from it and no
change is saved until it is fixed or moved away. Like the roster, the file is read
only if it is this user's and nobody else can write it (`paths.open_trusted`).

Reports read the same file: `load_comments(log)` (or `read_comments(log)`, which never
raises) gives the comments by time; `Comment.t` is a session time like an event's `t`.

Plain Python: no Textual here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sessiontui.core.events import format_ts
from sessiontui.journal import paths
from sessiontui.journal.errors import JournalError, UntrustedFile
from sessiontui.journal.files import atomic_write, close_quietly
from sessiontui.journal.lines import MAX_T

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock
    fcntl = None  # type: ignore[assignment]

FORMAT = "sessiontui/comments"
VERSION = 2
"""1: comments without ids (before they could be edited); 2: each has an `id`."""
MAX_BYTES = 16 * 1024 * 1024
MAX_TEXT = 20_000
LOCK_SUFFIX = ".lock"
LOCK_WAIT_S = 5.0
"""How long a change waits for another replay to finish writing."""

R = TypeVar("R")


class CommentsError(JournalError):
    """The comments file cannot be read, or a change cannot be saved: one line."""


@dataclass(frozen=True, slots=True)
class Comment:
    """A trainer's comment at a moment of the session."""

    id: str
    """Stable across edits and across replays: what an edit or a delete names."""
    t: float
    """Session time, as an event's `t` (seconds since the log was opened)."""
    text: str
    created: str
    """When it was written (UTC, as an event's `ts`)."""
    edited: str | None = None
    """When it was last changed, if it was."""


def comments_path(log: Path) -> Path:
    return paths.comments_path(Path(log))


def lock_path(log: Path) -> Path:
    path = comments_path(log)
    return path.with_name(path.name + LOCK_SUFFIX)


def by_time(comments: list[Comment]) -> list[Comment]:
    return sorted(comments, key=lambda c: (c.t, c.created, c.id))


# -- reading -------------------------------------------------------------------------------


def load_comments(log: Path) -> list[Comment]:
    """The comments kept beside `log`, by time; [] when there is no comments file.

    CommentsError (one line, naming the file and where) if the file cannot be read
    as comments; UntrustedFile if another user owns it or others can write it. Both
    are JournalErrors; neither reads into the file further than needed.
    """
    return _read(comments_path(log))[0]


def read_comments(log: Path) -> tuple[list[Comment], str | None]:
    """The comments, or none and the one line saying why they cannot be read: for a
    report, which goes on without them."""
    try:
        return load_comments(log), None
    except JournalError as error:
        return [], str(error)


def _read(path: Path) -> tuple[list[Comment], int]:
    """The comments in the file at `path` and its format version ([] and VERSION when
    it does not exist)."""
    try:
        fd = paths.open_trusted(path)  # UntrustedFile is a JournalError, not an OSError
    except FileNotFoundError:
        return [], VERSION
    except OSError as error:
        raise CommentsError(f"{path.name}: cannot be read ({error.strerror or error}); "
                            "comments are not shown and none are saved") from error
    try:
        with os.fdopen(fd, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise CommentsError(f"{path.name}: cannot be read ({error.strerror or error}); "
                            "comments are not shown and none are saved") from error
    return parse(raw, path.name)


def _refused(where: str, why: str) -> CommentsError:
    return CommentsError(f"{where}: {why}; its comments are not shown, and new ones are "
                         "not saved until it is fixed or moved away")


def parse(raw: bytes, name: str) -> tuple[list[Comment], int]:
    """The comments in a comments file's bytes, and its version; CommentsError saying
    where and why if they are not a comments file this version can read whole."""
    if len(raw) > MAX_BYTES:
        raise _refused(name, f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _refused(name, f"not UTF-8 text (byte {error.start})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _refused(f"{name}:{error.lineno}:{error.colno}",
                       f"not valid JSON ({error.msg})") from error
    except RecursionError as error:
        raise _refused(name, "nested too deeply") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refused(name, f'not a comments file (no "format": "{FORMAT}")')
    version = data.get("version", 1)
    if type(version) is not int or version < 1:
        raise _refused(name, '"version" is not a whole number')
    items = data.get("comments")
    if not isinstance(items, list):
        raise _refused(name, 'no "comments" list')
    found: list[Comment] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        comment = _comment(item)
        if isinstance(comment, str):
            raise _refused(name, f"comment {number} {comment}")
        if comment.id in seen:
            raise _refused(name, f"comment {number} has the id of an earlier one")
        seen.add(comment.id)
        found.append(comment)
    return by_time(found), version


def _comment(item: object) -> Comment | str:
    """A Comment from its JSON, or why it is not one."""
    if not isinstance(item, dict):
        return "is not an object"
    t, text, created = item.get("t"), item.get("text"), item.get("created", "")
    if type(t) not in (int, float) or not math.isfinite(t) or not 0 <= t <= MAX_T:
        return "has no time (t, in seconds)"
    if not isinstance(text, str):
        return "has no text"
    if not isinstance(created, str):
        return "has a bad created time"
    edited = item.get("edited")
    if edited is not None and not isinstance(edited, str):
        return "has a bad edited time"
    ident = item.get("id")
    if ident is None:  # version 1: an id every replay derives alike
        ident = legacy_id(float(t), text, created)
    if not isinstance(ident, str) or not ident or len(ident) > 64:
        return "has a bad id"
    return Comment(ident, float(t), text, created, edited)


def legacy_id(t: float, text: str, created: str) -> str:
    """The id of a comment written before comments had ids: derived from what it says,
    so that two replays give it the same id."""
    digest = hashlib.sha256(f"{t!r}\x00{created}\x00{text}".encode()).hexdigest()
    return "v1-" + digest[:16]


def new_id() -> str:
    return uuid.uuid4().hex[:16]


# -- writing -------------------------------------------------------------------------------


def encode(log_name: str, comments: list[Comment]) -> bytes:
    items = []
    for comment in by_time(comments):
        item: dict[str, Any] = {"id": comment.id, "t": comment.t, "text": comment.text,
                                "created": comment.created}
        if comment.edited is not None:
            item["edited"] = comment.edited
        items.append(item)
    data = {"format": FORMAT, "version": VERSION, "log": log_name, "comments": items}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@contextlib.contextmanager
def locked(log: Path, wait_s: float = LOCK_WAIT_S,
           clock: Callable[[], float] = time.monotonic,
           sleep: Callable[[float], object] = time.sleep) -> Iterator[None]:
    """Hold the comments lock of `log` (an exclusive flock on a file beside it).

    CommentsError if another replay holds it for longer than `wait_s`; UntrustedFile
    if the lock file is not this user's own regular file that only they can write.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    path = lock_path(log)
    flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(path, flags, paths.FILE_MODE)
    except OSError as error:
        raise CommentsError(f"{path.name}: cannot be opened ({error.strerror or error}); "
                            "the comment is not saved") from error
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
            paths.fix_fd_mode(fd)  # ours: a default ACL may have added bits
            info = os.fstat(fd)
        problem = ("is not a regular file" if not stat.S_ISREG(info.st_mode)
                   else paths.trust_problem(info))
        if problem is not None:
            raise UntrustedFile(f"{path.name} {problem}: the comment is not saved", problem)
        deadline = clock() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if clock() >= deadline:
                    raise CommentsError(
                        f"{comments_path(log).name} is being saved by another replay; "
                        "try again") from None
                sleep(0.02)
        yield
    finally:
        close_quietly(fd)  # closing drops the lock


class CommentBook:
    """The comments of one log as this replay knows them, and the changes it makes.

    Every change re-reads the file under the lock, applies itself to what is there,
    writes the result and takes it as the new list: comments added meanwhile by
    another replay appear then. A file that could not be read (`problem`) is never
    written: every change raises CommentsError with that line.
    """

    def __init__(self, log: Path, comments: list[Comment], problem: str | None = None,
                 version: int = VERSION) -> None:
        self.log = Path(log)
        self.comments = by_time(comments)
        self.problem = problem
        if problem is None and version > VERSION:
            self.problem = (f"{comments_path(self.log).name} was written by a newer "
                            "sessiontui: its comments are shown, and cannot be changed here")

    @classmethod
    def open(cls, log: Path) -> CommentBook:
        """The comments beside `log`; a file that cannot be read gives none, and its
        one line in `problem`."""
        try:
            comments, version = _read(comments_path(log))
        except JournalError as error:
            return cls(log, [], str(error))
        return cls(log, comments, version=version)

    def get(self, comment_id: str) -> Comment | None:
        return next((c for c in self.comments if c.id == comment_id), None)

    def reload(self) -> None:
        """Read the file again (comments another replay saved appear)."""
        again = CommentBook.open(self.log)
        self.comments, self.problem = again.comments, again.problem

    def add(self, t: float, text: str, now: datetime) -> Comment:
        """A new comment at session time `t`; `now` (the wall clock) dates it."""
        comment = Comment(new_id(), round(float(t), 3), _clean(text), format_ts(now))

        def apply(comments: list[Comment]) -> Comment:
            comments.append(comment)
            return comment

        return self._change(apply)

    def edit(self, comment_id: str, text: str, now: datetime) -> Comment:
        """New text for a comment. If another replay deleted it meanwhile, the text is
        not lost: the comment comes back with it (and `edited` says when)."""
        known = self.get(comment_id)

        def apply(comments: list[Comment]) -> Comment:
            for index, comment in enumerate(comments):
                if comment.id == comment_id:
                    comments[index] = replace(comment, text=_clean(text),
                                              edited=format_ts(now))
                    return comments[index]
            if known is None:
                raise CommentsError("there is no such comment")
            back = replace(known, text=_clean(text), edited=format_ts(now))
            comments.append(back)
            return back

        return self._change(apply)

    def delete(self, comment_id: str) -> Comment | None:
        """Remove a comment; None if it was gone already (another replay deleted it)."""

        def apply(comments: list[Comment]) -> Comment | None:
            for index, comment in enumerate(comments):
                if comment.id == comment_id:
                    return comments.pop(index)
            return None

        return self._change(apply)

    def _change(self, apply: Callable[[list[Comment]], R]) -> R:
        if self.problem is not None:
            raise CommentsError(self.problem)
        path = comments_path(self.log)
        with locked(self.log):
            try:
                on_disk, version = _read(path)
            except JournalError as error:  # damaged since we opened it: leave it alone
                self.problem = str(error)
                self.comments = []
                raise
            if version > VERSION:
                self.problem = (f"{path.name} was written by a newer sessiontui: its "
                                "comments cannot be changed here")
                raise CommentsError(self.problem)
            result = apply(on_disk)
            try:
                atomic_write(path, encode(paths.main_log(self.log).name, on_disk))
            except OSError as error:
                raise CommentsError(f"{path.name}: could not be saved "
                                    f"({error.strerror or error})") from error
        self.comments = by_time(on_disk)
        return result


def _clean(text: str) -> str:
    text = text.strip()[:MAX_TEXT]
    if not text:
        raise CommentsError("a comment needs some text")
    return text


def save_comments(log: Path, comments: list[Comment]) -> Path:
    """Replace the comments file with `comments` (under the lock, atomically): for
    tools and tests; a replay changes one comment at a time (CommentBook)."""
    path = comments_path(log)
    with locked(Path(log)):
        atomic_write(path, encode(paths.main_log(Path(log)).name, comments))
    return path
