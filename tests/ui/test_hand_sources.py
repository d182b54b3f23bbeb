"""People who cannot raise a hand on video: the picker records where a hand came from
(starting from how the person joins), and the queue says it in words."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import make_app, shown

PLAN = """
[session]
title = "Hands"

[[participants]]
name = "Ana"

[[participants]]
name = "Bo"
joins = "phone"

[[participants]]
name = "Cy"
joins = "chat"

[[phases]]
kind = "discussion"
title = "Talk"
duration = "20m"
"""


async def test_a_phone_participants_hand_comes_by_voice_and_the_queue_says_so(
        tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "h", "2")
        via = str(app.screen.query_one("#via").render())
        assert via.startswith("Hand came by voice"), via
        await pilot.press("enter")
        await pilot.pause()
        queue = shown(app, "#panel")
        assert "1. Bo  ☎ phone  waiting" in queue, "by voice, as a phone hand goes"
        hands = app.session_screen.live.state.floor.hands
        assert [(h.participant, h.via) for h in hands] == [("p02", "voice")]


async def test_tab_says_the_hand_came_in_the_chat(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "h", "1")
        assert str(app.screen.query_one("#via").render()).startswith("Hand came on video")
        await pilot.press("tab")
        assert str(app.screen.query_one("#via").render()).startswith("Hand came in the chat")
        await pilot.press("enter")
        await pilot.pause()
        assert "1. Ana  in the chat" in shown(app, "#panel")
        await pilot.press("h", "3", "enter")  # on chat only: the chat, without a key
        await pilot.pause()
        queue = shown(app, "#panel")
        assert "2. Cy  ✉ chat  waiting" in queue, queue
        hands = app.session_screen.live.state.floor.hands
        assert [h.via for h in hands] == ["chat", "chat"]


async def test_a_phone_hand_typed_in_the_chat_says_so(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "h", "2", "shift+tab", "enter")  # from voice back to chat
        await pilot.pause()
        assert "1. Bo  ☎ phone, in the chat  waiting" in shown(app, "#panel")


async def test_the_picker_and_attendance_show_how_people_join(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        options = app.screen.query_one("#people", OptionList)
        labels = [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
        assert any("Bo  ☎ phone" in label for label in labels), labels
        assert any("Cy  ✉ chat" in label for label in labels), labels


async def test_a_rounds_seats_say_who_is_on_the_phone_or_on_chat(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, "workshop")  # Bríd on the phone, Hamza on chat only
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        panel = shown(app, "#panel")
        assert "Next: Bríd  ☎ phone" in panel and "· Hamza  ✉ chat" in panel, panel
        await pilot.press("n")
        await pilot.pause()
        assert "Now: Bríd  ☎ phone" in shown(app, "#panel")


async def test_the_speaker_line_says_someone_is_on_the_phone(tmp_path: Path) -> None:
    """The call's own view may not show a phone participant: the line saying who has
    the floor does."""
    app, _clock = make_app(tmp_path, text=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "h", "2", "enter")
        await pilot.pause()
        await pilot.press("enter")  # Bo has the floor
        await pilot.pause()
        assert "Speaking: Bo  ☎ phone" in shown(app, "#panel")
