"""Bytes to a parsed JSON document: size limit, encoding, duplicate keys, NaN, nesting."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from argmap.errors import MapError, Problem
from argmap.mapfile.syntax import DEFAULT_MAX_BYTES, REFUSED_CHARACTERS, SUSPECT_ESCAPE, Invalid


@dataclass
class Document:
    value: Any
    #: id() of objects that had duplicate keys -> the duplicated keys.
    invalid: dict[int, list[str]]
    #: Whether the text used NaN or Infinity somewhere.
    has_constants: bool
    #: Whether no string can hold a refused character (then no string needs searching).
    clean_strings: bool


def line_of(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def decode(text: str | bytes) -> str:
    if isinstance(text, str):
        return text[1:] if text.startswith("\ufeff") else text
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(text) >= 2 and (text[0] == 0 or text[1] == 0)
    ):
        raise MapError([Problem("", "is UTF-16 or UTF-32 encoded; save it as UTF-8")])
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MapError(
            [
                Problem(
                    "",
                    f"is not valid UTF-8: byte 0x{text[error.start]:02x} at "
                    f"{line_of(text, error.start)}; save the file as UTF-8",
                )
            ]
        ) from None


def parse(content: list[str | bytes]) -> Document:
    """Parse the one text in ``content``, taking it out so that it can be freed early."""
    decoded = decode(content.pop())
    if not decoded.strip():
        raise MapError([Problem("", "is empty; expected a JSON object")])
    invalid: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            keys = [key for key, _ in pairs]
            invalid[id(obj)] = sorted({key for key in keys if keys.count(key) > 1})
        return obj

    constants: list[str] = []

    def constant_hook(name: str) -> Invalid:
        constants.append(name)
        return Invalid(f"{name} (not valid JSON)")

    try:
        value = json.loads(decoded, object_pairs_hook=pairs_hook, parse_constant=constant_hook)
    except json.JSONDecodeError as error:
        raise MapError([Problem("", json_error_message(error))]) from None
    except RecursionError:
        raise MapError([Problem("", "is nested too deeply to be a map")]) from None
    # Refused characters reach a string raw (a str may hold lone surrogates) or through \u
    # escapes; when the document has neither, no string needs searching.
    clean = not SUSPECT_ESCAPE.search(decoded) and not REFUSED_CHARACTERS.search(decoded)
    return Document(value, invalid, bool(constants), clean)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an input file, refused unread when it is larger than ``max_bytes``;
    :class:`MapError` naming the file for anything that keeps it from being read."""
    file = os.fspath(path)
    try:
        with open(file, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = b"" if size > max_bytes else stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise MapError([Problem("", "is a folder, expected a map file")], file) from None
    except FileNotFoundError:
        raise MapError([Problem("", "no such file")], file) from None
    except OSError as error:
        raise MapError([Problem("", f"cannot be read: {error.strerror}")], file) from None
    if size > max_bytes or len(data) > max_bytes:
        raise MapError(
            [
                Problem(
                    "",
                    f"file is {max(size, len(data)):,} bytes, more than the limit of "
                    f"{max_bytes:,}; raise the limit (--max-bytes, ARGMAP_MAX_BYTES) to read it",
                )
            ],
            file,
        )
    return data


def json_error_message(error: json.JSONDecodeError) -> str:
    """What is wrong with a text that is not JSON, in the words of someone who wrote it by hand.

    >>> try:
    ...     json.loads('{"claims": [1, 2,]}')
    ... except json.JSONDecodeError as error:
    ...     json_error_message(error)
    'is not valid JSON: a trailing comma before "]" (JSON allows none) at line 1, column 17'
    """
    text, pos = error.doc, error.pos
    before = text[:pos].rstrip()
    if before.endswith(",") and text[pos : pos + 1] in ("]", "}"):
        comma = len(before) - 1
        line, column = text.count("\n", 0, comma) + 1, comma - text.rfind("\n", 0, comma)
        return (
            f'is not valid JSON: a trailing comma before "{text[pos]}" (JSON allows none) '
            f"at line {line}, column {column}"
        )
    hint = ""
    if text.startswith("'", pos):
        hint = " (JSON strings and names take double quotes)"
    elif text.startswith(("//", "/*"), pos):
        hint = " (JSON has no comments)"
    return f"is not valid JSON: {error.msg}{hint} at line {error.lineno}, column {error.colno}"
