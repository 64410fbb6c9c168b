"""Undercuts of undercuts: every node of the graph (and of GraphML/GEXF) is a speaker or a
claim with its attributes; a cycle of undercuts is a map error, not a hang."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import argmap
from argmap import MapError
from argmap.formats import export
from tests.conftest import SMALL, dumps
from tests.scaling import assert_linear


def chained(n: int) -> dict[str, Any]:
    """The small map with a chain of ``n`` undercuts: u1 undercuts r1, u2 undercuts u1, ..."""
    document: dict[str, Any] = json.loads(dumps(SMALL))
    for i in range(1, n + 1):
        target = "r1" if i == 1 else f"u{i - 1}"
        claim = ("b1", "a2")[i % 2]
        document["relations"].append(
            {"id": f"u{i}", "from": claim, "to": target, "type": "undercuts"}
        )
    return document


def test_undercuts_of_undercuts_add_no_bare_node() -> None:
    graph = argmap.loads(dumps(chained(3))).to_networkx()
    assert {kind for _, kind in graph.nodes(data="kind")} == {"speaker", "claim"}
    assert sorted(graph.nodes) == ["a1", "a2", "ann", "b1", "bob"]
    # Each undercut keeps the relation it undercuts and runs to the end of its chain (a1).
    edges = {key: (u, v, d.get("undercuts")) for u, v, key, d in graph.edges(keys=True, data=True)}
    assert edges["u1"] == ("a2", "a1", "r1")
    assert edges["u2"] == ("b1", "a1", "u1")
    assert edges["u3"] == ("a2", "a1", "u2")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_have_no_bare_node(fmt: str) -> None:
    text = export(argmap.loads(dumps(chained(2))), fmt)
    nodes = re.findall(r'<node id="([^"]*)"', text)
    assert sorted(nodes) == ["a1", "a2", "ann", "b1", "bob"]


def test_a_cycle_of_undercuts_is_a_map_error() -> None:
    document = chained(2)
    document["relations"] += [
        {"id": "x1", "from": "b1", "to": "x2", "type": "undercuts"},
        {"id": "x2", "from": "a2", "to": "x1", "type": "undercuts"},
    ]
    with pytest.raises(MapError) as caught:
        argmap.loads(dumps(document))
    assert [tuple(p) for p in caught.value.problems] == [
        (
            "relations[5].to",
            "the undercuts x1 -> x2 -> x1 form a cycle; an undercut must end at a relation "
            "between claims or speakers",
        )
    ]


def test_a_long_chain_of_undercuts_costs_linear_time() -> None:
    def make(n: int) -> argmap.ArgumentMap:
        return argmap.loads(dumps(chained(n)))

    assert_linear(make, argmap.ArgumentMap.to_networkx, 2000)
