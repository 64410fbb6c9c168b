"""Bytes to a parsed JSON document: size limit, encoding, duplicate keys, NaN, nesting."""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any, Final

from argmap.errors import MapError, Problem
from argmap.mapfile.syntax import DEFAULT_MAX_BYTES, REFUSED_CHARACTERS, SUSPECT_ESCAPE, Invalid

#: The longest integer Python converts from text (``sys.get_int_max_str_digits``; 4,300).
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300


@dataclass
class Document:
    value: Any
    #: id() of objects that had duplicate keys -> the duplicated keys.
    invalid: dict[int, list[str]]
    #: Whether the text used NaN, Infinity, a non-finite number (1e999) or an over-long integer.
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


#: A number whose digits are not all zero: read as 0 only when it is too small to hold.
UNDERFLOW: Final = re.compile(r"-?0*\.?0*[1-9]")


def parse(content: list[str | bytes]) -> Document:
    """Parse the one text in ``content``, taking it out so that it can be freed early."""
    decoded = decode(content.pop())
    if not decoded.strip():
        raise MapError([Problem("", "is empty; expected a JSON object")])
    invalid: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):  # counted once: linear in the number of keys
            counts = Counter(key for key, _ in pairs)
            invalid[id(obj)] = sorted(key for key, count in counts.items() if count > 1)
        return obj

    constants: list[str] = []

    def constant_hook(name: str) -> Invalid:
        constants.append(name)
        return Invalid(f"{name} (not valid JSON)")

    def int_hook(digits: str) -> int | Invalid:
        # Python refuses to convert integers this long (a ValueError, not a JSON error).
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            constants.append(digits)
            return Invalid(f"an integer of {len(digits.lstrip('-')):,} digits (too long)")
        return int(digits)

    def float_hook(text: str) -> float | Invalid:
        number = float(text)
        if not math.isfinite(number):  # 1e999: valid JSON text, but no reader can hold it
            constants.append(text)
            return Invalid(f"the number {text[:20]} (too large for a JSON number)")
        if not number and UNDERFLOW.match(text):  # 1e-400 read as 0: not kept as written
            constants.append(text)
            return Invalid(f"the number {text[:20]} (too small for a JSON number: it reads as 0)")
        return number

    try:
        value = json.loads(
            decoded,
            object_pairs_hook=pairs_hook,
            parse_constant=constant_hook,
            parse_int=int_hook,
            parse_float=float_hook,
        )
    except json.JSONDecodeError as error:
        raise MapError([Problem("", json_error_message(error))]) from None
    except RecursionError:
        raise MapError([Problem("", "is nested too deeply to be a map")]) from None
    # Refused characters reach a string raw (a str may hold lone surrogates) or through \u
    # escapes; when the document has neither, no string needs searching. (Parsed JSON holds
    # no raw control character: an ASCII text can hold refused characters only as escapes.)
    clean = not SUSPECT_ESCAPE.search(decoded) and (
        decoded.isascii() or not REFUSED_CHARACTERS.search(decoded)
    )
    return Document(value, invalid, bool(constants), clean)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an input file, refused unread when it is larger than ``max_bytes``;
    :class:`MapError` naming the file for anything that keeps it from being read."""
    file = os.fspath(path)
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(descriptor).st_size
            data = b"" if size > max_bytes else read_up_to(descriptor, max_bytes + 1, size)
        finally:
            os.close(descriptor)
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
                    f"{max_bytes:,}; raise the limit (--max-bytes or ARGMAP_MAX_BYTES; "
                    "max_bytes= in Python) to read it",
                )
            ],
            file,
        )
    return data


def read_up_to(descriptor: int, limit: int, size: int) -> bytes:
    """At most ``limit`` bytes of an open file whose size ``os.fstat`` gives as ``size``.

    A regular file comes in one read of its size: a buffered ``read(limit)`` sets aside the
    whole limit first and reads in fixed steps copy the text again when joined (at 30 MB,
    21 ms and 39 ms against 4 ms). A pipe, or a file still growing, is read on up to the
    limit.
    """
    step = max(size + 1, 1 << 16)
    chunks = []
    while limit > 0:
        chunk = os.read(descriptor, min(limit, step))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
        step = 1 << 16  # what follows the first read is small, if anything (peak memory)
    return b"".join(chunks)


def json_error_message(error: json.JSONDecodeError) -> str:
    """What is wrong with a text that is not JSON, in the words of someone who wrote it by hand.

    >>> try:
    ...     json.loads('{"claims": [1, 2,]}')
    ... except json.JSONDecodeError as error:
    ...     json_error_message(error)
    'is not valid JSON: a trailing comma before "]" (JSON allows none) at line 1, column 17'
    """
    text, pos = error.doc, error.pos
    # Python up to 3.12 points after a trailing comma, at the bracket; 3.13 at the comma.
    before, after = text[:pos].rstrip(), text[pos + 1 :].lstrip()
    comma, closing = -1, ""
    if before.endswith(",") and text[pos : pos + 1] in ("]", "}"):
        comma, closing = len(before) - 1, text[pos]
    elif text[pos : pos + 1] == "," and after[:1] in ("]", "}"):
        comma, closing = pos, after[0]
    if comma >= 0:
        line, column = text.count("\n", 0, comma) + 1, comma - text.rfind("\n", 0, comma)
        return (
            f'is not valid JSON: a trailing comma before "{closing}" (JSON allows none) '
            f"at line {line}, column {column}"
        )
    hint = ""
    if text.startswith("'", pos):
        hint = " (JSON strings and names take double quotes)"
    elif text.startswith(("//", "/*"), pos):
        hint = " (JSON has no comments)"
    return f"is not valid JSON: {error.msg}{hint} at line {error.lineno}, column {error.colno}"
