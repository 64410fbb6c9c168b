"""The networkx view: nodes, edges and their attributes."""

from __future__ import annotations

import importlib.metadata
from typing import Any

import networkx as nx

import argmap
from tests.conftest import dumps


def test_nodes_and_edges(small: dict[str, Any]) -> None:
    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    g = argmap.loads(dumps(small)).to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph["title"] == "Tea or coffee"
    assert g.nodes["ann"] == {"kind": "speaker", "name": "Ann", "role": "host"}
    assert g.nodes["b1"]["kind"] == "claim"
    assert g.nodes["b1"]["speaker"] == "bob"
    assert g.nodes["b1"]["text"] == "Coffee is better."
    assert g.nodes["b1"]["claim_kind"] == "prediction"
    assert g.number_of_nodes() == 5
    edges = {(u, v, k): d["relation"] for u, v, k, d in g.edges(keys=True, data=True)}
    assert edges == {
        ("ann", "a1", "asserts[a1]"): "asserts",
        ("ann", "a2", "asserts[a2]"): "asserts",
        ("bob", "b1", "asserts[b1]"): "asserts",
        ("a2", "a1", "r1"): "supports",
        ("b1", "a1", "r2"): "attacks",
        ("bob", "ann", "r3"): "disagrees",
        ("a2", "a1", "u1"): "undercuts",
    }
    assert g.edges["a2", "a1", "u1"]["undercuts"] == "r2"


def test_relations_without_id_get_positional_keys(small: dict[str, Any]) -> None:
    del small["relations"][1]["id"]
    g = argmap.loads(dumps(small)).to_networkx()
    assert g.has_edge("b1", "a1", key="relations[1]")


def test_every_claim_reachable_from_its_speaker(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    g = m.to_networkx()
    assert all(nx.has_path(g, c.speaker, c.id) for c in m.claims)


def test_networkx_matrix_algorithms_run_with_the_science_extra(hanoi: argmap.ArgumentMap) -> None:
    # nx.pagerank needs numpy and scipy; the `science` extra declares them (and `test` pulls
    # it in), so the README's "give it to networkx" holds for these algorithms too.
    requires = importlib.metadata.requires("argmap") or []
    assert any(r.startswith("numpy") and 'extra == "science"' in r for r in requires)
    assert any(r.startswith("scipy") and 'extra == "science"' in r for r in requires)
    ranks = nx.pagerank(hanoi.to_networkx())
    assert set(ranks) >= {c.id for c in hanoi.claims} and abs(sum(ranks.values()) - 1) < 1e-6
