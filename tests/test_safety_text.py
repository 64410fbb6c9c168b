"""Lesser text hazards: Graphviz object escapes in DOT tooltips, terminal controls in the
command line's output, SVG ids that two things could share."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import argmap
from argmap.draw.engine import run_layout
from tests.conftest import SMALL, dumps, run


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
