"""Every event the app can write is said in words in the replay's event list: a trainer
never reads "(not known to this version)" for an event of this version."""

from __future__ import annotations

import pytest

from sessiontui.core.vocabulary import EVENTS
from sessiontui.event_words import EventWords
from sessiontui.journal.roster import Names
from tests.unit.core_helpers import EXAMPLES, example
from tests.unit.test_core_vocabulary import full_run


@pytest.mark.parametrize("stem", EXAMPLES)
def test_every_event_of_a_full_run_is_said_in_words(stem: str) -> None:
    run = full_run(stem)
    words = EventWords(example(stem), Names({}), run.events)
    for event in run.events:
        said = words.say(event).text
        assert "not known" not in said and said != event.type, (event.type, said)


def test_every_type_in_the_vocabulary_has_words() -> None:
    from sessiontui import event_words

    assert set(EVENTS) <= set(event_words._SAYINGS), set(EVENTS) - set(event_words._SAYINGS)
