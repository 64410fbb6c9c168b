"""Helpers and vocabulary shared by the analyses."""

from __future__ import annotations

from itertools import count, repeat
from operator import attrgetter
from typing import Any, Final, Literal, NamedTuple, TypeAlias

from argmap.errors import UsageError
from argmap.model import (
    RELATIONS,
    ArgumentMap,
    Relation,
)

Label: TypeAlias = Literal["in", "out", "undec"]

POSITIVE: Final = frozenset(name for name, kind in RELATIONS.items() if kind.stance == "for")
NEGATIVE: Final = frozenset(name for name, kind in RELATIONS.items() if kind.stance == "against")


def checked_top(top: object) -> int:
    """``top``, the number of claims a ranking lists: a whole number, 1 or more (the command
    line's ``--top`` allows no other).

    >>> checked_top(0)
    Traceback (most recent call last):
    ...
    argmap.errors.UsageError: top must be a whole number, 1 or more, not 0
    """
    if type(top) is not int or top < 1:
        raise UsageError(f"top must be a whole number, 1 or more, not {top!r}")
    return top


class Positions(NamedTuple):
    """A map's claims and relations as list positions, worked out once for the analyses that
    :func:`~argmap.analysis.summary` runs together (each analysis alone works them out too).

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "supports"},
    ...                 {"from": "s", "to": "a", "type": "agrees"}]}''')
    >>> p = positions(m)
    >>> p.ids, p.kinds, p.starts, p.ends
    (['a', 'b'], ['supports', 'agrees'], [0, -1], [1, 0])
    """

    #: The claim ids in file order, and each one's position in it.
    ids: list[str]
    order: dict[str, int]
    #: Per relation in file order: its type, and the positions of the claims at its ``from``
    #: and ``to`` (-1 for a speaker or a relation: a list of one entry per claim and a last
    #: one for anything else is indexed by these positions in C, with no test for None).
    kinds: list[str]
    starts: list[int]
    ends: list[int]


def positions(argument_map: ArgumentMap) -> Positions:
    """The map's :class:`Positions`: a dict lookup per relation end, each done in C."""
    ids = list(map(attrgetter("id"), argument_map.claims))
    order = dict(zip(ids, count()))
    relations = argument_map.relations
    return Positions(
        ids,
        order,
        list(map(attrgetter("type"), relations)),
        list(map(order.get, map(attrgetter("from_id"), relations), repeat(-1))),
        list(map(order.get, map(attrgetter("to_id"), relations), repeat(-1))),
    )


def speaker_of(argument_map: ArgumentMap, id: str) -> str | None:
    """The speaker an id stands for: itself, or a claim's speaker (None for anything else)."""
    if argument_map.is_speaker(id):
        return id
    if argument_map.is_claim(id):
        return argument_map.claim(id).speaker
    return None


def target_of(argument_map: ArgumentMap, relation: Relation) -> str | None:
    """The claim or speaker a relation points at; for an undercut, the undercut relation's."""
    if relation.type != "undercuts":
        return relation.to_id
    undercut = relation_or_none(argument_map, relation.to_id)
    return None if undercut is None else undercut.to_id


def relation_or_none(argument_map: ArgumentMap, id: str) -> Relation | None:
    try:
        return argument_map.relation(id)
    except KeyError:
        return None


def set_fields(obj: Any) -> dict[str, Any]:
    """The fields of a model record that are set (not None)."""
    names = obj.__struct_fields__
    return {name: getattr(obj, name) for name in names if getattr(obj, name) is not None}
