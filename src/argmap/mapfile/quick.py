"""The reader's quick paths, for large lists of plainly valid claims and relations: lists the
quick loader (:func:`argmap.mapfile.wire.parse_quick`) built, and plain parsed lists, are
checked a list at a time. They give up on anything unusual,
and the full checks, which alone word problems, read the map instead."""

from __future__ import annotations

import re
from functools import partial
from itertools import repeat
from operator import attrgetter, eq, is_not
from typing import Any, Final

from argmap.errors import Problem
from argmap.mapfile.syntax import (
    ABSENT,
    CLAIM_KEYS,
    ENDPOINTS,
    ID_PATTERN,
    KEY_SETS,
    NO_DATA,
    RELATION_KEYS,
    as_kind,
    as_type,
    is_plain,
)
from argmap.mapfile.wire import Decoded, NotQuick
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    Claim,
    Relation,
    Speaker,
    freeze,
)


class QuickPaths:
    """Mixed into :class:`~argmap.mapfile.reader.Reader`; see the comment above the methods."""

    problems: list[Problem]
    invalid: dict[int, list[str]]
    has_constants: bool
    clean_strings: bool
    first_use: dict[str, str]
    kind_of: dict[str, str]

    # Quick paths. Large maps are lists of claims and relations in their plainest valid form;
    # these accept such a list in one tight loop, several times faster than the full checks.
    # At the first item that is not plainly valid they give up (returning None, changing
    # nothing) and the full checks run: they alone word problems, so messages never differ.

    def quick_ready(self, values: Any) -> bool:
        return (
            type(values) is list
            and self.clean_strings
            and not self.invalid
            and not self.has_constants
            and not self.problems
        )

    def quick_speakers(self, values: Any) -> list[Speaker] | None:
        if type(values) is not Decoded:
            return None  # speakers are few: only the quick loader's list is taken whole
        self.add_ids(list(map(attrgetter("id"), values)), "speaker")
        return values

    def quick_claims(self, values: Any) -> list[Claim] | None:
        if type(values) is Decoded:
            return self.prebuilt_claims(values)  # the quick loader's lists of claims
        if not self.quick_ready(values):
            return None
        keys, match, seen, kind_of = (
            KEY_SETS[CLAIM_KEYS],
            ID_PATTERN.fullmatch,
            self.first_use,
            self.kind_of,
        )
        fresh: dict[str, None] = {}
        claims = []
        for value in values:
            if type(value) is not dict or not value.keys() <= keys or "outcome" in value:
                return None
            ident, speaker = value.get("id"), value.get("speaker")
            text: Any = value.get("text")
            quote, kind = value.get("quote", ABSENT), value.get("kind", "assessment")
            data = value.get("data", ABSENT)
            if not (
                type(ident) is str
                and match(ident)
                and ident not in seen
                and ident not in fresh
                and type(speaker) is str
                and kind_of.get(speaker) == "speaker"
                and is_plain(text)
                and (quote is ABSENT or is_plain(quote))
                and type(kind) is str
                and kind in CLAIM_KINDS
                and (data is ABSENT or type(data) is dict)
            ):
                return None
            fresh[ident] = None
            claims.append(
                Claim(
                    ident,
                    speaker,
                    text,
                    None if quote is ABSENT else quote,
                    as_kind(kind),
                    None,
                    None,
                    NO_DATA if data is ABSENT else freeze(data),
                )
            )
        for index, ident in enumerate(fresh):
            seen[ident] = f"claims[{index}]"
            kind_of[ident] = "claim"
        values.clear()  # the parsed objects are not needed again: free them before the next list
        return claims

    def quick_relations(self, values: Any) -> list[Relation] | None:
        if type(values) is Decoded:
            return self.prebuilt_relations(values)
        if not self.quick_ready(values):
            return None
        keys, match, seen, kind_of = (
            KEY_SETS[RELATION_KEYS],
            ID_PATTERN.fullmatch,
            self.first_use,
            self.kind_of,
        )
        fresh: dict[str, int] = {}
        for index, value in enumerate(values):
            if type(value) is not dict or not value.keys() <= keys:
                return None
            ident = value.get("id", ABSENT)
            if ident is not ABSENT:
                if type(ident) is not str or not match(ident) or ident in seen or ident in fresh:
                    return None
                fresh[ident] = index
        relations = []
        for value in values:
            kind, start, end = value.get("type"), value.get("from"), value.get("to")
            ident, quote, note = (
                value.get("id"),
                value.get("quote", ABSENT),
                value.get("note", ABSENT),
            )
            data = value.get("data", ABSENT)
            if not (
                type(kind) is str
                and kind in RELATION_TYPES
                and type(start) is str
                and type(end) is str
            ):
                return None
            allowed = ENDPOINTS[kind]
            end_kind = "relation" if end in fresh else kind_of.get(end)
            if not (
                start != end
                and kind_of.get(start) in allowed[0]
                and end_kind in allowed[1]
                and (quote is ABSENT or is_plain(quote))
                and (note is ABSENT or is_plain(note))
                and (data is ABSENT or type(data) is dict)
            ):
                return None
            relations.append(
                Relation(
                    start,
                    end,
                    as_type(kind),
                    ident,
                    None if quote is ABSENT else quote,
                    None if note is ABSENT else note,
                    None,
                    NO_DATA if data is ABSENT else freeze(data),
                )
            )
        for ident, index in fresh.items():
            seen[ident] = f"relations[{index}]"
            kind_of[ident] = "relation"
        values.clear()  # as for claims
        return relations

    # Prebuilt lists. The quick loader (:func:`parse_quick`) hands over lists of Claim and
    # Relation objects it built while parsing, with every check made but those that need the
    # whole map: id syntax and uniqueness, and what the references point at. These make them
    # a list at a time, in C where they can (a joined regex, sets, map). Any failure raises
    # NotQuick and the loader starts again on the full checks, which word the problem.

    def prebuilt_claims(self, values: list[Any]) -> list[Claim]:
        self.add_ids(list(map(attrgetter("id"), values)), "claim")
        if {self.kind_of.get(s) for s in set(map(attrgetter("speaker"), values))} != {"speaker"}:
            raise NotQuick
        return values

    def prebuilt_relations(self, values: list[Any]) -> list[Relation]:
        used = set(map(attrgetter("type"), values))
        named = list(filter(partial(is_not, None), map(attrgetter("id"), values)))
        if "undercuts" in used:  # ends may name relations: their ids are needed as kinds
            self.add_ids(named, "relation")
        elif not (
            len(set(named)) == len(named) and self.kind_of.keys().isdisjoint(named)
        ) or not valid_ids(named):
            raise NotQuick
        del named
        # Each column read twice rather than held in a list: peak memory on large maps.
        starts, ends = attrgetter("from_id"), attrgetter("to_id")
        if any(map(eq, map(starts, values), map(ends, values))):
            raise NotQuick
        kinds = self.kind_of.get
        start_kinds = set(map(kinds, map(starts, values)))
        end_kinds = set(map(kinds, map(ends, values)))
        if start_kinds == end_kinds == {"claim"} and used <= CLAIM_TO_CLAIM:
            return values  # the common case, without a tuple per relation
        joins = set(
            zip(
                map(attrgetter("type"), values),
                map(kinds, map(starts, values)),
                map(kinds, map(ends, values)),
                strict=True,
            )
        )
        for kind, start, end in joins:
            allowed = ENDPOINTS[kind]
            if start not in allowed[0] or end not in allowed[1]:
                raise NotQuick
        return values

    def defined_at(self, ident: str) -> str:
        """The path of the item that defines ``ident``. The quick paths keep no paths (any
        problem sends the loader to the full checks, which word it): there, its list."""
        return self.first_use.get(ident) or f"{self.kind_of[ident]}s"

    def add_ids(self, ids: list[str], kind: str) -> None:
        """Record ``ids`` as ids of ``kind``, after checking that each is a valid id and new.
        Only their kind is kept (``kind_of``), not where they are defined (``first_use``):
        that matters only to word a problem, and any problem sends the loader back to the
        full checks."""
        known = len(self.kind_of)
        self.kind_of.update(zip(ids, repeat(kind)))
        if len(self.kind_of) != known + len(ids) or not valid_ids(ids):
            raise NotQuick


def valid_ids(ids: list[str]) -> bool:
    """Whether every one of many ids is valid: one C-speed match of them all, joined."""
    return not ids or bool(ID_LINES.fullmatch("\n".join(ids)))


#: The relation types that may join two claims.
CLAIM_TO_CLAIM: Final = frozenset(
    kind for kind, (starts, ends) in ENDPOINTS.items() if "claim" in starts and "claim" in ends
)

#: Many ids, one per line: one C-speed match instead of one per id (possessive, so that
#: the matcher keeps no state per line to backtrack to: 12 MB at 100,000 ids).
ID_LINES: Final = re.compile(f"{ID_PATTERN.pattern}(?:\n{ID_PATTERN.pattern})*+")
