"""Lesser text hazards: Graphviz object escapes in DOT tooltips, terminal controls in the
command line's output, SVG ids that two things could share, bidirectional controls that would
reorder the text around them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.draw.engine import run_layout
from tests.conftest import SMALL, dumps, run

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def test_dot_tooltips_keep_graphviz_object_escapes_as_text() -> None:
    document: dict[str, Any] = json.loads(dumps(SMALL))
    document["claims"][0]["quote"] = "a \\N b \\G c \\L d \\n e"
    dot = argmap.render(argmap.loads(dumps(document)), "dot").text
    svg = run_layout(dot, "svg").decode()
    titles = re.findall(r'xlink:title="([^"]*)"', svg)
    shown = [t.replace("\u2060", "") for t in titles if t.startswith("a ")]
    assert shown == ["a \\N b \\G c \\L d \\n e"]  # not the node's or the graph's name


def test_info_shows_terminal_controls_escaped(tmp_path: Path) -> None:
    document: dict[str, Any] = json.loads(dumps(SMALL))
    document["title"] = "evil\u202etxt.exe"
    document["speakers"][0]["name"] = "Ann\u009b2J"
    document["claims"][0]["text"] = "tea \u2066wins\u2069"
    path = tmp_path / "m.json"
    path.write_text(dumps(document), encoding="utf-8")
    for arguments in ([], ["--json"]):
        result = run("info", str(path), *arguments)
        assert result.exit_code == 0, result.output
        assert not re.search("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]", result.output)
        assert "evil\\u202etxt.exe" in result.output
    assert json.loads(run("info", str(path), "--json").output)["title"] == "evil\u202etxt.exe"


def test_svg_ids_are_distinct_whatever_the_ids() -> None:
    document: dict[str, Any] = json.loads(dumps(SMALL))
    document["speakers"] += [
        {"id": "x", "name": "X"},  # no claims: a placeholder node
        {"id": "node-x", "name": "Node X"},  # its cluster is speaker-node-x
        {"id": "a-b", "name": "AB"},
        {"id": "a", "name": "A"},
        {"id": "b-c", "name": "BC"},
        {"id": "c", "name": "C"},
    ]
    document["relations"] += [
        {"from": "a-b", "to": "c", "type": "agrees"},
        {"from": "a", "to": "b-c", "type": "agrees"},
    ]
    m = argmap.loads(dumps(document))
    for view in ("claims", "speakers"):
        svg = argmap.render(m, "svg", view=view).text
        ids = re.findall(r' id="([^"]*)"', svg)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows, up to the end of its isolate


def outside_isolates(text: str) -> str:
    """The characters of ``text`` outside every directional isolate (U+2066 to U+2069)."""
    out, depth = [], 0
    for c in text:
        if c in "\u2066\u2067\u2068":
            depth += 1
        elif c == "\u2069":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(c)
    return "".join(out)


@pytest.mark.parametrize(
    ("view", "layout"),
    [("claims", "flow"), ("claims", "tree"), ("claims", "components"), ("speakers", "auto")],
)
def test_an_override_in_the_maps_text_reaches_no_other_text(view: str, layout: str) -> None:
    # Every text of the map ends in an unclosed U+202E. Where argmap joins it with its own
    # words or other texts in one line (drawn, or of a tooltip), it is isolated; a text alone
    # in its line needs nothing, the override ending with the line.
    document: dict[str, Any] = json.loads(dumps(SMALL))
    document["title"] += RLO
    document["source"] = {"title": "Talk" + RLO, "publisher": "Paper" + RLO}
    document["speakers"] += [{"id": "cy", "name": "Cy"}, {"id": "dan", "name": "Dan"}]
    for speaker in document["speakers"]:
        speaker.update(name=speaker["name"] + RLO, role="host" + RLO, affiliation="Uni" + RLO)
    for claim in document["claims"]:
        claim.update(text=claim["text"] + RLO, quote="said" + RLO)
    for relation in document["relations"]:
        relation.update(quote="so" + RLO, note="see" + RLO)
    m = argmap.loads(dumps(document))
    root = ET.fromstring(argmap.render(m, "svg", view=view, layout=layout).data)
    lines = ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]
    tips = (link.get(f"{XLINK}title") or "" for link in root.iter(f"{SVG}a"))
    lines += [line for tip in tips for line in tip.split("\n")]
    assert any("\u2068" in line for line in lines)  # some line joins texts
    for line in lines:
        # The text the user gave comes out whole: without argmap's isolates, the same words.
        assert RLO not in outside_isolates(line).rstrip().removesuffix(RLO), line
