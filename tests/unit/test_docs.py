"""The docs say what the code does: generated tables stay in step with their sources."""

from __future__ import annotations

from pathlib import Path

from sessiontui.core.vocabulary import markdown_table

DOCS = Path(__file__).resolve().parents[2] / "docs"


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end)].strip()


def test_log_format_lists_every_event_type_as_the_code_does() -> None:
    text = (DOCS / "log-format.md").read_text(encoding="utf-8")
    table = between(text, "<!-- events:start -->", "<!-- events:end -->")
    assert table == markdown_table().strip(), (
        "docs/log-format.md is out of date: regenerate the events table from "
        "sessiontui.core.vocabulary.markdown_table()"
    )


def test_keys_doc_lists_every_action() -> None:
    from sessiontui.actions import SESSION_ACTIONS, keys_markdown

    text = (DOCS / "keys.md").read_text(encoding="utf-8")
    table = between(text, "<!-- keys:start -->", "<!-- keys:end -->")
    assert table == keys_markdown(SESSION_ACTIONS).strip()
    for action in SESSION_ACTIONS:
        assert f"`{action.id}`" in text


def test_keys_doc_lists_every_replay_action() -> None:
    from sessiontui.actions import REPLAY_ACTIONS, keys_markdown

    text = (DOCS / "keys.md").read_text(encoding="utf-8")
    table = between(text, "<!-- replay-keys:start -->", "<!-- replay-keys:end -->")
    assert table == keys_markdown(REPLAY_ACTIONS).strip(), (
        "docs/keys.md's replay section is out of date: regenerate it from "
        "sessiontui.actions.keys_markdown(REPLAY_ACTIONS)"
    )


def test_keys_doc_lists_every_watch_action() -> None:
    from sessiontui.actions import WATCH_ACTIONS, keys_markdown

    text = (DOCS / "keys.md").read_text(encoding="utf-8")
    table = between(text, "<!-- watch-keys:start -->", "<!-- watch-keys:end -->")
    assert table == keys_markdown(WATCH_ACTIONS).strip(), (
        "docs/keys.md's watch section is out of date: regenerate it from "
        "sessiontui.actions.keys_markdown(WATCH_ACTIONS)"
    )
    assert "replay.comment" not in table  # watch writes nothing


def test_keys_doc_lists_plain_modes_own_keys() -> None:
    from sessiontui.actions import PLAIN_ACTIONS, keys_markdown

    text = (DOCS / "keys.md").read_text(encoding="utf-8")
    table = between(text, "<!-- plain-keys:start -->", "<!-- plain-keys:end -->")
    assert table == keys_markdown(PLAIN_ACTIONS).strip()
