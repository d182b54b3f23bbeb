"""PlanError: every reason a plan is refused, one clear line each."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sessiontui.plan.text import BIDI_CONTROLS


def one_line(text: str) -> str:
    """Text safe to print on one terminal line: control and bidi characters escaped.

    Messages quote what the user wrote, which may hold a newline, an escape sequence
    or a bidi override; printed raw they would break the one-line promise or the
    terminal.
    """
    if text.isprintable():  # the usual case, checked at C speed (bidi controls are not)
        return text
    out = []
    for char in text:
        if char in BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, located where the parser knows it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = one_line(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {one_line(self.message)}"


class PlanError(Exception):
    """A plan that cannot be used. `problems` holds one entry per line to print."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    @classmethod
    def single(
        cls, file: str, message: str, line: int | None = None, column: int | None = None
    ) -> PlanError:
        """A PlanError with one problem."""
        return cls([Problem(file, message, line, column)])
