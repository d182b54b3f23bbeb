"""The safeguarding panel and ready texts, from the keyboard at 80×24: what is copied for
the call's chat, what is recorded (never words), and what the close lists first."""

from __future__ import annotations

from pathlib import Path

from sessiontui.ui.dialogs import PersonPickerDialog, PickDialog, SafeguardingDialog
from tests.ui.helpers import advance, make_app, screen_text, shown, toasts


def logged(app) -> list[tuple[str, dict]]:
    """The safeguarding and ready-text events saved in the log (read once the app has
    closed it)."""
    from sessiontui.journal.reader import read_chain

    return [(e.type, e.data) for e in read_chain(app.live.log_path).events
            if e.type.startswith(("safeguarding.", "text."))]


async def test_s_chooses_who_then_copies_words_and_helplines_and_records_steps(
        tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "S")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerDialog)
        await pilot.press("2", "enter")  # Dev
        await pilot.pause()
        assert isinstance(app.screen, SafeguardingDialog)
        text = screen_text(app)
        assert "Safeguarding: Dev" in text
        assert "07700 900123" in text and "Samaritans" in text
        assert "Private: who and the steps are recorded, never words" in text
        await pilot.press("w")
        assert app.clipboard.startswith("Thank you for telling us.")
        await pilot.press("2")
        assert app.clipboard == "Shout (UK): text SHOUT to 85258"
        await pilot.press("space", "down", "down", "space")  # steps 1 and 3
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SafeguardingDialog)
        assert "Safeguarding recorded for Dev (private): 2 of 4 steps done" in " ".join(
            toasts(app))
    assert logged(app) == [("safeguarding.recorded",
                            {"participant": "p02", "steps": [0, 2], "prompted": False})]


async def test_looking_at_the_panel_for_no_one_records_nothing(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "S", "0", "enter")
        await pilot.pause()
        assert "Safeguarding: no one in particular" in screen_text(app)
        await pilot.press("1")  # copy a helpline, then close
        assert app.clipboard.startswith("Samaritans")
        await pilot.press("escape")
        await pilot.pause()
    assert logged(app) == []


async def test_a_long_step_out_offers_the_panel_for_that_person(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a", "4", "enter", "s", "escape")  # Margaret steps out
        await pilot.pause()
        await advance(app, pilot, clock, 601)
        assert shown(app, "#alert") == "⚠ Margaret out 10m: S for safeguarding"
        assert "stepped out: Margaret ⚠ S" in shown(app, "#people")
        await advance(app, pilot, clock, 300)  # a timer's alert takes the alert line
        assert "stepped out: Margaret ⚠ S" in shown(app, "#people")  # this line keeps it
        await pilot.press("S")
        await pilot.pause()
        assert "Safeguarding: Margaret" in screen_text(app)
        await pilot.press("w")
        assert "Copied our words: paste it into the call's chat." in screen_text(app)
        assert toasts(app) == []  # said in the panel: a toast would cover the steps
        await pilot.press("o")  # a private note follows
        await pilot.pause()
        assert "Private note" in screen_text(app)
    assert [kind for kind, _ in logged(app)] == ["safeguarding.offered",
                                                  "safeguarding.recorded"]
    assert logged(app)[1][1] == {"participant": "p04", "steps": [], "prompted": True}


async def test_the_close_lists_safeguarding_first_with_the_lead(tmp_path: Path) -> None:
    from tests.ui.helpers import go_to_phase

    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "f", "1", "enter", "enter")  # a plain follow-up: Ciara
        await pilot.pause()
        await pilot.press("S", "2", "enter", "space", "escape")
        await pilot.pause()
        await go_to_phase(app, pilot, len(app.live.plan.phases) - 1)
        await pilot.pause()
        panel = shown(app, "#panel")
        assert panel.startswith("Safeguarding, first")  # never below the fold
        assert panel.index("Safeguarding, first") < panel.index("Follow up after")
        assert "lead Safeguarding lead (on call during sessions): 07700 900123" in panel
        assert ("Dev: still to do: Message them privately in the chat; Share the helplines "
                "in the chat; Tell the safeguarding lead before the end of today") in panel


async def test_c_copies_a_ready_text_filled_for_now_and_logs_its_name(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, "workshop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "C")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("b", "r", "e", "a", "k", "enter")
        await pilot.pause()
        assert app.clipboard == "We're on a break: back in 10 minutes. Grab a tea!"
    assert logged(app) == [("text.copied", {"name": "break"})]


async def test_the_palette_offers_each_ready_text_by_name(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, "workshop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        titles = [command.title for command in app.get_system_commands(app.session_screen)]
        assert "Copy welcome (C)" in titles and "Copy closing (C)" in titles


async def test_a_plan_without_texts_says_so_on_c(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, "drop-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "C")
        await pilot.pause()
        assert not isinstance(app.screen, PickDialog)
        assert "The plan has no ready texts" in " ".join(toasts(app))


async def test_an_offer_closed_with_nothing_done_adds_no_record(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a", "4", "enter", "s", "escape")
        await pilot.pause()
        await advance(app, pilot, clock, 601)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert [kind for kind, _ in logged(app)] == ["safeguarding.offered"]


async def test_the_panel_scrolls_its_words_with_the_page_keys_at_60x20(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n", "S", "2", "enter")
        await pilot.pause()
        assert "people you can talk to tonight" not in screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert "people you can talk to tonight" in screen_text(app)
        assert "esc done" in screen_text(app)  # the keys line fits at 60 columns
        await pilot.press("space")  # the checklist still has the keys
        await pilot.press("escape")
        await pilot.pause()
        assert toasts(app) == []  # it would cover the round at 60x20
        assert "Safeguarding recorded for Dev (private): 1 of 4" in shown(app, "#alert")
    assert logged(app)[-1][1]["steps"] == [0]
