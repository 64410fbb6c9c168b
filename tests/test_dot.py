"""The DOT builder (argmap.draw.dot, argmap.draw.dotsyntax): what Graphviz itself reads back
from the DOT text. Each map is laid out by the bundled engine as ``-Tjson``, so escaping is
judged by Graphviz's own parser: names, attributes, clusters and the text it draws."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.draw.arrange import speaker_relations
from argmap.draw.dot import claims_dot, relation_tip
from argmap.draw.dotsyntax import (
    DotGraph,
    edge,
    isolate,
    node,
    nohtml,
    quote,
    quote_tooltip,
    tooltip,
    wrap,
)
from argmap.draw.engine import run_layout
from argmap.draw.theme import THEMES
from argmap.model import ArgumentMap, Claim, Outcome, Relation, Source, Speaker
from tests.conftest import dumps

HOSTILE = 'Tea < coffee & "milk" \\ back\\slash\\n, a\ttab\nnew line 🍵 עברית {x} ;'


def parsed(source: str) -> dict[str, Any]:
    """What Graphviz reads from ``source``: the ``-Tjson`` document."""
    result: dict[str, Any] = json.loads(run_layout(source, "json"))
    return result


def objects(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Nodes and clusters by name."""
    return {item["name"]: item for item in graph.get("objects", [])}


def drawn_text(item: dict[str, Any]) -> list[str]:
    """The text lines of a cluster's label as Graphviz lays them out."""
    return [op["text"] for op in item.get("_ldraw_", []) if op["op"] == "T"]


def svg_text(source: str, group_id: str) -> list[str]:
    """The text lines Graphviz draws in the SVG group with this id."""
    root = ET.fromstring(run_layout(source, "svg"))
    svg = "{http://www.w3.org/2000/svg}"
    group = next(g for g in root.iter(f"{svg}g") if g.get("id") == group_id)
    # Lines the engine would measure too narrow end in no-break spaces (the SVG argmap
    # writes drops them: argmap.draw.svg.finish_svg).
    return [(text.text or "").rstrip("\xa0") for text in group.iter(f"{svg}text")]


def edges(graph: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    names = {item["_gvid"]: item["name"] for item in graph.get("objects", [])}
    return [(names[e["tail"]], names[e["head"]], e) for e in graph.get("edges", [])]


def debate(text: str = "A claim.", quote: str | None = None) -> ArgumentMap:
    return ArgumentMap(
        title="Debate",
        speakers=(Speaker("ann", "Ann", role="host"), Speaker("bob", "Bob"), Speaker("cy", "Cy")),
        claims=(
            Claim("a1", "ann", text, quote=quote),
            Claim("a2", "ann", "Second of Ann.", kind="prediction"),
            Claim("b1", "bob", "Bob objects."),
        ),
        relations=(
            Relation("b1", "a1", "attacks", id="r1"),
            Relation("a2", "a1", "supports", id="r2", quote="because"),
            Relation("b1", "r2", "undercuts", id="r3"),
            Relation("bob", "ann", "disagrees", id="r4"),
        ),
    )


def test_hostile_text_is_drawn_exactly_and_tooltips_survive_the_parser() -> None:
    m = debate(HOSTILE, quote=HOSTILE)
    source = claims_dot(m).source
    assert svg_text(source, "claim-a1") == wrap(HOSTILE)  # the same words, wrapped
    graph = parsed(source)
    claim = objects(graph)["a1"]
    # The tooltip attribute Graphviz holds is the escString argmap wrote, not a mangled one.
    assert claim["tooltip"] == tooltip(HOSTILE)
    assert claim["id"] == "claim-a1"
    assert claim["class"] == "claim speaker-ann kind-assessment"


def test_every_speaker_is_a_cluster_holding_exactly_its_claims() -> None:
    m = debate()
    graph = parsed(claims_dot(m, layout="tree").source)
    named = objects(graph)
    gvid = {item["_gvid"]: name for name, item in named.items()}
    clusters = {name: item for name, item in named.items() if name.startswith("cluster_")}
    members = {
        item["id"]: sorted(gvid[i] for i in item.get("nodes", [])) for item in clusters.values()
    }
    assert members["speaker-ann"] == ["a1", "a2"]
    assert members["speaker-bob"] == ["b1"]
    # a speaker without claims or relations is named under the title, not boxed
    assert "speaker-cy" not in members
    assert "with no claims on this map: Cy" in graph["label"]
    ann = next(item for item in clusters.values() if item["id"] == "speaker-ann")
    assert drawn_text(ann)[:2] == ["Ann", "host"]
    assert ann["color"] == THEMES["light"].speaker_colors(0).line


def test_relations_carry_their_type_style_and_id() -> None:
    m = debate()
    graph = parsed(claims_dot(m, theme="dark").source)
    by_id = {e["id"]: (tail, head, e) for tail, head, e in edges(graph) if "id" in e}
    tail, head, attack = by_id["relation-r1"]
    style = THEMES["dark"].edge["attacks"]
    assert (tail, head) == ("b1", "a1")
    assert (attack["color"], attack["style"], attack["arrowhead"]) == (
        style.color,
        style.style,
        style.arrowhead,
    )
    # The undercut relation r2 runs through a junction point that r3 targets.
    tail, head, supports = by_id["relation-r2"]
    assert (tail, head) == ("_junction_r2", "a1")
    assert supports["tooltip"] == tooltip(relation_tip(m.relation("r2")))
    assert objects(graph)["_junction_r2"]["shape"] == "point"
    tail, head, undercut = by_id["relation-r3"]
    assert (tail, head) == ("b1", "_junction_r2")
    assert undercut["arrowhead"] == THEMES["dark"].edge["undercuts"].arrowhead


def test_a_speaker_relation_joins_the_clusters() -> None:
    m = debate()
    graph = parsed(claims_dot(m, layout="tree").source)
    cluster_of = {item["id"]: name for name, item in objects(graph).items() if "nodes" in item}
    (tail, head, disagree) = next(
        (t, h, e) for t, h, e in edges(graph) if e.get("id") == "relation-r4"
    )
    assert disagree["ltail"] == cluster_of["speaker-bob"]
    assert disagree["lhead"] == cluster_of["speaker-ann"]
    assert (tail, head) == ("b1", "a1")  # anchored on a claim inside each cluster
    assert THEMES["light"].edge["disagrees"].label in disagree["label"]


@pytest.mark.parametrize("name", ['say "hi"', "back\\slash", "new\nline", "<html>", "é 🍵", "a b"])
def test_node_and_edge_names_come_back_exactly(name: str) -> None:
    g = graphviz.Digraph()
    node(g, name, {"label": "x", "tooltip": tooltip(name)})
    node(g, "other", {"label": "y"})
    edge(g, name, "other", {"id": "e"})
    graph = parsed(g.source)
    assert name in objects(graph)
    assert objects(graph)[name]["tooltip"] == tooltip(name)
    assert [(t, h) for t, h, _ in edges(graph)] == [(name, "other")]


@pytest.mark.parametrize("text", [HOSTILE, "plain", "4.2", "graph", "ends with \\", ""])
def test_fast_tooltip_quoting_matches_graphviz_quoting(text: str) -> None:
    assert quote_tooltip(tooltip(text)) == graphviz.quoting.quote(tooltip(text))


def test_the_legend_lists_only_the_relation_types_used() -> None:
    m = debate()
    source = claims_dot(m, legend=True).source
    legend = claims_dot(m, legend=False).source
    assert len(source) > len(legend)
    for kind in ("attacks", "supports", "undercuts", "disagrees with"):
        assert kind in source
    assert "elaborates" not in source and "agrees with" not in source.replace("disagrees with", "")


def test_the_legend_inside_the_map_draws_no_boxes_around_its_words() -> None:
    # PNG and PDF carry the legend inside the map, where its words and sample arrows' tails
    # inherited the claims' "rounded,filled" style: grey pills and stray grey bars.
    root = ET.fromstring(run_layout(claims_dot(debate(), legend=True).source, "svg"))
    svg = "{http://www.w3.org/2000/svg}"
    legend = [g for g in root.iter(f"{svg}g") if (g.get("id") or "").startswith("legend-")]
    assert {g.get("id") for g in legend} >= {"legend-supports", "legend-supports-from"}
    for group in legend:  # the words and tails of the sample arrows (other entries are boxes)
        words = not (group.get("id") or "").startswith(("legend-fill", "legend-mark", "legend-cap"))
        if group.get("class") == "node" and words:
            assert not [*group.iter(f"{svg}path"), *group.iter(f"{svg}polygon")], group.get("id")


QUOTED = [
    HOSTILE,
    "plain",
    "4.2",
    "-.5",
    "graph",
    "Node",
    "a b",
    "<b>x</b>",
    "<x> y <z>",
    "",
    'say \\"hi\\"',
    'odd \\\\"',
    "ends with \\\\",
    "é 🍵",
    "עברית",
    "a:b",
    "x\ny",
]


@pytest.mark.parametrize("text", QUOTED)
def test_quoting_matches_the_graphviz_package(text: str) -> None:
    assert quote(text) == graphviz.quoting.quote(text)
    assert quote(nohtml(text)) == graphviz.quoting.quote(graphviz.nohtml(text))
    assert tooltip(text) == graphviz.nohtml(
        graphviz.escape(text.replace("&", "&amp;")).replace("\n", "\\n")
    )


def build(graph: Any) -> str:
    """The same statements through either builder."""
    graph.attr("graph", rankdir="LR", label="<<B>T</B>>", tooltip=nohtml("<a> & b"))
    graph.attr("node", shape="box", color="red", fontname=None)
    graph.attr(size="4,4")
    with graph.subgraph(name="cluster_0") as cluster:
        cluster.attr(label=HOSTILE, style="rounded")
        cluster.node("a", "A", id="x")
        cluster.node('say "hi"')
        with cluster.subgraph() as inner:
            inner.attr("graph", rank="same")
            inner.node("b")
    graph.node("graph", HOSTILE, tooltip=tooltip(HOSTILE))
    graph.edge("a", "b:p:n", "e", style="invis")
    graph.edge("é 🍵", "node")
    return str(graph.source)


def test_the_dot_graph_writes_what_graphviz_digraph_writes() -> None:
    assert build(DotGraph("g")) == build(graphviz.Digraph("g"))
    assert build(DotGraph()) == build(graphviz.Digraph())
    assert DotGraph("strict").source == graphviz.Digraph("strict").source


def test_the_dot_graph_renders_as_graphviz_source_would(tmp_path: Path) -> None:
    graph = claims_dot(debate())
    assert str(graph) == graph.source
    # graphviz.Source's methods (render, pipe, view need a system Graphviz; save does not)
    saved = graph.save(tmp_path / "map.gv")
    assert Path(saved).read_text(encoding="utf-8") == graph.source
    assert callable(graph.render) and callable(graph._repr_mimebundle_)
    with pytest.raises(AttributeError):
        graph.__no_such_thing__  # noqa: B018
    with pytest.raises(ValueError, match="must target graph, node, or edge"):
        graph.attr("cluster", x="1")


@pytest.mark.parametrize("bold", [False, True])
def test_lines_are_padded_only_where_the_engine_measures_them_narrower(bold: bool) -> None:
    from argmap.draw.fonts import NBSP, engine_width, pad_for_engine, text_width

    # Printable ASCII is measured alike (pad_for_engine returns it at once, unmeasured).
    for code in range(32, 127):
        assert engine_width(chr(code), 11, bold) == text_width(chr(code), 11, bold), chr(code)
    assert pad_for_engine("plain text", bold) == "plain text"
    padded = pad_for_engine("a — b … c", bold)
    assert padded.startswith("a — b … c") and padded.strip(NBSP) == "a — b … c"
    assert engine_width(padded, 11, bold) >= text_width("a — b … c", 11, bold)
    # A control character, which Arimo lacks, is drawn as wide as M but measured as a space.
    assert pad_for_engine("a\x01b", bold).endswith(NBSP)


FSI, PDI, RLO = "\u2068", "\u2069", "\u202e"
#: The bidirectional classes of the characters that can reorder the text around them.
BIDI_CLASSES = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        st.sampled_from(
            "ab .;\u05d0\u0627\u0661\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
    )
    | st.text()
)
def test_isolate_adds_balanced_isolates_around_the_text_only(text: str) -> None:
    isolated = isolate(text)
    if not any(unicodedata.bidirectional(c) in BIDI_CLASSES for c in text):
        assert isolated == text  # an ordinary text, and so an ordinary picture, is unchanged
        return
    added = len(isolated) - len(text)  # isolates before the text, and after it
    assert any(isolated == FSI * k + text + PDI * (added - k) for k in range(1, added))
    depth = 0  # every isolate opened is closed, none before the end of the whole
    for index, c in enumerate(isolated):
        depth += c in "\u2066\u2067\u2068"
        depth -= c == PDI
        assert depth > 0 or index == len(isolated) - 1
    assert depth == 0


def test_the_also_taking_part_line_isolates_a_right_to_left_name() -> None:
    m = ArgumentMap(
        title="T",
        speakers=(
            Speaker("ann", "Ann"),
            Speaker("cy", f"Cy {RLO}"),
            Speaker("dan", "Dan"),
            Speaker("eve", "Eve", role=f"host {RLO}"),
        ),
        claims=(Claim("a", "ann", "Tea is best."),),
    )
    lines = svg_text(claims_dot(m).source, "graph0")
    assert lines[1] == (
        f"Also taking part, with no claims on this map: {FSI}Cy {RLO}{PDI}; Dan; "
        f"Eve ({FSI}host {RLO}{PDI})"
    )


def test_lines_that_join_texts_of_the_map_isolate_each() -> None:
    hebrew = "\u05e2\u05d9\u05ea\u05d5\u05df"  # a newspaper's name in Hebrew
    m = ArgumentMap(
        title="Debate",
        speakers=(
            Speaker("ann", "Ann", role=f"host {RLO}", affiliation="Uni"),
            Speaker("bob", f"Bob {RLO}"),
        ),
        claims=(Claim("a1", "ann", "A."), Claim("b1", "bob", "B.")),
        relations=(Relation("bob", "ann", "disagrees"),),
        source=Source(title=f"Talk {RLO}", publisher=hebrew, date="2020-01-02"),
    )
    source = claims_dot(m, layout="components").source
    title = drawn_text(parsed(source))
    assert title[1:] == [
        f"{FSI}Talk {RLO}{PDI} · {FSI}{hebrew}{PDI} · 2020-01-02",
        f"Between speakers: {FSI}Bob {RLO}{PDI} disagrees with Ann",
    ]
    assert svg_text(claims_dot(m, layout="tree").source, "speaker-ann")[1] == (
        f"{FSI}host {RLO}{PDI}, Uni"
    )


def test_a_speaker_relation_to_a_claim_names_the_claim_by_its_words(
    small: dict[str, Any],
) -> None:
    # components writes these above the picture; a claim's id ("a1") meant nothing there.
    small["relations"].append({"from": "bob", "to": "a1", "type": "agrees"})
    small["claims"][0]["text"] = "Tea is better than coffee, " * 4
    m = argmap.loads(dumps(small))
    (line,) = speaker_relations(m, THEMES["light"])
    cut = ("Tea is better than coffee, " * 3)[:59].rstrip() + "…"
    assert line == f"Between speakers: Bob disagrees with Ann; Bob agrees with Ann’s “{cut}”"


def test_an_undercut_link_runs_through_a_point_beside_its_claim_in_flow() -> None:
    # In flow (links do not rank), nothing ranked the junction an undercut lands on: dot put
    # it at the top right, outside every column, and the link and the undercut went there.
    m = ArgumentMap(
        "T",
        (Speaker("ann", "Ann"), Speaker("bob", "Bob")),
        (*(Claim(f"a{i}", "ann", f"Ann's claim {i}.") for i in range(5)), Claim("b0", "bob", "B.")),
        (
            Relation("a4", "a0", "supports", "r1"),
            Relation("b0", "r1", "undercuts", "u1"),
        ),
    )
    graph = objects(parsed(claims_dot(m, layout="flow").source))

    def box(name: str) -> tuple[float, float, float, float]:
        if "bb" in graph[name]:
            left, bottom, right, top = map(float, graph[name]["bb"].split(","))
            return left, bottom, right, top
        x, y = map(float, graph[name]["pos"].split(","))
        return x, y, x, y

    junction, supporter = box("_junction_r1"), box("a4")
    assert junction[1] == supporter[1]  # on the supporting claim's row
    column = next(n for n, o in graph.items() if o.get("id") == "speaker-ann")
    left, bottom, right, top = box(column)
    assert left <= junction[0] <= right and bottom <= junction[1] <= top  # in Ann's column


def test_the_legend_explains_the_kind_line_with_one_of_the_maps_own() -> None:
    # 'PREDICTION - OUTCOME: FALSE' under a claim was explained nowhere.
    claims = (
        Claim("a", "ann", "Tea wins.", kind="prediction"),
        Claim(
            "b", "ann", "Coffee wins.", kind="prediction", outcome=Outcome("false", None, "vote")
        ),
    )
    m = ArgumentMap("T", (Speaker("ann", "Ann"),), claims)
    legend = claims_dot(m, legend=True).source
    assert (
        "PREDICTION - OUTCOME: FALSE" in legend.split('id="legend-caption"')[0].rsplit("\n", 1)[-1]
    )
    assert "the kind of claim, and what came of it" in legend
    plain = ArgumentMap("T", (Speaker("ann", "Ann"),), (Claim("a", "ann", "Tea."),))
    assert "legend-caption" not in claims_dot(plain, legend=True).source


def test_a_long_word_is_cut_into_lines_and_nothing_is_lost() -> None:
    # One 120-character address made its box four times as wide as the others, and the whole
    # picture shrank to fit a page (claim text at 5.9 px at 900 px instead of 8).
    from argmap.draw.dotsyntax import WRAP_WIDTH, wrap

    word = "https://example.org/" + "very" * 25 + "/long-path_end"
    lines = wrap(f"See {word} for it.", WRAP_WIDTH)
    assert max(map(len, lines)) <= WRAP_WIDTH
    assert "".join(lines).replace(" ", "") == f"See{word}forit."  # cut, never dropped
    assert lines[0] == "See https://example.org/"  # after its last slash that fits
    assert wrap("Donaudampfschifffahrtsgesellschaft is long", 30) == [
        "Donaudampfschifffahrtsgesellschaft",  # a little longer than a line: whole
        "is long",
    ]
