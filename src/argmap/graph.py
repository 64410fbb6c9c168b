"""The map as a networkx graph.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "A."},
...              {"id": "b", "speaker": "bob", "text": "B."}],
...   "relations": [{"id": "r1", "from": "b", "to": "a", "type": "supports"},
...                 {"from": "bob", "to": "ann", "type": "agrees"}]}''')
>>> g = m.to_networkx()
>>> g.nodes["a"]["kind"], g.nodes["a"]["speaker"], g.nodes["ann"]["name"]
('claim', 'ann', 'Ann')
>>> sorted(g.edges(keys=True, data="relation"))  # doctest: +NORMALIZE_WHITESPACE
[('ann', 'a', 'asserts[a]', 'asserts'), ('b', 'a', 'r1', 'supports'),
 ('bob', 'ann', 'relations[1]', 'agrees'), ('bob', 'b', 'asserts[b]', 'asserts')]
>>> [c for c, d in g.nodes(data=True) if d.get("speaker") == "bob"]   # claims by Bob
['b']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["CLAIM_FIELDS", "RELATION_FIELDS", "SPEAKER_FIELDS", "present", "to_networkx"]


def to_networkx(argument_map: ArgumentMap) -> nx.MultiDiGraph:
    """Return the map as a ``networkx.MultiDiGraph``.

    - One node per speaker and per claim, keyed by its id. Node attribute ``kind`` is
      ``"speaker"`` or ``"claim"``. Speakers carry ``name``, ``role``, ``affiliation``,
      ``participation``, ``url`` (those given) and ``data``; claims carry ``speaker`` (the
      speaker's id), ``text``, ``quote``, ``claim_kind`` (assessment, prediction, ...),
      ``outcome`` (the :class:`~argmap.model.Outcome` or absent), ``quote_span`` and ``data``.
    - One edge per relation, keyed by the relation's id (``relations[i]`` when it has none),
      with attribute ``relation`` (its type) and ``quote``/``note`` when given. An
      ``undercuts`` relation targets another relation, not a node: its edge runs from the
      undercutting claim to the *target* of the undercut relation and carries
      ``undercuts=<key of the undercut relation>``. An undercut of an undercut runs to the
      node its chain of undercuts ends at, so every node is a speaker or a claim.
    - One edge from each claim's speaker to the claim, keyed ``asserts[<claim id>]``, with
      ``relation="asserts"``.

    The graph attribute ``title`` holds the map's title.
    """
    graph = nx.MultiDiGraph(title=argument_map.title)
    for speaker in argument_map.speakers:
        graph.add_node(speaker.id, kind="speaker", **present(speaker, SPEAKER_FIELDS))
    for claim in argument_map.claims:
        attrs = present(claim, CLAIM_FIELDS)
        attrs["claim_kind"] = claim.kind
        graph.add_node(claim.id, kind="claim", **attrs)
        graph.add_edge(claim.speaker, claim.id, key=f"asserts[{claim.id}]", relation="asserts")
    for key, relation in argument_map.relation_keys():
        attrs = {"relation": relation.type, **present(relation, RELATION_FIELDS)}
        end = relation.to_id
        if relation.type == "undercuts":
            attrs["undercuts"] = relation.to_id
            end = argument_map.undercut_base(relation.to_id).to_id
        graph.add_edge(relation.from_id, end, key=key, **attrs)
    return graph


SPEAKER_FIELDS = ("name", "role", "affiliation", "participation", "url", "data")
CLAIM_FIELDS = ("speaker", "text", "quote", "outcome", "quote_span", "data")
RELATION_FIELDS = ("quote", "note", "quote_span", "data")


def present(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields of ``obj`` that are set (not None, not empty data), as graph attributes."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        if value is not None and not (name == "data" and not value):
            out[name] = value
    return out
