"""The ids the exports write are of the kind each format's schema and tools require."""

from __future__ import annotations

import copy
import io
import json
import re
from xml.etree import ElementTree

import networkx as nx

import argmap
from argmap.formats import aif, graphml, sadface
from tests.conftest import DATA, HANOI, SMALL

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_aif_edge_ids_are_strings_and_xaif_edge_ids_integers() -> None:
    # AIFdb writes "edgeID": "148463" and arguebuf's AIF schema types it str (its dump of
    # a graph loaded with integer ids failed: "bad argument type"); OVA3's xAIF numbers
    # them, as tests/data/aif/xaif_example.json does.
    m = argmap.load(HANOI)
    edges = json.loads(aif.dumps(m))["edges"]
    assert edges and all(type(e["edgeID"]) is str for e in edges)
    assert len({e["edgeID"] for e in edges}) == len(edges)
    xaif_edges = json.loads(aif.dumps_xaif(m))["AIF"]["edges"]
    assert [type(e["edgeID"]) for e in xaif_edges] == [int] * len(xaif_edges)
    assert [str(e["edgeID"]) for e in xaif_edges] == [e["edgeID"] for e in edges]


def test_aif_import_reads_edge_ids_of_both_kinds() -> None:
    example = json.loads((DATA / "aif" / "xaif_example.json").read_text(encoding="utf-8"))
    assert {type(e["edgeID"]) for e in example["AIF"]["edges"]} == {int}
    as_strings = json.loads(json.dumps(example))
    for edge in as_strings["AIF"]["edges"]:
        edge["edgeID"] = str(edge["edgeID"])
    numbers, strings = (aif.loads(json.dumps(d)) for d in (example, as_strings))
    assert strings == numbers
    assert len(numbers.relations) == 1


# XML 1.0 (fifth edition) NameChar+, the lexical space of xs:NMTOKEN
NAME_CHAR = (
    r"\-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D"
    r"\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
    r"\U00010000-\U000EFFFF\u0300-\u036F"
)
NMTOKEN = re.compile(f"[{NAME_CHAR}]+")


def _map_with_anonymous_relations() -> argmap.ArgumentMap:
    document = copy.deepcopy(SMALL)
    document["claims"].append({"id": "c.1-x_y", "speaker": "bob", "text": "C"})
    document["relations"] += [
        {"from": "c.1-x_y", "to": "a1", "type": "supports"},  # no id: relations[3]
        {"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"},
        {"from": "ann", "to": "bob", "type": "agrees"},
    ]
    return argmap.loads(json.dumps(document))


def test_graphml_ids_are_nmtokens_and_unique() -> None:
    # GraphML's schema (graphml-structure.xsd) types node, edge, key and graph ids as
    # xs:NMTOKEN; "asserts[toloraya.unpredictable]" and "relations[4]" were not.
    for m in (argmap.load(HANOI), _map_with_anonymous_relations()):
        root = ElementTree.fromstring(graphml.dumps(m))
        ids = [e.attrib["id"] for e in root.iter() if "id" in e.attrib]
        edges = [e.attrib["id"] for e in root.iter(f"{GRAPHML}edge")]
        assert len(edges) == len(m.claims) + len(m.relations)
        assert [i for i in ids if not NMTOKEN.fullmatch(i)] == []
        assert len(set(edges)) == len(edges)
    m = _map_with_anonymous_relations()
    root = ElementTree.fromstring(graphml.dumps(m))
    ends = {
        e.attrib["id"]: (e.attrib["source"], e.attrib["target"])
        for e in root.iter(f"{GRAPHML}edge")
    }
    assert ends["asserts:c.1-x_y"] == ("bob", "c.1-x_y")
    assert ends["relations:3"] == ("c.1-x_y", "a1")
    assert ends["relations:5"] == ("ann", "bob")
    assert ends["u1"] == ("a2", "a1") and ends["r1"] == ("a2", "a1")


def test_gexf_keeps_the_same_edge_keys_as_graphml() -> None:
    m = _map_with_anonymous_relations()
    graph_ml = nx.read_graphml(io.StringIO(graphml.dumps(m)), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(graphml.dumps_gexf(m).encode("utf-8")))
    assert sorted(k for _, _, k in gexf.edges(keys=True)) == sorted(
        k for _, _, k in graph_ml.edges(keys=True)
    )
    assert "relations:3" in {k for _, _, k in gexf.edges(keys=True)}


# What SADFace's validator (sadface 0.5.4, validation.py) accepts as a node, edge, source or
# target id: uuid.UUID(value, version=4) of a string, which takes 32 hex digits in any of
# UUID's spellings (it sets the version rather than checking it). The export writes the
# canonical spelling.
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_sadface_ids_are_uuids_and_argmap_ids_come_back() -> None:
    m = _map_with_anonymous_relations()
    text = sadface.dumps(m)
    assert text == sadface.dumps(argmap.loads(argmap.dumps(m)))  # the same bytes every time
    document = json.loads(text)
    nodes = [n["id"] for n in document["nodes"]]
    edge_ends = [e[k] for e in document["edges"] for k in ("id", "source_id", "target_id")]
    assert [i for i in nodes + edge_ends if not UUID.fullmatch(i)] == []
    assert len(set(nodes)) == len(nodes)
    edge_ids = [e["id"] for e in document["edges"]]
    assert len(set(edge_ids)) == len(edge_ids) and not set(edge_ids) & set(nodes)
    assert {e[k] for e in document["edges"] for k in ("source_id", "target_id")} <= set(nodes)
    ours = [n["metadata"]["argmap"].get("id") for n in document["nodes"]]
    assert ours == ["a1", "a2", "b1", "c.1-x_y", "r1", "r2", None, "u1"]
    assert sadface.loads(text).to_dict() == m.to_dict()


def test_sadface_ids_differ_between_documents() -> None:
    m = _map_with_anonymous_relations()
    other = argmap.loads(argmap.dumps(m).replace('"Tea or coffee"', '"Coffee or tea"'))
    first, second = (json.loads(sadface.dumps(x))["nodes"] for x in (m, other))
    assert not {n["id"] for n in first} & {n["id"] for n in second}
