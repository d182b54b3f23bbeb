"""Find the line of a key in TOML text, for pydantic errors that only know a path.

tomllib keeps no positions, so this scans the text: table headers give the path
prefix (counting `[[array]]` entries), `key =` lines give the last part. It is a
best effort for well-formed files (the text already parsed), used only for messages.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|=)""")

Path = tuple[str | int, ...]


def _split_dotted(header: str) -> list[str]:
    return [part.strip().strip("\"'") for part in header.split(".")]


def key_positions(text: str) -> dict[Path, tuple[int, int]]:
    """Map each table and key path to its (line, column), both 1-based."""
    positions: dict[Path, tuple[int, int]] = {}
    counts: dict[Path, int] = {}
    current: Path = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if match := _ARRAY_HEADER.match(line):
            parts = _split_dotted(match.group(1))
            prefix = _resolve(parts[:-1], counts)
            base = (*prefix, parts[-1])
            index = counts.get(base, -1) + 1
            counts[base] = index
            current = (*base, index)
            positions.setdefault(base, (number, match.start(1) + 1))
            positions[current] = (number, match.start(1) + 1)
        elif match := _TABLE_HEADER.match(line):
            current = tuple(_resolve(_split_dotted(match.group(1)), counts))
            positions.setdefault(current, (number, match.start(1) + 1))
        elif match := _KEY.match(line):
            key = match.group(2).strip("\"'")
            positions.setdefault((*current, key), (number, len(match.group(1)) + 1))
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return positions


def _resolve(parts: list[str], counts: dict[Path, int]) -> Path:
    """A dotted header's path, with the latest index of any array of tables in it."""
    path: Path = ()
    for part in parts:
        path = (*path, part)
        if path in counts:
            path = (*path, counts[path])
    return path


def locate(text: str, path: Path) -> tuple[int | None, int | None]:
    """The line and column of the deepest known part of `path`, or (None, None)."""
    positions = key_positions(text)
    for end in range(len(path), 0, -1):
        found = positions.get(tuple(path[:end]))
        if found:
            return found
    return None, None
