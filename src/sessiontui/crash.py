"""When something unexpected goes wrong: one line for the user, the details in a file.

A facilitator may be sharing their screen, so a traceback is never printed: it goes to
a private crash file (`<state>/crash/<time>-<pid>.txt`, 0600 in a 0700 folder) with
every name the program knows replaced by its id (`p03`, `f1`). The names are those of
the plans loaded and of the sessions opened in this process, walk-ins included: they
are handed over with `remember_names` as they become known.

Plain Python: the CLI and the app both report through here.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import traceback
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FOLDER = "crash"

_names: dict[str, str] = {}  # name -> id
_lock = threading.Lock()


def remember_names(people: Mapping[str, Any]) -> None:
    """Note who is who: `people` maps an id to a name, or to a roster entry with one
    (whose aliases are names too: "Zo" in a traceback is as private as "Ζωή")."""
    with _lock:
        for person_id, entry in people.items():
            name = entry.get("name") if isinstance(entry, Mapping) else entry
            aliases = entry.get("aliases") if isinstance(entry, Mapping) else None
            others = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
            for each in (name, *others):
                if isinstance(each, str) and each.strip():
                    _names[each] = str(person_id)


def known_names() -> dict[str, str]:
    """Every name noted so far, with its id."""
    with _lock:
        return dict(_names)


def scrub(text: str, names: Mapping[str, str] | None = None) -> str:
    """`text` with every name replaced by its id: as typed, in any case, and as Python
    and JSON escape it (a traceback shows reprs: 'Zo\\xeb', "Zo\\u00eb")."""
    names = known_names() if names is None else names
    spellings: dict[str, str] = {}
    for name, person_id in names.items():
        for form in _forms(name):
            if form.strip():
                spellings.setdefault(form, person_id)
    if not spellings:
        return text
    ordered = sorted(spellings, key=len, reverse=True)  # "Sam Lee" before "Sam"
    # Not inside a word ("Jo" is not replaced in "json"), but beside digits and
    # underscores, where an identifier may have glued a name on ("p_Jo").
    alternatives = "|".join(re.escape(form) for form in ordered)
    pattern = re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
    folded = {form.casefold(): person_id for form, person_id in spellings.items()}

    def replace(match: re.Match[str]) -> str:
        return folded.get(match.group(0).casefold(), "?")

    return pattern.sub(replace, text)


def _forms(name: str) -> set[str]:
    import json

    forms = {name, name.strip()}
    forms.add(repr(name)[1:-1])
    forms.add(ascii(name)[1:-1])
    forms.add(json.dumps(name)[1:-1])
    forms.add(json.dumps(name, ensure_ascii=False)[1:-1])
    return forms


def crash_dir() -> Path:
    """The private folder crash files go to, created 0700."""
    from sessiontui.journal import paths

    folder = paths.state_dir() / FOLDER
    owned = 1 if os.environ.get(paths.STATE_DIR_ENV) else 2
    return paths.ensure_private_dir(folder, owned_levels=owned)


def write_report(error: BaseException, context: str = "") -> Path:
    """Write the traceback of `error`, names replaced, to a new private file."""
    from sessiontui import __version__

    lines = [f"sessiontui {__version__}, Python {sys.version.split()[0]}, {sys.platform}"]
    if context:
        lines.append(f"while: {context}")
    lines.append("")
    lines.extend(traceback.format_exception(type(error), error, error.__traceback__))
    text = scrub("\n".join(line.rstrip("\n") for line in lines)) + "\n"
    folder = crash_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = folder / f"{stamp}-{os.getpid()}.txt"
    number = 1
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            number += 1
            target = folder / f"{stamp}-{os.getpid()}-{number}.txt"
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
        data = text.encode("utf-8", "replace")
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)
    return target


def report(error: BaseException, context: str = "") -> str:
    """Save the details of `error` and return the one line to show the user."""
    try:
        target = write_report(error, context)
    except Exception as failure:  # no crash file: still never print the traceback
        reason = getattr(failure, "strerror", None) or type(failure).__name__
        return (f"sessiontui: something went wrong ({type(error).__name__}); "
                f"the details could not be saved ({reason})")
    return f"sessiontui: something went wrong; details were saved to {target}"


def print_report(error: BaseException, context: str = "") -> None:
    """`report`, printed to stderr (quietly, if stderr has gone with the terminal)."""
    line = report(error, context)
    with contextlib.suppress(Exception):
        print(line, file=sys.stderr)


__all__ = ["crash_dir", "known_names", "print_report", "remember_names", "report", "scrub",
           "write_report"]
