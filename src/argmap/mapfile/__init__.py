"""Read, validate and write argmap JSON files (format version 1).

Validation collects every problem before it gives up, each with the JSON path where it
occurs (with the id of the speaker, claim or relation it is in) and a sentence saying what
is wrong and what was expected:

>>> import argmap
>>> argmap.loads('{"argmap": "1", "title": "T", "speakers": [], "claims": [{"id": "c1"}]}')
Traceback (most recent call last):
  ...
argmap.errors.MapError: 2 problems:
claims[0] (c1).speaker: missing; expected the id of a speaker
claims[0] (c1).text: missing; expected the claim in plain words, a non-empty string

The format itself is described in the README and, for editors, by the JSON Schema that
:func:`schema` returns (``argmap schema`` prints it).
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

from argmap.errors import MapError, Problem
from argmap.frozen import paused_gc
from argmap.mapfile.parse import Document, parse, read_bytes
from argmap.mapfile.source import read_source_text
from argmap.mapfile.syntax import (
    DEFAULT_MAX_BYTES,
    FORMAT_VERSION,
    ID_PATTERN,
    REFUSED_CHARACTERS,
    is_safe_url,
    item_labels,
    scan,
)
from argmap.mapfile.wire import NotQuick, parse_quick
from argmap.mapfile.write import dump, dumps, to_dict
from argmap.model import ArgumentMap

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "REFUSED_CHARACTERS",
    "MapError",
    "Problem",
    "dump",
    "dumps",
    "is_safe_url",
    "load",
    "loads",
    "read_source_text",
    "schema",
    "to_dict",
    "validate",
    "validate_object",
]


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the map format, as shipped in the package."""
    from importlib import resources  # 15 ms to import: only this needs it

    text = resources.files("argmap").joinpath("schema.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def load(
    path: str | os.PathLike[str],
    *,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Read and validate a map file.

    When the map names its source text (``source.text``, relative to the map file) or
    ``source_text`` is given, every quote must occur in it and its offsets are recorded.
    Raises :class:`MapError` (naming the file) for anything wrong, including a missing file.
    """
    file = os.fspath(path)
    # Held only in a list that parsing empties, so the bytes are freed once decoded, and the
    # text once parsed: should the quick loader give up, the file is read again.
    content: list[str | bytes] = [read_bytes(file, max_bytes)]
    base = Path(file).parent
    quick = load_quick(content, base, source_text, keep_text=False, max_bytes=max_bytes)
    if quick is not None:
        return quick
    return read_parsed(content or [read_bytes(file, max_bytes)], base, source_text, file, max_bytes)


def loads(
    text: str | bytes,
    *,
    base: str | os.PathLike[str] | None = None,
    source_text: str | None = None,
    file: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Read and validate a map from a string (or UTF-8 bytes).

    ``base`` is the folder against which ``source.text`` is resolved (and which it must not
    leave: see :func:`read_source_text`, which reads at most ``max_bytes``); without it, or
    the ``source_text`` itself, the source is not read and no quote is checked (nor placed:
    every ``quote_span`` is ``None``). ``file`` names the map in error messages. A map as a
    dict (not JSON text) is :func:`validate_object`'s.

    >>> m = loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
    ...           ' "claims": [{"id": "c", "speaker": "s", "text": "It rains."}]}')
    >>> m.claim("c").text
    'It rains.'
    >>> loads({"argmap": "1"})
    Traceback (most recent call last):
    ...
    TypeError: loads() reads a map's JSON text (str or bytes), not a dict; \
for a dict, use argmap.mapfile.validate_object
    """
    if not isinstance(text, (str, bytes)):
        raise TypeError(
            f"loads() reads a map's JSON text (str or bytes), not a {type(text).__name__}; "
            "for a dict, use argmap.mapfile.validate_object"
        )
    quick = load_quick([text], base, source_text, max_bytes=max_bytes)
    if quick is not None:
        return quick
    return read_parsed([text], base, source_text, file, max_bytes)


def read_parsed(
    content: list[str | bytes],
    base: str | os.PathLike[str] | None,
    source_text: str | None,
    file: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Parse the one text in ``content`` (emptying the list) and validate it."""
    try:
        document = parse(content)
    except MapError as error:
        raise error.with_file(file) from None
    return validate(document, base=base, source_text=source_text, file=file, max_bytes=max_bytes)


def load_quick(
    content: list[str | bytes],
    base: str | os.PathLike[str] | None,
    source_text: str | None,
    *,
    keep_text: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap | None:
    """The map in ``content`` through the quick loader, or None when anything is unusual:
    then the full checks (:func:`validate`) read it again and word every problem. It accepts
    only what they accept (``tests/test_speed_load.py`` compares them on mutated maps), at
    about twice the cost of ``json.loads`` (the full checks: about eight). Without
    ``keep_text`` the text is dropped from ``content`` once parsed (memory), and the caller
    reads it again if the quick loader gives up."""
    given = content[0]
    if isinstance(given, str):
        try:
            data = given.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the full checks name it
            return None
    else:
        data = given  # msgspec refuses all but UTF-8: the full checks name the encoding
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b'"argmap"' not in data:  # AIF & co: not ours
        return None
    if not keep_text:
        content.clear()
    buffer = [data]
    del given, data  # parse_quick lets the text go midway
    root = parse_quick(buffer)
    if root is None:
        return None
    from argmap.mapfile.reader import Reader

    reader = Reader(
        Document(root, {}, False, True),
        None if base is None else Path(base),
        source_text,
        max_bytes,
    )
    try:
        with paused_gc():
            result = reader.read(root)
    except NotQuick:
        return None
    return None if reader.problems else result


def validate(
    document: Document,
    *,
    base: str | os.PathLike[str] | None = None,
    source_text: str | None = None,
    file: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """The map of a parsed document, after every check (:class:`MapError` listing all
    problems otherwise). ``base`` resolves ``source.text`` (at most ``max_bytes`` of it are
    read); ``file`` names the map."""
    from argmap.mapfile.reader import Reader  # difflib, quotes: not for --help

    reader = Reader(document, None if base is None else Path(base), source_text, max_bytes)
    result = reader.read(document.value)
    if reader.problems:
        raise MapError(reader.problems, file, item_labels(document.value, reader.problems))
    assert result is not None
    return result


def validate_object(
    value: Any, *, file: str | None = None, source_text: str | None = None
) -> ArgumentMap:
    """The map of a JSON object in our format built in memory (by an importer), after the
    same checks a file gets, without writing it out as text and parsing it again.

    >>> validate_object({"argmap": "1", "title": "T", "speakers": [], "claims": []}).title
    'T'
    """
    found = scan(value)
    if found.deep:
        raise MapError([Problem("", "is nested too deeply to be a map")], file)
    # What parsing text tells the reader (refused characters, NaN) comes from one walk; with
    # clean strings and no NaN the reader takes its quick paths, as for a file.
    document = Document(value, {}, found.non_finite, found.clean)
    return validate(document, source_text=source_text, file=file)


def __getattr__(name: str) -> Any:
    if name == "_Reader":  # the name of 0.1, used by its tests
        from argmap.mapfile.reader import Reader

        return Reader
    raise AttributeError(f"module 'argmap.mapfile' has no attribute {name!r}")
