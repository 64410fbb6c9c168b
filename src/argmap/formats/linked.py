"""Linked arguments found again: the relations an importer made of one AIF RA/CA or SADFace
scheme with several premises, which an export writes as one node again.

An inference with two premises (``p1, p2 → c``) is one node in AIF and SADFace; argmap has
one relation per premise and conclusion, so the importers make two ``supports`` relations
that keep the node's id (``data["aif"]["nodeID"]``, ``data["sadface"]["id"]``: :func:`origin`,
which both exports read, so that one from AIF is one scheme in SADFace too). A conflict
on that node undercuts both. :func:`groups` finds such relations again so that an export
writes one node with several premises, and only where importing that node gives back the
same relations in the same order, nothing more:

- supports or attacks next to each other in the map, with the same origin (the node id the
  ``origin`` function reads), the same ``to`` and different ``from``;
- undercuts of such a group: next to each other, with one origin, undercutting every
  relation of the group from each of their claims, in the order an importer makes them
  (claim by claim, then the group's relations in order), and undercut by nothing. A group
  with any other undercut stays apart (one node per relation), as the export wrote it before.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],
...   "claims": [{"id": "c", "speaker": "s", "text": "C"}, {"id": "p", "speaker": "s",
...   "text": "P"}, {"id": "q", "speaker": "s", "text": "Q"}],
...   "relations": [
...     {"id": "r.1", "from": "p", "to": "c", "type": "supports", "data": {"n": "4"}},
...     {"id": "r.2", "from": "q", "to": "c", "type": "supports", "data": {"n": "4"}}]}''')
>>> groups(m, lambda i: m.relations[i].data.get("n"))
[[0, 1]]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping

from argmap.model import ArgumentMap, Relation

__all__ = ["groups", "origin"]

_LINKABLE = ("supports", "attacks")
#: the most relations one node may stand for: the importers keep a node's first conclusion
#: only beyond 1,024 premise-conclusion pairs (MAX_PAIRS of the AIF and SADFace importers)
_MOST = 1024


def groups(argument_map: ArgumentMap, origin: Callable[[int], Hashable | None]) -> list[list[int]]:
    """The relations (by index in the map) that one node writes, each group in the map's
    order, the groups in the order of their first relation; every relation is in one group
    (most alone). ``origin`` gives the id of the node the relation of an index was imported
    from, or ``None`` for one that must stay alone (see the module documentation)."""
    relations = argument_map.relations
    count = len(relations)
    origins = [origin(i) for i in range(count)]
    leader = list(range(count))  # index -> the first index of its group
    members: dict[int, list[int]] = {}
    start = 0
    while start < count:  # runs of linkable relations with one origin and one conclusion
        first, end = relations[start], start + 1
        if first.type in _LINKABLE and origins[start] is not None:
            froms = {first.from_id}
            while end < count and _same(relations[end], first) and origins[end] == origins[start]:
                if relations[end].from_id in froms or end - start >= _MOST:
                    break
                froms.add(relations[end].from_id)
                end += 1
        members[start] = list(range(start, end))
        start = end
    index_of = {r.id: i for i, r in enumerate(relations) if r.id is not None}
    undercut_by: dict[int, list[int]] = {}
    for i, r in enumerate(relations):
        if r.type == "undercuts" and r.to_id in index_of:
            undercut_by.setdefault(index_of[r.to_id], []).append(i)
    for group in list(members.values()):
        if len(group) < 2:
            continue
        undercuts = sorted(u for i in group for u in undercut_by.get(i, ()))
        runs = _runs(undercuts, origins)
        if all(_complete(run, group, relations, origins, undercut_by) for run in runs):
            for run in runs:
                for i in run:
                    del members[i]
                members[run[0]] = run
        else:  # written apart, as before: a node for each
            for i in group:
                members[i] = [i]
    for head, group in members.items():
        for i in group:
            leader[i] = head
    return [members[i] for i in range(count) if leader[i] == i]


#: the AIF node type each relation type is imported from
_AIF_TYPE = {"supports": "RA", "attacks": "CA", "undercuts": "CA"}


def origin(relation: Relation) -> tuple[str, str] | None:
    """The node a relation was imported from: ``("aif", nodeID)`` (``data["aif"]``, when
    the node's type is the one the relation's type is read from), else ``("sadface", id)``
    (``data["sadface"]``), else ``None``.

    >>> from argmap.model import Relation
    >>> origin(Relation("a", "b", "supports", data={"aif": {"nodeID": 4, "type": "RA"}}))
    ('aif', '4')
    """
    for key, ident in (("aif", "nodeID"), ("sadface", "id")):
        data = relation.data.get(key)
        if not isinstance(data, Mapping) or not isinstance(data.get(ident), str | int):
            continue
        if key == "aif" and data.get("type") != _AIF_TYPE.get(relation.type):
            continue
        return key, str(data[ident])
    return None


def _same(relation: Relation, first: Relation) -> bool:
    return relation.type == first.type and relation.to_id == first.to_id


def _runs(undercuts: list[int], origins: list[Hashable | None]) -> list[list[int]]:
    """Undercuts (sorted indices) cut into runs of neighbours with one origin."""
    runs: list[list[int]] = []
    for i in undercuts:
        if runs and runs[-1][-1] == i - 1 and origins[runs[-1][-1]] == origins[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _complete(
    run: list[int],
    group: list[int],
    relations: tuple[Relation, ...],
    origins: list[Hashable | None],
    undercut_by: dict[int, list[int]],
) -> bool:
    """Whether one node undercutting the group's node gives back exactly ``run``: every
    claim of the run undercuts every relation of the group, in the importer's order, and
    nothing undercuts the run's relations (they would become undercuts of all of them)."""
    if origins[run[0]] is None or len(run) > _MOST or any(i in undercut_by for i in run):
        return False
    claims = list(dict.fromkeys(relations[i].from_id for i in run))
    expected = [(c, relations[g].id) for c in claims for g in group]
    return [(relations[i].from_id, relations[i].to_id) for i in run] == expected
