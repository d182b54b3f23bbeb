"""Who is called what in a report, and keeping names out of text when anonymizing.

Events name people by id (`p01`). A report puts names on them from the roster file
beside the log; without a roster, or with `--anonymize`, it uses pseudonyms
("Participant 1"), numbered in order of first appearance: by id within one log, and
kept stable across a series (the same person keeps their number in every session).

With `--anonymize`, every string that reaches the report also goes through the
scrubber, because people type names into notes, answers, takeaways and
report-backs: every roster name (participants and facilitators, whole names and each
part of a name, case-insensitively, with and without accents) found as a whole word
is replaced by that person's pseudonym.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sessiontui.plan.text import BIDI_CONTROLS

PSEUDONYM = "Participant {n}"
FACILITATOR_PSEUDONYM = "Facilitator {n}"
AMBIGUOUS = "[name]"
"""Stands in for a part of a name that two people share (a surname, say)."""

FACILITATOR = "facilitator"


def clean(text: str) -> str:
    """Control and bidi characters out: a hand-edited log cannot drive a terminal or
    make text read differently from how it is stored. Newlines and tabs stay."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\t":
            out.append(char)
        elif char in BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    return "".join(out)


def _fold(text: str) -> str:
    """Case and accents folded: "Bríd" and "brid" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def id_order(participant: str) -> tuple[int, str]:
    """p2 before p10: ids sort by their number."""
    digits = "".join(char for char in participant if char.isdigit())
    return (int(digits) if digits else 1 << 30, participant)


class Scrubber:
    """Replaces known names in free text, whole words only, in one regex pass.

    Longer names are tried first, so "Ciara Byrne" becomes one pseudonym rather than
    a pseudonym and a surname. A replacement is never scanned again.
    """

    def __init__(self, names: dict[str, str]) -> None:
        """`names`: a name (as typed in the roster) -> what replaces it."""
        self._table: dict[str, str] = {}
        for name, replacement in names.items():
            for variant in {name.casefold(), _fold(name)}:
                if variant.strip():
                    self._table.setdefault(variant, replacement)
        if not self._table:
            self._pattern: re.Pattern[str] | None = None
            return
        alternatives = sorted(self._table, key=lambda n: (-len(n), n))
        # A word boundary that treats "_" as a boundary too (file names, slugs).
        self._pattern = re.compile(
            r"(?<![^\W_])(?:" + "|".join(re.escape(n) for n in alternatives) + r")(?![^\W_])",
            re.IGNORECASE,
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self._table.get(found.casefold()) or self._table.get(_fold(found)) or AMBIGUOUS

    @property
    def active(self) -> bool:
        """False when there were no names to look for (no roster)."""
        return self._pattern is not None


def _name_of(entry: Any) -> str | None:
    if isinstance(entry, dict):
        name = entry.get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


def scrub_table(people: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(real name, replacement) pairs -> the scrubber's table: each whole name, and
    each part of a name of two letters or more; a part two people share becomes
    AMBIGUOUS."""
    whole: dict[str, str] = {}
    parts: dict[str, str] = {}
    for name, replacement in people:
        whole.setdefault(name, replacement)
        pieces = [
            p for p in re.split(r"[^\w'’]+|_", name)
            if len(p.strip("'’")) >= 2 and p.casefold() not in HONORIFICS
        ]
        if len(pieces) < 2:
            continue
        for piece in pieces:
            key = piece.casefold()
            if key in parts and parts[key] != replacement:
                parts[key] = AMBIGUOUS
            else:
                parts[key] = replacement
    table = dict(parts)
    table.update({name.casefold(): value for name, value in whole.items()})
    return table


@dataclass(frozen=True)
class Naming:
    """Names for one session's ids, and the text filter every string goes through."""

    names: dict[str, str]
    anonymized: bool
    source: str
    """roster | pseudonyms | anonymized: where the names in the report come from."""
    scrubber: Scrubber | None = field(default=None, compare=False)
    roster_scrubbed: bool = False
    """Anonymized, with this session's roster names to look for in free text."""

    def name(self, participant: str | None) -> str:
        """The display name of an id; the facilitator is "Facilitator"."""
        if participant is None:
            return "the group"
        if participant == FACILITATOR:
            return "Facilitator"
        return self.names.get(participant) or clean(participant)

    def names_of(self, participants: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.name(p) for p in participants)

    def text(self, text: str | None) -> str:
        """Free text as the report shows it: cleaned, and scrubbed when anonymizing."""
        if not text:
            return ""
        text = clean(text)
        if self.scrubber is not None:
            text = self.scrubber(text)
        return text

    @property
    def scrubbing(self) -> bool:
        """True when this session's roster names typed into text are being replaced."""
        return self.roster_scrubbed and self.scrubber is not None and self.scrubber.active


GUEST = "the guest speaker"
HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "rev",
                        "sir", "dame", "dr.", "prof.", "mr.", "mrs.", "ms.", "mx."})


def guest_names(plans: Iterable[Any]) -> list[str]:
    """Guest speakers' names from plans: not on any roster, and still names."""
    found = []
    for plan in plans:
        for phase in getattr(plan, "phases", ()):
            speaker = getattr(phase, "speaker", None)
            if isinstance(speaker, str) and speaker.strip():
                found.append(speaker.strip())
    return found


def _without_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def build_namings(
    sessions: Sequence[tuple[Sequence[str], dict[str, Any] | None]],
    *,
    anonymize: bool,
    guests: Sequence[str] = (),
) -> list[Naming]:
    """One Naming per session (ids, roster or None), consistent across all of them.

    A person is the same across sessions when their roster name matches (case and
    accents folded), else when their id does (no roster). Pseudonym numbers follow
    first appearance: sessions in the order given, ids in order within each. When
    anonymizing, guest speakers' names (from the plans) are scrubbed too.
    """
    registry: dict[tuple[str, ...], tuple[int, str | None]] = {}
    namings: list[Naming] = []
    per_session: list[dict[str, str]] = []
    scrub_pairs: list[tuple[str, str]] = []
    for ids, roster in sessions:
        participants = roster.get("participants", {}) if isinstance(roster, dict) else {}
        if not isinstance(participants, dict):
            participants = {}
        used: set[tuple[str, ...]] = set()
        real_names: dict[str, str] = {}
        keys: dict[str, tuple[str, ...]] = {}
        # Everyone in the roster file too: a name there is a name to keep out of text,
        # even for an id the log never used.
        known = set(ids) | {p for p in participants if isinstance(p, str)}
        for participant in sorted(known, key=id_order):
            real = _name_of(participants.get(participant))
            key: tuple[str, ...] = ("name", _fold(real)) if real else ("id", participant)
            if key in used:
                key = (*key, participant)
            used.add(key)
            keys[participant] = key
            if key not in registry:
                registry[key] = (len(registry) + 1, real)
            if real:
                real_names[participant] = real
        mapping: dict[str, str] = {}
        for participant, key in keys.items():
            number = registry[key][0]
            real = real_names.get(participant)
            if anonymize or real is None:
                mapping[participant] = PSEUDONYM.format(n=number)
            elif len(key) > 2:
                mapping[participant] = clean(f"{real} ({participant})")
            else:
                mapping[participant] = clean(real)
        for participant, real in real_names.items():
            scrub_pairs.append((real, mapping[participant]))
        facilitators = roster.get("facilitators", {}) if isinstance(roster, dict) else {}
        if isinstance(facilitators, dict):
            for number, (_, entry) in enumerate(
                sorted(facilitators.items(), key=lambda item: id_order(item[0])), 1
            ):
                real = _name_of(entry)
                if real:
                    scrub_pairs.append((real, FACILITATOR_PSEUDONYM.format(n=number)))
        # Pronouns are not names, and stay as they are.
        per_session.append(mapping)
    for guest in guests:
        scrub_pairs.append((guest, GUEST))
        bare = _without_titles(guest)
        if bare != guest:
            scrub_pairs.append((bare, GUEST))
    scrubber = Scrubber(scrub_table(scrub_pairs)) if anonymize else None
    for (_ids, roster), mapping in zip(sessions, per_session, strict=True):
        if anonymize:
            source = "anonymized"
        elif roster is not None:
            source = "roster"
        else:
            source = "pseudonyms"
        has_names = bool(roster_names(roster))
        namings.append(Naming(mapping, anonymize, source, scrubber, anonymize and has_names))
    return namings


def roster_names(roster: dict[str, Any] | None) -> list[str]:
    """Every name in a roster (participants and facilitators): what must not leak."""
    if not isinstance(roster, dict):
        return []
    found = []
    for key in ("participants", "facilitators"):
        people = roster.get(key, {})
        if isinstance(people, dict):
            found.extend(name for entry in people.values() if (name := _name_of(entry)))
    return found
