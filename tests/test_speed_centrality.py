"""Centrality on lists (``argmap.analysis.tallies``) against networkx's Katz centrality on the
claim graph it stands for: undercuts point at the undercut relation's target, repeated links
weigh more, links to and from speakers do not count."""

from __future__ import annotations

import math

import networkx as nx

from argmap import analysis
from argmap.model import ArgumentMap, Claim, Relation, Speaker


def test_centrality_is_networkx_katz_on_the_claim_graph() -> None:
    claims = tuple(Claim(f"c{i}", "s", f"Claim {i}.") for i in range(6))
    relations = (
        Relation("c1", "c0", "supports", "r1"),
        Relation("c2", "c0", "attacks"),
        Relation("c2", "c0", "disagrees"),  # a second link c2 -> c0: weight 2
        Relation("c3", "r1", "undercuts"),  # counts as c3 -> c0
        Relation("c4", "c1", "elaborates"),
        Relation("s", "c5", "agrees"),  # a speaker: not in the claim graph
        Relation("c5", "c4", "supports"),
    )
    m = ArgumentMap("t", speakers=(Speaker("s", "S"),), claims=claims, relations=relations)
    graph = nx.DiGraph()
    graph.add_nodes_from(c.id for c in claims)
    weights = {("c1", "c0"): 1, ("c2", "c0"): 2, ("c3", "c0"): 1, ("c4", "c1"): 1, ("c5", "c4"): 1}
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    expected = nx.katz_centrality(graph, alpha=0.1 / 2, weight="weight")  # bound: min(4, 2)
    found = dict(analysis.centrality(m, top=6))
    assert found.keys() == expected.keys()
    assert all(math.isclose(found[c], expected[c], rel_tol=1e-12) for c in found)
    assert next(iter(found)) == "c0"
