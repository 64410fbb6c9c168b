"""GraphML and GEXF export: attributes tools can style by, exact text, read back by networkx."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

import argmap
from argmap.formats import graphml
from tests.conftest import HANOI

HOSTILE = 'He said "no" \\ <b>&amp;</b>\nnext\tline 🎉 ‘curly’ — end'


def hostile_map(small: dict[str, Any]) -> argmap.ArgumentMap:
    small["speakers"][0]["name"] = 'Ann "A" <Lee> & Co 🎉'
    small["claims"][0]["text"] = HOSTILE
    small["claims"][0]["quote"] = HOSTILE + " (quoted)"
    small["claims"][2]["outcome"] = {"status": "false", "note": "Tea won.", "source": "Vote"}
    small["claims"][1]["data"] = {"n": 1, "x": ["<&>"]}
    small["relations"][0]["quote"] = 'because <less> caffeine & "so"'
    small["relations"].append({"id": "u1", "from": "b1", "to": "r1", "type": "undercuts"})
    return argmap.loads(json.dumps(small))


def test_graphml_round_trips_text_exactly(small: dict[str, Any]) -> None:
    g = nx.read_graphml(io.StringIO(graphml.dumps(hostile_map(small))), force_multigraph=True)
    assert g.graph["title"] == "Tea or coffee"
    assert g.nodes["a1"] == {
        "kind": "claim",
        "label": HOSTILE,
        "text": HOSTILE,
        "quote": HOSTILE + " (quoted)",
        "speaker": "ann",
        "speaker_name": 'Ann "A" <Lee> & Co 🎉',
        "claim_kind": "assessment",
    }
    assert g.nodes["ann"] == {
        "kind": "speaker",
        "label": 'Ann "A" <Lee> & Co 🎉',
        "name": 'Ann "A" <Lee> & Co 🎉',
        "role": "host",
    }
    assert g.nodes["b1"]["outcome"] == "false" and g.nodes["b1"]["outcome_note"] == "Tea won."
    assert json.loads(g.nodes["a2"]["data"]) == {"n": 1, "x": ["<&>"]}
    edges = {k: (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    assert edges["r1"] == (
        "a2",
        "a1",
        {"relation": "supports", "label": "supports", "quote": 'because <less> caffeine & "so"'},
    )
    assert edges["u1"] == (
        "b1",
        "a1",
        {"relation": "undercuts", "label": "undercuts", "undercuts": "r1"},
    )
    assert edges["r3"][2]["relation"] == "disagrees"
    assert edges["asserts[a1]"][:2] == ("ann", "a1")


def test_gexf_round_trips_text_exactly(small: dict[str, Any]) -> None:
    text = graphml.dumps_gexf(hostile_map(small))
    assert "lastmodifieddate" not in text
    g = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert g.nodes["a1"]["label"] == HOSTILE
    assert g.nodes["a1"]["text"] == HOSTILE
    assert g.nodes["a1"]["speaker_name"] == 'Ann "A" <Lee> & Co 🎉'
    relations = sorted(d["relation"] for _, _, d in g.edges(data=True))
    assert relations == sorted(["supports", "attacks", "disagrees", "undercuts"] + ["asserts"] * 3)


def test_hanoi_counts_and_determinism() -> None:
    m = argmap.load(HANOI)
    text = graphml.dumps(m)
    assert text == graphml.dumps(m)
    g = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert g.number_of_nodes() == 5 + 44
    assert g.number_of_edges() == 43 + 44
    kinds = [d["kind"] for _, d in g.nodes(data=True)]
    assert kinds.count("speaker") == 5
    assert {d["speaker_name"] for _, d in g.nodes(data=True) if d["kind"] == "claim"} == {
        s.name for s in m.speakers if m.claims_by(s.id)
    }
    gexf = nx.read_gexf(io.BytesIO(graphml.dumps_gexf(m).encode()))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (49, 87)
