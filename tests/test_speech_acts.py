"""Speech acts (``data.speech_act``) and implicit claims (``data.implicit``) drawn distinctly:
a tag on the claim's kind line, a dashed (question) or dotted (implicit) box, a legend entry
only for the marks a map uses; the map's speech-act text escaped in DOT, SVG and Mermaid."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

import argmap
from argmap.draw.acts import tags
from argmap.draw.dot import claims_dot
from argmap.draw.legend import legend_dot
from argmap.draw.mermaid import _label, mermaid_flowchart
from argmap.model import ArgumentMap, Claim, Relation, Speaker
from tests.test_dot import objects, parsed, svg_text
from tests.test_mermaid import decode, parse

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_ACT = 'Sly <b>&"Asking"</b> \\N {x} ] ; עברית 🍵'


def debate(**acts: Any) -> ArgumentMap:
    """One claim per keyword, its ``data`` the value, and a plain claim ``plain``."""
    claims = [Claim(name, "ann", f"Claim {name}.", data=data) for name, data in acts.items()]
    claims.append(Claim("plain", "ann", "A plain claim."))
    relations = tuple(Relation(c.id, "plain", "supports") for c in claims[:-1])
    return ArgumentMap("Acts", (Speaker("ann", "Ann"),), tuple(claims), relations)


ALL = debate(
    asked={"speech_act": "Pure Questioning"},
    rhetorical={"speech_act": "Rhetorical Questioning"},
    challenged={"speech_act": "Challenging"},
    conceded={"speech_act": "Popular Conceding"},
    restated={"speech_act": "Restating"},
    analysed={"speech_act": "Analysing"},
    implied={"implicit": True},
)


def test_each_mark_has_its_kind_line_box_style_and_class() -> None:
    drawn = objects(parsed(claims_dot(ALL).source))
    expected = {
        "asked": ("? QUESTION · PURE QUESTIONING", "rounded,filled,dashed", "mark-question"),
        "rhetorical": ("? QUESTION · RHETORICAL", "rounded,filled,dashed", "mark-question"),
        "challenged": ("CHALLENGE", "rounded,filled", "mark-challenge"),
        "conceded": ("CONCESSION · POPULAR CONCEDING", "rounded,filled", "mark-concession"),
        "restated": ("RESTATEMENT", "rounded,filled", "mark-restatement"),
        "analysed": ("ANALYSING", "rounded,filled", "mark-act"),
        "implied": ("IMPLICIT", "rounded,filled,dotted", "mark-implicit"),
    }
    for name, (line, style, mark) in expected.items():
        item = drawn[name]
        assert line in item["label"], name
        assert item["style"] == style, name
        assert mark in item["class"].split(), name
    plain = drawn["plain"]
    assert plain["style"] == "rounded,filled" and "mark-" not in plain["class"]
    assert "<FONT" not in plain["label"]  # no kind line at all for a plain assessment


def test_kind_and_outcome_follow_the_speech_act_on_a_line_of_their_own() -> None:
    m = argmap.loads(
        '{"argmap": "1", "title": "T", "speakers": [{"id": "a", "name": "A"}], "claims": ['
        '{"id": "c", "speaker": "a", "text": "Will it rain?", "kind": "prediction",'
        ' "outcome": {"status": "open"}, "data": {"speech_act": "Assertive Questioning"}}]}'
    )
    lines = svg_text(claims_dot(m).source, "claim-c")
    assert lines[-2:] == ["? QUESTION · ASSERTIVE QUESTIONING", "PREDICTION - OUTCOME: OPEN"]


def test_an_implicit_question_gets_the_dotted_box_and_both_tags() -> None:
    m = debate(both={"implicit": True, "speech_act": "Pure Questioning"})
    item = objects(parsed(claims_dot(m).source))["both"]
    assert item["style"] == "rounded,filled,dotted"
    assert "IMPLICIT - ? QUESTION · PURE QUESTIONING" in item["label"]
    assert {"mark-implicit", "mark-question"} <= set(item["class"].split())


def test_no_speech_act_when_data_does_not_name_one() -> None:
    m = debate(
        empty={"speech_act": "  "}, number={"speech_act": 3}, said={"implicit": False}, other={}
    )
    drawn = objects(parsed(claims_dot(m, legend=True).source))
    for name in ("empty", "number", "said", "other"):
        assert "mark-" not in drawn[name]["class"]
        assert drawn[name]["style"] == "rounded,filled"
    assert not any(name.startswith("_legend_mark_") for name in drawn)


def legend_marks(source: str) -> set[str]:
    return {n.removeprefix("_legend_mark_") for n in objects(parsed(source)) if "mark" in n}


def test_legend_lists_only_the_marks_used() -> None:
    assert legend_marks(claims_dot(ALL, legend=True).source) == {
        "question",
        "challenge",
        "concession",
        "restatement",
        "act",
        "implicit",
    }
    only = debate(c={"speech_act": "Challenging"})
    assert legend_marks(claims_dot(only, legend=True).source) == {"challenge"}
    assert legend_marks(claims_dot(debate(), legend=True).source) == set()
    entry = objects(parsed(claims_dot(ALL, legend=True).source))["_legend_mark_question"]
    assert entry["style"] == "rounded,dashed" and "put as a question" in entry["label"]
    assert legend_dot("light", []) is None
    assert legend_dot("light", [], marks=["implicit"]) is not None


def svg_groups(svg: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g")}


def test_svg_draws_the_box_lines_and_puts_the_legend_below() -> None:
    groups = svg_groups(argmap.render(ALL, "svg", layout="flow").data)
    for name, dashed in (("asked", True), ("implied", True), ("challenged", False)):
        box = next(groups[f"claim-{name}"].iter(f"{SVG}path"), None)
        assert box is not None
        assert (box.get("stroke-dasharray") is not None) == dashed, name
    assert "mark-question" in (groups["claim-asked"].get("class") or "")
    assert {"legend-mark-question", "legend-mark-implicit"} <= set(groups)
    plain = svg_groups(argmap.render(debate(), "svg").data)
    assert not any(key.startswith("legend-mark") for key in plain)


@pytest.mark.parametrize("theme", ["light", "dark", "print"])
def test_rendering_is_deterministic_in_every_theme(theme: str) -> None:
    first = argmap.render(ALL, "svg", theme=theme).data
    assert first == argmap.render(ALL, "svg", theme=theme).data


def test_hostile_speech_act_is_escaped_in_dot_svg_and_mermaid() -> None:
    m = debate(sly={"speech_act": HOSTILE_ACT})
    source = claims_dot(m).source
    drawn = objects(parsed(source))["sly"]  # Graphviz parsed it: the DOT held
    assert drawn["class"].split()[-1] == "mark-act"
    shown = " ".join(svg_text(source, "claim-sly")[1:])
    assert shown == " ".join(HOSTILE_ACT.upper().split())
    svg = argmap.render(m, "svg").data
    assert b"<b>" not in svg and b"<B>&" not in svg
    chart = parse(mermaid_flowchart(m))
    labels = [decode(label) for label in chart.nodes.values()]
    assert f"[{HOSTILE_ACT.upper()}] Claim sly." in labels


def test_mermaid_marks_the_label() -> None:
    labels = {decode(label) for label in parse(mermaid_flowchart(ALL)).nodes.values()}
    assert "[? QUESTION · PURE QUESTIONING] Claim asked." in labels
    assert "[IMPLICIT] Claim implied." in labels
    assert "[CHALLENGE] Claim challenged." in labels
    assert "A plain claim." in labels


def test_a_speech_act_and_text_joined_with_marks_are_isolated() -> None:
    # A right-to-left override in a speech act's name or a claim's text must not reorder
    # the marks it is joined with on the kind line or in Mermaid's label.
    claim = Claim(
        "q", "ann", "Tax \u202esugar", data={"speech_act": "Rhetorical \u202eQuestioning"}
    )
    assert tags(claim) == ["? QUESTION · \u2068RHETORICAL \u202eQUESTIONING\u2069"]
    assert (
        _label(claim)
        == "[? QUESTION · \u2068RHETORICAL \u202eQUESTIONING\u2069] \u2068Tax \u202esugar\u2069"
    )
