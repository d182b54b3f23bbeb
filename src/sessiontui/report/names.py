"""Who is called what in a report, and keeping names out of text when anonymizing.

Events name people by id (`p01`). A report puts names on them from the roster file
beside the log; without a roster it uses pseudonyms ("Participant 1"), numbered in
order of first appearance: by id within one log, and kept stable across a series
(the same person keeps their number in every session).

With `--anonymize` every person is a label, "Participant N", and the numbers do not
follow the roster's order: they are shuffled with a seed made from the session id
(the ids of a series), so a log always gives the same labels, and its export (which
uses the same seed) carries them to a replay. Every string that reaches the report also
goes through the scrubber, because people type names into notes, answers, takeaways
and report-backs: every roster name (participants with their aliases, walk-ins,
facilitators, guest speakers), whole or any part of two letters or more, in any
spelling `sessiontui.spelling` knows (case, accents, apostrophes, hyphens,
possessives, transliteration), is replaced by that person's label. A part two people
share becomes "[name]". Over-matching a common word is the safe failure: the report
says how many replacements it made, so a trainer can check.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sessiontui.journal.roster import aliases_of, is_label_roster, joins_of
from sessiontui.plan.text import BIDI_CONTROLS

PSEUDONYM = "Participant {n}"
FACILITATOR_PSEUDONYM = "Facilitator {n}"
AMBIGUOUS = "[name]"
"""Stands in for a part of a name that two people share (a surname, say)."""
GUEST = "the guest speaker"
LABELS = (r"participant \d+", r"facilitator \d+", r"\[name\]", r"the guest speaker")
"""The labels that replace names, folded (as regexes): never taken for a name, so
scrubbing twice changes nothing."""

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
    """Replaces known names in free text with their labels (see sessiontui.spelling).

    Built from (label, names) pairs; a find that could be several people's becomes
    AMBIGUOUS. `scrub` also says how many names it replaced.
    """

    def __init__(self, people: Iterable[tuple[str, Iterable[str]]]) -> None:
        from sessiontui.spelling import NameFinder

        self._finder = NameFinder(people, LABELS)

    def __call__(self, text: str) -> str:
        return self.scrub(text)[0]

    def scrub(self, text: str) -> tuple[str, int]:
        """The text with names replaced, and how many were."""
        if not text or not self._finder.active:
            return text, 0
        return self._finder.replace(
            text, lambda owners: next(iter(owners)) if len(owners) == 1 else AMBIGUOUS)

    @property
    def active(self) -> bool:
        """False when there were no names to look for (no roster)."""
        return self._finder.active


def _name_of(entry: Any) -> str | None:
    if isinstance(entry, dict):
        name = entry.get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


def scrub_table(people: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(real name, label) pairs -> the scrubber's (label, names) groups."""
    groups: dict[str, list[str]] = {}
    for name, label in people:
        groups.setdefault(label, []).append(name)
    return list(groups.items())


def shuffled_numbers(count: int, seed: str) -> list[int]:
    """1..count in an order fixed by `seed`: labels that do not follow the roster's
    order (in a small group, "Participant 1" would otherwise be the first name on it)."""
    numbers = list(range(1, count + 1))
    digest = hashlib.sha256(("sessiontui labels\n" + seed).encode("utf-8")).digest()
    random.Random(int.from_bytes(digest[:16], "big")).shuffle(numbers)
    return numbers


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
    joins: dict[str, str] = field(default_factory=dict)
    """id -> phone or chat, for those on the roster who do not join by video."""
    _done: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _count: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)

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
        """Free text as the report shows it: cleaned, and scrubbed when anonymizing.

        Each distinct text is scrubbed once (a phase title appears many times), and
        its replacements counted once."""
        if not text:
            return ""
        if self.scrubber is None:
            return clean(text)
        done = self._done.get(text)
        if done is None:
            done, count = self.scrubber.scrub(clean(text))
            self._done[text] = done
            self._count[0] += count
        return done

    @property
    def replacements(self) -> int:
        """Names replaced in this session's text so far (each distinct text once)."""
        return self._count[0]

    @property
    def scrubbing(self) -> bool:
        """True when this session's roster names typed into text are being replaced."""
        return self.roster_scrubbed and self.scrubber is not None and self.scrubber.active


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


def _people(roster: dict[str, Any] | None, key: str) -> dict[str, Any]:
    people = roster.get(key, {}) if isinstance(roster, dict) else {}
    return people if isinstance(people, dict) else {}


def build_namings(
    sessions: Sequence[tuple[Sequence[str], dict[str, Any] | None]],
    *,
    anonymize: bool,
    guests: Sequence[str] = (),
    seed: str = "",
) -> list[Naming]:
    """One Naming per session (ids, roster or None), consistent across all of them.

    A person is the same across sessions when their roster name matches (case and
    accents folded), else when their id does (no roster). Pseudonym numbers follow
    first appearance: sessions in the order given, ids in order within each; when
    anonymizing they are shuffled with `seed` (the session id, or the series' ids).
    When anonymizing, every roster name and alias, facilitators' names and guest
    speakers' names (from the plans) are scrubbed from text. A roster of labels (a
    trainer export's) gives its labels as they are, and nothing to scrub.
    """
    registry: dict[tuple[str, ...], int] = {}
    per_session: list[tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]] = []
    for ids, roster in sessions:
        participants = _people(roster, "participants")
        labelled = is_label_roster(roster)
        used: set[tuple[str, ...]] = set()
        keys: dict[str, tuple[str, ...]] = {}
        real_names: dict[str, str] = {}
        labels: dict[str, str] = {}
        # Everyone in the roster file too: a name there is a name to keep out of text,
        # even for an id the log never used.
        known = set(ids) | {p for p in participants if isinstance(p, str)}
        for participant in sorted(known, key=id_order):
            real = _name_of(participants.get(participant))
            if labelled:
                if real:
                    labels[participant] = clean(real)
                real = None
            key: tuple[str, ...] = ("name", _fold(real)) if real else ("id", participant)
            if key in used:
                key = (*key, participant)
            used.add(key)
            keys[participant] = key
            registry.setdefault(key, len(registry) + 1)
            if real:
                real_names[participant] = real
        per_session.append((keys, real_names, labels))
    numbers = {key: number for key, number in registry.items()}
    if anonymize:
        order = shuffled_numbers(len(registry), seed)
        numbers = {key: order[number - 1] for key, number in registry.items()}

    scrub_people: list[tuple[str, list[str]]] = []
    mappings: list[dict[str, str]] = []
    for (_ids, roster), (keys, real_names, labels) in zip(sessions, per_session, strict=True):
        participants = _people(roster, "participants")
        mapping: dict[str, str] = {}
        for participant, key in keys.items():
            real = real_names.get(participant)
            if participant in labels:
                mapping[participant] = labels[participant]
            elif anonymize or real is None:
                mapping[participant] = PSEUDONYM.format(n=numbers[key])
            elif len(key) > 2:
                mapping[participant] = clean(f"{real} ({participant})")
            else:
                mapping[participant] = clean(real)
        for participant, real in real_names.items():
            said = [real, *aliases_of(participants.get(participant))]
            scrub_people.append((mapping[participant], said))
        if not is_label_roster(roster):
            facilitators = sorted(_people(roster, "facilitators").items(),
                                  key=lambda item: id_order(item[0]))
            for number, (_, entry) in enumerate(facilitators, 1):
                real = _name_of(entry)
                if real:
                    scrub_people.append((FACILITATOR_PSEUDONYM.format(n=number),
                                         [real, *aliases_of(entry)]))
        # Pronouns are not names, and stay as they are.
        mappings.append(mapping)
    for guest in guests:
        scrub_people.append((GUEST, [guest, _without_titles(guest)]))
    scrubber = Scrubber(_grouped(scrub_people)) if anonymize else None
    namings = []
    for (_ids, roster), mapping in zip(sessions, mappings, strict=True):
        if anonymize or is_label_roster(roster):
            source = "anonymized"
        elif roster is not None:
            source = "roster"
        else:
            source = "pseudonyms"
        has_names = bool(roster_names(roster))
        joins = {pid: way for pid, entry in _people(roster, "participants").items()
                 if (way := joins_of(entry)) != "video"}
        namings.append(Naming(mapping, anonymize, source, scrubber, anonymize and has_names,
                              joins))
    return namings


def _grouped(people: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for label, names in people:
        groups.setdefault(label, []).extend(names)
    return list(groups.items())


def _without_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def roster_names(roster: dict[str, Any] | None) -> list[str]:
    """Every name in a roster (participants and facilitators): what must not leak.
    A roster of labels (a trainer export's) has none."""
    if not isinstance(roster, dict) or is_label_roster(roster):
        return []
    found = []
    for key in ("participants", "facilitators"):
        people = roster.get(key, {})
        if isinstance(people, dict):
            found.extend(name for entry in people.values() if (name := _name_of(entry)))
    return found
