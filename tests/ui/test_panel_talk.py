"""The discussion's talk-time list: when it is cut, it says how many are left out."""

from __future__ import annotations

from sessiontui.core import commands as c
from sessiontui.core.stats import talk_view
from sessiontui.journal.roster import Names
from sessiontui.ui.look import PLAIN
from sessiontui.ui.panels.talk import talk_text
from tests.unit.core_helpers import Run, example

WORKSHOP = example("workshop")  # twelve participants, p01 (Aled) to p12 (Leon)
NAMES = Names({pid: {"name": name} for name, pid in WORKSHOP.participant_ids().items()})


def _discussion_where(speakers: int) -> str:
    """The talk panel's plain text after the first `speakers` people each had a turn."""
    run = Run(WORKSHOP)
    run.to_phase("discussion")
    for n in range(1, speakers + 1):
        run.send(c.StartTurn(f"p{n:02}"))
        run.send(c.EndTurn(), after=10 + n)  # Leon speaks longest, Aled least
    return talk_text(talk_view(run.state, run.t), NAMES, PLAIN).plain


def test_a_cut_list_says_how_many_who_spoke_are_left_out() -> None:
    text = _discussion_where(12)
    lines = text.splitlines()
    assert "+5 more who spoke" in text
    listed = [name for name in NAMES.people if NAMES.name(name) in text]
    assert len(listed) == 7, "seven by name, then the count, in the same eight lines"
    assert "Leon" in text and "Aled" not in text, "the longest talkers are the ones named"
    assert lines[-1].lstrip().startswith("You"), "the facilitator's line stays last"
    assert max(len(line) for line in lines) <= 58, "fits a 60-column window"


def test_a_list_that_fits_names_everyone_and_counts_nobody() -> None:
    text = _discussion_where(8)
    assert "more who spoke" not in text
    assert all(NAMES.name(f"p{n:02}") in text for n in range(1, 9))
    assert "Not spoken yet: Isla, Jonah, Kasia, Leon" in text
