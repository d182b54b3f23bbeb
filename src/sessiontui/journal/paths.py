"""Where logs live and what their files are called.

Logs sit under the user's state folder (`$XDG_STATE_HOME/sessiontui/sessions` on
Linux), never in the working directory, in folders only the owner can open. Every
file that belongs to a log is named after it, so pruning a log can find them all:

    20261124T193000Z_evening-group_3f9a1c2b.jsonl              the log
    20261124T193000Z_evening-group_3f9a1c2b.part2.jsonl        a later segment
    20261124T193000Z_evening-group_3f9a1c2b.jsonl.roster.json  names for the ids
    20261124T193000Z_evening-group_3f9a1c2b.jsonl.torn-10234   a cut-off torn tail
    20261124T193000Z_evening-group_3f9a1c2b.jsonl.comments.json trainer comments
"""

from __future__ import annotations

import errno
import os
import re
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

STATE_DIR_ENV = "SESSIONTUI_STATE_DIR"
DIR_MODE = 0o700
FILE_MODE = 0o600

LOG_SUFFIX = ".jsonl"
ROSTER_SUFFIX = ".roster.json"
COMMENTS_SUFFIX = ".comments.json"
TORN_INFIX = ".torn-"

_SEGMENT = re.compile(r"^(?P<base>.+)\.part(?P<n>[0-9]+)\.jsonl$")
_NAME_TIME = re.compile(r"^(?P<time>[0-9]{8}T[0-9]{6}Z)_")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def state_dir() -> Path:
    """The base state folder: $SESSIONTUI_STATE_DIR, else the platform's user state dir."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_state_path("sessiontui")


def sessions_dir(create: bool = True) -> Path:
    """The folder of session logs, created owner-only (0700) unless `create` is False.

    The platform's `sessiontui` state folder is ours and fixed too; a folder named by
    $SESSIONTUI_STATE_DIR that already exists is the user's, so only `sessions/` in
    it is. UntrustedFile if the folder is another user's or others can write it.
    """
    folder = state_dir() / "sessions"
    if create:
        ensure_private_dir(folder, owned_levels=1 if os.environ.get(STATE_DIR_ENV) else 2)
    return folder


def ensure_private_dir(folder: Path, owned_levels: int = 0) -> Path:
    """Create `folder` and any missing parents 0700; refuse it if others can change it.

    os.makedirs applies no mode to intermediate folders and the umask may remove
    or a default ACL add bits, so each level is made with mkdir and checked with
    stat. A folder sessiontui did not create is never chmodded (a `--log-dir` may
    be /tmp, or a shared folder): it is checked, and refused with UntrustedFile
    (a JournalError) if it belongs to another user or its group or others can
    write it, or if it is not a folder. Only the levels sessiontui creates, and the
    last `owned_levels` levels of its own state folder (sessiontui/ and sessions/),
    are set to 0700.
    """
    folder = Path(folder)
    missing: list[Path] = []
    level = folder
    while not os.path.lexists(level):
        missing.append(level)
        if level.parent == level:
            break
        level = level.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, DIR_MODE)
        except FileExistsError:
            continue
        except NotADirectoryError as error:
            raise _not_a_folder(path.parent) from error
        except OSError as error:
            from sessiontui.journal.errors import JournalError

            raise JournalError(
                f"cannot create the log folder {path}: {error.strerror or error}"
            ) from error
    ours = set(missing)
    level = folder
    for _ in range(owned_levels):
        ours.add(level)
        level = level.parent
    for path in ours:
        if os.path.isdir(path):
            fix_mode(path, DIR_MODE)
    check_private_dir(folder)
    return folder


def check_private_dir(folder: Path) -> None:
    """UntrustedFile unless `folder` is a folder of this user's that nobody else can
    change. Its contents are not looked at."""
    from sessiontui.journal.errors import UntrustedFile

    folder = Path(folder)
    try:
        info = os.stat(folder)
    except FileNotFoundError as error:
        raise UntrustedFile(f"{folder}: no such folder") from error
    except OSError as error:
        raise UntrustedFile(f"{folder}: cannot be read ({error.strerror or error})") from error
    if not stat.S_ISDIR(info.st_mode):
        raise _not_a_folder(folder)
    problem = trust_problem(info)
    if problem is not None:
        sticky = info.st_mode & stat.S_ISVTX
        hint = (f"use a private subfolder (mkdir -m 700 {folder / 'sessiontui'})" if sticky
                else "use a folder of your own, such as one in your home folder")
        raise UntrustedFile(
            f"{folder} {problem}: logs are kept only where nobody else can add or change "
            f"files; {hint}",
            problem,
        )
    for above in folder.resolve().parents:
        problem = _ancestor_problem(above)
        if problem is not None:
            raise UntrustedFile(
                f"{folder} is inside {above}, which {problem}: another user could move "
                "the log folder away and put their own in its place; use a folder of your "
                "own, such as one in your home folder", problem)


def _ancestor_problem(folder: Path) -> str | None:
    """Why a folder above the log folder lets another user swap what is below it, or
    None. Root's folders are trusted, and so are shared folders with the sticky bit
    (/tmp): there nobody can rename or remove what another user made."""
    try:
        info = os.stat(folder)
    except OSError:
        return None  # cannot be read: the log folder itself was checked
    if info.st_uid not in (0, os.geteuid()):
        return f"belongs to another user (uid {info.st_uid})"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o022 and not mode & stat.S_ISVTX:
        return f"can be changed by other users (mode {mode:04o})"
    return None


def _not_a_folder(path: Path) -> Exception:
    from sessiontui.journal.errors import UntrustedFile

    return UntrustedFile(f"{path} is not a folder", "is not a folder")


def fix_mode(path: Path, mode: int) -> None:
    """Set the permission bits to exactly `mode` if they differ and the file is ours."""
    info = os.stat(path)
    if stat.S_IMODE(info.st_mode) != mode and info.st_uid == os.geteuid():
        os.chmod(path, mode)


def fix_fd_mode(fd: int, mode: int = FILE_MODE) -> None:
    """fstat then fchmod: the umask only removes bits, but a default ACL can add some."""
    if stat.S_IMODE(os.fstat(fd).st_mode) != mode:
        os.fchmod(fd, mode)


def new_session_id() -> str:
    """A random session id (32 hex digits)."""
    return uuid.uuid4().hex


def slugify(text: str, limit: int = 40) -> str:
    """Lower-case ASCII letters, digits and dashes, for file names that need no quoting."""
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-")
    return slug or "session"


def short_id(session_id: str) -> str:
    """The last 8 letters or digits of the id: the random part of a uuid or a ULID."""
    return re.sub(r"[^a-z0-9]", "", session_id.lower())[-8:] or "x"


def log_file_name(started: datetime, plan_name: str, session_id: str) -> str:
    """`<UTC start yyyymmddTHHMMSSZ>_<plan-slug>_<short-id>.jsonl`: sorts by start time."""
    stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}_{slugify(plan_name)}_{short_id(session_id)}{LOG_SUFFIX}"


def time_from_name(path: Path) -> datetime | None:
    """The UTC start written into a log's file name, if it has one."""
    match = _NAME_TIME.match(Path(path).name)
    if match is None:
        return None
    return datetime.strptime(match.group("time"), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def segment_number(path: Path) -> int:
    """1 for a log, n for its `.part<n>.jsonl` segment."""
    match = _SEGMENT.match(Path(path).name)
    return int(match.group("n")) if match else 1


def main_log(path: Path) -> Path:
    """The first file of a chain: `x.part3.jsonl` -> `x.jsonl`; a log is its own."""
    path = Path(path)
    match = _SEGMENT.match(path.name)
    return path.with_name(match.group("base") + LOG_SUFFIX) if match else path


def segment_path(path: Path, number: int) -> Path:
    """Segment `number` (2, 3, ...) of the chain that `path` belongs to."""
    first = main_log(path)
    if number <= 1:
        return first
    base = first.name[: -len(LOG_SUFFIX)] if first.name.endswith(LOG_SUFFIX) else first.name
    return first.with_name(f"{base}.part{number}{LOG_SUFFIX}")


def is_segment(path: Path) -> bool:
    """True for `x.part<n>.jsonl`, a continuation rather than a log of its own."""
    return _SEGMENT.match(Path(path).name) is not None


def chain_paths(path: Path) -> list[Path]:
    """The log and its segments that exist on disk, in order."""
    first = main_log(path)
    base = first.name[: -len(LOG_SUFFIX)] if first.name.endswith(LOG_SUFFIX) else first.name
    found = [first] if first.exists() else []
    numbered: list[tuple[int, Path]] = []
    try:
        names = os.listdir(first.parent)
    except OSError:
        names = []
    for name in names:
        match = _SEGMENT.match(name)
        if match and match.group("base") == base:
            numbered.append((int(match.group("n")), first.parent / name))
    found.extend(path for _, path in sorted(numbered))
    return found


def next_segment_path(path: Path) -> Path:
    """The first unused segment name after every segment of `path`'s chain."""
    existing = [segment_number(p) for p in chain_paths(path)]
    number = max([*existing, segment_number(path)]) + 1
    while segment_path(path, number).exists():
        number += 1
    return segment_path(path, number)


def roster_path(log: Path) -> Path:
    """`<log>.roster.json` beside the log: the only file with names in it."""
    first = main_log(log)
    return first.with_name(first.name + ROSTER_SUFFIX)


def comments_path(log: Path) -> Path:
    """`<log>.comments.json`: a trainer's comments on a replay."""
    first = main_log(log)
    return first.with_name(first.name + COMMENTS_SUFFIX)


def torn_path(log: Path, offset: int) -> Path:
    """`<log>.torn-<offset>`: the bytes cut off a torn tail at `offset`."""
    log = Path(log)
    return log.with_name(f"{log.name}{TORN_INFIX}{offset}")


def owner_log(path: Path) -> Path | None:
    """The log a file belongs to, judged by its name alone; None for a log itself.

    `x.jsonl.roster.json`, `x.part2.jsonl`, `x.part2.jsonl.torn-7` and the hidden
    temp files of an interrupted atomic write (`.x.jsonl.roster.json.k3j.tmp`) all
    belong to `x.jsonl`.
    """
    path = Path(path)
    bare = path.name.lstrip(".")
    index = bare.find(LOG_SUFFIX)
    if index <= 0:
        return None
    stem = bare[: index + len(LOG_SUFFIX)]
    if stem == path.name:
        return main_log(path) if is_segment(path) else None
    return main_log(path.with_name(stem))


def side_files(log: Path) -> list[Path]:
    """Every other file that belongs to the log: segments, roster, comments, torn tails."""
    first = main_log(log)
    try:
        names = sorted(os.listdir(first.parent))
    except OSError:
        return []
    return [
        first.parent / name
        for name in names
        if name != first.name and owner_log(first.parent / name) == first
    ]


# -- trust: StrictModes ----------------------------------------------------------------


def trust_problem(info: os.stat_result) -> str | None:
    """Why a file or folder another user could have written must not be trusted, or None.

    Like OpenSSH's StrictModes: it must belong to the user sessiontui runs as (root's
    files to root) and must not be writable by its group or by others. A log folder
    others can write lets them plant segments, rosters and comments beside a log.
    """
    if info.st_uid != os.geteuid():
        return f"belongs to another user (uid {info.st_uid})"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o022:
        return f"can be changed by other users (mode {mode:04o})"
    return None


def open_trusted(path: Path) -> int:
    """Open a file that sits beside a log (a segment, the roster, trainer comments) for
    reading, or raise UntrustedFile saying why it must not be read.

    A symlink, a FIFO or a device is refused without being followed or read (a FIFO
    would block the reader forever); so is a file of another user or one that others
    can write. The checks are made on the open file (fstat), so the file read is the
    file checked. FileNotFoundError passes through: a missing file is not a threat.
    """
    from sessiontui.journal.errors import UntrustedFile

    def refuse(reason: str) -> UntrustedFile:
        return UntrustedFile(f"{path.name} {reason}: not read", reason)

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("is a symbolic link") from error
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file")
        problem = trust_problem(info)
        if problem is not None:
            raise refuse(problem)
    except BaseException:
        os.close(fd)
        raise
    return fd
