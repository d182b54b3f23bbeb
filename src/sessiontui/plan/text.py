"""Limits on the text a plan (or a facilitator) may hold.

Names, prompts and notes end up on a screen beside a video call and in logs that
trainers read; a NUL byte, a stray escape sequence or a bidi override would corrupt
one or mislead the other, so they are refused at the door.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator

SHORT_MAX = 200
LONG_MAX = 4000

# Bidi embedding/override/isolate controls: they can make text read differently
# from how it is stored (CVE-2021-42574, "Trojan Source").
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def text_problem(value: str, *, multiline: bool, limit: int) -> str | None:
    """Why this text is refused, or None when it is fine."""
    if len(value) > limit:
        return f"is {len(value)} characters long; the limit is {limit}"
    for index, char in enumerate(value):
        if char == "\x00":
            return f"holds a NUL character at position {index + 1}"
        if char in BIDI_CONTROLS:
            return (
                f"holds a bidi control character (U+{ord(char):04X}) at position "
                f"{index + 1}, which can make text read differently from how it is stored"
            )
        if multiline and char in "\n\t":
            continue
        if unicodedata.category(char) == "Cc":
            return f"holds a control character (U+{ord(char):04X}) at position {index + 1}"
    return None


def _checker(*, multiline: bool, limit: int):
    def check(value: str) -> str:
        problem = text_problem(value, multiline=multiline, limit=limit)
        if problem:
            raise ValueError(f"text {problem}")
        return value

    return check


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _composed(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def name_key(name: str) -> str:
    """What two spellings of one person's name have in common: "José" typed with a
    combining accent, "JOSÉ" and "josé " are the same participant."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold()).strip()


ShortText = Annotated[str, AfterValidator(_checker(multiline=False, limit=SHORT_MAX))]
"""A title or a name: one line, at most 200 characters."""

Name = Annotated[ShortText, AfterValidator(_not_blank), AfterValidator(_composed)]
"""A participant's or facilitator's name: like ShortText, never blank, and held in one
Unicode form (NFC), so that the same name typed two ways is one string."""

LongText = Annotated[str, AfterValidator(_checker(multiline=True, limit=LONG_MAX))]
"""A prompt or a note: newlines and tabs allowed, at most 4,000 characters."""
