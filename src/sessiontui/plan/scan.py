"""One linear pass over a plan's text before tomllib reads it.

It does two things. It bounds the work: `tomllib` spends time quadratic in the parts of
a dotted key (a 50,000-part key took 94 s and 9.8 GB), recurses once per level of
nesting, and runs at about a microsecond per token, so a plan is refused here, at the
place it goes wrong, when a key has too many parts, values nest too deeply, a string
or a bare value is longer than any plan needs, or the file holds more tokens than any
plan does. And it records where every key, table and array entry starts, so that a
problem pydantic finds (which knows only a path such as `phases[3].duration`) can be
printed as `FILE:LINE:COL`.

The pass follows TOML's lexical rules closely enough to be right on every valid
document. On an invalid one it may stop early (`complete` is then False): tomllib
reads the same text next and says what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_KEY_PARTS = 10
"""Parts of one dotted key or table header; a plan needs three at most."""
MAX_DEPTH = 10
"""Arrays and inline tables inside each other; a plan needs three at most."""
MAX_TOKENS = 20_000
"""Keys, values and brackets in the whole file; the largest real plans hold a few thousand."""
MAX_STRING = 50_000
"""Characters of one string as written; the longest plan text is 4,000 characters."""
MAX_BARE = 100
"""Characters of one bare key, number, date or word such as `true`."""
MAX_LINES = 50_000
"""Lines in the file, counting blank and comment lines: tomllib reads each in Python."""

Path = tuple[str | int, ...]

# One token a match, with the spaces before it. Blank lines and comment lines run into
# one `nl` token, so that their number does not count.
_TOKEN = re.compile(
    r"""[ \t]*+(?:
    (?P<nl>(?:\#[^\r\n]*+)?\r?\n(?:[ \t]++|\r?\n|\#[^\r\n]*+)*+)
  | (?P<punct>\[\[|\]\]|[\[\]{}=,])
  | (?P<datetime>\d{4}-\d\d-\d\d[Tt\ ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)
  | (?P<bare>[A-Za-z0-9_+\-.:]++)
  | (?P<basic>"(?!"")(?:[^"\\\r\n]++|\\[^\r\n])*+")
  | (?P<literal>'(?!'')[^'\r\n]*+')
  | (?P<mlbasic>\"\"\"(?:[^"\\]++|\\[\s\S]|"(?!""))*+\"\"\"(?:"{1,2}(?!"))?)
  | (?P<mlliteral>'''(?:[^']++|'(?!''))*+'''(?:'{1,2}(?!'))?)
  | (?P<open>\"\"\"|'''|["'])
  | (?P<comment>\#[^\r\n]*+)
  | (?P<other>[\s\S])
    )""",
    re.VERBOSE,
)
_STRINGS = frozenset({"mlbasic", "mlliteral", "basic", "literal"})
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b",
                   '"': '"', "\\": "\\"}

# What the pass expects next.
_KEY, _HEADER, _VALUE, _AFTER_VALUE = range(4)


class ScanLimit(Exception):
    """The text goes past one of the limits above, at a known place."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Scan:
    """Where things are in the text, found in one pass."""

    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    complete: bool = True

    def find(self, path: Path) -> tuple[int, int]:
        """The line and column of the deepest part of `path` the text has; the top of
        the file for a key missing from the top-level table."""
        for end in range(len(path), 0, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return 1, 1


def _decode_key(kind: str, raw: str) -> str:
    if kind == "literal":
        return raw[1:-1]
    return _ESCAPE.sub(_unescape, raw[1:-1])


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uUx" and len(code) > 1:
        value = int(code[1:], 16)
        return chr(value) if value < 0x110000 and not 0xD800 <= value < 0xE000 else "\ufffd"
    return _SIMPLE_ESCAPES.get(code, code)


@dataclass
class _Container:
    path: Path
    is_array: bool
    index: int = 0


def scan(text: str) -> Scan:
    """Positions of the keys in `text`, or ScanLimit where a limit is crossed."""
    return _Scanner(text).run()


class _Scanner:
    """The pass itself: a small state machine over the tokens of `_TOKEN`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.result = Scan()
        self.positions = self.result.positions
        self.stack: list[_Container] = []
        self.state = _KEY
        self.table: Path = ()
        self.aot_counts: dict[Path, int] = {}
        self.parts: list[str] = []
        self.key_at: tuple[int, int] | None = None
        self.header_is_array = False
        self.value_path: Path = ()

    def run(self) -> Scan:
        text = self.text
        line, line_start = 1, 0
        tokens = 0
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup
            if kind == "nl":
                token = match.group(kind)
                line += token.count("\n")
                line_start = text.rfind("\n", 0, match.end()) + 1
                if not self.stack:
                    self.state, self.parts, self.key_at = _KEY, [], None
                continue
            if kind == "comment":
                continue
            at = match.start(kind)
            where = (line, at - line_start + 1)
            if kind == "open":
                self._unclosed(match.group(kind), at, where)
                break
            if kind == "other":
                # No valid document has this character here: tomllib says what is
                # wrong; all before it was within bounds.
                self.result.complete = False
                break
            token = match.group(kind)
            tokens += 1
            if tokens > MAX_TOKENS:
                raise ScanLimit(f"the file holds more than {MAX_TOKENS:,} keys, values and "
                                "brackets: far more than a session plan needs", *where)
            if line > MAX_LINES:
                break
            if kind in _STRINGS:
                if len(token) > MAX_STRING:
                    raise ScanLimit(f"a string of {len(token):,} characters; the longest "
                                    "text a plan holds is 4,000 characters", *where)
                if kind[0] == "m" and "\n" in token:
                    line += token.count("\n")
                    line_start = text.rfind("\n", at, match.end()) + 1
            if self.state == _KEY or self.state == _HEADER:
                self._in_key(kind, token, where)
            elif self.state == _VALUE:
                self._in_value(kind, token, where)
            else:
                self._after_value(token)
        if line > MAX_LINES:
            raise ScanLimit(f"the file has more than {MAX_LINES:,} lines: far more than a "
                            "session plan needs", MAX_LINES + 1, 1)
        return self.result

    def _unclosed(self, quotes: str, at: int, where: tuple[int, int]) -> None:
        """A string that is never closed: tomllib reports it, unless it is so long that
        reading it would take tomllib a while (its escapes are read one by one)."""
        end = len(self.text) if len(quotes) == 3 else self.text.find("\n", at)
        length = (len(self.text) if end < 0 else end) - at
        if length > MAX_STRING:
            raise ScanLimit(f"a string that is not closed, {length:,} characters long", *where)
        self.result.complete = False

    def _add_part(self, name: str, where: tuple[int, int]) -> None:
        if self.key_at is None:
            self.key_at = where
        self.parts.append(name)
        if len(self.parts) > MAX_KEY_PARTS:
            raise ScanLimit(f"a key or table name with more than {MAX_KEY_PARTS} dotted "
                            "parts; plan keys have three at most (such as "
                            "phases.questions)", *where)

    def _in_key(self, kind: str | None, token: str, where: tuple[int, int]) -> None:
        stack = self.stack
        if kind == "bare":
            column = where[1]
            for piece in token.split("."):
                if len(piece) > MAX_BARE:
                    raise ScanLimit(f"a key of {len(piece):,} characters; plan keys are "
                                    "short words such as duration", where[0], column)
                if piece:
                    self._add_part(piece, (where[0], column))
                column += len(piece) + 1
        elif kind == "basic" or kind == "literal":
            self._add_part(_decode_key(kind, token), where)
        elif self.state == _KEY and not stack and not self.parts and token in ("[", "[["):
            self.state, self.header_is_array = _HEADER, token == "[["
        elif self.state == _HEADER and token in ("]", "]]"):
            self._header(self.key_at or where)
        elif self.state == _KEY and token == "=":
            path = stack[-1].path if stack else self.table
            at = self.key_at or where
            for name in self.parts:
                path = (*path, name)
                self.positions.setdefault(path, at)
            self.value_path = path
            self.state, self.parts, self.key_at = _VALUE, [], None
        elif self.state == _KEY and token == "}" and stack and not stack[-1].is_array:
            stack.pop()  # an empty inline table, or a trailing comma (TOML 1.1)
            self.state = _AFTER_VALUE
        # anything else is not valid TOML here: tomllib will say so

    def _header(self, where: tuple[int, int]) -> None:
        names = self.parts
        if self.header_is_array and names:
            base = (*self._resolve(names[:-1]), names[-1])
            index = self.aot_counts.get(base, -1) + 1
            self.aot_counts[base] = index
            table = (*base, index)
        else:
            table = self._resolve(names)
        for end in range(1, len(table)):
            self.positions.setdefault(table[:end], where)
        if table:
            self.positions[table] = where
        self.table = table
        self.state, self.parts, self.key_at = _AFTER_VALUE, [], None

    def _resolve(self, names: list[str]) -> Path:
        """A header's path, with the latest entry of each array of tables in it."""
        path: Path = ()
        for name in names:
            path = (*path, name)
            if path in self.aot_counts:
                path = (*path, self.aot_counts[path])
        return path

    def _open_value(self, where: tuple[int, int]) -> Path:
        """The path of a value starting here; an array's entries are recorded."""
        if not self.stack:
            return self.value_path
        top = self.stack[-1]
        if top.is_array:
            path = (*top.path, top.index)
            self.positions.setdefault(path, where)
            return path
        return self.value_path

    def _push(self, container: _Container, where: tuple[int, int]) -> None:
        self.stack.append(container)
        if len(self.stack) > MAX_DEPTH:
            raise ScanLimit(f"values nested more than {MAX_DEPTH} deep; a plan nests "
                            "lists two deep at most", *where)

    def _in_value(self, kind: str | None, token: str, where: tuple[int, int]) -> None:
        if token == "[" or token == "[[":
            for _ in token:
                self._push(_Container(self._open_value(where), is_array=True), where)
        elif token == "{":
            self._push(_Container(self._open_value(where), is_array=False), where)
            self.state = _KEY
        elif token == "]" or token == "]]":  # an empty array, or a trailing comma
            self._close_arrays(len(token))
        elif kind in _STRINGS or kind == "bare" or kind == "datetime":
            if kind == "bare" and len(token) > MAX_BARE:
                raise ScanLimit(f"a value of {len(token):,} characters without quotes; put "
                                "text in quotes", *where)
            self._open_value(where)
            self.state = _AFTER_VALUE

    def _after_value(self, token: str) -> None:
        if not self.stack:
            return  # a top-level value ends with its line
        top = self.stack[-1]
        if token == ",":
            if top.is_array:
                top.index += 1
                self.state = _VALUE
            else:
                self.state = _KEY
        elif (token == "]" or token == "]]") and top.is_array:
            self._close_arrays(len(token))
        elif token == "}" and not top.is_array:
            self.stack.pop()

    def _close_arrays(self, count: int) -> None:
        for _ in range(count):
            if self.stack and self.stack[-1].is_array:
                self.stack.pop()
        self.state = _AFTER_VALUE
