"""Where the bundled themes and example plans live.

In a wheel they are packed under ``sessiontui/_data``; in a source checkout (editable
install, or tests run from the repository) they sit at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    packed = _PACKAGE / "_data" / name
    if packed.is_dir():
        return packed
    return _PACKAGE.parents[1] / name


def sessions_dir() -> Path:
    """The folder of bundled example plans."""
    return _bundled("sessions")


def themes_dir() -> Path:
    """The folder of bundled theme files."""
    return _bundled("themes")


DEFAULT_PLAN_NAME = "evening-group.toml"
