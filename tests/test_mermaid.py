"""Mermaid: the flowchart's structure, its links per type, and escaping of hostile text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.mermaid import escape, mermaid_flowchart
from argmap.theme import THEMES
from tests.conftest import HANOI, dumps

HOSTILE = [
    '"]; x [label=<b>',
    "<script>alert(1)</script> & &amp; &#60;",
    "a | b",
    "{x} and (y) and {{z}}",
    "#1 and #quot; and #35;",
    "`code` and ```fence```",
    "line one\nline two\r\n\ttabbed\u2028separated",
    "emoji 🤝🏽 and ZWJ 👩‍👩‍👧",
    "right-to-left \u202e עברית",
    'back\\slash \\" and %%{init: {"theme": "dark"}}%%',
    "lifestyle:#f00; style n0 fill:#f00;",
    "end",
    "click n0 call alert(1)",
    "a --> b -.-> c ==> d",
    "It costs $$5 or $$10, $$x^2$$",  # KaTeX mathematics in Mermaid 10.9+
]

SUBGRAPH = re.compile(r'^    subgraph (s\d+)\["(.*)"\]$')
NODE = re.compile(r'^        (n\d+)\["(.*)"\]$')
JUNCTION = re.compile(r'^    (j\d+)\(\(" "\)\)$')
LINK = re.compile(
    r'^    ([nsj]\d+) (-->|--x|---|-\.->|-\.-x|-\.-o|-\.-)(?:\|"(.*)"\|)? ([nsj]\d+)$'
)
LINK_STYLE = re.compile(r"^    linkStyle ([\d,]+) stroke:(#[0-9A-F]{6})$")
ENTITY = re.compile(r"#(quot|\d+);")
# What a label may not hold outside its entity codes: quotes, brackets, braces, pipes, angle
# brackets, ampersands, backticks, colons, semicolons, '%', '#', backslashes, line breaks.
UNSAFE = re.compile(r'["\[\]{}|<>&`:;%#$\\\n\r\t\u2028]')


class Flowchart(NamedTuple):
    subgraphs: dict[str, str]  # id -> title
    members: dict[str, list[str]]  # subgraph id -> its node ids
    nodes: dict[str, str]  # id -> label
    junctions: list[str]
    links: list[tuple[str, str, str | None, str]]  # start, arrow, label, end
    link_colors: dict[int, str]
    lines: list[str]


def parse(text: str) -> Flowchart:
    """Read our Mermaid back, failing on any line that is not one of the expected forms."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    subgraphs: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    nodes: dict[str, str] = {}
    junctions: list[str] = []
    links: list[tuple[str, str, str | None, str]] = []
    colors: dict[int, str] = {}
    current = None
    for line in lines[1:]:
        if match := SUBGRAPH.match(line):
            current = match[1]
            subgraphs[current], members[current] = match[2], []
        elif match := NODE.match(line):
            assert current is not None
            nodes[match[1]] = match[2]
            members[current].append(match[1])
        elif line == "    end":
            current = None
        elif match := JUNCTION.match(line):
            junctions.append(match[1])
        elif match := LINK.match(line):
            links.append((match[1], match[2], match[3], match[4]))
        elif match := LINK_STYLE.match(line):
            colors |= {int(n): match[2] for n in match[1].split(",")}
        elif line.startswith("    %% Also taking part, with no claims on this map: "):
            assert current is None and "\n" not in line
        else:
            assert re.fullmatch(
                r"    (classDef speaker\d+ fill:#\w{6},stroke:#\w{6},color:#\w{6}"
                r"|class (n\d+,)*n\d+ speaker\d+|style s\d+ fill:#\w{6},stroke:#\w{6})",
                line,
            ), line
    return Flowchart(subgraphs, members, nodes, junctions, links, colors, lines)


def decode(label: str) -> str:
    """What Mermaid shows for a label: its entity codes decoded."""
    return ENTITY.sub(lambda m: '"' if m[1] == "quot" else chr(int(m[1])), label)


def test_small_structure(small: dict[str, Any]) -> None:
    chart = parse(mermaid_flowchart(argmap.loads(dumps(small))))
    assert chart.subgraphs == {"s0": "Ann", "s1": "Bob"}
    assert chart.members == {"s0": ["n0", "n1"], "s1": ["n2"]}
    assert chart.nodes == {
        "n0": "Tea is better.",
        "n1": "Tea has less caffeine.",
        "n2": "Coffee is better.",
    }
    assert chart.links == [
        ("n1", "-->", "supports", "n0"),
        ("n2", "--x", "attacks", "n0"),
        ("s1", "-.-o", "disagrees with", "s0"),  # between speakers: their subgraphs
    ]
    light = THEMES["light"]
    assert chart.link_colors == {
        0: light.edge["supports"].color,
        1: light.edge["attacks"].color,
        2: light.edge["disagrees"].color,
    }
    ann, bob = light.speaker_colors(0), light.speaker_colors(1)
    assert (
        f"    classDef speaker0 fill:{ann.fill},stroke:{ann.line},color:{light.text}" in chart.lines
    )
    assert (
        f"    classDef speaker1 fill:{bob.fill},stroke:{bob.line},color:{light.text}" in chart.lines
    )
    assert "    class n0,n1 speaker0" in chart.lines
    assert "    class n2 speaker1" in chart.lines


def test_every_type_has_its_own_arrow_and_undercuts_use_a_junction(small: dict[str, Any]) -> None:
    small["relations"] += [
        {"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"},
        {"id": "r5", "from": "a1", "to": "b1", "type": "agrees"},
        {"id": "r6", "from": "b1", "to": "a2", "type": "elaborates"},
    ]
    chart = parse(mermaid_flowchart(argmap.loads(dumps(small))))
    assert chart.junctions == ["j0"]
    assert chart.links == [
        ("n1", "-->", "supports", "n0"),
        ("n2", "---", None, "j0"),  # r2 runs through the junction ...
        ("j0", "--x", "attacks", "n0"),
        ("s1", "-.-o", "disagrees with", "s0"),
        ("n1", "-.-x", "undercuts", "j0"),  # ... that the undercut targets
        ("n0", "-.->", "agrees with", "n2"),
        ("n2", "-.-", "elaborates", "n1"),
    ]
    arrows = {label: arrow for _, arrow, label, _ in chart.links if label}
    assert len(set(arrows.values())) == len(arrows) == len(argmap.RELATION_TYPES)
    assert chart.link_colors[1] == chart.link_colors[2] == THEMES["light"].edge["attacks"].color
    assert len(chart.link_colors) == len(chart.links)


def test_hanoi_structure() -> None:
    m = argmap.load(HANOI)
    chart = parse(argmap.render(m, "mermaid").text)
    drawn = [s for s in m.speakers if s.id != "timofeev"]  # no claims, no relations
    assert list(chart.subgraphs.values()) == [s.name for s in drawn]
    assert [len(ids) for ids in chart.members.values()] == [len(m.claims_by(s.id)) for s in drawn]
    assert chart.lines[1] == "    %% Also taking part, with no claims on this map: Ivan Timofeev"
    assert not any(" s0 " in line or line.endswith(" s0") for line in chart.lines)
    assert len(chart.nodes) == len(m.claims) == 44
    assert len(chart.links) == len(m.relations) == 43
    assert sorted(decode(label) for label in chart.nodes.values()) == sorted(
        c.text for c in m.claims
    )
    assert sum(1 for link in chart.links if link[0].startswith("s")) == 2  # r34, r35


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped(small: dict[str, Any], text: str) -> None:
    small["claims"][0]["text"] = text
    small["speakers"][1]["name"] = text
    chart = parse(mermaid_flowchart(argmap.loads(dumps(small))))
    # The lines parse as before: nothing broke out of a label or added a statement.
    assert len(chart.nodes) == 3 and len(chart.links) == 3 and len(chart.subgraphs) == 2
    for label in (chart.nodes["n0"], chart.subgraphs["s1"]):
        assert not UNSAFE.search(ENTITY.sub("", label)), label
        assert decode(label) == text


def test_escape_keeps_plain_text_readable() -> None:
    assert escape("Kim's plan (2019) - a 50/50 bet, maybe?") == (
        "Kim's plan (2019) - a 50/50 bet, maybe?"
    )
    assert escape("Ünïcödé … “quotes” — 北朝鮮") == "Ünïcödé … “quotes” — 北朝鮮"
    assert escape('"#') == "#quot;#35;"


def test_rendering_filters_and_markdown(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    picture = argmap.render(m, "mermaid", speakers=["ann"])
    assert picture.format == "mermaid"
    chart = parse(picture.text)
    assert chart.subgraphs == {"s0": "Ann"} and chart.links == [("n1", "-->", "supports", "n0")]
    assert picture._repr_markdown_() == f"```mermaid\n{picture.text}```"
    assert picture._repr_svg_() is None
    with pytest.raises(ValueError, match="Mermaid draws the claims view only"):
        argmap.render(m, "mermaid", view="speakers")
    assert argmap.render(m, "mermaid", rankdir="LR").text.startswith("flowchart LR\n")


def test_cli_mermaid(tmp_path: Path, small: dict[str, Any]) -> None:
    map_file = tmp_path / "debate.json"
    map_file.write_text(dumps(small), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(map_file), "-o", str(tmp_path / "out.mmd")])
    assert result.exit_code == 0, result.output
    assert parse((tmp_path / "out.mmd").read_text(encoding="utf-8")).subgraphs == {
        "s0": "Ann",
        "s1": "Bob",
    }
    result = runner.invoke(main, ["render", str(map_file), "-f", "mermaid"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "debate.mmd")
    assert (tmp_path / "debate.mmd").read_text(encoding="utf-8").startswith("flowchart TB\n")
    result = runner.invoke(main, ["render", str(map_file), "-f", "mermaid", "--view", "speakers"])
    assert result.exit_code == 2  # a usage error
    assert "Mermaid draws the claims view only" in result.output
