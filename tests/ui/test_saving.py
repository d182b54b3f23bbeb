""""✓ saved" means fsynced: the header follows the writer's acknowledgements, the
banner comes and goes with write failures, and a roster that cannot be written never
costs a name or crashes the session."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from sessiontui.config import Settings
from sessiontui.core.clock import FakeClock
from sessiontui.journal.reader import read_chain
from sessiontui.journal.roster import load_roster
from sessiontui.live import LiveSession
from sessiontui.plan import load_plan
from sessiontui.ui.app import SessiontuiApp, ShowSession
from tests.conftest import SESSIONS
from tests.ui.helpers import START, shown, toasts

RELEASE_TIMEOUT = 30.0  # a gated fsync gives up after this, so a broken test cannot hang


class GatedFsync:
    """os.fsync that, once armed, waits until the test releases it: a very slow disk."""

    def __init__(self) -> None:
        self.armed = False
        self.released = threading.Event()

    def __call__(self, fd: int) -> None:
        if self.armed:
            self.released.wait(RELEASE_TIMEOUT)
        os.fsync(fd)


class FullDisk:
    """os.write that fails with ENOSPC while `full` is set."""

    def __init__(self) -> None:
        self.full = False

    def __call__(self, fd: int, data: bytes) -> int:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(fd, data)


def open_session(tmp_path: Path, plan: str = "evening-group", **io) -> tuple[LiveSession,
                                                                             SessiontuiApp]:
    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / f"{plan}.toml"), clock=clock,
                             log_dir=tmp_path / "logs", **io)
    assert live.writer.flush(timeout=RELEASE_TIMEOUT)
    app = SessiontuiApp(ShowSession(live), settings=Settings(bell=False, window_title=False),
                        clock=clock)
    return live, app


def header(app: SessiontuiApp) -> str:
    return shown(app, "#status")


def banner(app: SessiontuiApp) -> str | None:
    """The banner's text, or None when it is hidden."""
    widget = app.session_screen.query_one("#banner")
    return str(widget.render()) if widget.display and widget.has_class("-shown") else None


async def test_saved_only_once_every_event_is_fsynced(tmp_path: Path) -> None:
    sync = GatedFsync()
    live, app = open_session(tmp_path, os_fsync=sync)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "✓ saved" in header(app)
        sync.armed = True  # the disk now takes as long as the test wants
        await pilot.press("m", *"a label", "enter")
        await pilot.press("n", "n", "n")
        await pilot.pause()
        unsaved = live.writer.last_seq - live.writer.acked_seq
        assert unsaved >= 4  # the marker, the start, and the steps
        assert f"saving… {unsaved}" in header(app)
        assert "✓ saved" not in header(app)

        screen = app.session_screen
        repaints = []
        show_saving = screen.show_saving
        screen.show_saving = lambda: (repaints.append(1), show_saving())[1]  # type: ignore
        sync.released.set()
        # every ack is posted while this coroutine holds the app's loop: one burst
        assert live.writer.flush(timeout=RELEASE_TIMEOUT)
        await pilot.pause()
        assert "✓ saved" in header(app)
        assert 1 <= len(repaints) < unsaved  # the burst was coalesced
    assert read_chain(live.log_path).events[-1].seq == live.writer.last_seq


async def test_the_banner_clears_once_saving_works_again(tmp_path: Path) -> None:
    disk = FullDisk()
    live, app = open_session(tmp_path, os_write=disk)
    async with app.run_test(size=(80, 24)) as pilot:
        disk.full = True
        await pilot.press("n", "n")
        live.writer.flush(timeout=RELEASE_TIMEOUT)  # settles with the events in memory
        await pilot.pause()
        assert live.writer.failed
        unsaved = live.writer.last_seq - live.writer.acked_seq
        assert f"✗ NOT SAVED {unsaved}" in header(app)
        assert "No space left on device" in (banner(app) or "")
        await pilot.press("m", *"still full", "enter")  # tries again, fails again
        live.writer.flush(timeout=RELEASE_TIMEOUT)
        await pilot.pause()
        assert "saved" not in header(app).replace("NOT SAVED", "")

        disk.full = False  # space was freed
        await pilot.press("m", *"space again", "enter")
        assert live.writer.flush(timeout=RELEASE_TIMEOUT)
        await pilot.pause()
        assert banner(app) is None
        assert "✓ saved" in header(app)
        caught_up = live.writer.recovered
        assert caught_up is not None and caught_up.events == unsaved + 2
        assert any(f"Saving works again: {unsaved + 2} events caught up" in t
                   for t in toasts(app))
    contents = read_chain(live.log_path)
    assert [e.seq for e in contents.events] == list(range(1, live.writer.last_seq + 1))
    assert len(contents.files) == 2  # the events went on in a new segment


async def test_a_walk_in_on_a_full_disk_keeps_the_name(tmp_path: Path, monkeypatch) -> None:
    from sessiontui import live as live_module

    sync = GatedFsync()
    live, app = open_session(tmp_path, "drop-in", os_fsync=sync)
    calls = []
    real_save = live_module.save_roster

    def save_roster(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(live_module, "save_roster", save_roster)
    async with app.run_test(size=(80, 24)) as pilot:
        sync.armed = True  # hold the walk-in's event unacknowledged for a moment
        await pilot.press("j", *"Alex Moreau", "enter")
        await pilot.pause()
        participant = next(iter(live.names.people))
        assert live.names.name(participant) == "Alex Moreau"  # kept in memory
        assert any("Added Alex Moreau" in t for t in toasts(app))
        assert "Roster not saved" in (banner(app) or "")
        assert "No space left on device" in (banner(app) or "")
        assert "✗ NOT SAVED" in header(app)
        roster = load_roster(live.log_path)
        assert participant not in (roster or {}).get("participants", {})

        sync.released.set()  # the event is saved: the roster is written again with it
        assert live.writer.flush(timeout=RELEASE_TIMEOUT)
        await pilot.pause()
        assert banner(app) is None
        assert "✓ saved" in header(app)
    roster = load_roster(live.log_path)
    assert roster is not None
    assert roster["participants"][participant]["name"] == "Alex Moreau"


def test_a_roster_write_failure_is_retried_by_the_next_write(tmp_path: Path,
                                                            monkeypatch) -> None:
    from sessiontui import live as live_module

    clock = FakeClock(START)
    live = LiveSession.begin(load_plan(SESSIONS / "drop-in.toml"), clock=clock,
                             log_dir=tmp_path / "logs")
    real_save = live_module.save_roster
    failing = {"on": True}

    def save_roster(*args, **kwargs):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(live_module, "save_roster", save_roster)
    first = live.add_walk_in("Jo")
    assert live.roster_problem is not None and "No space left" in live.roster_problem
    failing["on"] = False
    second = live.add_walk_in("Priya")
    assert live.roster_problem is None
    people = load_roster(live.log_path)["participants"]  # type: ignore[index]
    assert people[first]["name"] == "Jo" and people[second]["name"] == "Priya"
    assert live.close()
