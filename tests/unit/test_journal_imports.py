"""plan, core, journal and report never import Textual (DESIGN.md); the journal is checked here."""

from __future__ import annotations

import subprocess
import sys


def test_journal_imports_no_textual() -> None:
    code = (
        "import sys, sessiontui.journal, sessiontui.journal.writer, sessiontui.journal.reader, "
        "sessiontui.journal.recovery, sessiontui.journal.catalog, sessiontui.journal.roster, "
        "sessiontui.cli.logs; "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
