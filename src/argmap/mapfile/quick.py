"""The quick loader and the reader's quick paths, for large lists of plainly valid claims and
relations: :func:`parse_quick` builds claims and relations while parsing, the reader's quick
paths check them (and plain parsed lists) a list at a time. They give up on anything unusual,
and the full checks, which alone word problems, read the map instead."""

from __future__ import annotations

import gc
import json
import math
import re
from operator import attrgetter, eq
from types import MappingProxyType
from typing import Any, Final

from argmap.errors import Problem
from argmap.mapfile.syntax import (
    ABSENT,
    CLAIM_KEYS,
    ENDPOINTS,
    ID_PATTERN,
    KEY_SETS,
    NO_DATA,
    OUTCOME_KEYS,
    REFUSED_CHARACTERS,
    RELATION_KEYS,
    SUSPECT_ESCAPE,
    as_kind,
    as_status,
    as_type,
    is_plain,
    new_claim,
    new_relation,
)
from argmap.model import (
    CLAIM_KINDS,
    OUTCOME_STATUSES,
    RELATION_TYPES,
    Claim,
    Outcome,
    Relation,
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

    def quick_claims(self, values: Any) -> list[Claim] | None:
        if type(values) is list and values and type(values[0]) is Claim:
            return self.prebuilt_claims(values)  # only the quick loader's lists hold these
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
                    NO_DATA if data is ABSENT else freeze(data),
                )
            )
        for index, ident in enumerate(fresh):
            seen[ident] = f"claims[{index}]"
            kind_of[ident] = "claim"
        values.clear()  # the parsed objects are not needed again: free them before the next list
        return claims

    def quick_relations(self, values: Any) -> list[Relation] | None:
        if type(values) is list and values and type(values[0]) is Relation:
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
                new_relation(
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
        if set(map(type, values)) != {Claim}:
            raise NotQuick
        ids = self.fresh_ids(list(map(attrgetter("id"), values)), "claim")
        if {self.kind_of.get(s) for s in set(map(attrgetter("speaker"), values))} != {"speaker"}:
            raise NotQuick
        self.kind_of.update(ids)
        return values

    def prebuilt_relations(self, values: list[Any]) -> list[Relation]:
        if set(map(type, values)) != {Relation}:
            raise NotQuick
        named = [ident for ident in map(attrgetter("id"), values) if ident is not None]
        self.kind_of.update(self.fresh_ids(named, "relation"))
        starts = list(map(attrgetter("from_id"), values))
        ends = list(map(attrgetter("to_id"), values))
        if any(map(eq, starts, ends)):
            raise NotQuick
        kinds = self.kind_of.get
        start_kinds, end_kinds = set(map(kinds, starts)), set(map(kinds, ends))
        used = set(map(attrgetter("type"), values))
        if start_kinds == end_kinds == {"claim"} and used <= CLAIM_TO_CLAIM:
            return values  # the common case, without a tuple per relation
        joins = set(
            zip(map(attrgetter("type"), values), map(kinds, starts), map(kinds, ends), strict=True)
        )
        for kind, start, end in joins:
            allowed = ENDPOINTS[kind]
            if start not in allowed[0] or end not in allowed[1]:
                raise NotQuick
        return values

    def fresh_ids(self, ids: list[str], kind: str) -> dict[str, str]:
        """``ids`` as a dict id -> ``kind``, after checking that each is a valid id and new."""
        unique = dict.fromkeys(ids, kind)
        if (
            len(unique) != len(ids)
            or not unique.keys().isdisjoint(self.first_use)
            or not ID_LINES.fullmatch("\n".join(ids) + "\n" if ids else "")
        ):
            raise NotQuick
        # Where each id is defined matters only to word a duplicate, and any problem sends the
        # loader back to the full checks: the kind stands in for the path.
        self.first_use.update(unique)
        return unique


class NotQuick(Exception):
    """The quick loader gives up; the full checks read the map again."""


#: The relation types that may join two claims.
CLAIM_TO_CLAIM: Final = frozenset(
    kind for kind, (starts, ends) in ENDPOINTS.items() if "claim" in starts and "claim" in ends
)

#: Many ids, each followed by a newline: one C-speed match instead of one per id.
ID_LINES: Final = re.compile(f"(?:{ID_PATTERN.pattern}\n)*")


class ClaimTwin:
    """Laid out like :class:`Claim` (the same slots) but with a plain ``__init__``: a Claim is
    built as a twin, then made a Claim by setting ``__class__``, which CPython allows between
    classes of the same layout. Twice as fast as the frozen dataclass's ``__init__``, which
    goes through ``object.__setattr__`` for every field; for the quick loader only, whose
    values are checked."""

    __slots__ = Claim.__slots__

    def __init__(
        self, id: str, speaker: str, text: str, quote: Any, kind: str, outcome: Any, data: Any
    ) -> None:
        self.id, self.speaker, self.text, self.quote = id, speaker, text, quote
        self.kind, self.outcome, self.quote_span, self.data = kind, outcome, None, data


class RelationTwin:
    """Laid out like :class:`Relation`; see :class:`ClaimTwin`."""

    __slots__ = Relation.__slots__

    def __init__(
        self, from_id: str, to_id: str, type: str, id: Any, quote: Any, note: Any, data: Any
    ) -> None:
        self.from_id, self.to_id, self.type, self.id = from_id, to_id, type, id
        self.quote, self.note, self.quote_span, self.data = quote, note, None, data


def parse_quick(text: str) -> tuple[Any, int] | None:
    """The parsed document, with each claim and relation that is plainly valid on its own
    already a model object, and how many such objects were made; None when the text is not
    JSON, not clean, uses NaN, or has a duplicated key (the full parser words each of these).

    Objects are converted as the parser finishes them, so the dicts of a large map never
    all exist at once (peak memory). Duplicate keys are found without a hook on every pair:
    every colon in the text either separates a key from its value or stands in a string, so
    when the colons number more than the pairs parsed plus the colons in the strings parsed,
    some pair was dropped, and a dropped pair is a duplicated key (``\\u003a``, an escaped
    colon, would spoil the count: such texts take the full path).
    """
    if not clean_text(text):
        return None
    pairs = made = 0
    with_data: list[Any] = []  # made with data: frozen at any depth once the text is parsed
    claim_keys, relation_keys, outcome_keys = (
        KEY_SETS[CLAIM_KEYS],
        KEY_SETS[RELATION_KEYS],
        KEY_SETS[OUTCOME_KEYS],
    )
    kinds, types, statuses = CLAIM_KINDS, RELATION_TYPES, OUTCOME_STATUSES
    # Every id the claims define, and every relation type and kind, held once: a relation's
    # ends, a claim's speaker and kind then share the string instead of holding a copy
    # (20 % less memory at 100k claims).
    shared: dict[str, str] = {name: name for name in (*kinds, *types)}
    share = shared.setdefault
    claim_class, relation_class = Claim, Relation

    def plain(value: Any) -> bool:
        return value is ABSENT or (type(value) is str and value != "" and not value.isspace())

    def hook(value: dict[str, Any]) -> Any:
        nonlocal pairs, made
        pairs += len(value)
        get = value.get
        if "speaker" in value:
            if not value.keys() <= claim_keys:
                return value
            ident, speaker, words = get("id"), get("speaker"), get("text", ABSENT)
            quote, kind, data = get("quote", ABSENT), get("kind", "assessment"), get("data")
            outcome = get("outcome", ABSENT)
            if not (
                type(ident) is str
                and type(speaker) is str
                and words is not ABSENT
                and plain(words)
                and plain(quote)
                and type(kind) is str
                and kind in kinds
                and ((data is None and "data" not in value) or type(data) is dict)
            ):
                return value
            if outcome is not ABSENT:
                outcome = quick_outcome(outcome)
                if outcome is None:
                    return value
            claim: Any = ClaimTwin(
                share(ident, ident),
                share(speaker, speaker),
                words,
                None if quote is ABSENT else quote,
                shared[kind],
                None if outcome is ABSENT else outcome,
                NO_DATA if data is None else MappingProxyType(data),
            )
            claim.__class__ = claim_class
            made += 1
            if data is not None:
                with_data.append(claim)
            return claim
        if "from" in value:
            if not value.keys() <= relation_keys:
                return value
            start, end, kind, ident = get("from"), get("to"), get("type"), get("id", ABSENT)
            quote, note, data = get("quote", ABSENT), get("note", ABSENT), get("data")
            if not (
                type(start) is str
                and type(end) is str
                and type(kind) is str
                and kind in types
                and (ident is ABSENT or type(ident) is str)
                and plain(quote)
                and plain(note)
                and ((data is None and "data" not in value) or type(data) is dict)
            ):
                return value
            relation: Any = RelationTwin(
                share(start, start),
                share(end, end),
                shared[kind],
                None if ident is ABSENT else ident,
                None if quote is ABSENT else quote,
                None if note is ABSENT else note,
                NO_DATA if data is None else MappingProxyType(data),
            )
            relation.__class__ = relation_class
            made += 1
            if data is not None:
                with_data.append(relation)
            return relation
        return value

    def quick_outcome(value: Any) -> Outcome | None:
        if type(value) is not dict or not value.keys() <= outcome_keys:
            return None
        status, note, source = (
            value.get("status"),
            value.get("note", ABSENT),
            value.get("source", ABSENT),
        )
        if not (type(status) is str and status in statuses and plain(note) and plain(source)):
            return None
        if status != "open" and source is ABSENT:
            return None
        return Outcome(
            as_status(status),
            None if note is ABSENT else note,
            None if source is ABSENT else source,
        )

    def refuse(name: str) -> Any:
        raise NotQuick

    def finite(literal: str) -> float:
        number = float(literal)
        if math.isinf(number):  # 1e999: the full checks name it at its path
            raise NotQuick
        return number

    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects and no cycles: collection only costs
    try:
        root = json.loads(text, object_hook=hook, parse_constant=refuse, parse_float=finite)
    except (NotQuick, ValueError, RecursionError):
        return None
    finally:
        if collecting:
            gc.enable()
    colons = text.count(":")
    if colons != pairs and colons != pairs + colons_in(root):
        return None
    for item in with_data:
        object.__setattr__(item, "data", freeze(item.data))
    return root, made


def clean_text(text: str) -> bool:
    """Whether no string in a JSON text can hold a refused character and no colon is escaped.

    The JSON parser already refuses raw control characters in strings, so an ASCII text
    needs searching only when it has ``\\u`` escapes: one C-speed ``in`` instead of two
    regex scans in the common case."""
    if "\\u" in text and (SUSPECT_ESCAPE.search(text) or ESCAPED_COLON.search(text)):
        return False
    return text.isascii() or not REFUSED_CHARACTERS.search(text)


ESCAPED_COLON: Final = re.compile(r"\\u003[aA]")


def colons_in(value: Any) -> int:
    """How many colons the strings (and keys) of a parsed document hold."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            count += item.count(":")
        elif type(item) is dict or type(item) is MappingProxyType:
            count += sum(key.count(":") for key in item)
            stack.extend(item.values())
        elif type(item) is list:
            if item and type(item[0]) in (Claim, Relation):
                count += model_colons(item, stack)
            else:
                stack.extend(item)
        elif type(item) in (Claim, Relation, Outcome):
            stack.extend(getattr(item, name) for name in item.__slots__)
    return count


def model_colons(items: list[Any], stack: list[Any]) -> int:
    """The colons in the text fields of a list of claims or relations, a field at a time in
    C (joined, then counted); their outcomes and data go on ``stack``."""
    if set(map(type, items)) != {type(items[0])}:
        stack.extend(items)
        return 0
    count = 0
    for name in items[0].__slots__:
        values = map(attrgetter(name), items)
        if name in ("outcome", "data"):
            stack.extend(filter(None, values))
        elif name != "quote_span":  # None when parsed: the quick loader locates quotes later
            count += "".join(filter(None, values)).count(":")
    return count
