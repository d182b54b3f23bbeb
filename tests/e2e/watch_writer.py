"""The facilitator's side of the watch test: a writer in a process of its own.

For each line read on stdin it appends one sample event and, once it is saved (after
fsync), prints its seq. The fsync of event FAIL_AT fails once, as a full disk's would:
the writer moves to a new segment (`.part2.jsonl`) and writes the unsaved event again
there, so the watcher sees the log change file mid-session.

    python tests/e2e/watch_writer.py LOG FAIL_AT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from sessiontui.journal.files import full_fsync  # noqa: E402
from sessiontui.journal.writer import JournalWriter  # noqa: E402
from tests.unit.journal_child import sample_event, sample_header  # noqa: E402


def main(log: Path, fail_at: int) -> int:
    state = {"syncs": 0, "failed": False}

    def fsync(fd: int) -> None:
        state["syncs"] += 1
        # sync 1 is the header's; sync n + 1 is event n's
        if state["syncs"] == fail_at + 1 and not state["failed"]:
            state["failed"] = True
            raise OSError(28, "No space left on device")
        full_fsync(fd)

    writer = JournalWriter.create(log, sample_header(), os_fsync=fsync)
    for seq, _ in enumerate(sys.stdin, start=1):
        writer.append(sample_event(seq))
        if not writer.flush(30):
            return 1
        os.write(1, b"%d %s\n" % (seq, writer.path.name.encode()))
    writer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
