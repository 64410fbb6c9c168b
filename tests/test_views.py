"""Views: select (focus and filters), the speaker aggregation, and the speaker view's layout."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import argmap
from argmap.engine import run_layout
from argmap.theme import THEMES
from argmap.views import STANCES, pen_width, select, speaker_graph, speakers_dot
from tests.conftest import HANOI, dumps, run

SVG = "{http://www.w3.org/2000/svg}"
LIGHT = THEMES["light"]


def ids(m: argmap.ArgumentMap) -> tuple[list[str], list[str], list[str]]:
    """Speakers, claims and relation keys of a map, in map order."""
    return (
        [s.id for s in m.speakers],
        [c.id for c in m.claims],
        [key for key, _ in m.relation_keys()],
    )


def undercut_map(small: dict[str, Any]) -> argmap.ArgumentMap:
    """The small map with Ann's a2 undercutting r2 (Bob's b1 attacks a1)."""
    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    return argmap.loads(dumps(small))


# select


def test_no_filter_returns_the_map_itself(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    assert select(m) is m


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"speakers": ["bob"]}, (["bob"], ["b1"], [])),
        ({"speakers": ["ann"]}, (["ann"], ["a1", "a2"], ["r1"])),
        ({"speakers": ["ann", "bob"]}, (["ann", "bob"], ["a1", "a2", "b1"], ["r1", "r2", "r3"])),
        ({"relations": ["attacks"]}, (["ann", "bob"], ["a1", "a2", "b1"], ["r2"])),
        (
            {"relations": ["disagrees", "supports"]},
            (["ann", "bob"], ["a1", "a2", "b1"], ["r1", "r3"]),
        ),
        ({"focus": "a2", "depth": 0}, (["ann"], ["a2"], [])),
        ({"focus": "a2"}, (["ann"], ["a1", "a2"], ["r1"])),
        # Bob's claim comes with Bob, but Bob -> Ann (r3) is not within reach of a claim.
        ({"focus": "a2", "depth": 2}, (["ann", "bob"], ["a1", "a2", "b1"], ["r1", "r2"])),
        ({"focus": "a1"}, (["ann", "bob"], ["a1", "a2", "b1"], ["r1", "r2"])),
        ({"focus": "bob", "depth": 0}, (["bob"], ["b1"], [])),
        ({"focus": "bob"}, (["ann", "bob"], ["a1", "b1"], ["r2", "r3"])),
        ({"focus": "a2", "depth": 2, "relations": ["supports"]}, (["ann"], ["a1", "a2"], ["r1"])),
        ({"focus": "b1", "speakers": ["bob"]}, (["bob"], ["b1"], [])),
    ],
)
def test_select_small(small: dict[str, Any], options: dict[str, Any], expected: Any) -> None:
    m = argmap.loads(dumps(small))
    part = select(m, **options)
    assert ids(part) == expected
    # What select returns is a valid map: it writes and reads back unchanged.
    assert argmap.loads(argmap.dumps(part)) == part
    assert part.title == m.title


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # The undercut goes when the relation it undercuts goes.
        ({"relations": ["undercuts"]}, (["ann", "bob"], ["a1", "a2", "b1"], [])),
        (
            {"relations": ["attacks", "undercuts"]},
            (["ann", "bob"], ["a1", "a2", "b1"], ["r2", "u1"]),
        ),
        ({"speakers": ["ann"]}, (["ann"], ["a1", "a2"], ["r1"])),
        # An undercut is one step from its claim to both ends of the undercut relation.
        (
            {"focus": "a2", "relations": ["undercuts", "attacks"]},
            (["ann", "bob"], ["a1", "a2", "b1"], ["r2", "u1"]),
        ),
        ({"focus": "b1", "depth": 1}, (["ann", "bob"], ["a1", "a2", "b1"], ["r1", "r2", "u1"])),
    ],
)
def test_select_undercuts(small: dict[str, Any], options: dict[str, Any], expected: Any) -> None:
    part = select(undercut_map(small), **options)
    assert ids(part) == expected
    assert argmap.loads(argmap.dumps(part)) == part


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"focus": "a11"}, "no claim or speaker has the id 'a11'; did you mean 'a1'?"),
        ({"focus": "r1"}, "'r1' is a relation; the focus is a claim or a speaker"),
        ({"speakers": ["ann", "carl"]}, "no speaker has the id 'carl'"),
        ({"speakers": ["a1"]}, "no speaker has the id 'a1'"),
        ({"relations": ["refutes"]}, "unknown relation type 'refutes'; expected one of supports, "),
        ({"focus": "a1", "depth": -1}, "the depth must be 0 or more, not -1"),
        (
            {"focus": "a1", "speakers": ["bob"]},
            "the focus 'a1' belongs to a speaker that is not selected",
        ),
    ],
)
def test_select_errors_name_the_id(
    small: dict[str, Any], options: dict[str, Any], message: str
) -> None:
    m = argmap.loads(dumps(small))
    with pytest.raises(ValueError) as error:
        select(m, **options)
    assert str(error.value).startswith(message)
    with pytest.raises(ValueError, match="^" + message.split(";")[0]):
        argmap.render(m, "dot", **options)


def test_select_hanoi(hanoi: argmap.ArgumentMap) -> None:
    part = select(hanoi, focus="asmolov.secondary-sanctions")
    assert ids(part) == (
        ["asmolov", "lankov"],
        ["asmolov.secondary-sanctions", "lankov.sanctions-slowed"],
        ["r36"],
    )
    # Two steps reach both premises of Lankov's "Therefore" and its conclusion; r33 joins two
    # of the claims kept.
    part = select(hanoi, focus="asmolov.secondary-sanctions", depth=2)
    assert ids(part)[1][2:] == ["lankov.live-without-growth", "lankov.kim-seeks-easing"]
    assert ids(part)[2] == ["r32", "r33", "r36", "r45"]

    # A speaker's focus: all their claims, and what touches them; among what is kept, every
    # relation (r15 joins two of Asmolov's claims that both touch Sagitov's).
    part = select(hanoi, focus="sagitov")
    sagitov = [c.id for c in hanoi.claims_by("sagitov")]
    assert ids(part) == (
        ["sagitov", "asmolov"],
        [*sagitov, "asmolov.security-risks", "asmolov.kim-risk"],
        [f"r{n}" for n in (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 34, 37, 38, 39)],
    )

    part = select(hanoi, speakers=["lankov", "asmolov"], relations=["attacks", "agrees"])
    assert ids(part)[0] == ["asmolov", "lankov"]
    assert {c.speaker for c in part.claims} == {"asmolov", "lankov"}
    assert len(part.claims) == len(hanoi.claims_by("lankov")) + len(hanoi.claims_by("asmolov"))
    assert ids(part)[2] == ["r35", "r40", "r43", "r44"]  # r34 (asmolov -> sagitov) is gone
    assert part.context == hanoi.context and part.source == hanoi.source
    assert argmap.loads(argmap.dumps(part)).to_dict() == part.to_dict()


# the speaker aggregation

HANOI_SPEAKER_EDGES = {
    ("asmolov", "sagitov"): {"supports": 2, "agrees": 1, "elaborates": 1},
    ("asmolov", "lankov"): {"agrees": 1, "elaborates": 1},
    ("lankov", "asmolov"): {"agrees": 3},
}


def test_speaker_graph_hanoi(hanoi: argmap.ArgumentMap) -> None:
    g = speaker_graph(hanoi)
    assert isinstance(g, nx.DiGraph)
    assert list(g.nodes) == [s.id for s in hanoi.speakers]
    assert g.nodes["lankov"]["name"] == "Andrei Lankov"
    assert g.nodes["lankov"]["role"] == "professor"
    assert {(u, v): d["counts"] for u, v, d in g.edges(data=True)} == HANOI_SPEAKER_EDGES
    assert {(u, v): w for u, v, w in g.edges(data="weight")} == {
        ("asmolov", "sagitov"): 4,
        ("asmolov", "lankov"): 2,
        ("lankov", "asmolov"): 3,
    }
    assert g.edges["lankov", "asmolov"]["relations"] == ["r35", "r40", "r43"]
    assert g.edges["asmolov", "lankov"]["relations"] == ["r44", "r36"]
    # networkx works on it as on any weighted graph.
    assert nx.shortest_path(g, "lankov", "sagitov") == ["lankov", "asmolov", "sagitov"]


def test_speaker_graph_small(small: dict[str, Any]) -> None:
    g = speaker_graph(undercut_map(small))
    # r1 is within Ann's claims: left out. u1 undercuts Bob's r2: Ann -> Bob.
    assert {(u, v): d["counts"] for u, v, d in g.edges(data=True)} == {
        ("bob", "ann"): {"attacks": 1, "disagrees": 1},
        ("ann", "bob"): {"undercuts": 1},
    }
    # It aggregates what select kept.
    g = speaker_graph(select(argmap.loads(dumps(small)), relations=["disagrees"]))
    assert list(g.edges(data="counts")) == [("bob", "ann", {"disagrees": 1})]


def test_every_relation_type_has_one_stance() -> None:
    stances = [t for types in STANCES.values() for t in types]
    assert sorted(stances) == sorted(argmap.RELATION_TYPES)


# the speaker view


def laid_out(m: argmap.ArgumentMap, **options: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run_layout(speakers_dot(m, **options).source, "json"))
    return result


def edges_by_ends(graph: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    names = [o["name"] for o in graph["objects"]]
    return {
        (names[e["tail"]], names[e["head"]], e["class"].split()[-1]): e
        for e in graph.get("edges", [])
    }


def test_speaker_view_layout_hanoi(hanoi: argmap.ArgumentMap, small: dict[str, Any]) -> None:
    graph = laid_out(hanoi)
    objects = graph["objects"]
    assert [o["name"] for o in objects] == [s.id for s in hanoi.speakers]
    for obj, speaker in zip(objects, hanoi.speakers, strict=True):
        assert f"<B>{speaker.name}</B>" in obj["label"]
        assert obj["id"] == f"speaker-{speaker.id}"
    assert "professor, Seoul-based Kookmin University" in objects[4]["label"]

    edges = edges_by_ends(graph)
    assert {key: e["label"].strip() for key, e in edges.items()} == {
        ("asmolov", "sagitov", "agreement"): "2 supports · 1 agrees",
        ("asmolov", "sagitov", "other"): "1 elaborates",
        ("lankov", "asmolov", "agreement"): "3 agrees",
        ("asmolov", "lankov", "agreement"): "1 agrees",
        ("asmolov", "lankov", "other"): "1 elaborates",
    }
    width = {key: float(e["penwidth"]) for key, e in edges.items()}
    assert width["lankov", "asmolov", "agreement"] > width["asmolov", "lankov", "agreement"]
    assert width["asmolov", "sagitov", "agreement"] == width["lankov", "asmolov", "agreement"]
    assert width["asmolov", "lankov", "agreement"] == width["asmolov", "lankov", "other"]

    # Agreement and disagreement look different, in the theme's styles of supports/attacks.
    for (_, _, stance), edge in edges.items():
        style = LIGHT.edge[STANCES[stance][0]]
        assert (edge["color"], edge["style"], edge["arrowhead"]) == (
            style.color,
            style.style,
            style.arrowhead,
        )
    # The Hanoi panel has no disagreement between speakers; the small map has both stances.
    small["relations"].append({"from": "a1", "to": "b1", "type": "agrees"})
    edges = edges_by_ends(laid_out(argmap.loads(dumps(small))))
    agree = edges["ann", "bob", "agreement"]
    disagree = edges["bob", "ann", "disagreement"]
    assert agree["color"] != disagree["color"] and agree["arrowhead"] != disagree["arrowhead"]


def test_pen_width_grows_with_the_count() -> None:
    widths = [float(pen_width(n)) for n in range(1, 200)]
    assert widths == sorted(widths) and widths[0] < widths[1] < widths[3] < widths[-1]
    assert widths[-1] <= 9


def test_same_speaker_relations_are_not_drawn(small: dict[str, Any]) -> None:
    small["relations"] = [small["relations"][0]]  # only a2 -> a1, both Ann's
    graph = laid_out(argmap.loads(dumps(small)))
    assert [o["name"] for o in graph["objects"]] == ["ann", "bob"]
    assert graph.get("edges", []) == []


def test_print_theme_keeps_stances_apart(small: dict[str, Any]) -> None:
    small["relations"].append({"from": "a1", "to": "b1", "type": "agrees"})
    edges = edges_by_ends(laid_out(argmap.loads(dumps(small)), theme="print"))
    assert edges["bob", "ann", "disagreement"]["label"].strip() == "1 attacks · 1 disagrees"
    assert edges["ann", "bob", "agreement"]["arrowhead"] == "normal"
    assert edges["bob", "ann", "disagreement"]["arrowhead"] == "tee"


def test_speaker_view_svg_hostile_names(small: dict[str, Any]) -> None:
    name = '"]; x [label=<b> & \\ <script>'
    small["speakers"][1]["name"] = name
    m = argmap.loads(dumps(small))
    root = ET.fromstring(argmap.render(m, "svg", view="speakers").data)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    assert {"speaker-ann", "speaker-bob", "speaker-link·bob·ann·disagreement"} <= set(groups)
    texts = ["".join(t.itertext()) for t in groups["speaker-bob"].iter(f"{SVG}text")]
    assert texts[0] == name
    links = [
        a.get("{http://www.w3.org/1999/xlink}title") for a in groups["speaker-bob"].iter(f"{SVG}a")
    ]
    assert links[0] == name  # the tooltip, exact
    assert root.find(f"{SVG}title") is not None


def test_render_speaker_view_with_filters(hanoi: argmap.ArgumentMap) -> None:
    dot = argmap.render(hanoi, "dot", view="speakers", speakers=["lankov", "asmolov"]).text
    assert dot.startswith("digraph speakers {")
    assert '"lankov" -> "asmolov"' in dot and "sagitov" not in dot
    dot = argmap.render(hanoi, "dot", view="speakers", relations=["agrees"]).text
    assert dot.count("->") == 3 and 'label=" 3 agrees "' in dot
    with pytest.raises(ValueError, match="unknown view 'people'"):
        argmap.render(hanoi, "dot", view="people")


def test_claims_view_with_focus(hanoi: argmap.ArgumentMap) -> None:
    root = ET.fromstring(argmap.render(hanoi, "svg", focus="lankov.sanctions-slowed").data)
    claims = {g.get("id") for g in root.iter(f"{SVG}g") if "claim" in (g.get("class") or "")}
    assert claims == {
        "claim-asmolov.secondary-sanctions",
        "claim-lankov.sanctions-slowed",
        "claim-lankov.live-without-growth",
        "claim-lankov.kim-seeks-easing",
    }
    relations = {
        g.get("id") for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("relation-")
    }
    assert relations == {"relation-r32", "relation-r33", "relation-r36", "relation-r45"}


# the command line


def test_cli_speaker_view_and_filters(tmp_path: Path) -> None:
    result = run("render", str(HANOI), "--view", "speakers", "-f", "dot", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("->") == 5
    result = run(
        "render", str(HANOI), "-f", "dot", "-o", "-", "--speaker", "lankov", "--speaker", "asmolov",
        "--relation", "attacks", "--relation", "agrees",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    edges = [line for line in result.stdout.splitlines() if 'id="relation-' in line]
    assert len(edges) == 4
    result = run("render", str(HANOI), "-f", "dot", "-o", "-", "--focus", "sagitov", "--depth", "0")
    assert result.exit_code == 0
    assert "asmolov" not in result.stdout
    target = tmp_path / "speakers.svg"
    assert run("render", str(HANOI), "--view", "speakers", "-o", str(target)).exit_code == 0
    groups = [g.get("id") for g in ET.fromstring(target.read_bytes()).iter(f"{SVG}g")]
    assert "speaker-link·lankov·asmolov·agreement" in groups


def test_cli_unknown_ids(tmp_path: Path) -> None:
    result = run("render", str(HANOI), "--focus", "lankof", "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2  # a usage error: an id the map does not have
    assert "no claim or speaker has the id 'lankof'; did you mean 'lankov'?" in result.output
    assert not (tmp_path / "x.svg").exists()
    result = run("render", str(HANOI), "--speaker", "nobody", "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
    assert "no speaker has the id 'nobody'" in result.output
    result = run("render", str(HANOI), "--relation", "refutes")
    assert result.exit_code == 2
    result = run("render", str(HANOI), "--focus", "lankov", "--depth", "-1")
    assert result.exit_code == 2


def test_committed_speaker_example_is_current(hanoi: argmap.ArgumentMap) -> None:
    committed = (HANOI.parent.parent / "examples" / "hanoi_2019_speakers.svg").read_bytes()
    assert argmap.render(hanoi, "svg", view="speakers").data == committed, (
        "examples/hanoi_2019_speakers.svg is stale: regenerate it with `argmap render "
        "maps/hanoi_2019.json --view speakers -o examples/hanoi_2019_speakers.svg`"
    )


def test_speaker_view_tooltips_isolate_the_names(small: dict[str, Any]) -> None:
    small["speakers"][1]["name"] = "Bob \u202e"
    m = argmap.loads(dumps(small))
    root = ET.fromstring(argmap.render(m, "svg", view="speakers").data)
    (link,) = (
        g for g in root.iter(f"{SVG}g") if g.get("id") == "speaker-link·bob·ann·disagreement"
    )
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in link.iter(f"{SVG}a")]
    # Bob's override ends with his name: the arrow, Ann's name and the counts read as written.
    assert titles[0] == "\u2068Bob \u202e\u2069 → Ann: 1 attacks · 1 disagrees\nr2, r3"
