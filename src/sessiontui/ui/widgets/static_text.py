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
    """Line count and the widest line, in cells (a tab counts as far as it reaches)."""
    lines = (text.plain if isinstance(text, Text) else text).split("\n")
    return len(lines), max(cell_len(line.expandtabs()) for line in lines)


def set_static_text(widget: Static, before: str | Text | None, text: str | Text) -> None:
    """Show `text` in `widget` (which showed `before`), asking for a layout only when
    the widget's size may change.

    It cannot when the widget is hidden, or when its height and width are fixed in
    cells. Otherwise it keeps its size when the new text has as many lines as the
    widget is tall now, none of them wraps, and (for a widget as wide as its text)
    the widest line is as wide as before.
    """
    styles = widget.styles
    sized_by_text = styles.width is not None and styles.width.is_auto
    fixed = styles.height is not None and styles.height.is_cells and not sized_by_text
    if not widget.display or (before is not None and fixed):
        widget.update(text, layout=False)
        return
    if before is None:
        widget.update(text)
        return
    lines, width = _shape(text)
    same_size = (
        lines == widget.content_size.height
        and width <= widget.content_size.width
        and (not sized_by_text or width == _shape(before)[1])
    )
    widget.update(text, layout=not same_size)
