"""The layout choice by size with fallbacks in a time budget, and the block layout."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.draw.dot import claims_dot
from argmap.draw.geometry import measure
from argmap.draw.layout import (
    COMPARE_MAX_CLAIMS,
    COMPONENTS_MAX_CLAIMS,
    block_positions,
    choose_layout,
    plan,
)
from tests.conftest import ROOT, dumps

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_map

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("claims", "arrangement", "engine"),
    [
        (0, "flow", "dot"),
        (COMPARE_MAX_CLAIMS, "flow", "dot"),
        (COMPARE_MAX_CLAIMS + 1, "components", "dot"),
        (COMPONENTS_MAX_CLAIMS, "components", "dot"),
        (COMPONENTS_MAX_CLAIMS + 1, "blocks", "neato"),
        (100_000, "blocks", "neato"),
    ],
)
def test_automatic_choice_by_size(claims: int, arrangement: str, engine: str) -> None:
    first = choose_layout(claims)
    assert (first.arrangement, first.engine) == (arrangement, engine)
    assert str(claims) in first.reason


def test_auto_falls_back_to_faster_layouts_ending_with_blocks() -> None:
    candidates = plan(500)
    assert [c.engine for c in candidates] == ["dot", "sfdp", "neato"]
    assert candidates[-1].positioned and candidates[-1].arguments == ("-n2",)
    assert sum(c.share for c in candidates) == pytest.approx(1.0)
    assert candidates[1].graph_attributes["overlap"] == "prism"


def test_requested_engine_wins_and_force_engines_remove_overlaps() -> None:
    assert [c.engine for c in plan(100_000, "dot")] == ["dot"]
    assert plan(3, "blocks")[0].positioned
    for engine in ("neato", "fdp", "sfdp"):
        (only,) = plan(30, engine)
        assert only.graph_attributes["overlap"] == "prism"
        assert only.arrangement == "components"  # no clusters for force-directed engines
    assert plan(30, "dot", "tree")[0].arrangement == "tree"
    with pytest.raises(ValueError, match="unknown layout 'spiral'"):
        plan(3, "auto", "spiral")


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
        f'#!/bin/sh\necho "$@" >> {tmp_path}/argv\ncat > /dev/null\n'
        "echo '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def test_auto_passes_the_chosen_engine_and_settings(tmp_path: Path) -> None:
    graphviz = fake_graphviz(tmp_path)
    m = argmap.loads(json.dumps(synthetic_map(20)))

    def first_call(**options: str) -> str:
        (tmp_path / "argv").unlink(missing_ok=True)
        argmap.render(m, "svg", graphviz=graphviz, **options)
        return (tmp_path / "argv").read_text(encoding="utf-8").splitlines()[0]

    assert first_call() == "-Kdot -Tsvg"
    assert first_call(engine="sfdp").startswith("-Ksfdp -Tsvg -Goverlap=prism")
    assert first_call(layout="blocks").startswith("-Kneato -Tsvg -n2")


def slow_dot(tmp_path: Path) -> str:
    """A Graphviz stand-in whose dot never finishes a map; the legend and other engines are
    answered at once."""
    script = tmp_path / "slow"
    script.write_text(
        f'#!/bin/sh\ninput=$(cat)\necho "$@ ${{input%%{{*}}" >> {tmp_path}/calls\n'
        'case "$1$input" in -Kdot*"digraph argmap"*) sleep 30;; esac\n'
        "echo '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def test_a_layout_out_of_time_falls_back_and_says_so(tmp_path: Path) -> None:
    m = argmap.loads(json.dumps(synthetic_map(COMPARE_MAX_CLAIMS + 1)))
    result = argmap.render(m, "svg", graphviz=slow_dot(tmp_path), timeout=2)
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    # dot (components) timed out, then sfdp drew it; the legend was drawn beside
    maps = [c.split()[0] for c in calls if "-Tsvg" in c and "digraph argmap" in c]
    assert maps[:2] == ["-Kdot", "-Ksfdp"]
    assert sum("digraph legend" in c for c in calls) == 1
    assert result.layout.startswith("sfdp")
    assert any("no layout within 1 s" in w for w in result.warnings)


def test_block_layout_renders_every_claim_at_its_place(small: dict[str, Any]) -> None:
    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    m = argmap.loads(dumps(small))
    dot = argmap.render(m, "dot", layout="blocks").text  # no layout: dot text as given
    assert "cluster" not in claims_dot(m, positions=block_positions(m)).source
    assert dot.startswith("digraph argmap {")
    root = ET.fromstring(argmap.render(m, "svg", layout="blocks").data)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"claim-a1", "claim-a2", "claim-b1", "speaker-ann", "speaker-bob"} <= ids
    assert "legend" not in ids


def test_block_layout_of_a_large_map_finishes() -> None:
    m = argmap.loads(json.dumps(synthetic_map(3_000)))
    root = ET.fromstring(argmap.render(m, "svg", layout="blocks").data)
    claims = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("claim-")]
    assert len(claims) == 3_000


@pytest.mark.parametrize("layout", ["components", "blocks"])
def test_the_large_map_notice_names_the_text_size_measured_in_the_picture(layout: str) -> None:
    from argmap.draw.geometry import COLUMN, text_px

    m = argmap.loads(json.dumps(synthetic_map(COMPARE_MAX_CLAIMS + 20, per_claim=1)))
    drawing = argmap.render(m, "svg", layout=layout)
    (notice,) = [w for w in drawing.warnings if "too many to read" in w]
    measured = text_px(drawing.text.encode("utf-8"))
    assert 0 < measured < 12
    assert f"(text {measured:.1f} px in a {COLUMN}-px column)" in notice


def test_blocks_leave_room_for_long_claims(small: dict[str, Any]) -> None:
    # Rows of a fixed 90 points let long claims' boxes overlap and hide each other's text
    # (9 overlaps on the Semmelweis Argdown map).
    for i, claim in enumerate(small["claims"]):
        claim["text"] = f"Claim {i}: " + "a long sentence that wraps onto many lines " * (2 + 2 * i)
    small["claims"] += [
        {"id": f"x{i}", "speaker": "ann", "text": "short " * (i % 7 * 9 + 1)} for i in range(12)
    ]
    picture = argmap.render(argmap.loads(dumps(small)), "svg", layout="blocks")
    assert measure(picture.data).overlaps == 0


def test_blocks_draw_a_png_of_a_map_with_relations(small: dict[str, Any]) -> None:
    # The legend inside a PNG had nodes without positions, which neato -n2 refuses.
    picture = argmap.render(argmap.loads(dumps(small)), "png", layout="blocks")
    assert picture.data.startswith(b"\x89PNG")
    assert any("no legend inside a png" in warning for warning in picture.warnings)
    assert "_legend_" not in argmap.render(argmap.loads(dumps(small)), "dot", layout="blocks").text
