"""GraphML and GEXF export: attributes tools can style by, exact text, read back by networkx."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx

import argmap
from argmap.formats import graphml
from tests.conftest import HANOI, run

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
    assert edges["asserts:a1"][:2] == ("ann", "a1")


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


def test_graphml_keeps_the_maps_own_fields(small: dict[str, Any]) -> None:
    small["description"] = "A <debate> & more\r\nover tea"
    small["source"] = {"title": "Breakfast debate", "date": "2024-05-01"}
    small["context"] = [{"id": "x1", "text": "The vote is tomorrow.", "note": "host's aside"}]
    small["data"] = {"series": ["mornings", 1]}
    m = hostile_map(small)
    g = nx.read_graphml(io.StringIO(graphml.dumps(m)), force_multigraph=True)
    assert g.graph["description"] == small["description"]
    assert json.loads(g.graph["source"]) == small["source"]
    assert json.loads(g.graph["context"]) == small["context"]
    assert json.loads(g.graph["data"]) == small["data"]
    assert g.nodes["b1"]["outcome_source"] == "Vote"
    gexf_text = graphml.dumps_gexf(m)
    gexf = nx.read_gexf(io.BytesIO(gexf_text.encode("utf-8")))
    assert gexf.nodes["b1"]["outcome_source"] == "Vote"
    meta = ElementTree.fromstring(gexf_text).find("{http://www.gexf.net/1.2draft}meta")
    assert meta is not None
    assert meta.findtext("{http://www.gexf.net/1.2draft}description") == small["description"]
    assert graphml.gexf_left_out(m) == [
        f"GEXF has no place for the map's {what}: left out (GraphML keeps it)"
        for what in ("source", "context passages", "data")
    ]


def test_convert_to_gexf_says_what_it_leaves_out(tmp_path: Path) -> None:
    result = run("convert", str(HANOI), str(tmp_path / "h.gexf"))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{HANOI}: warning: GEXF has no place for the map's {what}: left out (GraphML keeps it)"
        for what in ("source", "context passages")
    ]
    result = run("convert", str(HANOI), str(tmp_path / "h.graphml"))
    assert result.exit_code == 0 and result.stderr == ""


def test_gexf_meta_is_argmaps_whatever_the_networkx_version() -> None:
    # <creator>NetworkX 3.6.1</creator> tied the bytes to the installed networkx, and
    # networkx 3.7 (Python 3.12 and later) wrote the description a second time.
    m = argmap.load(HANOI)
    text = graphml.dumps_gexf(m)
    meta = text[text.index("<meta") : text.index("</meta>")]
    assert "NetworkX" not in meta and "<creator>argmap</creator>" in meta
    assert meta.count("<description>") == 1
