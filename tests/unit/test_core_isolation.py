"""The core never imports Textual: it must stay fast to import and testable headless."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import sessiontui.core\n"
        "from sessiontui.core import (commands, decide, draft, guards, phases, queue, reduce,\n"
        "    schedule, state, stats, tick, timeline, timers, views, vocabulary)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"textual modules imported: {result.stdout}"
