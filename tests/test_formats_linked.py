"""Linked arguments: an inference or conflict with several premises is one relation per
premise in argmap, and one node again in an export (AIF RA/CA, SADFace scheme)."""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import argmap
from argmap.formats import aif, linked, sadface
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


# --- SADFace: a scheme with several premises -------------------------------------------------

HANGBACK = DATA / "formats" / "sadface" / "hangback.json"


def _schemes(document: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
    """Each scheme's name, premises and targets (atom texts' first word, or "scheme")."""
    nodes = {n["id"]: n for n in document["nodes"]}

    def name(node: str) -> str:
        return str(nodes[node]["text"]).split()[0] if nodes[node]["type"] == "atom" else "scheme"

    return [
        (
            str(node["name"]),
            [name(e["source_id"]) for e in document["edges"] if e["target_id"] == node["id"]],
            [name(e["target_id"]) for e in document["edges"] if e["source_id"] == node["id"]],
        )
        for node in document["nodes"]
        if node["type"] == "scheme"
    ]


def test_sadface_export_writes_a_scheme_with_two_premises_as_one() -> None:
    # The SADFace project's own example: one support scheme with two premises, which
    # came back as two schemes.
    m = sadface.load(HANGBACK)
    assert [r.type for r in m.relations] == ["supports", "supports", "attacks"]
    document = sadface.to_sadface(m)
    assert _schemes(document) == [
        ("support", ["The", "The"], ["The"]),
        ("conflict", ["Road"], ["The"]),
    ]
    back, warnings = sadface.loads_with_warnings(sadface.dumps(m))
    assert warnings == [] and back.to_dict() == m.to_dict()
    # and in AIF: one RA with both premises
    assert Counter(n["type"] for n in aif.to_aif(m)["nodes"] if n["type"] in ("RA", "CA")) == {
        "RA": 1,
        "CA": 1,
    }


def test_linked_aif_argument_is_one_scheme_in_sadface() -> None:
    m = aif.load(LINKED)
    document = sadface.to_sadface(m)
    assert _schemes(document) == [
        ("support", ["Cars", "Pollution", "scheme"], ["We"]),
        ("conflict", ["Buses"], ["scheme"]),
        ("conflict", ["Shops", "Deliveries"], ["We"]),
    ]
    back, warnings = sadface.loads_with_warnings(sadface.dumps(m))
    assert warnings == [] and back.to_dict() == m.to_dict()


def test_an_edited_linked_scheme_is_read_as_it_stands() -> None:
    m = sadface.load(HANGBACK)
    document = sadface.to_sadface(m)
    support = next(n["id"] for n in document["nodes"] if n.get("name") == "support")
    first = next(e for e in document["edges"] if e["target_id"] == support)
    document["edges"].remove(first)  # one premise fewer
    back, warnings = sadface.loads_with_warnings(json.dumps(document))
    assert [r.type for r in back.relations] == ["supports", "attacks"]
    assert warnings == [
        "nodes[4]: argmap's 2 relations of this scheme no longer fit its 1 premise-conclusion "
        "pairs (edited since?); read as written"
    ]


def _random_map(rng: random.Random) -> dict[str, Any]:
    """Claims, a speaker, and relations of one conclusion sharing a few origin nodes: many
    of them linked arguments, some broken by a speaker premise, a missing id or an undercut
    of one premise only."""
    claims = [{"id": f"c{i}", "speaker": rng.choice("st"), "text": f"C{i}"} for i in range(5)]
    relations: list[dict[str, Any]] = []
    for k in range(rng.randint(2, 9)):
        kind = rng.choice(["supports", "supports", "attacks", "undercuts", "undercuts"])
        ids = [r["id"] for r in relations if "id" in r]
        if kind == "undercuts" and not ids:
            continue
        start = rng.choice([c["id"] for c in claims] + ([] if kind == "undercuts" else ["s"]))
        end = rng.choice(ids) if kind == "undercuts" else "c0"
        if start == end:
            continue
        node = rng.choice("12")
        relation: dict[str, Any] = {"from": start, "to": end, "type": kind}
        if rng.random() < 0.9:
            relation["id"] = f"r{k}"
        aif_type = "RA" if kind == "supports" else "CA"
        relation["data"] = (
            {"aif": {"nodeID": node, "type": aif_type}}
            if rng.random() < 0.5
            else {"sadface": {"id": node}}
        )
        relations.append(relation)
    speakers = [{"id": "s", "name": "S"}, {"id": "t", "name": "T"}]
    return {
        "argmap": "1",
        "title": "T",
        "speakers": speakers,
        "claims": claims,
        "relations": relations,
    }


def test_linked_exports_give_every_map_back() -> None:
    rng = random.Random(7)
    linked_maps = 0
    for _ in range(600):
        m = argmap.loads(json.dumps(_random_map(rng)))
        origins = [linked.origin(r) for r in m.relations]
        if any(len(g) > 1 for g in linked.groups(m, origins.__getitem__)):
            linked_maps += 1
        for module in (aif, sadface):
            back, warnings = module.loads_with_warnings(module.dumps(m))
            assert warnings == []
            assert back.to_dict() == m.to_dict()
    assert linked_maps > 30  # the test exercises what it is about
