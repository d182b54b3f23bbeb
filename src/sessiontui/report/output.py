"""Writing a report or an export to a file: owner-only, never over an existing file.

Reports and exports hold people's words, and names unless anonymized, so they are
created 0600 like the logs, with O_EXCL: a typo in `-o` cannot replace a file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sessiontui.report.source import ReportError


def write_new(target: Path | str, data: bytes) -> None:
    """Create `target` 0600 and write `data`, fsynced; a failure leaves no half file."""
    from sessiontui.journal.paths import FILE_MODE, fix_fd_mode

    target = Path(target)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError as error:
        raise ReportError(f"{target}: already exists; it is never replaced") from error
    except OSError as error:
        raise ReportError(f"{target}: cannot create ({error.strerror or error})") from error
    try:
        fix_fd_mode(fd)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except OSError as error:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise ReportError(f"{target}: cannot write ({error.strerror or error})") from error
    os.close(fd)
