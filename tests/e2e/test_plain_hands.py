"""Plain mode agrees with the full app about hands that do not come on video: a hand
starts from how its owner joins, a key changes it, and the line says it in words."""

from __future__ import annotations

from pathlib import Path

from sessiontui.journal.reader import read_chain
from tests.e2e.plain_script import run_plain


def hands_in_log(plain) -> list[dict]:
    events = read_chain(plain.live.log_path).events
    return [dict(e.data) for e in events if e.type == "hand.raised"]


def test_a_phone_hand_comes_by_voice_and_a_key_says_chat(tmp_path: Path) -> None:
    # the workshop plan: Bríd (2) joins by phone, Hamza (8) by chat only
    steps = ["n", "h", "2\n", "\r", "h", "1\n", "c", "h", "8\n", "\r", "s"]
    plain, said = run_plain(tmp_path, steps, plan="workshop")
    assert hands_in_log(plain) == [
        {"participant": "p02", "via": "voice"},
        {"participant": "p01", "via": "chat"},
        {"participant": "p08", "via": "chat"},
    ]
    text = "\n".join(said)
    assert "enter: by voice (usual for Bríd)" in text
    assert "Hand raised by voice: Bríd (on the phone), 1 waiting." in text
    assert "Hand raised in the chat: Aled, 2 waiting." in text
    assert "Hand raised in the chat: Hamza (on chat only), 3 waiting." in text
    assert "☎" not in text and "✉" not in text, "a screen reader would read the symbols"
    assert "Waiting: Bríd (on the phone), Aled, Hamza (on chat only)." in text  # s


def test_a_group_all_on_video_is_not_asked(tmp_path: Path) -> None:
    plain, said = run_plain(tmp_path, ["n", "h", "1\n"])  # evening group: all on video
    assert hands_in_log(plain) == [{"participant": "p01", "via": "video"}]
    assert not any("Where did the hand come from" in line for line in said)


def test_plain_safeguarding_says_the_panel_and_records_no_words(tmp_path: Path) -> None:
    steps = ["n", "S", "2\n", "y", "n", "y", "n", "C"]
    plain, said = run_plain(tmp_path, steps, plan="evening-group")
    text = "\n".join(said)
    assert "Safeguarding: about Dev." in text
    assert "Safeguarding lead: Safeguarding lead (on call during sessions): 07700 900123." in text
    assert "Helpline: Samaritans (UK and Ireland): 116 123 (free, 24 hours)." in text
    assert "Safeguarding recorded (private, no words)" in text
    assert "The plan has no ready texts" in text
    events = read_chain(plain.live.log_path).events
    [record] = [e.data for e in events if e.type == "safeguarding.recorded"]
    assert record == {"participant": "p02", "steps": [0, 2], "prompted": False}
