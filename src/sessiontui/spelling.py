"""How people type names: one folding of text, and finding names in it in any spelling.

Facilitators type fast: "zoe's mum", "siobhan", "Dmitry", "mary kate". The roster says
"Zoë", "Siobhán", "Дмитрий", "Mary-Kate". Both the anonymiser (report/names.py) and the
person picker compare text in one folded form, made by `fold`:

- each character transliterated to Latin letters with anyascii ("Ζωή" -> "zoi",
  "Дмитрий" -> "dmitriy", "Siobhán" -> "siobhan"), then lower-cased;
- every apostrophe (' ’ ‘ ʼ ` ´) becomes "'", every dash (- ‐ – — −) becomes "-";
- a wide character (Chinese, Japanese, Korean) is set apart by spaces, since those
  scripts write words without spaces between them.

anyascii gives one romanisation. People use others ("Zoe" for Ζωή, "Dmitry" and
"Dmitrii" for Дмитрий), so a name's spellings come from `ALTERNATIVES`, a small table
of the usual choices per letter (or pair of letters) of Greek, Cyrillic and a few Latin
letters, tried in every combination (at most MAX_SPELLINGS per word). A name in another
script is found in its own script and in anyascii's spelling; give its other spellings
as `aliases` in the plan.

In a spelling, "'" stands for an optional apostrophe ("O'Neill" matches "ONeill") and
" " for any run of spaces, hyphens or underscores, or none ("Mary-Kate" matches "mary
kate" and "marykate"). A name is found as a whole word, followed by nothing, "s", "'s"
or "'" (possessives, plurals), never inside a longer word ("Sam" is not in "same").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
MAX_SPELLINGS = 64
"""At most this many spellings of one word (the likeliest combinations first)."""

TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "rev",
                    "sir", "dame"})
"""Words of a name that are not the name (a title): never looked for on their own."""

# -- folding ----------------------------------------------------------------------------

_ASCII_FOLD = str.maketrans({"`": "'"})


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in APOSTROPHES:
        return "'"
    if char in DASHES:
        return "-"
    if char.isascii():
        return char.lower()
    if unicodedata.category(char).startswith("Z"):
        return " "
    out = anyascii(char).lower()
    out = "".join("'" if c in APOSTROPHES else c for c in out)
    if out and unicodedata.east_asian_width(char) in "WF" and out.isalnum():
        out = f" {out} "
    return out


def fold(text: str) -> str:
    """`text` in the one form names are compared in (see the module's docstring)."""
    if text.isascii():
        return text.lower().translate(_ASCII_FOLD)
    return "".join(_fold_char(char) for char in text)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index in `text` of the
    character it came from (None when the two line up one to one)."""
    if text.isascii():
        return text.lower().translate(_ASCII_FOLD), None
    pieces = []
    origins: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        if piece:
            pieces.append(piece)
            origins.extend([index] * len(piece))
    folded = "".join(pieces)
    if len(folded) == len(text) and all(i == o for i, o in enumerate(origins)):
        return folded, None
    return folded, origins


# -- spellings --------------------------------------------------------------------------

_GREEK_PAIRS = {
    "ου": ("ou", "u", "oy"), "αι": ("ai", "e"), "ει": ("ei", "i"), "οι": ("oi", "i"),
    "υι": ("yi", "ui", "i"), "αυ": ("av", "af", "au"), "ευ": ("ev", "ef", "eu"),
    "ηυ": ("iv", "if", "eu"), "μπ": ("mp", "b"), "ντ": ("nt", "d"), "γγ": ("ng", "gg"),
    "γκ": ("gk", "g", "ng"), "γχ": ("nch", "nkh"), "τσ": ("ts",), "τζ": ("tz", "dz"),
    "γι": ("gi", "yi", "y"),
}
_GREEK = {
    "α": ("a",), "β": ("v", "b"), "γ": ("g", "gh", "y"), "δ": ("d", "dh"), "ε": ("e",),
    "ζ": ("z",), "η": ("i", "e"), "θ": ("th",), "ι": ("i",), "κ": ("k",), "λ": ("l",),
    "μ": ("m",), "ν": ("n",), "ξ": ("x", "ks"), "ο": ("o",), "π": ("p",), "ρ": ("r",),
    "σ": ("s",), "ς": ("s",), "τ": ("t",), "υ": ("y", "i", "u"), "φ": ("f", "ph"),
    "χ": ("ch", "h", "kh"), "ψ": ("ps",), "ω": ("o",),
}
_CYRILLIC_PAIRS = {
    "ий": ("iy", "y", "ii", "i", "ij"), "ый": ("y", "yi", "iy"), "ей": ("ey", "ei", "ej"),
    "ай": ("ay", "ai", "aj"), "ой": ("oy", "oi", "oj"), "уй": ("uy", "ui"),
    "ия": ("iya", "ia", "ija"), "ья": ("'ya", "'ia", "'ja"), "ье": ("'ye", "'ie", "'e"),
    "ью": ("'yu", "'iu", "'ju"), "кс": ("ks", "x"),
}
_CYRILLIC = {
    "а": ("a",), "б": ("b",), "в": ("v", "w"), "г": ("g", "h"), "ґ": ("g",), "д": ("d",),
    "е": ("e", "ye"), "ё": ("e", "yo", "jo"), "є": ("ye", "ie", "je"), "ж": ("zh", "j", "z"),
    "з": ("z",), "и": ("i", "y"), "і": ("i",), "ї": ("yi", "i", "ji"), "й": ("y", "i", "j"),
    "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",),
    "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh", "h", "ch"),
    "ц": ("ts", "c", "tz"), "ч": ("ch",), "ш": ("sh",), "щ": ("shch", "sch", "sh"),
    "ъ": ("",), "ы": ("y", "i"), "ь": ("'",), "э": ("e",), "ю": ("yu", "iu", "ju", "u"),
    "я": ("ya", "ia", "ja", "a"),
}
_LATIN = {
    "ä": ("a", "ae"), "ö": ("o", "oe"), "ü": ("u", "ue"), "å": ("a", "aa"), "ø": ("o", "oe"),
    "æ": ("ae", "e"), "œ": ("oe", "e"), "ß": ("ss",), "ñ": ("n", "ny"), "ł": ("l",),
    "ð": ("d", "dh"), "þ": ("th",), "ı": ("i",),
}

ALTERNATIVES: dict[str, tuple[str, ...]] = {
    **_GREEK_PAIRS, **_GREEK, **_CYRILLIC_PAIRS, **_CYRILLIC, **_LATIN,
}
"""Alternative romanisations, the usual one first: a letter or a pair of letters
(lower case, Greek without accents) -> its Latin spellings. Pairs are tried before
single letters. Greek: ω/ο both "o"; η "i" or "e"; υ "y", "i" or "u"; ου "ou" or "u";
αι "ai" or "e"; β "v" or "b"; χ "ch", "h" or "kh"; μπ "b", ντ "d", γγ "ng".
Cyrillic: ий "iy", "y", "ii" or "i"; я "ya" or "ia"; ю "yu" or "iu"; х "kh" or "h";
ж "zh"; ц "ts"; щ "shch"; кс "ks" or "x"; ь an optional apostrophe. Latin: ä/ö/ü
with and without "e" (Müller, Mueller), ø, å, æ, ß, ñ."""


def _plain_letters(word: str) -> str:
    """Lower case; Greek accents and diaereses off (Cyrillic й and ё keep theirs)."""
    out = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(char) and out and "\u0370" <= out[-1] <= "\u03ff":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _tokens(word: str) -> list[tuple[str, ...]]:
    """The word as a list of choices: each letter (or pair) with its spellings."""
    word = _plain_letters(word)
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if len(pair) == 2 and pair in ALTERNATIVES:
            out.append(ALTERNATIVES[pair])
            i += 2
            continue
        char = word[i]
        out.append(ALTERNATIVES.get(char) or (_fold_char(char).strip(),))
        i += 1
    return out


def _squeeze(spelling: str) -> str:
    """A folded spelling as a pattern source: separators one " ", no space at an end."""
    return re.sub(r"[\s_-]+", " ", spelling).strip()


@lru_cache(maxsize=4096)
def spellings(word: str) -> frozenset[str]:
    """The folded spellings of one word of a name: anyascii's, and the combinations
    of ALTERNATIVES (the likeliest first, at most MAX_SPELLINGS)."""
    found = {_squeeze(fold(word))}
    if not word.isascii():
        partial: list[tuple[int, str]] = [(0, "")]
        for choices in _tokens(word):
            grown = [(cost + rank, text + choice) for cost, text in partial
                     for rank, choice in enumerate(choices)]
            grown.sort(key=lambda item: item[0])
            partial = grown[:MAX_SPELLINGS]
        found.update(_squeeze(text) for _, text in partial)
    return frozenset(s for s in found if s.strip(" '"))


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def name_parts(name: str) -> list[str]:
    """The words of a name to look for on their own: each word of two letters or more
    (not a title such as "Dr"), and each part of a hyphenated or apostrophed word
    ("Mary-Kate" gives "Mary-Kate", "Mary", "Kate"; "O'Neill" gives "O'Neill", "Neill")."""
    parts: list[str] = []
    for word in re.split(r"[\s_,;/]+", name):
        word = word.strip(".()[]\"")
        if _letters(word) < 2 or fold(word).strip(".'") in TITLES:
            continue
        parts.append(word)
        pieces = [p for p in re.split("[" + re.escape(DASHES + APOSTROPHES) + "]", word) if p]
        if len(pieces) > 1:
            parts.extend(p for p in pieces if _letters(p) >= 2 and fold(p) not in TITLES)
    return list(dict.fromkeys(parts))


def name_spellings(name: str) -> frozenset[str]:
    """Spellings to look for: those of each part, and of the whole name (so that
    "Dr Nuala Byrne" goes whole, title and all, and "J" is still found)."""
    found = {s for part in name_parts(name) for s in spellings(part)}
    whole = [""]
    for word in name.split():
        first = _squeeze(fold(word))
        options = [first, *sorted(spellings(word) - {first})]
        whole = [f"{a} {b}".strip() for a in whole for b in options][:16]
    found.update(s for s in whole if s.strip(" '"))
    return frozenset(found)


def _compact(spelling: str) -> str:
    return re.sub(r"[\s_'-]+", "", spelling)


# -- the person picker ----------------------------------------------------------------


@lru_cache(maxsize=2048)
def _pick_forms(name: str, aliases: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(compact spellings of every word, compact spellings of each whole name)."""
    words: set[str] = set()
    wholes: set[str] = set()
    for each in (name, *aliases):
        per_word = [sorted(spellings(w)) for w in re.split(r"[\s_]+", each) if w.strip()]
        for options in per_word:
            words.update(_compact(s) for s in options)
            for option in options:
                words.update(_compact(p) for p in re.split(r"[\s'-]+", option) if p)
        combined = [""]
        for options in per_word:
            combined = [a + _compact(b) for a in combined for b in options][:MAX_SPELLINGS]
        wholes.update(combined)
    return frozenset(w for w in words if w), frozenset(w for w in wholes if w)


def matches(typed: str, name: str, aliases: Sequence[str] = ()) -> bool:
    """Whether what was typed in a picker fits a person: a part of their name (or an
    alias) in any spelling `fold` and ALTERNATIVES know. "zoe", "ZO", "papadop" and
    "zoe pap" all fit "Ζωή Παπαδοπούλου"; "dmitry" fits "Дмитрий"; "marykate" and
    "mary kate" fit "Mary-Kate". Nothing typed fits everyone."""
    query = fold(typed)
    typed_words = [_compact(w) for w in re.split(r"[\s_]+", query) if _compact(w)]
    if not typed_words:
        return True
    words, wholes = _pick_forms(name, tuple(aliases))
    joined = "".join(typed_words)
    if any(joined in whole for whole in wholes):
        return True
    return all(any(w in form for form in words) for w in typed_words)


# -- finding names in text -------------------------------------------------------------


def _trie_pattern(spellings_: Iterable[str]) -> str:
    """One regex for many spellings, sharing their prefixes (fast on long lists)."""
    trie: dict[str, dict] = {}
    for spelling in spellings_:
        node = trie
        for char in spelling:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = []
        for char in sorted(c for c in node if c):
            if char == " ":
                head = r"[\s_-]*"
            elif char == "'":
                head = "'?"
            else:
                head = re.escape(char)
            branches.append(head + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a text: where (in the original text) and whose it may be."""

    start: int
    end: int
    owners: frozenset[str]


class NameFinder:
    """Finds every name of a set of people in text, in any spelling this module knows.

    `people` gives, per owner (what a name will be replaced by), the names to find.
    Adjacent finds separated only by spaces or hyphens that can be one owner's
    ("Zoe Quill", "Mary-Kate", "Ciara Byrne" where Byrne is also Dev's surname) become
    one find. Text matching one of the `protected` patterns (folded regex source, for
    the labels that replace names) is never taken for a name, so finding is idempotent.
    """

    def __init__(
        self, people: Iterable[tuple[str, Iterable[str]]], protected: Sequence[str] = ()
    ) -> None:
        owners: dict[str, set[str]] = {}
        self._spellings: set[str] = set()
        for owner, names in people:
            for name in names:
                if not isinstance(name, str) or not name.strip():
                    continue
                for spelling in name_spellings(name):
                    owners.setdefault(_compact(spelling), set()).add(owner)
                    self._spellings.add(spelling)
        self._owners = {key: frozenset(value) for key, value in owners.items()}
        if not self._owners:
            self._pattern: re.Pattern[str] | None = None
            return
        guard = "|".join(protected)
        names = _trie_pattern(self._spellings)
        self._pattern = re.compile(
            r"(?<![a-z0-9])(?:(" + (guard or "(?!)") + r")|(" + names + r"))"
            r"(?=(?:'?s|')?(?![a-z0-9']))"
        )

    @property
    def active(self) -> bool:
        """False when there is no name to look for."""
        return self._pattern is not None

    def find(self, text: str) -> list[Found]:
        """The names in `text`, in order, adjacent parts of one person's name joined."""
        if self._pattern is None or not text:
            return []
        folded, origins = fold_with_offsets(text)
        found: list[Found] = []
        last_end = -1
        for match in self._pattern.finditer(folded):
            if match.group(1) is not None:
                continue  # a label already
            owners = self._owners.get(_compact(match.group(2)), frozenset())
            if not owners:
                continue
            start, end = match.span(2)
            if found and last_end >= 0 and not folded[last_end:start].strip(" \t_-"):
                shared = found[-1].owners & owners
                if shared:
                    found[-1] = Found(found[-1].start, end, shared)
                    last_end = end
                    continue
            found.append(Found(start, end, owners))
            last_end = end
        if origins is None:
            return found
        return [Found(origins[f.start], origins[f.end - 1] + 1, f.owners) for f in found]

    def replace(self, text: str, label: Callable[[frozenset[str]], str]) -> tuple[str, int]:
        """`text` with every name found replaced by `label(its owners)`, and how many."""
        found = self.find(text)
        if not found:
            return text, 0
        out = []
        last = 0
        for item in found:
            out.append(text[last:item.start])
            out.append(label(item.owners))
            last = item.end
        out.append(text[last:])
        return "".join(out), len(found)


def roster_match(query: str, number: int, label: str, aliases: Sequence[str] = ()) -> bool:
    """Whether a roster entry fits what was typed in a person picker (the full app's
    and plain mode's): its number (or the start of it), or part of the name or an alias
    in any spelling ("zoe" finds "Ζωή", "siobhan" finds "Siobhán"), as the anonymiser
    finds names."""
    query = query.strip()
    if query.isdigit():
        return str(number).startswith(query)
    return matches(query, label, aliases)
