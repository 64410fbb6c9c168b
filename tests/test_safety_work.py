"""Linear work on hostile shapes beyond the loader: chains of undercuts listed backwards in a
filtered drawing, and camps of thousands of speakers who all agree with one."""

from __future__ import annotations

import json

import argmap
from argmap import ArgumentMap, analysis
from tests.conftest import dumps
from tests.scaling import assert_linear
from tests.test_safety_graph import chained


def backwards_chain(n: int) -> ArgumentMap:
    document = chained(n)
    document["relations"] = document["relations"][:3] + document["relations"][3:][::-1]
    return argmap.loads(dumps(document))


def test_a_backwards_chain_of_undercuts_draws_in_linear_time() -> None:
    def draw(m: ArgumentMap) -> str:
        dot = argmap.render(m, "dot", relations=("supports", "undercuts")).text
        assert dot.count("junction") > 0  # the undercuts were kept and drawn
        return dot

    assert_linear(backwards_chain, draw, 1000)


def test_filtered_chains_keep_the_same_undercuts() -> None:
    m = backwards_chain(5)
    kept = argmap.render(m, "dot", relations=("supports", "undercuts")).text
    assert all(f"relation-u{i}" in kept for i in range(1, 6))
    dropped = argmap.render(m, "dot", relations=("attacks", "undercuts")).text
    assert "relation-u" not in dropped  # r1 (supports) is gone, so is every undercut of it


def hub(n: int) -> ArgumentMap:
    speakers = [{"id": f"s{i}", "name": "S"} for i in range(n)]
    relations = [{"from": f"s{i}", "to": "s0", "type": "agrees"} for i in range(1, n)]
    document = {"argmap": "1", "title": "T", "speakers": speakers, "claims": []}
    return argmap.loads(json.dumps(document | {"relations": relations}))


def test_camps_of_thousands_of_speakers_cost_linear_time() -> None:
    assert_linear(hub, analysis.camps, 1000)
    assert analysis.camps(hub(2000)) == (tuple(sorted(f"s{i}" for i in range(2000))),)
