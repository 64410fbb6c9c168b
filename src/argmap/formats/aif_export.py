"""AIF and xAIF export; importing is in :mod:`argmap.formats.aif`, which re-exports these.

**Export** (:func:`dumps`, :func:`dump`; :func:`dumps_xaif` wraps it as ``{"AIF": ...}``):
an I-node per claim (its id as nodeID), an L-node ``"Name : quote"`` (the text when the claim
has no quote: a locution always says something) anchored by a YA, "Asserting" or the claim's
``data["speech_act"]`` ("Pure Questioning", ...), TA nodes between consecutive locutions in
the order they were said (where the quotes stand in the source, when all were found there;
else the claims' order), RA/CA/MA per relation (CA onto the relation node for undercuts; relations
imported from one RA/CA with several premises are one node again, see
:mod:`argmap.formats.linked`) with the illocution of ``data["aif"]["illocution"]`` anchored
on the transition between the two locutions, YA "Agreeing"/"Disagreeing" from the locution
of ``from`` to ``to``; ``locutions`` whose ``personID`` is the speaker's id (with the claim's
``timestamp``) and ``participants`` with the speakers' names. A speaker end is written as a
locution of that speaker that anchors no claim. Everything AIF has no field for (title,
description, source, context, roles, kinds, outcomes, data, relation quotes and notes, which
claims have no quote) goes under the ``ARGMAP`` key (:mod:`argmap.formats.aif_extension`),
so importing the export gives the map back unchanged.

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
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any, Final

from argmap.files import write_atomic
from argmap.formats import aif_extension, linked
from argmap.formats.common import IdMaker
from argmap.model import ArgumentMap, Claim, Relation

__all__ = ["aif_left_out", "dump", "dumps", "dumps_xaif", "to_aif"]

_DEFAULT_TEXT: Final = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
}
_NODE_TYPE: Final = {"supports": "RA", "attacks": "CA", "undercuts": "CA", "elaborates": "MA"}
_YA_TEXT: Final = {"agrees": "Agreeing", "disagrees": "Disagreeing"}


def dumps(argument_map: ArgumentMap) -> str:
    """The map as an AIF JSON document (see the module documentation); ``edgeID`` values are
    strings, as AIFdb writes them and arguebuf's AIF schema types them."""
    return _json(to_aif(argument_map))


def dumps_xaif(argument_map: ArgumentMap) -> str:
    """The map as xAIF: ``{"AIF": <the AIF graph>, "text": ...}``, the text the analysis
    was made of when an imported xAIF file had one (``data["xaif"]["text"]``), else empty;
    ``edgeID`` values are integers, as OVA3 writes them (arguebuf's xAIF schema takes either)."""
    kept = argument_map.data.get("xaif")
    text = kept.get("text") if isinstance(kept, Mapping) else None
    graph = to_aif(argument_map, xaif=True)
    return _json({"AIF": graph, "text": text if isinstance(text, str) else ""})


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as AIF JSON, atomically."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Graph:
    """The AIF graph being written: nodes, edges and locutions with unique node ids."""

    def __init__(self, reserved: Iterable[str], integer_edges: bool = False) -> None:
        self.integer_edges = integer_edges  # xAIF (OVA3) numbers its edges; AIF: strings
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
        number = len(self.edges) + 1
        ident = number if self.integer_edges else str(number)
        self.edges.append({"edgeID": ident, "fromID": start, "toID": end, "formEdgeID": None})

    def locution(self, speaker: str, text: str, **extra: Any) -> str:
        ident = self.node("L", text, **extra)
        self.locutions.append({"nodeID": ident, "personID": speaker} | extra)
        return ident


def to_aif(argument_map: ArgumentMap, *, xaif: bool = False) -> dict[str, Any]:
    """The map as an AIF graph (a JSON-ready dict): nodes, edges, locutions, participants,
    and the ``ARGMAP`` extension (:mod:`argmap.formats.aif_extension`). ``edgeID`` values are
    strings (AIFdb's ``"148463"``), or integers for the graph inside xAIF (OVA3's ``1``)."""
    m = argument_map
    keys = dict(m.relation_keys())
    graph = _Graph([c.id for c in m.claims] + [r.id for r in m.relations if r.id], xaif)
    node_of = {
        key: r.id or graph.ids.unique(f"r{i + 1}") for i, (key, r) in enumerate(keys.items())
    }
    # relations imported from one RA/CA with several premises are one node again
    key_list = list(keys)
    shared: set[str] = set()  # relations written into the node of an earlier one
    for group in linked.groups(m, lambda i: linked.origin(m.relations[i])):
        for i in group[1:]:
            node_of[key_list[i]] = node_of[key_list[group[0]]]
            shared.add(key_list[i])
    said: dict[str, str] = {}  # claim or speaker id -> its locution
    transitions: dict[tuple[str, str], str] = {}  # (earlier, later locution) -> TA node
    for claim in m.claims:
        name = m.speaker(claim.speaker).name
        graph.node("I", claim.text, claim.id)
        time = _aif_data(claim.data).get("timestamp")
        said[claim.id] = graph.locution(
            claim.speaker,
            f"{name} : {claim.quote or claim.text}",
            **({"timestamp": time} if isinstance(time, str) else {}),
        )
        act = claim.data.get("speech_act")
        illocution = graph.node("YA", act if isinstance(act, str) and act else "Asserting")
        graph.edge(said[claim.id], illocution)
        graph.edge(illocution, claim.id)
    # the locutions in the order they were said: the transitions run between them
    spoken = [said[claim.id] for claim in _dialogue(m)]
    place = {locution: i for i, locution in enumerate(spoken)}
    for earlier, later in pairwise(spoken):
        transitions[earlier, later] = _transition(graph, earlier, later)
    ends = {end for r in m.relations for end in (r.from_id, r.to_id)}
    for speaker in m.speakers:  # a speaker end, or a speaker without claims, is a bare locution
        if not m.claims_by(speaker.id) or speaker.id in ends:
            said[speaker.id] = graph.locution(speaker.id, speaker.name)

    def end(ident: str) -> str:
        return said[ident] if m.is_speaker(ident) else ident

    premises: set[tuple[str, str]] = set()  # (premise, node) edges written
    for key, relation in keys.items():
        if key in shared:
            if (end(relation.from_id), node_of[key]) not in premises:  # undercuts: once
                premises.add((end(relation.from_id), node_of[key]))
                graph.edge(end(relation.from_id), node_of[key])
            continue
        if relation.type in _YA_TEXT:
            node = graph.node("YA", _YA_TEXT[relation.type], node_of[key])
            source = said[relation.from_id]
            if relation.quote and m.is_speaker(relation.from_id):
                # the words that agree: a locution of their own, which a reader without
                # the ARGMAP key takes the quote from (the bare one holds only the name)
                name = m.speaker(relation.from_id).name
                source = graph.locution(relation.from_id, f"{name} : {relation.quote}")
            graph.edge(source, node)
        else:
            kind = _NODE_TYPE[relation.type]
            node = graph.node(kind, _scheme(relation, kind), node_of[key])
            graph.edge(end(relation.from_id), node)
            premises.add((end(relation.from_id), node))
            act = _aif_data(relation.data).get("illocution")
            if isinstance(act, str) and act and relation.to_id in said:
                # the move that made it: a YA on the transition between the two locutions
                pair = [said[relation.from_id], said[relation.to_id]]
                if pair[0] != pair[1] and all(p in place for p in pair):
                    pair.sort(key=place.__getitem__)
                    key_pair = (pair[0], pair[1])
                    if key_pair not in transitions:
                        transitions[key_pair] = _transition(graph, *key_pair)
                    graph.edge(transitions[key_pair], anchor := graph.node("YA", act))
                    graph.edge(anchor, node)
        target = node_of[relation.to_id] if relation.type == "undercuts" else end(relation.to_id)
        graph.edge(node, target)
    participants = [{"participantID": s.id, "firstname": s.name, "surname": ""} for s in m.speakers]
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": graph.locutions,
        "participants": participants,
        aif_extension.KEY: aif_extension.extension(m, node_of),
    }


def aif_left_out(argument_map: ArgumentMap) -> list[str]:
    """What of the map the AIF graph cannot hold as AIF: supports and attacks with a speaker
    at one end. AIF joins an inference (RA) or conflict (CA) only to propositions (I-nodes)
    and other relation nodes; the export joins it to the speaker's locution (an L-node),
    which other tools drop (arguebuf keeps the RA without its premise). The ``ARGMAP`` key
    still gives them back to argmap; ``argmap convert`` prints this.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
    ...   '"claims": [{"id": "a", "speaker": "s", "text": "A"}],'
    ...   '"relations": [{"id": "r", "from": "s", "to": "a", "type": "supports"}]}')
    >>> print(aif_left_out(m)[0])  # doctest: +ELLIPSIS
    AIF has no place for 1 supports or attacks relation with a speaker at one end (r): ...
    """
    m = argument_map
    found = [
        key
        for key, r in m.relation_keys()
        if r.type in ("supports", "attacks") and (m.is_speaker(r.from_id) or m.is_speaker(r.to_id))
    ]
    if not found:
        return []
    some = ", ".join(found[:5]) + (" ..." if len(found) > 5 else "")
    what = "relations" if len(found) > 1 else "relation"
    return [
        f"AIF has no place for {len(found)} supports or attacks {what} with a speaker at one "
        f"end ({some}): written as RA/CA nodes joined to the speaker's locution (L-node), which "
        "AIF does not allow and other tools drop; argmap reads them back from the ARGMAP key"
    ]


def _dialogue(m: ArgumentMap) -> list[Claim]:
    """The claims in the order they were said: by where their quotes stand in the source
    when every quote was found there, else in the map's order (which its author chose,
    often by speaker: the transitions then follow the map, not the debate).

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
    ...   '"claims": [{"id": "a", "speaker": "s", "text": "A"},'
    ...   '           {"id": "b", "speaker": "s", "text": "B"}]}')
    >>> [c.id for c in _dialogue(m)]
    ['a', 'b']
    """
    spans = [c.quote_span for c in m.claims]
    if not all(span is not None for span in spans):
        return list(m.claims)
    return [claim for _, claim in sorted(zip(spans, m.claims, strict=True), key=_first)]


def _first(pair: tuple[Any, Claim]) -> Any:
    return pair[0]


def _transition(graph: _Graph, earlier: str, later: str) -> str:
    transition = graph.node("TA", "Default Transition")
    graph.edge(earlier, transition)
    graph.edge(transition, later)
    return transition


def _aif_data(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data["aif"]`` when it is a mapping (data is free-form), else an empty one."""
    aif = data.get("aif")
    return aif if isinstance(aif, Mapping) else {}


def _scheme(relation: Relation, kind: str) -> str:
    """The scheme name an imported relation had, else AIF's default for its node type."""
    aif = relation.data.get("aif")
    if isinstance(aif, dict) and aif.get("type") == kind and isinstance(aif.get("text"), str):
        return str(aif["text"])
    return _DEFAULT_TEXT[kind]
