"""What the importers share: reading a file's text, the :class:`Imported` result, clean text and
ids that every output format can use.

>>> clean_text(" a\\x00b ")
'a b'
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Final, NamedTuple

from argmap.errors import FormatError, MapError, Problem
from argmap.mapfile import DEFAULT_MAX_BYTES, ID_PATTERN, REFUSED_CHARACTERS, validate_object
from argmap.mapfile.parse import decode, read_bytes
from argmap.model import ArgumentMap

__all__ = ["IdMaker", "Imported", "build", "clean_text", "parse_json", "read_source"]


class Imported(NamedTuple):
    """What an importer returns: the map and what it had to skip or guess, one line each."""

    map: ArgumentMap
    warnings: list[str]


_NOT_ID: Final = re.compile(r"[^A-Za-z0-9_.\-]+")


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an input file (UTF-8, BOM dropped), read and checked as the map loader
    reads its files; :class:`MapError` naming the file otherwise."""
    file = os.fspath(path)
    data = read_bytes(file, max_bytes)
    try:
        return decode(data)
    except MapError as error:
        raise error.with_file(file) from None


def clean_text(text: str) -> str:
    """Text with the characters no output format can hold replaced by spaces, ends stripped.

    >>> clean_text(" a\\x00b\\n")
    'a b'
    """
    return REFUSED_CHARACTERS.sub(" ", text).strip()


class IdMaker:
    """Makes valid ids, unique across everything in one map, from foreign ids and titles.

    A foreign id that is already valid and starts with a letter is kept; any other gets a
    prefix (``123`` becomes ``n123``). :meth:`slug` makes an id from a title.

    >>> ids = IdMaker()
    >>> ids.foreign(123, "n"), ids.foreign("I1", "n"), ids.foreign("I1", "n")
    ('n123', 'I1', 'I1-2')
    >>> ids.slug("Ivan Timofeev", "speaker"), ids.slug("¿?", "speaker")
    ('ivan-timofeev', 'speaker')
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._next: dict[str, int] = {}  # candidate -> the number to try next

    def unique(self, candidate: str) -> str:
        """``candidate`` (a valid id), or it with ``-2``, ``-3``, ... when it is taken.

        Each candidate remembers the last number it got, so n equal candidates cost n
        steps in all, not n² (an id such as ``a-3`` taken by the file itself is skipped).
        """
        result, number = candidate, self._next.get(candidate, 1)
        if number > 1:
            result = f"{candidate[:190]}-{number}"
        while result in self.taken:
            number += 1
            result = f"{candidate[:190]}-{number}"
        self._next[candidate] = number
        self.taken.add(result)
        return result

    def foreign(self, raw: object, prefix: str) -> str:
        text = str(raw)
        if ID_PATTERN.fullmatch(text) and text[0].isalpha():
            return self.unique(text)
        return self.unique(prefix + _NOT_ID.sub("_", text)[:190])

    def title(self, title: str, fallback: str) -> str:
        """``title`` itself when it is a valid id starting with a letter, else its slug."""
        if ID_PATTERN.fullmatch(title) and title[0].isalpha():
            return self.unique(title)
        return self.slug(title, fallback)

    def slug(self, title: str, fallback: str) -> str:
        slug = _NOT_ID.sub("-", title.lower()).strip("-._")[:80].strip("-._")
        return self.unique(slug or fallback)


def build(
    document: dict[str, Any], file: str | None, source_text: str | None = None
) -> ArgumentMap:
    """The map of a JSON object in our format, after the loader's own checks
    (:func:`argmap.mapfile.validate_object`; no JSON text in between).

    >>> build({"argmap": "1", "title": "T", "speakers": [], "claims": []}, None).title
    'T'
    """
    return validate_object(document, file=file, source_text=source_text)


def parse_json(text: str | bytes, file: str | None = None) -> Any:
    """The JSON document in ``text``; :class:`~argmap.FormatError` saying where it is not JSON.

    >>> parse_json('{"a": [1]}')
    {'a': [1]}
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise FormatError([Problem("", message)], file) from None
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", f"is not valid JSON: {error}")], file) from None
