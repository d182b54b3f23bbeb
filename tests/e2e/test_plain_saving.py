"""Plain mode keeps the full app's promise: acknowledged means saved. "saving…" and
"NOT SAVED" are said when the saving state changes (never once per key), and so is
the way back to "saved"."""

from __future__ import annotations

from pathlib import Path

from sessiontui.journal.reader import read_chain
from sessiontui.live import LiveSession
from tests.e2e.plain_script import Do, Step, Wait, run_plain
from tests.ui.test_saving import RELEASE_TIMEOUT, FullDisk, GatedFsync


def test_a_slow_disk_is_said_once_then_saved(tmp_path: Path) -> None:
    sync = GatedFsync()

    def script(live: LiveSession) -> list[Step]:
        return ["n", Do(lambda: setattr(sync, "armed", True)), "m", "first\n", "m", "second\n",
                Do(sync.released.set), Do(lambda: live.writer.flush(RELEASE_TIMEOUT)),
                Wait(1), "\x11", "l"]

    _, said = run_plain(tmp_path, script, save_wait=0.05, os_fsync=sync)
    first = said.index("Marker: first.")
    assert said[first + 1].startswith("Saving… 1 event not on disk yet"), said
    assert said[first + 2:first + 5] == [
        "Marker: A label for this moment (a chapter in the replay). Shareable: a label your "
        "trainer sees in reports, replays and exports. Type it, then enter (an empty line "
        "cancels).",
        "Marker: second.",
        "Saved: everything so far is on disk.",
    ], said
    assert sum(line.startswith("Saving…") for line in said) == 1, said


def test_a_full_disk_is_said_loudly_once_and_nothing_is_lost(tmp_path: Path) -> None:
    disk = FullDisk()
    steps = ["n", Do(lambda: setattr(disk, "full", True)), "m", "on a full disk\n", "n", "n",
             Do(lambda: setattr(disk, "full", False)), Wait(30), "m", "later\n", "\x11", "l"]
    plain, said = run_plain(tmp_path, steps, save_wait=0.5, os_write=disk)
    loud = [line for line in said if line.startswith("NOT SAVED")]
    assert len(loud) == 1 and "No space left on device" in loud[0], said
    assert "The log cannot be written now" not in " ".join(said[-3:])  # saved by then
    assert plain.live.writer.flush(RELEASE_TIMEOUT)
    types = [e.type for e in read_chain(plain.live.log_path).events]
    assert types.count("marker.added") == 2
