"""Centrality on lists (``argmap.analysis.tallies``) against networkx's Katz centrality on the
claim graph it stands for: undercuts point at the undercut relation's target, repeated links
weigh more, links to and from speakers do not count."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from argmap import analysis
from argmap.analysis import tallies
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


def exact_katz(sources: list[list[int]]) -> list[float]:
    """katz() with every sum taken exactly (fractions), then rounded once."""
    size = len(sources)
    out = Counter(s for these in sources for s in these)
    alpha = 0.1 / max(1, min(max(map(len, sources)), max(out.values(), default=0)))
    scores = [1.0] * size
    for _ in range(1000):
        last = scores
        scores = [
            alpha * float(sum(map(Fraction, (last[s] for s in these)))) + 1.0 if these else 1.0
            for these in sources
        ]
        if (
            float(sum(Fraction(abs(a - b)) for a, b in zip(scores, last, strict=True)))
            < size * 1e-6
        ):
            break
    scale = 1.0 / math.hypot(*scores)
    return [x * scale for x in scores]


@given(st.lists(st.lists(st.integers(0, 29), max_size=9), min_size=1, max_size=30))
def test_katz_sums_exactly_so_every_python_gives_the_same_bits(edges: list[list[int]]) -> None:
    # sum() of floats compensates from Python 3.12 on: 3.11 and 3.12 printed different
    # scores for 49 of 300 random graphs. Exact sums are the same everywhere.
    sources = [[s % len(edges) for s in these] for these in edges]
    assert tallies.katz(sources) == exact_katz(sources)
