"""The argmap JSON format's vocabulary: versions, limits, keys, ids, refused characters,
safe links, and the small checks and helpers the reader's passes share."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any, Final, NamedTuple

from argmap.errors import ITEM_PATH, Problem, UsageError
from argmap.model import (
    NO_DATA,
    RELATIONS,
    ClaimKind,
    OutcomeStatus,
    Relation,
    RelationType,
)

__all__ = [
    "ABSENT",
    "ASTRAL_NONCHARACTERS",
    "CLAIM_KEYS",
    "CONTEXT_KEYS",
    "DATE_PATTERN",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ITEMS",
    "ENDPOINTS",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "KEY_SETS",
    "LIST_KEYS",
    "MAX_SUGGESTIONS",
    "NO_DATA",
    "OUTCOME_KEYS",
    "REFUSED_CHARACTERS",
    "RELATION_KEYS",
    "ROOT_KEYS",
    "SOURCE_KEYS",
    "SPEAKER_KEYS",
    "SUSPECT_ESCAPE",
    "URL_SCHEMES",
    "Invalid",
    "Scan",
    "as_kind",
    "as_status",
    "as_type",
    "bad_char_message",
    "clip",
    "date_problem",
    "has_id",
    "is_plain",
    "is_safe_url",
    "join_path",
    "max_items",
    "not_json",
    "over_the_limit",
    "scan",
    "type_name",
    "undercut_cycles",
    "walk_invalid",
]

FORMAT_VERSION: Final = "1"
#: Files larger than this are refused before they are read (``max_bytes`` changes it).
DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
#: The most speakers, claims, relations or context passages a map may have (each), unless
#: the environment variable ``ARGMAP_MAX_ITEMS`` raises it: far beyond any debate, a clear
#: error instead of minutes of analysis and drawing on a generated file.
DEFAULT_MAX_ITEMS: Final = 1_000_000


def max_items() -> int:
    """The limit on each list of a map: ``ARGMAP_MAX_ITEMS`` when it is set (a whole number
    below 10**18, :class:`~argmap.errors.UsageError` otherwise), else :data:`DEFAULT_MAX_ITEMS`."""
    value = os.environ.get("ARGMAP_MAX_ITEMS", "").strip()
    if not value:
        return DEFAULT_MAX_ITEMS
    # isdigit() also holds for '²' and '٣', which int() refuses or reads
    if not (value.isascii() and value.isdigit() and len(value) <= 18 and int(value) > 0):
        raise UsageError(
            f"ARGMAP_MAX_ITEMS must be a whole number from 1 to {10**18 - 1}, "
            f"not {clip(value, 40)!r}"
        )
    return int(value)


#: The lists of a map, each held to :func:`max_items`.
LIST_KEYS: Final = ("speakers", "claims", "relations", "context")


def over_the_limit(root: dict[str, Any]) -> list[Problem]:
    """A problem for each list of the map with more items than :func:`max_items` allows.

    >>> over_the_limit({"claims": [], "context": 5})
    []
    """
    limit = max_items()
    return [
        Problem(
            key,
            f"has {len(items):,} items, more than the limit of {limit:,}; raise it "
            "(ARGMAP_MAX_ITEMS) to read this map",
        )
        for key in LIST_KEYS
        if isinstance(items := root.get(key), list) and len(items) > limit
    ]


#: IDs are short tokens so that every output format can use them as identifiers unchanged.
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,199}")
#: The non-characters of planes 1 to 16 (U+1FFFE, U+1FFFF, ..., U+10FFFF).
ASTRAL_NONCHARACTERS: Final = "".join(
    chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
)
#: Characters refused in any text: C0 controls other than tab, newline and carriage return,
#: unpaired surrogates, and the 66 non-characters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF of
#: every plane) cannot be written to XML or UTF-8, or drawn by cairo; refusing them on input
#: keeps every output format exact. Importers replace them. (One class, with one range for
#: all the characters beyond U+1FFFD, keeps the search at a table look-up per character; the
#: look-behind, tried only on such a rare character, keeps the non-characters among them.)
REFUSED_CHARACTERS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
    f"(?<=[\x00-\uffff{ASTRAL_NONCHARACTERS}])"
)
#: An escape that may write a refused character: ``\\b`` or ``\\f`` (controls), or a ``\\u``
#: escape of a control, a surrogate (alone, or half of a character beyond U+FFFF), or a
#: non-character of U+FDD0 to U+FDEF, U+FFFE or U+FFFF.
SUSPECT_ESCAPE: Final = re.compile(
    r"\\(?:[bf]|u(?:00[01]|[dD][89a-fA-F]|[fF][dD][dDeE]|[fF]{3}[eEfF]))"
)
ABSENT: Final[Any] = object()
#: A year, a year and month, or a full date (ASCII digits); :func:`date_problem` checks it exists.
DATE_PATTERN: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
URL_SCHEMES: Final = frozenset({"", "http", "https"})

ROOT_KEYS: Final = (
    "argmap",
    "$schema",
    "title",
    "description",
    "source",
    "speakers",
    "claims",
    "relations",
    "context",
    "data",
)
SOURCE_KEYS: Final = ("title", "publisher", "date", "url", "text", "note")
SPEAKER_KEYS: Final = ("id", "name", "role", "affiliation", "participation", "url", "data")
CLAIM_KEYS: Final = ("id", "speaker", "text", "quote", "kind", "outcome", "data")
OUTCOME_KEYS: Final = ("status", "note", "source")
RELATION_KEYS: Final = ("id", "from", "to", "type", "quote", "note", "data")
CONTEXT_KEYS: Final = ("id", "text", "quote", "note")


KEY_SETS: Final[dict[tuple[str, ...], frozenset[str]]] = {
    keys: frozenset(keys)
    for keys in (
        ROOT_KEYS,
        SOURCE_KEYS,
        SPEAKER_KEYS,
        CLAIM_KEYS,
        OUTCOME_KEYS,
        RELATION_KEYS,
        CONTEXT_KEYS,
    )
}


def is_safe_url(url: str) -> bool:
    """Whether a link may go into an output: http(s) or relative, nothing else.

    >>> is_safe_url("https://valdaiclub.com/"), is_safe_url("javascript:alert(1)")
    (True, False)
    """
    from urllib.parse import urlsplit

    if REFUSED_CHARACTERS.search(url) or any(c.isspace() for c in url):
        return False
    try:
        return urlsplit(url).scheme.lower() in URL_SCHEMES
    except ValueError:
        return False


#: How many unknown ids and missing quotes get a suggestion ("did you mean", the nearest
#: passage): each compares with every id or reads the whole source text.
MAX_SUGGESTIONS: Final = 20


class Invalid:
    """Stands for a value JSON does not allow (NaN, Infinity) or a duplicated key's object."""

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, Invalid):
        return value.description
    return type(value).__name__


# Which kinds of thing each relation type may join: (from-kinds, to-kinds).
ENDPOINTS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    name: (kind.sources, kind.targets) for name, kind in RELATIONS.items()
}


def undercut_cycles(relations: list[Relation]) -> Iterator[list[str]]:
    """Each cycle of undercuts among ``relations``, as the ids around it, the first repeated
    at the end; every relation is walked once.

    >>> list(undercut_cycles([Relation("a", "u2", "undercuts", "u1"),
    ...                       Relation("b", "u1", "undercuts", "u2")]))
    [['u1', 'u2', 'u1']]
    """
    if "undercuts" not in set(map(attrgetter("type"), relations)):
        return
    targets = {r.id: r.to_id for r in relations if r.type == "undercuts" and r.id}
    done: set[str] = set()
    for start in targets:
        chain: dict[str, None] = {}
        key = start
        while key in targets and key not in done and key not in chain:
            chain[key] = None
            key = targets[key]
        if key in chain:
            yield [*list(chain)[list(chain).index(key) :], key]
        done.update(chain)


def is_plain(value: Any) -> bool:
    """Whether a value is a string with something in it (the quick paths' text check)."""
    return type(value) is str and bool(value) and not value.isspace()


def has_id(value: Any) -> bool:
    return isinstance(value, dict) and "id" in value


def clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def join_path(path: str, key: str) -> str:
    if REFUSED_CHARACTERS.search(key):  # a key with characters that cannot be printed: escaped
        key = REFUSED_CHARACTERS.sub(escape, key)
    return f"{path}.{key}" if path else key


def escape(bad: re.Match[str]) -> str:
    """A refused character as an escape that can be printed: \\u0000, or \\U0010ffff."""
    code = ord(bad.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def date_problem(text: str) -> str | None:
    """What is wrong with a source's date, if anything: it must be YYYY-MM-DD (or YYYY-MM,
    or YYYY), a day (or month, or year) that exists.

    >>> date_problem("2024-02-29") is None, date_problem("2019") is None
    (True, True)
    >>> date_problem("2023-02-29")
    "'2023-02-29' is not a date (day is out of range for month); expected YYYY-MM-DD"
    """
    from datetime import date  # only a map with a date needs it

    found = DATE_PATTERN.fullmatch(text)
    if found is None:
        return f"{text!r} is not a date; expected YYYY-MM-DD"
    try:
        date(*(int(part or 1) for part in found.groups()))  # YYYY-MM: its first day
    except ValueError as error:
        return f"{text!r} is not a date ({error}); expected YYYY-MM-DD"
    return None


def bad_char_message(bad: re.Match[str]) -> str:
    return (
        f"contains the character U+{ord(bad.group()):04X}, which no output format can hold; "
        "remove it"
    )


def walk_invalid(value: Any, path: str, invalid: dict[int, list[str]]) -> Iterator[tuple[str, str]]:
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, Invalid):
            yield where, f"{item.description} is not allowed"
        elif isinstance(item, str) and (bad := REFUSED_CHARACTERS.search(item)):
            yield where, bad_char_message(bad)
        elif isinstance(item, float) and not math.isfinite(item):  # only in memory, not parsed
            yield where, f"{json.dumps(item)} (not valid JSON) is not allowed"
        elif isinstance(item, dict):
            for key in invalid.get(id(item), ()):
                yield join_path(where, key), "is given more than once in the same object; keep one"
            for key in item:
                if bad := REFUSED_CHARACTERS.search(key):
                    yield join_path(where, key), "(the key) " + bad_char_message(bad)
            stack.extend((v, join_path(where, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))


class Scan(NamedTuple):
    """What :func:`scan` finds in a document built in memory."""

    deep: bool  # nested too deeply to be written as text
    clean: bool  # no string or key holds a refused character
    non_finite: bool  # some number is NaN or infinite (JSON cannot hold it)


def scan(value: Any) -> Scan:
    """What parsing text would have told about a document built in memory.

    ``json.dumps`` is the fastest walk over it there is (written in C, several times faster
    than a walk in Python): it refuses NaN and infinities (``allow_nan=False``), fails on
    nesting too deep to write, and gives one text to search for refused characters (raw, or
    escaped as ``\\u0000``, as the parser's check does). Nothing is parsed back.

    >>> scan({"a": [1, {"b": "x"}]})
    Scan(deep=False, clean=True, non_finite=False)
    >>> scan([float("nan"), chr(0)])
    Scan(deep=False, clean=False, non_finite=True)
    >>> scan(["\\ud800"]).clean
    False
    """
    non_finite = False
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except RecursionError:
        return Scan(True, False, False)
    except ValueError:  # NaN or an infinity: written again, allowing them, to search the text
        non_finite = True
        text = json.dumps(value, ensure_ascii=False)
    # (json.dumps escapes controls: an ASCII text holds refused characters only as escapes.)
    clean = not SUSPECT_ESCAPE.search(text) and (
        text.isascii() or not REFUSED_CHARACTERS.search(text)
    )
    return Scan(False, clean, non_finite)


def not_json(value: Any, path: str = "") -> Problem | None:
    """The first place in a document built in memory that JSON cannot hold as it is: a key
    that is not a string (JSON would write ``1`` as ``"1"``, and the map would not come back
    the same), or a value of another type than JSON's (a date, a set, numpy's integers).

    >>> not_json({"data": {"n": [1, {2: "x"}]}})
    Problem(path='data.n[1]', message='has the key 2, not a string: keys are strings in JSON')
    >>> not_json({"data": {"when": {1, 2}}}).message
    'holds {1, 2} of type set, which JSON cannot hold; use a string, number, list or object'
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return Problem(path, f"has the key {key!r}, not a string: keys are strings in JSON")
            found = not_json(item, join_path(path, key))
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = not_json(item, f"{path}[{index}]")
            if found:
                return found
    elif not (value is None or type(value) in (str, int, float, bool)):
        shown = clip(repr(value))
        return Problem(
            path,
            f"holds {shown} of type {type(value).__name__}, which JSON cannot hold; use a "
            "string, number, list or object",
        )
    return None


def not_span(value: Any, path: str) -> Problem | None:
    """A problem with a ``quote_span`` set by hand, which no file holds (the reader finds it):
    it must be ``None`` or ``(start, end)``, character offsets with ``0 <= start <= end``.

    >>> not_span((3, 9), "claims[0].quote_span") is None
    True
    >>> not_span("3-9", "claims[0].quote_span").message
    "expected (start, end), two offsets into the source text, got '3-9'"
    """
    if value is None:
        return None
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(offset) is int for offset in value)
        and 0 <= value[0] <= value[1]
    ):
        return None
    shown = clip(repr(value))
    return Problem(path, f"expected (start, end), two offsets into the source text, got {shown}")


def as_kind(value: str) -> ClaimKind:
    return value  # type: ignore[return-value]  # checked against CLAIM_KINDS


def as_status(value: str) -> OutcomeStatus:
    return value  # type: ignore[return-value]  # checked against OUTCOME_STATUSES


def as_type(value: str) -> RelationType:
    return value  # type: ignore[return-value]  # checked against RELATION_TYPES


def item_labels(root: Any, problems: Iterable[Problem]) -> dict[str, str]:
    """The ids of the list items that ``problems`` point into, where the map gives a usable one.

    >>> item_labels({"claims": [{"id": "a"}, {"id": "b"}]}, [Problem("claims[1].text", "empty")])
    {'claims[1]': 'b'}
    """
    labels: dict[str, str] = {}
    if not isinstance(root, dict):
        return labels
    for problem in problems:
        item = ITEM_PATH.match(problem.path)
        if item is None or item.group() in labels:
            continue
        key, _, index = item.group().rstrip("]").partition("[")
        values = root.get(key)
        if isinstance(values, list) and int(index) < len(values):
            value = values[int(index)]
            ident = value.get("id") if isinstance(value, dict) else None
            # Only ids that are valid ids (short, printable) are shown back to the user.
            if isinstance(ident, str) and len(ident) <= 100 and ID_PATTERN.fullmatch(ident):
                labels[item.group()] = ident
    return labels
