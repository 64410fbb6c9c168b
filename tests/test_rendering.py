"""Rendering: DOT structure (read back by Graphviz itself), SVG structure, escaping, bytes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.draw.arrange import speaking_order
from argmap.draw.dot import claims_dot
from argmap.draw.engine import run_layout
from argmap.draw.geometry import read_svg
from argmap.draw.legend import legend_dot
from argmap.draw.theme import FONT_STACK, THEMES
from tests.conftest import dumps

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HOSTILE = [
    'He said "no" \\ then \\n left',
    '"]; x [label=<b>',
    "<script>alert(1)</script> & &amp; &#60;",
    "javascript:alert(1)",
    "line one\nline two\ttabbed",
    "emoji 🤝🏽 and ZWJ 👩‍👩‍👧",
    "right-to-left \u202e עברית العربية",
    "combining e\u0301 and {braces} | [brackets]",
]


def laid_out(m: argmap.ArgumentMap, layout: str = "tree") -> dict[str, Any]:
    """The DOT (with the legend inside) as Graphviz itself read it (its JSON output)."""
    source = claims_dot(m, layout=layout, legend=True).source
    result: dict[str, Any] = json.loads(run_layout(source, "json"))
    return result


def svg_tree(m: argmap.ArgumentMap) -> ET.Element:
    return ET.fromstring(argmap.render(m, "svg").data)


def test_dot_structure(small: dict[str, Any]) -> None:
    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    graph = laid_out(argmap.loads(dumps(small)), "tree")
    objects = graph["objects"]
    names = [o["name"] for o in objects]
    clusters = {o["name"]: o for o in objects if o["name"].startswith("cluster_")}
    assert set(clusters) == {"cluster_0", "cluster_1", "cluster_legend"}
    assert "Ann" in clusters["cluster_0"]["label"] and "host" in clusters["cluster_0"]["label"]
    members = {names[i] for i in clusters["cluster_0"]["nodes"]}
    assert {"a1", "a2"} <= members and "b1" not in members
    edges = {
        o["id"]: o
        for o in graph["edges"]
        if "id" in o and isinstance(o["id"], str) and o["id"].startswith("relation-")
    }
    style = THEMES["light"].edge
    r1, r2 = edges["relation-r1"], edges["relation-r2"]
    assert (names[r1["tail"]], names[r1["head"]]) == ("a2", "a1")
    assert (r1["color"], r1["arrowhead"]) == (style["supports"].color, "normal")
    assert (r2["arrowhead"], r2["style"]) == ("tee", "solid")
    # the undercut relation r2 runs through a junction, which the undercut targets
    assert names[r2["tail"]] == "_junction_r2"
    assert names[edges["relation-u1"]["head"]] == "_junction_r2"
    # speaker-level relations join the speakers' clusters
    r3 = edges["relation-r3"]
    assert (r3["ltail"], r3["lhead"]) == ("cluster_1", "cluster_0")
    assert graph["newrank"] == "true"


def test_flow_puts_speakers_in_columns_in_speaking_order(small: dict[str, Any]) -> None:
    # Bob spoke first: his quote comes before Ann's in the source.
    small["claims"][0]["quote"] = "tea is better"
    small["claims"][2]["quote"] = "coffee is better"
    m = argmap.loads(dumps(small), source_text="Bob: coffee is better. Ann: tea is better.")
    assert [s.id for s, _ in speaking_order(m)] == ["bob", "ann"]
    graph = laid_out(m, "flow")
    names = [o["name"] for o in graph["objects"]]
    x = {o["name"]: float(o["pos"].split(",")[0]) for o in graph["objects"] if "pos" in o}
    assert x["_speaker_bob"] < x["_speaker_ann"]
    y = {o["name"]: float(o["pos"].split(",")[1]) for o in graph["objects"] if "pos" in o}
    assert y["_speaker_ann"] > y["a1"] > y["a2"]  # the title on top, claims in order below
    edges = {o.get("id"): o for o in graph["edges"] if isinstance(o.get("id"), str)}
    # the speaker-level relation joins the two titles, labelled; claim links do not rank
    r3 = edges["relation-r3"]
    assert (names[r3["tail"]], names[r3["head"]]) == ("_speaker_bob", "_speaker_ann")
    assert "disagrees" in r3["label"]
    assert edges["relation-r2"]["constraint"] == "false"


def test_legend_lists_the_relation_types_used(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    legend = legend_dot("light", sorted({r.type for r in m.relations}))
    assert legend is not None
    found = re.findall(r'\t"_legend_([a-z]+)" \[label="?\w', legend.source)
    assert found == ["attacks", "disagrees", "supports"]
    flow = ET.fromstring(argmap.render(m, "svg", layout="flow").data)
    group = flow.find(f".//{SVG}g[@id='legend-graph']")
    assert group is not None
    labels = [t.text for t in group.iter(f"{SVG}text")]
    assert labels[:3] == ["supports", "attacks", "disagrees with"]  # then any colours
    # components (auto's choice) writes the speakers' disagreement above the picture: it
    # draws no such arrow, and its legend explains none.
    root = svg_tree(m)  # the SVG carries the legend below the map, not among the claims
    assert "Between speakers: Bob disagrees with Ann" in [t.text for t in root.iter(f"{SVG}text")]
    group = root.find(f".//{SVG}g[@id='legend-graph']")
    assert group is not None
    labels = [t.text for t in group.iter(f"{SVG}text")]
    assert labels[:2] == ["supports", "attacks"] and "disagrees with" not in labels
    # below the map: moved down by the map's height (the picture grew by the legend's)
    (placed,) = [
        g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}g[@id='legend-graph']") is not None
    ]
    top = float(placed.get("transform", "").split()[-1].rstrip(")"))
    assert 0 < top < float(root.get("height", "0").removesuffix("pt"))
    graph = root.find(f"{SVG}g[@id='graph0']")
    assert graph is not None
    shift = float(graph.get("transform", "").split()[-1].rstrip(")"))
    lowest = max(box.bottom for box in read_svg(argmap.render(m, "svg").data).claims.values())
    assert shift + lowest < top  # every claim box lies above the legend
    assert legend_dot("light", []) is None


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_in_dot_and_svg(small: dict[str, Any], text: str) -> None:
    small["claims"][0]["text"] = text
    small["claims"][0]["quote"] = text
    small["title"] = text
    m = argmap.loads(dumps(small))
    graph = laid_out(m, "flow")  # parses: the DOT is well formed
    assert "_legend_supports" in [o["name"] for o in graph["objects"]]
    assert laid_out(m, "components")["objects"]
    root = svg_tree(m)  # parses: the SVG is well formed XML
    node = root.find(f".//{SVG}g[@id='claim-a1']")
    assert node is not None
    shown = " ".join(t.text or "" for t in node.iter(f"{SVG}text"))
    assert shown == " ".join(text.split())
    link = node.find(f".//{SVG}a")
    assert link is not None and link.get(f"{XLINK}title") == text
    assert root.find(f"{SVG}title").text == text  # type: ignore[union-attr]
    assert b"<script" not in argmap.render(m, "svg").data


def test_svg_is_ready_to_embed(small: dict[str, Any]) -> None:
    small["source"] = {"title": "A talk", "date": "2020-01-02"}
    m = argmap.loads(dumps(small))
    data = argmap.render(m, "svg").data
    root = ET.fromstring(data)
    assert root.get("viewBox")
    children = list(root)
    assert children[0].tag == f"{SVG}title" and children[0].text == "Tea or coffee"
    assert children[1].tag == f"{SVG}desc"
    assert children[1].text == ("Argument map: 2 speakers, 3 claims, 3 relations. Source: A talk.")
    classes = [g.get("class") for g in root.iter(f"{SVG}g") if "claim" in (g.get("class") or "")]
    assert classes == [
        "node claim speaker-ann kind-assessment",
        "node claim speaker-ann kind-assessment",
        "node claim speaker-bob kind-prediction",
    ]
    assert all(t.get("font-family") == FONT_STACK for t in root.iter(f"{SVG}text"))
    assert b"/tmp" not in data and b"/home" not in data and b"/work" not in data


def test_one_node_group_per_claim_and_no_claimless_nodes(small: dict[str, Any]) -> None:
    small["speakers"].append({"id": "quiet", "name": "Quiet Person", "role": "moderator"})
    root = svg_tree(argmap.loads(dumps(small)))
    ids = sorted(
        g.get("id") or "" for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("claim-")
    )
    assert ids == ["claim-a1", "claim-a2", "claim-b1"]
    # a speaker with no claims and no relations is named in the header, not drawn as a box
    assert not [g for g in root.iter(f"{SVG}g") if "quiet" in (g.get("id") or "")]
    header = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "with no claims on this map: Quiet Person (moderator)" in header


def test_output_is_deterministic(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    assert argmap.render(m, "svg").data == argmap.render(m, "svg").data
    assert argmap.render(m, "dot").data == argmap.render(m, "dot").data


def test_png_and_dot_formats(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    assert argmap.render(m, "png").data.startswith(b"\x89PNG\r\n\x1a\n")
    assert argmap.render(m, "dot").text.startswith("digraph argmap {")
    with pytest.raises(ValueError, match="unknown format 'gif'"):
        argmap.render(m, "gif")


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themes_change_colours_only_through_the_theme(small: dict[str, Any], theme: str) -> None:
    m = argmap.loads(dumps(small))
    source = claims_dot(m, theme=theme).source
    assert f'bgcolor="{THEMES[theme].background}"' in source
    assert THEMES[theme].edge["attacks"].color in source


def test_long_claims_are_wrapped(small: dict[str, Any]) -> None:
    small["claims"][0]["text"] = "word " * 1000
    root = svg_tree(argmap.loads(dumps(small)))
    assert float(root.get("width", "0pt").removesuffix("pt")) < 2000


@pytest.mark.parametrize(
    "text", [*HOSTILE, "plain", "Bob", "4.2", "graph", "ends with \\", 'q"', ""]
)
def test_fast_tooltip_quoting_agrees_with_graphviz(text: str) -> None:
    from graphviz import nohtml
    from graphviz.quoting import quote

    from argmap.dot import _quote_tooltip, tooltip

    # tooltip() marks its text as not HTML with argmap's own NoHtml, not graphviz's
    assert _quote_tooltip(tooltip(text)) == quote(nohtml(tooltip(text)))


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_fast_tooltip_quoting_agrees_with_graphviz_on_any_text(text: str) -> None:
    from graphviz import nohtml
    from graphviz.quoting import quote

    from argmap.dot import _quote_tooltip, tooltip

    # tooltip() marks its text as not HTML with argmap's own NoHtml, not graphviz's
    assert _quote_tooltip(tooltip(text)) == quote(nohtml(tooltip(text)))


def test_flow_draws_a_speaker_with_relations_but_no_claims(small: dict[str, Any]) -> None:
    small["speakers"].append({"id": "cy", "name": "Cy"})
    small["relations"].append({"id": "r9", "from": "cy", "to": "ann", "type": "agrees"})
    root = ET.fromstring(argmap.render(argmap.loads(dumps(small)), "svg", layout="flow").data)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"speaker-title-cy", "speaker-cy", "relation-r9"} <= ids


def test_lines_with_non_ascii_characters_are_centred_in_their_boxes() -> None:
    from argmap.draw.engine import NON_ASCII_WIDTHS
    from argmap.draw.fonts import text_width

    m = argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "Rencontre à Hanoï — “deal” or no deal…",
                "speakers": [{"id": "s", "name": "Zoë Ñúñez", "role": "Sciences’ Institute"}],
                "claims": [
                    {"id": "a", "speaker": "s", "text": "It wasn’t — in the end — a deal…"},
                    {"id": "b", "speaker": "s", "text": "Plain ASCII words only."},
                    {"id": "c", "speaker": "s", "text": "«Привет» means hello"},
                ],
                "relations": [{"from": "b", "to": "a", "type": "supports"}],
            }
        )
    )
    drawing = argmap.render(m, "svg")
    assert NON_ASCII_WIDTHS not in drawing.warnings
    # The engine measured these lines with a space per UTF-8 byte; drawn, they are centred.
    root = ET.fromstring(drawing.data)
    offsets = {}
    for group in root.iter(f"{SVG}g"):
        if "node" not in (group.get("class") or "").split():
            continue
        outline = next((e for e in group.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path")), None)
        if outline is None:  # a plain-text node: the legend's entries
            continue
        numbers = [
            float(n)
            for n in re.findall(r"-?\d+(?:\.\d+)?", outline.get("points") or outline.get("d") or "")
        ]
        centre = (min(numbers[::2]) + max(numbers[::2])) / 2
        for text in group.iter(f"{SVG}text"):
            line = text.text or ""
            size, bold = float(text.get("font-size", "0")), text.get("font-weight") == "bold"
            offsets[line] = float(text.get("x", "0")) + text_width(line, size, bold) / 2 - centre
    assert any(not line.isascii() for line in offsets) and any(line.isascii() for line in offsets)
    assert all(abs(offset) < 0.05 for offset in offsets.values()), offsets
    # Pictures argmap does not finish keep the engine's placement, and say so.
    assert NON_ASCII_WIDTHS in argmap.render(m, "png").warnings


def test_only_lines_the_bundled_engine_measured_are_moved() -> None:
    from argmap.draw.svg import finish_svg

    line = (
        '<svg width="100pt" height="20pt"><text text-anchor="start" x="10" y="5" '
        'font-size="10.00">{}</text></svg>'
    )
    m = argmap.ArgumentMap("T")
    for text, moved in [("plain", False), ("wasn’t", True), ("a\u00a0\u00a0", True)]:
        svg = line.format(text).encode("utf-8")
        bundled = finish_svg(svg, m, []).decode("utf-8")
        other = finish_svg(svg, m, [], bundled=False).decode("utf-8")
        assert ('x="10"' not in bundled) is moved, bundled
        assert 'x="10"' in other


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_canvas_under_map_and_legend_has_the_maps_background(
    small: dict[str, Any], theme: str
) -> None:
    # A dark map used to end in a transparent strip around its legend (white on a page).
    root = ET.fromstring(argmap.render(argmap.loads(dumps(small)), "svg", theme=theme).data)
    drawn = [
        child for child in root if child.tag not in (f"{SVG}title", f"{SVG}desc", f"{SVG}defs")
    ]
    canvas = drawn[0]
    assert canvas.tag == f"{SVG}rect"
    assert (canvas.get("width"), canvas.get("height")) == (
        root.get("width", "").removesuffix("pt"),
        root.get("height", "").removesuffix("pt"),
    )
    assert canvas.get("fill", "").lower() == THEMES[theme].background.lower()
