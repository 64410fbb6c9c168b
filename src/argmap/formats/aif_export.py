"""AIF and xAIF export; importing is in :mod:`argmap.formats.aif`, which re-exports these.

**Export** (:func:`dumps`, :func:`dump`; :func:`dumps_xaif` wraps it as ``{"AIF": ...}``):
an I-node per claim (its id as nodeID), an L-node ``"Name : quote"`` (the text when the claim
has no quote) with a YA "Asserting" per claim, TA nodes between consecutive locutions in claim
order, RA/CA/MA per relation (CA onto the relation node for undercuts), YA
"Agreeing"/"Disagreeing" from the locution of ``from`` to ``to``; ``locutions`` whose
``personID`` is the speaker's id and ``participants`` with the speakers' names. A speaker end
is written as a locution of that speaker that anchors no claim. Lost: the map's title,
claim kinds and outcomes, relation quotes and notes, speakers' roles and affiliations.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],
...   "claims": [{"id": "a", "speaker": "s", "text": "A"},
...              {"id": "b", "speaker": "s", "text": "B"}],
...   "relations": [{"from": "b", "to": "a", "type": "supports"}]}''')
>>> sorted(node["type"] for node in to_aif(m)["nodes"])
['I', 'I', 'L', 'L', 'RA', 'TA', 'YA', 'YA']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any, Final

from argmap.files import write_atomic
from argmap.formats.common import IdMaker
from argmap.model import ArgumentMap, Relation

__all__ = ["dump", "dumps", "dumps_xaif", "to_aif"]

_DEFAULT_TEXT: Final = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
}
_NODE_TYPE: Final = {"supports": "RA", "attacks": "CA", "undercuts": "CA", "elaborates": "MA"}
_YA_TEXT: Final = {"agrees": "Agreeing", "disagrees": "Disagreeing"}


def dumps(argument_map: ArgumentMap) -> str:
    """The map as an AIF JSON document (see the module documentation)."""
    return _json(to_aif(argument_map))


def dumps_xaif(argument_map: ArgumentMap) -> str:
    """The map as xAIF: ``{"AIF": <the AIF graph>, "text": ""}``."""
    return _json({"AIF": to_aif(argument_map), "text": ""})


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as AIF JSON, atomically."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Graph:
    """The AIF graph being written: nodes, edges and locutions with unique node ids."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.ids = IdMaker()
        self.ids.taken.update(reserved)
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []

    def node(self, kind: str, text: str, ident: str | None = None, **extra: Any) -> str:
        ident = ident or self.ids.unique(f"{kind}.{len(self.nodes) + 1}")
        self.nodes.append({"nodeID": ident, "text": text, "type": kind} | extra)
        return ident

    def edge(self, start: str, end: str) -> None:
        self.edges.append(
            {"edgeID": len(self.edges) + 1, "fromID": start, "toID": end, "formEdgeID": None}
        )

    def locution(self, speaker: str, text: str) -> str:
        ident = self.node("L", text)
        self.locutions.append({"nodeID": ident, "personID": speaker})
        return ident


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF graph (a JSON-ready dict): nodes, edges, locutions, participants."""
    m = argument_map
    keys = dict(m.relation_keys())
    graph = _Graph([c.id for c in m.claims] + [r.id for r in m.relations if r.id])
    node_of = {
        key: r.id or graph.ids.unique(f"r{i + 1}") for i, (key, r) in enumerate(keys.items())
    }
    said: dict[str, str] = {}  # claim or speaker id -> its locution
    previous = None
    for claim in m.claims:
        name = m.speaker(claim.speaker).name
        graph.node("I", claim.text, claim.id)
        said[claim.id] = locution = graph.locution(
            claim.speaker, f"{name} : {claim.quote or claim.text}"
        )
        graph.edge(locution, asserting := graph.node("YA", "Asserting"))
        graph.edge(asserting, claim.id)
        if previous is not None:
            graph.edge(previous, transition := graph.node("TA", "Default Transition"))
            graph.edge(transition, locution)
        previous = locution
    for speaker in m.speakers:  # a speaker end, or a speaker without claims, is a bare locution
        if not m.claims_by(speaker.id) or any(
            speaker.id in (r.from_id, r.to_id) for r in m.relations
        ):
            said[speaker.id] = graph.locution(speaker.id, speaker.name)

    def end(ident: str) -> str:
        return said[ident] if m.is_speaker(ident) else ident

    for key, relation in keys.items():
        if relation.type in _YA_TEXT:
            node = graph.node("YA", _YA_TEXT[relation.type], node_of[key])
            graph.edge(said[relation.from_id], node)
        else:
            kind = _NODE_TYPE[relation.type]
            node = graph.node(kind, _scheme(relation, kind), node_of[key])
            graph.edge(end(relation.from_id), node)
        target = node_of[relation.to_id] if relation.type == "undercuts" else end(relation.to_id)
        graph.edge(node, target)
    participants = [{"participantID": s.id, "firstname": s.name, "surname": ""} for s in m.speakers]
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": graph.locutions,
        "participants": participants,
    }


def _scheme(relation: Relation, kind: str) -> str:
    """The scheme name an imported relation had, else AIF's default for its node type."""
    aif = relation.data.get("aif")
    if isinstance(aif, dict) and aif.get("type") == kind and isinstance(aif.get("text"), str):
        return str(aif["text"])
    return _DEFAULT_TEXT[kind]
