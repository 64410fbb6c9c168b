"""Stated and inferred links: the part of a map that the source itself says.

A relation marked ``"data": {"basis": "inferred"}`` is the map author's reading, not the
source's words (see :attr:`argmap.model.Relation.inferred`). Every analysis can be asked of
the stated links alone by handing it ``stated_only(m)`` instead of ``m``.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from argmap.model import ArgumentMap, Relation

__all__ = ["stated_only"]


def stated_only(argument_map: ArgumentMap) -> ArgumentMap:
    """The map without the relations its author inferred, nor the undercuts that hang on them.

    >>> import argmap
    >>> from argmap.analysis import agreement_matrix
    >>> m = argmap.loads('''{"argmap": "1", "title": "t",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a", "speaker": "ann", "text": "A."},
    ...              {"id": "b", "speaker": "bob", "text": "B."}],
    ...   "relations": [
    ...     {"id": "r1", "from": "b", "to": "a", "type": "agrees"},
    ...     {"id": "r2", "from": "b", "to": "a", "type": "attacks", "note": "my reading",
    ...      "data": {"basis": "inferred"}}]}''')
    >>> [a.net for a in agreement_matrix(m)], [a.net for a in agreement_matrix(stated_only(m))]
    ([0], [1])
    """
    undercuts: defaultdict[str, list[Relation]] = defaultdict(list)
    for relation in argument_map.relations:
        if relation.type == "undercuts":
            undercuts[relation.to_id].append(relation)
    dropped: set[int] = set()
    pending = [relation for relation in argument_map.relations if relation.inferred]
    while pending:  # each relation is dropped once, so this is linear in the relations
        relation = pending.pop()
        if id(relation) in dropped:
            continue
        dropped.add(id(relation))
        if relation.id is not None:
            pending.extend(undercuts.get(relation.id, ()))
    if not dropped:
        return argument_map
    kept = tuple(r for r in argument_map.relations if id(r) not in dropped)
    # A checked map less some relations and every undercut that hangs on them is still
    # valid, so it is not checked again (that would cost more than all of the above).
    fields = {
        f.name: getattr(argument_map, f.name) for f in dataclasses.fields(argument_map) if f.init
    }
    return ArgumentMap.checked(**{**fields, "relations": kept})
