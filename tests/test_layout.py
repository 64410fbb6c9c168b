"""The layout choice by size, and the block layout that argmap places itself."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.dot import claims_dot
from argmap.layout import DOT_MAX_CLAIMS, SFDP_MAX_CLAIMS, block_positions, choose_layout
from tests.conftest import ROOT, dumps

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_map

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("claims", "engine", "positioned"),
    [
        (0, "dot", False),
        (DOT_MAX_CLAIMS, "dot", False),
        (DOT_MAX_CLAIMS + 1, "sfdp", False),
        (SFDP_MAX_CLAIMS, "sfdp", False),
        (SFDP_MAX_CLAIMS + 1, "neato", True),
    ],
)
def test_automatic_choice_by_size(claims: int, engine: str, positioned: bool) -> None:
    layout = choose_layout(claims)
    assert (layout.engine, layout.positioned) == (engine, positioned)
    assert str(claims) in layout.reason


def test_requested_engine_wins() -> None:
    assert choose_layout(100_000, "dot").engine == "dot"
    assert choose_layout(3, "blocks").positioned
    assert choose_layout(3, "blocks").arguments == ("-n2",)


def test_block_positions_group_each_speakers_claims(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    positions = block_positions(m)
    assert set(positions) == {"ann", "bob", "a1", "a2", "b1"}
    # claims sit below their speaker's header, blocks do not overlap
    assert positions["a1"][1] < positions["ann"][1]
    assert positions["b1"][0] > max(positions["a1"][0], positions["a2"][0])


def fake_graphviz(tmp_path: Path) -> str:
    """A Graphviz stand-in that records its arguments and answers with a tiny SVG."""
    script = tmp_path / "fake"
    script.write_text(
        f'#!/bin/sh\necho "$@" > {tmp_path}/argv\ncat > /dev/null\n'
        "echo '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def test_auto_passes_the_chosen_engine_and_settings(tmp_path: Path) -> None:
    graphviz = fake_graphviz(tmp_path)
    for claims, expected in ((20, "-Kdot -Tsvg"), (DOT_MAX_CLAIMS + 1, "-Ksfdp -Tsvg -Goverlap")):
        m = argmap.loads(json.dumps(synthetic_map(claims)))
        argmap.render(m, "svg", graphviz=graphviz)
        assert (tmp_path / "argv").read_text(encoding="utf-8").startswith(expected)
    m = argmap.loads(json.dumps(synthetic_map(SFDP_MAX_CLAIMS + 1)))
    argmap.render(m, "svg", graphviz=graphviz)
    assert (tmp_path / "argv").read_text(encoding="utf-8").startswith("-Kneato -Tsvg -n2")


def test_block_layout_renders_every_claim_at_its_place(small: dict[str, Any]) -> None:
    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    m = argmap.loads(dumps(small))
    dot = argmap.render(m, "dot", engine="blocks").text  # no layout: dot text as given
    assert "cluster" not in claims_dot(m, positions=block_positions(m)).source
    assert dot.startswith("digraph argmap {")
    root = ET.fromstring(argmap.render(m, "svg", engine="blocks").data)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"claim-a1", "claim-a2", "claim-b1", "speaker-ann", "speaker-bob"} <= ids
    assert "legend" not in ids


def test_block_layout_of_a_large_map_finishes() -> None:
    m = argmap.loads(json.dumps(synthetic_map(3_000)))
    root = ET.fromstring(argmap.render(m, "svg").data)  # auto: blocks
    claims = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("claim-")]
    assert len(claims) == 3_000
