"""Updating a Static without reflowing the screen when its size cannot have changed.

`Static.update` asks for a new layout of the whole screen by default. On a screen this
size that reflow is most of the cost of a key press, and most updates (a clock, a
caption, a status line) keep the same lines at the same lengths.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def _shape(text: str | Text) -> tuple[int, int]:
    """Line count and the widest line, in cells."""
    lines = (text.plain if isinstance(text, Text) else text).split("\n")
    return len(lines), max(cell_len(line) for line in lines)


def set_static_text(widget: Static, before: str | Text | None, text: str | Text) -> None:
    """Show `text` in `widget` (which showed `before`). A layout only when the size may
    change: a different line count, a line that might wrap, or (for a widget as wide as
    its text) a different width."""
    if before is None:
        widget.update(text)
        return
    lines, width = _shape(text)
    lines_before, width_before = _shape(before)
    sized_by_text = widget.styles.width is not None and widget.styles.width.is_auto
    same_size = (
        lines == lines_before
        and width <= widget.content_size.width
        and (width == width_before or not sized_by_text)
    )
    widget.update(text, layout=not same_size)
