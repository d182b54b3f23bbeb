"""The report package is plain Python: importing it never imports Textual (DESIGN.md)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_report_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import sessiontui.report\n"
        "from sessiontui.report import (export, fmt, html, json_out, markdown, model, names,\n"
        "    output, prompts, source, svg, walk)\n"
        "import sessiontui.cli.report, sessiontui.cli.export\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"textual modules imported: {result.stdout}"
