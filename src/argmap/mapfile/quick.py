"""The reader's quick paths for large lists of plainly valid claims and relations."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

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
    new_claim,
    new_relation,
)
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    Claim,
    Relation,
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

    def quick_claims(self, values: Any) -> list[Claim] | None:
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
                new_claim(
                    ident,
                    speaker,
                    text,
                    None if quote is ABSENT else quote,
                    as_kind(kind),
                    None,
                    None,
                    NO_DATA if data is ABSENT else MappingProxyType(data),
                )
            )
        for index, ident in enumerate(fresh):
            seen[ident] = f"claims[{index}]"
            kind_of[ident] = "claim"
        values.clear()  # the parsed objects are not needed again: free them before the next list
        return claims

    def quick_relations(self, values: Any) -> list[Relation] | None:
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
                new_relation(
                    start,
                    end,
                    as_type(kind),
                    ident,
                    None if quote is ABSENT else quote,
                    None if note is ABSENT else note,
                    None,
                    NO_DATA if data is ABSENT else MappingProxyType(data),
                )
            )
        for ident, index in fresh.items():
            seen[ident] = f"relations[{index}]"
            kind_of[ident] = "relation"
        values.clear()  # as for claims
        return relations
