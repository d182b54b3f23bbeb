"""The import boundaries of DESIGN.md, declared once in pyproject.toml ([tool.importlinter]).

plan, core, journal, report, live, replay and the action table never import Textual,
and each layer (cli > ui > live/replay > report > journal > core > plan) imports only
those below it. import-linter reads the code, so an import inside a function counts too.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_import_boundaries_hold(capsys) -> None:
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "broken" in report and " 0 broken" in report
