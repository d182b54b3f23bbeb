"""Who sees typed text: the three privacy classes, and what each one promises.

Every free-text field of the event vocabulary (core/vocabulary.py) has one of these
classes, decided there once. Reports, the export and the dialogs that take the text
all read it from there, so the promise a dialog makes is the one the outputs keep.

- PRIVATE: the facilitator's own notes about people (private notes, follow-up notes,
  pause reasons, safeguarding records). Left out of
  every report and export unless the facilitator asks (--include-notes).
- MEMBERS: members' words (round answers, takeaways, feedback comments, report-backs,
  rules the group added, parked topics, and notes written to be shared). In reports
  and exports for the facilitator's trainer, names replaced when anonymised; left out
  of an anonymised export (`export --anonymize`) unless --include-words.
- SHAREABLE: labels and what the app writes itself (marker labels, the broadcast from
  the plan, a phase's kind). In every report, replay and export; names typed into it
  are still replaced when anonymising.
"""

from __future__ import annotations

from dataclasses import dataclass

PRIVATE = "private"
MEMBERS = "members"
SHAREABLE = "shareable"


@dataclass(frozen=True, slots=True)
class PrivacyClass:
    key: str
    title: str
    meaning: str
    audience: str
    """Who sees text of this class by default (for docs/log-format.md)."""
    dialog: str
    """One short sentence for every dialog that takes text of this class."""


CLASSES: dict[str, PrivacyClass] = {
    PRIVATE: PrivacyClass(
        PRIVATE, "private",
        "the facilitator's own notes about people",
        "only the facilitator: left out of reports and exports unless --include-notes",
        "Private: only in your own report, with --include-notes.",
    ),
    MEMBERS: PrivacyClass(
        MEMBERS, "members' words",
        "what members said, or what is written about them to be shared",
        "reports and exports (names replaced when anonymised); left out of "
        "export --anonymize unless --include-words",
        "Members' words: in reports for your trainer; names replaced when anonymised.",
    ),
    SHAREABLE: PrivacyClass(
        SHAREABLE, "shareable",
        "labels, and text the app or the plan writes",
        "every report, replay and export (names replaced when anonymised)",
        "Shareable: a label your trainer sees in reports, replays and exports.",
    ),
}


def dialog_line(privacy: str) -> str:
    """The sentence a dialog shows under a text field of this class."""
    return CLASSES[privacy].dialog


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What an output may carry: private text only with include_notes, members' words
    unless include_words is False (an anonymised export without --include-words)."""

    include_notes: bool = False
    include_words: bool = True

    def allows(self, privacy: str) -> bool:
        if privacy == PRIVATE:
            return self.include_notes
        if privacy == MEMBERS:
            return self.include_words
        return True


def strictest(*classes: str) -> str:
    """The most private of several classes (for text whose class is not known)."""
    for key in (PRIVATE, MEMBERS, SHAREABLE):
        if key in classes:
            return key
    return PRIVATE


OUTSIDE_THE_LOG: tuple[tuple[str, str, str, str], ...] = (
    ("a trainer's replay comment", "`LOG.comments.json`, never the log", PRIVATE,
     "the trainer and whoever they give the comments file to; a report only with "
     "`report --include-comments` (names replaced when anonymised); never an export"),
    ("a participant's `note` in the plan", "the plan file only (not the log's snapshot)",
     PRIVATE, "only whoever has the plan file"),
    ("participants' names and `aliases`", "`LOG.roster.json`, never the log", PRIVATE,
     "reports without --anonymize; never an export (it carries labels instead)"),
    ("the plan's text (titles, prompts, rules, quiz, phase notes, ready texts, "
     "safeguarding)", "the header's snapshot (names in it replaced by ids)",
     SHAREABLE, "every report, replay and export (names replaced when anonymised)"),
)
"""Text kept somewhere other than an event, with its class (for docs/log-format.md)."""
