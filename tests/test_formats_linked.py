"""Linked arguments: an inference or conflict with several premises is one relation per
premise in argmap, and one node again in an export (AIF RA/CA, SADFace scheme)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import argmap
from argmap.formats import aif
from tests.conftest import DATA

LINKED = DATA / "formats" / "aif" / "linked_argument.json"


def _shape(graph: dict[str, Any]) -> dict[str, tuple[list[str], list[str]]]:
    """Each RA/CA node's premises and targets, by the text of the I-node or node type."""
    nodes = {n["nodeID"]: n for n in graph["nodes"]}

    def name(node: str) -> str:
        return nodes[node]["text"] if nodes[node]["type"] == "I" else nodes[node]["type"]

    shape: dict[str, tuple[list[str], list[str]]] = {}
    for node in (n for n in graph["nodes"] if n["type"] in ("RA", "CA")):
        ins = [name(e["fromID"]) for e in graph["edges"] if e["toID"] == node["nodeID"]]
        outs = [name(e["toID"]) for e in graph["edges"] if e["fromID"] == node["nodeID"]]
        shape[f"{node['type']} {node['nodeID']}"] = (ins, outs)
    return shape


def test_aif_import_keeps_the_node_of_each_relation() -> None:
    m = aif.load(LINKED)
    assert [(r.id, r.type, r.data["aif"]["nodeID"]) for r in m.relations] == [
        ("n4.1", "supports", "4"),
        ("n4.2", "supports", "4"),
        ("n6.1", "undercuts", "6"),
        ("n6.2", "undercuts", "6"),
        ("n9.1", "attacks", "9"),
        ("n9.2", "attacks", "9"),
    ]


def test_aif_export_writes_a_linked_argument_as_one_node() -> None:
    # It wrote two RAs, two CAs undercutting one each, and two CAs for the one conflict.
    m = aif.load(LINKED)
    graph = aif.to_aif(m)
    assert _shape(graph) == {
        "RA n4.1": (
            ["Cars pollute", "Pollution harms children", "CA"],
            ["We should ban cars from the centre"],
        ),
        "CA n6.1": (["Buses pollute too"], ["RA"]),
        "CA n9.1": (
            ["Shops need deliveries", "Deliveries need cars"],
            ["We should ban cars from the centre"],
        ),
    }
    ra = next(n for n in graph["nodes"] if n["type"] == "RA")
    assert ra["text"] == "Default Inference"
    back, warnings = aif.loads_with_warnings(aif.dumps(m))
    assert warnings == []
    assert back.to_dict() == m.to_dict()
    plain = {k: v for k, v in graph.items() if k != aif.aif_extension.KEY}  # no ARGMAP key
    without = aif.loads(json.dumps(plain))
    assert Counter(r.type for r in without.relations) == Counter(r.type for r in m.relations)


def test_relations_that_one_node_cannot_give_back_stay_apart() -> None:
    document = aif.load(LINKED).to_dict()
    # an undercut of one premise's inference only: one CA on a shared RA would undercut both
    only_one = json.loads(json.dumps(document))
    del only_one["relations"][3]
    # the two halves of the conflict apart in the map: one node would put them together
    apart = json.loads(json.dumps(document))
    apart["relations"].insert(0, apart["relations"].pop(4))
    for changed, nodes in (
        (only_one, Counter({"RA": 2, "CA": 2})),
        (apart, Counter({"RA": 1, "CA": 3})),
    ):
        m = argmap.loads(json.dumps(changed))
        graph = aif.to_aif(m)
        assert Counter(n["type"] for n in graph["nodes"] if n["type"] in ("RA", "CA")) == nodes
        assert aif.loads(aif.dumps(m)).to_dict() == m.to_dict()


def test_an_edited_linked_node_is_read_as_it_stands() -> None:
    # A premise edge removed from the export: the node makes one relation; the extension's
    # two entries for it no longer fit, so nothing is restored from them, nor invented.
    m = aif.load(LINKED)
    graph = aif.to_aif(m)
    nodes = {n["nodeID"]: n for n in graph["nodes"]}
    graph["edges"] = [
        e
        for e in graph["edges"]
        if not (e["toID"] == "n9.1" and nodes[e["fromID"]]["text"] == "Deliveries need cars")
    ]
    back, _ = aif.loads_with_warnings(json.dumps(graph))
    attacks = [r for r in back.relations if r.type == "attacks"]
    assert [(r.from_id, r.to_id) for r in attacks] == [("n7", "n1")]
    assert len(back.relations) == len(m.relations) - 1
