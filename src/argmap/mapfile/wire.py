"""The quick loader's parser: a map file decoded by msgspec straight into the model.

:func:`parse_quick` decodes the JSON text with ``msgspec`` into the model's own claims and
relations (frozen ``msgspec.Struct`` classes): unknown keys, wrong types and unknown kinds are
refused in C while parsing. Everything else in the file (speakers, source, context, ``data``)
is small and is parsed by ``json.loads`` from the raw text msgspec hands over, so the reader
checks it as it checks any parsed file. What msgspec does not check (empty texts, a source for
an outcome) is checked here a field at a time, in C where it can be (``map``, ``join``).

It never words a problem: at anything unusual it returns None, and the full checks
(:func:`argmap.mapfile.parse` and the reader) read the text again. A duplicated key, which a
decoder silently resolves, is found by counting: every colon in a JSON text separates a key
from its value or stands in a string, so a text with more colons than the keys decoded plus
the colons in the strings decoded had a key dropped, that is a duplicated one. Keys are
counted from the fields that differ from their default; ``kind`` is the one field whose
default a file may also write out, so which claims give it is read by a second decode that
skips everything else (a tenth of the first).
"""

from __future__ import annotations

import json
import math
import re
from itertools import repeat
from operator import attrgetter, is_not
from typing import Any, Final

import msgspec
from msgspec import Raw, Struct

from argmap.frozen import FrozenData, FrozenList, freeze, paused_gc
from argmap.mapfile.parse import UNDERFLOW
from argmap.mapfile.syntax import SUSPECT_ESCAPE, is_safe_url
from argmap.model import NO_DATA, Claim, Outcome, Relation, Speaker

__all__ = ["Decoded", "NotQuick", "parse_quick"]

#: The value of a raw field whose key is absent (a value's raw text is never empty).
ABSENT: Final = Raw()


class WireMap(Struct, forbid_unknown_fields=True, rename={"schema": "$schema"}):
    """A map file's root: speakers and claims decoded into the model, the rest kept raw."""

    claims: list[Claim]
    speakers: list[Speaker] | None = None
    relations: Raw = ABSENT  # decoded on their own: see parse_quick
    argmap: Raw = ABSENT
    schema: Raw = ABSENT
    title: Raw = ABSENT
    description: Raw = ABSENT
    source: Raw = ABSENT
    context: Raw = ABSENT
    data: Raw = ABSENT


class KindGiven(Struct, gc=False):
    kind: Raw = ABSENT


class KindsGiven(Struct):
    """Only which claims write out their ``kind``; msgspec skips every other value."""

    claims: list[KindGiven]


def frozen_data(kind: type, value: Any) -> Any:
    """msgspec's hook for the model's ``data`` fields (:data:`argmap.model.Data`): the parsed
    object, frozen."""
    if kind is FrozenData and type(value) is dict:
        return freeze(value)
    raise NotQuick


def plain_float(text: str) -> float:
    """msgspec's hook for the floats in data (the only ones a map has): a number no float
    holds as written (1e999, or 1e-400, which reads as 0) gives the map to the full checks,
    which refuse it.

    >>> plain_float("2.5")
    2.5
    """
    number = float(text)
    if not math.isfinite(number) or (not number and UNDERFLOW.match(text)):
        raise ValueError(f"the number {text[:20]}")
    return number


DECODER: Final = msgspec.json.Decoder(WireMap, dec_hook=frozen_data, float_hook=plain_float)
RELATIONS_DECODER: Final = msgspec.json.Decoder(
    list[Relation], dec_hook=frozen_data, float_hook=plain_float
)
KINDS_DECODER: Final = msgspec.json.Decoder(KindsGiven)
#: The root's keys other than claims and relations: parsed by ``json.loads`` from raw text.
RAW_KEYS: Final = tuple(
    name for name in WireMap.__struct_fields__ if name not in ("claims", "speakers", "relations")
)


class Decoded(list[Any]):
    """A list of claims or relations that msgspec decoded: each item is of the model class
    the decoder named, so the reader need not look at their types again."""


class NotQuick(Exception):
    """The quick loader gives up; the full checks read the map again."""


def parse_quick(content: list[bytes]) -> dict[str, Any] | None:
    """The parsed document, its claims and relations already model objects in
    :class:`Decoded` lists (every check made but those that need the whole map: ids and
    references); None when the text is not a plainly valid map in every other respect.

    ``content`` holds the file's UTF-8 bytes (msgspec reads them without decoding them first)
    and is emptied: the relations are decoded from a copy of their own part of the text once
    the rest is read, and the whole text can go before they are built (peak memory: all the
    text and all the objects never exist at once).

    >>> root = parse_quick([b'{"argmap": "1", "title": "T", "claims": '
    ...     b'[{"id": "c", "speaker": "s", "text": "It rains."}]}'])
    >>> root["title"], root["claims"][0].text
    ('T', 'It rains.')
    >>> parse_quick([b'{"argmap": "1", "title": "T", "title": "U", "claims": []}']) is None
    True
    """
    text = content.pop()
    if not clean_text(text):
        return None
    colons = text.count(b":")
    count = Count()
    root: dict[str, Any] = {}
    try:
        with paused_gc():
            wire = DECODER.decode(text)
            for name in RAW_KEYS:
                raw = getattr(wire, name)
                if raw:
                    root["$schema" if name == "schema" else name] = count.raw(raw)
            if wire.speakers is not None:
                root["speakers"] = Decoded(count.speakers(wire.speakers))
            root["claims"] = Decoded(count.claims(wire.claims, text))
            relations = bytes(wire.relations) if wire.relations else None
            del wire, text, raw  # the raw parts hold the text
            if relations is not None:
                root["relations"] = Decoded(count.relations(RELATIONS_DECODER.decode(relations)))
            count.pairs += len(root)
    except (msgspec.MsgspecError, NotQuick, ValueError, RecursionError):
        return None
    if colons != count.pairs + count.colons:
        return None
    return root


class Count:
    """The keys decoded and the colons in the strings decoded so far; see the module."""

    def __init__(self) -> None:
        self.pairs = 0
        self.colons = 0

    def speakers(self, speakers: list[Speaker]) -> list[Speaker]:
        self.pairs += 2 * len(speakers)  # id, name
        self.text(speakers, "name")
        for name in ("role", "affiliation", "participation"):
            self.text(speakers, name, optional=True)
        if not all(map(is_safe_url, self.text(speakers, "url", optional=True))):
            raise NotQuick
        self.data(speakers, spans=False)
        return speakers

    def claims(self, claims: list[Claim], text: bytes) -> list[Claim]:
        self.pairs += 3 * len(claims)  # id, speaker, text
        self.text(claims, "text")
        self.text(claims, "quote", optional=True)
        if b'"assessment"' in text:  # a kind may be written out as its default
            given = KINDS_DECODER.decode(text).claims
            self.pairs += sum(map(bool, map(attrgetter("kind"), given)))
        else:
            kinds = list(map(attrgetter("kind"), claims))
            self.pairs += len(kinds) - kinds.count("assessment")
        for outcome in self.optional(claims, "outcome"):
            self.outcome(outcome)
        self.data(claims)
        return claims

    def relations(self, relations: list[Relation]) -> list[Relation]:
        self.pairs += 3 * len(relations)  # from, to, type
        self.optional(relations, "id")
        self.text(relations, "quote", optional=True)
        self.text(relations, "note", optional=True)
        self.data(relations)
        return relations

    def optional(self, items: list[Any], name: str) -> list[Any]:
        """The values of an optional field (default None) that items have, counted."""
        values = list(map(attrgetter(name), items))
        absent = values.count(None)
        given = list(filter(None, values)) if absent else values
        if len(given) + absent != len(values):
            raise NotQuick  # an empty text or id: the full checks word it
        self.pairs += len(given)
        return given

    def text(self, items: list[Any], name: str, *, optional: bool = False) -> list[str]:
        """Count a free-text field: its keys, and the colons in it. (Ids and names of kinds
        are not searched for colons: a valid one has none, and a colon not counted only sends
        the text to the full checks.) An empty or blank text is the full checks' to word."""
        texts = self.optional(items, name) if optional else list(map(attrgetter(name), items))
        if not all(texts) or any(map(str.isspace, texts)):
            raise NotQuick
        self.colons += "".join(texts).count(":")
        return texts

    def outcome(self, outcome: Outcome) -> None:
        note, source = outcome.note, outcome.source
        if outcome.status != "open" and source is None:
            raise NotQuick  # the full checks ask for a source
        for value in (note, source):
            if value is not None:
                if not value or value.isspace():
                    raise NotQuick
                self.pairs += 1
                self.colons += value.count(":")
        self.pairs += 1  # status

    def data(self, items: list[Any], *, spans: bool = True) -> None:
        """Count the keys of ``data`` and the colons in it; quote spans (which speakers do
        not have) are the loader's to set."""
        if spans and list(map(attrgetter("quote_span"), items)).count(None) != len(items):
            raise NotQuick  # not a key of the file format: the full checks name it
        data = list(map(attrgetter("data"), items))
        if not any(map(is_not, data, repeat(NO_DATA))):  # ("data": {} is not NO_DATA)
            return
        for value in data:
            if value is not NO_DATA:
                self.pairs += 1
                self.walk(value)

    def walk(self, value: Any) -> None:
        stack = [value]
        while stack:
            item = stack.pop()
            if type(item) is str:
                self.colons += item.count(":")
            elif type(item) is FrozenData:
                self.pairs += len(item)
                self.colons += sum(key.count(":") for key in item)
                stack.extend(item.values())
            elif type(item) is FrozenList:
                stack.extend(item)

    def raw(self, raw: Raw) -> Any:
        """A raw value (speakers, source, ...) parsed as the full parser would parse it, its
        colons counted as a whole: a duplicated key in it is caught by its own parse."""
        text = bytes(raw)
        self.colons += text.count(b":")
        return json.loads(
            text, object_pairs_hook=unique_keys, parse_constant=refuse, parse_float=finite
        )


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise NotQuick
    return value


def refuse(name: str) -> Any:
    raise NotQuick


def finite(literal: str) -> float:
    number = float(literal)
    if math.isinf(number):  # 1e999: the full checks name it at its path
        raise NotQuick
    return number


#: An escape of a refused character (see ``SUSPECT_ESCAPE``) or a ``\\u`` escape of a colon,
#: which would spoil the count of colons.
SUSPECT_OR_COLON: Final = re.compile(f"{SUSPECT_ESCAPE.pattern}|\\\\u003[aA]".encode())
#: The UTF-8 lead bytes of the refused characters (see ``REFUSED_CHARACTERS``; JSON refuses raw
#: control characters in strings), each with the pieces of two bytes one of its forms holds:
#: surrogates (\xed\xa0 to \xed\xbf), the non-characters U+FDD0 to U+FDEF (\xef\xb7\x90 to
#: \xef\xb7\xaf), and U+FFFE and U+FFFF of each plane (\xef\xbf\xbe, ...; four bytes ending
#: \xbf\xbe or \xbf\xbf beyond plane 0, led by one of ``FOUR_BYTE_LEADS``).
FOUR_BYTE_LEADS: Final = [bytes([lead]) for lead in range(0xF0, 0xF5)]
LEADS: Final = {
    b"\xed": (b"\xed",),
    b"\xef": (b"\xef\xb7", b"\xef\xbf"),
    **dict.fromkeys(FOUR_BYTE_LEADS, (b"\xbf\xbe", b"\xbf\xbf")),
}
#: The refused characters in UTF-8, exactly. Every branch begins with a byte, so that the search
#: skips to the lead bytes at table speed.
REFUSED_UTF8: Final = re.compile(
    b"|".join(
        [
            rb"\xed[\xa0-\xbf]",
            rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])",
            *(lead + rb"[\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]" for lead in FOUR_BYTE_LEADS),
        ]
    )
)


def clean_text(text: bytes) -> bool:
    """Whether no string in a JSON text can hold a refused character and no colon is escaped:
    an ASCII text needs searching only when it has backslashes.

    >>> clean_text(b'"a\\\\u00e9"'), clean_text(b'"a\\\\u0000"'), clean_text('"\\ufffe"'.encode())
    (True, False, False)
    >>> clean_text('"\\u00e9\\U0001f600"'.encode()), clean_text('"\\ufdd0 \\U0010ffff"'.encode())
    (True, False)
    """
    # A one-byte needle is searched at memchr speed; b"\\u" would cost twice the regex.
    if b"\\" in text and SUSPECT_OR_COLON.search(text):
        return False
    if text.isascii():
        return True
    # The lead bytes a text holds are found at memchr speed; only their pieces are searched
    # for, and only a text holding one of them is searched in full.
    pieces = {piece for lead, held in LEADS.items() if lead in text for piece in held}
    return not any(piece in text for piece in pieces) or not REFUSED_UTF8.search(text)
